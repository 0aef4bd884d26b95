"""Parse constitution text into plain data plus the position of every node.

ruamel.yaml's round-trip loader keeps the line and column of every mapping
key and sequence item; JSON Schema wants plain dicts, lists and scalars. The
loader produces both in one pass: ``Document.data`` for validation and
``Document.locate()`` to turn any node path back into ``line:col``.

The input may be hostile (docs/security.md). The round-trip loader builds only
plain containers and scalars, never Python objects, and explicit tags are
refused; nesting and alias expansion are bounded so that no input can exhaust
the stack, the memory or the clock; duplicate keys are kept as data for rule
FMT-002 rather than stopping the parse.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from icscheck.errors import LoadError
from icscheck.reader import LINE_BREAK, MAX_BYTES, decode, read_bytes
from icscheck.waivers import Waiver, find_waivers

NodePath = tuple[str | int, ...]
Position = tuple[int, int]

FORMAT_VERSION = 1
"""The constitution format version this icscheck reads (the ``icscheck:`` key)."""

MAX_DEPTH = 100
"""Deepest nesting accepted. A constitution nests about six levels; ruamel's
parser recurses per level and its scanner slows quadratically with flow depth."""

_SURROGATE = re.compile("[\ud800-\udfff]")

MAX_NODES = 1_000_000
"""Most nodes a document may hold once aliases are expanded: an alias bomb
("billion laughs") is refused here instead of being expanded."""


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A key that appears twice in one mapping; only the first is read."""

    node: NodePath
    first: Position
    again: Position


@dataclass(frozen=True)
class Document:
    """A parsed constitution: plain data and where each node sits in the file."""

    path: str
    data: dict[str, Any]
    positions: dict[NodePath, Position] = field(repr=False)
    duplicates: tuple[Duplicate, ...] = ()
    waivers: tuple[Waiver, ...] = ()

    def locate(self, node: Sequence[str | int]) -> Position:
        """Return the 1-based ``(line, column)`` of ``node``.

        A node that does not exist (a missing key) is located at the nearest
        ancestor that does: the mapping that should hold it.
        """
        path = tuple(node)
        while path not in self.positions:
            path = path[:-1]
        return self.positions[path]


def pointer(node: Iterable[str | int]) -> str:
    """Render a node path as a JSON Pointer (RFC 6901)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in node)


def field_name(node: NodePath) -> str:
    """``("board", "members", 2, "role")`` -> ``board.members[2].role``."""
    text = ""
    for part in node:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the top level"


def load(path: str, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse one constitution file."""
    return load_bytes(path, read_bytes(path, max_bytes))


def load_bytes(path: str, raw: bytes) -> Document:
    """Decode and parse a constitution's bytes; ``path`` names it in messages."""
    document = parse(path, decode(path, raw))
    version = document.data.get("icscheck")
    # A version we do not know is not a gap in the constitution: we cannot read
    # it at all. A missing or mistyped version is left to the format schema.
    if isinstance(version, int) and not isinstance(version, bool) and version != FORMAT_VERSION:
        line, column = document.locate(("icscheck",))
        raise LoadError(
            path,
            f"format version {version} is not supported (this icscheck reads version "
            f"{FORMAT_VERSION})",
            line,
            column,
        )
    return document


def parse(path: str, text: str) -> Document:
    """Parse YAML text into a Document, or raise LoadError with its position."""
    _check_flow_depth(path, text)
    yaml = _yaml()
    root = _compose(path, yaml, text)
    if root is None:
        raise LoadError(path, "is empty: expected a constitution (a YAML mapping)")
    if not _is_mapping(root):
        kind = "a list" if isinstance(root, list) else "a single value"
        raise LoadError(path, f"holds {kind} at the top level: expected a mapping", 1, 1)
    data, positions, paths = _plain(path, root)
    duplicates = tuple(
        Duplicate((*paths[id(mapping)], str(key)), _one_based(first), _one_based(again))
        for mapping, key, first, again in yaml.constructor.duplicates
        if id(mapping) in paths
    )
    return Document(
        path=path,
        data=data,
        positions=positions,
        duplicates=duplicates,
        waivers=find_waivers(text),
    )


