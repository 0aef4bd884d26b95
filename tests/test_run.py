"""icscheck.run: the run context, resolved once: rules in force, date and cache."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from icscheck.config import ConfigError, Flags, Settings, apply
from icscheck.config_file import resolve
from icscheck.finding import Severity
from icscheck.result import FailOn
from icscheck.run import Run, selected
from tests.conftest import ROOT, RULES

ON = dt.date(2026, 12, 3)


def test_the_default_run_has_every_builtin_rule_in_report_order() -> None:
    run = Run.prepare(Settings(cache=False), ON)
    assert [rule.id for rule in run.rules] == list(RULES)
    assert run.known == frozenset(RULES) and run.cache is None
    assert (run.on, run.fail_on) == (ON, FailOn.ERROR)


def test_selection_and_severity() -> None:
    settings = Settings(
        select=("BOARD", "COMM-001"),
        ignore=("BOARD-013",),
        severity={"BOARD-003": Severity.WARNING},
        cache=False,
    )
    run = Run.prepare(settings, ON)
    ids = [rule.id for rule in run.rules]
    assert "BOARD-013" not in ids and ids[-1] == "COMM-001"
    assert all(i.startswith("BOARD-") for i in ids[:-1])
    assert run.rules[2].severity is Severity.WARNING


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (Settings(select=("BOARD-00",)), "--select: 'BOARD-00' is not a rule ID or rule family"),
        (
            Settings(per_file_ignores=((Path(), "d/*.yaml", ("BORD",)),)),
            "the configuration: 'per-file-ignores' 'd/*.yaml': 'BORD' is not a rule ID",
        ),
        (
            Settings(
                severity={"BOARD-099": Severity.ERROR}, origins={"severity.BOARD-099": "a.toml:3"}
            ),
            "a.toml:3: 'severity': 'BOARD-099' is not a rule ID",
        ),
    ],
)
def test_a_selector_names_a_rule_or_a_whole_family(settings: Settings, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Run.prepare(settings, ON)
    assert str(raised.value).startswith(message)


def test_per_file_ignores_apply_to_the_paths_they_name(tmp_path: Path) -> None:
    settings = Settings(per_file_ignores=((tmp_path, "drafts/*.yaml", ("PRIN",)),), cache=False)
    run = Run.prepare(settings, ON)
    draft = [c.id for c in run.checkers_for(str(tmp_path / "drafts" / "x.yaml"))]
    final = [c.id for c in run.checkers_for(str(tmp_path / "final" / "x.yaml"))]
    assert [i for i in final if i not in draft] == ["PRIN-001", "PRIN-002", "PRIN-003"]


def test_flags_are_laid_over_the_file_and_say_so() -> None:
    settings = apply(Settings(fail_on="never", origins={"fail_on": "x.toml:2"}), Flags(strict=True))
    assert settings.fail_on == "warning" and settings.origins["fail_on"] == "the command line"
    assert apply(settings, Flags(cache=False)).cache is False


def test_resolve_reads_the_house_rules_of_the_example() -> None:
    example = ROOT / "docs" / "examples" / "east-region"
    run = Run.prepare(resolve(example, flags=Flags(cache=False)), ON)
    assert run.rules[-4].id == "X-EAST-001"  # house rules come before the waivers
    assert "X-EAST-001" in run.known


def test_selected_names_a_rule_or_its_family() -> None:
    assert selected("BOARD-003", ["BOARD"]) and selected("X-EAST-001", ["X"])
    assert not selected("BOARD-003", ["BOA"]) and not selected("QUORUM-001", ["BOARD"])
