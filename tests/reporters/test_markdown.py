"""``--format markdown``: the board-paper report as GitHub-flavoured Markdown."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.reporters import REPORTERS
from icscheck.reporters.markdown import MarkdownReporter
from icscheck.untrusted import markdown as text
from icscheck.untrusted import markdown_code as code
from icscheck.untrusted import markdown_fence as fenced
from tests.conftest import ROOT, RULES, SUFFOLK, V1, check

CONFLICTED = "sample_constitutions/non_compliant/conflicted-committee-chairs.yaml"
WAIVERS = "sample_constitutions/non_compliant/waivers.yaml"
V2_ONLY = [rule_id for rule_id in RULES if rule_id not in V1]
BROKEN = "sample_constitutions/non_compliant/broken-yaml.yaml"
HOSTILE = "<script>alert(1)</script> *bold* _em_ [link](https://e.test) `code` a | b & &amp; $x$"

runner = CliRunner()


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths as a user types them."""
    monkeypatch.chdir(ROOT)


def render(*paths: str) -> str:
    stream = io.StringIO()
    MarkdownReporter(stream).write(check(list(paths), on=dt.date(2025, 3, 1)))
    return stream.getvalue()


def html_of(markdown: str) -> str:
    """The Markdown as a GFM renderer shows it (tables on, raw HTML passed through)."""
    rendered: str = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    return rendered


def test_key_lines_of_a_failing_sample() -> None:
    lines = render(CONFLICTED).splitlines()
    assert lines[:16] == [
        "# Constitution compliance report",
        "",
        "**✗ 2 errors, 3 warnings in 1 file checked: does not meet the guide rails**",
        "",
        f"Ruleset: icscheck 0.1.0 ({len(RULES)} rules). Checked as on 2025-03-01. Fails on: errors.",
        "",
        "## NHS Example West Integrated Care Board",
        "",
        f"- File: `{CONFLICTED}`",
        "- Format version: 2",
        f"- Rules checked: {len(RULES)}",
        "",
        "**✗ 2 errors, 3 warnings: does not meet the guide rails**",
        "",
        "### Gaps (5)",
        "",
    ]
    gap = lines.index(
        f"5. ⚠ gap `{CONFLICTED}:135:5` **COMM-009** (warning): the audit committee is chaired by "
        "'icb-chair', the ICB chair; boards give the role to a non-executive member other than "
        "the chair"
    )
    assert lines[gap + 1 : gap + 4] == [
        "   - Fix: Make a non-executive member other than the ICB chair the audit committee's "
        "chair.",
        "   - Source: icscheck convention (no source read forbids it); Lincolnshire ICB, "
        "'Committees' web page: the audit committee is chaired by an independent board member",
        "   - Stated in: Governance Handbook, Audit and Risk Committee terms of reference "
        "(illustrative)",
    ]
    assert (
        "| ✗ gap | COMM-006 | error | No employee of the ICB is a member of the remuneration "
        "committee. | 1 |"
    ) in lines
    assert "| ✓ met | COMM-001 | error | The board has an audit committee. |  |" in lines
    assert "| ⚠ gap | BOARD-011 | warning | " in "\n".join(lines)
    assert lines.index("### Compliance by area") > gap
    assert "#### Committees" in lines
    assert "| Status | Rule | Severity | Requirement | Gaps |" in lines


def test_a_version_1_file_names_the_rules_not_run_and_suggests_migrate() -> None:
    lines = render(str(SUFFOLK.relative_to(ROOT))).splitlines()
    assert lines[9:15] == [
        "- Format version: 1",
        f"- Rules checked: {len(V1)}",
        "",
        "**✓ 0 errors, 0 warnings, with 28 rules not run: every rule that ran passes**",
        "",
        "Not run: " + ", ".join(V2_ONLY) + f" ({len(V2_ONLY)} rules). "
        "Why: needs format version 2: icscheck migrate turns this file into it.",
    ]


def test_every_rule_has_a_row_in_its_area_with_the_json_status() -> None:
    markdown = render(CONFLICTED)
    result = runner.invoke(app, ["validate", "--format", "json", CONFLICTED])
    rules = json.loads(result.stdout)["files"][0]["rules"]
    assert len(rules) == len(RULES)
    word = {"pass": "✓ met", "fail": "✗ gap", "waived": "○ waived"}
    area = None
    for rule in rules:
        if rule["area"] != area:
            area = rule["area"]
            heading = markdown.index(f"\n#### {area}\n")
        row = markdown.index(f"| {rule['id']} | {rule['severity']} | {rule['title']} |")
        assert row > heading
        status = word[rule["status"]]
        if rule["status"] == "fail" and rule["severity"] == "warning":
            status = "⚠ gap"
        assert markdown[markdown.rindex("\n", 0, row) + 1 : row] == f"| {status} "


