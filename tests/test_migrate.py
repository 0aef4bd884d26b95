"""``icscheck migrate``: version 1 files become version 2 with every comment, key and finding kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.migrate import NOTE, PROVISIONS, migrate
from tests.conftest import ROOT, SAMPLES, VERSION_1_SAMPLES

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
    # Every comment is kept; a waiver of BOARD-012 may move (checked below by what it waives).
    assert unwaived(comments(migrated)) == unwaived(comments(original))
    kept = [key for key in top_keys(migrated) if key in top_keys(original)]
    assert kept == top_keys(original)
    before, after = validate(sample), validate(target)
    # Nothing the version 1 file did not have becomes a gap, and no gap becomes a
    # question: BOARD-012 only changes its wording (version 2 names the post).
    assert {rule for rule, _ in opened(before) - opened(after)} <= {"BOARD-012"}
    assert {rule for rule, _ in opened(after) - opened(before)} <= {"BOARD-012"}
    assert ("BOARD-012" in rules(before)) == ("BOARD-012" in rules(after))
    # Every waiver still waives what it waived.
    assert waived(after) == waived(before)
    assert after["not_run"] == []


def unwaived(lines: list[str]) -> list[str]:
    return [line for line in lines if "icscheck: waive" not in line]


def rules(file: dict[str, object]) -> set[str]:
    return {rule for rule, _ in opened(file)}


def waived(file: dict[str, object]) -> list[tuple[str, str]]:
    entries = file["waived"]
    assert isinstance(entries, list)
    return sorted((w["rule"], w["waiver"]["reason"]) for w in entries)


def test_the_migrated_file_marks_each_new_fact_unknown(tmp_path: Path) -> None:
    text = (VERSION_1_SAMPLES / "suffolk-and-north-east-essex.yaml").read_text(encoding="utf-8")
    done = migrate("c.yaml", text)
    assert done.changes == (
        "icscheck: 1 -> 2",
        "board.mental_health_member: marked unknown "
        "(not inferred from mental_health_expertise: true on pm-trusts-mh)",
        "board member ned-audit: expertise marked unknown",
        "board member ceo: employee marked unknown",
        f"provisions: {len(PROVISIONS)} provisions marked unknown",
        "integrated_care_partnership: marked unknown",
    )
    assert f"  chair_appointment: {{unknown: {NOTE}}}\n" in done.text
    assert (
        "  mental_health_member: {unknown: not named in format version 1 "
        "(mental health expertise marked on pm-trusts-mh)}\n"
    ) in done.text
    assert "\n\nprovisions:\n" in done.text and "\n\nboard:\n" in done.text  # blocks stay apart
    path = tmp_path / "c.yaml"
    path.write_text(done.text, encoding="utf-8")
    file = validate(path)
    assert file["findings"] == [] and file["format_version"] == 2
    unconfirmed = file["unconfirmed"]
    assert isinstance(unconfirmed, list)
    assert sorted({u["rule"] for u in unconfirmed}) == sorted(
        [
            "BOARD-012",
            "BOARD-015",
            "COMM-007",
            "PLACE-002",
            *(f"PROV-{n:03d}" for n in range(1, 19)),
        ]
    )


def test_check_reports_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    text = (VERSION_1_SAMPLES / "south-east-london.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["migrate", "--check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"would migrate {path}: icscheck: 1 -> 2; ")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
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


# The two non-compliant samples as they were in format version 1, before they were
# rewritten in format 2: a draft naming no mental health member, and a waiver of it.
DRAFT = ROOT / "tests" / "data" / "migrate" / "unfinished-draft.yaml"
SHADOW = ROOT / "tests" / "data" / "migrate" / "too-few-ordinary-members.yaml"


def test_a_file_with_no_mental_health_member_keeps_its_gap(tmp_path: Path) -> None:
    # Version 1 marked no member: the post is absent, not unknown, so BOARD-012 stays a
    # gap and the migrated file still fails the gate.
    path = tmp_path / DRAFT.name
    path.write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    before = runner.invoke(app, ["validate", "--isolated", "--no-cache", str(path)])
    assert before.exit_code == 1
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 0
    assert (
        "; board.mental_health_member: not added (no ordinary member is marked "
        "mental_health_expertise: true, so BOARD-012 still reports the post missing); "
    ) in result.stdout
    text = path.read_text(encoding="utf-8")
    assert "mental_health_member" not in text
    after = runner.invoke(app, ["validate", "--isolated", "--no-cache", str(path)])
    assert after.exit_code == 1
    file = validate(path)
    assert (
        "BOARD-012",
        "no ordinary member is designated as the mental health member (board.mental_health_member)",
    ) in opened(file)
    unconfirmed = file["unconfirmed"]
    assert isinstance(unconfirmed, list)
    assert "BOARD-012" not in {u["rule"] for u in unconfirmed}


def test_a_waiver_of_the_missing_post_moves_to_where_version_2_reports_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / SHADOW.name
    path.write_text(SHADOW.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 0
    assert result.stdout.rstrip("\n").endswith(
        "; waiver of BOARD-012: moved from the board.members line onto the board line, "
        "where format 2 reports a missing mental health member"
    )
    why = (
        'reason="shadow board: partner member nominations and executive appointments '
        'under way" approved-by="Board 2026-03-02" until=2099-03-31'
    )
    assert (
        f"\n\nboard:  # icscheck: waive BOARD-012 {why}\n"
        f"  # icscheck: waive BOARD-003,BOARD-004,BOARD-006,BOARD-007,BOARD-008 {why}\n"
        "  members:\n"
    ) in path.read_text(encoding="utf-8")
    file = validate(path)
    assert rules(file) == {"BOARD-016"}
    assert [rule for rule, _ in waived(file)] == [
        "BOARD-003",
        "BOARD-004",
        "BOARD-004",
        "BOARD-004",
        "BOARD-006",
        "BOARD-007",
        "BOARD-008",
        "BOARD-012",
    ]


WAIVER = '# icscheck: waive BOARD-012 reason="r" approved-by="A" until=2099-01-01'
PAIR = '# icscheck: waive BOARD-010,BOARD-012 reason="r" approved-by="A" until=2099-01-01'


@pytest.mark.parametrize(
    ("text", "expected", "change"),
    [
        # A waiver of BOARD-012 alone, on the members line, leaves it for the board line.
        (
            f"x: 1\nboard:\n  deputy_chair: a\n  members:  {WAIVER}\n",
            f"x: 1\nboard:  {WAIVER}\n  deputy_chair: a\n  members:\n",
            "waiver of BOARD-012: moved from the board.members line onto the board line, "
            "where format 2 reports a missing mental health member",
        ),
        # The board line holds a comment: the waiver goes alone on the line above it,
        # and a waiver of other rules too keeps them where they were.
        (
            f"x: 1\nboard:  # the board\n  deputy_chair: a\n  {PAIR}\n  members:\n",
            f"x: 1\n{WAIVER}\nboard:  # the board\n  deputy_chair: a\n"
            f"  {PAIR.replace(',BOARD-012', '')}\n  members:\n",
            "waiver of BOARD-012: moved from the board.members line onto a line of its own "
            "above the board line, where format 2 reports a missing mental health member",
        ),
        # No place is free: the waiver stays as it was, and the change says so.
        (
            f"x: 1\n# the board\nboard:  # mine\n  deputy_chair: a\n  {WAIVER}\n  members:\n",
            f"x: 1\n# the board\nboard:  # mine\n  deputy_chair: a\n  {WAIVER}\n  members:\n",
            "waiver of BOARD-012 on the board.members line: NOT moved (the board line and "
            "the line above it hold comments already): move it to the board line by hand",
        ),
    ],
    ids=["onto the board line", "above it", "nowhere free"],
)
def test_the_waiver_moves_to_a_free_place(text: str, expected: str, change: str) -> None:
    from icscheck.loader import parse
    from icscheck.migrate_text import move_waivers

    document = parse("c.yaml", text)
    at = document.locate(("board",))[0], document.locate(("board", "members"))[0]
    assert move_waivers(text, *at, document.waivers) == (expected, [change])


def test_a_version_2_file_has_nothing_to_migrate(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    text = "icscheck: 2\nicb: {name: X}\n"
    path.write_text(text, encoding="utf-8")
    for options in (["--check"], []):
        result = runner.invoke(app, ["migrate", *options, str(path)])
        assert result.exit_code == 0
        assert result.stdout == f"{path}: already format version 2; nothing to migrate\n"
        assert path.read_text(encoding="utf-8") == text


def test_crlf_line_endings_are_kept(tmp_path: Path) -> None:
    text = (VERSION_1_SAMPLES / "south-east-london.yaml").read_text(encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 0
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > text.count("\n")
    assert b"\r\r" not in raw
    assert raw.decode("utf-8") == migrate("c.yaml", text).text.replace("\n", "\r\n")


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    text = (VERSION_1_SAMPLES / "south-east-london.yaml").read_text(encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert runner.invoke(app, ["migrate", str(path)]).exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + migrate("c.yaml", text).text.encode("utf-8")


def test_a_symbolic_link_stays_and_its_target_is_migrated(tmp_path: Path) -> None:
    text = (VERSION_1_SAMPLES / "south-east-london.yaml").read_text(encoding="utf-8")
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "c.yaml"
    target.write_text(text, encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(Path("real") / "c.yaml")
    result = runner.invoke(app, ["migrate", str(link)])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"migrated {link}: icscheck: 1 -> 2; ")
    assert link.is_symlink() and str(link.readlink()) == str(Path("real") / "c.yaml")
    assert target.read_text(encoding="utf-8") == migrate("c.yaml", text).text
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["c.yaml", "link.yaml", "real"]
