"""The sample constitutions, checked whole through icscheck.engine.check_files.

Every compliant sample (sample_constitutions/*.yaml) is format version 2 and
passes every rule, with nothing to confirm; the version 1 samples kept as
compatibility fixtures (sample_constitutions/version-1/) pass every rule that
runs on version 1, the others reported as not run. The README's first command
checks a compliant sample and says so. Each non-compliant sample
(sample_constitutions/non_compliant/), also format version 2 with sources,
breaks exactly the rules its ``# Breaks ...:`` header names, with exactly the
findings recorded in tests/samples_expected.yaml; together they break every
rule. broken-yaml.yaml cannot be read at all.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from icscheck.config import Settings
from icscheck.errors import ExitCode
from icscheck.result import FailOn, FileResult, Report
from tests.conftest import ROOT, RULES, SAMPLES, V1, VERSION_1_SAMPLES, check, isolated_env

NON_COMPLIANT = SAMPLES / "non_compliant"
BROKEN = NON_COMPLIANT / "broken-yaml.yaml"
EXPECTED = ROOT / "tests" / "samples_expected.yaml"
HEADER = re.compile(r"# Breaks (?P<rules>[^:;]+)(?:; leaves (?P<confirm>[^:]+) to confirm)?: \S")
RULE_ID = re.compile(r"\b[A-Z]+-\d{3}\b")

Row = tuple[str, int, int, str]
"""A finding as compared here: rule, line, column, message."""


def compliant_samples() -> list[Path]:
    return sorted(SAMPLES.glob("*.yaml"))


def version_1_samples() -> list[Path]:
    return sorted(VERSION_1_SAMPLES.glob("*.yaml"))


def non_compliant_files() -> list[Path]:
    """Every file in non_compliant/ (hidden files aside), readable or not."""
    return sorted(p for p in NON_COMPLIANT.iterdir() if p.is_file() and not p.name.startswith("."))


def non_compliant_samples() -> list[Path]:
    """The non-compliant samples that can be read, so that they have findings."""
    return [p for p in non_compliant_files() if p != BROKEN]


def relative(path: Path) -> str:
    """How samples_expected.yaml names a file: its path from the repository root."""
    return path.relative_to(ROOT).as_posix()


@cache
def expected() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = YAML(typ="safe").load(EXPECTED.read_text(encoding="utf-8"))
    return data


@cache
def report(path: Path) -> Report:
    return check([str(path)])


def result(path: Path) -> FileResult:
    (only,) = report(path).files
    return only


def rows(path: Path) -> list[Row]:
    """The findings of a readable sample, in report order."""
    checked = result(path)
    assert checked.error is None, f"{path.name} cannot be read: {checked.error}"
    return [(f.rule, f.line, f.column, f.message) for f in checked.findings]


def questions(path: Path) -> list[Row]:
    """The unconfirmed outcomes of a readable sample (rules waiting on a fact marked unknown)."""
    return [
        (u.finding.rule, u.finding.line, u.finding.column, u.finding.message)
        for u in result(path).unconfirmed
    ]


def header(path: Path) -> tuple[set[str], set[str]]:
    """The rule IDs the sample's first line names as broken and as left to confirm:
    ``# Breaks RULE-A and RULE-B: ...`` or ``# Breaks no rule; leaves RULE-C to confirm: ...``."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = HEADER.match(first)
    assert match, f"{path.name} does not begin with '# Breaks RULE-A and RULE-B: <how>'"
    return set(RULE_ID.findall(match["rules"])), set(RULE_ID.findall(match["confirm"] or ""))


def as_rows(entries: list[dict[str, Any]]) -> list[Row]:
    return [(f["rule"], f["line"], f["column"], f["message"]) for f in entries]


def by_name(paths: list[Path]) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("path", paths, ids=[p.name for p in paths])


def test_there_are_samples_of_both_kinds() -> None:
    assert compliant_samples()
    assert non_compliant_samples()
    assert BROKEN.is_file()


@by_name(compliant_samples())
def test_compliant_sample_has_no_findings_and_exits_0(path: Path) -> None:
    checked = result(path)
    assert checked.error is None
    assert checked.format_version == 2
    assert [(f.rule, f.line, f.column, f.message) for f in checked.findings] == []
    assert checked.waived == []
    assert [u.finding.rule for u in checked.unconfirmed] == []
    assert checked.not_run == ()
    assert [r.rule for r in checked.rules] == list(RULES)
    assert report(path).exit_code == ExitCode.OK


def test_every_version_1_sample_has_its_format_2_edition() -> None:
    assert version_1_samples()
    assert {p.name for p in version_1_samples()} <= {p.name for p in compliant_samples()}


