"""icscheck/diff/: what format 2 adds is compared, each change in the exact line a reader sees.

The line is ``label: detail``, as the text and markdown reports print it
(icscheck/reporters/diff.py's ``line``); the other values are what the JSON
report carries.
"""

from __future__ import annotations

from typing import Any

from icscheck.diff import compare
from tests.conftest import RULES, SAMPLES
from tests.diff.test_compare import amend, from_text

MERGED = SAMPLES / "north-west-and-north-central-london.yaml"
CLUSTER = SAMPLES / "lincolnshire.yaml"
JOINT = SAMPLES / "west-yorkshire.yaml"
PLACES = SAMPLES / "bristol-north-somerset-south-gloucestershire.yaml"

Row = tuple[str, str, str | None, Any, Any, str]


def changes(path: object, *edits: tuple[str, str], backwards: bool = False) -> list[Row]:
    """Each governance change from the sample to the sample with ``edits`` made (or, with
    ``backwards``, from the edited sample to the sample)."""
    text = SAMPLES.joinpath(str(path)).read_text(encoding="utf-8")
    old, new = from_text(text), from_text(amend(text, *edits))
    diff = compare(*((new, old) if backwards else (old, new)), RULES)
    return [
        (c.kind.value, f"{c.label}: {c.detail}", c.field, c.old, c.new, c.node)
        for c in diff.changes
    ]


SPECIALISED = """\
    - function: specialised_services
      delegated_by: nhs_england
      from: 2026-04-01
      agreement: Delegation Agreement 2026/27
      source: {document: Governance Handbook, clause: "Delegation Agreement, Schedule 2E (illustrative)", date: 2026-04-01}
"""


def test_a_delegated_function_taken_away_is_removed() -> None:
    assert changes(MERGED, (SPECIALISED, "")) == [
        ("removed",
         "delegated function specialised services: delegated by NHS England, from 2026-04-01",
         None, None, None, "/icb/delegated_functions/4"),
    ]  # fmt: skip


def test_a_delegated_function_given_is_added() -> None:
    assert changes(MERGED, (SPECIALISED, ""), backwards=True) == [
        ("added",
         "delegated function specialised services: delegated by NHS England, from 2026-04-01",
         None, None, None, "/icb/delegated_functions/4"),
    ]  # fmt: skip


def test_a_delegation_date_and_agreement() -> None:
    moved = SPECIALISED.replace("from: 2026-04-01", "from: 2027-04-01").replace(
        "Agreement 2026/27", "Agreement 2027/28"
    )
    assert changes(MERGED, (SPECIALISED, moved)) == [
        ("changed",
         "delegated function specialised services: delegated from 2026-04-01 → 2027-04-01",
         "from", "2026-04-01", "2027-04-01", "/icb/delegated_functions/4"),
        ("changed",
         "delegated function specialised services: agreement Delegation Agreement 2026/27 → "
         "Delegation Agreement 2027/28",
         "agreement", "Delegation Agreement 2026/27", "Delegation Agreement 2027/28",
         "/icb/delegated_functions/4"),
    ]  # fmt: skip


def test_a_committee_form() -> None:
    label = (
        "committee Yorkshire and the Humber Specialised Services Joint Committee "
        "(specialised-joint)"
    )
    assert changes(JOINT, ("form: joint_committee", "form: committees_in_common")) == [
        ("changed", f"{label}: form joint committee → committees in common",
         "form", "joint_committee", "committees_in_common", "/committees/11"),
    ]  # fmt: skip


def test_a_relationship_kind_is_one_removed_and_one_added() -> None:
    entry = (
        "delegation 'Approve the joint forward plan and the allocation of budgets to the five "
        "places'"
    )
    partnership = "engagement: West Yorkshire Health and Care Partnership Board"
    assert changes(
        JOINT,
        (
            "      - {body: transformation, kind: strategy_development}",
            "      - {body: transformation, kind: advice}",
        ),
    ) == [
        ("changed",
         f"{entry}: relationships added advice: Transformation Committee (transformation); "
         "removed strategy development: Transformation Committee (transformation)",
         "relationships", ("strategy_development: transformation", partnership),
         ("advice: transformation", partnership), "/decision_map/1"),
    ]  # fmt: skip


def test_a_relationship_added_names_the_body_as_the_file_knows_it() -> None:
    entry = "delegation 'Approve the board assurance framework and the ICB's risk appetite'"
    assert changes(
        PLACES,
        (
            "      - {body: audit-risk, kind: assurance}\n",
            "      - {body: audit-risk, kind: assurance}\n"
            "      - {body: finance-estates-digital, kind: advice}\n",
        ),
    ) == [
        ("changed",
         f"{entry}: relationships added advice: Finance, Estates and Digital Committee "
         "(finance-estates-digital)",
         "relationships", ("assurance: audit-risk",),
         ("assurance: audit-risk", "advice: finance-estates-digital"), "/decision_map/2"),
    ]  # fmt: skip


NOTTINGHAM = "NHS Nottingham and Nottinghamshire Integrated Care Board"
DERBY = "NHS Derby and Derbyshire Integrated Care Board"


