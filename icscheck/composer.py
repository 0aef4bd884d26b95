"""Build plain data and the position of every node straight from YAML parse events.

ruamel.yaml's parser (libyaml through ruamel.yaml.clib where it is installed,
its pure-Python parser elsewhere) turns the text into a flat stream of events,
each with its line and column. Composing those events here, in one loop,
gives JSON Schema its plain dicts, lists and scalars and the rules their
positions, at a fraction of the cost of building ruamel's round-trip objects
and converting them (docs/performance.md).

The input may be hostile (docs/security.md), and composing it here is what
keeps it harmless:

- nothing is constructed from a tag: only the standard scalar, mapping and
  sequence tags are understood, anything else (``!!python/...``, ``!custom``)
  is refused at its position;
- the loop is iterative and nesting is bounded (``MAX_DEPTH``), so depth
  cannot exhaust the stack;
- an alias shares the value of its anchor instead of copying it, and every
  node's expanded size is counted as it closes, so an alias bomb ("billion
  laughs") is refused after a few thousand events instead of being expanded;
- a duplicate key is recorded for rule FMT-002 and its first value kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from icscheck.errors import LoadError

NodePath = tuple[str | int, ...]
Position = tuple[int, int]
"""1-based ``(line, column)``."""

MAX_DEPTH = 100
"""Deepest nesting accepted. A constitution nests about six levels."""

MAX_NODES = 1_000_000
"""Most nodes a document may hold once aliases are expanded."""

MAX_NUMBER = 100
"""Longest number read, in characters as written: far beyond any real count,
and short of what makes Python's int and float conversions slow or fail."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
"""What YAML refuses as raw text (1.2.2 §5.1) but an escape (``"\\e"``) can still
write: in a name or a message, it would drive the user's terminal."""
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates: they make text display
in another order than it reads ("Trojan Source", CVE-2021-42574)."""
_CORE = "tag:yaml.org,2002:"
_STR = f"{_CORE}str"
_NUMBERS = {f"{_CORE}int", f"{_CORE}float"}
_SCALAR_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A key that appears twice in one mapping; only the first is read."""

    node: NodePath
    first: Position
    again: Position


@dataclass(frozen=True)
class Composed:
    """One YAML document as plain data, with positions and duplicate keys."""

    root: Any
    positions: dict[NodePath, Position]
    duplicates: tuple[Duplicate, ...]


@dataclass
class _Open:
    """A mapping or sequence whose end event has not come yet."""

    value: dict[str, Any] | list[Any]
    at: NodePath
    anchor: str | None
    size: int = 1
    key: tuple[str, Position] | None = None
    """A mapping's key waiting for its value: its text and where it is written."""
    merges: list[tuple[Any, Position]] = field(default_factory=list)
    """Values of ``<<`` merge keys, applied when the mapping ends."""


