"""``icscheck init``: the starter passes by default, fails --strict until it is complete, and
existing files are safe."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from icscheck import starter
from icscheck.cli import app
from icscheck.loader import load, load_bytes
from icscheck.schemas import LATEST_SCHEMA, load_schema

runner = CliRunner()
SCRIPT = Path(sys.executable).with_name("icscheck")
NAME = "NHS Test: ICB 'A'"
NEXT_STEPS = (
    "Wrote constitution.yaml: a starter constitution that passes icscheck; until every value "
    "marked [TO COMPLETE: ...] is filled in, FMT-003 warns of each, so --strict fails it.\n"
    "Next:\n"
    "  1. Fill in the 66 lines marked [TO COMPLETE: ...]: grep -n 'TO COMPLETE' constitution.yaml\n"
    "  2. For completion and inline errors in your editor: icscheck schema -o constitution.schema.json\n"
    "  3. Check it: icscheck validate constitution.yaml\n"
)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def findings(path: str) -> tuple[int, list[object]]:
    """Exit code and every finding (open or waived) but FMT-003's, of ``validate --strict``;
    FMT-003's placeholders are ``placeholders``'s business."""
    code, out, err = invoke("validate", "--strict", "--format", "json", "--no-cache", path)
    assert err == ""
    (result,) = json.loads(out)["files"]
    found = result["findings"] + result["waived"]
    return code, [f for f in found if f["rule"] != "FMT-003"]


def placeholders(path: str) -> list[tuple[int, str]]:
    """The line and field of each FMT-003 finding."""
    _, out, _ = invoke("validate", "--format", "json", "--no-cache", path)
    (result,) = json.loads(out)["files"]
    return [(f["line"], f["message"].split(":")[0]) for f in result["findings"]]


def test_init_writes_the_starter_which_passes_by_default_and_fails_strictly(
    tmp_path: Path,
) -> None:
    assert invoke("init") == (0, NEXT_STEPS, "")
    text = (tmp_path / "constitution.yaml").read_text(encoding="utf-8")
    assert text == starter.template()
    # Every other rule is met; FMT-003 warns of each value still to complete.
    assert findings("constitution.yaml") == (1, [])
    assert invoke("validate", "--no-cache", "constitution.yaml")[0] == 0
    assert invoke("validate", "--strict", "--no-cache", "constitution.yaml")[0] == 1
    marked = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if (starter.PLACEHOLDER in line.split("#")[0] or "example.org/TO-COMPLETE" in line)
        and not line.lstrip().startswith("#")
    ]
    assert [line for line, _ in placeholders("constitution.yaml")] == marked
    assert len(marked) == 53  # the other 13 of the 66 marks are notes beside real values


def test_the_starter_validates_against_the_schema_alone_as_an_editor_would() -> None:
    """Only the printed schema, no registry: what the YAML language server has.

    icscheck's loader keeps dates as ISO text, as a YAML 1.2 editor reads them.
    """
    invoke("init")
    schema = load_schema(LATEST_SCHEMA)
    check = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    data = load("constitution.yaml").data
    assert [error.message for error in check.iter_errors(data)] == []
    assert data["icb"]["established"] == "2022-07-01"


def test_the_modeline_finds_the_schema_file_the_next_steps_write(tmp_path: Path) -> None:
    folder = tmp_path / "governance"
    folder.mkdir()
    code, out, _ = invoke("init", "governance/constitution.yaml")
    assert code == 0
    assert "  2. For completion and inline errors in your editor: icscheck schema -o " \
        "governance/constitution.schema.json\n" in out  # fmt: skip
    assert invoke("schema", "-o", "governance/constitution.schema.json")[0] == 0
    first = (folder / "constitution.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={starter.SCHEMA_FILE}"
    # The language server resolves a relative path against the YAML file's folder.
    schema_file = folder / first.split("$schema=", 1)[1]
    assert json.loads(schema_file.read_text(encoding="utf-8")) == load_schema(LATEST_SCHEMA)


def test_icb_name_with_a_colon_and_quotes_round_trips_exactly(tmp_path: Path) -> None:
    code, _, err = invoke("init", "--icb", NAME)
    assert (code, err) == (0, "")
    text = (tmp_path / "constitution.yaml").read_text(encoding="utf-8")
    assert load("constitution.yaml").data["icb"]["name"] == NAME
    assert findings("constitution.yaml") == (1, [])
    assert [field for _, field in placeholders("constitution.yaml")][:1] == [
        "icb.local_authorities[0].name"
    ]  # the name is filled in
    # Only the name's line changed; every comment is kept.
    changed = [
        (old, new)
        for old, new in zip(starter.template().splitlines(), text.splitlines(), strict=True)
        if old != new
    ]
    assert changed == [(f"  name: {starter.ICB_NAME}", "  name: \"NHS Test: ICB 'A'\"")]


@pytest.mark.parametrize(
    "name",
    [
        'Double "quotes" and a back\\slash',
        "# not a comment",
        "- not a list item",
        "yes",
        "null",
        "2022-07-01",
        "Ünïcödé Integrated Care Board 😀",
        "two\nlines",
        "tab\there",
        "  padded  ",
        "line\u2028separator and next\u0085line",
        "long " * 100,
        "{flow: [x]} & *alias !tag %directive @at `tick",
    ],
)
def test_any_icb_name_reads_back_exactly(name: str) -> None:
    assert invoke("init", "--icb", name)[0] == 0
    assert load("constitution.yaml").data["icb"]["name"] == name
    assert (
        starter.placeholders(starter.render(name)) == starter.placeholders(starter.template()) - 1
    )


def test_an_empty_icb_name_is_a_usage_error(tmp_path: Path) -> None:
    assert invoke("init", "--icb", " ") == (
        2, "", "icscheck: error: --icb: the ICB's name must not be empty\n"
    )  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_a_name_that_is_not_utf_8_is_a_usage_error(tmp_path: Path) -> None:
    """A byte of argv that is not UTF-8 reaches Python as a lone surrogate (U+DCFF for 0xff)."""
    assert invoke("init", "--icb", "NHS \udcff ICB") == (
        2, "", "icscheck: error: --icb: the ICB's name is not UTF-8 text (byte \\xff); "
        "give the name in UTF-8\n",
    )  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_the_console_script_refuses_a_name_in_another_encoding(tmp_path: Path) -> None:
    made = subprocess.run(
        [str(SCRIPT).encode(), b"init", b"--icb", b"NHS \xff ICB"],
        cwd=tmp_path, capture_output=True, timeout=60, check=False,
        env={**os.environ, "LANG": "C.UTF-8"},
    )  # fmt: skip
    assert (made.returncode, made.stdout) == (2, b"")
    assert made.stderr == (
        b"icscheck: error: --icb: the ICB's name is not UTF-8 text (byte \\xff); "
        b"give the name in UTF-8\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("NHS \x1b[31mRed ICB", "contains a control character (#x001b) written as an escape"),
        ("NHS \u202eBCI", "contains U+202E, a bidirectional control"),
    ],
)
def test_a_name_validate_would_refuse_is_refused(tmp_path: Path, name: str, reason: str) -> None:
    code, out, err = invoke("init", "--icb", name)
    assert (code, out) == (2, "")
    assert err.startswith(
        f"icscheck: error: --icb: the ICB's name cannot go in a constitution ({reason}"
    )
    assert len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_an_empty_path_is_a_usage_error(tmp_path: Path) -> None:
    assert invoke("init", "") == (
        2, "", "icscheck: error: PATH is empty: give the name of the file to write, or - for stdout\n"
    )  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_next_steps_for_a_name_like_an_option_work_as_printed(tmp_path: Path) -> None:
    (tmp_path / "-drafts").mkdir()
    code, out, err = invoke("init", "--", "-drafts/-x y.yaml")
    assert (code, err) == (0, "")
    assert out.splitlines()[2:] == [
        "  1. Fill in the 66 lines marked [TO COMPLETE: ...]:"
        " grep -n 'TO COMPLETE' './-drafts/-x y.yaml'",
        "  2. For completion and inline errors in your editor:"
        " icscheck schema -o ./-drafts/constitution.schema.json",
        "  3. Check it: icscheck validate './-drafts/-x y.yaml'",
    ]
    for line in out.splitlines()[2:]:
        command = re.sub(r"^.*?: (?=grep|icscheck)", "", line)
        words = shlex.split(command)
        argv = [str(SCRIPT), *words[1:]] if words[0] == "icscheck" else words
        result = subprocess.run(
            argv, cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
        )  # fmt: skip
        assert (result.returncode, result.stderr) == (0, ""), command
    assert (tmp_path / "-drafts" / starter.SCHEMA_FILE).is_file()


def test_an_existing_file_is_left_byte_for_byte_unless_forced(tmp_path: Path) -> None:
    existing = tmp_path / "constitution.yaml"
    original = b"icscheck: 1\r\n# mine \xe2\x80\x94 keep\n"
    existing.write_bytes(original)
    assert invoke("init") == (
        2, "", "icscheck: error: constitution.yaml already exists; use --force to overwrite\n"
    )  # fmt: skip
    assert existing.read_bytes() == original
    assert list(tmp_path.iterdir()) == [existing]  # no temporary file left behind

    assert invoke("init", "--force")[0] == 0
    assert existing.read_text(encoding="utf-8") == starter.template()
    assert list(tmp_path.iterdir()) == [existing]


def test_a_symbolic_link_is_not_written_through(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text("theirs\n", encoding="utf-8")
    (tmp_path / "constitution.yaml").symlink_to(target)
    assert invoke("init")[0] == 2
    assert invoke("init", "--force")[0] == 0
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert not (tmp_path / "constitution.yaml").is_symlink()


def test_a_directory_is_never_written_into_or_replaced(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    for args in (["init", "drafts"], ["init", "drafts", "--force"], ["init", "new/"]):
        code, out, err = invoke(*args)
        assert (code, out) == (2, "")
        assert err == (
            f"icscheck: error: {args[1]} names a directory; give the name of the file to write\n"
        )
    assert [p.name for p in tmp_path.iterdir()] == ["drafts"]
    assert list((tmp_path / "drafts").iterdir()) == []


def test_the_readme_example_makes_the_folder_and_the_starter_validates(tmp_path: Path) -> None:
    code, out, err = invoke("init", "--icb", NAME, "governance/constitution.yaml")
    assert (code, err) == (0, "")
    assert out.startswith("Wrote governance/constitution.yaml: ")
    assert (tmp_path / "governance" / "constitution.yaml").read_text() == starter.render(NAME)
    assert invoke("validate", "--no-cache", "governance/constitution.yaml")[0] == 0


def test_a_folder_that_cannot_be_made_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file\n")
    assert invoke("init", "taken/constitution.yaml") == (
        2, "", "icscheck: error: taken: cannot make the folder: a file has that name\n"
    )  # fmt: skip


def test_dash_writes_to_stdout_and_nothing_else(tmp_path: Path) -> None:
    assert invoke("init", "-") == (0, starter.template(), "")
    assert invoke("init", "-", "--icb", NAME)[1] == starter.render(NAME)
    assert list(tmp_path.iterdir()) == []


def test_every_placeholder_uses_the_same_mark() -> None:
    text = starter.template()
    assert text.isascii()
    values = [line for line in text.splitlines() if "TO COMPLETE" in line and "[" in line]
    assert all(starter.PLACEHOLDER + ": " in line for line in values)
    assert starter.placeholders(text) == 66


def test_the_installed_console_script_writes_a_passing_starter(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(SCRIPT), *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "LANG": "C.UTF-8"},
            check=False,
        )

    made = run("init", "--icb", NAME, "board.yaml")
    assert (made.returncode, made.stderr) == (0, "")
    checked = run("validate", "--no-cache", "board.yaml")
    assert (checked.returncode, checked.stderr) == (0, "")
    assert NAME in checked.stdout
    strict = run("validate", "--strict", "--no-cache", "board.yaml")
    assert strict.returncode == 1 and "FMT-003" in strict.stdout
    again = run("init", "board.yaml")
    assert (again.returncode, again.stderr) == (
        2, "icscheck: error: board.yaml already exists; use --force to overwrite\n"
    )  # fmt: skip


OPTIONAL = (
    "ods_code",
    "predecessors",
    "cluster",
    "shared_with",
    "director_of_public_health",
    "page",
    "url",
    "version",
    "date",
    "quote",
    "population",
)
"""The fields the starter shows commented out, at the indentation they take."""


def uncommented(text: str) -> str:
    """``text`` with each optional field's commented block (``<indent># field:`` and the
    ``<indent>#   ...`` lines under it) uncommented, as the starter tells a user to."""
    out: list[str] = []
    block: str | None = None
    for line in text.split("\n"):
        if block is not None and line.startswith(block + "#   "):
            out.append(block + line[len(block) + 2 :])
            continue
        block = None
        match = re.match(r"( +)# ([a-z_]+):", line)
        if match and match[2] in OPTIONAL:
            block = match[1]
            line = block + line[len(block) + 2 :]
        out.append(line)
    return "\n".join(out)


