"""GitHub Actions workflow commands: one exact, escaped line per annotation."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.reporters import REPORTERS
from icscheck.reporters.github import GithubReporter, command
from icscheck.untrusted import workflow_data, workflow_property
from tests.conftest import NOT_RUN_V1, RULES, SUFFOLK
from tests.reporters.test_outcomes import UNKNOWN_POST
from tests.reporters.test_sarif import (
    BROKEN_MESSAGE,
    DESCRIBED,
    GAPS,
    MESSAGES,
    WAIVED,
    gaps_text,
    line_of,
    render,
    write_cases,
)

runner = CliRunner()


@pytest.fixture
def cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str) -> list[str]:
    monkeypatch.chdir(tmp_path)
    return write_cases(tmp_path, suffolk_text)


def test_registered_as_github() -> None:
    assert REPORTERS["github"] is GithubReporter


def not_run(path: str) -> str:
    """The notice that a version-1 file ran without the rules that need version 2."""
    title = workflow_property("icscheck: 28 rules not run")
    return f"::notice file={workflow_property(path)},title={title}::{NOT_RUN_V1}"


def test_a_clean_version_1_file_gives_only_the_notice_of_rules_not_run() -> None:
    """gaps15 item 7: a green check on a version-1 file says 28 rules did not run."""
    assert render("github", [str(SUFFOLK)]) == not_run(str(SUFFOLK)) + "\n"


def test_one_line_per_finding_waiver_and_unreadable_file(
    cases: list[str], suffolk_text: str
) -> None:
    members = line_of(suffolk_text, "  members:")
    board = line_of(suffolk_text, "board:")
    waived = members + 1  # the waiver comment is inserted above ``members:``
    # Errors, then warnings, then notices: Actions counts each level apart.
    assert render("github", cases).splitlines() == [
        f"::error file=board gaps.yaml,line={members},col=3,title=BOARD-003::"
        + MESSAGES["BOARD-003"],
        f"::error file=board gaps.yaml,line={members},col=3,title=BOARD-004::"
        + MESSAGES["BOARD-004 primary"],
        f"::error file=board gaps.yaml,line={members},col=3,title=BOARD-004::"
        + MESSAGES["BOARD-004 local"],
        f"::error file=waived.yaml,line={waived},col=3,title=BOARD-004::"
        + MESSAGES["BOARD-004 primary"],
        "::error file=broken.yaml,line=3,col=9,title=icscheck/unreadable::" + BROKEN_MESSAGE,
        "::error file=absent.yaml,title=icscheck/unreadable::no such file",
        f"::warning file=board gaps.yaml,line={board},col=1,title=BOARD-013::"
        + MESSAGES["BOARD-013"],
        not_run("board gaps.yaml"),
        not_run("waived.yaml"),
        f"::notice file=waived.yaml,line={waived},col=3,title=BOARD-003 (waived)::"
        + f"{MESSAGES['BOARD-003']} — waived: {DESCRIBED}",
    ]


def test_escaping_follows_the_actions_runner() -> None:
    assert workflow_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert workflow_property("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext%3A a%2C b"
    # % first, so an escape already in the text is not undone by the runner.
    assert workflow_data("%0A") == "%250A"
    # Every value is shown as text first (a line break as \n, an escape as \x1b).
    assert (
        command("error", "a::b\nc\x1b[2J", file="x,y:z\n.yaml", line=3, column=5, title="R: 1, 2")
        == "::error file=x%2Cy%3Az\\n.yaml,line=3,col=5,title=R%3A 1%2C 2::a::b\\nc\\x1b[2J"
    )
    assert command("error", "m", file="f", column=5, title="t") == "::error file=f,title=t::m"


def test_a_message_cannot_start_another_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    """A crafted id with a line break and ``::`` stays inside one annotation."""
    monkeypatch.chdir(tmp_path)
    name = "odd, name: 100%.yaml"
    # A YAML double-quoted id whose \n escape is a real line break once read.
    crafted = 'chair: "x\\n::error file=evil::pwned,%"'
    text = suffolk_text.replace("chair: ned-audit", crafted, 1)
    assert text != suffolk_text
    (tmp_path / name).write_text(text, encoding="utf-8")
    lines = [line for line in render("github", [name]).splitlines() if "rules not run" not in line]
    assert lines, "expected findings for the crafted chair"
    assert all(line.startswith("::error file=odd%2C name%3A 100%25.yaml,line=") for line in lines)
    ref = next(line for line in lines if "title=REF-001::" in line)
    assert "'x\\n::error file=evil::pwned,%25' is not the id of anything" in ref


def test_cli_writes_commands_and_exits_1_on_error_findings(
    cases: list[str], suffolk_text: str
) -> None:
    result = runner.invoke(app, ["validate", "--format", "github", GAPS])
    assert result.exit_code == 1, result.output
    titles = [line.split("title=")[1].split("::")[0] for line in result.stdout.splitlines()]
    assert titles == [
        "BOARD-003",
        "BOARD-004",
        "BOARD-004",
        "BOARD-013",
        workflow_property("icscheck: 28 rules not run"),
    ]


def test_in_github_actions_the_text_report_is_followed_by_annotations(
    cases: list[str],
) -> None:
    result = runner.invoke(app, ["validate", GAPS], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1, result.output
    assert RULES["BOARD-003"].fix in " ".join(result.stdout.split())
    assert result.stdout.count("\n::error file=board gaps.yaml,") == 3


# --- what a pull request shows: root-relative files, the 10-per-level cap, questions ---


def annotated(args: list[str], env: dict[str, str] | None = None) -> tuple[int, list[str]]:
    """The exit code, and the annotation lines other than configuration's notices."""
    result = runner.invoke(app, ["validate", *args], env=env)
    lines = result.stdout.splitlines()
    return result.exit_code, [
        line for line in lines if line.startswith("::") and "title=icscheck settings" not in line
    ]


