"""Read a constitution file into plain data plus the position of every node.

ruamel.yaml's round-trip loader keeps the line and column of every mapping
key and sequence item; JSON Schema wants plain dicts, lists and scalars. The
loader produces both in one pass: ``Document.data`` for validation and
``Document.locate()`` to turn any node path back into ``line:col``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icscheck.errors import LoadError

NodePath = tuple[str | int, ...]
Position = tuple[int, int]

FORMAT_VERSION = 1
"""The constitution format version this icscheck reads (the ``icscheck:`` key)."""

MAX_BYTES = 10 * 1024 * 1024
"""Largest file read. Real constitutions are a few hundred lines; anything far
larger is a mistake or an attack, and is refused before parsing."""


@dataclass(frozen=True)
class Document:
    """A parsed constitution: plain data and where each node sits in the file."""

    path: str
    data: dict[str, Any]
    positions: dict[NodePath, Position] = field(repr=False)

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


def read_text(path: str, max_bytes: int = MAX_BYTES) -> str:
    """Read ``path`` as UTF-8 text, or raise LoadError with a one-line reason."""
    file = Path(path)
    try:
        if file.is_dir():
            raise LoadError(path, "is a directory, not a constitution file")
        with file.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except PermissionError:
        raise LoadError(path, "permission denied") from None
    except OSError as exc:
        raise LoadError(path, f"cannot be read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise LoadError(path, f"is larger than the {max_bytes // (1024 * 1024)} MiB limit")
    return decode(path, raw)


def decode(path: str, raw: bytes) -> str:
    """Decode UTF-8 (a byte-order mark is allowed and dropped)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(path, "is not valid UTF-8 text", line, column) from None


def parse(path: str, text: str) -> Document:
    """Parse YAML text into a Document, or raise LoadError with its position."""
    # Imported here so that commands which never parse YAML do not pay for it.
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    try:
        root = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _problem(exc.context, exc.problem)
        if mark is None:
            raise LoadError(path, f"invalid YAML: {problem}") from None
        raise LoadError(path, f"invalid YAML: {problem}", mark.line + 1, mark.column + 1) from None
    except YAMLError as exc:
        raise LoadError(path, f"invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise LoadError(path, "invalid YAML: nesting is too deep") from None
    if root is None:
        raise LoadError(path, "is empty: expected a constitution (a YAML mapping)")
    if not _is_mapping(root):
        kind = "a list" if _is_sequence(root) else "a single value"
        raise LoadError(path, f"holds {kind} at the top level: expected a mapping", 1, 1)
    data, positions = _plain(path, root)
    return Document(path=path, data=data, positions=positions)


def _problem(context: str | None, problem: str | None) -> str:
    """ruamel's two-part message ("while parsing ...", "expected ...") as one line."""
    parts = [" ".join(str(part).split()) for part in (context, problem) if part]
    if len(parts) == 2 and parts[1].startswith("but "):
        return f"{parts[0]} {parts[1]}"  # "expected a single document ... but found another"
    return ": ".join(parts) or "invalid YAML"


def load(path: str, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse one constitution file."""
    document = parse(path, read_text(path, max_bytes))
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


def _is_mapping(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap

    return isinstance(node, CommentedMap)


def _is_sequence(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedSeq

    return isinstance(node, CommentedSeq)


def _plain(path: str, root: Any) -> tuple[dict[str, Any], dict[NodePath, Position]]:
    """Convert ruamel's round-trip tree to plain data, recording positions.

    Iterative rather than recursive, so that deeply nested input cannot
    exhaust the Python stack here.
    """
    from ruamel.yaml.comments import CommentedMap

    _refuse_tag(path, root, (root.lc.line, root.lc.col))
    positions: dict[NodePath, Position] = {(): (root.lc.line + 1, root.lc.col + 1)}
    out: dict[str, Any] = {}
    stack: list[tuple[Any, Any, NodePath]] = [(root, out, ())]
    while stack:
        source, target, at = stack.pop()
        if isinstance(source, CommentedMap):
            for key, value in source.items():
                mark = source.lc.key(key)
                name = key if isinstance(key, str) else _scalar(path, key, at, mark)
                here = (*at, str(name))
                # An entry is located at its key: the line a reader scans for.
                positions[here] = (mark[0] + 1, mark[1] + 1)
                target[str(name)] = _child(path, value, here, source.lc.value(key), stack)
        else:
            for index, value in enumerate(source):
                here = (*at, index)
                mark = source.lc.item(index)
                positions[here] = (mark[0] + 1, mark[1] + 1)
                target.append(_child(path, value, here, mark, stack))
    return out, positions


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
    if value is None or type(value) in (str, int, float, bool):
        return value
    # ruamel's ScalarBoolean subclasses int: test it before int.
    if isinstance(value, bool) or type(value).__name__ == "ScalarBoolean":
        return bool(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
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
