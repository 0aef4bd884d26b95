"""Waivers: inline comments that accept a known gap, with who agreed it and until when.

A governance team may need to live with a gap for a while (a vacancy, an NHS
England derogation) without switching the gate off. A waiver is a comment in
the constitution, on the line of the node concerned or alone on the line
above it::

    # icscheck: waive BOARD-010 reason="DPH attends as participant from 2025" approved-by="Board 2024-03-12" until=2025-12-31

Several rule IDs may be given, separated by commas. A waiver must say why
(``reason``), who agreed it (``approved-by``) and until when (``until``, an ISO
date); one that does not is malformed (WAIVE-001) and waives nothing. An
expired waiver (WAIVE-002) waives nothing either, so its finding returns; a
waiver that matches no finding is reported too (WAIVE-003).
"""

from __future__ import annotations

import datetime as _dt
import re
import shlex
from dataclasses import dataclass

from icscheck.reader import LINE_BREAK

MARKER = re.compile(r"#\s*icscheck\s*:\s*waive\b(?P<body>.*)$")
RULE_ID = re.compile(r"[A-Z]+-\d{3}")
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


def find_waivers(text: str) -> tuple[Waiver, ...]:
    """Every waiver comment in ``text``, in line order."""
    found = []
    lines = LINE_BREAK.split(text)
    for number, line in enumerate(lines, start=1):
        if "icscheck" not in line:  # cheap test first: most lines are not waivers
            continue
        match = MARKER.search(line)
        if match is None or not _is_comment(line, match.start()):
            continue
        alone = not line[: match.start()].strip()
        found.append(
            _parse(number, match.start() + 1, number + 1 if alone else number, match["body"])
        )
    return tuple(found)


def _is_comment(line: str, index: int) -> bool:
    """``#`` at ``index`` starts a YAML comment: at the line start or after a space.

    Inside a quoted scalar it could be text; the marker must then be preceded by
    a quote count that is even, a good enough test for one-line values.
    """
    before = line[:index]
    if before and not before[-1].isspace():
        return False
    return before.count('"') % 2 == 0 and before.count("'") % 2 == 0


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
