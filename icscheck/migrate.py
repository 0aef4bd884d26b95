"""``icscheck migrate``: a version 1 constitution rewritten as version 2, comments and order kept.

Version 2 is a superset of version 1, so most of a file carries over as it
is. What changes is what version 2 can say that version 1 could not: a rule
that needs such a fact would otherwise report it missing. The migration
therefore writes each such fact as ``{unknown: ...}``, so the migrated file's
report lists them as questions to confirm, not as gaps:

- ``icscheck: 2``;
- ``provisions``: every provision, unknown (where the constitution makes each);
- each chief executive's ``employee``: unknown;
- the ``expertise`` of each audit committee's chair: unknown;
- ``integrated_care_partnership``: unknown.

The mental health member is a named post in version 2, never inferred from
flags (issue 15; BOARD-012's documentation): version 1 could only mark members
``mental_health_expertise: true``. Where an ordinary member is so marked,
``board.mental_health_member`` is written unknown, its note naming them, for a
person to confirm who holds the post. Where none is, version 1 said that no
ordinary member has that knowledge and experience, so none can hold the
post: the key is left out, BOARD-012 stays a gap, and a waiver of it moves
to the line where version 2 reports it (icscheck/migrate_text.py). Nothing
version 1 stated becomes unknown.

The file is read with ruamel.yaml's round-trip mode, which keeps every
comment, the key order and the quoting, after icscheck's own loader has
checked it (size, tags, nesting, aliases: docs/security.md). The file's line
breaks are kept. A file already in version 2 is left as it is.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from icscheck.errors import LoadError, UsageError
from icscheck.migrate_text import move_waivers, newline_of, with_newlines

NOTE = "not recorded when this file was migrated from format version 1"
"""The note on every fact the migration marks unknown: where to look is the constitution."""
PROVISIONS = (
    "name_and_area",
    "independence",
    "chair_appointment",
    "chair_removal",
    "chief_executive_appointment",
    "chief_executive_employment",
    "ordinary_member_appointment",
    "eligibility_and_disqualification",
    "terms_of_office",
    "exercise_of_functions",
    "standing_orders",
    "conflicts_of_interest",
    "meetings_in_public",
    "papers_published",
    "registers_published",
    "constitution_published",
    "employee_terms",
    "public_involvement",
)
"""Format 2's provision codes, in the order docs/format.md lists them (PROV-001 to PROV-018)."""


@dataclass(frozen=True)
class Migration:
    """A file's text as version 2, and what changed, for a person to read."""

    text: str
    changes: tuple[str, ...]
    """Empty when the file is already version 2 (``text`` is then the file's own)."""


def migrate(path: str, text: str) -> Migration:
    """The version 2 text of the version 1 constitution ``text`` (``path`` names it)."""
    from icscheck.loader import parse

    document = parse(path, text)  # refuses what icscheck never reads, with its position
    if document.duplicates:
        first = document.duplicates[0]
        raise UsageError(
            f"{path}:{first.again[0]}:{first.again[1]}: gives the key '{first.node[-1]}' twice "
            "(FMT-002): remove one before migrating, or its value would be lost"
        )
    version = document.data.get("icscheck")
    if version == 2:
        return Migration(text, ())  # nothing to do: migrating twice changes nothing
    if version != 1:
        raise UsageError(f"{path}: has no 'icscheck: 1' version key, so it cannot be migrated")
    from ruamel.yaml.error import YAMLError

    newline = newline_of(text)
    yaml = _yaml()
    try:
        data = yaml.load(with_newlines(text))
    except YAMLError as error:  # the round-trip parser is stricter in places than the loader
        raise LoadError(
            path, f"cannot be read for migration: {' '.join(str(error).split())}"
        ) from None
    changes = ["icscheck: 1 -> 2"]
    data["icscheck"] = 2
    changes += _board(data)
    if "provisions" not in data:
        provisions = _flow({code: _unknown() for code in PROVISIONS}, flow=False)
        _insert_after(data, "icb", "provisions", provisions)
        changes.append(f"provisions: {len(PROVISIONS)} provisions marked unknown")
    if "integrated_care_partnership" not in data:
        _insert_after(data, "place_partnerships", "integrated_care_partnership", _unknown())
        changes.append("integrated_care_partnership: marked unknown")
    out = io.StringIO()
    yaml.dump(data, out)
    migrated = out.getvalue()
    board = data.get("board")
    if isinstance(board, dict) and "members" in board and "mental_health_member" not in board:
        written = parse(path, migrated)
        migrated, moved = move_waivers(
            migrated,
            written.locate(("board",))[0],
            written.locate(("board", "members"))[0],
            written.waivers,
        )
        changes += moved
    return Migration(
        migrated.replace("\n", newline) if newline != "\n" else migrated, tuple(changes)
    )


