"""No waiver or configuration override has expired.

A waiver is agreed until a date (`until=YYYY-MM-DD`, docs/waivers.md). After
that date the gap it covered is open again: the waiver is reported here as an
error, and the finding it waived returns to the report and counts towards the
exit code. Renew the waiver (a new date, agreed again) or close the gap. A
waiver is in date on its `until` date itself and expires the day after.

A configuration override (`[overrides.RULE]` with `until = YYYY-MM-DD`,
docs/configuration.md) that switched a rule off or changed its severity
lapses the same way: from the day after its `until` date the rule runs at its
own severity, and every file checked has this finding, at its first line,
naming the configuration file and line of the override. A gate switched off
in configuration (`fail-on = {level = "never", ..., until = YYYY-MM-DD}`)
lapses likewise: the run fails on errors again, and every file has this
finding saying so.

Fails:

    icscheck: 1
    board:
      # icscheck: waive BOARD-003 reason="vacancy" approved-by="Board 2024-03-12" until=2024-12-31
      members: []

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

ID = "WAIVE-002"
SEVERITY = Severity.ERROR
SOURCE = "icscheck convention for accountable waivers (docs/waivers.md); no statutory source"
FIX = (
    "Close the gap, or renew the waiver (or the configuration override) with a new until "
    "date agreed by whoever approved it."
)


def check(model: Model, context: Context) -> Iterator[Gap]:
    for waiver in context.waivers:
        if waiver.until is not None and waiver.expired(context.on):
            yield Gap(
                (),
                f"the waiver of {', '.join(waiver.rules)} expired on {waiver.until.isoformat()} "
                f"(approved by {waiver.approved_by or 'no one named'}); what it waived is reported again",
                at=(waiver.line, waiver.column),
            )
    by_override: dict[str, list[str]] = {}
    overrides = {}
    for item in context.lapsed:
        by_override.setdefault(item.override.origin, []).append(item.rule)
        overrides[item.override.origin] = item.override
    for origin, rules in by_override.items():
        override = overrides[origin]
        yield Gap(
            (),
            f"the configuration override of {override.selector} ({override.action}) at {origin} "
            f"lapsed on {override.accountability.until.isoformat()} (approved by "
            f"{override.accountability.approved_by}); {', '.join(rules)} "
            f"{'runs' if len(rules) == 1 else 'run'} at {'its' if len(rules) == 1 else 'their'} "
            "own severity again",
            at=(1, 1),
        )
    if context.lapsed_gate is not None:
        yield Gap((), f"the configuration's {context.lapsed_gate.describe()}", at=(1, 1))
