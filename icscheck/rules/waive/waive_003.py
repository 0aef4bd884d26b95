"""Every waiver waives a finding.

A waiver that matches no finding (docs/waivers.md) is either stale, because
the gap was closed, or misplaced: it is not on the line of the node concerned
or alone on the line above it, or it names the wrong rule. Either way it would
silently cover a future gap, so it is reported. Only in-date, well-formed
waivers are judged here (WAIVE-001 and WAIVE-002 report the others), and a
rule that was not run (deselected by configuration) is not held against it.

Fails:

    icscheck: 1
    board:
      # icscheck: waive BOARD-003 reason="vacancy" approved-by="Board 2024-03-12" until=2099-12-31
      members:
        - {id: pm-1, role: partner_member, nominated_by: nhs_trusts_and_foundation_trusts}
        - {id: pm-2, role: partner_member, nominated_by: primary_medical_services}
        - {id: pm-3, role: partner_member, nominated_by: local_authorities}

Passes:

    icscheck: 1
    board:
      # icscheck: waive BOARD-003 reason="vacancy" approved-by="Board 2024-03-12" until=2099-12-31
      members: []
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap

ID = "WAIVE-003"
SEVERITY = Severity.WARNING
SOURCE = "icscheck convention for accountable waivers (docs/waivers.md); no statutory source"
FIX = "Remove the waiver, or move it onto the line of the finding (or alone on the line above)."
REVIEW = True


def check(model: Model, context: Context) -> Iterator[Gap]:
    found = {(f.line, f.rule) for f in context.findings}
    for waiver in context.waivers:
        if not waiver.applies(context.on) or any(r.startswith("WAIVE-") for r in waiver.rules):
            continue
        # A rule stopped before all its gaps were looked at cannot say what it missed.
        ran = [r for r in waiver.rules if r in context.ran and r not in context.incomplete]
        unused = [rule for rule in ran if (waiver.target, rule) not in found]
        if unused:
            yield Gap(
                (),
                f"this waiver of {', '.join(unused)} matches no finding on line {waiver.target}",
                at=(waiver.line, waiver.column),
            )
