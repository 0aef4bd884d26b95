"""Field-level precision and recall of ``icscheck draft`` over the sample corpus.

    .venv/bin/python benchmarks/documents.py

Each sample in each of its four forms (PDF, Word, web pages, text) is drafted and
every fact compared with the answer key, benchmarks/documents_truth.yaml, written by
hand from sample_documents/sources/. A drafted value that differs from the key, or
that the key says the document does not state, is a precision miss: a wrong fact is
worse than an unknown one, and the target is 100%. A fact the key has and the draft
leaves unknown is a recall miss, reported per field. Every miss is listed.
"""

from __future__ import annotations

import contextlib
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from icscheck.documents import read  # noqa: E402
from icscheck.documents.draft import Draft, draft  # noqa: E402
from icscheck.documents.facts import Post  # noqa: E402

FORMS = ("pdf", "docx", "html", "txt")
NOT_MADE = "absent"
ROLES = (
    "chair",
    "chief_executive",
    "director_of_finance",
    "medical_director",
    "director_of_nursing",
    "executive_member",
    "non_executive_member",
    "partner_member",
)
"""The seats the key counts: a drafted count of any other role is a precision miss."""


def _paths(name: str, form: str) -> list[str]:
    if form == "html":
        web = ROOT / "sample_documents" / "web"
        pages = sorted(web.glob(f"{name}.html")) or sorted(web.glob(f"{name}-*.html"))
        return [str(p.relative_to(ROOT)) for p in pages]
    return [f"sample_documents/{name}.{form}"]


def drafted_facts(result: Draft) -> dict[str, Any]:
    """The draft's known facts, keyed as the answer key keys them."""
    facts = {f.field: f.value for f in result.facts if f.known}
    got: dict[str, Any] = {}
    for key in ("icb.name", "board.quorum.minimum", "board.voting.casting_vote",
                "integrated_care_partnership.name"):  # fmt: skip
        if key in facts:
            got[key] = facts[key]
    for key in ("icb.local_authorities", "icb.predecessors", "board.quorum.must_include"):
        if key in facts:
            got[key] = sorted(facts[key])
    posts: tuple[Post, ...] = tuple(facts.get("board.members") or ())
    for role, count in Counter(p.role for p in posts).items():
        got[f"board.seats.{role}"] = count
    mental = facts.get("board.mental_health_member")
    if mental is not None:
        got["board.mental_health_member"] = next(
            (p.role for p in posts if p.id == mental), f"? {mental}"
        )
    for key, value in facts.items():
        if key.startswith("provisions."):
            got[key] = str(value)
    names = {
        key.split(".")[1]: value
        for key, value in facts.items()
        if key.startswith("committees.") and key.endswith(".name")
    }
    for cid, name in names.items():
        got[f"committees.{name}"] = True
        if f"committees.{cid}.reports_to" in facts:
            got[f"committees.{name}.reports_to"] = facts[f"committees.{cid}.reports_to"]
    places = sorted(v for k, v in facts.items() if k.startswith("place_partnerships."))
    if places:
        got["place_partnerships"] = places
    return got


def truth_facts(key: dict[str, Any]) -> dict[str, Any]:
    """The answer key flattened: a value to find, or None for "must not be drafted"."""
    want: dict[str, Any] = {}
    for field, value in key.items():
        if field == "sources":
            continue
        if field == "board.seats":
            for role in ROLES:
                want[f"board.seats.{role}"] = None if value is None else value.get(role)
        elif field == "provisions":
            for name, clause in value.items():
                made = clause not in (None, NOT_MADE)
                clauses = clause if isinstance(clause, list) else [clause]
                want[f"provisions.{name}"] = [str(c) for c in clauses] if made else None
        elif field == "committees":
            for name, reports in value.items():
                want[f"committees.{name}"] = True
                want[f"committees.{name}.reports_to"] = reports
        elif isinstance(value, list):
            want[field] = sorted(value)
        else:
            want[field] = value
    return want


def _matches(want: Any, got: Any) -> bool:
    if isinstance(want, list) and want and all(isinstance(w, str) for w in want):
        return got in want or got == want
    return bool(got == want)


def _family(field: str) -> str:
    parts = field.split(".")
    if parts[0] == "committees":
        return "committees.reports_to" if field.endswith(".reports_to") else "committees"
    if parts[0] in ("provisions",) or field.startswith("board.seats."):
        return ".".join(parts[:2])
    return field


def main() -> int:
    key = YAML(typ="safe").load((ROOT / "benchmarks" / "documents_truth.yaml").read_text())
    drafted_n = correct = 0
    found: Counter[str] = Counter()
    stated: Counter[str] = Counter()
    wrong: list[str] = []
    missed: dict[str, list[str]] = defaultdict(list)
    with contextlib.chdir(ROOT):
        for name, answers in key.items():
            want = truth_facts(answers)
            for form in FORMS:
                paths = [p for source in answers["sources"] for p in _paths(source, form)]
                got = drafted_facts(draft(read(paths), paths))
                where = f"{name}.{form}"
                for field, value in got.items():
                    drafted_n += 1
                    expected = want.get(field)
                    if expected is not None and _matches(expected, value):
                        correct += 1
                    else:
                        wrong.append(
                            f"{where}: {field} = {value!r}, the document says {expected!r}"
                        )
                for field, expected in want.items():
                    if expected is None:
                        continue
                    stated[_family(field)] += 1
                    if field in got and _matches(expected, got[field]):
                        found[_family(field)] += 1
                    else:
                        missed[_family(field)].append(f"{where}: {field}")
    precision = correct / drafted_n if drafted_n else 1.0
    print(f"precision: {correct}/{drafted_n} drafted facts right = {precision:.1%}")
    for line in wrong:
        print(f"  WRONG {line}")
    print("recall by field:")
    for family in sorted(stated):
        print(
            f"  {family:48} {found[family]:3}/{stated[family]:<3} {found[family] / stated[family]:6.1%}"
        )
    total_found, total = sum(found.values()), sum(stated.values())
    print(f"recall overall: {total_found}/{total} = {total_found / total:.1%}")
    print("not found (left unknown):")
    for family in sorted(missed):
        for line in missed[family]:
            print(f"  {line}")
    return 0 if not wrong else 1


if __name__ == "__main__":
    raise SystemExit(main())