def compose(path: str, text: str, *, pure: bool = False) -> Composed | None:
    """Compose the single document of ``text``; None when it holds none.

    ``pure`` forces ruamel's pure-Python parser (the tests compare the two).

    Parser errors propagate as ruamel raised them (the loader words them);
    what is wrong with the document itself is a LoadError here.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.reader import ReaderError

    # The C parser where ruamel.yaml.clib is installed, else the pure-Python one.
    yaml = YAML(typ="safe", pure=pure)
    try:
        return _compose(path, yaml.parse(text), yaml)
    except ReaderError as error:
        if yaml.Parser.__name__ == "CParser":
            # libyaml counts the offending character's place in UTF-8 bytes;
            # everything else here counts characters.
            encoded = text.encode("utf-8", "surrogatepass")[: error.position]
            error.position = len(encoded.decode("utf-8", "ignore"))
        raise


def _compose(path: str, stream: Iterator[Any], yaml: Any) -> Composed | None:
    from ruamel.yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceStartEvent,
    )
    from ruamel.yaml.nodes import ScalarNode

    # YAML 1.2's implicit types (int, float, bool, null, dates) by first character,
    # as ruamel's resolver keeps them; asking it per value costs more than the parse.
    implicit = yaml.resolver.versioned_resolver
    # ruamel's safe constructor, for the standard scalar types (int, float, bool, null, dates).
    constructor = yaml.constructor
    positions: dict[NodePath, Position] = {}
    duplicates: list[Duplicate] = []
    anchors: dict[str, tuple[Any, int]] = {}
    resolved: dict[str, str] = {}
    stack: list[_Open] = []
    root: Any = None
    documents = 0

    def scalar(event: Any, where: Position) -> Any:
        tag = event.tag
        if tag is None and not event.implicit[0]:
            tag = _STR  # quoted: always text, no need to ask the resolver
        elif tag is None:
            # Plain values repeat (roles, ids, true, dates): resolve each text once.
            tag = resolved.get(event.value)
            if tag is None:
                tag = resolved[event.value] = _resolve(implicit, event.value)
        elif tag == "!":
            tag = _STR  # the non-specific tag: YAML 1.2 §6.9.1 makes it text
        if tag not in _SCALAR_TAGS:
            raise LoadError(path, f"unsupported YAML tag {_short(tag)}", *where)
        if tag == _STR:
            return _text(path, event.value, where)
        if tag in _NUMBERS and len(event.value) > MAX_NUMBER:
            raise LoadError(
                path,
                f"holds a number {len(event.value):,} characters long "
                f"(icscheck reads numbers of up to {MAX_NUMBER})",
                *where,
            )
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        if tag == f"{_CORE}timestamp":
            try:
                # YAML reads 2022-07-01 as a date; the format stores dates as ISO text.
                return constructor.construct_yaml_timestamp(node).isoformat()
            except ValueError:
                # An impossible date (2022-13-01) stays text, for FMT-001 to
                # report at its place rather than the parse failing.
                return event.value
        try:
            return getattr(constructor, f"construct_yaml_{tag.removeprefix(_CORE)}")(node)
        except (ValueError, KeyError, IndexError):
            # Only an explicit tag gets here (``!!int abc``): implicit types
            # are resolved by patterns their constructors accept.
            raise LoadError(path, f"{event.value!r} is not a valid {_short(tag)}", *where) from None

    def place(value: Any, size: int, where: Position, anchor: str | None) -> None:
        """Put a finished node into its parent (or make it the root)."""
        nonlocal root
        if anchor is not None:
            anchors[anchor] = (value, size)
        if not stack:
            root = value
            return
        parent = stack[-1]
        parent.size = min(parent.size + size, MAX_NODES + 1)
        if parent.size > MAX_NODES:
            raise LoadError(
                path, f"expands to more than {MAX_NODES:,} nodes (aliases nested too far)"
            )
        if isinstance(parent.value, list):
            here: NodePath = (*parent.at, len(parent.value))
            positions[here] = where
            parent.value.append(value)
        elif parent.key is None:
            parent.key = (_key(path, value, where), where)
        else:
            name, key_at = parent.key
            parent.key = None
            if name is _MERGE:
                parent.merges.append((value, where))
            elif name in parent.value:
                duplicates.append(
                    Duplicate((*parent.at, name), positions[(*parent.at, name)], key_at)
                )
            else:
                # An entry is located at its key: the line a reader scans for.
                positions[(*parent.at, name)] = key_at
                parent.value[name] = value

    def child_path(where: Position) -> NodePath:
        if not stack:
            return ()
        parent = stack[-1]
        if isinstance(parent.value, list):
            return (*parent.at, len(parent.value))
        if parent.key is None:
            raise LoadError(path, _COMPLEX_KEY, *where)
        return (*parent.at, parent.key[0])

    for event in stream:
        where = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, ScalarEvent):
            as_key = bool(stack) and isinstance(stack[-1].value, dict) and stack[-1].key is None
            if as_key and _is_merge(event):
                value = _MERGE
            else:
                value = scalar(event, where)
                if as_key:
                    # A key is named as it is written: `true:` is "true", not "True".
                    value = event.value
            place(value, 1, where, event.anchor)
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            tag = event.tag
            if tag not in (None, "!", f"{_CORE}map", f"{_CORE}seq"):
                raise LoadError(path, f"unsupported YAML tag {_short(tag)}", *where)
            at = child_path(where)
            if len(stack) >= MAX_DEPTH:
                raise LoadError(path, f"nests deeper than {MAX_DEPTH} levels", *where)
            positions.setdefault(at, where)
            container: dict[str, Any] | list[Any] = (
                {} if isinstance(event, MappingStartEvent) else []
            )
            stack.append(_Open(container, at, event.anchor))
        elif isinstance(event, AliasEvent):
            if event.anchor not in anchors:
                if any(item.anchor == event.anchor for item in stack):
                    raise LoadError(
                        path,
                        f"the alias *{event.anchor} is inside the node &{event.anchor} it "
                        "stands for, so it would expand without end",
                        *where,
                    )
                raise LoadError(
                    path, f"invalid YAML: found undefined alias {event.anchor!r}", *where
                )
            value, size = anchors[event.anchor]
            place(value, size, where, None)
        elif event.__class__.__name__ in ("MappingEndEvent", "SequenceEndEvent"):
            done = stack.pop()
            if done.merges:
                _merge(path, done, positions)
            place(done.value, done.size, positions[done.at], done.anchor)
        elif isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise LoadError(
                    path,
                    "invalid YAML: expected a single document in the stream but found another document",
                    *where,
                )
    if documents == 0:
        return None
    return Composed(root, positions, tuple(duplicates))


class _Merge(str):
    """The ``<<`` merge key (YAML merge key type), told apart from a ``'<<'`` string key."""


_MERGE = _Merge("<<")


def _is_merge(event: Any) -> bool:
    """A ``<<`` key: plain, or with the merge tag written out."""
    if event.tag is None:
        return bool(event.implicit[0] and event.value == "<<")
    return bool(event.tag == f"{_CORE}merge")


def _resolve(implicit: dict[str | None, list[tuple[str, Any]]], value: str) -> str:
    """The tag of a plain scalar: the first implicit type whose pattern matches, else text."""
    for tag, pattern in (*implicit.get(value[:1], ()), *implicit.get(None, ())):
        if pattern.match(value):
            return str(tag)
    return _STR


def _merge(path: str, mapping: _Open, positions: dict[NodePath, Position]) -> None:
    """Apply ``<<`` merge keys: keys written in the mapping win, then earlier sources.

    A merged key is located at its mapping, where the reader sees the ``<<``.
    """
    assert isinstance(mapping.value, dict)
    at = positions[mapping.at]
    for value, where in mapping.merges:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                raise LoadError(
                    path,
                    "invalid YAML: a merge key (<<) needs a mapping or a list of mappings",
                    *where,
                )
            for key, item in source.items():
                if key not in mapping.value:
                    mapping.value[key] = item
                    positions.setdefault((*mapping.at, key), at)


_COMPLEX_KEY = "has a list or mapping as a key: keys must be plain text"


def _key(path: str, value: Any, where: Position) -> str:
    if isinstance(value, dict | list):
        raise LoadError(path, _COMPLEX_KEY, *where)
    return value if isinstance(value, str) else str(value)


def _text(path: str, value: str, where: Position) -> str:
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


def _short(tag: str) -> str:
    """A tag as it is written: ``!!python/...`` rather than ``tag:yaml.org,2002:python/...``."""
    return tag.replace(_CORE, "!!", 1)
