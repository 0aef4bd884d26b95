"""``icscheck diff OLD NEW`` and ``icscheck diff --since REV FILE``, end to end."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icscheck import __version__
from icscheck.cli import app
from tests.conftest import ROOT, SUFFOLK
from tests.test_startup import imported

runner = CliRunner()
SCRIPT = Path(sys.executable).with_name("icscheck")
OLD = "sample_constitutions/version-1/suffolk-and-north-east-essex.yaml"
NEW = "tests/data/diff/suffolk-amended.yaml"
# Rich takes the width from COLUMNS when the output is not a terminal.
ENV = {"COLUMNS": "80", "NO_COLOR": "1"}
COMM_003 = (
    "the audit committee is chaired by 'dof', the director of finance; "
    "it must be an independent non-executive member"
)


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, so that reports name the files as given."""
    monkeypatch.chdir(ROOT)


def invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["diff", *args], env=ENV, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_text_report_lists_every_change_and_exits_0() -> None:
    code, out, err = invoke(OLD, NEW)
    assert (code, err) == (0, "")
    assert (
        out
        == f"""\
NHS Suffolk and North East Essex Integrated Care Board
  old: {OLD}
  new: {NEW}

ICB
  changed the constitution: version 1.4 → 1.5
  changed the constitution: approved 2024-04-01 → 2025-04-01

Board
  removed member Cllr Jonathan Stenning (pm-essex-cc): partner member, nominated
          by local authorities, Essex County Council
  added   member Kim Lee (ned-finance): non-executive member
  changed participant Ruth Stokes (vcse-rep): role other → integrated care
          partnership representative
  changed deputy chair: Tom Ellis (ned-people) → Kim Lee (ned-finance)

Quorum
  changed quorum: minimum 7 → 8

Committees
  changed committee Audit Committee (audit): chair Priya Shah (ned-audit) →
          Helen Park (dof)
  changed committee Audit Committee (audit): members added Helen Park (dof);
          removed Grace Adeyemi (ned-quality)
  changed committee Finance and Performance Committee (finance): chair Priya
          Shah (ned-audit) → Kim Lee (ned-finance)
  changed committee Finance and Performance Committee (finance): members added
          Kim Lee (ned-finance); removed Priya Shah (ned-audit)

Place partnerships
  changed place West Suffolk Alliance (west-suffolk): population 250,000 →
          255,000
  changed place West Suffolk Alliance (west-suffolk): participants removed
          social care provider

Decision map
  changed delegation 'Allocate the West Suffolk community services budget':
          accountable Finance and Performance Committee (finance) → the board
  added   delegation 'Approve the workforce strategy': delegated, decided by
          People and Culture Committee (people), accountable: the board

Rules
  ✗ newly failing  COMM-003  error  gaps 0 → 1
    The audit committee is chaired by an independent non-executive member.
    new: {NEW}:106:5  the audit committee is
    chaired by 'dof', the director of finance; it must be an independent
    non-executive member

15 changes; 1 rule newly failing, 0 newly passing; errors 0 → 1, warnings 0 → 0
"""
    )


def test_the_reverse_shows_the_rule_newly_passing() -> None:
    code, out, _ = invoke(NEW, OLD)
    assert code == 0
    assert "  ✓ newly passing  COMM-003  error  gaps 1 → 0\n" in out
    assert f"    resolved: {NEW}:106:5  the audit committee is\n" in out
    assert out.endswith(
        "15 changes; 0 rules newly failing, 1 newly passing; errors 1 → 0, warnings 0 → 0\n"
    )


def change(
    section: str, element: str, kind: str, subject: str, label: str, detail: str, node: str,
    field: str | None = None, old: Any = None, new: Any = None,
) -> dict[str, Any]:  # fmt: skip
    return {
        "section": section, "element": element, "kind": kind, "subject": subject,
        "field": field, "old": old, "new": new, "label": label, "detail": detail, "node": node,
    }  # fmt: skip


