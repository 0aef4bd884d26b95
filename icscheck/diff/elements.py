"""The governance comparisons: people, the board's settings, quorum, committees, places, decisions.

One ``Spec`` per element type matched by key (icscheck/diff/matching.py), and
the board and quorum, which a file has once, compared setting by setting.
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.diff.matching import Field, Spec
from icscheck.diff.model import Change, Element, Kind
from icscheck.diff.words import (
    NO_ROLE,
    as_role,
    as_text,
    as_words,
    list_detail,
    number,
    plain,
    who,
    words,
)
from icscheck.model import BOARD, Committee, Delegation, Model, Person, Place, Quorum, Seat
from icscheck.vocabulary import NHS_ENGLAND, NOT_GIVEN


def _person_element(person: Person) -> Element:
    return Element.MEMBER if person.voting else Element.PARTICIPANT


def _describe_person(_: Model, person: Person) -> str:
    parts = [words(person.role or NO_ROLE)]
    if person.nominated_by:
        parts.append(f"nominated by {words(person.nominated_by)}")
    if person.organisation:
        parts.append(person.organisation)
    return ", ".join(parts)


PEOPLE: Spec[Person] = Spec(
    _person_element,
    lambda p: p.id,
    (
        # First: a member who becomes a participant (or back) loses (or gains) a vote.
        Field(
            "voting", lambda _, v: "voting member" if v else "participant without a vote", title=""
        ),
        Field("role", as_role),
        Field("nominated_by", as_words),
        Field("name", as_text),
        Field("organisation", as_text),
        Field("appointed_by", as_words),
        Field("approved_by", as_words),
        Field("employee", lambda _, v: "not given" if v is None else ("yes" if v else "no")),
        Field("acting", lambda _, v: "not given" if v is None else ("yes" if v else "no")),
        Field("term_end", as_text, title="term ends"),
        Field("shared_with", as_text, is_list=True),
        # Codes, read as words; the model's other attributes are compared as they stand.
        Field("sector", as_words),
        Field("expertise", as_words, is_list=True),
    ),
    lambda s, p: f"{_person_element(p)} {who(s, p.id)}",
    _describe_person,
    of=Person,
    keys=frozenset({"id"}),
)


def quorum_text(quorum: Quorum | None) -> str | None:
    """A committee's quorum as one value: ``minimum 3; must include chair, ceo``."""
    if quorum is None:
        return None
    parts = [f"minimum {number(quorum.minimum)}"]
    if quorum.must_include:
        parts.append(f"must include {', '.join(sorted(quorum.must_include))}")
    if quorum.source is not None:
        parts.append(f"source {quorum.source}")
    return "; ".join(parts)


def _seat(seat: Seat) -> str:
    """An outside member as one value, so a change of role or source is seen."""
    text = ", ".join(part for part in (seat.name, seat.role) if part)
    return text if seat.source is None else f"{text} (source: {seat.source})"


def _external(committee: Committee) -> tuple[str, ...]:
    return tuple(_seat(seat) for seat in committee.members if seat.name is not None)


def _describe_committee(structure: Model, committee: Committee) -> str:
    """Its type, chair and reporting line; the place a place committee serves, and a joint
    committee's form and partners (format 2)."""
    c = committee
    text = f"{words(c.type)}, chaired by {who(structure, c.chair)}, reports to "
    text += who(structure, c.reports_to)
    if c.place is not None:
        text += f", serves {who(structure, c.place)}"
    if c.form is not None or c.partners:
        text += (
            f", {words(c.form) if c.form else 'formed'} with {', '.join(c.partners) or NOT_GIVEN}"
        )
    return text


COMMITTEES: Spec[Committee] = Spec(
    lambda _: Element.COMMITTEE,
    lambda c: c.id,
    (
        Field("name", as_text),
        Field("type", as_words),
        Field("chair", who),
        Field("reports_to", who),
        Field("members", who, is_list=True, attribute="member_ids"),
        Field("external", as_text, is_list=True, get=_external),
        Field("place", who),
        Field("partners", as_text, is_list=True),
        Field("legal_basis", as_text),
        Field("icb_member", who, title="the ICB's member"),
        Field("form", as_words),
        Field("quorum", as_text, get=lambda c: quorum_text(c.quorum)),
    ),
    lambda s, c: f"committee {who(s, c.id)}",
    lambda s, c: _describe_committee(s, c),
    of=Committee,
    keys=frozenset({"id", "members"}),
)

