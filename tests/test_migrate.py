"""``icscheck migrate``: version 1 files become version 2 with every comment, key and finding kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.migrate import NOTE, PROVISIONS, migrate
from tests.conftest import SAMPLES

runner = CliRunner()
VERSION_1 = sorted(
    p
    for p in SAMPLES.rglob("*.yaml")
    if p.read_text(encoding="utf-8").count("\nicscheck: 1\n") == 1
    and p.name not in ("broken-yaml.yaml", "duplicate-keys.yaml")
)


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def top_keys(text: str) -> list[str]:
    return re.findall(r"^([a-z_]+):", text, re.M)


def validate(path: Path) -> dict[str, object]:
    result = runner.invoke(
        app,
        ["validate", "--isolated", "--no-cache", "--date", "2026-12-03", "-f", "json", str(path)],
    )
    files = json.loads(result.stdout)["files"]
    assert isinstance(files, list)
    file: dict[str, object] = files[0]
    return file


def opened(file: dict[str, object]) -> set[tuple[str, str]]:
    """Open findings by rule and message, line numbers in messages aside (lines move)."""
    findings = file["findings"]
    assert isinstance(findings, list)
    return {(f["rule"], re.sub(r"line \d+", "line #", f["message"])) for f in findings}


@pytest.mark.parametrize("sample", VERSION_1, ids=lambda p: p.name)
def test_every_version_1_sample_migrates_with_its_comments_keys_and_findings(
    sample: Path, tmp_path: Path
) -> None:
    original = sample.read_text(encoding="utf-8")
    target = tmp_path / sample.name
    target.write_text(original, encoding="utf-8")
    result = runner.invoke(app, ["migrate", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"migrated {target}: icscheck: 1 -> 2; ")
    migrated = target.read_text(encoding="utf-8")
    assert comments(migrated) == comments(original)
    kept = [key for key in top_keys(migrated) if key in top_keys(original)]
    assert kept == top_keys(original)
    # Nothing the version 1 file did not have becomes a gap: new facts are questions.
    before, after = validate(sample), validate(target)
    # Only BOARD-012 may move from gap to question: version 2 names the post, and
    # the migration cannot know who holds it when no member is marked. A waiver of
    # it then waives nothing (WAIVE-003): the post's question sits on the board.
    assert {rule for rule, _ in opened(before) - opened(after)} <= {"BOARD-012"}
    new = opened(after) - opened(before)
    assert new <= {("WAIVE-003", "this waiver of BOARD-012 matches no finding on line #")}
    assert after["not_run"] == []


def test_the_migrated_file_marks_each_new_fact_unknown(tmp_path: Path) -> None:
    text = (SAMPLES / "suffolk-and-north-east-essex.yaml").read_text(encoding="utf-8")
    done = migrate("c.yaml", text)
    assert done.changes == (
        "icscheck: 1 -> 2",
        "board.mental_health_member: pm-trusts-mh",
        "board member ned-audit: expertise marked unknown",
        "board member ceo: employee marked unknown",
        f"provisions: {len(PROVISIONS)} provisions marked unknown",
        "integrated_care_partnership: marked unknown",
    )
    assert f"  chair_appointment: {{unknown: {NOTE}}}\n" in done.text
    assert "\n\nprovisions:\n" in done.text and "\n\nboard:\n" in done.text  # blocks stay apart
    path = tmp_path / "c.yaml"
    path.write_text(done.text, encoding="utf-8")
    file = validate(path)
    assert file["findings"] == [] and file["format_version"] == 2
    unconfirmed = file["unconfirmed"]
    assert isinstance(unconfirmed, list)
    assert sorted({u["rule"] for u in unconfirmed}) == sorted(
        ["BOARD-015", "COMM-007", "PLACE-002", *(f"PROV-{n:03d}" for n in range(1, 19))]
    )


def test_check_reports_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    text = (SAMPLES / "south-east-london.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["migrate", "--check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"would migrate {path}: icscheck: 1 -> 2; ")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("icscheck: 2\nicb: {name: X}\n", ": is already format version 2"),
        ("icb: {name: X}\n", ": has no 'icscheck: 1' version key, so it cannot be migrated"),
        ("icscheck: 1\nicb: [\n", ":3:1: invalid YAML: the file ends inside a flow collection"),
        (
            "icscheck: 1\nicb: {name: X}\nicb: {name: Y}\n",
            ":3:1: gives the key 'icb' twice (FMT-002)",
        ),
    ],
)
def test_what_cannot_be_migrated_is_one_line_and_exit_2(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"icscheck: error: {path}{message}")
    assert len(result.stderr.splitlines()) == 1
    assert path.read_text(encoding="utf-8") == text
