"""SARIF 2.1.0: valid against the OASIS schema, every rule described, waivers as suppressions.

Also home to the cases the other CI reporters' tests share: real files, run
through the real engine.
"""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from icscheck import __version__, untrusted
from icscheck.cli import app
from icscheck.reporters import REPORTERS
from icscheck.reporters.sarif import SarifOptions, SarifReporter
from tests.conftest import NOT_RUN_V1, ROOT, RULES, SUFFOLK, check
from tests.test_cli import two_partner_members, without_member

DATA = Path(__file__).resolve().parent.parent / "data"
DOCS_URL = f"https://github.com/icscheck/icscheck/blob/v{__version__}/docs/rules.md"

# --- Shared cases -------------------------------------------------------------

GAPS = "board gaps.yaml"
"""BOARD-013 (warning), BOARD-003 and BOARD-004 twice (one per missing sector)."""
WAIVED = "waived.yaml"
"""BOARD-003 waived, BOARD-004 open."""
BROKEN = "broken.yaml"
"""Invalid YAML: unreadable at 3:9, where the unclosed bracket opens."""
ABSENT = "absent.yaml"
"""Not there: unreadable, with no position."""

WAIVER = (
    '  # icscheck: waive BOARD-003 reason="vacancy" approved-by="Board 2024-03-12"'
    " until=2099-12-31\n"
)
DESCRIBED = "reason: vacancy; approved by: Board 2024-03-12; until: 2099-12-31"
BROKEN_YAML = "icscheck: 1\nicb:\n  name: [unclosed\n"
BROKEN_MESSAGE = "invalid YAML: a flow sequence that starts here is never closed"
MESSAGES = {
    "BOARD-003": "the board has 2 partner members; it must have at least 3",
    "BOARD-004 primary": "no partner member is nominated by providers of primary medical "
    "services (nominated_by: primary_medical_services)",
    "BOARD-004 local": "no partner member is nominated by the local authorities "
    "(nominated_by: local_authorities)",
    "BOARD-013": "no senior non-executive member is named (board.senior_non_executive)",
}