def test_waivers_show_reason_approver_and_expiry() -> None:
    markdown = render(WAIVERS)
    assert "\n### Waived gaps (1)\n" in markdown
    assert (
        f"\n1. ○ waived `{WAIVERS}:43:1` **BOARD-010** (warning): no director of public health "
        "takes part in the board, as a participant or a member\n"
    ) in markdown
    for line in (
        "   - Reason: the director of public health post is shared with Downshire County "
        "Council and attends from the next municipal year",
        "   - Approved by: Board, 12 March 2024",
        "   - Until: 2099-12-31",
        "   - Stated in: Constitution v2.1 s.2.1 (illustrative)",
        "   - Waiver: the comment on line 42",
    ):
        assert f"\n{line}\n" in markdown
    assert "| ○ waived | BOARD-010 | warning | " in markdown
    assert "| 1 waived |" in markdown
    assert (
        "**✗ 2 errors, 3 warnings, 1 waived in 1 file checked: does not meet the guide rails**"
        in markdown
    )


def test_mermaid_diagram_only_for_checked_files() -> None:
    from icscheck.diagram import mermaid

    report = check([CONFLICTED, BROKEN])
    stream = io.StringIO()
    MarkdownReporter(stream).write(report)
    markdown = stream.getvalue()
    assert markdown.count("```mermaid\n") == 1
    block = markdown.split("### Governance structure\n\n```mermaid\n", 1)[1].split("\n```\n")[0]
    assert block == mermaid(report.files[0]).rstrip()
    assert f"## (ICB name not given)\n\n- File: `{BROKEN}`\n\n✗ Could not be checked: " in markdown


def test_hostile_text_cannot_add_markup(tmp_path: Path, suffolk_text: str) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(
        suffolk_text.replace(
            "  name: NHS Suffolk and North East Essex Integrated Care Board",
            f"  name: {json.dumps(HOSTILE + chr(10) + '# not a heading')}",
        ).replace("  deputy_chair: ned-people", f"  deputy_chair: {json.dumps(HOSTILE)}"),
        encoding="utf-8",
    )
    markdown = render(str(path))
    heading = next(line for line in markdown.splitlines() if line.startswith("## "))
    assert heading == (
        r"## \<script\>alert(1)\</script\> \*bold\* \_em\_ \[link\](https://e.test) \`code\` "
        r"a \| b & \&amp; \$x\$\\n\# not a heading"
    )
    rendered = html_of(markdown).split("<pre>")[0]  # the report, before the diagram's code
    for tag in ("<script", "<em>", "<a ", "<code>`"):
        assert tag not in rendered, tag
    assert rendered.count("<h1>") == 1
    assert (
        "<h2>&lt;script&gt;alert(1)&lt;/script&gt; *bold* _em_ [link](https://e.test) `code` "
        in rendered
    )
    # The message quoting the hostile id stays one list item, its text intact.
    assert "a | b &amp; &amp;amp; $x$" in rendered


def test_table_cells_stay_cells() -> None:
    # A line break would end the row: it is shown as an escape, as in every format.
    assert text("a | b\nc\r\n\td") == r"a \| b\\nc\\r\\n\\td"
    rendered = html_of("| A | B |\n|---|---|\n| " + text("x | y") + " | " + text("*z*") + " |\n")
    assert "<td>x | y</td>\n<td>*z*</td>" in rendered


def test_text_keeps_underscores_inside_words() -> None:
    assert text("board.deputy_chair and _this_") == r"board.deputy_chair and \_this\_"
    assert html_of(text("board.deputy_chair and _this_")) == (
        "<p>board.deputy_chair and _this_</p>\n"
    )


@pytest.mark.parametrize("value", ["plain", "a`b", "``x``", "`", "a\nb"])
def test_code_spans_hold_any_text(value: str) -> None:
    rendered = html_of(code(value))
    inner = re.fullmatch(r"<p><code>(.*)</code></p>\n", rendered, re.S)
    assert inner is not None, rendered
    assert inner[1] == value.replace("\n", "\\n").replace("&", "&amp;")


def test_fenced_block_cannot_be_closed_by_its_body() -> None:
    body = "flowchart TD\n```\n  a --> b"
    block = fenced(body, "mermaid")
    assert block.startswith("````mermaid\n") and block.endswith("\n````")
    rendered = html_of(block)
    assert rendered == (
        '<pre><code class="language-mermaid">flowchart TD\n```\n  a --&gt; b\n</code></pre>\n'
    )


def test_cli_writes_the_report_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = runner.invoke(
        app,
        ["validate", "--format", "markdown", "--date", "2025-03-01", "-o", str(out), CONFLICTED],
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == render(CONFLICTED)
    assert REPORTERS["markdown"] is MarkdownReporter


def test_format_can_come_from_the_configuration(tmp_path: Path) -> None:
    config = tmp_path / ".icscheck.toml"
    config.write_text('format = "markdown"\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", "--config", str(config), CONFLICTED])
    assert result.exit_code == 1
    assert result.stdout.startswith("# Constitution compliance report\n")
