"""Committees (with their chairs, members and reporting lines), place partnerships and their
committees, joint committees and the integrated care partnership."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from icscheck.documents.board import BOARD_ROLES, resolve, segments, slug
from icscheck.documents.clauses import Clause, Structure
from icscheck.documents.facts import Found
from icscheck.documents.icb import councils
from icscheck.documents.roles import mentions

_CAP = r"(?!The\b|Each\b|Our\b|Its\b|Both\b)[A-Z][\w'\u2019-]*"
COMMITTEE = re.compile(rf"\b{_CAP}(?:\s+(?:{_CAP}|and|of|for|&)){{0,10}}\s+Committee\b")
PARTNERSHIP = re.compile(rf"\b{_CAP}(?:\s+(?:{_CAP}|and|of|for|&)){{0,10}}\s+Partnership\b")
TYPES = (
    ("joint", r"\bjoint\b"), ("place", r"\bplace\b"), ("audit", r"\baudit"), ("remuneration", r"remuneration"),
    ("quality", r"quality"), ("finance", r"financ"), ("people", r"\bpeople|workforce"),
    ("primary_care", r"primary care"),
)  # fmt: skip
CHAIRED = re.compile(
    r"\bchaired by\s+(?P<who>[^.;]{1,300}?)(?=\s+and\s+reports\b|[.;]|$)", re.IGNORECASE
)
MEMBERS = re.compile(
    r"\b(?:its members are|members of the \w+ committee are|membership (?:is|comprises)|consists of)\s+(?P<who>[^.;]{1,300})",
    re.IGNORECASE,
)
REPORTS = re.compile(r"\b(?:reports?|accountable)\s+to\s+the\s+board\b", re.IGNORECASE)


@dataclass
class Committee:
    id: str
    name: str
    type: str
    clause: Clause
    facts: dict[str, tuple[object, Clause | None, str | None]] = field(default_factory=dict)
    """field -> (value, clause, unknown note)"""


def read_bodies(structure: Structure, found: Found) -> list[Committee]:
    committees: dict[str, Committee] = {}
    for clause in structure.clauses:
        for text in (
            clause.heading if "committee" in clause.heading.lower() and "¶" in clause.label else "",
            clause.body,
        ):
            for match in COMMITTEE.finditer(text):
                name = match.group(0)
                if name.lower() in ("joint committee", "place committee") or name in (
                    c.name for c in committees.values()
                ):
                    continue
                kind = next(
                    (code for code, pattern in TYPES if re.search(pattern, name, re.I)), "other"
                )
                ident = slug(name.removesuffix(" Committee")) or slug(name)
                committees[name] = Committee(ident, name, kind, clause)
    for committee in committees.values():
        _details(committee, structure, found)
    if committees:
        found.add(
            "committees",
            tuple(c.name for c in committees.values()),
            next(iter(committees.values())).clause,
        )
    elif 4 not in structure.sections:
        found.unknown(
            "committees",
            "looked for section 4 (exercise of functions) and a governance handbook: no committee named",
        )
    _places(structure, found, list(committees.values()))
    _partnership(structure, found)
    return list(committees.values())


def _about(committee: Committee, structure: Structure) -> list[tuple[Clause, str]]:
    """Sentences about the committee: naming it, or "It"/"Each" right after, or its terms of reference."""
    said: list[tuple[Clause, str]] = []
    for clause in structure.clauses:
        if committee.name in clause.heading and "¶" in clause.label:
            # Its terms of reference: every row and sentence is about it.
            said.extend((clause, part) for part in (clause.text, *clause.items))
            continue
        names = [m.group(0) for m in COMMITTEE.finditer(clause.body)]
        if committee.name not in names:
            continue
        subject = False
        for sentence in re.split(r"(?<=[.;])\s+", clause.body):
            if committee.name in sentence:
                # About this committee if it is the first named ("... other than the Chair
                # of the Audit Committee" is about the Remuneration Committee).
                first = min((sentence.index(n), n) for n in names if n in sentence)[1]
                subject = first == committee.name or "each" in sentence.lower()
            elif not re.match(r"(?:It|Its|Each|They|Their)\b", sentence):
                subject = False
            if subject or re.match(r"Each\b", sentence):
                said.append((clause, sentence))
    return said


def _details(committee: Committee, structure: Structure, found: Found) -> None:
    for clause, sentence in _about(committee, structure):
        cells = [c.strip() for c in sentence.split(" | ")]
        if len(cells) == 2 and cells[0].lower() in (
            "chair",
            "chaired by",
            "members",
            "membership",
            "reports to",
        ):
            label = cells[0].lower()
            sentence = {"chair": "chaired by ", "chaired by": "chaired by ", "members": "its members are ",
                        "membership": "its members are ", "reports to": "reports to "}[label] + cells[1]  # fmt: skip
        chaired = CHAIRED.search(sentence)
        if chaired and "chair" not in committee.facts:
            committee.facts["chair"] = _who(chaired["who"], found, clause, single=True)
        listed = MEMBERS.search(sentence)
        if listed and "members" not in committee.facts:
            committee.facts["members"] = _who(listed["who"], found, clause, single=False)
        if REPORTS.search(sentence) and "reports_to" not in committee.facts:
            committee.facts["reports_to"] = ("board", clause, None)
    if "reports_to" not in committee.facts:
        general = _said_of_all(committee, structure)
        committee.facts["reports_to"] = (
            ("board", general, None)
            if general is not None
            else (None, None, f"{committee.name}: no clause says whom it reports to")
        )


def _said_of_all(committee: Committee, structure: Structure) -> Clause | None:
    """A clause saying every committee (or every place or joint committee) reports to the board."""
    for clause in structure.clauses:
        for sentence in re.split(r"(?<=[.;])\s+", clause.body):
            every = re.search(
                r"\b(?:each|every|all)\s+(?:of\s+the\s+)?(?P<kind>place\s+|joint\s+)?committees?\b",
                sentence,
                re.I,
            )
            if every and REPORTS.search(sentence):
                kind = (every["kind"] or "").strip().lower()
                if not kind or kind == committee.type:
                    return clause
    return None


def _who(
    words: str, found: Found, clause: Clause, single: bool
) -> tuple[object, Clause | None, str | None]:
    named = [m for m in mentions(words) if m.role in BOARD_ROLES]
    where = f"§{clause.label} ({clause.document})"
    if not found.posts:
        return None, None, f"{where} says {words.strip()!r}; the board's members are unknown"
    seats: list[str] = []
    for mention in named:
        resolved = resolve(mention, found.posts, words[mention.start : mention.end + 80])
        if resolved is None or (single and len(resolved) != 1):
            return None, None, f"{where} says {words.strip()!r}, not which seat"
        seats.extend(r for r in resolved if r not in seats)
    if not seats:
        return None, None, f"{where} says {words.strip()!r}: not a board seat"
    return (seats[0] if single else tuple(seats)), clause, None


def _places(structure: Structure, found: Found, committees: list[Committee]) -> None:
    places: dict[str, tuple[str, Clause]] = {}
    for clause in structure.clauses:
        for sentence in segments(clause):
            for match in PARTNERSHIP.finditer(sentence):
                name = match.group(0)
                if "Integrated Care Partnership" in name or name in places:
                    continue
                places[name] = (slug(name), clause)
                for committee in committees:
                    if committee.type == "place" and committee.name in sentence:
                        committee.facts["place"] = (slug(name), clause, None)
    for name, (ident, clause) in places.items():
        found.add(f"place_partnerships.{ident}", name, clause)
    for committee in committees:
        if committee.type == "joint":
            _joint(committee, structure, found)


def _joint(committee: Committee, structure: Structure, found: Found) -> None:
    about = _about(committee, structure)
    # Sentences of the same clause that say "the joint committee" are about it too.
    more = [
        (c, s)
        for c in {id(c): c for c, _ in about}.values()
        for s in re.split(r"(?<=[.;])\s+", c.body)
    ]
    for clause, sentence in about + more:
        text = sentence
        partners = re.search(
            r"joint committee of (?P<who>[^.;]{1,300}?)(?:,\s*(?:established|made|set up)|\.|;|$)",
            text,
            re.I,
        )
        if partners and "partners" not in committee.facts:
            names = [p.strip() for p in re.split(r",\s*|\s+and\s+", partners["who"]) if p.strip()]
            others = tuple(
                re.sub(r"^the\s+", "", n) for n in names if n.lower() not in ("the icb", "this icb")
            )
            committee.facts["partners"] = (others, clause, None)
            committee.facts["form"] = ("joint_committee", clause, None)
        if re.search(r"committees? in common", text, re.I):
            committee.facts["form"] = ("committees_in_common", clause, None)
        basis = re.search(r"section (65Z[56])", text)
        if basis and "legal_basis" not in committee.facts:
            committee.facts["legal_basis"] = (f"NHS Act 2006 s.{basis.group(1)}", clause, None)
        member = re.search(
            r"ICB's member (?:of|on) the joint committee is (?P<who>[^.;]{1,300})", text, re.I
        )
        if member:
            committee.facts["icb_member"] = _who(member["who"], found, clause, single=True)


def _partnership(structure: Structure, found: Found) -> None:
    for clause in structure.clauses:
        match = re.search(
            r"(?P<name>(?:[A-Z][\w'\u2019-]*\s+(?:(?:and|of)\s+)?){1,10}Integrated Care Partnership)\b",
            clause.body,
        )
        if match is None or not re.search(r"\bestablish|\bform", clause.body, re.I):
            continue
        named = councils(clause.body)
        area = found.get("icb.local_authorities")
        if (
            not named
            and area is not None
            and area.known
            and re.search(r"\bthe (?:\w+ )?local authorities\b", clause.body)
        ):
            named = list(area.value)
        found.add("integrated_care_partnership.name", match["name"], clause)
        if named:
            found.add("integrated_care_partnership.local_authorities", tuple(named), clause)
        return