def test_json_is_exact() -> None:
    code, out, err = invoke("--format", "json", OLD, NEW)
    assert (code, err) == (0, "")
    places = [
        "primary_care_providers", "local_authority", "director_of_public_health",
        "acute_provider", "community_provider", "mental_health_provider",
        "people_and_communities", "voluntary_sector",
    ]  # fmt: skip
    icb = "NHS Suffolk and North East Essex Integrated Care Board"
    audit, finance = "committee Audit Committee (audit)", "committee Finance and Performance Committee (finance)"  # fmt: skip
    west, budget = "place West Suffolk Alliance (west-suffolk)", "Allocate the West Suffolk community services budget"  # fmt: skip
    assert json.loads(out) == {
        "version": 1,
        "tool": {"name": "icscheck", "version": __version__},
        "old": {"path": OLD, "icb": icb, "errors": 0, "warnings": 0},
        "new": {"path": NEW, "icb": icb, "errors": 1, "warnings": 0},
        "summary": {"changes": 15, "newly_failing": 1, "newly_passing": 0, "new_findings": 1},
        "changes": [
            change("ICB", "constitution", "changed", "constitution", "the constitution",
                   "version 1.4 → 1.5", "/icb/constitution", "version", "1.4", "1.5"),
            change("ICB", "constitution", "changed", "constitution", "the constitution",
                   "approved 2024-04-01 → 2025-04-01", "/icb/constitution", "approved",
                   "2024-04-01", "2025-04-01"),
            change("Board", "member", "removed", "pm-essex-cc",
                   "member Cllr Jonathan Stenning (pm-essex-cc)",
                   "partner member, nominated by local authorities, Essex County Council",
                   "/board/members/12"),
            change("Board", "member", "added", "ned-finance", "member Kim Lee (ned-finance)",
                   "non-executive member", "/board/members/4"),
            change("Board", "participant", "changed", "vcse-rep",
                   "participant Ruth Stokes (vcse-rep)",
                   "role other → integrated care partnership representative", "/board/participants/2",
                   "role", "other", "ics_partnership_representative"),
            change("Board", "board", "changed", "board", "deputy chair",
                   "Tom Ellis (ned-people) → Kim Lee (ned-finance)", "/board/deputy_chair",
                   "deputy_chair", "ned-people", "ned-finance"),
            change("Quorum", "quorum", "changed", "quorum", "quorum", "minimum 7 → 8",
                   "/board/quorum/minimum", "minimum", 7, 8),
            change("Committees", "committee", "changed", "audit", audit,
                   "chair Priya Shah (ned-audit) → Helen Park (dof)", "/committees/0",
                   "chair", "ned-audit", "dof"),
            change("Committees", "committee", "changed", "audit", audit,
                   "members added Helen Park (dof); removed Grace Adeyemi (ned-quality)",
                   "/committees/0", "members", ["ned-audit", "ned-quality"],
                   ["dof", "ned-audit"]),
            change("Committees", "committee", "changed", "finance", finance,
                   "chair Priya Shah (ned-audit) → Kim Lee (ned-finance)", "/committees/3",
                   "chair", "ned-audit", "ned-finance"),
            change("Committees", "committee", "changed", "finance", finance,
                   "members added Kim Lee (ned-finance); removed Priya Shah (ned-audit)",
                   "/committees/3", "members", ["ned-audit", "dof", "ceo"],
                   ["ned-finance", "dof", "ceo"]),
            change("Place partnerships", "place", "changed", "west-suffolk", west,
                   "population 250,000 → 255,000", "/place_partnerships/1",
                   "population", 250000, 255000),
            change("Place partnerships", "place", "changed", "west-suffolk", west,
                   "participants removed social care provider", "/place_partnerships/1",
                   "participants", [*places, "social_care_provider"], places),
            change("Decision map", "delegation", "changed", budget, f"delegation '{budget}'",
                   "accountable Finance and Performance Committee (finance) → the board",
                   "/decision_map/6", "accountable", "finance", "board"),
            change("Decision map", "delegation", "added", "Approve the workforce strategy",
                   "delegation 'Approve the workforce strategy'",
                   "delegated, decided by People and Culture Committee (people), "
                   "accountable: the board", "/decision_map/8"),
        ],
        "rules": [
            {
                "rule": "COMM-003",
                "title": "The audit committee is chaired by an independent non-executive member.",
                "severity": "error",
                "kind": "newly_failing",
                "old": {"status": "pass", "findings": 0},
                "new": {"status": "fail", "findings": 1},
                "added": [
                    {
                        "path": NEW, "line": 106, "column": 5, "rule": "COMM-003",
                        "severity": "error", "message": COMM_003,
                        "source": "Lincolnshire ICB, 'Committees' web page (not its constitution): "
                        "the audit committee is chaired by an independent board member with finance "
                        "and audit expertise",
                        "node": "/committees/0/chair",
                        "title": "The audit committee is chaired by an independent non-executive member.",
                        "fix": "Make a non-executive member the audit committee's chair.",
                        "provenance": None,
                    }
                ],
                "resolved": [],
            }
        ],
    }  # fmt: skip


