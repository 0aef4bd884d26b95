"""icscheck/diff/: the exact governance changes and rule changes between two versions."""

from __future__ import annotations

import pytest

from icscheck.diff import Change, Diff, Element, Kind, RuleChange, RuleKind, compare
from icscheck.engine import check_bytes, check_file
from icscheck.errors import LoadError
from icscheck.finding import Finding, Severity
from icscheck.result import FileResult, Status
from tests.conftest import ROOT, RULES, SUFFOLK, run_for

AMENDED = ROOT / "tests" / "data" / "diff" / "suffolk-amended.yaml"
RUN = run_for()

COMM_003_TITLE = "The audit committee is chaired by an independent non-executive member."
COMM_003_MESSAGE = (
    "the audit committee is chaired by 'dof', the director of finance; "
    "it must be an independent non-executive member"
)
COMM_003_SOURCE = (
    "Lincolnshire ICB, 'Committees' web page (not its constitution): the audit committee is "
    "chaired by an independent board member with finance and audit expertise"
)


def checked(path: object) -> FileResult:
    return check_file(str(path), RUN)


def from_text(text: str, name: str = "c.yaml") -> FileResult:
    return check_bytes(name, text.encode(), RUN)


def amend(text: str, *edits: tuple[str, str]) -> str:
    """``text`` with each (old, new) replacement made exactly once."""
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def summary(diff: Diff) -> list[tuple[str, str, str, str | None]]:
    return [(c.element, c.kind, c.subject, c.field) for c in diff.changes]


