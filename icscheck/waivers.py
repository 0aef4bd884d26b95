"""Waivers: inline comments that accept a known gap, with who agreed it and until when.

A governance team may need to live with a gap for a while (a vacancy, an NHS
England derogation) without switching the gate off. A waiver is a YAML
comment in the constitution, on the line of the node concerned or alone on
the line above it::

    # icscheck: waive BOARD-010 reason="DPH attends as participant from 2025" approved-by="Board 2024-03-12" until=2025-12-31

Several rule IDs may be given, separated by commas. A waiver must say why
(``reason``), who agreed it (``approved-by``) and until when (``until``, an ISO
date); one that does not is malformed (WAIVE-001) and waives nothing. An
expired waiver (WAIVE-002) waives nothing either, so its finding returns; a
waiver that matches no finding is reported too (WAIVE-003).

Which ``#`` starts a comment is the parser's to say, not a guess from the
line: text inside a value (a ``|`` block, a quoted or plain scalar over
several lines) that looks like a waiver is text, so whoever may edit a
free-text field cannot silence a rule with it.
"""

from __future__ import annotations

import datetime as _dt
import re
import shlex
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from icscheck.reader import LINE_BREAK

MARKER = re.compile(r"#\s*icscheck\s*:\s*waive\b(?P<body>.*)$")
RULE_ID = re.compile(r"(X-)?[A-Z][A-Z0-9]*-\d{3}")
"""A built-in rule ID (BOARD-003), or a house rule's (X-EAST-001, docs/house-rules.md)."""
FIELDS = ("reason", "approved-by", "until")


@dataclass(frozen=True)
class Waiver:
    """One waiver comment, as written, with what is wrong with it (if anything)."""

    line: int
    """The line of the comment."""
    column: int
    target: int
    """The line whose findings it waives: its own, or the next when it stands alone."""
    rules: tuple[str, ...]
    reason: str | None
    approved_by: str | None
    until: _dt.date | None
    problems: tuple[str, ...] = ()

    def expired(self, today: _dt.date) -> bool:
        return self.until is not None and self.until < today

    def applies(self, today: _dt.date) -> bool:
        """Well formed and in date: it waives the findings it matches."""
        return not self.problems and not self.expired(today)

    def describe(self) -> str:
        return (
            f"reason: {self.reason}; approved by: {self.approved_by}; "
            f"until: {self.until.isoformat() if self.until else 'not given'}"
        )


def today() -> _dt.date:
    """The date waivers are judged against (one place, so tests can fix it)."""
    return _dt.date.today()


def find_waivers(text: str, spans: Sequence[tuple[int, int]]) -> tuple[Waiver, ...]:
    """Every waiver comment in ``text``, in line order.

    A waiver is a YAML comment, never text inside a value: ``spans`` are where
    the document's scalars lie (``Composed.spans``, in document order), and a
    ``#`` within one of them is text however much it looks like a waiver.
    """
    found = []
    inside = _Cursor(spans)
    for number, start, line in _lines_with(text, "icscheck"):
        comment = _comment(line, start, inside)
        match = None if comment is None else MARKER.search(line, comment)
        if comment is None or match is None:
            continue
        alone = not line[:comment].strip(" \t")  # the comment is all the line holds
        target = number + 1 if alone else number
        found.append(_parse(number, match.start() + 1, target, match["body"]))
    return tuple(found)


def _lines_with(text: str, word: str) -> Iterator[tuple[int, int, str]]:
    """``(number, offset, line)`` of each line that holds ``word``, lines broken as YAML breaks them."""
    start = 0
    number = 1
    for found in LINE_BREAK.finditer(text):
        if text.find(word, start, found.start()) != -1:  # most lines are not waivers
            yield number, start, text[start : found.start()]
        start = found.end()
        number += 1
    if text.find(word, start) != -1:
        yield number, start, text[start:]


class _Cursor:
    """Whether an offset lies in one of ``spans``, asked in increasing order: one pass in all."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._spans = spans
        self._next = 0

    def __call__(self, offset: int) -> bool:
        spans, index = self._spans, self._next
        while index < len(spans) and spans[index][1] <= offset:
            index += 1
        self._next = index
        return index < len(spans) and spans[index][0] <= offset


def _comment(line: str, start: int, inside: _Cursor) -> int | None:
    """Where the comment on ``line`` (at offset ``start``) begins, if it has one.

    A comment is a ``#`` at the start of the line or after a space or tab
    (YAML 1.2.2 §6.6) that is not inside a scalar.
    """
    at = line.find("#")
    while at != -1:
        if (at == 0 or line[at - 1] in " \t") and not inside(start + at):
            return at
        at = line.find("#", at + 1)
    return None


def _parse(line: int, column: int, target: int, body: str) -> Waiver:
    problems: list[str] = []
    try:
        words = shlex.split(body)
    except ValueError:
        return Waiver(line, column, target, (), None, None, None, ("an unclosed quote",))
    rules: list[str] = []
    fields: dict[str, str] = {}
    for word in words:
        key, equals, value = word.partition("=")
        if equals:
            if key not in FIELDS:
                problems.append(f"an unknown field '{key}' (expected {', '.join(FIELDS)})")
            fields[key] = value.strip()
        else:
            for rule in filter(None, word.split(",")):
                rules.append(rule)
    if not rules:
        problems.append("no rule ID")
    for rule in rules:
        if not RULE_ID.fullmatch(rule):
            problems.append(f"'{rule}', which is not a rule ID")
    for key in FIELDS:
        if not fields.get(key):
            problems.append(f"no {key}")
    until = None
    if fields.get("until"):
        try:
            until = _dt.date.fromisoformat(fields["until"])
        except ValueError:
            problems.append(f"until={fields['until']}, which is not a date (YYYY-MM-DD)")
    return Waiver(
        line=line,
        column=column,
        target=target,
        rules=tuple(rules),
        reason=fields.get("reason") or None,
        approved_by=fields.get("approved-by") or None,
        until=until,
        problems=tuple(problems),
    )
