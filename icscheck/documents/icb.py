"""The ICB itself: its name, its area (the local authorities), and for a merged ICB,
when it was established and which ICBs it replaced."""

from __future__ import annotations

import datetime as _dt
import re

from icscheck.documents.clauses import Clause, Structure
from icscheck.documents.facts import Found

NAME = re.compile(
    r"\bNHS(?:\s+(?!Integrated\b)[A-Z][\w'\u2019&-]*|\s+and|\s+of|\s+upon|\s+on){1,10}\s+Integrated Care Board\b"
)
_WORD = r"(?!Council\b)[A-Z][\w'\u2019-]*"
COUNCIL = re.compile(
    rf"\b(?:(?:London|Royal) Borough of {_WORD}(?:\s+(?:and|upon)\s+{_WORD}){{0,3}}"
    rf"|Council of the Isles of Scilly|City of London Corporation"
    rf"|{_WORD}(?:\s+(?:{_WORD}|and|upon|on)){{0,5}}\s+Council)\b"
)
MONTHS = {m: n for n, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"), 1)}  # fmt: skip
DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)? (" + "|".join(MONTHS) + r") (\d{4})\b", re.IGNORECASE
)
ENDED = re.compile(
    r"\b(?:abolished|dissolved|ceased|ended)\b[^.;]{0,300}?" + DATE.pattern, re.IGNORECASE
)


def date_in(text: str) -> str | None:
    found = DATE.search(text)
    return None if found is None else _iso(found)


def _iso(found: re.Match[str], offset: int = 0) -> str | None:
    day, month, year = found.group(1 + offset), found.group(2 + offset), found.group(3 + offset)
    try:
        return _dt.date(int(year), MONTHS[month.lower()], int(day)).isoformat()
    except ValueError:
        return None


def councils(text: str) -> list[str]:
    names: list[str] = []
    for found in COUNCIL.finditer(text):
        name = re.sub(r"^(?:The|the|And|and)\s+", "", found.group(0))
        if name not in names and name.split()[0] not in ("Council",):
            names.append(name)
    return names


def read_icb(structure: Structure, found: Found) -> None:
    constitution = [c for c in structure.clauses if c.appendix is None]
    named = [
        c
        for c in constitution
        if NAME.search(c.text)
        and re.search(r"\bname\b|constitution (?:of|belongs)|this is", c.text, re.I)
    ]
    if named:
        found.add("icb.name", NAME.search(named[0].text).group(0), named[0])  # type: ignore[union-attr]
    else:
        found.unknown(
            "icb.name",
            "looked in every clause for the ICB's name (NHS ... Integrated Care Board): not found",
        )
    area = [
        c
        for c in constitution
        if re.search(r"\barea|\bcovers\b|\bserves\b", c.text, re.I) and councils(c.body)
    ]
    area.sort(key=lambda c: c.section != 1)
    if area:
        found.add("icb.local_authorities", tuple(councils(area[0].body)), area[0])
    else:
        found.unknown(
            "icb.local_authorities",
            "looked in section 1 for the ICB's area (the local authorities): not found",
        )
    _established(constitution, found)


def _established(clauses: list[Clause], found: Found) -> None:
    for clause in clauses:
        text = clause.body
        established = re.search(r"\bestablished (?:on|with effect from) ", text)
        if established is None or clause.section not in (1, None):
            continue
        when = date_in(text[established.end() :])
        if when is None:
            continue
        found.add("icb.established", when, clause)
        own = found.get("icb.name")
        others = [n.group(0) for n in NAME.finditer(text) if own is None or n.group(0) != own.value]
        if others and re.search(
            r"\b(?:brings together|merg|replac|abolish|succeed|predecessor)", text, re.I
        ):
            found.add("icb.predecessors", tuple(dict.fromkeys(others)), clause)
            ended = ENDED.search(text)
            when_ended = _iso(ended) if ended else None
            if when_ended:
                found.add("icb.predecessors.ended", when_ended, clause)
            else:
                found.unknown(
                    "icb.predecessors.ended",
                    f"§{clause.label} does not say when they ended ({clause.document})",
                )
        return
