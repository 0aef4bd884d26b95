"""The map as Mermaid flowchart source, which GitHub and the markdown report render.

Node ids are made here (``board``, ``g0``, ``c3``...), never taken from the
file, so no id can clash with Mermaid's keywords. Every label is quoted and
its text escaped with Mermaid's entity codes (``#quot;``, ``#lt;``...), so a
name can neither end the label nor inject markup.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from icscheck.diagram.boxes import ERROR_GAP, GAP, Box, Picture, mark, rules
from icscheck.untrusted import text as shown

WIDTH = 28
"""Characters per label line: about what fits in the 200 pixels at which recent Mermaid
wraps a label itself (older versions never wrap, and would draw very wide boxes)."""

# Text colour #1f2328 on every fill has a contrast ratio of at least 4.5:1 (WCAG AA).
STYLES = {
    "board": "fill:#dbe7f6,stroke:#1d4f91,stroke-width:2px,color:#1f2328",
    "group": "fill:#f6f8fa,stroke:#57606a,color:#1f2328",
    "committee": "fill:#e8f1fb,stroke:#1d5fa8,color:#1f2328",
    "place": "fill:#eaf6ec,stroke:#2f7d3b,color:#1f2328",
    "decisions": "fill:#fff8e6,stroke:#9a6700,color:#1f2328",
    "gap": "fill:#fdecea,stroke:#b3261e,stroke-width:3px,color:#1f2328",
}

# Mermaid decodes ``#name;`` (and its own markers for them) before parsing, and
# renders labels as HTML: each of these characters becomes an entity code.
_ENTITIES = str.maketrans(
    {
        "#": "#35;",
        "&": "#amp;",
        '"': "#quot;",
        "<": "#lt;",
        ">": "#gt;",
        "%": "#37;",
        "`": "#96;",
        "\u00b6": "#182;",
        "\ufb02": "#64258;",
    }
)


def escape(text: str) -> str:
    """``text`` safe inside a quoted Mermaid label: one line as ``icscheck.untrusted``
    shows text, entities for markup."""
    return shown(text).translate(_ENTITIES)


def label(title: str, lines: list[str]) -> str:
    """A quoted label: the title in bold, then each line, wrapped to ``WIDTH``."""
    parts = ["<b>" + "<br/>".join(_wrap(title)) + "</b>"]
    parts += ["<br/>".join(_wrap(line)) for line in lines]
    return '"' + "<br/>".join(parts) + '"'


def _wrap(text: str) -> list[str]:
    return [escape(part) for part in textwrap.wrap(shown(text), WIDTH) or [""]]


def _node(box: Box, bullet: str = "") -> str:
    lines = [bullet + line.shown for line in box.lines]
    if box.note:
        lines.append(box.note)
    # The closing ";" is Mermaid's statement end, and guards the label: Mermaid
    # drops the last ";" of any line that looks like "style...:...#...;".
    return f"{box.key}[{label(box.title, lines)}];"


def render(picture: Picture) -> str:
    """The whole flowchart, one statement per line."""
    return "\n".join(_statements(picture)) + "\n"


def _statements(picture: Picture) -> Iterator[str]:
    yield "flowchart TD"
    for name, style in STYLES.items():
        yield f"  classDef {name} {style};"
    yield "  " + _node(picture.board)
    for group in picture.groups:
        yield "  " + _node(group)
        yield f"  board --- {group.key};"
    yield from _committees(picture, "board")
    for key in picture.detached:
        yield "  " + _node(picture.committees[key])
        yield from _committees(picture, key)
    if picture.places:
        yield '  subgraph places["Place partnerships"]'
        for place in picture.places:
            yield "    " + _node(place)
        yield "  end"
    for committee_key, place_key in picture.serves:
        yield f"  {committee_key} === {place_key};"
    for decider, box in picture.decisions:
        yield "  " + _node(box, bullet="\u2022 ")
        if decider is not None:
            yield f"  {decider} -.-> {box.key};"
    yield from _legend(picture)
    yield from _classes(picture)


def _committees(picture: Picture, parent: str) -> Iterator[str]:
    """The committees under ``parent``, each followed by its own."""
    for key, up, _ in picture.below(parent):
        yield "  " + _node(picture.committees[key])
        yield f"  {up} --- {key};"


def _legend(picture: Picture) -> Iterator[str]:
    yield '  subgraph legend["Key"]'
    yield f"    key_ok[{_plain('No gap found')}];"
    key = f"{ERROR_GAP} error or {GAP} warning: a rule found a problem here; see the report"
    yield f"    key_gap[{_plain(key)}];"
    yield f"    key_lines[{_plain('Solid line: a member of, or reporting to, the box above')}];"
    yield f"    key_arrows[{_plain('Dotted arrow: decides the functions listed')}];"
    if picture.serves:
        yield f"    key_serves[{_plain('Thick line: a place committee and the place it serves')}];"
    if picture.other_gaps:
        others = rules(picture.other_gaps)
        shown = mark(picture.other_gaps)
        yield f"    key_other[{_plain(f'{shown} Gaps not shown on one box: {others}')}];"
    yield "  end"


def _plain(text: str) -> str:
    """A quoted label of plain text, wrapped."""
    return '"' + "<br/>".join(_wrap(text)) + '"'


def _classes(picture: Picture) -> Iterator[str]:
    """One class per node: its kind, or ``gap``."""
    boxes = [
        picture.board,
        *picture.groups,
        *picture.committees.values(),
        *picture.places,
        *(box for _, box in picture.decisions),
    ]
    classes: dict[str, list[str]] = {}
    for box in boxes:
        kind = "gap" if box.is_gap else box.kind
        classes.setdefault(kind, []).append(box.key)
    classes.setdefault("group", []).extend(["key_ok", "key_lines", "key_arrows"])
    if picture.serves:
        classes["group"].append("key_serves")
    classes.setdefault("gap", []).append("key_gap")
    if picture.other_gaps:
        classes["gap"].append("key_other")
    for name in STYLES:
        if name in classes:
            yield f"  class {','.join(classes[name])} {name};"
