"""Parse constitution text into plain data plus the position of every node.

JSON Schema wants plain dicts, lists and scalars; the rules want to point at a
line and column. ``icscheck.composer`` builds both from ruamel.yaml's parse
events in one pass: ``Document.data`` for validation and ``Document.locate()``
to turn any node path back into ``line:col``. This module reads the text,
words every parser failure as one positioned LoadError, and checks the format
version.

The input may be hostile (docs/security.md): the composer constructs nothing
from tags and bounds nesting and alias expansion; duplicate keys are kept as
data for rule FMT-002 rather than stopping the parse. Nesting needs no check
of its own on the raw text: neither libyaml nor ruamel's pure parser recurses
on nested flow collections (both keep explicit stacks and hand out events as
they go), so the composer's depth limit is met after about a hundred events,
however deep the text goes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from icscheck.annotations import find_sources, take_unknowns
from icscheck.composer import Duplicate, NodePath, Position, compose
from icscheck.errors import LoadError
from icscheck.reader import LINE_BREAK, MAX_BYTES, decode, line_column, read_bytes
from icscheck.waivers import Waiver, find_waivers

__all__ = [
    "Document",
    "Duplicate",
    "NodePath",
    "Position",
    "has_whole_float",
    "load",
    "load_bytes",
    "parse",
]

FORMAT_VERSIONS = (1, 2)
"""The constitution format versions this icscheck reads (the ``icscheck:`` key)."""
LATEST = FORMAT_VERSIONS[-1]


@dataclass(frozen=True)
class Document:
    """A parsed constitution: plain data and where each node sits in the file."""

    path: str
    data: dict[str, Any]
    positions: dict[NodePath, Position] = field(repr=False)
    duplicates: tuple[Duplicate, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    unknowns: dict[NodePath, str] = field(default_factory=dict)
    """Format 2: each value written as ``{unknown: ...}``, by node path, with its note
    (icscheck/annotations.py); such values are not in ``data``."""
    sources: dict[NodePath, Any] = field(default_factory=dict)
    """Format 2: each entry's ``source`` (where its facts come from), by the entry's node path."""
    drafted: bool = False
    """Drafted in memory from a document (``icscheck validate constitution.pdf``): its
    findings are located by the sources' page and clause, not by line."""

    @cached_property
    def whole_float(self) -> bool:
        """Whether the data holds a whole-number float, which the fast engine never vouches
        for (icscheck/fastcheck.py): walked once per document, not once per schema rule
        (about 4 s of a 10 MiB check that took 10.5 s, benchmarks/large.py)."""
        return has_whole_float(self.data)

    def source_of(self, node: Sequence[str | int]) -> Any:
        """The source of the nearest entry at or above ``node`` that gives one, or None."""
        path = tuple(node)
        while path not in self.sources:
            if not path:
                return None
            path = path[:-1]
        return self.sources[path]

    @property
    def version(self) -> int:
        """The format version the file says it is in; 1 when it does not say (FMT-001 reports it)."""
        version = self.data.get("icscheck")
        if isinstance(version, int) and not isinstance(version, bool) and version > 0:
            return version
        return 1

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
    if (
        isinstance(version, int)
        and not isinstance(version, bool)
        and version not in FORMAT_VERSIONS
    ):
        line, column = document.locate(("icscheck",))
        readable = " and ".join(str(v) for v in FORMAT_VERSIONS)
        raise LoadError(
            path,
            f"format version {version} is not supported (this icscheck reads versions {readable})",
            line,
            column,
        )
    return document


