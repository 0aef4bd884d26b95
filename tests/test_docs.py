"""The generated docs are up to date with the rules and the schema."""

from __future__ import annotations

import pytest

from icscheck.docs import generated
from tests.conftest import ROOT


@pytest.mark.parametrize("path", list(generated(ROOT)), ids=lambda p: p.name)
def test_generated_docs_are_current(path: object) -> None:
    expected = generated(ROOT)
    for file, text in expected.items():
        if file == path:
            assert file.read_text(encoding="utf-8") == text, (
                f"{file.relative_to(ROOT)} is stale: run python docs/generate.py"
            )


def test_every_format_field_is_documented() -> None:
    fields = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for name in ("icb.constitution.published_url", "board.quorum.must_include", "nominated_by"):
        assert f"`{name}`" in fields
