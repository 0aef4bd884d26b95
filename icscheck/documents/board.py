"""The board: its seats from the composition clause, participants, and named posts.

The composition is a list (bullets, numbered paragraphs or a table of role
and number) or prose; either way each seat is a role named with how many.
If any number cannot be read, the members are unknown as a whole: a board
drafted without some of its seats would fail rules it may well meet.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from icscheck.documents.clauses import SECTIONS, Clause, Structure
from icscheck.documents.facts import Found, Post
from icscheck.documents.roles import MENTAL_HEALTH, Mention, count_of, mentions, sector, uncounted

BOARD_ROLES = frozenset(
    {"chair", "chief_executive", "director_of_finance", "medical_director", "director_of_nursing",
     "executive_member", "non_executive_member", "partner_member"}
)  # fmt: skip
PARTICIPANT_ROLES = {
    "director_of_public_health": ("director_of_public_health", "dph"),
    "healthwatch": ("healthwatch", "healthwatch"),
    "ics_partnership_representative": ("ics_partnership_representative", "icp-chair"),
    "voluntary_sector": ("other", "voluntary-sector"),
    "nhs_england": ("other", "nhs-england"),
}
FIXED_IDS = {
    "chair": "chair",
    "chief_executive": "chief-executive",
    "director_of_finance": "director-of-finance",
    "medical_director": "medical-director",
    "director_of_nursing": "director-of-nursing",
}
SECTOR_IDS = {
    "nhs_trusts_and_foundation_trusts": "pm-trusts",
    "primary_medical_services": "pm-primary-care",
    "local_authorities": "pm-local-authorities",
}
ATTENDS = re.compile(r"\bparticipants?\b|\bobservers?\b|\battend", re.IGNORECASE)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "x"


def segments(clause: Clause) -> Iterator[str]:
    """The clause's list items and rows one by one, or its sentences."""
    if clause.items:
        yield from clause.items
        return
    yield from (s for s in re.split(r"(?<=[.;])\s+(?=[A-Z])", clause.text) if s)


def read_board(structure: Structure, found: Found) -> None:
    section = structure.in_section(2)
    where = "section 2 (" + SECTIONS[2][0] + ")"
    if not section:
        found.unknown("board.members", f"looked for {where}: not found")
        return
    clause = _composition(section)
    if clause is None:
        found.unknown(
            "board.members", f"looked in {where} for a list of the board's members: none found"
        )
        return
    posts = list(_posts(clause, section))
    if posts and posts[-1].role == "":
        found.unknown(
            "board.members",
            f"§{clause.label} does not say how many {posts[-1].title} there are ({clause.document})",
        )
        found.posts = posts[:-1]  # kept to describe, never emitted as the board
        return
    found.posts = posts
    found.add("board.members", tuple(posts), clause)
    _participants(section, clause, found)
    _named_posts(structure, found)


def _composition(section: list[Clause]) -> Clause | None:
    """The clause listing the board's members: the one naming the most board roles."""
    best, score = None, 2
    for clause in section:
        if ATTENDS.search(clause.text):
            continue
        roles = {m.role for s in segments(clause) for m in mentions(s) if m.role in BOARD_ROLES}
        if len(roles) > score:
            best, score = clause, len(roles)
    return best


def _posts(clause: Clause, section: list[Clause]) -> Iterator[Post]:
    """Each seat the clause lists; a last Post with no role marks a number that cannot be read."""
    taken: Counter[str] = Counter()
    specs: list[tuple[Mention, str, int, str | None, str | None, str]] = []
    for segment in segments(clause):
        cells = segment.split(" | ")
        found = [m for m in mentions(cells[0]) if m.role in BOARD_ROLES]
        for index, mention in enumerate(found):
            end = found[index + 1].start if index + 1 < len(found) else len(cells[0])
            words = cells[0][mention.start : end]
            count = mention.count
            if len(cells) > 1:
                count = count_of(cells[1])
            if count is None or uncounted(words):
                yield Post("", "", mention.words, clause)
                return
            nominated, kind = _partner(mention, words, section)
            specs.append((mention, words, count, nominated, kind, segment))
    for mention, words, count, nominated, kind, segment in specs:
        for post in _seats(mention, words, count, nominated, kind, clause, taken):
            yield replace(post, said=segment)


def _partner(mention: Mention, words: str, section: list[Clause]) -> tuple[str | None, str | None]:
    """A partner member's nominating sector and, for mental health, its kind."""
    if mention.role != "partner_member":
        return None, None
    # "two Partner Members ..., one of whom is drawn from mental health": one seat of the two.
    shared = re.search(r"one of whom", words, re.IGNORECASE)
    kind = (
        "mental_health" if MENTAL_HEALTH.search(mention.qualifier or words) and not shared else None
    )
    nominated = sector(words.replace(mention.qualifier, "") if kind else words)
    if nominated is None and mention.qualifier:
        nominated = sector(mention.qualifier)
    if nominated is None:
        # The seat may be described in a clause of its own: "The Partner Member - Mental
        # Health is nominated by the NHS trusts ...".
        title = f"{mention.words}"
        for other in section:
            for sentence in segments(other):
                if (
                    title.lower() in sentence.lower()
                    and mention.qualifier.lower() in sentence.lower()
                ):
                    after = sentence.lower().partition("nominated")[2]
                    if after:
                        nominated = sector(after)
                        break
            if nominated:
                break
    return nominated, kind


