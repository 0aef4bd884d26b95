"""``icscheck map FILE`` through Typer's CliRunner."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.diagram import mermaid, svg
from tests.conftest import SAMPLES, SUFFOLK, check

runner = CliRunner()
Write = Callable[..., str]
CONFLICTED = SAMPLES / "non_compliant" / "conflicted-committee-chairs.yaml"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["map", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_map_prints_mermaid_by_default() -> None:
    code, out, err = invoke(str(SUFFOLK))
    assert (code, err) == (0, "")
    assert out == mermaid(check([str(SUFFOLK)]).files[0])
    assert out.startswith("flowchart TD\n")


def test_a_file_with_gaps_still_exits_0_the_map_is_not_a_gate() -> None:
    code, out, err = invoke(str(CONFLICTED))
    assert (code, err) == (0, "")
    assert "\n  class " in out and " gap;\n" in out


def test_svg_format_to_an_output_file(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    code, out, err = invoke(str(CONFLICTED), "--format", "svg", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    text = target.read_text(encoding="utf-8")
    assert text == svg(check([str(CONFLICTED)]).files[0]) + "\n"
    assert ET.fromstring(text).tag == "{http://www.w3.org/2000/svg}svg"


def test_standard_input(suffolk_text: str) -> None:
    code, out, err = invoke("-", "-f", "SVG", stdin=suffolk_text)
    assert (code, err) == (0, "")
    assert out.startswith("<svg ") and "NHS Suffolk and North East Essex" in out


def test_a_broken_file_is_one_line_on_stderr_and_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "map.mmd"
    broken = SAMPLES / "non_compliant" / "broken-yaml.yaml"
    code, out, err = invoke(str(broken), "-o", str(target))
    assert (code, out) == (2, "")
    assert err.startswith(f"icscheck: error: {broken}:78:6: invalid YAML: ")
    assert len(err.splitlines()) == 1
    assert not target.exists()


def test_a_missing_file_or_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    assert invoke(str(missing)) == (2, "", f"icscheck: error: {missing}: no such file\n")
    assert invoke(str(SAMPLES)) == (
        2,
        "",
        f"icscheck: error: {SAMPLES}: is a directory; map draws one file\n",
    )


def test_an_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "map.svg"
    code, out, err = invoke(str(SUFFOLK), "-o", str(target))
    assert (code, out) == (2, "")
    assert err.startswith(f"icscheck: error: {target}: cannot write: ")


def test_an_unknown_format_is_refused() -> None:
    code, out, _ = invoke(str(SUFFOLK), "--format", "png")
    assert (code, out) == (2, "")


def test_hostile_names_reach_neither_format_unescaped(write: Write, suffolk_text: str) -> None:
    name = 'Evil "chair" <script>alert(1)</script> ]'
    path = write(suffolk_text.replace("name: Audit Committee", f"name: '{name}'", 1))
    code, out, _ = invoke(path)
    assert code == 0
    assert "<script>" not in out and '"chair"' not in out
    assert "Evil #quot;chair#quot;" in out
    code, out, _ = invoke(path, "-f", "svg")
    assert code == 0
    assert "<script>" not in out and "&lt;script&gt;" in out
    ET.fromstring(out)