def _yaml() -> Any:
    """A round-trip YAML loader that records duplicate keys instead of failing."""
    # Imported here so that commands which never parse YAML do not pay for it.
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class Constructor(RoundTripConstructor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.duplicates: list[tuple[Any, Any, tuple[int, int], tuple[int, int]]] = []

        def check_mapping_key(
            self, node: Any, key_node: Any, mapping: Any, key: Any, value: Any
        ) -> bool:
            if key in mapping:
                # The first value is kept; FMT-002 reports both lines.
                mark = key_node.start_mark
                self.duplicates.append(
                    (mapping, key, mapping.lc.key(key), (mark.line, mark.column))
                )
                return False
            return True

        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            # An impossible date (2022-13-01) stays text, so that FMT-001 reports
            # it at its place ("is not a valid date") instead of the parse failing.
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return self.construct_scalar(node)

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
    yaml = YAML(typ="rt")
    yaml.Constructor = Constructor
    return yaml


def _compose(path: str, yaml: Any, text: str) -> Any:
    """Run the YAML parser, turning every failure into a positioned LoadError."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _problem(exc.context, exc.problem)
        ended = any(word in (exc.problem or "") for word in ("end of stream", "<stream end>"))
        if exc.context_mark is not None and exc.context and ended:
            # "Unexpected end of stream" points past the last line; where the
            # unclosed quote or bracket began is what the reader needs.
            mark = exc.context_mark
            what = exc.context.removeprefix("while scanning ").removeprefix("while parsing ")
            problem = f"{what.replace('scalar', 'value')} that starts here is never closed"
        if mark is None:
            raise LoadError(path, f"invalid YAML: {problem}") from None
        raise LoadError(path, f"invalid YAML: {problem}", mark.line + 1, mark.column + 1) from None
    except ReaderError as exc:
        line, column = _line_col(text, exc.position)
        code = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise LoadError(path, f"contains a control character ({code})", line, column) from None
    except YAMLError as exc:
        raise LoadError(path, f"invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise LoadError(path, f"nests deeper than {MAX_DEPTH} levels") from None


def _problem(context: str | None, problem: str | None) -> str:
    """ruamel's two-part message ("while parsing ...", "expected ...") as one line."""
    parts = [" ".join(str(part).split()) for part in (context, problem) if part]
    if len(parts) == 2 and parts[1].startswith("but "):
        return f"{parts[0]} {parts[1]}"  # "expected a single document ... but found another"
    return ": ".join(parts) or "invalid YAML"


_FLOW = re.compile(r"[\[\]{}]")


def _check_flow_depth(path: str, text: str) -> None:
    """Refuse flow collections nested deeper than MAX_DEPTH before ruamel sees them.

    Counts brackets without regard to quoting, which can only over-count; a
    real constitution never comes near the limit either way.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for match in _FLOW.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            line, column = _line_col(text, match.start())
            raise LoadError(path, f"nests deeper than {MAX_DEPTH} levels", line, column)


def _line_col(text: str, index: int) -> Position:
    """1-based position of ``text[index]``, counting lines as YAML does."""
    breaks = list(LINE_BREAK.finditer(text, 0, index))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1


def _one_based(mark: tuple[int, int]) -> Position:
    return mark[0] + 1, mark[1] + 1


def _is_mapping(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap

    return isinstance(node, CommentedMap)


def _plain(
    path: str, root: Any
) -> tuple[dict[str, Any], dict[NodePath, Position], dict[int, NodePath]]:
    """Convert ruamel's round-trip tree to plain data, recording positions.

    Iterative rather than recursive, so that depth cannot exhaust the Python
    stack here; counts nodes as it goes, so that aliases cannot make it expand
    a small file into a huge document. Also returns the node path of each
    mapping, by ``id``, to place duplicate keys.
    """
    from ruamel.yaml.comments import CommentedMap

    _refuse_tag(path, root, (root.lc.line, root.lc.col))
    if _expanded_size(root) > MAX_NODES:
        raise LoadError(path, f"expands to more than {MAX_NODES:,} nodes (aliases nested too far)")
    positions: dict[NodePath, Position] = {(): (root.lc.line + 1, root.lc.col + 1)}
    paths: dict[int, NodePath] = {}
    out: dict[str, Any] = {}
    stack: list[tuple[Any, Any, NodePath]] = [(root, out, ())]
    while stack:
        source, target, at = stack.pop()
        if len(at) > MAX_DEPTH:
            raise LoadError(path, f"nests deeper than {MAX_DEPTH} levels", *positions[at])
        if isinstance(source, CommentedMap):
            paths.setdefault(id(source), at)
            for key, value in source.items():
                mark = _key_mark(source, key)
                name = _scalar(path, key, at, mark)
                here = (*at, str(name))
                # An entry is located at its key: the line a reader scans for.
                positions[here] = _one_based(mark)
                target[str(name)] = _child(path, value, here, _value_mark(source, key), stack)
        else:
            for index, value in enumerate(source):
                here = (*at, index)
                mark = source.lc.item(index)
                positions[here] = _one_based(mark)
                target.append(_child(path, value, here, mark, stack))
    return out, positions, paths


def _expanded_size(root: Any) -> int:
    """How many nodes ``root`` holds once every alias is expanded.

    An alias is the same Python object reached twice, so sizes are memoised by
    ``id``: the count costs one visit per distinct node, however far the
    aliases would multiply (a billion-laughs file is a few hundred bytes that
    expand to 10^9 nodes). The count saturates just above MAX_NODES.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def containers(node: Any) -> list[Any]:
        values = node.values() if isinstance(node, CommentedMap) else node
        return [v for v in values if isinstance(v, CommentedMap | CommentedSeq)]

    sizes: dict[int, int] = {}
    opened: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if children_done:
            inner = containers(node)
            total = 1 + len(node) - len(inner) + sum(sizes.get(id(c), 0) for c in inner)
            sizes[id(node)] = min(total, MAX_NODES + 1)
        elif id(node) in opened:
            return MAX_NODES + 1  # a node inside itself: a cycle expands without end
        else:
            opened.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in containers(node) if id(c) not in sizes)
    return sizes[id(root)]


