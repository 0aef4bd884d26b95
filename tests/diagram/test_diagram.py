"""icscheck.diagram: the governance map as Mermaid and as SVG, gaps highlighted."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from icscheck.diagram import canvas, measure, mermaid, svg, to_mermaid
from icscheck.diagram.picture import picture
from icscheck.finding import Finding, Severity
from icscheck.model import Model, build
from icscheck.result import FileResult, RuleResult
from tests.conftest import ROOT, SAMPLES, check

NS = "{http://www.w3.org/2000/svg}"
SMALL_DATA: dict[str, Any] = {
    "icb": {"name": "NHS Test ICB"},
    "board": {
        "members": [
            {"id": "chair", "role": "chair", "name": "Ann Chair"},
            {"id": "ned", "role": "non_executive_member", "name": "Ned One"},
            {"id": "ceo", "role": "chief_executive", "name": "Cee Eo"},
            {
                "id": "pm",
                "role": "partner_member",
                "name": "Pat Partner",
                "nominated_by": "local_authorities",
            },
        ],
        "participants": [{"id": "hw", "role": "healthwatch", "name": "Hew Watch"}],
        "quorum": {"minimum": 3},
    },
    "committees": [
        {
            "id": "audit",
            "name": "Audit Committee",
            "type": "audit",
            "chair": "ned",
            "members": ["ned", "ceo", {"name": "Ext Person", "external": True}],
            "reports_to": "board",
        },
        {
            "id": "sub",
            "name": "Audit Sub-committee",
            "type": "other",
            "chair": "ceo",
            "members": ["ceo"],
            "reports_to": "audit",
        },
        {
            "id": "lost",
            "name": "Lost Committee",
            "type": "other",
            "chair": "ned",
            "reports_to": "nowhere",
        },
    ],
    "place_partnerships": [
        {
            "id": "north",
            "name": "North Place",
            "population": 120000,
            "participants": ["local_authority", "primary_care_providers"],
        }
    ],
    "decision_map": [
        {"function": "Approve the plan", "decided_by": "board", "kind": "reserved"},
        {
            "function": "Approve the accounts",
            "decided_by": "audit",
            "kind": "delegated",
            "accountable": "board",
        },
        {"function": "Run the north budget", "decided_by": "north", "kind": "delegated"},
    ],
}
SMALL = build(SMALL_DATA)
SMALL_GAPS = {
    "COMM-003": "/committees/0/chair",
    "COMM-001": "/committees",
    "MAP-002": "/decision_map/2/accountable",
    "BOARD-009": "/board/members/1/other_positions",
    "QUORUM-001": "/board",
}

SMALL_MERMAID = """\
flowchart TD
  classDef board fill:#dbe7f6,stroke:#1d4f91,stroke-width:2px,color:#1f2328;
  classDef group fill:#f6f8fa,stroke:#57606a,color:#1f2328;
  classDef committee fill:#e8f1fb,stroke:#1d5fa8,color:#1f2328;
  classDef place fill:#eaf6ec,stroke:#2f7d3b,color:#1f2328;
  classDef decisions fill:#fff8e6,stroke:#9a6700,color:#1f2328;
  classDef gap fill:#fdecea,stroke:#b3261e,stroke-width:3px,color:#1f2328;
  board["<b>NHS Test ICB</b><br/>unitary board: 4 voting<br/>members, 1 participant;<br/>quorum 3<br/>✗ gap: QUORUM-001"];
  g0["<b>Chair</b><br/>Ann Chair"];
  board --- g0;
  g1["<b>Non-executive members</b><br/>✗ Ned One [BOARD-009]"];
  board --- g1;
  g2["<b>Executive members</b><br/>Cee Eo (chief executive)"];
  board --- g2;
  g3["<b>Partner members</b><br/>Pat Partner (nominated by<br/>local authorities)"];
  board --- g3;
  g5["<b>Non-voting participants</b><br/>Hew Watch (Healthwatch)"];
  board --- g5;
  c0["<b>Audit Committee</b><br/>chair: Ned One<br/>3 members, 1 from outside<br/>the board<br/>✗ gap: COMM-003"];
  board --- c0;
  c1["<b>Audit Sub-committee</b><br/>chair: Cee Eo<br/>1 member"];
  c0 --- c1;
  c2["<b>Lost Committee</b><br/>chair: Ned One<br/>⚠ reports to nowhere: not<br/>the board or a committee"];
  subgraph places["Place partnerships"]
    p0["<b>North Place</b><br/>population 120,000<br/>2 partners taking part"];
  end
  d0["<b>Decided by the board</b><br/>• Approve the plan"];
  board -.-> d0;
  d1["<b>Decided by Audit Committee</b><br/>• Approve the accounts<br/>(accountable: the board)"];
  c0 -.-> d1;
  d2["<b>Decided by North Place</b><br/>• ✗ Run the north budget<br/>(accountable: not given)<br/>[MAP-002]"];
  p0 -.-> d2;
  subgraph legend["Key"]
    key_ok["No gap found"];
    key_gap["✗ error or ⚠ warning: a rule<br/>found a problem here; see<br/>the report"];
    key_lines["Solid line: a member of, or<br/>reporting to, the box above"];
    key_arrows["Dotted arrow: decides the<br/>functions listed"];
    key_other["✗ Gaps not shown on one box:<br/>COMM-001"];
  end
  class g0,g2,g3,g5,key_ok,key_lines,key_arrows group;
  class c1 committee;
  class p0 place;
  class d0,d1 decisions;
  class board,g1,c0,c2,d2,key_gap,key_other gap;