def test_files_are_named_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    write_cases(tmp_path, suffolk_text)
    code, lines = annotated(["-f", "github", "--select", "BOARD-003", f"../{GAPS}"])
    members = line_of(suffolk_text, "  members:")
    assert code == 1
    assert lines == [
        f"::error file=board gaps.yaml,line={members},col=3,title=BOARD-003::"
        + MESSAGES["BOARD-003"]
    ]


def gap_files(directory: Path, text: str, count: int) -> list[str]:
    """``count`` copies of the gaps case: 3 errors and 1 warning each."""
    names = [f"gaps-{n:02}.yaml" for n in range(count)]
    for name in names:
        (directory / name).write_text(gaps_text(text), encoding="utf-8")
    return names


@pytest.mark.parametrize(
    ("files", "errors", "warnings"),
    [
        (3, (9, None), (3, None)),
        (4, (9, "::error title=icscheck%3A 3 more errors::3 more errors"), (4, None)),
        (
            11,
            (9, "::error title=icscheck%3A 24 more errors::24 more errors"),
            (9, "::warning title=icscheck%3A 2 more warnings::2 more warnings"),
        ),
    ],
)
def test_a_level_with_more_than_10_gives_9_and_says_how_many_more(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffolk_text: str,
    files: int,
    errors: tuple[int, str | None],
    warnings: tuple[int, str | None],
) -> None:
    """Actions shows 10 errors and 10 warnings per step: the 10th says what is missing."""
    monkeypatch.chdir(tmp_path)
    names = gap_files(tmp_path, suffolk_text, files)
    select = ["--select", "BOARD-003,BOARD-004,BOARD-013"]
    code, lines = annotated(["-f", "github", *select, *names])
    assert code == 1
    error_lines = [line for line in lines if line.startswith("::error ")]
    warning_lines = [line for line in lines if line.startswith("::warning ")]
    # Errors first, then warnings: a level's summary is its last line.
    assert lines == error_lines + warning_lines
    tail = " not annotated (Actions shows at most 10 per step): run icscheck validate locally"

    def shape(level: list[str]) -> tuple[int, str | None]:
        located = [line for line in level if " file=" in line]
        summaries = [line.removesuffix(tail) for line in level if " file=" not in line]
        assert level == located + [line + tail for line in summaries]
        return len(located), summaries[0] if summaries else None

    assert shape(error_lines) == errors
    assert shape(warning_lines) == warnings


