"""What a scalar event's text stands for: its type, its value, and whether it is safe to show.

``icscheck.composer`` hands every scalar here. Quoted scalars are text; plain
ones are resolved by YAML 1.2's core schema (``CORE_SCHEMA``, one table for
both parsers); explicit tags are allowed only for the standard scalar types,
with a value their pattern accepts. Text that would drive a
terminal or display out of order is refused at its position
(docs/security.md).
"""

from __future__ import annotations

import math
import re
from typing import Any

from icscheck.errors import LoadError
from icscheck.reader import LINE_BREAK

Position = tuple[int, int]
"""1-based ``(line, column)``."""

Span = tuple[int, int]
"""Where a scalar's text lies: the ``[start, end)`` character offsets of the text."""

MAX_NUMBER = 100
"""Longest number read, in characters as written: far beyond any real count,
and short of what makes Python's int and float conversions slow or fail."""

CORE = "tag:yaml.org,2002:"
STR = f"{CORE}str"
_NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP = (
    f"{CORE}{name}" for name in ("null", "bool", "int", "float", "timestamp")
)

CORE_SCHEMA = {
    _NULL: "null|Null|NULL|~|",
    _BOOL: "true|True|TRUE|false|False|FALSE",
    _INT: "[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+",
    _FLOAT: (
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    ),
    # Not in the core schema: the dates (and times) the format has always read,
    # by the pattern of YAML 1.1's timestamp type.
    _TIMESTAMP: (
        "[0-9]{4}-[0-9]{2}-[0-9]{2}"
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
    ),
}
"""What a plain scalar's text stands for: YAML 1.2.2's core schema (§10.3.2), whose
patterns are tried in this order; text that matches none is a string. ``1_000``,
``0b101``, ``+0x1F``, ``yes`` and ``=`` are strings. An explicit tag's value
must match its tag's pattern."""

_SCALAR_TAGS = {STR, *CORE_SCHEMA}
_PATTERNS = {tag: re.compile(pattern) for tag, pattern in CORE_SCHEMA.items()}
_NAMES = {tag.removeprefix(CORE): tag for tag in CORE_SCHEMA}
_RESOLVE = re.compile(
    "|".join(f"(?P<{tag.removeprefix(CORE)}>{pattern})" for tag, pattern in CORE_SCHEMA.items())
)
"""The table as one pattern: one match resolves a plain scalar."""
_FIRST = frozenset(["", *"~nNtTfF+-.0123456789"])
"""How every text in the table starts."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
"""What YAML refuses as raw text (1.2.2 §5.1) but an escape (``"\\e"``) can still
write: in a name or a message, it would drive the user's terminal."""
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates: they make text display
in another order than it reads ("Trojan Source", CVE-2021-42574)."""


class Scalars:
    """Turns scalar events into values, for one document."""

    def __init__(self, path: str, yaml: Any) -> None:
        from ruamel.yaml.nodes import ScalarNode

        self.path = path
        self._node = ScalarNode
        # ruamel's safe constructor, for dates and times only.
        self._constructor = yaml.constructor
        self._resolved: dict[str, str] = {}

    def value(self, event: Any, where: Position) -> Any:
        """The value of a scalar event at ``where``, or a LoadError there."""
        path = self.path
        tag = event.tag
        if tag is None and not event.implicit[0]:
            tag = STR  # quoted: always text, no need to resolve it
        elif tag is None:
            # Plain values repeat (roles, ids, true, dates): resolve each text once.
            tag = self._resolved.get(event.value)
            if tag is None:
                tag = self._resolved[event.value] = resolve(event.value)
        elif tag == "!":
            tag = STR  # the non-specific tag: YAML 1.2 §6.9.1 makes it text
        elif tag in _PATTERNS and not _PATTERNS[tag].fullmatch(event.value):
            raise LoadError(path, f"{event.value!r} is not a valid {short(tag)}", *where)
        if tag not in _SCALAR_TAGS:
            raise LoadError(path, f"unsupported YAML tag {short(tag)}", *where)
        if tag == STR:
            return text(path, event.value, where)
        if tag == _TIMESTAMP:
            node = self._node(tag, event.value, event.start_mark, event.end_mark)
            try:
                # YAML reads 2022-07-01 as a date; the format stores dates as ISO text.
                return self._constructor.construct_yaml_timestamp(node).isoformat()
            except ValueError:
                # An impossible date (2022-13-01) stays text, for FMT-001 to
                # report at its place rather than the parse failing.
                return event.value
        if tag in (_INT, _FLOAT) and len(event.value) > MAX_NUMBER:
            raise LoadError(
                path,
                f"holds a number {len(event.value):,} characters long "
                f"(icscheck reads numbers of up to {MAX_NUMBER})",
                *where,
            )
        return construct(tag, event.value)


def resolve(value: str) -> str:
    """The tag of a plain scalar's text by the core schema: the first type that matches it."""
    if value[:1] not in _FIRST:  # most text cannot be anything else: say so without a match
        return STR
    found = _RESOLVE.fullmatch(value)
    return _NAMES[str(found.lastgroup)] if found else STR


