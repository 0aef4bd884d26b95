"""What a picture is made of: lines, boxes and the whole picture, for both drawings.

icscheck/diagram/picture.py works out a Picture from a checked file; to_mermaid.py
and to_svg.py draw it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from icscheck.finding import Finding, Severity

PARTICIPANTS = "g5"
"""The key of the non-voting participants' box."""


def plural(count: int, word: str, words: str = "") -> str:
    """``1 member``, ``2 members`` (or ``words`` where adding an s will not do)."""
    return f"{count} {word}" if count == 1 else f"{count} {words or word + 's'}"


GAP = "\u26a0"  # ⚠, with the red border: colour is never the only sign of a gap
ERROR_GAP = "\u2717"
"""✗: a gap an error-level rule found, as every report marks one (⚠ is a warning's)."""


def mark(findings: Iterable[Finding]) -> str:
    """✗ where an error-level rule found a gap, else ⚠: the reports' own marks."""
    return ERROR_GAP if any(f.severity is Severity.ERROR for f in findings) else GAP


def rules(findings: Iterable[Finding]) -> str:
    """The rule IDs of ``findings``, once each, sorted: ``COMM-003, REF-001``."""
    return ", ".join(sorted({f.rule for f in findings}))


@dataclass(frozen=True)
class Line:
    """One person or function inside a box, with the findings about it."""

    text: str
    gaps: tuple[Finding, ...] = ()
    node: str = ""

    @property
    def shown(self) -> str:
        """The text, marked where it has a gap: ``⚠ Jo Bloggs [BOARD-009]`` (✗ for an
        error-level rule's)."""
        return f"{mark(self.gaps)} {self.text} [{rules(self.gaps)}]" if self.gaps else self.text


@dataclass(frozen=True)
class Box:
    """A drawn element: its title, detail lines and the findings that mark it as a gap."""

    key: str
    """A short identifier made here (never from the file), safe in any syntax."""
    kind: str
    """board, group, committee, detached, place or decisions: how it is styled."""
    title: str
    lines: tuple[Line, ...] = ()
    gaps: tuple[Finding, ...] = ()
    node: str = ""

    @property
    def note(self) -> str | None:
        """The box's own gap line (``✗ gap: COMM-003``, ⚠ for warnings only), if it has
        findings."""
        return f"{mark(self.gaps)} gap: {rules(self.gaps)}" if self.gaps else None

    @property
    def is_gap(self) -> bool:
        return (
            bool(self.gaps)
            or self.kind in ("detached", "unknown")
            or any(line.gaps for line in self.lines)
        )


@dataclass(frozen=True)
class Picture:
    """Everything both drawings need, in file order."""

    icb: str
    board: Box
    groups: tuple[Box, ...]
    committees: dict[str, Box]
    """By key (``c0``...), in file order."""
    children: dict[str, list[str]]
    """Committee keys by the key of what they report to (``board`` or a committee's key)."""
    detached: tuple[str, ...]
    """Committees whose reporting line is missing, unknown or loops: attached to nothing."""
    places: tuple[Box, ...]
    decisions: tuple[tuple[str | None, Box], ...]
    """Per decider: the key of its box where it has one, and the box of its functions."""
    other_gaps: tuple[Finding, ...] = field(default=())
    """Findings about no drawn element (a missing committee, the principles...)."""
    serves: tuple[tuple[str, str], ...] = field(default=())
    """(committee key, place key): each place committee and the partnership it serves."""

    def below(self, key: str) -> Iterator[tuple[str, str, int]]:
        """Every committee under ``key`` (``board`` or a committee's key), each before its own.

        As (key, parent key, depth), depth 1 for those reporting to ``key``
        directly. An explicit stack, not recursion: a reporting line can be
        thousands of committees deep.
        """
        stack = [(key, iter(self.children.get(key, ())), 0)]
        while stack:
            parent, children, depth = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                continue
            yield child, parent, depth + 1
            stack.append((child, iter(self.children.get(child, ())), depth + 1))

    @property
    def gap_count(self) -> int:
        boxes = (
            self.board,
            *self.groups,
            *self.committees.values(),
            *self.places,
            *(box for _, box in self.decisions),
        )
        return sum(1 for box in boxes if box.is_gap)