def test_a_cluster_losing_an_icb() -> None:
    assert changes(CLUSTER, (f"      - {NOTTINGHAM}\n", "")) == [
        ("changed", f"the cluster: ICBs removed {NOTTINGHAM}",
         "icbs", (DERBY, NOTTINGHAM), (DERBY,), "/icb/cluster"),
    ]  # fmt: skip


def test_a_cluster_formed_is_added() -> None:
    cluster = (
        "  cluster:\n    name: North Central and West London\n    icbs: [NHS North East London]\n"
    )
    assert changes(MERGED, ("  constitution:\n", f"{cluster}  constitution:\n")) == [
        ("added", "the cluster: North Central and West London, with NHS North East London",
         None, None, None, "/icb/cluster"),
    ]  # fmt: skip


WEST = "predecessor NHS North West London Integrated Care Board"


def test_a_predecessor_end_date() -> None:
    assert changes(
        MERGED, ("ods_code: QRV\n      ended: 2026-03-31", "ods_code: QRV\n      ended: 2026-06-30")
    ) == [
        ("changed", f"{WEST}: ended 2026-03-31 → 2026-06-30",
         "ended", "2026-03-31", "2026-06-30", "/icb/predecessors/0"),
    ]  # fmt: skip


def test_an_end_date_marked_unknown_reads_unknown_not_missing() -> None:
    unknown = "ods_code: QRV\n      ended: {unknown: not in the order}"
    assert changes(MERGED, ("ods_code: QRV\n      ended: 2026-03-31", unknown)) == [
        ("changed", f"{WEST}: ended 2026-03-31 → unknown (not in the order)",
         "ended", "2026-03-31", None, "/icb/predecessors/0"),
    ]  # fmt: skip


def test_a_provision_clause_and_a_provision_taken_away() -> None:
    chair = (
        'chair_appointment: {document: Constitution, clause: "3.3.1 (illustrative)", '
        'version: "1.0"}'
    )
    terms = (
        '  employee_terms: {document: Constitution, clause: "8 (illustrative)", version: "1.0"}\n'
    )
    assert changes(MERGED, (chair, chair.replace("3.3.1", "3.3.2")), (terms, "")) == [
        ("removed", "provision employee terms: made by Constitution v1.0 §8 (illustrative)",
         None, None, None, "/provisions/employee_terms"),
        ("changed",
         "provision chair appointment: clause Constitution v1.0 §3.3.1 (illustrative) → "
         "Constitution v1.0 §3.3.2 (illustrative)",
         "clause", "Constitution v1.0 §3.3.1 (illustrative)",
         "Constitution v1.0 §3.3.2 (illustrative)", "/provisions/chair_appointment"),
    ]  # fmt: skip


def _block(path: object, start: str, end: str) -> str:
    """The sample's lines from ``start`` to the end of the next line that holds ``end``."""
    text = SAMPLES.joinpath(str(path)).read_text(encoding="utf-8")
    begin = text.index(start)
    return text[begin : text.index("\n", text.index(end, begin) + len(end)) + 1]


def test_an_added_joint_committee_says_its_form_and_partners() -> None:
    block = _block(JOINT, "  - id: specialised-joint\n", "\n    source: ")
    assert block.endswith('reference, 1.2 (illustrative)"}\n')
    assert changes(JOINT, (block, ""), backwards=True) == [
        ("added",
         "committee Yorkshire and the Humber Specialised Services Joint Committee "
         "(specialised-joint): joint, chaired by (not given), reports to the board, joint "
         "committee with NHS England, NHS Humber and North Yorkshire Integrated Care Board, "
         "NHS South Yorkshire Integrated Care Board",
         None, None, None, "/committees/11"),
    ]  # fmt: skip


def test_an_added_place_committee_says_the_place_it_serves() -> None:
    block = _block(JOINT, "  - id: wakefield-committee\n", "\n    source: ")
    assert changes(JOINT, (block, ""), backwards=True) == [
        ("added",
         "committee Wakefield District Place Committee (wakefield-committee): place, chaired by "
         "(not given), reports to the board, serves Wakefield District Health and Care "
         "Partnership (wakefield)",
         None, None, None, "/committees/10"),
    ]  # fmt: skip


def test_an_added_decision_says_the_function_nhs_england_delegates() -> None:
    block = _block(JOINT, "  - function: Commission pharmaceutical services\n", "\n    source: ")
    (row,) = changes(JOINT, (block, ""), backwards=True)
    assert row[:2] == (
        "added",
        "delegation 'Commission pharmaceutical services': delegated, decided by Pharmacy, "
        "Optometry and Dental Commissioning Committee (pod), accountable: NHS England (nhs_england), "
        "pharmaceutical services delegated by NHS England",
    )


def test_the_provisions_own_source() -> None:
    text = SAMPLES.joinpath(str(MERGED)).read_text(encoding="utf-8")
    assert "provisions:\n  source:" not in text
    assert changes(MERGED, ("provisions:\n", "provisions:\n  source: Constitution v1.0\n")) == [
        ("changed", "the provisions: source (not given) → Constitution v1.0",
         "source", None, "Constitution v1.0", "/provisions"),
    ]  # fmt: skip
