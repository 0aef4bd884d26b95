"""COMM-005 on long reporting lines: each line is walked once, with the same findings.

tests/rules/cases/COMM-005.yaml holds the small cases; these are the long
lines that used to take a walk (and a list search per step) per committee.
"""

from __future__ import annotations

import datetime as dt

from icscheck.loader import parse, pointer
from icscheck.model import build
from icscheck.rules.base import Context
from icscheck.rules.comm import comm_005 as rule
from tests.conftest import check_text


def chain(length: int, first: str = "reports_to: board", *extra: str) -> str:
    """Committees c0..c{length-1}, each reporting to the one before; c0 as ``first`` says."""
    first = f", {first}" if first else ""
    lines = ["icscheck: 1", "committees:", f"  - {{id: c0, name: C0, type: other{first}}}"]
    lines += [
        f"  - {{id: c{i}, name: C{i}, type: other, reports_to: c{i - 1}}}" for i in range(1, length)
    ]
    return "\n".join([*lines, *extra]) + "\n"


def comm_005(text: str) -> list[tuple[str, str]]:
    """The rule's gaps, every one (the engine lists the first 100: icscheck/bounded.py)."""
    model = build(parse("chain.yaml", text).data)
    return [(pointer(gap.node), gap.message) for gap in rule.check(model, Context(dt.date.today()))]


def test_a_5000_deep_line_to_the_board_is_no_finding() -> None:
    assert comm_005(chain(5000)) == []


def test_a_loop_at_the_end_of_a_long_line_is_a_loop_for_every_committee_on_it() -> None:
    # c0 -> c2 -> c1 -> c0 is the loop; c3..c299 lead into it.
    findings = comm_005(chain(300, "reports_to: c2"))
    assert len(findings) == 300
    assert findings[:4] == [
        ("/committees/0/reports_to",
         "committee 'c0' has a reporting loop (c0 -> c2 -> c1 -> c0) that never reaches the board"),
        ("/committees/1/reports_to",
         "committee 'c1' has a reporting loop (c1 -> c0 -> c2 -> c1) that never reaches the board"),
        ("/committees/2/reports_to",
         "committee 'c2' has a reporting loop (c2 -> c1 -> c0 -> c2) that never reaches the board"),
        ("/committees/3/reports_to",
         "committee 'c3' has a reporting loop (c3 -> c2 -> c1 -> c0 -> c2) that never reaches the board"),
    ]  # fmt: skip
    # A long way into the loop is named by its first committees: each message stays short.
    assert findings[-1] == (
        "/committees/299/reports_to",
        "committee 'c299' has a reporting loop "
        "(c299 -> c298 -> c297 -> c296 -> c295 -> c294 -> c293 -> c292 -> ...) "
        "that never reaches the board",
    )


def test_the_report_lists_the_first_100_and_says_how_many_more() -> None:
    result = check_text(chain(300, "reports_to: c2"), "chain.yaml")
    [outcome] = [r for r in result.rules if r.rule == "COMM-005"]
    assert len(outcome.findings) == 101
    summary = outcome.findings[0]  # at the first finding's place, and sorted by its message
    assert (summary.line, summary.column, summary.node) == (3, 37, "/committees/0/reports_to")
    assert summary.message == (
        "200 more findings of COMM-005 in this file are not listed: icscheck lists the first "
        "100 of each rule in each file"
    )
    assert [f.node for f in outcome.findings[1:]] == [
        f"/committees/{i}/reports_to" for i in range(100)
    ]


def test_a_long_line_ending_nowhere_names_its_last_committee_for_every_one_on_it() -> None:
    no_one = comm_005(chain(2000, ""))
    assert no_one[0] == (
        "/committees/0",
        "committee 'c0' does not say whom it reports to (reports_to)",
    )
    assert no_one[1:] == [
        (
            f"/committees/{i}/reports_to",
            f"committee 'c{i}' reports to 'c0', which reports to no one",
        )
        for i in range(1, 2000)
    ]
    unknown = comm_005(chain(2000, "reports_to: nowhere"))
    # c0's own unknown target is REF-001's finding alone.
    assert unknown == [
        (f"/committees/{i}/reports_to",
         f"committee 'c{i}' reports through 'c0' to 'nowhere', which is not a committee, "
         "so the line never reaches the board")
        for i in range(1, 2000)
    ]  # fmt: skip


def test_a_repeated_id_walks_its_own_line() -> None:
    # The second 'x' reaches the first 'x' again: a loop for it, though the first reaches the board.
    text = chain(
        1000,
        "reports_to: board",
        "  - {id: x, name: X, type: other, reports_to: board}",
        "  - {id: y, name: Y, type: other, reports_to: x}",
        "  - {id: x, name: X again, type: other, reports_to: y}",
    )
    assert comm_005(text) == [
        ("/committees/1002/reports_to",
         "committee 'x' has a reporting loop (x -> y -> x) that never reaches the board"),
    ]  # fmt: skip
