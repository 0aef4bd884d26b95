"""Build plain data and the position of every node straight from YAML parse events.

ruamel.yaml's parser (libyaml through ruamel.yaml.clib where it is installed,
its pure-Python parser elsewhere) turns the text into a flat stream of events,
each with its line and column. Composing those events here, in one loop,
gives JSON Schema its plain dicts, lists and scalars and the rules their
positions, at a fraction of the cost of building ruamel's round-trip objects
and converting them (docs/performance.md). What a scalar's text stands for is
``icscheck.scalars``'s business.

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
- a duplicate key is recorded for rule FMT-002 and its first value kept;
- the text of every scalar that holds a ``#`` is recorded as a span, so that
  a waiver is only ever taken from a comment, never from a value
  (``icscheck.waivers``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from icscheck.errors import LoadError
from icscheck.reader import Lines
from icscheck.scalars import CORE, MERGE, Scalars, Span, is_merge, short, span
from icscheck.scalars import MAX_NUMBER as MAX_NUMBER  # re-exported, as before the split
from icscheck.scalars import Position as Position

NodePath = tuple[str | int, ...]

MAX_DEPTH = 100
"""Deepest nesting accepted. A constitution nests about six levels."""

MAX_NODES = 1_000_000
"""Most nodes (keys, values, items) a document may hold, counting each alias as
the nodes it stands for."""


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
    spans: tuple[Span, ...] = ()
    """Where the text of each scalar holding a ``#`` lies, in document order: where a
    ``#`` is text, not a comment (``icscheck.waivers``). Other scalars cannot hide one."""


@dataclass
class _Open:
    """A mapping or sequence whose end event has not come yet."""

    value: dict[str, Any] | list[Any]
    at: NodePath
    anchor: str | None
    size: int = 1
    """Nodes within, counting each alias as the nodes it stands for."""
    written: int = 1
    """Nodes within as written, each alias one."""
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
        return _Composer(path, text, yaml).run(yaml.parse(text))
    except ReaderError as error:
        if yaml.Parser.__name__ == "CParser":
            # libyaml counts the offending character's place in UTF-8 bytes;
            # everything else here counts characters.
            encoded = text.encode("utf-8", "surrogatepass")[: error.position]
            error.position = len(encoded.decode("utf-8", "ignore"))
        raise


