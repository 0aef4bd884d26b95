"""The reader: what it refuses to read, and where it says a file stops being text."""

from __future__ import annotations

import pytest

from icscheck.errors import LoadError
from icscheck.reader import decode


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r", "\x85".encode(), "\u2028".encode()])
def test_a_decoding_error_is_placed_by_yaml_line_breaks(newline: bytes) -> None:
    raw = b"a: 1" + newline + b"b: 2" + newline + b"c: caf\xe9" + newline
    with pytest.raises(LoadError) as caught:
        decode("c.yaml", raw)
    assert str(caught.value) == "c.yaml:3:7: is not valid UTF-8 text"


def test_a_decoding_error_column_counts_characters_as_the_parser_does() -> None:
    with pytest.raises(LoadError) as caught:
        decode("c.yaml", "\ufeffname: Zoë \U0001f600 ".encode() + b"\xff\n")
    assert (caught.value.line, caught.value.column) == (1, 13)
