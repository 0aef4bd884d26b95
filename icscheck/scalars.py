"""What a scalar event's text stands for: its type, its value, and whether it is safe to show.

``icscheck.composer`` hands every scalar here. Quoted scalars are text; plain
ones are resolved against YAML 1.2's implicit types; explicit tags are
allowed only for the standard scalar types. Text that would drive a
terminal or display out of order is refused at its position
(docs/security.md).
"""

from __future__ import annotations

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
_NUMBERS = {f"{CORE}int", f"{CORE}float"}
_SCALAR_TAGS = {f"{CORE}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}

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
        # YAML 1.2's implicit types (int, float, bool, null, dates) by first character,
        # as ruamel's resolver keeps them; asking it per value costs more than the parse.
        self._implicit = yaml.resolver.versioned_resolver
        # ruamel's safe constructor, for the standard scalar types (int, float, bool, null, dates).
        self._constructor = yaml.constructor
        self._resolved: dict[str, str] = {}

    def value(self, event: Any, where: Position) -> Any:
        """The value of a scalar event at ``where``, or a LoadError there."""
        path = self.path
        tag = event.tag
        if tag is None and not event.implicit[0]:
            tag = STR  # quoted: always text, no need to ask the resolver
        elif tag is None:
            # Plain values repeat (roles, ids, true, dates): resolve each text once.
            tag = self._resolved.get(event.value)
            if tag is None:
                tag = self._resolved[event.value] = _resolve(self._implicit, event.value)
        elif tag == "!":
            tag = STR  # the non-specific tag: YAML 1.2 §6.9.1 makes it text
        if tag not in _SCALAR_TAGS:
            raise LoadError(path, f"unsupported YAML tag {short(tag)}", *where)
        if tag == STR:
            return text(path, event.value, where)
        if tag in _NUMBERS and len(event.value) > MAX_NUMBER:
            raise LoadError(
                path,
                f"holds a number {len(event.value):,} characters long "
                f"(icscheck reads numbers of up to {MAX_NUMBER})",
                *where,
            )
        node = self._node(tag, event.value, event.start_mark, event.end_mark)
        constructor = self._constructor
        if tag == f"{CORE}timestamp":
            try:
                # YAML reads 2022-07-01 as a date; the format stores dates as ISO text.
                return constructor.construct_yaml_timestamp(node).isoformat()
            except ValueError:
                # An impossible date (2022-13-01) stays text, for FMT-001 to
                # report at its place rather than the parse failing.
                return event.value
        try:
            return getattr(constructor, f"construct_yaml_{tag.removeprefix(CORE)}")(node)
        except (ValueError, KeyError, IndexError):
            # Only an explicit tag gets here (``!!int abc``): implicit types
            # are resolved by patterns their constructors accept.
            raise LoadError(path, f"{event.value!r} is not a valid {short(tag)}", *where) from None


def _resolve(implicit: dict[str | None, list[tuple[str, Any]]], value: str) -> str:
    """The tag of a plain scalar: the first implicit type whose pattern matches, else text."""
    for tag, pattern in (*implicit.get(value[:1], ()), *implicit.get(None, ())):
        if pattern.match(value):
            return str(tag)
    return STR


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
