"""The composer: where scalars' text lies, and libyaml and ruamel's pure parser agreeing on it."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from icscheck.composer import Composed, compose
from icscheck.errors import LoadError
from icscheck.waivers import find_waivers
from tests.conftest import SAMPLES

WAIVE = "# icscheck: waive FMT-001 reason=r approved-by=a until=2099-12-31"

TEXTS = {
    "literal block": f"a: |\n  text\n  {WAIVE}\nb: 1\n",
    "folded block": f"a: >-\n  text\n  {WAIVE}\nb: 1\n",
    "block, then a comment": f"a:\n  b: |\n    text #\n  {WAIVE}\n  c: 1\n",
    "block header comment": f"a: |+ {WAIVE}\n  text # not a comment\n\nb: 1\n",
    "double-quoted over lines": f'a: {{b: "text\n  {WAIVE}\n  ", c: 1}}\n',
    "single-quoted over lines": f"a: ['text\n  {WAIVE}\n  ', 1]\n",
    "plain over lines": f"a: text\n  \u00a0{WAIVE.replace(': waive', ':waive')}\nb: 1\n",
    "anchor and tag before the text": f"a: &x !!str {WAIVE}\n  'text # not a comment'\nb: *x\n",
    "a key holding a #": f"'k # {WAIVE}': 1  {WAIVE}\n",
    "carriage returns": f'a: "x\ry # z"\r  {WAIVE}\rb: 1\r',
    "NEL, LS and PS inside a value": f'a: "x\x85y\u2028z\u2029# q"\n{WAIVE}\nb: 1\n',
}


def both(text: str) -> tuple[Composed, Composed]:
    fast, slow = compose("c.yaml", text), compose("c.yaml", text, pure=True)
    assert fast is not None and slow is not None
    return fast, slow


def waivers(text: str, composed: Composed) -> list[tuple[int, int, int]]:
    return [(w.line, w.column, w.target) for w in find_waivers(text, composed.spans)]


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_the_c_and_pure_parsers_agree_on_data_positions_spans_and_waivers(text: str) -> None:
    fast, slow = both(text)
    assert (fast.root, fast.positions, fast.spans) == (slow.root, slow.positions, slow.spans)
    assert waivers(text, fast) == waivers(text, slow)


PARSEABLE = [p for p in sorted(SAMPLES.rglob("*.yaml")) if p.name != "broken-yaml.yaml"]


@pytest.mark.parametrize("sample", PARSEABLE, ids=lambda p: p.name)
def test_the_parsers_agree_on_every_sample_s_spans_and_waivers(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    fast, slow = both(text)
    assert fast.spans == slow.spans
    assert waivers(text, fast) == waivers(text, slow)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("literal block", []),
        ("folded block", []),
        ("block, then a comment", [(4, 3, 5)]),
        ("block header comment", [(1, 7, 1)]),
        ("double-quoted over lines", []),
        ("single-quoted over lines", []),
        ("plain over lines", []),
        ("anchor and tag before the text", [(1, 13, 1)]),
        ("a key holding a #", [(1, len(f"'k # {WAIVE}': 1  ") + 1, 1)]),
        ("carriage returns", [(3, 3, 4)]),
        ("NEL, LS and PS inside a value", [(5, 1, 6)]),
    ],
)
def test_only_comments_are_waivers(name: str, expected: list[tuple[int, int, int]]) -> None:
    text = TEXTS[name]
    composed = compose("c.yaml", text)
    assert composed is not None
    assert waivers(text, composed) == expected


def test_a_span_covers_the_text_not_the_properties_or_the_block_header() -> None:
    text = "a: &x !!str # note\n  'v # w'\nb: | # head\n  t # u\nc: d#e\nf: g\n"
    composed = compose("c.yaml", text)
    assert composed is not None
    assert [text[start:end] for start, end in composed.spans] == [
        "'v # w'",
        "  t # u\n",
        "d#e",
    ]


def test_a_line_break_inside_a_value_moves_what_follows_down_for_both_parsers() -> None:
    """libyaml counts NEL, LS and PS as line breaks; ruamel's pure reader does not, so the
    composer counts them itself there."""
    text = 'a: "x\x85y\u2028z"\nb: 1\n'
    fast, slow = both(text)
    assert fast.positions[("b",)] == slow.positions[("b",)] == (4, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "".join(f"k{n}: {n}\n" for n in range(500)) + "last: 1\n",
            "holds more than 1,000 nodes (keys, values and list items)",
            id="plain keys",
        ),
        pytest.param(
            "a: &a [1, 2]\nb: *a\n" + "".join(f"k{n}: {n}\n" for n in range(500)),
            "holds more than 1,000 nodes (keys, values and list items)",
            id="plain keys and a harmless alias",
        ),
        pytest.param(
            "a: &a [" + ", ".join(["x"] * 200) + "]\nb: [*a, *a, *a, *a, *a]\n",
            "expands to more than 1,000 nodes (aliases nested too far)",
            id="aliases",
        ),
    ],
)
def test_the_node_limit_names_its_cause(
    text: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("icscheck.composer.MAX_NODES", 1_000)
    for pure in (False, True):
        with pytest.raises(LoadError) as caught:
            compose("c.yaml", text, pure=pure)
        assert (caught.value.message, caught.value.line) == (message, None)


CORE_SCHEMA = [
    # YAML 1.2.2 §10.3.2: null, bool, int (decimal, 0o, 0x), float, and otherwise text.
    ("", None),
    ("~", None),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("nULL", "nULL"),
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("false", False),
    ("FALSE", False),
    ("tRUE", "tRUE"),
    ("yes", "yes"),
    ("off", "off"),
    ("0", 0),
    ("-0", 0),
    ("+12", 12),
    ("012", 12),
    ("0o17", 15),
    ("0x1F", 31),
    ("0xff", 255),
    ("1_000", "1_000"),
    ("0b101", "0b101"),
    ("+0x1F", "+0x1F"),
    ("-0o17", "-0o17"),
    ("0o18", "0o18"),
    ("1:20", "1:20"),
    ("1.10", 1.1),
    ("1.", 1.0),
    (".5", 0.5),
    ("-.5", -0.5),
    ("1e1", 10.0),
    ("1E+2", 100.0),
    ("+1.5e-3", 0.0015),
    ("1_000.5", "1_000.5"),
    ("1e", "1e"),
    (".", "."),
    (".inf", float("inf")),
    ("-.Inf", float("-inf")),
    ("+.INF", float("inf")),
    ("-.NaN", "-.NaN"),
    ("=", "="),
    ("<<", "<<"),
    ("2022-07-01", "2022-07-01"),
    ("2022-13-01", "2022-13-01"),
    ("2022-7-1", "2022-7-1"),
    ("2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43.100000-05:00"),
]


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
@pytest.mark.parametrize(("text", "value"), CORE_SCHEMA, ids=[text for text, _ in CORE_SCHEMA])
def test_plain_values_are_read_by_the_core_schema(text: str, value: object, pure: bool) -> None:
    composed = compose("c.yaml", f"a: {text}\n", pure=pure)
    assert composed is not None
    [read] = composed.root.values()
    assert (type(read), read) == (type(value), value)


def test_not_a_number_is_a_float() -> None:
    for text in (".nan", ".NaN", ".NAN"):
        composed = compose("c.yaml", f"a: {text}\n")
        assert composed is not None
        assert math.isnan(composed.root["a"])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("!!int 0x10", 16),
        ("!!float 1", 1.0),
        ("!!bool FALSE", False),
        ("!!null ''", None),
        ("!!str 1_000", "1_000"),
        ("! 12", "12"),
    ],
)
def test_an_explicit_tag_takes_what_its_type_accepts(text: str, value: object) -> None:
    composed = compose("c.yaml", f"a: {text}\n")
    assert composed is not None
    assert (type(composed.root["a"]), composed.root["a"]) == (type(value), value)


@pytest.mark.parametrize(
    "text",
    [
        "!!int 1_000",
        "!!int 0b101",
        "!!int 1.5",
        "!!float 1_0.5",
        "!!bool yes",
        "!!null nothing",
        "!!timestamp someday",
    ],
)
@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
def test_an_explicit_tag_with_a_value_outside_its_type_is_refused(text: str, pure: bool) -> None:
    tag, _, value = text.partition(" ")
    with pytest.raises(LoadError) as caught:
        compose("c.yaml", f"a: {text}\n", pure=pure)
    error = caught.value
    assert (error.message, error.line, error.column) == (f"'{value}' is not a valid {tag}", 1, 4)
