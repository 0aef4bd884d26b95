"""Quorum and voting, from the standing orders (or wherever the constitution says them)."""

from __future__ import annotations

import re

from icscheck.documents.clauses import Clause, Structure
from icscheck.documents.facts import Found
from icscheck.documents.roles import NUMBER, NUMBERS

MINIMUM = re.compile(
    rf"\b(?:at least |a minimum of )?(?P<count>{NUMBER}) (?:voting )?members\b", re.IGNORECASE
)
SHARE = re.compile(
    r"\b(?:half|a third|one third|two thirds|a majority|three quarters|\d+ ?%|per cent)\b",
    re.IGNORECASE,
)
MUST_INCLUDE = (
    ("chair_or_deputy", re.compile(r"\bchair\b[^;,.]{0,100}\b(?:deputy|vice)", re.IGNORECASE)),
    (
        "executive_member",
        re.compile(r"(?<!non-)(?<!non )\bexecutive (?:member|director)", re.IGNORECASE),
    ),
    ("non_executive_member", re.compile(r"non[- ]executive (?:member|director)", re.IGNORECASE)),
    ("partner_member", re.compile(r"partner member", re.IGNORECASE)),
    ("clinical_member", re.compile(r"clinical|clinician", re.IGNORECASE)),
)


def read_standing_orders(structure: Structure, found: Found) -> None:
    orders = structure.in_standing_orders()
    where = (
        "the standing orders"
        if structure.standing_orders is not None
        else "the constitution (no standing orders found)"
    )
    pool = orders or [c for c in structure.clauses if c.appendix is None]
    quorum = next(
        (
            c
            for c in pool
            if re.search(r"\bquor(?:um|ate)\b", c.body, re.I)
            and re.search(r"\bboard\b", c.body, re.I)
        ),
        None,
    )
    if quorum is None:
        found.unknown("board.quorum", f"looked in {where} for the board's quorum: not found")
    else:
        _quorum(quorum, found)
    voting = next(
        (
            c
            for c in pool
            if re.search(r"\bvot(?:e|es|ing)\b|\bmajority\b", c.body, re.I)
            and not re.search(r"\bquor", c.text, re.I)
        ),
        None,
    )
    if voting is None:
        found.unknown("board.voting", f"looked in {where} for how the board votes: not found")
    else:
        _voting(voting, found)


def _quorum(clause: Clause, found: Found) -> None:
    text = clause.body
    counted = MINIMUM.search(text)
    if counted and not SHARE.search(text[: counted.start()]):
        word = counted["count"].lower()
        found.add("board.quorum.minimum", int(word) if word.isdigit() else NUMBERS[word], clause)
    else:
        share = SHARE.search(text)
        said = f"'{share.group(0)}' of the members" if share else "no number"
        found.unknown(
            "board.quorum.minimum",
            f"§{clause.label} gives {said}, not a number of members ({clause.document})",
        )
    including = re.split(r"\binclud\w*", text, maxsplit=1)
    if len(including) == 2:
        kinds = tuple(code for code, pattern in MUST_INCLUDE if pattern.search(including[1]))
        if kinds:
            found.add("board.quorum.must_include", kinds, clause)


def _voting(clause: Clause, found: Found) -> None:
    text = clause.body.lower()
    if "two thirds" in text or "two-thirds" in text:
        method = "two thirds of the members present"
    elif "simple majority" in text:
        method = "simple majority"
    elif "majority" in text:
        method = "majority"
    else:
        method = None
    if method is not None:
        found.add("board.voting.method", method, clause)
    if "casting vote" in text:
        found.add(
            "board.voting.casting_vote",
            not re.search(r"(?:not|no) (?:have )?(?:a )?(?:second, )?casting vote", text),
            clause,
        )
