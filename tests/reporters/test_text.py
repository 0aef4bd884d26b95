"""The Rich report: content, plain-text mode, and no information lost at 80 columns."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from rich.cells import cell_len

from icscheck import __version__
from icscheck.reporters.text import TextReporter
from tests.conftest import RULES, SUFFOLK, V1, check
from tests.test_cli import two_partner_members

Write = Callable[..., str]


def render(paths: list[str], *, color: bool | None = None, width: int = 80) -> str:
    stream = io.StringIO()
    TextReporter(stream, color=color, width=width).write(check(paths))
    return stream.getvalue()


def requirement_cells(text: str) -> dict[str, str]:
    """Each rule's Requirement cell in the area tables, its wrapped lines joined."""
    cells: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if not line.startswith("│"):
            continue
        columns = [column.strip() for column in line.strip("│").split("│")]
        if columns[1]:
            current = columns[1]
            cells[current] = []
        if current is not None and columns[3]:
            cells[current].append(columns[3])
    return {rule: " ".join(parts) for rule, parts in cells.items()}


def test_header_tables_and_verdict() -> None:
    text = render([str(SUFFOLK)])
    lines = text.splitlines()
    assert lines[0] == "NHS Suffolk and North East Essex Integrated Care Board"
    assert lines[1] == f"  file: {SUFFOLK}"
    assert lines[2] == f"  format version: 1   ruleset: icscheck {__version__}, {len(V1)} rules"
    for area in (
        "File format and references",
        "Board composition",
        "Committees",
        "Place-based partnerships",
        "Functions and decision map",
        "Principles and transparency",
    ):
        assert area in lines
    assert "Gaps in" not in text


@pytest.mark.parametrize("width", [80, 60])
def test_no_line_is_wider_than_the_terminal_and_nothing_is_cut(
    write: Write, suffolk_text: str, width: int
) -> None:
    path = write(two_partner_members(suffolk_text), "c.yaml")
    text = render([path], width=width)
    for line in text.splitlines():
        # Only a location may overflow (it is never split); everything else wraps.
        if path not in line:
            assert cell_len(line) <= width, line
    flat = " ".join(text.split())
    requirements = requirement_cells(text)
    for rule in (RULES["BOARD-003"], RULES["BOARD-004"]):
        assert requirements[rule.id] == rule.title
        assert f"source: {rule.source}" in flat
        assert f"fix: {rule.fix}" in flat
    assert "…" not in text  # nothing truncated with an ellipsis


def test_marks_for_pass_error_and_warning(write: Write, suffolk_text: str) -> None:
    path = write(
        suffolk_text.replace("  senior_non_executive: ned-people\n", "").replace(
            "    - id: ceo\n      name: Sam Whitfield\n      role: chief_executive\n", ""
        )
    )
    rows: dict[str, str] = {}
    for line in render([path], width=120).splitlines():
        cells = line.replace("│", " ").split()
        if len(cells) > 1 and cells[1] in V1:
            rows[cells[1]] = cells[0]
    assert rows["BOARD-002"] == "✗"
    assert rows["BOARD-013"] == "⚠"
    assert rows["BOARD-001"] == "✓"
    assert len(rows) == len(V1)


def test_plain_when_no_color_and_styled_when_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in render([str(SUFFOLK)], color=None)
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" in render([str(SUFFOLK)], color=True)
    assert "\x1b[" not in render([str(SUFFOLK)], color=False)


def test_no_trailing_whitespace() -> None:
    assert all(line == line.rstrip() for line in render([str(SUFFOLK)]).splitlines())
