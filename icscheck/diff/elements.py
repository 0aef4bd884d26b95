"""The governance comparisons: people, the board's settings, quorum, committees, places, decisions.

One ``Spec`` per element type matched by key (icscheck/diff/matching.py), and
the board and quorum, which a file has once, compared setting by setting.
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.diff.matching import Field, Spec
from icscheck.diff.model import Change, Element, Kind
from icscheck.diff.words import NO_ROLE, as_role, as_text, as_words, list_detail, number, who, words
from icscheck.model import BOARD, Committee, Delegation, Model, Person, Place
from icscheck.vocabulary import NHS_ENGLAND


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
    ),
    lambda s, p: f"{_person_element(p)} {who(s, p.id)}",
    _describe_person,
)

COMMITTEES: Spec[Committee] = Spec(
    lambda _: Element.COMMITTEE,
    lambda c: c.id,
    (
        Field("name", as_text),
        Field("type", as_words),
        Field("chair", who),
        Field("reports_to", who),
        Field("members", who, is_list=True, attribute="member_ids"),
        Field("external", as_text, is_list=True),
        Field("place", who),
        Field("partners", as_text, is_list=True),
        Field("legal_basis", as_text),
        Field("icb_member", who, title="the ICB's member"),
    ),
    lambda s, c: f"committee {who(s, c.id)}",
    lambda s, c: (
        f"{words(c.type)}, chaired by {who(s, c.chair)}, reports to {who(s, c.reports_to)}"
    ),
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
)

DECISIONS: Spec[Delegation] = Spec(
    lambda _: Element.DELEGATION,
    lambda d: d.function,
    (
        Field("decided_by", who),
        Field("kind", as_words),
        Field("accountable", who),
        Field("delegated_function", as_words, title=f"delegated by {NHS_ENGLAND}"),
    ),
    lambda _, d: f"delegation '{d.function}'",
    lambda s, d: (
        f"{words(d.kind)}, decided by {who(s, d.decided_by)}, accountable: {who(s, d.accountable)}"
    ),
)


def board(before: Model, after: Model) -> Iterator[Change]:
    """The deputy chair and the senior non-executive member."""
    for name, label in (
        ("deputy_chair", "deputy chair"),
        ("senior_non_executive", "senior non-executive member"),
        ("mental_health_member", "mental health member"),
    ):
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


def _quorum(model: Model) -> tuple[int | None, tuple[str, ...]]:
    quorum = model.board.quorum
    return (None, ()) if quorum is None else (quorum.minimum, quorum.must_include)


def quorum(before: Model, after: Model) -> Iterator[Change]:
    """The quorum's minimum and who it must include (as a set)."""
    (was, a), (now, b) = _quorum(before), _quorum(after)
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