def test_sample_to_amended_lists_every_change_exactly() -> None:
    diff = compare(checked(SUFFOLK), checked(AMENDED), RULES)
    social = (
        "primary_care_providers",
        "local_authority",
        "director_of_public_health",
        "acute_provider",
        "community_provider",
        "mental_health_provider",
        "people_and_communities",
        "voluntary_sector",
    )
    assert diff.changes == (
        Change(
            Element.CONSTITUTION, Kind.CHANGED, "constitution", "the constitution",
            "version 1.4 → 1.5", "version", "1.4", "1.5", "/icb/constitution",
        ),
        Change(
            Element.CONSTITUTION, Kind.CHANGED, "constitution", "the constitution",
            "approved 2024-04-01 → 2025-04-01", "approved", "2024-04-01", "2025-04-01",
            "/icb/constitution",
        ),
        Change(
            Element.MEMBER, Kind.REMOVED, "pm-essex-cc",
            "member Cllr Jonathan Stenning (pm-essex-cc)",
            "partner member, nominated by local authorities, Essex County Council",
            node="/board/members/12",
        ),
        Change(
            Element.MEMBER, Kind.ADDED, "ned-finance", "member Kim Lee (ned-finance)",
            "non-executive member", node="/board/members/4",
        ),
        Change(
            Element.PARTICIPANT, Kind.CHANGED, "vcse-rep", "participant Ruth Stokes (vcse-rep)",
            "role other → integrated care partnership representative",
            "role", "other", "ics_partnership_representative", "/board/participants/2",
        ),
        Change(
            Element.BOARD, Kind.CHANGED, "board", "deputy chair",
            "Tom Ellis (ned-people) → Kim Lee (ned-finance)",
            "deputy_chair", "ned-people", "ned-finance", "/board/deputy_chair",
        ),
        Change(
            Element.QUORUM, Kind.CHANGED, "quorum", "quorum", "minimum 7 → 8",
            "minimum", 7, 8, "/board/quorum/minimum",
        ),
        Change(
            Element.COMMITTEE, Kind.CHANGED, "audit", "committee Audit Committee (audit)",
            "chair Priya Shah (ned-audit) → Helen Park (dof)",
            "chair", "ned-audit", "dof", "/committees/0",
        ),
        Change(
            Element.COMMITTEE, Kind.CHANGED, "audit", "committee Audit Committee (audit)",
            "members added Helen Park (dof); removed Grace Adeyemi (ned-quality)",
            "members", ("ned-audit", "ned-quality"), ("dof", "ned-audit"), "/committees/0",
        ),
        Change(
            Element.COMMITTEE, Kind.CHANGED, "finance",
            "committee Finance and Performance Committee (finance)",
            "chair Priya Shah (ned-audit) → Kim Lee (ned-finance)",
            "chair", "ned-audit", "ned-finance", "/committees/3",
        ),
        Change(
            Element.COMMITTEE, Kind.CHANGED, "finance",
            "committee Finance and Performance Committee (finance)",
            "members added Kim Lee (ned-finance); removed Priya Shah (ned-audit)",
            "members", ("ned-audit", "dof", "ceo"), ("ned-finance", "dof", "ceo"),
            "/committees/3",
        ),
        Change(
            Element.PLACE, Kind.CHANGED, "west-suffolk",
            "place West Suffolk Alliance (west-suffolk)", "population 250,000 → 255,000",
            "population", 250000, 255000, "/place_partnerships/1",
        ),
        Change(
            Element.PLACE, Kind.CHANGED, "west-suffolk",
            "place West Suffolk Alliance (west-suffolk)",
            "participants removed social care provider",
            "participants", (*social, "social_care_provider"), social, "/place_partnerships/1",
        ),
        Change(
            Element.DELEGATION, Kind.CHANGED,
            "Allocate the West Suffolk community services budget",
            "delegation 'Allocate the West Suffolk community services budget'",
            "accountable Finance and Performance Committee (finance) → the board",
            "accountable", "finance", "board", "/decision_map/6",
        ),
        Change(
            Element.DELEGATION, Kind.ADDED, "Approve the workforce strategy",
            "delegation 'Approve the workforce strategy'",
            "delegated, decided by People and Culture Committee (people), "
            "accountable: the board",
            node="/decision_map/8",
        ),
    )  # fmt: skip
    assert diff.rules == (
        RuleChange(
            rule="COMM-003",
            title=COMM_003_TITLE,
            severity=Severity.ERROR,
            kind=RuleKind.NEWLY_FAILING,
            old=Status.PASS,
            new=Status.FAIL,
            old_findings=0,
            new_findings=1,
            added=(
                Finding(
                    str(AMENDED), 106, 5, "COMM-003", Severity.ERROR, COMM_003_MESSAGE,
                    COMM_003_SOURCE, "/committees/0/chair",
                ),
            ),
        ),
    )  # fmt: skip
    assert [r.rule for r in diff.newly_failing] == ["COMM-003"]
    assert diff.newly_passing == ()
    assert diff.new_findings == 1
    assert not diff.empty


def test_the_reverse_amendment_reverses_every_change_and_the_rule_newly_passes() -> None:
    diff = compare(checked(AMENDED), checked(SUFFOLK), RULES)
    assert summary(diff) == [
        ("constitution", "changed", "constitution", "version"),
        ("constitution", "changed", "constitution", "approved"),
        ("member", "removed", "ned-finance", None),
        ("member", "added", "pm-essex-cc", None),
        ("participant", "changed", "vcse-rep", "role"),
        ("board", "changed", "board", "deputy_chair"),
        ("quorum", "changed", "quorum", "minimum"),
        ("committee", "changed", "audit", "chair"),
        ("committee", "changed", "audit", "members"),
        ("committee", "changed", "finance", "chair"),
        ("committee", "changed", "finance", "members"),
        ("place", "changed", "west-suffolk", "population"),
        ("place", "changed", "west-suffolk", "participants"),
        ("delegation", "removed", "Approve the workforce strategy", None),
        ("delegation", "changed", "Allocate the West Suffolk community services budget", "accountable"),
    ]  # fmt: skip
    assert diff.changes[8].detail == (
        "members added Grace Adeyemi (ned-quality); removed Helen Park (dof)"
    )
    (rule,) = diff.rules
    assert (rule.rule, rule.kind, rule.old, rule.new) == (
        "COMM-003", RuleKind.NEWLY_PASSING, Status.FAIL, Status.PASS,
    )  # fmt: skip
    assert rule.added == ()
    assert [(f.path, f.line, f.message) for f in rule.resolved] == [
        (str(AMENDED), 106, COMM_003_MESSAGE)
    ]
    assert diff.new_findings == 0