def test_markdown_is_ready_for_a_pull_request_comment(tmp_path: Path) -> None:
    report = tmp_path / "diff.md"
    code, out, err = invoke("-f", "markdown", "-o", str(report), OLD, NEW)
    assert (code, out, err) == (0, "", "")
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[:5] == [
        "## icscheck diff: NHS Suffolk and North East Essex Integrated Care Board",
        "",
        f"`{OLD}` → `{NEW}`",
        "",
        "**15 changes; 1 rule newly failing, 0 newly passing; errors 0 → 1, warnings 0 → 0**",
    ]
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        lines[0], "### ICB", "### Board", "### Quorum", "### Committees", "### Place partnerships",
        "### Decision map", "### Rules",
    ]  # fmt: skip
    for line in (
        "| Change | What | Detail |",
        "| removed | member Cllr Jonathan Stenning (pm-essex-cc) | partner member, nominated by local authorities, Essex County Council |",
        "| added | member Kim Lee (ned-finance) | non-executive member |",
        "| changed | committee Audit Committee (audit) | chair Priya Shah (ned-audit) → Helen Park (dof) |",
        "| changed | quorum | minimum 7 → 8 |",
        "| changed | delegation 'Allocate the West Suffolk community services budget' | accountable Finance and Performance Committee (finance) → the board |",
        "| ❌ | COMM-003 | error | newly failing: The audit committee is chaired by an independent non-executive member. | 0 → 1 |",
        f"- ❌ COMM-003 `{NEW}:106:5`: {COMM_003}",
    ):
        assert line in lines
    reverse = invoke("-f", "markdown", NEW, OLD)[1].splitlines()
    assert "| ✅ | COMM-003 | error | newly passing: The audit committee is chaired by an independent non-executive member. | 1 → 0 |" in reverse  # fmt: skip
    assert f"- ✅ COMM-003 `{NEW}:106:5`: {COMM_003}" in reverse


def test_markdown_escapes_what_a_file_says(tmp_path: Path) -> None:
    text = SUFFOLK.read_text(encoding="utf-8")
    amended = tmp_path / "amended.yaml"
    amended.write_text(text.replace("name: Kim Lee", "").replace(
        "      name: Priya Shah\n", "      name: \"Priya | <b>*Shah*</b>\"\n"
    ), encoding="utf-8")  # fmt: skip
    _, out, _ = invoke("-f", "markdown", str(SUFFOLK), str(amended))
    assert "| changed | member Priya \\| \\<b\\>\\*Shah\\*\\</b\\> (ned-audit) | name Priya Shah → Priya \\| \\<b\\>\\*Shah\\*\\</b\\> |" in out  # fmt: skip