def _board(data: Any) -> list[str]:
    board = data.get("board")
    if not isinstance(board, dict):
        return []
    changes = []
    listed = board.get("members")
    members: list[Any] = listed if isinstance(listed, list) else []
    if "mental_health_member" not in board:
        marked = [
            m["id"]
            for m in members
            if isinstance(m, dict)
            and m.get("mental_health_expertise") is True
            and m.get("role") not in ("chair", "chief_executive")
            and isinstance(m.get("id"), str)
        ]
        if marked:
            note = (
                "not named in format version 1 (mental health expertise marked on "
                f"{', '.join(marked)})"
            )
            after = "senior_non_executive" if "senior_non_executive" in board else "participants"
            _insert_after(board, after, "mental_health_member", _flow({"unknown": note}))
            changes.append(
                "board.mental_health_member: marked unknown (not inferred from "
                f"mental_health_expertise: true on {', '.join(marked)})"
            )
        else:
            changes.append(
                "board.mental_health_member: not added (no ordinary member is marked "
                "mental_health_expertise: true, so BOARD-012 still reports the post missing)"
            )
    committees = data.get("committees")
    audit_chairs = {
        c.get("chair")
        for c in (committees if isinstance(committees, list) else [])
        if isinstance(c, dict) and c.get("type") == "audit"
    }
    for member in members:
        if not isinstance(member, dict):
            continue
        if member.get("role") == "chief_executive" and "employee" not in member:
            _insert_after(member, "", "employee", _unknown())
            changes.append(f"board member {member.get('id')}: employee marked unknown")
        if member.get("id") in audit_chairs and "expertise" not in member:
            _insert_after(member, "", "expertise", _unknown())
            changes.append(f"board member {member.get('id')}: expertise marked unknown")
    return changes


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long value onto a second line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _unknown() -> Any:
    return _flow({"unknown": NOTE})


def _flow(values: dict[str, Any], *, flow: bool = True) -> Any:
    from ruamel.yaml.comments import CommentedMap

    mapping = CommentedMap(values)
    if flow:
        mapping.fa.set_flow_style()
    return mapping


def _insert_after(mapping: Any, key: str, new: str, value: Any) -> None:
    """Put ``new`` just after ``key`` (or at the end), before any comment that follows ``key``.

    ruamel keeps the blank lines and comments that precede a key as the
    trailing comment of whatever came before it. A waiver alone on the line
    above a key waives that key's findings, so the new entry must go before
    those lines, not between them and their key: they move to follow it.
    """
    keys = list(mapping)
    after = key if key in keys else (keys[-1] if keys else None)
    position = keys.index(after) + 1 if after is not None else 0
    mapping.insert(position, new, value)
    if after is None:
        return
    holder, last = _last_item(mapping, after)
    slot = holder.ca.items.get(last)
    if not slot or len(slot) < 3 or slot[2] is None or not slot[2].value.startswith("\n"):
        return
    from ruamel.yaml.tokens import CommentToken

    trailing = slot[2]
    # A blank line that set the block apart stays too, so blocks stay apart.
    kept = "\n\n" if trailing.value.startswith("\n\n") else "\n"
    holder.ca.items[last][2] = CommentToken(kept, trailing.start_mark, None)
    target, target_key = _last_item(mapping, new)
    target.ca.items.setdefault(target_key, [None, None, None, None])
    while len(target.ca.items[target_key]) < 4:
        target.ca.items[target_key].append(None)
    target.ca.items[target_key][2] = CommentToken(trailing.value, trailing.start_mark, None)


def _last_item(mapping: Any, key: Any) -> tuple[Any, Any]:
    """The innermost container and key whose trailing comment ends ``mapping[key]``'s block."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    holder, last = mapping, key
    while True:
        value = holder[last]
        if isinstance(value, CommentedMap | CommentedSeq) and value and not value.fa.flow_style():
            holder, last = (
                value,
                (list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1),
            )
            continue
        return holder, last