def _key_mark(mapping: Any, key: Any) -> tuple[int, int]:
    """Where ``key`` is written; a key brought in by a merge (``<<: *x``) is placed at its mapping."""
    try:
        mark: tuple[int, int] = mapping.lc.key(key)
    except KeyError:
        return mapping.lc.line, mapping.lc.col
    return mark


def _value_mark(mapping: Any, key: Any) -> tuple[int, int]:
    try:
        mark: tuple[int, int] = mapping.lc.value(key)
    except KeyError:
        return mapping.lc.line, mapping.lc.col
    return mark


def _child(
    path: str,
    value: Any,
    here: NodePath,
    mark: tuple[int, int],
    stack: list[tuple[Any, Any, NodePath]],
) -> Any:
    """The plain stand-in for ``value``; containers are queued to be filled in.

    ``mark`` is the 0-based position of the value itself, for error messages.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, CommentedMap):
        _refuse_tag(path, value, mark)
        child: dict[str, Any] = {}
        stack.append((value, child, here))
        return child
    if isinstance(value, CommentedSeq):
        _refuse_tag(path, value, mark)
        items: list[Any] = []
        stack.append((value, items, here))
        return items
    return _scalar(path, value, here, mark)


def _scalar(path: str, value: Any, here: NodePath, mark: tuple[int, int]) -> Any:
    """Turn a round-trip scalar into the plain JSON-like value it stands for."""
    if isinstance(value, str) and (surrogate := _SURROGATE.search(value)):
        # YAML's \ud800 escapes can make lone surrogates: not characters, and
        # unencodable on output (YAML 1.2.2 §5.7 escapes denote characters).
        code = f"\\u{ord(surrogate[0]):04x}"
        raise LoadError(
            path,
            f"contains {code}, a surrogate escape that is not a character",
            mark[0] + 1,
            mark[1] + 1,
        )
    if value is None or type(value) in (str, int, float, bool):
        return value
    # ruamel's ScalarBoolean subclasses int: test it before int.
    if isinstance(value, bool) or type(value).__name__ == "ScalarBoolean":
        return bool(value)
    if isinstance(value, str) and _tag(value) is None:
        return str(value)
    if isinstance(value, int) and _tag(value) is None:
        return int(value)
    if isinstance(value, float) and _tag(value) is None:
        return float(value)
    # YAML reads 2022-07-01 as a date; the format stores dates as ISO strings.
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    tag = _tag(value) or type(value).__name__
    where = pointer(here) or "/"
    raise LoadError(path, f"unsupported YAML tag {tag} at {where}", mark[0] + 1, mark[1] + 1)


def _tag(node: Any) -> str | None:
    """The node's explicit tag in its short form (``!!python/...``), if it has one."""
    tag = getattr(getattr(node, "tag", None), "value", None)
    if not isinstance(tag, str):
        return None
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def _refuse_tag(path: str, node: Any, mark: tuple[int, int]) -> None:
    """Refuse explicit tags (``!!python/...``, ``!custom``): nothing is built from them.

    The round-trip loader never calls Python constructors for such tags (it keeps
    them as plain containers), so refusing is about honesty rather than safety:
    a file that relies on a tag means something icscheck cannot check.
    """
    tag = _tag(node)
    if tag and tag not in ("!!map", "!!seq"):
        raise LoadError(path, f"unsupported YAML tag {tag}", mark[0] + 1, mark[1] + 1)
