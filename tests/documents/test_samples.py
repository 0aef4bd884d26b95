"""The sample corpus: exact facts drafted from each document in each of its four forms,
and the exact findings ``icscheck validate`` gives on each, located by page and clause.

The expected facts (expected_facts.json) and findings (expected_findings.json) were
written from the drafts and read against the sources (sample_documents/sources/);
a change in what is read shows here as a diff to review, never silently.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from tests.documents.helpers import FORMS, NAMES, ROOT, drafted, facts, sources

HERE = Path(__file__).resolve().parent
FACTS: dict[str, Any] = json.loads((HERE / "expected_facts.json").read_text(encoding="utf-8"))
FINDINGS: dict[str, Any] = json.loads((HERE / "expected_findings.json").read_text(encoding="utf-8"))


def errors_first(findings: list[list[str]]) -> list[list[str]]:
    """The expected findings (in file order) as the JSON report lists them: errors first,
    each in file order (icscheck/reporters/summary.py, report_order)."""
    from tests.conftest import RULES

    return sorted(findings, key=lambda f: str(RULES[f[0]].severity) != "error")


runner = CliRunner()


def _same_facts(got: list[list[Any]], name: str, form: str) -> list[list[Any]]:
    """An unknown's note names the file it looked in: the txt form's, in the expectation."""
    txt = sources(name, "txt")[0]
    return [
        [f, v, note.replace(sources(name, form)[0], txt) if v == "unknown" else note]
        for f, v, note in got
    ]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", NAMES)
def test_every_form_drafts_the_exact_facts(name: str, form: str) -> None:
    got = facts(drafted(name, form))
    if form != "html" or name != "northmoor":
        got = _same_facts(got, name, form)
    else:  # one page per section: each unknown names the page it looked in
        got = [[f, v, n if v != "unknown" else "?"] for f, v, n in got]
        want = [[f, v, n if v != "unknown" else "?"] for f, v, n in FACTS[name]]
        assert got == want
        return
    assert got == FACTS[name]


def test_the_faithful_constitution_reads_as_written() -> None:
    """A few facts of eastbrook.pdf spelt out, with their pages, against the source text."""
    result = drafted("eastbrook", "pdf")
    by_field = {fact.field: fact for fact in result.facts}
    name = by_field["icb.name"]
    assert (name.value, name.clause and name.clause.label, name.clause and name.clause.page) == (
        "NHS Eastbrook Integrated Care Board",
        "1.1",
        2,
    )
    assert by_field["icb.local_authorities"].value == (
        "Eastbrook City Council",
        "Marlow Fen County Council",
    )
    # "half of its voting members" is no number: unknown, never zero or a guess.
    assert not by_field["board.quorum.minimum"].known
    assert by_field["board.quorum.must_include"].value == (
        "executive_member",
        "non_executive_member",
    )
    quorum = by_field["board.quorum.must_include"].clause
    assert quorum is not None and (quorum.label, quorum.page) == ("SO 2.1", 11)
    assert result.data["board"]["quorum"]["source"]["page"] == 11


@pytest.mark.parametrize("name", NAMES)
def test_validate_gives_the_exact_findings_by_page_and_clause(name: str) -> None:
    with contextlib.chdir(ROOT):
        result = runner.invoke(
            app, ["validate", "--format", "json", "--date", "2026-12-01", sources(name, "pdf")[0]]
        )
    assert result.exit_code == FINDINGS[name]["exit"], result.stderr
    [checked] = json.loads(result.stdout)["files"]
    got = [[f["rule"], f["document"]["location"]] for f in checked["findings"]]
    assert got == errors_first(FINDINGS[name]["findings"])


@pytest.mark.parametrize("form", ["docx", "txt"])
@pytest.mark.parametrize("name", NAMES)
def test_every_form_gives_the_same_findings(name: str, form: str) -> None:
    with contextlib.chdir(ROOT):
        result = runner.invoke(
            app, ["validate", "--format", "json", "--date", "2026-12-01", sources(name, form)[0]]
        )
    [checked] = json.loads(result.stdout)["files"]
    # Word and text files have no pages: the same clauses, without the page.
    want = [
        [rule, where.replace(".pdf", f".{form}").replace(":p", ":#p")]
        for rule, where in errors_first(FINDINGS[name]["findings"])
    ]
    want = [
        [rule, ":".join(p for p in where.split(":") if not p.startswith("#p"))]
        for rule, where in want
    ]
    assert [[f["rule"], f["document"]["location"]] for f in checked["findings"]] == want


def test_a_constitution_in_numbered_web_pages_is_checked_as_one() -> None:
    """Northmoor publishes one page per section: the eleven pages are one constitution,
    and its finding names the page its clause is on."""
    pages = sources("northmoor", "html")
    assert len(pages) == 11
    with contextlib.chdir(ROOT):
        result = runner.invoke(app, ["validate", "-f", "json", "--date", "2026-12-01", *pages])
    assert result.exit_code == 1, result.stderr  # COMM-007 is an error
    [checked] = json.loads(result.stdout)["files"]
    assert checked["path"] == "sample_documents/web/northmoor-01.html"
    assert checked["icb"] == "NHS Northmoor Integrated Care Board"
    assert [[f["rule"], f["path"], f["document"]["location"]] for f in checked["findings"]] == [
        [
            "COMM-007",
            "sample_documents/web/northmoor-04.html",
            "sample_documents/web/northmoor-04.html:§4.1.2",
        ]
    ]


def test_only_numbered_pages_of_one_stem_in_one_folder_are_grouped() -> None:
    from icscheck.engine import web_pages

    assert web_pages(
        ["a/c-01.html", "a/c-02.html", "a/c.html", "a/h-1.htm", "b/h-2.htm", "a/x-1.pdf", "x.yaml"]
    ) == [
        ("a/c-01.html", "a/c-02.html"),
        "a/c.html",
        "a/h-1.htm",
        "b/h-2.htm",
        "a/x-1.pdf",
        "x.yaml",
    ]