def _seats(
    mention: Mention, words: str, count: int, nominated: str | None, kind: str | None,
    clause: Clause, taken: Counter[str],
) -> Iterator[Post]:  # fmt: skip
    role = mention.role
    title = mention.words + (f" ({mention.qualifier})" if mention.qualifier else "")
    one_of_whom = role == "partner_member" and re.search(
        r"one of whom[^;.]{0,300}mental health", words, re.I
    )
    for number in range(count):
        seat_kind = kind or ("mental_health" if one_of_whom and number == count - 1 else None)
        if role in FIXED_IDS:
            base = FIXED_IDS[role]
        elif role == "executive_member":
            base = "executive-" + slug(mention.words)
        elif role == "non_executive_member":
            base = "ned-" + slug(mention.qualifier) if mention.qualifier else "ned"
        elif seat_kind == "mental_health":
            base = "pm-mental-health"
        else:
            base = SECTOR_IDS.get(nominated or "", "pm")
        several = count - (1 if one_of_whom else 0) > 1 or base in ("ned", "pm")
        taken[base] += 1
        ident = f"{base}-{taken[base]}" if several and seat_kind is None else base
        yield Post(
            ident,
            role,
            title,
            clause,
            nominated,
            seat_kind,
            mention.qualifier,
            mention.at_least,
            said=words,
        )


def _participants(section: list[Clause], composition: Clause, found: Found) -> None:
    taken: Counter[str] = Counter()
    for clause in section:
        if clause is composition or not ATTENDS.search(clause.body):
            continue
        for segment in segments(clause):
            for sentence in re.split(r"(?<=;)\s+", segment):
                for mention in mentions(sentence):
                    if mention.role not in PARTICIPANT_ROLES:
                        continue
                    role, base = PARTICIPANT_ROLES[mention.role]
                    taken[base] += 1
                    ident = base if taken[base] == 1 else f"{base}-{taken[base]}"
                    observer = bool(re.search(r"\bobserver", sentence, re.IGNORECASE))
                    found.participants.append(
                        Post(
                            ident,
                            role,
                            mention.words,
                            clause,
                            participant=True,
                            observer=observer,
                            said=sentence,
                        )
                    )
    if found.participants:
        found.add("board.participants", tuple(found.participants), found.participants[0].clause)


def resolve(mention: Mention, posts: list[Post], context: str = "") -> tuple[str, ...] | None:
    """The seats a mention names: one seat, all of them ("both", "the three"), or None
    when it names any one of several ("a Non-Executive Member")."""
    same = [p for p in posts if p.role == mention.role]
    if mention.qualifier:
        same = [p for p in same if p.qualifier.lower() == mention.qualifier.lower()] or [
            p
            for p in same
            if p.sector == "mental_health" and MENTAL_HEALTH.search(mention.qualifier)
        ]
    elif mention.role == "partner_member" and MENTAL_HEALTH.search(context):
        same = [p for p in same if p.sector == "mental_health"]
    elif mention.role == "partner_member" and sector(context):
        same = [p for p in same if p.nominated_by == sector(context)]
    if not same:
        return None
    if len(same) == 1 and mention.article not in ("one of the", "another"):
        return (same[0].id,)
    if mention.article in ("both", "all", "all the") or (
        mention.plural and mention.count == len(same)
    ):
        return tuple(p.id for p in same)
    if mention.plural and mention.article == "the" and mention.count is None:
        return tuple(p.id for p in same)
    return None


def _named_posts(structure: Structure, found: Found) -> None:
    """The mental health member, the deputy chair and the senior non-executive member."""
    clauses = structure.in_section(2, 3)
    composition = found.get("board.members")
    mental = [
        c
        for c in clauses
        if MENTAL_HEALTH.search(c.body)
        and re.search(r"knowledge and experience|designated", c.body, re.I)
    ]
    mental.sort(key=lambda c: composition is not None and c is composition.clause)
    for clause in mental[:1]:
        # The body matched; a clause whose items do not (the words are in its lead-in) is read whole.
        sentence = next((s for s in segments(clause) if MENTAL_HEALTH.search(s)), clause.body)
        board = [m for m in mentions(sentence) if m.role in BOARD_ROLES]
        seats = resolve(board[0], found.posts, sentence) if board else None
        if seats is not None and len(seats) == 1:
            found.add("board.mental_health_member", seats[0], clause)
        else:
            found.unknown(
                "board.mental_health_member",
                f"§{clause.label} does not say which seat ({clause.document})",
            )
    for name, role in (("board.deputy_chair", "deputy"), ("board.senior_non_executive", "senior")):
        _as_post(clauses, found, name, role)


def _as_post(clauses: list[Clause], found: Found, name: str, role: str) -> None:
    for clause in clauses:
        for sentence in segments(clause):
            spoken = list(mentions(sentence))
            for index, mention in enumerate(spoken):
                if mention.role != role:
                    continue
                before = [m for m in spoken[:index] if m.role in BOARD_ROLES]
                if not before or not re.search(r"\bas\s+(?:the\s+)?$", sentence[: mention.start]):
                    continue
                seats = resolve(before[-1], found.posts)
                if seats is not None and len(seats) == 1:
                    found.add(name, seats[0], clause)
                else:
                    found.unknown(
                        name,
                        f"§{clause.label} says {sentence[before[-1].start - len(before[-1].article) - 1 : mention.end].strip()!r}, not which seat ({clause.document})",
                    )
                return
