"""``--output``/``-o``, the same for every command: ``-`` is stdout, pipes are written through."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.config import FORMATS
from tests.conftest import SUFFOLK
from tests.test_writer import needs_fifo, reading

runner = CliRunner()
AMENDED = Path(__file__).resolve().parent.parent / "data" / "diff" / "suffolk-amended.yaml"
COMMANDS = {
    "validate": ["validate", "--no-cache", "-f", "json", str(SUFFOLK)],
    "map": ["map", str(SUFFOLK)],
    "diff": ["diff", "-f", "json", str(SUFFOLK), str(AMENDED)],
    "schema": ["schema"],
}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_dash_is_stdout_for_every_command(tmp_path: Path, args: list[str]) -> None:
    printed = invoke(*args)
    assert printed[0] == 0 and printed[1]
    assert invoke(*args, "-o", "-") == printed
    assert invoke(*args, "--output", "-") == printed
    assert list(tmp_path.iterdir()) == []  # no file named -


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_directory_is_one_line_for_every_command(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "reports").mkdir()
    assert invoke(*args, "-o", "reports") == (
        2, "", "icscheck: error: reports names a directory; give the name of the file to write\n"
    )  # fmt: skip
    assert list((tmp_path / "reports").iterdir()) == []


@needs_fifo
@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_named_pipe_gets_the_output_for_every_command(tmp_path: Path, args: list[str]) -> None:
    printed = invoke(*args)[1]
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    with reading(fifo) as received:
        assert invoke(*args, "-o", str(fifo)) == (0, "", "")
    assert received == [printed.encode("utf-8")]


def test_arguments_in_the_wrong_order_replace_nothing(tmp_path: Path) -> None:
    """``-o c.yaml board-report.html``: the report would have replaced the constitution."""
    constitution = tmp_path / "c.yaml"
    constitution.write_bytes(SUFFOLK.read_bytes())
    assert invoke("validate", "-f", "html", "-o", "c.yaml", "board-report.html") == (
        2,
        "",
        "icscheck: error: board-report.html: no such file\n"
        "icscheck: error: c.yaml: not written, because not every file could be checked\n",
    )
    assert constitution.read_bytes() == SUFFOLK.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml"]


BROKEN = (
    "broken.yaml:3:1: invalid YAML: the file ends inside a flow collection: a [ or { is "
    "never closed"
)


@pytest.mark.parametrize("name", FORMATS)
def test_a_report_of_an_unreadable_file_is_written(tmp_path: Path, name: str) -> None:
    """Code scanning shows the broken file's alert only if the SARIF file is uploaded; the
    action's step summary (markdown) is where its overflow annotation sends a reader; a
    text, concise or GitHub file names it as stdout does."""
    (tmp_path / "broken.yaml").write_text("icscheck: 1\nicb: [\n", encoding="utf-8")
    on_stdout = "concise" if name == "text" else "text"
    code, _, err = invoke("validate", "-f", f"{name}:report", "-f", on_stdout, "broken.yaml")
    assert (code, err) == (2, f"icscheck: error: {BROKEN}\n")
    assert "broken.yaml" in (tmp_path / "report").read_text(encoding="utf-8")


def test_the_text_report_names_the_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("icscheck: 1\nicb: [\n", encoding="utf-8")
    assert invoke("validate", "-f", "text:t.txt", "broken.yaml")[0] == 2
    assert (tmp_path / "t.txt").read_text(encoding="utf-8") == (
        f"Could not be checked\n  ✗ {BROKEN}\n\n✗ 1 file could not be read: nothing was checked\n"
    )


def test_every_refused_report_file_is_named(tmp_path: Path) -> None:
    code, out, err = invoke(
        "validate", "-f", "text:t.txt", "-f", "concise:c.txt", "-f", "json:j.json", "gone.yaml"
    )
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "icscheck: error: gone.yaml: no such file",
        "icscheck: error: t.txt, c.txt, j.json: not written, because not every file could be "
        "checked",
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "unreadable"),
    [
        ("markdown", "✗ Could not be checked: broken.yaml:3:1: invalid YAML: "),
        ("html", '<p class="unreadable">✗ Could not be checked: broken.yaml:3:1: invalid YAML: '),
    ],
)
def test_a_board_paper_of_a_batch_lists_its_unreadable_file(
    tmp_path: Path, name: str, unreadable: str
) -> None:
    (tmp_path / "broken.yaml").write_text("icscheck: 1\nicb: [\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_bytes(SUFFOLK.read_bytes())
    code, _, err = invoke(
        "validate", "-f", f"{name}:paper", "-f", "sarif:s.sarif", "c.yaml", "broken.yaml"
    )
    assert code == 2
    assert "not written" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "broken.yaml",
        "c.yaml",
        "paper",
        "s.sarif",
    ]
    paper = (tmp_path / "paper").read_text(encoding="utf-8")
    assert unreadable in paper
    assert "NHS Suffolk and North East Essex Integrated Care Board" in paper


def test_a_missing_file_writes_no_board_paper_and_the_sarif_neither(tmp_path: Path) -> None:
    """A name that is not there may be arguments in the wrong order: nothing is replaced."""
    code, _, err = invoke("validate", "-f", "html:paper.html", "-f", "sarif:s.sarif", "gone.yaml")
    assert code == 2
    assert err.splitlines() == [
        "icscheck: error: gone.yaml: no such file",
        "icscheck: error: paper.html, s.sarif: not written, because not every file could be "
        "checked",
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "-o", "c.yaml", "c.yaml"],
        ["validate", "-o", "./c.yaml", "."],
        ["validate", "-o", "link.yaml", "c.yaml"],
        ["map", "-o", "c.yaml", "c.yaml"],
        ["diff", "-o", "c.yaml", str(SUFFOLK), "c.yaml"],
        ["diff", "--since", "HEAD", "-o", "c.yaml", "c.yaml"],
    ],
    ids=["validate", "folder", "link", "map", "diff", "since"],
)
def test_the_output_is_never_an_input(tmp_path: Path, args: list[str]) -> None:
    constitution = tmp_path / "c.yaml"
    constitution.write_bytes(SUFFOLK.read_bytes())
    (tmp_path / "link.yaml").symlink_to(constitution)
    output, read = args[args.index("-o") + 1], args[-1]
    if read == ".":
        read = "c.yaml"
    code, stdout, stderr = invoke(*args)
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"icscheck: error: --output {output} is also a file to read (")
    assert stderr.endswith("): the output would replace it; write the output to another file\n")
    assert constitution.read_bytes() == SUFFOLK.read_bytes()


EMPTY = "icscheck: error: --output is empty: give the name of the file to write, or - for stdout\n"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("sub/", "icscheck: error: sub/ names a directory; give the name of the file to write\n"),
        ("", EMPTY),
        ("  ", EMPTY),
    ],
)
@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_name_that_is_no_file_is_refused(
    tmp_path: Path, args: list[str], name: str, message: str
) -> None:
    assert invoke(*args, "-o", name) == (2, "", message)
    assert list(tmp_path.iterdir()) == []  # nothing written, nothing named "sub"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-f", "json:r.json", "-f", "sarif:./r.json"],
            "--format json and --format sarif would both be written to ./r.json; give each "
            "report a file of its own",
        ),
        (
            ["-f", "sarif:r.txt", "-f", "json", "-o", "r.txt"],
            "--format sarif and --format json would both be written to r.txt; give each "
            "report a file of its own",
        ),
        (
            ["-f", "json:-", "-f", "text"],
            "--format json and text would both go to stdout; give all but one a file "
            "(--format NAME:FILE)",
        ),
    ],
    ids=["two formats", "a format and --output", "two on stdout"],
)
def test_two_reports_to_one_file_is_a_usage_error(args: list[str], message: str) -> None:
    assert invoke("validate", "--no-cache", *args, str(SUFFOLK)) == (
        2,
        "",
        f"icscheck: error: {message}\n",
    )


@pytest.mark.parametrize("output", ["r.json", "./r.json", "sub/../r.json"])
@pytest.mark.parametrize("name", ["sarif", "json"])
def test_a_format_to_the_file_output_names_is_a_usage_error(
    tmp_path: Path, name: str, output: str
) -> None:
    # --output gets the text report when no --format goes to stdout: the format's file
    # would replace it, however the name is spelt.
    (tmp_path / "sub").mkdir()
    assert invoke("validate", "--no-cache", "-f", f"{name}:r.json", "-o", output, str(SUFFOLK)) == (
        2,
        "",
        f"icscheck: error: --format {name} and --output would both be written to r.json; "
        "give each report a file of its own\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sub"]


@pytest.mark.parametrize("spec", ["sarif:", "SARIF: "])
def test_a_format_with_no_file_after_the_colon_names_the_format(spec: str) -> None:
    assert invoke("validate", "--no-cache", "-f", spec, str(SUFFOLK)) == (
        2,
        "",
        "icscheck: error: --format sarif: give the name of the file to write after the colon "
        "(--format sarif:FILE), or leave the colon out for stdout\n",
    )


def test_every_format_to_a_file_puts_nothing_on_stdout(tmp_path: Path) -> None:
    assert invoke("validate", "--no-cache", "-f", "text:t.txt", str(SUFFOLK)) == (0, "", "")
    text = (tmp_path / "t.txt").read_text(encoding="utf-8")
    assert text.startswith("NHS Suffolk and North East Essex Integrated Care Board\n")
    assert text.endswith("with 28 rules not run: every rule that\nran passes\n")
