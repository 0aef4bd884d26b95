"""The loader: plain data, positions, and a clear LoadError for every unreadable file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml.error import MarkedYAMLError

from icscheck.composer import compose
from icscheck.errors import LoadError
from icscheck.loader import Duplicate, load, parse, pointer
from tests.conftest import SAMPLES

Write = Callable[..., str]


def test_positions_are_one_based_and_point_at_keys_and_items() -> None:
    document = parse(
        "c.yaml", "icscheck: 1\nboard:\n  members:\n    - id: chair\n      role: chair\n"
    )
    assert document.locate(()) == (1, 1)
    assert document.locate(("board",)) == (2, 1)
    assert document.locate(("board", "members")) == (3, 3)
    assert document.locate(("board", "members", 0)) == (4, 7)
    assert document.locate(("board", "members", 0, "role")) == (5, 7)


def test_a_missing_node_is_located_at_the_mapping_that_should_hold_it() -> None:
    document = parse("c.yaml", "icscheck: 1\nboard:\n  members: []\n")
    assert document.locate(("board", "quorum", "minimum")) == (2, 1)


def test_flow_sequence_items_have_their_own_columns() -> None:
    document = parse("c.yaml", "principles: [openness, honesty]\n")
    assert document.locate(("principles", 1)) == (1, 24)


def test_data_is_plain_json_like() -> None:
    document = parse(
        "c.yaml",
        "icscheck: 1\nicb:\n  established: 2022-07-01\n  flag: true\n  version: 1.10\n",
    )
    assert document.data == {
        "icscheck": 1,
        "icb": {"established": "2022-07-01", "flag": True, "version": 1.1},
    }
    assert type(document.data["icb"]["flag"]) is bool


def test_pointer_escapes_per_rfc_6901() -> None:
    assert pointer(("a/b", "c~d", 3)) == "/a~1b/c~0d/3"
    assert pointer(()) == ""


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        (
            "icscheck: 1\nboard:\n  members:\n  - id: [x\n",
            "a flow sequence that starts here is never closed",
            4,
            9,
        ),
        ("a: 1\n b: 2\n", "invalid YAML", 2, 3),
        (
            "---\na: 1\n---\nb: 2\n",
            "expected a single document in the stream but found another document",
            3,
            1,
        ),
        ("- a\n- b\n", "holds a list at the top level: expected a mapping", 1, 1),
        ("just text\n", "holds a single value at the top level", 1, 1),
        (
            "a: !!python/object/apply:os.system [echo]\n",
            "unsupported YAML tag !!python/object/apply:os.system",
            1,
            4,
        ),
        ("a: !custom {x: 1}\n", "unsupported YAML tag !custom", 1, 4),
        (
            "icscheck: 3\n",
            "format version 3 is not supported (this icscheck reads versions 1 and 2)",
            1,
            1,
        ),
    ],
)
def test_unparseable_files_raise_load_error_with_position(
    write: Write, text: str, message: str, line: int, column: int
) -> None:
    path = write(text)
    with pytest.raises(LoadError) as raised:
        load(path)
    error = raised.value
    assert message in error.message
    assert (error.line, error.column) == (line, column)
    assert str(error).startswith(f"{path}:{line}:{column}: ")
    assert "\n" not in str(error)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "   \n"])
def test_empty_files_are_refused(write: Write, text: str) -> None:
    with pytest.raises(LoadError, match="is empty"):
        load(write(text))


def test_invalid_utf8_is_refused_with_its_position(write: Write) -> None:
    path = write(b"icscheck: 1\nicb:\n  name: caf\xe9\n")
    with pytest.raises(LoadError) as raised:
        load(path)
    assert raised.value.message == "is not valid UTF-8 text"
    assert (raised.value.line, raised.value.column) == (3, 12)


def test_a_utf8_byte_order_mark_is_accepted(write: Write) -> None:
    document = load(write("\ufefficscheck: 1\n".encode()))
    assert document.data == {"icscheck": 1}


def test_missing_file_directory_and_oversized_file(tmp_path: Path, write: Write) -> None:
    with pytest.raises(LoadError, match="no such file"):
        load(str(tmp_path / "absent.yaml"))
    with pytest.raises(LoadError, match="is a directory"):
        load(str(tmp_path))
    with pytest.raises(LoadError, match=r"is 1.4 MiB, over the 1 MiB limit"):
        load(write("a: 1\n" * 300_000), max_bytes=1024 * 1024)


def test_tags_are_refused_before_anything_is_constructed(write: Write, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = write(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(LoadError):
        load(path)
    assert not marker.exists()


def test_duplicate_keys_keep_the_first_value_and_are_recorded() -> None:
    document = parse("c.yaml", "a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
    assert document.data == {"a": 1, "b": {"c": 2}}
    assert document.duplicates == (
        Duplicate(("b", "c"), first=(3, 3), again=(4, 3)),
        Duplicate(("a",), first=(1, 1), again=(5, 1)),
    )


def test_harmless_aliases_are_expanded() -> None:
    document = parse("a.yaml", "base: &b {x: 1, y: [1, 2]}\nother: *b\n")
    assert document.data == {"base": {"x": 1, "y": [1, 2]}, "other": {"x": 1, "y": [1, 2]}}


def test_an_alias_bomb_is_refused_before_it_is_expanded() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    with pytest.raises(LoadError, match=r"expands to more than 1,000,000 nodes"):
        parse("lol.yaml", "\n".join(lines) + "\n")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\x85", "\u2028"])
def test_error_positions_count_every_yaml_line_break(newline: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse("c.yaml", f"a: 1{newline}b: 2{newline}c: x\x07y{newline}")
    assert (caught.value.line, caught.value.column) == (3, 5)


@pytest.mark.parametrize("sample", sorted(SAMPLES.rglob("*.yaml")), ids=lambda p: p.name)
def test_the_c_and_pure_python_parsers_give_the_same_document(sample: Path) -> None:
    """libyaml (ruamel.yaml.clib) is used where installed; both must agree exactly."""
    text = sample.read_text(encoding="utf-8")
    try:
        fast = compose(sample.name, text)
    except MarkedYAMLError:
        with pytest.raises(MarkedYAMLError):
            compose(sample.name, text, pure=True)
        return
    slow = compose(sample.name, text, pure=True)
    assert fast is not None and slow is not None
    assert (fast.root, fast.positions, fast.duplicates) == (
        slow.root,
        slow.positions,
        slow.duplicates,
    )


def test_keys_are_named_as_written() -> None:
    document = parse("k.yaml", "true: 1\n~: 2\n0x10: 3\n1.10: 4\n")
    assert list(document.data) == ["true", "~", "0x10", "1.10"]


@pytest.mark.parametrize(
    ("text", "position"),
    [("a: [", (1, 5)), ("a: [1,\n", (2, 1)), ("a:\n  - {x: 1,", (2, 11))],
)
def test_a_file_that_ends_inside_a_flow_collection_is_reported_inside_the_file(
    text: str, position: tuple[int, int]
) -> None:
    with pytest.raises(LoadError) as caught:
        parse("c.yaml", text)
    assert (caught.value.line, caught.value.column) == position
    assert caught.value.message == (
        "invalid YAML: the file ends inside a flow collection: a [ or { is never closed"
    )


BRACKETS = "[" * 200 + "{" * 200


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (f'a: "{BRACKETS}"\n', BRACKETS),
        (f"a: '{BRACKETS}'\n", BRACKETS),
        ("a: x" + "[" * 200 + "\n", "x" + "[" * 200),
        (f"a: |\n  {BRACKETS}\n", BRACKETS + "\n"),
        (f"# {BRACKETS}\na: x  # {BRACKETS}\n", "x"),
    ],
    ids=["double-quoted", "single-quoted", "plain", "block", "comments"],
)
def test_brackets_in_text_or_comments_are_not_nesting(text: str, value: str) -> None:
    assert parse("c.yaml", text).data == {"a": value}


DEEP = [
    ("a: " + "[" * 200 + "]" * 200 + "\n", (1, 103)),
    ("a: " + "{b: " * 200 + "}" * 200 + "\n", (1, 400)),
    ("a: " + "[\n " * 200 + "]" * 200 + "\n", (100, 2)),
    ("a: " + "[" * 1_000_000 + "\n", (1, 103)),
]
DEEP_IDS = ["flow sequences", "flow mappings", "over lines", "a million, never closed"]


@pytest.mark.parametrize(("text", "position"), DEEP, ids=DEEP_IDS)
def test_deep_flow_nesting_is_refused_where_it_passes_the_limit(
    text: str, position: tuple[int, int]
) -> None:
    """The root mapping is the first level, so the 100th bracket opens the 101st."""
    with pytest.raises(LoadError) as caught:
        parse("c.yaml", text)
    error = caught.value
    assert (error.message, error.line, error.column) == ("nests deeper than 100 levels", *position)


@pytest.mark.parametrize(("text", "position"), DEEP, ids=DEEP_IDS)
def test_the_pure_parser_refuses_deep_flow_nesting_at_the_same_place(
    text: str, position: tuple[int, int]
) -> None:
    with pytest.raises(LoadError) as caught:
        compose("c.yaml", text, pure=True)
    assert (caught.value.line, caught.value.column) == position
