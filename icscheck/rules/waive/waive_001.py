"""Every waiver names the rules it waives, why, who agreed it and until when.

A waiver (docs/waivers.md) lets a board live with a known gap, such as a
vacancy or an NHS England derogation, without switching the gate off. That is
only accountable if the waiver says why (`reason="..."`), who agreed it
(`approved-by="..."`, e.g. the board meeting that minuted it) and until when
(`until=YYYY-MM-DD`), and names rules that exist. A waiver missing any of
these is reported here and waives nothing, so the gap it meant to cover is
reported too. Waiver rules themselves (WAIVE-*) cannot be waived.

Fails:

    icscheck: 1
    board:
      # icscheck: waive BOARD-003 approved-by="Board 2024-03-12" until=2099-12-31
      members: []

Passes:

    icscheck: 1
    board:
      # icscheck: waive BOARD-003 reason="third partner member being appointed" approved-by="Board 2024-03-12" until=2099-12-31
      members:
        - {id: pm-1, role: partner_member, nominated_by: nhs_trusts_and_foundation_trusts}
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap

ID = "WAIVE-001"
SEVERITY = Severity.ERROR
SOURCE = "icscheck convention for accountable waivers (docs/waivers.md); no statutory source"
FIX = 'Give the waiver rule IDs, reason="...", approved-by="..." and until=YYYY-MM-DD.'


def check(model: Model, context: Context) -> Iterator[Gap]:
    for waiver in context.waivers:
        problems = list(waiver.problems)
        for rule in waiver.rules:
            if rule.startswith("WAIVE-"):
                problems.append(f"{rule}, which cannot be waived")
            elif rule not in context.known and f"'{rule}', which is not a rule ID" not in problems:
                problems.append(f"{rule}, which is not an icscheck rule")
        if problems:
            yield Gap(
                (),
                f"this waiver has {'; '.join(problems)}, so it waives nothing",
                at=(waiver.line, waiver.column),
            )