"""


def finding(rule: str, node: str, message: str = "what is wrong") -> Finding:
    return Finding("t.yaml", 1, 1, rule, Severity.ERROR, message, "source", node)


def result(model: Model, gaps: dict[str, str] | None = None) -> FileResult:
    rules = tuple(RuleResult(rule, (finding(rule, node),)) for rule, node in (gaps or {}).items())
    return FileResult("t.yaml", model=model, rules=rules)


def changed(**changes: Any) -> dict[str, Any]:
    """SMALL's data with some top-level parts replaced."""
    return {**copy.deepcopy(SMALL_DATA), **changes}


def parse(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == f"{NS}svg"
    return root


def texts(element: ET.Element) -> str:
    """Every text of ``element``, one line each, joined by spaces (undoing the wrapping)."""
    return " ".join(t.text or "" for t in element.iter(f"{NS}text"))


def by_node(root: ET.Element, node: str) -> ET.Element:
    found = [g for g in root.iter(f"{NS}g") if g.get("data-node") == node]
    assert len(found) == 1, node
    return found[0]


def class_lines(source: str) -> dict[str, list[str]]:
    """``class a,b NAME;`` lines as {NAME: [a, b]}."""
    return {m[2]: m[1].split(",") for m in re.finditer(r"^  class (\S+) (\w+);$", source, re.M)}


# Mermaid


def test_mermaid_of_a_small_constitution_is_exact() -> None:
    assert mermaid(result(SMALL, SMALL_GAPS)) == SMALL_MERMAID


def test_mermaid_without_findings_marks_nothing_but_the_detached_committee() -> None:
    classes = class_lines(mermaid(result(SMALL)))
    assert classes["gap"] == ["c2", "key_gap"]
    assert classes["board"] == ["board"]
    assert classes["committee"] == ["c0", "c1"]
    assert "key_other" not in mermaid(result(SMALL))


HOSTILE = 'Eve "Q" <script>alert(1)</script> ] [x] #1; %%{init}%% `tick` a&b\nnew¶line'


def hostile() -> Model:
    data = copy.deepcopy(SMALL_DATA)
    data["icb"]["name"] = HOSTILE
    data["board"]["members"][0]["name"] = HOSTILE
    data["committees"][0]["name"] = HOSTILE
    data["place_partnerships"][0]["name"] = HOSTILE
    data["decision_map"][0]["function"] = HOSTILE
    return build(data)


def test_mermaid_escapes_hostile_labels() -> None:
    source = mermaid(result(hostile()))
    assert len(source.splitlines()) == len(mermaid(result(SMALL)).splitlines())
    labels = re.findall(r'\["(.*)"\];$', source, re.M)
    assert len(labels) == 17
    for label in labels:
        markup = re.sub(r"</?b>|<br/>", "", label)
        assert not set(markup) & set('"<>`%\n'), label
        assert "#" not in re.sub(r"#(\d+|quot|amp|lt|gt);", "", markup), label
    # Unwrapped, the escaped name reads back as it was written (newline as a space).
    escaped = to_mermaid.escape(HOSTILE)
    assert escaped == (
        "Eve #quot;Q#quot; #lt;script#gt;alert(1)#lt;/script#gt; ] [x] #35;1; "
        "#37;#37;{init}#37;#37; #96;tick#96; a#amp;b\\nnew#182;line"
    )


def test_every_mermaid_node_line_is_one_quoted_label() -> None:
    for line in mermaid(result(hostile(), SMALL_GAPS)).splitlines():
        if "[" in line:
            assert re.fullmatch(r' {2,4}\w+\["[^"]*"\];|  subgraph \w+\["[\w ]+"\]', line), line


# SVG


def test_svg_is_one_accessible_scalable_element() -> None:
    text = svg(result(SMALL, SMALL_GAPS))
    assert text.startswith("<svg ") and text.endswith("</svg>")
    assert "<?xml" not in text and "href" not in text and "<style" not in text
    root = parse(text)
    assert root.get("role") == "img"
    assert root.get("font-family") == "sans-serif"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox", ""))
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (f"{NS}title", f"{NS}desc")
    assert title.text == "Governance structure: NHS Test ICB"
    assert desc.text == (
        "The board of NHS Test ICB has 4 voting members (Chair: 1; Non-executive members: 1; "
        "Executive members: 1; Partner members: 1) and 1 non-voting participant. 3 committees, "
        "1 reporting to the board, 1 attached to nothing. 1 place partnership. The decision "
        "map has 3 functions, decided by 3 deciders. 5 boxes marked as having gaps. "
        "Gaps not shown on one box: COMM-001."
    )
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_svg_shows_every_element_and_highlights_gaps() -> None:
    root = parse(svg(result(SMALL, SMALL_GAPS)))
    gap_stroke = canvas.KINDS["gap"][1]
    for index, committee in enumerate(SMALL.committees):
        group = by_node(root, f"/committees/{index}")
        assert texts(group).startswith(committee.label)
    audit = by_node(root, "/committees/0")
    assert audit.get("class") == "gap"
    assert audit.find(f"{NS}rect").get("stroke") == gap_stroke  # type: ignore[union-attr]
    assert audit.find(f"{NS}title").text == "COMM-003: what is wrong"  # type: ignore[union-attr]
    assert "✗ gap: COMM-003" in texts(audit)
    sub = by_node(root, "/committees/1")
    assert sub.get("class") == "committee"
    assert sub.find(f"{NS}rect").get("stroke") == canvas.KINDS["committee"][1]  # type: ignore[union-attr]
    assert by_node(root, "/committees/2").get("class") == "gap"  # attached to nothing
    # A member's gap marks that member's line; the board's own gap marks the board.
    assert by_node(root, "/board/members/1").get("class") == "gap"
    assert not [g for g in root.iter(f"{NS}g") if g.get("data-node") == "/board/members/0"]
    assert by_node(root, "/board").get("class") == "gap"
    assert "Ned One [BOARD-009]" in texts(root)
    assert "Gaps not shown on one box: COMM-001" in texts(root)
    assert "Place partnerships" in texts(root) and "North Place" in texts(root)
    assert "Run the north budget (accountable: not given) [MAP-002]" in texts(root)


def test_svg_escapes_hostile_labels() -> None:
    text = svg(result(hostile()))
    root = parse(text)
    assert {e.tag for e in root.iter()} == {
        f"{NS}{tag}" for tag in ("svg", "title", "desc", "g", "rect", "text", "polyline")
    }
    flat = HOSTILE.replace("\n", "\\n")  # shown as an escape, as in every format
    assert root[0].text == "Governance structure: " + flat
    assert texts(by_node(root, "/committees/0")).startswith(flat)
    assert flat in texts(root)


def test_svg_shows_characters_xml_cannot_hold_as_escapes() -> None:
    structure = build(changed(icb={"name": "bad\x01\ud800name"}))
    root = parse(svg(result(structure)))
    assert root[0].text == "Governance structure: bad\\x01\\ud800name"
    assert '["<b>bad\\x01\\ud800name</b>' in mermaid(result(structure))


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_contrast_meets_wcag_aa_on_every_fill() -> None:
    for fill, _ in (*canvas.KINDS.values(), (canvas.PAGE, None)):
        assert contrast(canvas.TEXT, fill) >= 4.5, fill
    for fill in (canvas.KINDS["gap"][0], canvas.PAGE):
        assert contrast(canvas.GAP_TEXT, fill) >= 4.5, fill
    for style in to_mermaid.STYLES.values():
        background = re.search(r"fill:(#\w{6})", style)
        colour = re.search(r"color:(#\w{6})", style)
        assert background and colour
        assert contrast(colour[1], background[1]) >= 4.5, style


# The picture both drawings share


def test_reporting_loops_and_dangling_lines_are_cut_and_detached() -> None:
    lines = [("a", "b"), ("b", "a"), ("c", "a"), ("d", "d"), ("e", "board"), ("f", None)]
    lines += [("g", "e"), ("h", "ghost"), ("e", "g")]  # a duplicate id: the first e counts
    structure = build({"committees": [{"id": i, "reports_to": r} for i, r in lines]})
    drawn = picture(result(structure))
    assert drawn.detached == ("c0", "c1", "c3", "c5", "c7")
    assert drawn.children == {"c0": ["c2"], "board": ["c4"], "c4": ["c6"], "c6": ["c8"]}
    assert all(drawn.committees[key].is_gap for key in drawn.detached)
    assert not drawn.committees["c2"].is_gap  # hangs from a detached one: no gap of its own
    for text in (mermaid(result(structure)), svg(result(structure))):
        assert "c" in text  # both finish


def deep(length: int, first: str) -> Model:
    """c0 reporting to ``first``, each later committee to the one before it."""
    return build(
        {
            "committees": [
                {"id": f"c{i}", "name": f"C{i}", "reports_to": f"c{i - 1}" if i else first}
                for i in range(length)
            ]
        }
    )


def test_a_2000_deep_reporting_line_draws_every_committee_in_both_formats() -> None:
    drawn = result(deep(2000, "board"))
    source = mermaid(drawn)
    # Each committee once, straight after the one it reports to, with its line.
    edges = re.findall(r"^  (\S+) --- (c\d+);$", source, re.M)
    assert edges == [("board", "c0"), *((f"c{i - 1}", f"c{i}") for i in range(1, 2000))]
    assert re.findall(r"^  (c\d+)\[", source, re.M) == [f"c{i}" for i in range(2000)]
    root = parse(svg(drawn))
    boxes = [g for g in root.iter(f"{NS}g") if g.get("class") == "committee"]
    assert [texts(g) for g in boxes] == [f"C{i} chair: (not given)" for i in range(2000)]
    # Indented by depth up to MAX_DEPTH, then straight down, each box below the last.
    rects = [g.find(f"{NS}rect") for g in boxes]
    xs = [float(r.get("x", "")) for r in rects if r is not None]
    ys = [float(r.get("y", "")) for r in rects if r is not None]
    shifts = [min(i, canvas.MAX_DEPTH) * canvas.INDENT for i in range(2000)]
    assert [x - xs[0] for x in xs] == shifts
    assert ys == sorted(ys) and len(set(ys)) == 2000


def test_a_2000_committee_loop_is_cut_and_still_draws_every_committee() -> None:
    structure = deep(2000, "c1999")
    drawn = picture(result(structure))
    assert drawn.detached == tuple(f"c{i}" for i in range(2000)) and drawn.children == {}
    assert len(re.findall(r"^  c\d+\[", mermaid(result(structure)), re.M)) == 2000
    root = parse(svg(result(structure)))
    assert sum(1 for g in root.iter(f"{NS}g") if g.get("class") == "gap") == 2000


def test_findings_belong_to_the_nearest_element_only() -> None:
    committees = [{"id": f"k{i}", "reports_to": "board"} for i in range(11)]
    drawn = picture(result(build({"committees": committees}), {"COMM-003": "/committees/10/chair"}))
    assert [key for key, box in drawn.committees.items() if box.is_gap] == ["c10"]
    assert not drawn.board.is_gap and not drawn.other_gaps


def test_an_empty_structure_still_draws() -> None:
    empty = result(Model())
    assert class_lines(mermaid(empty))["board"] == ["board"]
    root = parse(svg(empty))
    assert root[1].text == (
        "The board of (ICB name not given) has 0 voting members. 0 committees, 0 reporting to "
        "the board. 0 place partnerships. The decision map has 0 functions, decided by 0 "
        "deciders. No gaps marked."
    )


def test_a_file_that_could_not_be_checked_has_no_map() -> None:
    broken = FileResult("broken.yaml")
    with pytest.raises(ValueError, match=r"broken\.yaml"):
        mermaid(broken)
    with pytest.raises(ValueError, match=r"broken\.yaml"):
        svg(broken)


def test_decisions_are_grouped_per_decider_board_first() -> None:
    decisions = [
        {"function": "one", "decided_by": "audit", "kind": "delegated", "accountable": "board"},
        {"function": "two", "decided_by": "board", "kind": "reserved"},
        {"function": "three", "decided_by": "audit", "kind": "delegated", "accountable": "audit"},
        {"function": "four", "decided_by": "ghost", "kind": "delegated", "accountable": "board"},
        {"function": "five", "decided_by": "ceo", "kind": "delegated", "accountable": "board"},
        {"function": "six", "kind": "delegated", "accountable": "board"},
    ]
    drawn = picture(result(build(changed(decision_map=decisions))))
    shown = [(key, box.title, [line.text for line in box.lines]) for key, box in drawn.decisions]
    assert shown == [
        ("board", "Decided by the board", ["two"]),
        ("c0", "Decided by Audit Committee", ["one (accountable: the board)", "three"]),
        (None, "Decided by ghost (not in the constitution)", ["four (accountable: the board)"]),
        (None, "Decided by Cee Eo", ["five (accountable: the board)"]),
        (None, "Decider not given", ["six (accountable: the board)"]),
    ]
    assert [box.is_gap for _, box in drawn.decisions] == [False, False, True, False, True]


# Text measurement for the SVG


def test_wrap_keeps_every_line_within_the_room() -> None:
    text = "Approve the quality and performance improvement plans " + "X" * 80
    lines = measure.wrap(text, 200, 13, indent=20)
    assert " ".join(lines).replace(" ", "") == text.replace(" ", "")
    assert measure.width(lines[0], 13) <= 200
    assert all(measure.width(line, 13) <= 180 for line in lines[1:])
    assert len(lines) > 3
    assert measure.wrap("", 200, 13) == [""]


# The bundled samples


READABLE = sorted(p for p in SAMPLES.rglob("*.yaml") if p.name != "broken-yaml.yaml")


@pytest.mark.parametrize("path", READABLE, ids=lambda p: p.name)
def test_every_sample_draws_in_both_formats_with_its_gaps(path: Path) -> None:
    checked = check([str(path)]).files[0]
    source = mermaid(checked)
    assert source.startswith("flowchart TD\n")
    gaps = class_lines(source).get("gap", [])
    root = parse(svg(checked))
    assert checked.model is not None
    for index, committee in enumerate(checked.model.identified.committees):
        assert texts(by_node(root, f"/committees/{index}")).startswith(committee.label)
    for f in checked.findings:
        match = re.match(r"/(committees|place_partnerships)/(\d+)", f.node)
        if match:
            key = ("c" if match[1] == "committees" else "p") + match[2]
            assert key in gaps, (f.rule, f.node)
            assert by_node(root, match[0]).get("class") == "gap"
        elif re.fullmatch(r"/board(/.*)?", f.node) and not re.match(
            r"/board/(members|participants)/\d+", f.node
        ):
            assert "board" in gaps and by_node(root, "/board").get("class") == "gap"


def test_the_broken_sample_has_no_structure() -> None:
    checked = check([str(SAMPLES / "non_compliant" / "broken-yaml.yaml")]).files[0]
    with pytest.raises(ValueError):
        svg(checked)


FORMAT_2 = ROOT / "tests" / "data" / "format2-structure.yaml"


def test_the_map_shows_format_2s_structure() -> None:
    drawn = picture(check([str(FORMAT_2)]).files[0])
    assert [line.text for line in drawn.board.lines][1:] == [
        "merged from NHS North ICB and NHS South ICB",
        "in a cluster with NHS Neighbour ICB",
        "delegated by NHS England: specialised services",
    ]
    chair, ceo = (group.lines[0].text for group in drawn.groups)
    assert chair == "Ann Chair (shared with 1 other ICB)"
    assert ceo == "Cee Eo (chief executive; shared with 1 other ICB)"
    place_committee, joint = drawn.committees["c0"], drawn.committees["c1"]
    assert [line.text for line in place_committee.lines] == [
        "chair: Ann Chair",
        "place committee for North Place",
    ]
    assert [line.text for line in joint.lines][1:] == [
        "joint committee with NHS England, NHS Neighbour ICB",
        "the ICB's member: Cee Eo",
    ]
    assert drawn.places[0].lines[0].text == "the ICB decides here through North Place Committee"
    (_, specialised), _ = drawn.decisions
    assert specialised.lines[0].text == (
        "Commission specialised services (delegated by NHS England) "
        "(accountable: NHS England); advice: North Place Committee"
    )


def test_a_place_committee_is_joined_to_the_place_it_serves() -> None:
    drawn = picture(check([str(FORMAT_2)]).files[0])
    assert drawn.serves == (("c0", "p0"),)
    source = to_mermaid.render(drawn)
    assert "  c0 === p0;\n" in source
    assert 'key_serves["Thick line: a place<br/>committee and the place it<br/>serves"];' in source


def test_no_place_committee_draws_no_thick_line_and_no_key_for_it() -> None:
    source = to_mermaid.render(picture(check([str(SAMPLES / "lincolnshire.yaml")]).files[0]))
    assert "===" not in source
    assert "key_serves" not in source