def test_identical_files_have_no_changes() -> None:
    diff = compare(checked(SUFFOLK), checked(SUFFOLK), RULES)
    assert diff.changes == () and diff.rules == () and diff.empty


def test_moved_lines_reordered_lists_and_comments_are_no_change(suffolk_text: str) -> None:
    moved = amend(
        suffolk_text,
        ("    members: [ned-quality, ned-people, chair]", "    members: [chair, ned-quality, ned-people]"),
        ("icscheck: 1\n", "# a comment that moves every line down\n\nicscheck: 1\n"),
        ("    must_include: [chair_or_deputy, executive_member,", "    must_include: [executive_member, chair_or_deputy,"),
    )  # fmt: skip
    assert compare(from_text(suffolk_text), from_text(moved), RULES).empty


def test_a_member_who_becomes_a_participant_loses_a_vote(suffolk_text: str) -> None:
    member = "    - id: pm-essex-cc\n      name: Cllr Jonathan Stenning\n      role: partner_member\n      nominated_by: local_authorities\n      organisation: Essex County Council\n"  # fmt: skip
    text = amend(suffolk_text, (member, ""))
    text = amend(text, ("  participants:\n", "  participants:\n" + member))
    diff = compare(from_text(suffolk_text), from_text(text), RULES)
    assert diff.changes == (
        Change(
            Element.PARTICIPANT, Kind.CHANGED, "pm-essex-cc",
            "participant Cllr Jonathan Stenning (pm-essex-cc)",
            "voting member → participant without a vote",
            "voting", True, False, "/board/participants/0",
        ),
    )  # fmt: skip


def test_nomination_name_organisation_and_senior_non_executive(suffolk_text: str) -> None:
    text = amend(
        suffolk_text,
        ("      name: Dr Martin Selwood\n      role: partner_member\n      nominated_by: primary_medical_services",
         "      name: Dr Martin Selwood\n      role: partner_member\n      nominated_by: local_authorities"),
        ("      name: Helen Park\n", "      name: Helen Park-Jones\n      organisation: the ICB\n"),
        ("  senior_non_executive: ned-people", "  senior_non_executive: ned-audit"),
        ("    must_include: [chair_or_deputy, executive_member, non_executive_member, partner_member, clinical_member]",
         "    must_include: [chair_or_deputy, executive_member, non_executive_member, partner_member]"),
    )  # fmt: skip
    diff = compare(from_text(suffolk_text), from_text(text), RULES)
    assert [(c.label, c.detail) for c in diff.changes] == [
        ("member Helen Park-Jones (dof)", "name Helen Park → Helen Park-Jones"),
        ("member Helen Park-Jones (dof)", "organisation (not given) → the ICB"),
        ("member Dr Martin Selwood (pm-primary-care)",
         "nominated by primary medical services → local authorities"),
        ("senior non-executive member", "Tom Ellis (ned-people) → Priya Shah (ned-audit)"),
        ("quorum", "must include removed clinical member"),
    ]  # fmt: skip
    # BOARD-004 loses its primary medical services nominee.
    assert [(r.rule, r.kind) for r in diff.rules] == [("BOARD-004", RuleKind.NEWLY_FAILING)]


