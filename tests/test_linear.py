"""Linear time: the inputs that once took the square of their size, each at a size that
would take minutes if it still did.

Each runs under a deadline far above what linear work needs (about a second)
and far below what the quadratic version took, so a regression fails here
instead of hanging CI. (Figures are benchmarks/'s business, not these tests'.)
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from icscheck.bounded import MAX_LOOKED_AT
from icscheck.diagram import svg
from icscheck.diagram.measure import wrap
from icscheck.diff.words import list_detail
from icscheck.finding import Finding, Severity
from icscheck.loader import parse
from icscheck.model import build
from icscheck.result import FileResult, RuleResult
from icscheck.rules.base import Context
from icscheck.rules.comm import comm_005
from icscheck.rules.ref import ref_001
from tests.conftest import TODAY, check_text

DEADLINE = 30
"""Seconds: thirty times what the linear version needs here, on a slow machine."""
N = 20_000


@contextmanager
def deadline(seconds: float = DEADLINE) -> Iterator[None]:
    """Fail with TimeoutError if the block runs longer than ``seconds``."""

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"took more than {seconds} s: not linear")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def committees(count: int, line: str) -> str:
    """A constitution of ``count`` committees, each written as ``line`` formats it with ``i``."""
    head = "icscheck: 1\nboard:\n  members:\n    - {id: chair, role: chair}\ncommittees:\n"
    return head + "".join(line.format(i=i, j=i - 1) for i in range(count))


def test_ref_001_builds_its_id_sets_once() -> None:
    text = committees(
        N,
        "  - {{id: c{i}, name: C, type: other, chair: chair, members: [chair, x{i}], "
        "reports_to: board}}\n",
    )
    model = build(parse("c.yaml", text).data)
    with deadline():
        gaps = list(ref_001.check(model, Context(TODAY)))
    assert len(gaps) == N
    assert gaps[-1].message == (
        f"committees[{N - 1}].members[1]: 'x{N - 1}' is not the id of anything in this file; "
        "expected a board member or participant"
    )


def test_waivers_are_looked_up_by_line() -> None:
    """10,000 findings, each with its waiver, among 20,000 waivers."""
    waiver = 'icscheck: waive REF-001 reason="r" approved-by="a" until=2099-12-31'
    text = committees(
        MAX_LOOKED_AT, f"  - {{{{id: c{{i}}, name: C, type: other, chair: x}}}}  # {waiver}\n"
    )
    text += f"# {waiver}\n" * MAX_LOOKED_AT
    with deadline():
        result = check_text(text)
    [outcome] = [r for r in result.rules if r.rule == "REF-001"]
    assert outcome.findings == ()
    assert len(outcome.waived) == 101  # the first 100, and how many more
    assert outcome.waived[100].finding.message == (  # at the first not listed
        "9,900 more waived findings of REF-001 in this file are not listed: icscheck lists "
        "the first 100 of each rule in each file"
    )


def test_every_committee_on_a_long_loop_is_named_quickly() -> None:
    text = committees(N, "  - {{id: c{i}, name: C, type: other, reports_to: c{j}}}\n")
    text = text.replace("reports_to: c-1}", f"reports_to: c{N - 1}}}")
    model = build(parse("c.yaml", text).data)
    with deadline():
        gaps = list(comm_005.check(model, Context(TODAY)))
    assert len(gaps) == N
    assert gaps[5].message == (
        "committee 'c5' has a reporting loop "
        "(c5 -> c4 -> c3 -> c2 -> c1 -> c0 -> c19999 -> c19998 -> ...) "
        "that never reaches the board"
    )


def test_repeated_ids_on_one_long_line_are_not_each_a_walk_of_it() -> None:
    line = committees(N // 2, "  - {{id: c{i}, name: C, type: other, reports_to: c{j}}}\n")
    line = line.replace("reports_to: c-1", "reports_to: board")
    repeats = "".join(
        f"  - {{id: c0, name: again, type: other, reports_to: c{N // 2 - 1}}}\n"
        for _ in range(N // 2)
    )
    model = build(parse("c.yaml", line + repeats).data)
    with deadline():
        gaps = list(comm_005.check(model, Context(TODAY)))
    assert gaps == []  # each line reaches the board (REF-002 reports the repeated ids)


def test_the_map_finds_each_elements_gaps_by_look_up() -> None:
    """A gap on each of 20,000 committees (uncapped, as a result could hold them)."""
    text = committees(N, "  - {{id: c{i}, name: C, type: other, reports_to: board}}\n")
    model = build(parse("c.yaml", text).data)
    gap = Finding("c.yaml", 1, 1, "X-1", Severity.ERROR, "gap", "source")
    findings = tuple(replace(gap, node=f"/committees/{i}/chair") for i in range(N))
    result = FileResult("c.yaml", rules=(RuleResult("X-1", findings),), model=model)
    with deadline():
        picture = svg(result)
    assert picture.count('class="gap"') == N


def test_a_word_of_a_million_characters_is_wrapped_in_one_pass() -> None:
    with deadline():
        lines = wrap("x" * 1_000_000, 200, 13)
    assert "".join(lines) == "x" * 1_000_000 and len(lines) > 1_000


def test_a_diff_of_long_lists_looks_items_up() -> None:
    old = tuple(f"a{i}" for i in range(N * 5))
    new = tuple(f"b{i}" for i in range(N * 5))
    with deadline():
        detail = list_detail(old, new)
    assert detail.startswith("added b0, b1,") and "; removed a0, a1," in detail


def test_ref_001_checks_every_decisions_accountability_against_one_set() -> None:
    # Format 2 once rebuilt the set of ids for each decision map entry.
    head = "icscheck: 2\nboard:\n  members:\n    - {id: chair, role: chair}\ncommittees:\n"
    count = 2 * N
    text = (
        head
        + "".join(f"  - {{id: c{i}, name: C, reports_to: board}}\n" for i in range(count))
        + "decision_map:\n"
        + "".join(
            f"  - {{function: F{i}, decided_by: c{i}, accountable: a{i}}}\n" for i in range(count)
        )
    )
    model = build(parse("c.yaml", text).data)
    with deadline():
        gaps = list(ref_001.check(model, Context(TODAY)))
    assert len(gaps) == count
    assert gaps[-1].message == (
        f"decision_map[{count - 1}].accountable: 'a{count - 1}' is not the id of anything in "
        "this file; expected the board or a committee"
    )


def test_the_fast_engine_walks_an_aliased_value_once() -> None:
    # 2**60 uses of one float through shared lists, as YAML aliases share them: walked use
    # by use, the whole-number-float scan would never end.
    from icscheck import fastcheck
    from icscheck.loader import has_whole_float

    shared: list[Any] = [2.5]
    for _ in range(60):
        shared = [shared, shared]
    key = json.dumps({"type": "array"}, sort_keys=True)
    with deadline():
        assert not has_whole_float(shared)
        assert has_whole_float([shared, {"n": 10.0}])
        assert fastcheck.surely_valid(key, shared) is fastcheck.available()
