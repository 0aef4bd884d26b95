"""``icscheck rules`` and ``icscheck rule ID`` through Typer's CliRunner (not a terminal: plain text)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.rules.base import Area
from tests.conftest import RULES

runner = CliRunner()
# Rich takes the width from COLUMNS when the output is not a terminal; without
# a terminal the output is plain text even when NO_COLOR is not set.
ENV: dict[str, str | None] = {"COLUMNS": "80", "NO_COLOR": None, "FORCE_COLOR": None}


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def test_rules_lists_an_area_as_a_table() -> None:
    code, out, err = invoke("rules", "--area", "committees")
    assert (code, err) == (0, "")
    assert out == (
        "┏━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓\n"
        "┃ Rule     ┃ Severity ┃ Area       ┃ Requirement                               ┃\n"
        "┡━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩\n"
        "│ COMM-001 │ error    │ Committees │ The board has an audit committee.         │\n"
        "│ COMM-002 │ error    │ Committees │ The board has a remuneration committee.   │\n"
        "│ COMM-003 │ error    │ Committees │ The audit committee is chaired by an      │\n"
        "│          │          │            │ independent non-executive member.         │\n"
        "│ COMM-004 │ error    │ Committees │ The remuneration committee is chaired by  │\n"
        "│          │          │            │ a non-executive member other than the ICB │\n"
        "│          │          │            │ chair and the audit committee chair.      │\n"
        "│ COMM-005 │ warning  │ Committees │ Every committee reports to the board,     │\n"
        "│          │          │            │ directly or through other committees.     │\n"
        "│ COMM-006 │ error    │ Committees │ No employee of the ICB is a member of the │\n"
        "│          │          │            │ remuneration committee.                   │\n"
        "│ COMM-007 │ error    │ Committees │ The audit committee's chair has finance   │\n"
        "│          │          │            │ or audit expertise.                       │\n"
        "│ COMM-008 │ warning  │ Committees │ Every joint committee names its partners, │\n"
        "│          │          │            │ its legal basis and the ICB's member on   │\n"
        "│          │          │            │ it.                                       │\n"
        "│ COMM-009 │ warning  │ Committees │ The ICB chair does not chair the audit    │\n"
        "│          │          │            │ committee.                                │\n"
        "│ COMM-010 │ warning  │ Committees │ A committee's quorum can be met by its    │\n"
        "│          │          │            │ members.                                  │\n"
        "└──────────┴──────────┴────────────┴───────────────────────────────────────────┘\n"
    )


def _rows(out: str) -> list[tuple[str, str, str]]:
    """(rule, severity, area) of each rule's first row in the table."""
    cells = [line.strip("│").split("│") for line in out.splitlines() if line.startswith("│")]
    return [(c[0].strip(), c[1].strip(), c[2].strip()) for c in cells if c[0].strip()]


def test_rules_lists_every_rule_in_report_order() -> None:
    code, out, _ = invoke("rules")
    assert code == 0
    # The area as the reports and the JSON name it (wrapped: its first line here).
    rows = _rows(out)
    assert [(rule, severity) for rule, severity, _ in rows] == [
        (r.id, str(r.severity)) for r in RULES.values()
    ]
    for rule, _, area in rows:
        name, key = str(RULES[rule].area), RULES[rule].area.key
        assert (name if name.lower() == key else f"{name} ({key})").startswith(area)
    assert ("QUORUM-003", "warning", "Board composition (board)") in rows
    # Titles wrap, never truncate: the Requirement column holds each one whole.
    requirements = " ".join(
        line.split("│")[4].strip() for line in out.splitlines() if line.startswith("│")
    )
    assert RULES["COMM-003"].title in " ".join(requirements.split())


def test_the_table_shows_the_key_area_takes() -> None:
    code, out, _ = invoke("rules", "--area", "place")
    assert code == 0
    assert out.splitlines()[3:5] == [
        "│ PLACE-001 │ warning  │ Place-based partnerships  │ Each place partnership    │",
        "│           │          │ (place)                   │ includes the design       │",
    ]


@pytest.mark.parametrize(
    "key", ["BOARD", "Board", "board", "Board composition", "board  COMPOSITION"]
)
def test_the_area_is_case_insensitive(key: str) -> None:
    code, out, _ = invoke("rules", "--area", key)
    assert code == 0
    assert [row[0] for row in _rows(out)] == [f"BOARD-{n:03d}" for n in range(1, 19)] + [
        "QUORUM-001",
        "QUORUM-002",
        "QUORUM-003",
    ]


def test_every_area_has_a_short_key() -> None:
    assert [area.key for area in Area] == [
        "format",
        "constitution",
        "board",
        "committees",
        "place",
        "map",
        "principles",
        "house",
        "waivers",
    ]
    for area in Area:
        code, out, _ = invoke("rules", "--area", area.key)
        # House rules come from a configuration's rules-dir: none without one.
        assert code == 0 and bool(_rows(out)) is (area is not Area.HOUSE), area


def test_an_unknown_area_is_a_usage_error_naming_the_valid_ones() -> None:
    code, out, err = invoke("rules", "--area", "boards")
    assert (code, out) == (2, "")
    assert err == (
        "icscheck: error: no area 'boards'; choose one of "
        "format, constitution, board, committees, place, map, principles, house, waivers\n"
    )


def test_rules_as_json() -> None:
    code, out, err = invoke("rules", "--format", "json")
    assert (code, err) == (0, "")
    rules = json.loads(out)
    assert [r["id"] for r in rules] == list(RULES)
    assert all(
        set(r) == {"id", "severity", "area", "area_key", "title", "source", "fix"} for r in rules
    )
    assert next(r for r in rules if r["id"] == "REF-001") == {
        "id": "REF-001",
        "severity": "error",
        "area": "File format and references",
        "area_key": "format",
        "title": "Every id the file refers to exists and is of the right kind.",
        "source": RULES["REF-001"].source,
        "fix": RULES["REF-001"].fix,
    }