def test_markdown_escapes_hostile_names_and_paths_as_validate_does(tmp_path: Path) -> None:
    hostile = "~~x~~ $y$ &amp; |z|"
    shown = r"\~\~x\~\~ \$y\$ \&amp; \|z\|"
    text = SUFFOLK.read_text(encoding="utf-8")
    text = text.replace(
        "  name: NHS Suffolk and North East Essex Integrated Care Board\n", f"  name: '{hostile}'\n"
    )
    old = tmp_path / "old.yaml"
    old.write_text(text, encoding="utf-8")
    new = tmp_path / "new`1.yaml"  # a backtick cannot end the code span early
    new.write_text(
        text.replace("      name: Priya Shah\n", f"      name: '{hostile}'\n")
        .replace("    chair: ned-audit\n    members: [ned-audit, ned-quality,", "    chair: dof\n    members: [ned-audit, ned-quality,"),
        encoding="utf-8",
    )  # fmt: skip
    code, out, err = invoke("-f", "markdown", str(old), str(new))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == [f"## icscheck diff: {shown}", "", f"`{old}` → ``{new}``"]
    assert f"| changed | member {shown} (ned-audit) | name Priya Shah → {shown} |" in lines
    assert f"- ❌ COMM-003 ``{new}:107:5``: {COMM_003}" in lines


def test_identical_files_have_no_changes() -> None:
    assert invoke(OLD, OLD) == (
        0,
        f"""\
NHS Suffolk and North East Essex Integrated Care Board
  old: {OLD}
  new: {OLD}

No governance changes and no rule changes.
""",
        "",
    )
    assert invoke("-f", "markdown", OLD, OLD) == (
        0,
        f"""\
## icscheck diff: NHS Suffolk and North East Essex Integrated Care Board

`{OLD}` → `{OLD}`

**No governance changes and no rule changes.**
""",
        "",
    )


def test_identical_files_in_json() -> None:
    document = json.loads(invoke("-f", "json", OLD, OLD)[1])
    assert (document["changes"], document["rules"]) == ([], [])
    assert document["summary"] == {
        "changes": 0, "newly_failing": 0, "newly_passing": 0, "new_findings": 0,
    }  # fmt: skip


def test_fail_on_new_exits_1_only_when_new_brings_a_finding() -> None:
    assert invoke("--fail-on-new", "-f", "json", OLD, NEW)[0] == 1
    assert invoke("--fail-on-new", "-f", "json", NEW, OLD)[0] == 0
    assert invoke("--fail-on-new", "-f", "json", OLD, OLD)[0] == 0


def test_fail_on_new_ignores_findings_an_inserted_committee_only_shifts(tmp_path: Path) -> None:
    old = "sample_constitutions/non_compliant/conflicted-committee-chairs.yaml"
    text = (ROOT / old).read_text(encoding="utf-8")
    estates = "  - {id: estates, name: Estates Committee, type: other, chair: ned-people, reports_to: board}\n"  # fmt: skip
    new = tmp_path / "new.yaml"
    new.write_text(text.replace("committees:\n", "committees:\n" + estates, 1), encoding="utf-8")
    code, out, err = invoke("--fail-on-new", old, str(new))
    assert (code, err) == (0, "")
    assert "Rules" not in out.splitlines()
    assert out.endswith(
        "1 change; 0 rules newly failing, 0 newly passing; errors 2 → 2, warnings 3 → 3\n"
    )
    document = json.loads(invoke("-f", "json", "--fail-on-new", old, str(new))[1])
    assert (document["rules"], document["summary"]["new_findings"]) == ([], 0)


def test_json_output_never_imports_rich() -> None:
    assert "rich" not in imported("diff", "--format", "json", OLD, NEW)