def construct(tag: str, value: str) -> bool | int | float | None:
    """The value of text that matches ``tag``'s core-schema pattern."""
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value[0] in "tT"
    if tag == _INT:
        if value.startswith(("0o", "0x")):
            return int(value[2:], 8 if value[1] == "o" else 16)
        return int(value)
    assert tag == _FLOAT
    special = value.lstrip("+-").lower()
    if special == ".inf":
        return -math.inf if value[0] == "-" else math.inf
    if special == ".nan":
        return math.nan
    return float(value)


def text(path: str, value: str, where: Position) -> str:
    """``value`` if it is safe to show a reader; a LoadError at ``where`` if not."""
    if surrogate := _SURROGATE.search(value):
        # YAML's \ud800 escapes can make lone surrogates: not characters, and
        # unencodable on output (YAML 1.2.2 §5.7 escapes denote characters).
        code = f"\\u{ord(surrogate[0]):04x}"
        raise LoadError(
            path, f"contains {code}, a surrogate escape that is not a character", *where
        )
    if control := _CONTROL.search(value):
        code = f"#x{ord(control[0]):04x}"
        raise LoadError(path, f"contains a control character ({code}) written as an escape", *where)
    if bidi := _BIDI.search(value):
        code = f"U+{ord(bidi[0]):04X}"
        raise LoadError(
            path,
            f"contains {code}, a bidirectional control that makes text display "
            "in another order than it reads",
            *where,
        )
    return value


class _Merge(str):
    """The ``<<`` merge key (YAML merge key type), told apart from a ``'<<'`` string key."""


MERGE = _Merge("<<")


def is_merge(event: Any) -> bool:
    """A ``<<`` key: plain, or with the merge tag written out."""
    if event.tag is None:
        return bool(event.implicit[0] and event.value == "<<")
    return bool(event.tag == f"{CORE}merge")


_BLOCK = ("|", ">")
_SEPARATION = frozenset(" \t\r\n\x85\u2028\u2029")
_PROPERTY_END = _SEPARATION | frozenset(",[]{}")
"""What ends an anchor or a tag (YAML 1.2.2 §6.9: neither holds spaces or flow indicators)."""


def span(text: str, event: Any) -> Span:
    """Where the text of a scalar event lies, so a ``#`` inside it is never taken as a comment.

    The event's marks run from its first property (``&anchor``, ``!tag``) to the
    end of its text; a comment may stand between the properties and the text,
    and on a block scalar's header line (``| # comment``), so both are left out.
    """
    start, end = event.start_mark.index, event.end_mark.index
    if event.anchor is not None or event.tag is not None:
        start = _past_properties(text, start, end)
    if event.style in _BLOCK:
        header = LINE_BREAK.search(text, start, end)
        start = header.end() if header else end
    return start, end


def _past_properties(text: str, at: int, end: int) -> int:
    """The offset of a node's text: past its anchor and tag and what separates them from it."""
    while at < end:
        char = text[at]
        if char == "#":  # a comment, to the end of its line
            found = LINE_BREAK.search(text, at, end)
            at = found.start() if found else end
        elif char in _SEPARATION:
            at += 1
        elif text.startswith("!<", at):  # a verbatim tag may hold any URI character
            close = text.find(">", at, end)
            at = close + 1 if close != -1 else end
        elif char in "&!":
            while at < end and text[at] not in _PROPERTY_END:
                at += 1
        else:
            break
    return at


def short(tag: str) -> str:
    """A tag as it is written: ``!!python/...`` rather than ``tag:yaml.org,2002:python/...``."""
    return tag.replace(CORE, "!!", 1)