def line_of(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


def gaps_text(text: str) -> str:
    """Two partner members, both from trusts; no senior non-executive member named."""
    for member_id in ("pm-primary-care", "pm-suffolk-cc", "pm-essex-cc"):
        text = without_member(text, member_id)
    return text.replace("  senior_non_executive: ned-people\n", "")


def waived_text(text: str) -> str:
    """BOARD-003 and BOARD-004 broken, BOARD-003 waived on the line above the node."""
    return two_partner_members(text).replace("  members:\n", WAIVER + "  members:\n", 1)


def write_cases(directory: Path, text: str) -> list[str]:
    """Write the shared cases to ``directory`` and return their names, relative to it."""
    (directory / GAPS).write_text(gaps_text(text), encoding="utf-8")
    (directory / WAIVED).write_text(waived_text(text), encoding="utf-8")
    (directory / BROKEN).write_text(BROKEN_YAML, encoding="utf-8")
    return [GAPS, WAIVED, BROKEN, ABSENT]


def render(name: str, paths: list[str]) -> str:
    stream = io.StringIO()
    REPORTERS[name](stream).write(check(paths))
    return stream.getvalue()


# --- SARIF --------------------------------------------------------------------

runner = CliRunner()


@cache
def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    return schema


def parse(output: str) -> dict[str, Any]:
    """The SARIF log, checked against the OASIS schema (draft-04, read offline)."""
    log: dict[str, Any] = json.loads(output)
    validator = jsonschema.Draft4Validator(
        sarif_schema(), format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    validator.validate(log)
    return log


def sarif(paths: list[str], options: SarifOptions | None = None) -> dict[str, Any]:
    stream = io.StringIO()
    SarifReporter(stream, sarif=options).write(check(paths))
    return parse(stream.getvalue())


@pytest.fixture
def cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str) -> list[str]:
    monkeypatch.chdir(tmp_path)
    return write_cases(tmp_path, suffolk_text)


def results(log: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = log["runs"][0]["results"]
    return found


def located(result: dict[str, Any]) -> tuple[str, str, int, int]:
    location = result["locations"][0]["physicalLocation"]
    return (
        result["ruleId"],
        location["artifactLocation"]["uri"],
        location["region"]["startLine"],
        location["region"]["startColumn"],
    )


def test_registered_as_sarif() -> None:
    assert REPORTERS["sarif"] is SarifReporter


def test_a_clean_run_is_valid_with_every_rule_and_no_result() -> None:
    log = sarif([str(SUFFOLK)])
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "icscheck"
    assert driver["version"] == __version__
    assert driver["informationUri"] == "https://github.com/icscheck/icscheck"
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    assert run["results"] == []
    # gaps15 item 7: the version-1 file's rules not run, at the file.
    assert run["invocations"] == [
        {
            "executionSuccessful": True,
            "exitCode": 0,
            "toolExecutionNotifications": [
                {
                    "level": "note",
                    "message": {"text": NOT_RUN_V1},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": SUFFOLK.as_uri()}}}
                    ],
                }
            ],
        }
    ]


def test_each_rule_carries_its_title_documentation_fix_source_and_link() -> None:
    rules = {
        rule["id"]: rule for rule in sarif([str(SUFFOLK)])["runs"][0]["tool"]["driver"]["rules"]
    }
    board_001 = rules["BOARD-001"]
    assert board_001["name"] == "TheBoardHasExactlyOneChair"
    assert board_001["helpUri"] == f"{DOCS_URL}#board-001"
    assert rules["BOARD-013"]["defaultConfiguration"] == {"level": "warning"}
    anchors = {
        line.removeprefix("### ").lower()
        for line in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("### ")
    }
    for rule_id, rule in RULES.items():
        described = rules[rule_id]
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", described["name"]), described["name"]
        assert described["shortDescription"] == {"text": rule.title}
        assert described["fullDescription"] == {"text": rule.doc}
        assert described["help"]["text"] == f"{rule.fix}\nSource: {rule.source}"
        # Markdown escapes brackets, so "[finance]" is never read as a link.
        assert untrusted.markdown(rule.fix) in described["help"]["markdown"]
        assert described["defaultConfiguration"] == {"level": str(rule.severity)}
        assert described["properties"]["source"] == rule.source
        assert described["properties"]["area"] == str(rule.area)
        assert str(rule.area) in described["properties"]["tags"]
        # The link lands on the rule's heading in docs/rules.md.
        anchor = described["helpUri"].removeprefix(DOCS_URL + "#")
        assert anchor in anchors


def test_open_findings_are_located_results(cases: list[str], suffolk_text: str) -> None:
    log = sarif(cases)
    members = line_of(suffolk_text, "  members:")
    board = line_of(suffolk_text, "board:")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    open_ = [r for r in results(log) if r["ruleId"] != "icscheck/unreadable"]
    # Errors first, each in file order, then the warning.
    assert [located(r) for r in open_] == [
        ("BOARD-003", "board%20gaps.yaml", members, 3),
        ("BOARD-004", "board%20gaps.yaml", members, 3),
        ("BOARD-004", "board%20gaps.yaml", members, 3),
        ("BOARD-013", "board%20gaps.yaml", board, 1),
        ("BOARD-004", "waived.yaml", members + 1, 3),
    ]
    assert [(r["level"], r["message"]["text"]) for r in open_[:4]] == [
        ("error", MESSAGES["BOARD-003"]),
        ("error", MESSAGES["BOARD-004 primary"]),
        ("error", MESSAGES["BOARD-004 local"]),
        ("warning", MESSAGES["BOARD-013"]),
    ]
    for result in open_:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    # Two gaps of one rule at one node are still two alerts.
    fingerprints = [r["partialFingerprints"]["icscheck/v1"] for r in results(log)]
    assert len(set(fingerprints)) == len(fingerprints)
    assert all(re.fullmatch(r"[0-9a-f]{64}", f) for f in fingerprints)


def test_waived_findings_are_results_with_an_accepted_suppression(
    cases: list[str], suffolk_text: str
) -> None:
    members = line_of(suffolk_text, "  members:")
    log = sarif(cases, SarifOptions(include_waived=True))
    waived = [r for r in results(log) if "suppressions" in r]
    assert [located(r) for r in waived] == [("BOARD-003", "waived.yaml", members + 1, 3)]
    (result,) = waived
    assert result["level"] == "error"
    assert result["message"]["text"] == MESSAGES["BOARD-003"]
    (suppression,) = result["suppressions"]
    assert suppression["kind"] == "inSource"
    assert suppression["status"] == "accepted"
    assert suppression["justification"] == DESCRIBED
    # The suppression points at the waiver comment itself.
    region = suppression["location"]["physicalLocation"]["region"]
    assert region == {"startLine": members, "startColumn": 3}


def test_fingerprints_survive_an_unrelated_line_inserted_above(cases: list[str]) -> None:
    before = {
        r["partialFingerprints"]["icscheck/v1"]: located(r)[2] for r in results(sarif([GAPS]))
    }
    text = Path(GAPS).read_text(encoding="utf-8")
    Path(GAPS).write_text("# Reviewed by the governance team.\n" + text, encoding="utf-8")
    after = {r["partialFingerprints"]["icscheck/v1"]: located(r)[2] for r in results(sarif([GAPS]))}
    assert after.keys() == before.keys()
    assert all(after[key] == before[key] + 1 for key in before)


def test_paths_become_uris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub dir").mkdir()
    relative = str(Path("sub dir") / "50% done#1.yaml")
    absolute = tmp_path / "absent.yaml"
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in results(sarif([relative, str(absolute)]))
    ]
    assert uris == ["sub%20dir/50%25%20done%231.yaml", absolute.as_uri()]
    assert uris[1].startswith("file:///")


def test_standard_input_has_no_uri(suffolk_text: str) -> None:
    stream = io.StringIO()
    SarifReporter(stream).write(check(["-"], stdin=gaps_text(suffolk_text).encode()))
    location = results(parse(stream.getvalue()))[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"description": {"text": "standard input"}}


def test_cli_writes_sarif_and_exits_1_on_error_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_cases(tmp_path, suffolk_text)
    result = runner.invoke(app, ["validate", "--format", "sarif", GAPS])
    assert result.exit_code == 1, result.output
    log = parse(result.stdout)
    assert [r["ruleId"] for r in results(log)] == [
        "BOARD-003",
        "BOARD-004",
        "BOARD-004",
        "BOARD-013",
    ]
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["exitCode"] == 1
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == [NOT_RUN_V1]