def test_rules_as_json_filtered_by_area() -> None:
    code, out, _ = invoke("rules", "--area", "waivers", "-f", "json")
    assert code == 0
    assert [(r["id"], r["area"]) for r in json.loads(out)] == [
        ("WAIVE-001", "Waivers"),
        ("WAIVE-002", "Waivers"),
        ("WAIVE-003", "Waivers"),
    ]


def test_rule_shows_its_documentation_source_and_both_examples() -> None:
    code, out, err = invoke("rule", "BOARD-003")
    assert (code, err) == (0, "")
    assert out.startswith(
        "BOARD-003: The board has at least three partner members.\n"
        "\n"
        "severity    error\n"
        "area        Board composition (board)\n"
        "checked by  JSON Schema (icscheck/rules/board/board_003.yaml)\n"
        "source      NHS Act 2006 Sch. 1B para 8(2): members nominated by the trusts, the\n"
        "            providers of primary medical services and the local authorities\n"
        "            (para 8(2)(a) confirmed by SI 2024/1205 reg 2(3); the rest not\n"
        "            read), as set out in the Hertfordshire and West Essex ICB\n"
        "            constitution (web version; version date not readable, see\n"
        "            docs/rules.md) s.2.1.6: at least three partner members\n"
        "fix         Add partner members (role: partner_member) until there are at least\n"
        "            three.\n"
        "\n"
        "What it checks\n"
        "Para 3(1)(c) of Sch. 1B requires at least three ordinary members, whoever they\n"
    )
    # The examples are printed whole and unwrapped, as the docstring has them.
    assert out.endswith(
        "\nFails:\n"
        "icscheck: 1\n"
        "board:\n"
        "  members:\n"
        "    - {id: pm-1, role: partner_member, nominated_by: nhs_trusts_and_foundation_trusts}\n"
        "    - {id: pm-2, role: partner_member, nominated_by: primary_medical_services}\n"
        "\n"
        "Passes:\n"
        "icscheck: 1\n"
        "board:\n"
        "  members:\n"
        "    - {id: pm-1, role: partner_member, nominated_by: nhs_trusts_and_foundation_trusts}\n"
        "    - {id: pm-2, role: partner_member, nominated_by: primary_medical_services}\n"
        "    - {id: pm-3, role: partner_member, nominated_by: local_authorities}\n"
    )


def test_rule_ids_are_case_insensitive() -> None:
    assert invoke("rule", "board-003") == invoke("rule", "BOARD-003")


def test_rule_lists_render_as_lists() -> None:
    code, out, _ = invoke("rule", "REF-001")
    assert code == 0
    assert " • committees[].reports_to: board or a committee;\n" in out


def test_rule_as_json() -> None:
    code, out, err = invoke("rule", "WAIVE-002", "--format", "json")
    assert (code, err) == (0, "")
    rule = RULES["WAIVE-002"]
    assert json.loads(out) == {
        "id": "WAIVE-002",
        "severity": "error",
        "area": "Waivers",
        "area_key": "waivers",
        "title": "No waiver or configuration override has expired.",
        "source": rule.source,
        "fix": rule.fix,
        "checked_by": "Python check",
        "description": rule.doc,
        "fails": rule.fails,
        "passes": rule.passes,
    }
    assert "until=2024-12-31" in rule.fails


@pytest.mark.parametrize(
    ("rule_id", "message"),
    [
        ("BORD-001", "no rule 'BORD-001'; did you mean BOARD-001, BOARD-002, BOARD-003?"),
        ("comm-06", "no rule 'comm-06'; did you mean COMM-006, COMM-001, COMM-002?"),
        ("nonsense", "no rule 'nonsense'; 'icscheck rules' lists them all"),
        # A family is no rule ID: its first rules are suggested, never the family itself.
        (
            "COMM",
            "no rule 'COMM'; did you mean COMM-001, COMM-002, COMM-003? "
            "('icscheck rules --area committees' lists all 10 COMM rules)",
        ),
        (
            "BORD",
            "no rule 'BORD'; did you mean BOARD-001, BOARD-002, BOARD-003? "
            "('icscheck rules --area board' lists all 18 BOARD rules)",
        ),
        ("quorm", "no rule 'quorm'; did you mean QUORUM-001, QUORUM-002, QUORUM-003?"),
        ("ICB", "no rule 'ICB'; did you mean ICB-001?"),
    ],
)
def test_an_unknown_rule_is_a_usage_error_with_the_closest_ids(rule_id: str, message: str) -> None:
    code, out, err = invoke("rule", rule_id)
    assert (code, out, err) == (2, "", f"icscheck: error: {message}\n")


@pytest.mark.parametrize("typed", ["COMM", "BORD", "board", "PRO", "quorm", "BOARD-03", "comm-6"])
def test_every_suggestion_is_a_rule_the_command_accepts(typed: str) -> None:
    code, _, err = invoke("rule", typed)
    assert code == 2
    suggested = err.split("did you mean ", 1)[1].split("?", 1)[0].split(", ")
    assert suggested
    for rule_id in suggested:
        assert invoke("rule", rule_id)[0] == 0, rule_id
    if "--area " in err:
        key = err.split("--area ", 1)[1].split("'", 1)[0]
        code, out, _ = invoke("rules", "--area", key, "--format", "json")
        assert code == 0
        assert set(suggested) <= {rule["id"] for rule in json.loads(out)}