def test_committees_and_places_added_and_removed(suffolk_text: str) -> None:
    people = "  - id: people\n    name: People and Culture Committee\n    type: people\n    chair: ned-people\n    members: [ned-people, don]\n    reports_to: board\n"  # fmt: skip
    text = amend(
        suffolk_text,
        (people, people.replace("id: people", "id: workforce").replace("People and Culture", "Workforce")),
        ("  - id: north-east-essex\n    name: North East Essex Health and Wellbeing Alliance\n    population: 340000\n",
         "  - id: colchester\n    name: Colchester Alliance\n    population: 200000\n"),
    )  # fmt: skip
    diff = compare(from_text(suffolk_text), from_text(text), RULES)
    assert [(c.kind, c.label, c.detail) for c in diff.changes] == [
        ("removed", "committee People and Culture Committee (people)",
         "people, chaired by Tom Ellis (ned-people), reports to the board"),
        ("added", "committee Workforce Committee (workforce)",
         "people, chaired by Tom Ellis (ned-people), reports to the board"),
        ("removed", "place North East Essex Health and Wellbeing Alliance (north-east-essex)",
         "population 340,000, 8 participants"),
        ("added", "place Colchester Alliance (colchester)", "population 200,000, 8 participants"),
    ]  # fmt: skip
    # The decision map still names north-east-essex: REF-001 and MAP-003 newly fail.
    assert [(r.rule, r.kind) for r in diff.rules] == [
        ("REF-001", RuleKind.NEWLY_FAILING),
        ("MAP-003", RuleKind.NEWLY_FAILING),
    ]


def test_a_function_given_twice_is_matched_occurrence_by_occurrence(suffolk_text: str) -> None:
    entry = "  - function: Approve the annual report and accounts\n    decided_by: audit\n    kind: delegated\n    accountable: board\n"  # fmt: skip
    twice = amend(
        suffolk_text, (entry, entry + entry.replace("decided_by: audit", "decided_by: board"))
    )
    diff = compare(from_text(suffolk_text), from_text(twice), RULES)
    assert [(c.kind, c.subject, c.node) for c in diff.changes] == [
        ("added", "Approve the annual report and accounts", "/decision_map/3"),
    ]
    reworded = amend(
        suffolk_text, ("Approve the annual report and accounts", "Approve the annual accounts")
    )
    assert summary(compare(from_text(suffolk_text), from_text(reworded), RULES)) == [
        ("delegation", "removed", "Approve the annual report and accounts", None),
        ("delegation", "added", "Approve the annual accounts", None),
    ]
    changed = amend(
        suffolk_text,
        (entry, entry.replace("decided_by: audit\n    kind: delegated", "decided_by: board\n    kind: reserved")),
    )  # fmt: skip
    assert [
        c.detail for c in compare(from_text(suffolk_text), from_text(changed), RULES).changes
    ] == [
        "decided by Audit Committee (audit) → the board",
        "kind delegated → reserved",
    ]


def test_a_rule_still_failing_with_other_findings_is_changed(suffolk_text: str) -> None:
    one = amend(suffolk_text, ("  deputy_chair: ned-people\n", ""))
    both = amend(one, ("  senior_non_executive: ned-people\n", "  senior_non_executive: ceo\n"))
    diff = compare(from_text(one, "one.yaml"), from_text(both, "both.yaml"), RULES)
    assert [(r.rule, r.kind, r.old_findings, r.new_findings) for r in diff.rules] == [
        ("BOARD-013", RuleKind.NEWLY_FAILING, 0, 1),
    ]
    worse = amend(both, ("  senior_non_executive: ceo\n", "  senior_non_executive: dof\n"))
    (rule,) = compare(from_text(both), from_text(worse), RULES).rules
    assert (rule.kind, rule.old, rule.new) == (RuleKind.CHANGED, Status.FAIL, Status.FAIL)
    assert [f.message for f in rule.added] == [
        "the senior non-executive member 'dof' is the director of finance, not a non-executive member"
    ]
    assert [f.message for f in rule.resolved] == [
        "the senior non-executive member 'ceo' is the chief executive, not a non-executive member"
    ]


def test_a_file_that_cannot_be_checked_raises_its_error(suffolk_text: str) -> None:
    broken = from_text("icscheck: 1\nboard: [\n", "broken.yaml")
    with pytest.raises(LoadError, match=r"^broken\.yaml:"):
        compare(from_text(suffolk_text), broken, RULES)
    with pytest.raises(LoadError, match=r"^broken\.yaml:"):
        compare(broken, from_text(suffolk_text), RULES)