PLACES: Spec[Place] = Spec(
    lambda _: Element.PLACE,
    lambda p: p.id,
    (
        Field("name", as_text),
        Field("population", lambda _, v: number(v)),
        Field("participants", as_words, is_list=True),
    ),
    lambda s, p: f"place {who(s, p.id)}",
    lambda _, p: f"population {number(p.population)}, {len(p.participants)} participants",
    of=Place,
    keys=frozenset({"id"}),
)


SOURCE = " (source: "
"""Between a list item's value and its source, in the text a diff compares."""


def _relationships(delegation: Delegation) -> tuple[str, ...]:
    """Each body's part as one value (``advice: finance``), compared as a set: a body's kind
    changed is one removed and one added."""
    out = []
    for part in delegation.relationships:
        text = f"{part.kind or NOT_GIVEN}: {part.body or NOT_GIVEN}"
        out.append(text if part.source is None else f"{text}{SOURCE}{part.source})")
    return tuple(out)


def _relationship(structure: Model, value: str) -> str:
    """``advice: Finance Committee (finance)``: the kind in words and the body as it is known."""
    kind, _, rest = value.partition(": ")
    body, source, tail = rest.partition(SOURCE)
    return f"{words(kind) if kind != NOT_GIVEN else kind}: {who(structure, body)}{source}{tail}"


def _describe_decision(structure: Model, entry: Delegation) -> str:
    d = entry
    text = f"{words(d.kind)}, decided by {who(structure, d.decided_by)}, accountable: "
    text += who(structure, d.accountable)
    if d.delegated_function is not None:
        text += f", {words(d.delegated_function)} delegated by {NHS_ENGLAND}"
    return text


DECISIONS: Spec[Delegation] = Spec(
    lambda _: Element.DELEGATION,
    lambda d: d.function,
    (
        Field("decided_by", who),
        Field("kind", as_words),
        Field("accountable", who),
        Field("delegated_function", as_words, title=f"delegated by {NHS_ENGLAND}"),
        Field("relationships", _relationship, is_list=True, get=_relationships),
    ),
    lambda _, d: f"delegation '{d.function}'",
    lambda s, d: _describe_decision(s, d),
    of=Delegation,
    keys=frozenset({"function"}),
)


BOARD_POSTS = (
    ("deputy_chair", "deputy chair"),
    ("senior_non_executive", "senior non-executive member"),
    ("mental_health_member", "mental health member"),
)
"""The board's named posts, by the ids of their holders."""


def board(before: Model, after: Model) -> Iterator[Change]:
    """The board's named posts, and where its facts come from."""
    for name, label in BOARD_POSTS:
        a, b = getattr(before.board, name), getattr(after.board, name)
        if a != b:
            yield Change(
                Element.BOARD,
                Kind.CHANGED,
                BOARD,
                label,
                f"{who(before, a)} → {who(after, b)}",
                name,
                a,
                b,
                f"/board/{name}",
            )
    was, now = plain(before.board.source), plain(after.board.source)
    if was != now:
        yield Change(
            Element.BOARD, Kind.CHANGED, BOARD, "board",
            f"source {as_text(before, was)} → {as_text(after, now)}",
            "source", was, now, "/board/source",
        )  # fmt: skip


def _quorum(model: Model) -> tuple[int | None, tuple[str, ...], str | None]:
    quorum = model.board.quorum
    if quorum is None:
        return (None, (), None)
    return (quorum.minimum, quorum.must_include, plain(quorum.source))


def quorum(before: Model, after: Model) -> Iterator[Change]:
    """The quorum's minimum, who it must include (as a set) and its source."""
    (was, a, old_source), (now, b, new_source) = _quorum(before), _quorum(after)
    if was != now:
        yield Change(
            Element.QUORUM,
            Kind.CHANGED,
            "quorum",
            "quorum",
            f"minimum {number(was)} → {number(now)}",
            "minimum",
            was,
            now,
            "/board/quorum/minimum",
        )
    if set(a) != set(b):
        yield Change(
            Element.QUORUM,
            Kind.CHANGED,
            "quorum",
            "quorum",
            f"must include {list_detail(a, b)}",
            "must_include",
            a,
            b,
            "/board/quorum/must_include",
        )
    if old_source != new_source:
        yield Change(
            Element.QUORUM, Kind.CHANGED, "quorum", "quorum",
            f"source {as_text(before, old_source)} → {as_text(after, new_source)}",
            "source", old_source, new_source, "/board/quorum/source",
        )  # fmt: skip
