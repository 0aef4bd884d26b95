"""``icscheck draft``: stdout by default, -o written once and never over a file without
--force, the summary on stderr, and the draft a valid format 2 file with its sources."""

from __future__ import annotations

import builtins
import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from icscheck.cli import app
from tests.documents.helpers import ROOT

runner = CliRunner()
PDF = "sample_documents/eastbrook.pdf"


def _draft(*args: str) -> Any:
    with contextlib.chdir(ROOT):
        return runner.invoke(app, ["draft", *args])


def test_the_draft_goes_to_stdout_and_the_summary_to_stderr() -> None:
    result = _draft(PDF)
    assert result.exit_code == 0, result.stderr
    data = YAML(typ="safe").load(result.stdout)
    assert data["icscheck"] == 2
    assert data["icb"]["name"] == "NHS Eastbrook Integrated Care Board"
    assert data["icb"]["source"] == {
        "document": PDF,
        "clause": "1.1",
        "page": 2,
        "quote": "This is the constitution of NHS Eastbrook Integrated Care Board (the ICB).",
    }
    # The quotation also stands beside the value, as a comment.
    assert '# sample_documents/eastbrook.pdf p2 §1.1: "This is the constitution' in result.stdout
    assert data["board"]["quorum"]["minimum"] == {
        "unknown": f"§SO 2.1 gives 'half' of the members, not a number of members ({PDF})"
    }
    lines = result.stderr.splitlines()
    assert lines[0] == "facts found: 35"
    assert "facts unknown: 7" in lines
    assert "{unknown: ...} in the draft: 13 (the facts above, and what is not read)" in lines
    assert lines[-1] == "sections not found: none"


def test_output_is_written_once_and_never_over_a_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "eastbrook.yaml"
    first = _draft(PDF, "-o", str(target))
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""
    assert first.stderr.splitlines()[-1] == (
        f"Wrote {target}. Check it: icscheck validate {target}"
    )
    target.write_text("mine\n", encoding="utf-8")
    again = _draft(PDF, "-o", str(target))
    assert again.exit_code == 2
    assert target.read_text(encoding="utf-8") == "mine\n"
    forced = _draft(PDF, "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Drafted by icscheck draft")


def test_the_draft_validates_with_its_unknowns_as_questions(tmp_path: Path) -> None:
    target = tmp_path / "eastbrook.yaml"
    assert _draft(PDF, "-o", str(target)).exit_code == 0
    result = runner.invoke(app, ["validate", "--date", "2026-12-01", "-f", "json", str(target)])
    assert result.exit_code == 0, result.stdout
    (checked,) = json.loads(result.stdout)["files"]
    assert [f["rule"] for f in checked["findings"]] == ["QUORUM-003", "QUORUM-003"]
    # The draft's unknowns: each rule that needs one is a question, not a gap.
    assert [f["rule"] for f in checked["unconfirmed"]] == [
        "PRIN-003",
        "BOARD-015",
        # The deputy chair, the senior non-executive, the quorum's number and the
        # committee chairs are not named: each rule that asks for them waits on them.
        "BOARD-011",
        "BOARD-013",
        "FMT-001",
        "QUORUM-002",
        "COMM-003",
        "COMM-004",
        "COMM-007",
        "COMM-009",
        "COMM-004",
        "COMM-005",
        "PLACE-002",
        "PRIN-001",
        "PRIN-002",
        "MAP-001",
    ]
    # On GitHub the questions are notices, at most ten of them with the count of the rest.
    github = runner.invoke(
        app, ["validate", "--date", "2026-12-01", "-f", "github", str(target)]
    ).stdout.splitlines()
    assert [line.split("title=")[1].split("::")[0] for line in github] == [
        "QUORUM-003",
        "QUORUM-003",
        *(f"{rule} (to confirm)" for rule in [f["rule"] for f in checked["unconfirmed"]][:9]),
        "icscheck%3A 7 more notices",
    ]


def test_a_handbook_adds_its_committees() -> None:
    result = _draft("sample_documents/hillcrest.pdf", "sample_documents/hillcrest-handbook.pdf")
    assert result.exit_code == 0, result.stderr
    data = YAML(typ="safe").load(result.stdout)
    assert [c["source"]["document"] for c in data["committees"]] == [
        "sample_documents/hillcrest-handbook.pdf"
    ] * len(data["committees"])


def test_without_the_extra_one_line_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "pypdf":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    result = _draft(PDF)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "icscheck[documents]" in line
