"""What a pull request writes never acts on whoever reads the output (icscheck.untrusted).

A name, a value or a file name can hold line breaks, terminal escapes and
workflow commands; each output shows them as text. The reproducers of issue
14 are here, run through the command line as CI runs it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck import untrusted
from icscheck.cli import app
from tests.conftest import NOT_RUN_V1, SUFFOLK
from tests.test_cli import two_partner_members

runner = CliRunner()
INJECTED = "x\n::error file=PWNED.yaml,line=1::injected"
"""The ICB name of issue 14: a line break, then a workflow command."""
NAME_LINE = "  name: NHS Suffolk and North East Essex Integrated Care Board"
ESC = "\x1b"


def constitution(tmp_path: Path, name: str, *, icb: str | None = None, bad: bool = False) -> Path:
    """The Suffolk sample (failing two rules if ``bad``) as ``name``, its ICB renamed to ``icb``."""
    text = SUFFOLK.read_text(encoding="utf-8")
    if bad:
        text = two_partner_members(text)
    if icb is not None:
        text = text.replace(NAME_LINE, f"  name: {json.dumps(icb)}")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def on_actions(*args: str) -> tuple[int, str, str]:
    """``icscheck`` as a GitHub Actions step runs it: the text report, then annotations."""
    result = runner.invoke(app, list(args), env={"GITHUB_ACTIONS": "true", "COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


def commands(output: str) -> list[str]:
    """The lines GitHub's runner would read as workflow commands, less icscheck's own notice
    that a version-1 file ran without 28 rules (tests/reporters/test_github.py checks it,
    and its file property is escaped as every property is)."""
    return [
        line
        for line in output.splitlines()
        if (line.lstrip().startswith("::") or "##[" in line) and not _not_run(line)
    ]


def _not_run(line: str) -> bool:
    return line.startswith("::notice file=") and line.endswith(
        ",title=icscheck%3A 28 rules not run::" + NOT_RUN_V1
    )


def test_text_escapes_what_could_act_or_hide() -> None:
    assert untrusted.text("a\nb\r\tc") == "a\\nb\\r\\tc"
    assert untrusted.text("\x1b[2J\x1b]0;title\x07\x9b1m\x7f") == (
        "\\x1b[2J\\x1b]0;title\\x07\\x9b1m\\x7f"
    )
    assert untrusted.text("\u2028\u2029\u202e\u2066\u200f\ufffe\U0010ffff") == (
        "\\u2028\\u2029\\u202e\\u2066\\u200f\\ufffe\\U0010ffff"
    )
    # A file name that is not UTF-8 shows its byte; another lone surrogate its code.
    assert untrusted.text("caf\udce9\ud800") == "caf\\xe9\\ud800"
    assert untrusted.text("Zoë — NHS ✓ 😀") == "Zoë — NHS ✓ 😀"


def test_no_line_of_a_log_can_be_a_workflow_command() -> None:
    assert untrusted.log("::error::x\n  \u00a0::add-mask::y\na ::b\n##[set-env name=x]y") == (
        "\\x3a:error::x\n  \u00a0\\x3a:add-mask::y\na ::b\n#\\x23[set-env name=x]y"
    )
    assert untrusted.line("icscheck: error: a\n::error::b") == "icscheck: error: a\\n::error::b"


def test_markdown_notifies_no_one() -> None:
    assert untrusted.markdown("@everyone and @icscheck/governance") == (
        "@&#8203;everyone and @&#8203;icscheck/governance"
    )
    assert untrusted.markdown("kim@example.org, (@here)") == "kim@example.org, (@&#8203;here)"


def test_json_values_read_back_exactly_and_its_bytes_are_inert() -> None:
    value = "a\x1b\x7f\x9b\u2028\u202e\udcff\U0010ffff"
    for ascii in (True, False):
        encoded = untrusted.json({"v": value}, ascii=ascii, indent=None)
        assert json.loads(encoded) == {"v": value}
        assert re.search("[\x00-\x1f\x7f-\x9f\u2028\u202e\ud800-\udfff\U0010ffff]", encoded) is None


def test_an_icb_name_cannot_inject_a_workflow_command(tmp_path: Path) -> None:
    path = constitution(tmp_path, "c.yaml", icb=INJECTED, bad=True)
    members = path.read_text(encoding="utf-8").splitlines().index("  members:") + 1
    code, stdout, stderr = on_actions("validate", "--no-cache", str(path))
    assert (code, stderr) == (1, "")
    assert commands(stdout) == [
        f"::error file={path},line={members},col=3,title=BOARD-003::"
        "the board has 2 partner members; it must have at least 3",
        f"::error file={path},line={members},col=3,title=BOARD-004::"
        "no partner member is nominated by providers of primary medical services "
        "(nominated_by: primary_medical_services)",
    ]
    assert stdout.splitlines()[0] == "x\\n::error file=PWNED.yaml,line=1::injected"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("   ::add-mask::secret", "   \\x3a:add-mask::secret"),
        ("\u00a0::stop-commands::token", "\u00a0\\x3a:stop-commands::token"),
        ("NHS ##[add-mask]secret", "NHS #\\x23[add-mask]secret"),
    ],
)
def test_a_name_that_begins_a_line_cannot_be_a_command(
    tmp_path: Path, name: str, shown: str
) -> None:
    path = constitution(tmp_path, "c.yaml", icb=name)
    code, stdout, _ = on_actions("validate", "--no-cache", str(path))
    assert (code, commands(stdout)) == (0, [])
    assert stdout.splitlines()[0] == shown


def test_a_long_name_wrapped_onto_a_new_line_cannot_be_a_command(tmp_path: Path) -> None:
    name = "A" * 75 + " ::error file=PWNED.yaml::wrapped"
    path = constitution(tmp_path, "c.yaml", icb=name)
    code, stdout, _ = on_actions("validate", "--no-cache", str(path))
    assert (code, commands(stdout)) == (0, [])
    assert stdout.splitlines()[:2] == ["A" * 75, "\\x3a:error file=PWNED.yaml::wrapped"]


def test_a_file_name_with_a_line_break_is_one_line_everywhere(tmp_path: Path) -> None:
    good = constitution(tmp_path, "good\n::error file=PWNED.yaml,line=1::x.yaml")
    broken = tmp_path / "bad\n::error file=PWNED.yaml,line=1::y.yaml"
    broken.write_text("icb: [\n", encoding="utf-8")
    code, stdout, stderr = on_actions("validate", "--no-cache", str(good), str(broken))
    assert code == 2
    shown = untrusted.text(str(broken))
    assert stderr == (
        f"icscheck: error: {shown}:2:1: invalid YAML: the file ends inside a flow collection: "
        "a [ or { is never closed\n"
    )
    assert f"  file: {untrusted.text(str(good))}" in stdout.splitlines()
    # The one command is icscheck's own annotation of the broken file, escaped as a property.
    [annotation] = commands(stdout)
    assert annotation == (
        f"::error file={tmp_path}/bad\\n%3A%3Aerror file=PWNED.yaml%2Cline=1%3A%3Ay.yaml,"
        "line=2,col=1,title=icscheck/unreadable::invalid YAML: the file ends inside a flow collection: "
        "a [ or { is never closed"
    )


@pytest.mark.parametrize("output_format", ["text", "markdown", "html", "github", "junit", "sarif"])
def test_a_file_name_with_terminal_escapes_reaches_no_output_raw(
    tmp_path: Path, output_format: str
) -> None:
    path = constitution(tmp_path, "evil\x1b[2J\x1b]0;pwned\x07.yaml", bad=True)
    result = runner.invoke(app, ["validate", "--no-cache", "-f", output_format, str(path)])
    assert result.exit_code == 1
    assert ESC not in result.stdout and "\x07" not in result.stdout
    if output_format == "sarif":  # a URI: its bytes percent-encoded
        assert "evil%1B%5B2J%1B%5D0%3Bpwned%07.yaml" in result.stdout
    else:
        assert "evil\\x1b[2J\\x1b]0;pwned\\x07.yaml" in result.stdout


def test_an_osc_title_sequence_in_a_file_name_does_not_reach_stderr(tmp_path: Path) -> None:
    path = tmp_path / "\x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07.yaml"
    path.write_text("- not a mapping\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--no-cache", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"icscheck: error: {tmp_path}/\\x1b]0;owned\\x07\\x1b]52;c;ZXZpbA==\\x07.yaml:1:1: "
        "holds a list at the top level: expected a mapping\n"
    )


def test_separators_and_noncharacters_in_a_reference_are_shown_as_escapes(
    tmp_path: Path,
) -> None:
    text = SUFFOLK.read_text(encoding="utf-8").replace(
        # Written as YAML escapes: the reader refuses U+FFFE written raw.
        "  deputy_chair: ned-people",
        '  deputy_chair: "ned\\u2028people\\ufffe"',
    )
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--no-cache", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "\u2028" not in result.stdout and "\ufffe" not in result.stdout
    assert (
        "board.deputy_chair: 'ned\\u2028people\\ufffe' is not the id of anything in this file"
        in result.stdout
    )


@pytest.mark.parametrize("command", ["validate", "diff"])
def test_a_markdown_report_for_a_pull_request_mentions_no_one(tmp_path: Path, command: str) -> None:
    path = constitution(tmp_path, "c.yaml", icb="@everyone look, and @org/governance", bad=True)
    args = ["-f", "markdown", "--no-cache", str(path)]
    if command == "diff":
        args = ["-f", "markdown", str(SUFFOLK), str(path)]
    result = runner.invoke(app, [command, *args])
    assert result.exit_code in (0, 1)
    # GitHub finds no mention in a code block (the structure's Mermaid source).
    report = re.sub(r"```mermaid\n.*?```", "", result.stdout, flags=re.S)
    assert re.search(r"(?<![0-9A-Za-z_])@(?!&#8203;)", report) is None
    assert "@&#8203;everyone look, and @&#8203;org/governance" in result.stdout


def test_a_file_name_with_backticks_around_a_mention_stays_one_code_span() -> None:
    # The fuzzer's find (a name with "[@`R" in it): the span's fence outgrows every run
    # of backticks inside, so the mention stays code, which notifies no one.
    from markdown_it import MarkdownIt

    name = "a`b [@`R c``d @team.yaml"
    rendered = MarkdownIt("commonmark").render(f"- File: {untrusted.markdown_code(name)}")
    assert rendered == f"<ul>\n<li>File: <code>{name}</code></li>\n</ul>\n"