def parse(path: str, text: str) -> Document:
    """Parse YAML text into a Document, or raise LoadError with its position."""
    composed = _compose(path, text)
    if composed is None or composed.root is None:
        raise LoadError(path, "is empty: expected a constitution (a YAML mapping)")
    if not isinstance(composed.root, dict):
        kind = "a list" if isinstance(composed.root, list) else "a single value"
        raise LoadError(path, f"holds {kind} at the top level: expected a mapping", 1, 1)
    data: dict[str, Any] = composed.root
    # Only version 2 knows unknown markers; in version 1 they stay data, for FMT-001.
    second = data.get("icscheck") == 2
    unknowns = take_unknowns(data) if second else {}
    sources = find_sources(data) if second else {}
    return Document(
        path=path,
        data=data,
        positions=composed.positions,
        duplicates=composed.duplicates,
        waivers=find_waivers(text, composed.spans),
        unknowns=unknowns,
        sources=sources,
    )


def _compose(path: str, text: str) -> Any:
    """Run the YAML parser, turning every failure into a positioned LoadError."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    try:
        return compose(path, text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _problem(exc.context, exc.problem)
        ended = any(word in (exc.problem or "") for word in ("end of stream", "<stream end>"))
        ended = ended or (exc.problem_mark is not None and _at_end(text, exc.problem_mark))
        if exc.context_mark is not None and exc.context and ended:
            # "Unexpected end of stream" points past the last line; where the
            # unclosed quote or bracket began is what the reader needs.
            mark = exc.context_mark
            what = exc.context.removeprefix("while scanning ").removeprefix("while parsing ")
            what = what.replace("quoted scalar", "quoted value").replace("scalar", "value")
            problem = f"{what} that starts here is never closed"
            if _at_end(text, mark):
                # The parser knows only that the text ran out inside a flow collection.
                problem = "the file ends inside a flow collection: a [ or { is never closed"
        if mark is None:
            raise LoadError(path, f"invalid YAML: {problem}") from None
        if "cannot start any token" in problem:
            # libyaml does not say which character; a tab is by far the likeliest.
            found = _char_at(text, mark.line, mark.column)
            problem = problem.replace("found character that", f"found character {found!r} that")
        raise LoadError(path, f"invalid YAML: {problem}", *_within(text, mark)) from None
    except ReaderError as exc:
        line, column = line_column(text, exc.position)
        code = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise LoadError(path, f"contains a control character ({code})", line, column) from None
    except YAMLError as exc:
        raise LoadError(path, f"invalid YAML: {' '.join(str(exc).split())}") from None


def _within(text: str, mark: Any) -> Position:
    """The 1-based position of ``mark``, moved back inside the file if it lies past the end."""
    rows = LINE_BREAK.split(text)
    line = min(mark.line, len(rows) - 1)
    column = mark.column if line == mark.line else len(rows[line])
    return line + 1, min(column, len(rows[line])) + 1


def _at_end(text: str, mark: Any) -> bool:
    """Whether ``mark`` lies past the last character: the parser ran out of text."""
    lines = LINE_BREAK.split(text.rstrip())
    return bool(
        mark.line > len(lines) - 1
        or (mark.line == len(lines) - 1 and mark.column >= len(lines[-1]))
    )


def _char_at(text: str, line: int, column: int) -> str:
    lines = LINE_BREAK.split(text)
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else "?"


def _problem(context: str | None, problem: str | None) -> str:
    """ruamel's two-part message ("while parsing ...", "expected ...") as one line."""
    parts = [" ".join(str(part).split()) for part in (context, problem) if part]
    if len(parts) == 2 and parts[1].startswith("but "):
        return f"{parts[0]} {parts[1]}"  # "expected a single document ... but found another"
    return ": ".join(parts) or "invalid YAML"


def has_whole_float(data: Any) -> bool:
    """Whether ``data`` holds a float with a whole value (``1e1``): never vouched for."""
    # Each container once: an alias is the same object wherever it is used, so a few KB of
    # aliases standing for 459,000 nodes are walked as the few KB they are (issue 14,
    # benchmarks/large.py); walking every use, once for each schema rule, took 9 s.
    stack, seen = [data], set()
    while stack:
        value = stack.pop()
        if isinstance(value, float):
            if value.is_integer():
                return True
        elif isinstance(value, dict | list) and id(value) not in seen:
            seen.add(id(value))
            stack.extend(value.values() if isinstance(value, dict) else value)
    return False