def test_exactly_10_errors_are_all_annotated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    monkeypatch.chdir(tmp_path)
    names = gap_files(tmp_path, suffolk_text, 10)
    code, lines = annotated(["-f", "github", "--select", "BOARD-003", *names])
    assert code == 1
    assert [line.split(",")[0] for line in lines] == [f"::error file={n}" for n in names]


@pytest.mark.parametrize(
    ("outputs", "env", "hint"),
    [
        (
            ["-f", "github", "-f", "markdown:summary.md"],
            {"GITHUB_STEP_SUMMARY": "summary.md"},
            "see the step summary",
        ),
        (["-f", "github", "-f", "sarif:icscheck.sarif"], {}, "see icscheck.sarif"),
        (
            ["-f", "github:annotations.txt", "-f", "text"],
            {},
            "see the report above in this step's log",
        ),
        ([], {"GITHUB_ACTIONS": "true"}, "see the report above in this step's log"),
    ],
    ids=["step summary", "another file", "text on stdout", "auto on Actions"],
)
def test_the_summary_annotation_says_where_the_full_report_is(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffolk_text: str,
    outputs: list[str],
    env: dict[str, str],
    hint: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    names = gap_files(tmp_path, suffolk_text, 4)
    select = ["--select", "BOARD-003,BOARD-004"]
    result = runner.invoke(app, ["validate", *outputs, *select, *names], env=env)
    assert result.exit_code == 1, result.output
    stdout = Path("annotations.txt").read_text() if "github:" in str(outputs) else result.stdout
    summary = [line for line in stdout.splitlines() if line.startswith("::error title=")]
    assert summary == [
        "::error title=icscheck%3A 3 more errors::3 more errors not annotated "
        f"(Actions shows at most 10 per step): {hint}"
    ]


@pytest.mark.parametrize(("strict", "level"), [([], "notice"), (["--strict"], "warning")])
def test_a_question_to_confirm_is_a_notice_and_a_warning_under_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, strict: list[str], level: str
) -> None:
    """An outcome resting on an unknown fact fails the gate only under --strict; where a
    finding's fact is stated is in its message."""
    monkeypatch.chdir(tmp_path)
    Path("c.yaml").write_text(UNKNOWN_POST, encoding="utf-8")
    select = ["--select", "BOARD-012,COMM-004", "--date", "2026-12-03"]
    code, lines = annotated(["-f", "github", *strict, *select, "c.yaml"])
    assert code == 1
    assert lines == [
        "::error file=c.yaml,line=14,col=5,title=COMM-004::the remuneration committee is "
        "chaired by 'ceo', the chief executive; it must be a non-executive member "
        "(stated in constitution.pdf p12 §4.2)",
        f"::{level} file=c.yaml,line=9,col=3,title=BOARD-012 (to confirm)::no ordinary member "
        "is designated as the mental health member (board.mental_health_member) — to "
        "confirm: board.mental_health_member (the board page lists members but not the post)",
    ]


def test_with_a_missing_file_the_summary_annotation_points_to_no_unwritten_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    """A missing file writes no step summary (it may be arguments in the wrong order), so
    the overflow annotation must not send a reader there; an unreadable one does write it."""
    monkeypatch.chdir(tmp_path)
    names = gap_files(tmp_path, suffolk_text, 4)
    outputs = ["-f", "github", "-f", "markdown:summary.md", "--select", "BOARD-003,BOARD-004"]
    env = {"GITHUB_STEP_SUMMARY": "summary.md"}
    result = runner.invoke(app, ["validate", *outputs, *names, "gone.yaml"], env=env)
    assert result.exit_code == 2
    assert not Path("summary.md").exists()
    assert [line for line in result.stdout.splitlines() if line.startswith("::error title=")] == [
        "::error title=icscheck%3A 4 more errors::4 more errors not annotated "
        "(Actions shows at most 10 per step): run icscheck validate locally"
    ]
    Path("broken.yaml").write_text("icscheck: 1\nicb: [\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", *outputs, *names, "broken.yaml"], env=env)
    assert result.exit_code == 2
    assert "broken.yaml" in Path("summary.md").read_text(encoding="utf-8")
    assert result.stdout.splitlines()[9].endswith("): see the step summary")


