"""House rules: records an ICB or region writes, loaded through the same door as built-in rules.

The documented example (docs/examples/east-region/) is run end to end, in
every format; malformed records are usage errors naming the file and line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.config import FORMATS
from tests.conftest import ROOT

runner = CliRunner()
EXAMPLE = ROOT / "docs" / "examples" / "east-region"
RECORD = EXAMPLE / "rules" / "x_east_001.yaml"
MESSAGE = "the finance committee is chaired by 'dof', who is not a non-executive member"


@pytest.fixture
def in_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)


def validate(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["validate", "--no-cache", "--date", "2026-12-03", *args])
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.usefixtures("in_example")
def test_the_documented_example_fails_its_house_rule_and_nothing_else() -> None:
    code, out, err = validate("--format", "json", "constitution.yaml")
    assert (code, err) == (1, "")
    [file] = json.loads(out)["files"]
    assert [(f["rule"], f["line"], f["column"], f["message"]) for f in file["findings"]] == [
        ("X-EAST-001", 127, 5, MESSAGE)
    ]
    [house] = [r for r in file["rules"] if r["id"] == "X-EAST-001"]
    assert house == {
        "id": "X-EAST-001",
        "title": "A finance committee is chaired by a non-executive member.",
        "area": "House rules",
        "severity": "error",
        "status": "fail",
        "findings": 1,
        "waived": 0,
        "unconfirmed": 0,
        "origin": str(RECORD),
    }
    # House rules come after the built-in areas and before the waivers.
    ids = [r["id"] for r in file["rules"]]
    assert ids.index("PRIN-003") < ids.index("X-EAST-001") < ids.index("WAIVE-001")


@pytest.mark.usefixtures("in_example")
@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_shows_the_house_rule_as_one(output_format: str) -> None:
    code, out, _ = validate("--format", output_format, "constitution.yaml")
    assert code == 1
    shown = {
        "text": ["House rules", "X-EAST-001 error", MESSAGE],
        "concise": [f"X-EAST-001 error {MESSAGE} (house rule)"],
        "json": ['"area": "House rules"', MESSAGE],
        "sarif": ['"house rule"', f'"origin": "{RECORD}"', MESSAGE],
        "junit": ['name="X-EAST-001 (house rule): A finance committee', MESSAGE],
        "github": ["title=X-EAST-001 (house rule)::" + MESSAGE],
        "gitlab": [f'"description": "X-EAST-001 (house rule): {MESSAGE}"'],
        "html": ["<caption>House rules</caption>", 'data-rule="X-EAST-001"'],
        "markdown": ["#### House rules", "**X-EAST-001** (error)"],
    }[output_format]
    for text in shown:
        assert text in flat(out) or text in out, text


@pytest.mark.usefixtures("in_example")
def test_sarif_points_a_house_rule_at_its_record_not_at_icschecks_docs() -> None:
    _, out, _ = validate("--format", "sarif", "constitution.yaml")
    [rule] = [
        r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "X-EAST-001"
    ]
    assert "helpUri" not in rule
    assert rule["properties"]["origin"] == str(RECORD)


@pytest.mark.usefixtures("in_example")
def test_rule_documents_a_house_rule_and_rules_lists_it() -> None:
    result = runner.invoke(app, ["rule", "x-east-001"])
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "X-EAST-001: A finance committee is chaired by a non-executive member.\n"
    )
    assert f"JSON Schema ({RECORD})" in flat(result.stdout)
    listed = runner.invoke(app, ["rules", "--area", "house", "--format", "json"])
    assert [r["id"] for r in json.loads(listed.stdout)] == ["X-EAST-001"]
    # Outside the region's folder the rule does not exist.
    assert runner.invoke(app, ["rule", "X-EAST-001", "--isolated"]).exit_code == 2


@pytest.mark.usefixtures("in_example")
def test_house_rules_can_be_selected_and_ignored_by_namespace() -> None:
    code, out, _ = validate("--format", "json", "--ignore", "X-EAST", "constitution.yaml")
    assert code == 0
    document = json.loads(out)
    assert "X-EAST-001" not in json.dumps(document["files"])
    # The settings say it was switched off, and by whom (the command line).
    [off] = document["settings"]["not_run"]
    assert (off["rule"], off["source"], off["selector"]) == ("X-EAST-001", "--ignore", "X-EAST")
    code, out, _ = validate("--format", "json", "--select", "X", "constitution.yaml")
    assert code == 1
    assert [r["id"] for r in json.loads(out)["files"][0]["rules"]] == ["X-EAST-001"]


def test_the_rule_passes_when_a_non_executive_member_chairs_finance(tmp_path: Path) -> None:
    text = (EXAMPLE / "constitution.yaml").read_text(encoding="utf-8")
    fixed = tmp_path / "constitution.yaml"
    fixed.write_text(text.replace("    chair: dof\n", "    chair: ned-audit\n"), encoding="utf-8")
    without = tmp_path / "no-finance.yaml"
    without.write_text(text.replace("    type: finance\n", "    type: other\n"), encoding="utf-8")
    config = EXAMPLE / ".icscheck.toml"
    code, out, _ = validate("--format", "json", "--config", str(config), str(fixed), str(without))
    assert code == 1
    first, second = json.loads(out)["files"]
    assert first["findings"] == []
    assert [(f["rule"], f["message"]) for f in second["findings"]] == [
        ("X-EAST-001", "there is no finance committee (a committee with type finance)")
    ]


BROKEN = [
    ("id: X-EAST-002\nseverity: fatal\ntitle: t\nsource: s\nfix: f\nschema: {}\n",
     ":2:1: not a rule record: severity: 'fatal' is not allowed; allowed values: error, warning"),
    ("id: X-EAST-002\nseverity: error\ntitle: t\nsource: s\nschema: {}\n",
     ":1:1: not a rule record: missing required field 'fix' in the top level"),
    ("id: X-EAST-002\nseverity: error\ntitle: t\nsource: s\nfix: f\nshema: {}\n",
     ":6:1: not a rule record: unknown field 'shema' in the top level (did you mean 'schema'?)"),
    ("id: BOARD-099\nseverity: error\ntitle: t\nsource: s\nfix: f\nschema: {}\n",
     ": house rule ID 'BOARD-099' must be X-NAMESPACE-NNN (e.g. X-EOE-001), so that it can never shadow a built-in rule"),
    ("id: X-EAST-002\nseverity: error\ntitle: t\nsource: s\nfix: f\nschema:\n  type: 5\n",
     ":7:3: the rule's schema is not a valid JSON Schema: 5 is not valid under any of the given schemas"),
    ("id: X-EAST-002\nseverity: error\ntitle: t\nsource: s\nfix: f\nschema: [\n",
     ":7:1: invalid YAML: the file ends inside a flow collection: a [ or { is never closed"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("record", "message"), BROKEN, ids=[m.split(": ")[-1][:30] for _, m in BROKEN]
)
def test_a_malformed_house_rule_is_a_usage_error_naming_file_and_line(
    tmp_path: Path, record: str, message: str
) -> None:
    (tmp_path / "rules").mkdir()
    path = tmp_path / "rules" / "x_east_002.yaml"
    path.write_text(record, encoding="utf-8")
    (tmp_path / ".icscheck.toml").write_text('rules-dir = "rules"\n', encoding="utf-8")
    (tmp_path / "c.yaml").write_text("icscheck: 1\n", encoding="utf-8")
    result = runner.invoke(
        app, ["validate", "--config", str(tmp_path / ".icscheck.toml"), "c.yaml"]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"icscheck: error: {path}{message}"), line


def test_one_id_in_two_records_or_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / "rules" / name).write_text(RECORD.read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / ".icscheck.toml"
    config.write_text('rules-dir = "rules"\n', encoding="utf-8")
    result = runner.invoke(app, ["rules", "--config", str(config)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"icscheck: error: {tmp_path / 'rules' / 'b.yaml'}: rule ID X-EAST-001 is already used "
        f"by {tmp_path / 'rules' / 'a.yaml'}\n"
    )
    config.write_text('rules-dir = "nowhere"\n', encoding="utf-8")
    result = runner.invoke(app, ["rules", "--config", str(config)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"icscheck: error: {tmp_path / 'nowhere'}: the house rules folder does not exist\n"
    )


def test_a_house_rule_is_waived_like_any_other(tmp_path: Path) -> None:
    text = (EXAMPLE / "constitution.yaml").read_text(encoding="utf-8")
    waived = text.replace(
        "    chair: dof\n",
        '    # icscheck: waive X-EAST-001 reason="new chair from April" approved-by="Board 2026-11-05" until=2027-04-30\n'
        "    chair: dof\n",
    )
    path = tmp_path / "constitution.yaml"
    path.write_text(waived, encoding="utf-8")
    config = EXAMPLE / ".icscheck.toml"
    code, out, _ = validate("--format", "json", "--config", str(config), str(path))
    assert code == 0
    [file] = json.loads(out)["files"]
    assert file["findings"] == []
    assert [(w["rule"], w["waiver"]["approved_by"]) for w in file["waived"]] == [
        ("X-EAST-001", "Board 2026-11-05")
    ]


@pytest.mark.usefixtures("in_example")
def test_a_house_rule_that_turns_on_an_unknown_fact_is_unconfirmed(tmp_path: Path) -> None:
    # Format 2: the finance committee's chair is a member whose role is unknown. The
    # rule follows the chair to the member; a role in that place could clear its gap, so
    # the gap is a question located at the unknown role, not an error.
    text = (ROOT / "tests" / "rules" / "cases" / "COMM-007.yaml").read_text(encoding="utf-8")
    case = text.split("    document: |\n")[4].split("    findings:")[0]
    document = "\n".join(line[6:] for line in case.splitlines()) + "\n"
    document = document.replace("expertise: [clinical]", "expertise: [audit]")
    ned = "- {id: ned-2, role: non_executive_member, other_positions: []}\n"
    unknown = '    - {id: ned-3, role: {unknown: "the board page gives no title"}}\n'
    finance = (
        "  - {id: finance, name: Finance Committee, type: finance, chair: ned-3, "
        "members: [ned-3, ned-2], reports_to: board}\n"
    )
    assert ned in document
    document = document.replace(ned, ned + unknown).replace(
        "committees:\n", "committees:\n" + finance
    )
    path = tmp_path / "constitution.yaml"
    path.write_text(document, encoding="utf-8")
    code, out, _ = validate("--format", "json", str(path))
    [file] = json.loads(out)["files"]
    assert (code, file["findings"]) == (0, [])
    assert [(u["rule"], u["line"], u["column"], u["message"]) for u in file["unconfirmed"]] == [
        ("BOARD-001", 31, 19, "board.members[3].role is unknown: confirm it to check that the board has exactly one chair"),
        ("BOARD-002", 31, 19, "board.members[3].role is unknown: confirm it to check that the board has a chief executive"),
        ("FMT-001", 31, 19, "missing required field 'role' in board.members[3]"),
        ("X-EAST-001", 31, 19, "the finance committee is chaired by 'ned-3', who is not a non-executive member"),
    ]  # fmt: skip