def test_standard_input_for_one_side() -> None:
    code, out, _ = invoke("-f", "json", "-", NEW, stdin=SUFFOLK.read_bytes())
    assert code == 0
    assert json.loads(out)["old"]["path"] == "<stdin>"
    assert json.loads(out)["summary"]["changes"] == 15


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([OLD], "diff compares two files: icscheck diff OLD NEW"),
        ([OLD, NEW, NEW], "diff compares two files: icscheck diff OLD NEW"),
        (["-", "-"], "only one of OLD and NEW can be standard input (-)"),
        (["missing.yaml", NEW], "missing.yaml: no such file"),
        (["--since", "HEAD", OLD, NEW], "with --since, give one file: icscheck diff --since REV FILE"),
        (["sample_constitutions", NEW], "sample_constitutions: is a directory; diff compares two files"),
        ([OLD, "tests/data"], "tests/data: is a directory; diff compares two files"),
        (["--since", "HEAD", "sample_constitutions"], "sample_constitutions: is a directory; diff compares two files"),
    ],
)  # fmt: skip
def test_usage_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    code, out, err = invoke(*args)
    assert (code, out, err) == (2, "", f"icscheck: error: {message}\n")


def test_an_unparsable_file_is_one_positioned_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("icscheck: 1\nboard: [\n", encoding="utf-8")
    code, out, err = invoke(OLD, str(broken))
    assert (code, out) == (2, "")
    assert err.startswith(f"icscheck: error: {broken}:3:1: invalid YAML")
    assert err.count("\n") == 1


# --- --since: a temporary git repository --------------------------------------------------


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        # Neither the user's nor the system's git configuration (signing, hooks) applies.
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    }  # fmt: skip
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the Suffolk sample committed as board/constitution.yaml, then amended."""
    root = tmp_path / "repo"
    (root / "board").mkdir(parents=True)
    git(root, "init", "--quiet")
    shutil.copy(SUFFOLK, root / "board" / "constitution.yaml")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "constitution v1.4")
    shutil.copy(ROOT / NEW, root / "board" / "constitution.yaml")
    return root


def test_since_compares_the_committed_version_with_the_working_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    path = repo / "board" / "constitution.yaml"
    code, out, err = invoke("--since", "HEAD", "-f", "json", str(path))
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["old"]["path"] == "HEAD:board/constitution.yaml"
    assert document["new"]["path"] == str(path)
    with_files = json.loads(invoke("-f", "json", str(ROOT / OLD), str(ROOT / NEW))[1])
    assert document["changes"] == with_files["changes"]
    assert document["summary"] == with_files["summary"]


def test_since_names_the_path_from_the_repository_root_wherever_it_runs(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "board")
    code, out, _ = invoke("--since", "HEAD", "constitution.yaml")
    assert code == 0
    assert out.splitlines()[1:3] == ["  old: HEAD:board/constitution.yaml", "  new: constitution.yaml"]  # fmt: skip


def test_since_errors(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    path = str(repo / "board" / "constitution.yaml")
    assert invoke("--since", "v9", path) == (
        2, "", f"icscheck: error: {path}: unknown git revision 'v9'\n",
    )  # fmt: skip
    # A revision is never passed to git as an option.
    assert invoke("--since", "--output=x", path) == (
        2, "", f"icscheck: error: {path}: '--output=x' is not a git revision\n",
    )  # fmt: skip
    untracked = repo / "board" / "draft.yaml"
    shutil.copy(SUFFOLK, untracked)
    assert invoke("--since", "HEAD", str(untracked)) == (
        2, "", f"icscheck: error: {untracked}: not in git revision HEAD (as board/draft.yaml)\n",
    )  # fmt: skip
    missing = repo / "board" / "missing.yaml"
    assert invoke("--since", "HEAD", str(missing)) == (
        2, "", f"icscheck: error: {missing}: no such file\n",
    )  # fmt: skip
    outside = tmp_path / "outside" / "constitution.yaml"
    outside.parent.mkdir()
    shutil.copy(SUFFOLK, outside)
    assert invoke("--since", "HEAD", str(outside)) == (
        2, "",
        f"icscheck: error: {outside}: not in the git repository of the working directory "
        f"({os.path.realpath(repo)})\n",
    )  # fmt: skip
    # Stop git looking above tmp_path, in case the temporary directory is in a repository.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(outside.parent)
    assert invoke("--since", "HEAD", str(outside)) == (
        2, "", f"icscheck: error: {outside}: not in a git repository (needed for --since)\n",
    )  # fmt: skip


def test_a_bare_repository_committed_beside_the_constitution_is_never_used(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fake base (HEAD, config, objects/, refs/) committed in the constitution's folder,
    whose history holds the amended file itself: read, it would say "no changes"."""
    source = tmp_path / "fake-source"
    source.mkdir()
    git(source, "init", "--quiet", "--initial-branch=main")
    shutil.copy(repo / "board" / "constitution.yaml", source / "constitution.yaml")
    git(source, "add", ".")
    git(source, "commit", "--quiet", "-m", "the amendment, as a fake base")
    git(tmp_path, "clone", "--quiet", "--bare", str(source), str(tmp_path / "fake.git"))
    for entry in ("HEAD", "config", "objects", "refs"):
        shutil.move(tmp_path / "fake.git" / entry, repo / "board" / entry)
    git(repo, "add", "board")
    git(repo, "commit", "--quiet", "-m", "plant a bare repository")
    monkeypatch.chdir(repo)
    code, out, err = invoke("--since", "HEAD~1", "--fail-on-new", "-f", "json", str(repo / "board" / "constitution.yaml"))  # fmt: skip
    assert (code, err) == (1, "")  # the real base: the amendment brings in a finding
    document = json.loads(out)
    assert document["old"]["path"] == "HEAD~1:board/constitution.yaml"
    assert document["summary"]["new_findings"] == 1
    monkeypatch.chdir(repo / "board")  # inside the fake: refused, not read
    assert invoke("--since", "HEAD", "constitution.yaml") == (
        2, "",
        f"icscheck: error: {repo / 'board'}: holds a bare git repository (HEAD, config, "
        "objects/, refs/), which icscheck never uses: run it from the repository's own "
        "folder\n",
    )  # fmt: skip


