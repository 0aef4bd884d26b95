"""The text-level parts of ``icscheck migrate``: line endings, and the BOARD-012 waiver.

ruamel.yaml's round trip (icscheck/migrate.py) writes ``\\n`` between lines
but keeps a comment's own ``\\r``, so a CRLF file would come out mixed: the
text is read with ``\\n`` breaks and written back with the file's own.

A waiver waives the findings reported on its target line (docs/waivers.md).
Format 1 reports a missing mental health member (BOARD-012) at
``board.members``, where the flags are; format 2 reports the post missing at
``board``, the mapping that should name it. A waiver of BOARD-012 aimed at
``members`` would match nothing after the migration (WAIVE-003) and the gap it
accepted would fail the gate, so the migration moves that rule, with the same
reason, approver and date, to the ``board`` line.
"""

from __future__ import annotations

import re
import shlex

from icscheck.reader import LINE_BREAK
from icscheck.waivers import Waiver, find_waivers

RULE = "BOARD-012"
_BREAKS = re.compile(f"({LINE_BREAK.pattern})")
_CARRIAGE = re.compile("\r\n?")
SPACE = " \t"


def newline_of(text: str) -> str:
    """The line break ``text`` uses (its first one), ``\\n`` when it has none."""
    found = _CARRIAGE.search(text)
    first = text.find("\n")
    if found is None or (first != -1 and first < found.start()):
        return "\n"
    return found.group()


def with_newlines(text: str) -> str:
    """``text`` with every ``\\r\\n`` and lone ``\\r`` as ``\\n`` (YAML counts each as one break)."""
    return _CARRIAGE.sub("\n", text)


def move_waivers(
    text: str, board: int, members: int, waivers: tuple[Waiver, ...]
) -> tuple[str, list[str]]:
    """``text`` with BOARD-012 taken from each well-formed waiver aimed at line
    ``members`` and given, with the same reason, approver and date, to a waiver aimed
    at line ``board``; and a change line for each (lines 1-based, ``board`` first).

    A waiver aimed at ``board`` can stand on it or alone on the line above: one
    that finds both taken by comments is left as it was, and the change says so.
    """
    moving = [w for w in waivers if RULE in w.rules and w.target == members and not w.problems]
    if not moving or board >= members:
        return text, []
    parts = _BREAKS.split(text)
    lines, breaks = parts[0::2], parts[1::2]
    free = []  # where a waiver of the board line can go, decided before anything moves
    if re.search(r"[ \t]#", lines[board - 1]) is None:
        free.append("onto the board line")
    if board < 2 or not lines[board - 2].lstrip(SPACE).startswith("#"):
        free.append("onto a line of its own above the board line")
    placed = list(zip(moving, free, strict=False))
    changes = [
        f"waiver of {RULE}: moved from the board.members line {where}, where format 2 "
        "reports a missing mental health member"
        for _, where in placed
    ]
    changes += [
        f"waiver of {RULE} on the board.members line: NOT moved (the board line and the "
        "line above it hold comments already): move it to the board line by hand"
        for _ in moving[len(placed) :]
    ]
    for waiver, _ in reversed(placed):  # from the bottom, so the lines above keep their numbers
        index = waiver.line - 1
        rest = tuple(rule for rule in waiver.rules if rule != RULE)
        head, comment = lines[index][: waiver.column - 1], lines[index][waiver.column - 1 :]
        if rest:
            lines[index] = head + _without(comment, waiver, rest)
        elif head.strip(SPACE):
            lines[index] = head.rstrip(SPACE)
        else:
            del lines[index]
            del breaks[min(index, len(breaks) - 1)]
    line = lines[board - 1]
    for waiver, where in placed:
        comment = _comment(waiver, (RULE,))
        if where == "onto the board line":
            lines[board - 1] = f"{line.rstrip(SPACE)}  {comment}"
        else:
            lines.insert(board - 1, line[: len(line) - len(line.lstrip(SPACE))] + comment)
            breaks.insert(board - 1, breaks[0] if breaks else "\n")
    out = [piece for pair in zip(lines, [*breaks, ""], strict=True) for piece in pair]
    return "".join(out), changes


def _without(comment: str, waiver: Waiver, rest: tuple[str, ...]) -> str:
    """``comment`` (the waiver as written) without BOARD-012, as little changed as can be."""
    for pattern in (rf",\s*{RULE}\b", rf"\b{RULE}\s*,\s*", rf"[ \t]+{RULE}\b"):
        edited = re.sub(pattern, "", comment, count=1)
        parsed = find_waivers(edited, ())
        if parsed and (parsed[0].rules, parsed[0].reason, parsed[0].approved_by) == (
            rest,
            waiver.reason,
            waiver.approved_by,
        ):
            return edited
    return _comment(waiver, rest)


def _comment(waiver: Waiver, rules: tuple[str, ...]) -> str:
    """A waiver comment for ``rules`` with ``waiver``'s reason, approver and date."""
    until = waiver.until.isoformat() if waiver.until else ""
    return (
        f"# icscheck: waive {','.join(rules)} reason={_quote(waiver.reason or '')} "
        f"approved-by={_quote(waiver.approved_by or '')} until={until}"
    )


def _quote(value: str) -> str:
    """``value`` quoted as docs/waivers.md shows (``"..."``), or shell-style if it needs more."""
    if not re.search(r'["\\$`]', value):
        return f'"{value}"'
    return shlex.quote(value)