@by_name(version_1_samples())
def test_version_1_sample_passes_what_runs_and_names_what_does_not(path: Path) -> None:
    checked = result(path)
    assert checked.error is None
    assert checked.format_version == 1
    assert [(f.rule, f.line, f.column, f.message) for f in checked.findings] == []
    assert checked.waived == []
    assert [u.finding.rule for u in checked.unconfirmed] == []
    assert [r.rule for r in checked.rules] == list(V1)
    assert [n.rule for n in checked.not_run] == [r for r in RULES if r not in V1]
    assert {n.reason for n in checked.not_run} == {
        "needs format version 2: icscheck migrate turns this file into it"
    }
    assert report(path).exit_code == ExitCode.OK


def readme_first_command() -> list[str]:
    """The ``icscheck`` part of the README's first shell command (after the set-up)."""
    block = re.search(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert block, "README.md has no sh block"
    steps = [shlex.split(step) for step in block[1].split("&&")]
    (command,) = [step for step in steps if step[0].endswith("bin/icscheck")]
    return command


def test_the_readmes_first_command_checks_a_compliant_sample_and_exits_0() -> None:
    command = readme_first_command()
    assert command[1:-1] == ["validate"]
    sample = ROOT / command[-1]
    assert sample in compliant_samples()
    script = Path(sys.executable).with_name("icscheck")
    done = subprocess.run(
        [str(script), *command[1:]],
        cwd=ROOT,
        env=isolated_env(NO_COLOR="1", COLUMNS="80", PATH="/usr/bin:/bin"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[0] == result(sample).icb_name
    assert lines[1] == f"  file: {command[-1]}"
    assert lines[-1] == "✓ 0 errors, 0 warnings in 1 file checked: every rule passes"


@by_name(non_compliant_samples())
def test_non_compliant_sample_gives_exactly_the_expected_findings(path: Path) -> None:
    entry = expected()[relative(path)]
    assert rows(path) == as_rows(entry["findings"])
    assert questions(path) == as_rows(entry.get("unconfirmed", []))


@by_name(non_compliant_samples())
def test_non_compliant_sample_is_format_2_with_sources(path: Path) -> None:
    # Only sample_constitutions/version-1/ keeps format 1 (issue 15): a non-compliant
    # sample in format 1 would not run the 28 rules format 2 adds.
    assert result(path).format_version == 2
    assert "source:" in path.read_text(encoding="utf-8")


def test_the_unreadable_sample_is_format_2_too() -> None:
    assert "\nicscheck: 2\n" in BROKEN.read_text(encoding="utf-8")


@by_name(non_compliant_samples())
def test_header_names_exactly_the_rules_the_sample_breaks(path: Path) -> None:
    assert header(path) == (
        {rule for rule, *_ in rows(path)},
        {rule for rule, *_ in questions(path)},
    )


def test_non_compliant_samples_together_break_every_rule() -> None:
    broken = {rule for path in non_compliant_samples() for rule, *_ in rows(path)}
    assert sorted(set(RULES) - broken) == []


def test_a_sample_whose_rules_wait_on_unknown_facts_passes_until_strict() -> None:
    path = NON_COMPLIANT / "questions-to-confirm.yaml"
    assert rows(path) == []
    assert {rule for rule, *_ in questions(path)} == {
        "FMT-001",
        "PLACE-002",
        "COMM-007",
        "BOARD-012",
    }
    assert report(path).exit_code == ExitCode.OK
    strict = check([str(path)], settings=Settings(cache=False, fail_on=FailOn.WARNING))
    assert strict.exit_code == ExitCode.FINDINGS


def test_broken_yaml_is_a_load_error_with_its_position_and_exits_2() -> None:
    first = BROKEN.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Cannot be read: ")
    checked = result(BROKEN)
    assert checked.error is not None
    assert checked.rules == ()
    want = expected()[relative(BROKEN)]["error"]
    assert (checked.error.line, checked.error.column, checked.error.message) == (
        want["line"],
        want["column"],
        want["message"],
    )
    assert report(BROKEN).exit_code == ExitCode.USAGE
    assert int(report(BROKEN).exit_code) == 2


def test_expected_findings_list_every_non_compliant_file_and_nothing_else() -> None:
    assert sorted(expected()) == [relative(p) for p in non_compliant_files()]
    for name, entry in expected().items():
        if name == relative(BROKEN):
            assert set(entry) == {"error"}, f"{name} should record its error only"
        else:
            assert set(entry) in ({"findings"}, {"findings", "unconfirmed"}), name