CONFLICTED = ROOT / "sample_constitutions" / "non_compliant" / "conflicted-committee-chairs.yaml"
ESTATES = "  - {id: estates, name: Estates Committee, type: other, chair: ned-people, reports_to: board}\n"  # fmt: skip


def test_inserting_a_committee_first_moves_no_finding() -> None:
    """Every later committee's index shifts; its findings are still the same findings."""
    text = CONFLICTED.read_text(encoding="utf-8")
    inserted = amend(text, ("committees:\n", "committees:\n" + ESTATES))
    diff = compare(from_text(text), from_text(inserted), RULES)
    assert summary(diff) == [("committee", "added", "estates", None)]
    assert diff.rules == ()
    assert diff.new_findings == 0


def test_findings_quoting_a_shifted_index_or_line_are_the_same(suffolk_text: str) -> None:
    # REF-001 names the field with its index (committees[3].chair), REF-002 the
    # line of the first use: inserting a committee and a member changes both.
    broken = amend(
        suffolk_text,
        ("    chair: ned-audit\n    members: [ned-audit, dof, ceo]", "    chair: nobody\n    members: [ned-audit, dof, ceo]"),
        ("  - id: people\n    name: People and Culture", "  - id: audit\n    name: People and Culture"),
    )  # fmt: skip
    shifted = amend(
        broken,
        ("committees:\n", "committees:\n" + ESTATES),
        ("  members:\n", "  members:\n    - {id: ned-estates, name: Sam Cole, role: non_executive_member}\n"),
    )  # fmt: skip
    old, new = from_text(broken), from_text(shifted)
    assert {f.rule for f in old.findings} >= {"REF-001", "REF-002"}
    ref = {f.rule: f.message for f in new.findings if f.rule.startswith("REF-")}
    assert "committees[4].chair" in ref["REF-001"]
    diff = compare(old, new, RULES)
    assert [r.rule for r in diff.rules] == []
    assert diff.new_findings == 0


def test_the_same_message_about_another_entry_is_a_new_finding(suffolk_text: str) -> None:
    # FMT-001's message names only the position; the entry it is about differs.
    audit = amend(suffolk_text, ("    name: Audit Committee\n", ""))
    finance = amend(suffolk_text, ("    name: Finance and Performance Committee\n", ""))
    (rule,) = compare(from_text(audit), from_text(finance), RULES).rules
    assert (rule.rule, rule.kind) == ("FMT-001", RuleKind.CHANGED)
    assert [(f.node, f.message) for f in rule.added] == [
        ("/committees/3", "missing required field 'name' in committees[3]")
    ]
    assert [(f.node, f.message) for f in rule.resolved] == [
        ("/committees/0", "missing required field 'name' in committees[0]")
    ]


def test_a_finding_given_once_more_is_one_new_finding(suffolk_text: str) -> None:
    # Two committees without an id are both known by position only: counted, not just compared.
    one = amend(suffolk_text, ("  - id: finance\n", "  - \n"))
    two = amend(one, ("  - id: people\n", "  - \n"))
    (rule,) = [
        r for r in compare(from_text(one), from_text(two), RULES).rules if r.rule == "FMT-001"
    ]
    assert (rule.old_findings, rule.new_findings) == (1, 2)
    assert [f.node for f in rule.added] == ["/committees/5"]
    assert rule.resolved == ()


def test_format_2s_facts_are_compared() -> None:
    text = (ROOT / "tests" / "data" / "format2-structure.yaml").read_text(encoding="utf-8")
    amended = amend(
        text,
        ("role: chief_executive, employee: true,", "role: chief_executive, employee: false,"),
        ("icb_member: ceo,", "icb_member: chair,"),
        ("type: place, place: north,", "type: place,"),
    )
    diff = compare(from_text(text), from_text(amended, "new.yaml"), RULES)
    assert [(c.subject, c.field, c.detail) for c in diff.changes] == [
        ("ceo", "employee", "employee yes → no"),
        ("north-pc", "place", "place North Place (north) → (not given)"),
        ("spec", "icb_member", "the ICB's member Cee Eo (ceo) → Ann Chair (chair)"),
    ]