def test_a_settings_notice_names_the_configuration_file_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    """Found by walking up, .icscheck.toml is known by its absolute path; Actions places an
    annotation by the path from the root, as SARIF and Code Quality name it."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / ".icscheck.toml").write_text('\nignore = ["BOARD-013"]\n', encoding="utf-8")
    (tmp_path / "sub" / "c.yaml").write_text(suffolk_text, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    result = runner.invoke(app, ["validate", "--no-cache", "-f", "github", "c.yaml"])
    notices = [line for line in result.stdout.splitlines() if "title=icscheck settings" in line]
    assert notices == [
        "::notice file=.icscheck.toml,line=2,title=icscheck settings::Switched off: BOARD-013: "
        f"ignore BOARD-013 in {tmp_path / '.icscheck.toml'}:2"
    ]


# Each copy is two notices: its rules not run (version 1) and its waived gap.
@pytest.mark.parametrize(("copies", "summary"), [(5, None), (6, "3 more notices")])
def test_notices_are_capped_at_10_per_step_too(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffolk_text: str,
    copies: int,
    summary: str | None,
) -> None:
    """actions/toolkit's docs/problem-matchers.md: 10 notice annotations per step."""
    monkeypatch.chdir(tmp_path)
    write_cases(tmp_path, suffolk_text)
    waived = Path(WAIVED).read_text(encoding="utf-8")
    names = [f"waived-{n:02}.yaml" for n in range(copies)]
    for name in names:
        Path(name).write_text(waived, encoding="utf-8")
    code, lines = annotated(["-f", "github", "--isolated", *names])
    notices = [line for line in lines if line.startswith("::notice")]
    assert code == 1  # each copy's open BOARD-004
    if summary is None:
        assert len(notices) == 10
        assert [n for n in notices if "title=BOARD-003 (waived)" not in n] == [
            not_run(name) for name in names
        ]
    else:
        assert len(notices) == 10
        assert notices[-1] == (
            f"::notice title=icscheck%3A {summary}::{summary} not annotated (Actions shows at "
            "most 10 per step): run icscheck validate locally"
        )


def test_settings_notices_come_first_and_are_never_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    """Actions' 10 notices per step count the settings notices too: they take the first
    slots, so a run with a rule switched off says so however many findings there are."""
    monkeypatch.chdir(tmp_path)
    write_cases(tmp_path, suffolk_text)
    waived = Path(WAIVED).read_text(encoding="utf-8")
    names = [f"waived-{n:02}.yaml" for n in range(6)]
    for name in names:
        Path(name).write_text(waived, encoding="utf-8")
    result = runner.invoke(
        app, ["validate", "-f", "github", "--isolated", "--ignore", "BOARD-013", *names]
    )
    notices = [line for line in result.stdout.splitlines() if line.startswith("::notice")]
    assert len(notices) == 10
    assert notices[0] == (
        "::notice title=icscheck settings::Switched off: BOARD-013: --ignore BOARD-013"
    )
    assert [n for n in notices if "title=icscheck settings" in n] == notices[:1]
    assert notices[-1] == (
        "::notice title=icscheck%3A 4 more notices::4 more notices not annotated (Actions "
        "shows at most 10 per step): run icscheck validate locally"
    )


def test_a_missing_file_from_a_subfolder_is_named_once_from_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    for given in (
        "gone.yaml",
        "./gone.yaml",
        "../sub/gone.yaml",
        str(tmp_path / "sub" / "gone.yaml"),
    ):
        code, lines = annotated(["-f", "github", "--isolated", given])
        assert (code, lines) == (
            2,
            ["::error file=sub/gone.yaml,title=icscheck/unreadable::no such file"],
        )