def test_the_console_script_posts_markdown_for_a_pull_request(repo: Path) -> None:
    result = subprocess.run(
        [str(SCRIPT), "diff", "--since", "HEAD", "--format", "markdown", "--fail-on-new",
         "constitution.yaml"],
        cwd=repo / "board", capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (1, "")
    lines = result.stdout.splitlines()
    assert lines[2] == "`HEAD:board/constitution.yaml` → `constitution.yaml`"
    assert f"- ❌ COMM-003 `constitution.yaml:106:5`: {COMM_003}" in lines


OTHERS = sorted(
    p.relative_to(ROOT).as_posix()
    for p in (ROOT / "sample_constitutions").rglob("*.yaml")
    if p.name != "broken-yaml.yaml" and p != SUFFOLK
)


@pytest.mark.parametrize("other", OTHERS)
def test_every_sample_against_suffolk_in_every_format(other: str) -> None:
    """Unlike constitutions (other ICBs, broken drafts) compare without a crash, and agree."""
    code, out, err = invoke("-f", "json", OLD, other)
    assert (code, err) == (0, "")
    document = json.loads(out)
    changes = document["changes"]
    assert document["summary"]["changes"] == len(changes) > 0
    assert {c["kind"] for c in changes} <= {"added", "removed", "changed"}
    code, markdown, err = invoke("-f", "markdown", OLD, other)
    assert (code, err) == (0, "")
    rows = [line for line in markdown.splitlines() if line.startswith(("| added ", "| removed ", "| changed "))]  # fmt: skip
    assert len(rows) == len(changes)
    code, text, err = invoke(OLD, other)
    assert (code, err) == (0, "")
    assert f"\n{len(changes)} change" in text


def test_a_broken_sample_cannot_be_compared() -> None:
    code, out, err = invoke(OLD, "sample_constitutions/non_compliant/broken-yaml.yaml")
    assert (code, out) == (2, "")
    assert err.startswith("icscheck: error: sample_constitutions/non_compliant/broken-yaml.yaml:")