def schema_fields() -> set[str]:
    """Every field name the latest schema gives, at any depth."""
    names: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schema(LATEST_SCHEMA))
    return names


def keys(text: str) -> set[str]:
    """The field names ``text`` gives values for, outside comments."""
    lines = [line.split(" #")[0] for line in text.splitlines() if not line.lstrip().startswith("#")]
    return set(re.findall(r"(?:^|[{,\s])([a-z_]+):(?:\s|$)", "\n".join(lines), re.M))


def test_the_starter_shows_every_field_of_version_2() -> None:
    """Every field of the schema, given a value or commented out where it is optional."""
    text = starter.template()
    assert schema_fields() - keys(uncommented(text)) == set()
    commented = set(re.findall(r"^ +# ([a-z_]+):", text, re.M)) & set(OPTIONAL)
    assert commented == set(OPTIONAL)


def test_the_starter_has_a_place_committee_deciding_and_every_new_construct() -> None:
    data = load_bytes("constitution.yaml", starter.template().encode()).data
    icb, board = data["icb"], data["board"]
    assert [f["function"] for f in icb["delegated_functions"]] == [
        "primary_medical_services",
        "pharmaceutical_services",
        "general_ophthalmic_services",
        "dental_services",
        "specialised_services",
    ]
    assert icb["constitution"]["approved_by"] == "nhs_england"
    assert "source" in icb
    chair, ceo = board["members"][0], board["members"][3]
    assert (chair["role"], ceo["role"]) == ("chair", "chief_executive")
    assert (chair["term_start"], chair["term_end"], chair["acting"]) == (
        "2024-07-01",
        "2027-06-30",
        False,
    )
    assert chair["source"]["document"] == "constitution" and ceo["acting"] is False
    committees = {c["id"]: c for c in data["committees"]}
    assert committees["place-1-committee"]["type"] == "place"
    assert committees["place-1-committee"]["place"] == "place-1"
    joint = committees["specialised-joint"]
    assert (joint["type"], joint["form"], joint["legal_basis"], joint["icb_member"]) == (
        "joint",
        "joint_committee",
        "NHS Act 2006 s.65Z5",
        "director-of-finance",
    )
    assert joint["partners"][0] == "NHS England" and joint["icb_member"] in joint["members"]
    assert committees["audit"]["quorum"] == {"minimum": 2, "must_include": ["ned-audit"]}
    decisions = data["decision_map"]
    places = {p["id"] for p in data["place_partnerships"]}
    # The ICB delegates to its own place committee, never to the partnership.
    assert [d["decided_by"] for d in decisions if d["decided_by"] in places] == []
    assert [d["decided_by"] for d in decisions if "place" in d["decided_by"]] == [
        "place-1-committee"
    ]
    delegated = [
        (d["delegated_function"], d["decided_by"], d["accountable"])
        for d in decisions
        if "delegated_function" in d
    ]
    assert delegated == [
        ("primary_medical_services", "primary-care", "nhs_england"),
        ("pharmaceutical_services", "primary-care", "nhs_england"),
        ("general_ophthalmic_services", "primary-care", "nhs_england"),
        ("dental_services", "primary-care", "nhs_england"),
        ("specialised_services", "specialised-joint", "nhs_england"),
    ]
    assert {r["kind"] for d in decisions for r in d.get("relationships", [])} == {
        "strategy_implementation",
        "assurance",
        "delegation",
        "delivery",
        "accountability",
    }


def test_every_optional_field_uncommented_still_passes_the_schema_and_the_rules(
    tmp_path: Path,
) -> None:
    text = uncommented(starter.template())
    for field in OPTIONAL:
        assert re.search(rf"^ +(- )?{field}:", text, re.M), field
    Path("constitution.yaml").write_text(text, encoding="utf-8")
    check = Draft202012Validator(
        load_schema(LATEST_SCHEMA), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    data = load("constitution.yaml").data
    assert [error.message for error in check.iter_errors(data)] == []
    assert data["icb"]["cluster"]["icbs"] == ["[TO COMPLETE: another ICB in the cluster]"]
    code, found = findings("constitution.yaml")
    # A merged ICB's predecessors end before it begins: the starter's 2022 date is
    # still to change to the merger's, and ICB-001 says so.
    assert code == 1
    assert [(f["rule"], f["message"]) for f in found] == [  # type: ignore[index]
        (
            "ICB-001",
            "[TO COMPLETE: a predecessor ICB's name; one entry each] ended on 2026-03-31, "
            "not before the ICB was established on 2022-07-01",
        )
    ]