class _Composer:
    """Composes one stream of parse events into a Composed: one method per kind of event."""

    def __init__(self, path: str, text: str, yaml: Any) -> None:
        self.path = path
        self.text = text
        self.c_parser = yaml.Parser.__name__ == "CParser"
        self.scalars = Scalars(path, yaml)
        self.spans: list[Span] = []
        self.positions: dict[NodePath, Position] = {}
        self.duplicates: list[Duplicate] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Open] = []
        self.root: Any = None
        self.documents = 0

    def run(self, stream: Iterator[Any]) -> Composed | None:
        from ruamel.yaml import events

        handlers: dict[type, Callable[[Any, Position], None]] = {
            events.ScalarEvent: self.on_scalar,
            events.MappingStartEvent: self.on_mapping,
            events.SequenceStartEvent: self.on_sequence,
            events.AliasEvent: self.on_alias,
            events.MappingEndEvent: self.on_end,
            events.SequenceEndEvent: self.on_end,
            events.DocumentStartEvent: self.on_document,
        }
        # libyaml counts lines as reader.LINE_BREAK does; ruamel's pure parser
        # does not count NEL, LS and PS, so there lines are counted here.
        odd = not self.c_parser and any(char in self.text for char in "\x85\u2028\u2029")
        lines = Lines(self.text) if odd else None
        for event in stream:
            handler = handlers.get(type(event))
            if handler is not None:
                mark = event.start_mark
                handler(
                    event, lines.position(mark.index) if lines else (mark.line + 1, mark.column + 1)
                )
        if self.documents == 0:
            return None
        return Composed(self.root, self.positions, tuple(self.duplicates), tuple(self.spans))

    def place(
        self, value: Any, size: int, where: Position, anchor: str | None, written: int = 1
    ) -> None:
        """Put a finished node into its parent (or make it the root).

        ``size`` counts the nodes it holds with aliases expanded, ``written`` as written.
        """
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        parent.size = min(parent.size + size, MAX_NODES + 1)
        parent.written += written
        if parent.size > MAX_NODES:
            raise _too_many(self.path, parent)
        if isinstance(parent.value, list):
            here: NodePath = (*parent.at, len(parent.value))
            self.positions[here] = where
            parent.value.append(value)
        elif parent.key is None:
            parent.key = (_key(self.path, value, where), where)
        else:
            name, key_at = parent.key
            parent.key = None
            if name is MERGE:
                parent.merges.append((value, where))
            elif name in parent.value:
                first = self.positions[(*parent.at, name)]
                self.duplicates.append(Duplicate((*parent.at, name), first, key_at))
            else:
                # An entry is located at its key: the line a reader scans for.
                self.positions[(*parent.at, name)] = key_at
                parent.value[name] = value

    def child_path(self, where: Position) -> NodePath:
        """The path of the node about to open, from its parent."""
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            return (*parent.at, len(parent.value))
        if parent.key is None:
            raise LoadError(self.path, _COMPLEX_KEY, *where)
        return (*parent.at, parent.key[0])

    def on_scalar(self, event: Any, where: Position) -> None:
        """A key or a value; what its text stands for is ``icscheck.scalars``'s business."""
        if "#" in event.value:  # plain, quoted or block, a "#" written in it stays in it
            self.spans.append(span(self.text, event))
        stack = self.stack
        as_key = bool(stack) and isinstance(stack[-1].value, dict) and stack[-1].key is None
        if as_key and is_merge(event):
            value: Any = MERGE
        else:
            value = self.scalars.value(event, where)
            if as_key:
                # A key is named as it is written: `true:` is "true", not "True".
                value = event.value
        self.place(value, 1, where, event.anchor)

    def on_mapping(self, event: Any, where: Position) -> None:
        self.open(event, where, {})

    def on_sequence(self, event: Any, where: Position) -> None:
        self.open(event, where, [])

    def open(self, event: Any, where: Position, container: dict[str, Any] | list[Any]) -> None:
        """A mapping or sequence opens, as the empty ``container``."""
        tag = event.tag
        if tag not in (None, "!", f"{CORE}map", f"{CORE}seq"):
            raise LoadError(self.path, f"unsupported YAML tag {short(tag)}", *where)
        at = self.child_path(where)
        if len(self.stack) >= MAX_DEPTH:
            raise LoadError(self.path, f"nests deeper than {MAX_DEPTH} levels", *where)
        self.positions.setdefault(at, where)
        self.stack.append(_Open(container, at, event.anchor))

    def on_alias(self, event: Any, where: Position) -> None:
        if event.anchor not in self.anchors:
            if any(item.anchor == event.anchor for item in self.stack):
                raise LoadError(
                    self.path,
                    f"the alias *{event.anchor} is inside the node &{event.anchor} it "
                    "stands for, so it would expand without end",
                    *where,
                )
            raise LoadError(
                self.path, f"invalid YAML: found undefined alias {event.anchor!r}", *where
            )
        value, size = self.anchors[event.anchor]
        self.place(value, size, where, None)

    def on_end(self, event: Any, where: Position) -> None:
        """A mapping or sequence closes: merge keys apply, and it goes into its parent."""
        done = self.stack.pop()
        if done.merges:
            _merge(self.path, done, self.positions)
        self.place(done.value, done.size, self.positions[done.at], done.anchor, done.written)

    def on_document(self, event: Any, where: Position) -> None:
        self.documents += 1
        if self.documents > 1:
            raise LoadError(
                self.path,
                "invalid YAML: expected a single document in the stream but found another document",
                *where,
            )


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


def _too_many(path: str, node: _Open) -> LoadError:
    """The node limit is passed in ``node``: by what is written, or by what aliases add."""
    if node.size - node.written < node.written:
        return LoadError(path, f"holds more than {MAX_NODES:,} nodes (keys, values and list items)")
    return LoadError(path, f"expands to more than {MAX_NODES:,} nodes (aliases nested too far)")


_COMPLEX_KEY = "has a list or mapping as a key: keys must be plain text"


def _key(path: str, value: Any, where: Position) -> str:
    if isinstance(value, dict | list):
        raise LoadError(path, _COMPLEX_KEY, *where)
    return value if isinstance(value, str) else str(value)
