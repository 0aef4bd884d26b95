"""From documents to a format 2 constitution: every fact with its clause, or unknown.

``draft`` reads the sources, finds their structure, reads the facts
(``icb``, ``board``, ``standing``, ``provisions``, ``bodies``) and lays them
out as format 2 data with a ``source`` on every entry and the clause beside
every value. It never invents: a fact not stated readably is
``{unknown: "where the reader looked"}``, and a provision missing from a
section that was read is left out, for its rule to report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from icscheck.annotations import is_marker
from icscheck.documents.blocks import Block, DocumentError
from icscheck.documents.board import read_board
from icscheck.documents.bodies import Committee, read_bodies
from icscheck.documents.clauses import SECTIONS, Structure, structure
from icscheck.documents.emit import date, dump, flow, mapping, put, sequence, unknown, where
from icscheck.documents.facts import Fact, Found, Post, source
from icscheck.documents.icb import read_icb
from icscheck.documents.provisions import read_provisions
from icscheck.documents.standing import read_standing_orders


@dataclass(frozen=True)
class Draft:
    """A drafted constitution: its YAML text, its data, and what was and was not read."""

    text: str
    data: Any
    facts: tuple[Fact, ...]
    committees: tuple[Committee, ...]
    structure: Structure

    def summary(self) -> list[str]:
        """Facts found per section, facts unknown, sections not found: for stderr."""
        counts: Counter[str] = Counter()
        for fact in self.facts:
            if fact.known and fact.clause is not None:
                clause = fact.clause
                if clause.appendix == "standing orders":
                    counts["standing orders"] += 1
                elif clause.section is not None:
                    counts[f"{clause.section} {SECTIONS[clause.section][0]}"] += 1
                else:
                    counts[clause.document] += 1
        lines = [f"facts found: {sum(counts.values())}"]
        lines += [f"  {name}: {count}" for name, count in sorted(counts.items())]
        missing = [f for f in self.facts if not f.known]
        lines.append(f"facts unknown: {len(missing)}")
        lines += [f"  {fact.field}: {fact.unknown}" for fact in missing]
        # Beside the facts read and not found: what drafting never reads, and details of
        # entries it found (a seat's employment, a partnership's participants).
        markers = _markers(self.data)
        lines.append(
            f"{{unknown: ...}} in the draft: {markers} (the facts above, and what is not read)"
        )
        absent = [f"{n} {SECTIONS[n][0]}" for n in SECTIONS if n not in self.structure.sections]
        if self.structure.standing_orders is None:
            absent.append("standing orders")
        lines.append("sections not found: " + (", ".join(absent) if absent else "none"))
        return lines


def _markers(data: Any) -> int:
    """How many ``{unknown: ...}`` markers the drafted data holds."""
    if is_marker(data):
        return 1
    if isinstance(data, dict):
        return sum(_markers(value) for value in data.values())
    if isinstance(data, list):
        return sum(_markers(item) for item in data)
    return 0


def draft(blocks: Sequence[Block], names: Sequence[str]) -> Draft:
    """Draft a format 2 constitution from ``blocks`` (of the documents ``names``)."""
    found_structure = structure(blocks)
    if len(found_structure.sections) < 2 and found_structure.standing_orders is None:
        raise DocumentError(
            names[0],
            "has no recognisable constitution structure: none of the model constitution's "
            "sections (composition of the board, appointments, exercise of functions, ...) "
            "or its standing orders were found",
        )
    found = Found()
    read_icb(found_structure, found)
    read_board(found_structure, found)
    read_standing_orders(found_structure, found)
    read_provisions(found_structure, found)
    committees = read_bodies(found_structure, found)
    data = _data(found, committees)
    header = (
        f"Drafted by icscheck draft from {', '.join(names)}.\n"
        "Each fact cites its document, clause and page; {unknown: ...} marks what the\n"
        "documents do not say readably. Check every fact against its clause."
    )
    facts = tuple(found.facts) + tuple(_committee_facts(committees))
    return Draft(dump(data, header), data, facts, tuple(committees), found_structure)


def _committee_facts(committees: list[Committee]) -> list[Fact]:
    facts = [Fact(f"committees.{c.id}.name", c.name, c.clause) for c in committees]
    for committee in committees:
        for key, (value, clause, note) in committee.facts.items():
            facts.append(Fact(f"committees.{committee.id}.{key}", value, clause, note))
    return facts


def _data(found: Found, committees: list[Committee]) -> Any:
    data = mapping()
    data["icscheck"] = 2
    data["icb"] = _icb(found)
    provisions = mapping()
    for fact in found.facts:
        if fact.field.startswith("provisions."):
            key = fact.field.removeprefix("provisions.")
            provisions[key] = unknown(fact.unknown or "") if not fact.known else _source(fact)
    data["provisions"] = provisions
    data["board"] = _board(found)
    listed = found.get("committees")
    if committees:
        data["committees"] = sequence([_committee(c) for c in committees])
    elif listed is not None and not listed.known:
        data["committees"] = unknown(listed.unknown or "")
    places = [f for f in found.facts if f.field.startswith("place_partnerships.")]
    if places:
        data["place_partnerships"] = sequence([_place(f) for f in places])
    partnership = found.get("integrated_care_partnership.name")
    if partnership is not None:
        entry = mapping()
        put(entry, "name", partnership)
        authorities = found.get("integrated_care_partnership.local_authorities")
        if authorities is not None:
            put(entry, "local_authorities", authorities, flow(authorities.value))
        else:
            entry["local_authorities"] = unknown(
                f"{partnership.clause.where() if partnership.clause else ''}: the authorities are not named"
            )
        entry["source"] = _source(partnership)
        data["integrated_care_partnership"] = entry
    else:
        data["integrated_care_partnership"] = unknown(
            "no clause establishing an integrated care partnership was found"
        )
    for key, note in NOT_READ.items():
        data.setdefault(key, unknown(note))
    return data


NOT_READ = {
    "principles": "icscheck draft does not read the principles the ICB adopts: "
    "see the constitution's section 6 or 7",
    "conflicts_of_interest": "icscheck draft does not read the conflicts of interest "
    "arrangements (policy, registers): see the constitution's section 6",
    "decision_map": "icscheck draft does not read the functions and decision map: "
    "see the scheme of reservation and delegation",
}
"""Facts format 2 records that drafting does not read: unknown, never left out, since
leaving a field out says the constitution does not provide it (docs/format.md)."""


def _source(fact: Fact) -> Any:
    entry = mapping()
    if fact.clause is not None:
        entry.update(source(fact.clause))
    return entry


def _icb(found: Found) -> Any:
    icb = mapping()
    put(icb, "name", found.get("icb.name"))
    area = found.get("icb.local_authorities")
    if area is not None and area.known:
        put(icb, "local_authorities", area, sequence(area.value))
    else:
        put(icb, "local_authorities", area)
    established = found.get("icb.established")
    if established is not None:
        put(icb, "established", established, date(established.value))
    before = found.get("icb.predecessors")
    if before is not None and before.clause is not None:
        ended = found.get("icb.predecessors.ended")
        items = sequence()
        for name in before.value:
            entry = mapping()
            entry["name"] = name
            if ended is not None and ended.known:
                put(entry, "ended", ended, date(ended.value))
            else:
                put(entry, "ended", ended)
            entry["source"] = source(before.clause)
            items.append(entry)
        icb["predecessors"] = items
    icb["constitution"] = mapping()
    icb["constitution"]["published_url"] = unknown(
        "the documents do not give the address where the constitution is published"
    )
    name = found.get("icb.name")
    if name is not None and name.clause is not None:
        icb["source"] = source(name.clause)
    return icb


def _board(found: Found) -> Any:
    board = mapping()
    members = found.get("board.members")
    if members is None or not members.known:
        note = members.unknown if members is not None else "not found"
        read = ", ".join(p.title for p in found.posts)
        board["members"] = unknown(f"{note}; read so far: {read}" if read else str(note))
        return board
    board["members"] = sequence([_seat(p, found) for p in found.posts])
    if found.participants:
        board["participants"] = sequence([_seat(p, found) for p in found.participants])
    for key in ("mental_health_member", "deputy_chair", "senior_non_executive"):
        put(board, key, found.get(f"board.{key}"))
    quorum_facts = [found.get(f"board.quorum.{k}") for k in ("minimum", "must_include")]
    whole = found.get("board.quorum")
    if whole is not None:
        put(board, "quorum", whole)
    elif any(quorum_facts):
        quorum = mapping()
        minimum, include = quorum_facts
        put(quorum, "minimum", minimum)
        if include is not None:
            put(quorum, "must_include", include, flow(include.value))
        clause = (
            next(f.clause for f in quorum_facts if f is not None and f.clause is not None)
            if any(f and f.clause for f in quorum_facts)
            else None
        )
        if clause is not None:
            quorum["source"] = source(clause)
        board["quorum"] = quorum
    # Format 2 has no field for voting: what the standing orders say is kept as a comment.
    said = [
        f"voting, {key.replace('_', ' ')}: {fact.value}; {where(fact.clause)}"
        for key in ("method", "casting_vote")
        for fact in [found.get(f"board.voting.{key}")]
        if fact is not None and fact.known and fact.clause is not None
    ]
    if said and "quorum" in board:
        board.yaml_set_comment_before_after_key("quorum", before="\n".join(said), indent=2)
    return board


def _seat(post: Post, found: Found) -> Any:
    seat = mapping()
    seat["id"] = post.id
    seat.yaml_add_eol_comment(where(post.clause, post.said), "id")
    seat["role"] = post.role
    if post.nominated_by:
        seat["nominated_by"] = post.nominated_by
    elif post.role == "partner_member":
        seat["nominated_by"] = unknown(
            f"§{post.clause.label} does not say which sector nominates the {post.title}"
        )
    if post.sector:
        seat["sector"] = post.sector
    if post.role == "chief_executive":
        # The constitution says the post must be held by an employee (a provision);
        # whether the holder is one is a fact about the appointment it does not record.
        seat["employee"] = unknown(
            f"§{post.clause.label} names the post; whether its holder is an employee of "
            "the ICB is not in the document"
        )
    mental = found.get("board.mental_health_member")
    if mental is not None and mental.known and mental.value == post.id:
        seat["mental_health_expertise"] = True
    seat["source"] = source(post.clause) | {"quote": post.said or post.title}
    return seat


def _committee(committee: Committee) -> Any:
    entry = mapping()
    entry["id"] = committee.id
    entry["name"] = committee.name
    entry.yaml_add_eol_comment(where(committee.clause), "name")
    entry["type"] = committee.type
    for key in (
        "chair",
        "members",
        "reports_to",
        "place",
        "form",
        "partners",
        "legal_basis",
        "icb_member",
    ):
        if key not in committee.facts:
            continue
        value, clause, note = committee.facts[key]
        if note is not None:
            entry[key] = unknown(note)
            continue
        entry[key] = flow(value) if isinstance(value, tuple) else value
        if clause is not None:
            entry.yaml_add_eol_comment(where(clause), key)
    entry["source"] = source(committee.clause)
    return entry


def _place(fact: Fact) -> Any:
    entry = mapping()
    entry["id"] = fact.field.removeprefix("place_partnerships.")
    put(entry, "name", fact)
    # A constitution names its place partnerships; who takes part in each is the
    # partnership's own business, published (if at all) elsewhere.
    entry["participants"] = unknown(
        f"{fact.clause.where() if fact.clause else 'the constitution'} names the partnership, "
        "not who takes part in it"
    )
    if fact.clause is not None:
        entry["source"] = source(fact.clause)
    return entry
