"""Board roles as constitutions word them, and how many of each a phrase says there are.

ICBs keep the model's roles but not always its words: the director of
finance is often the "Chief Finance Officer", the medical director the
"Chief Medical Officer", a non-executive member an "Independent Non-Executive
Member". ``mentions`` finds each role named in a text with the words before
it that say how many; a number the words do not give ("Partner Members ...
in a number the Board agrees") is None, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
NUMBER = r"(?:\d{1,2}|" + "|".join(NUMBERS) + r")"

# Order matters: the first pattern that matches at a place names the role there.
ROLE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("deputy", r"deputy chair(?:man|person)?|vice[- ]chair(?:man|person)?|deputy chief executive"),
    ("senior", r"senior (?:independent|non[- ]executive) (?:members?|directors?)"),
    ("director_of_public_health", r"directors? of public health"),
    (
        "non_executive_member",
        r"(?:independent )?non[- ]executive (?:members?|directors?)|independent members?",
    ),
    ("partner_member", r"partner members?"),
    ("chief_executive", r"chief executive(?: officer)?"),
    (
        "director_of_finance",
        r"(?:executive )?directors? of finance|finance directors?|chief financ(?:e|ial) officers?",
    ),
    ("medical_director", r"(?:executive )?medical directors?|chief medical officers?"),
    (
        "director_of_nursing",
        r"(?:executive )?directors? of nursing|chief nursing officers?|chief nurses?|nursing directors?",
    ),
    ("chair", r"chair(?:man|person)?(?! of the (?!icb|board))(?!s? of)"),
    (
        "healthwatch",
        r"(?:a |the )?representatives? of healthwatch[\w ]{0,60}|healthwatch[\w ]{0,60}representatives?",
    ),
    ("ics_partnership_representative", r"chair of the [\w ]{0,60}integrated care partnership"),
    (
        "executive_member",
        r"chief (?:delivery|operating|people|strategy|digital|transformation) officers?|directors? of (?:strategy|operations|people|delivery|performance|transformation)",
    ),
    ("voluntary_sector", r"representatives? of the voluntary[\w ,]{0,80}sector"),
    ("nhs_england", r"representatives? of nhs england"),
)
ROLE = re.compile(
    "|".join(f"(?P<{name}>\\b(?:{pattern})\\b)" for name, pattern in ROLE_PATTERNS), re.IGNORECASE
)
COUNT_BEFORE = re.compile(
    rf"(?:\b(?P<least>at least|a minimum of|not less than|no fewer than)\s+)?\b(?P<count>{NUMBER})\s+(?:\w+\s+){{0,2}}$",
    re.IGNORECASE,
)
UNCOUNTED = re.compile(
    r"\bin a number\b|\bsuch (?:other )?number\b|\ba number of\b|\bup to\b|\bno more than\b|\bas (?:the board|nhs england) (?:agrees|decides|determines)",
    re.IGNORECASE,
)
QUALIFIER = re.compile(
    r"^\s*(?:\(([^)]{2,40})\)|[\u2013\u2014-]\s*([A-Z][\w ]{2,40}?)(?=\s*(?:[|;,.]|$)))"
)
SECTORS = (
    ("nhs_trusts_and_foundation_trusts", re.compile(r"\btrusts?\b", re.IGNORECASE)),
    (
        "primary_medical_services",
        re.compile(r"primary medical|general practi|primary care", re.IGNORECASE),
    ),
    ("local_authorities", re.compile(r"local authorit|councils?\b", re.IGNORECASE)),
)
MENTAL_HEALTH = re.compile(r"mental (?:health|illness)", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A role named in a text: where, with the number the words before it give."""

    role: str
    start: int
    end: int
    words: str
    """The role's words as written ("Chief Finance Officer")."""
    count: int | None
    """How many: None when the words do not say (a plural with no number, "in a number...")."""
    at_least: bool = False
    plural: bool = False
    qualifier: str = ""
    """What tells one post from the others: "Audit and Risk" in "Non-Executive Member (Audit and Risk)"."""
    article: str = ""
    """"the", "a", "one of the" and the like before it: whether it names one post or any."""


def mentions(text: str) -> Iterator[Mention]:
    """Each role named in ``text``, in order."""
    for found in ROLE.finditer(text):
        role = found.lastgroup or ""
        words = found.group(0)
        before = text[max(0, found.start() - 40) : found.start()]
        counted = COUNT_BEFORE.search(before)
        plural = bool(re.search(r"(?:s|men|persons)$", words.split()[-1], re.IGNORECASE))
        count: int | None
        if counted and not re.search(r"\bof\s+(?:the\s+)?$", before, re.IGNORECASE):
            count = (
                int(counted["count"])
                if counted["count"].isdigit()
                else NUMBERS[counted["count"].lower()]
            )
        else:
            count = None if plural else 1
        qualifier = QUALIFIER.match(text[found.end() :])
        article = re.search(
            r"(?:\b(one of|any of|both|all|each of|either of)\s+)?\b(the|a|an|our|its|another)?\s*$",
            before,
            re.IGNORECASE,
        )
        yield Mention(
            role,
            found.start(),
            found.end(),
            words,
            count,
            bool(counted and counted["least"]),
            plural,
            (qualifier.group(1) or qualifier.group(2) or "").strip() if qualifier else "",
            " ".join(part for part in (article.group(1), article.group(2)) if part).lower()
            if article
            else "",
        )


def sector(text: str) -> str | None:
    """The nominating sector a partner member's words name, where they name one."""
    found = [code for code, pattern in SECTORS if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def count_of(text: str) -> int | None:
    """A number written alone (a table's Number column): "3", "three"."""
    words = text.strip().lower()
    if words.isdigit():
        return int(words)
    return NUMBERS.get(words) if words not in ("a", "an") else None


def uncounted(text: str) -> bool:
    """The words say the number is left open: "in a number the Board agrees", "up to"."""
    return bool(UNCOUNTED.search(text))
