"""The provisions format 2 records (notes/format2.md): which clause makes each.

Each provision is known by the words the model constitution makes it with
(Sch. 1B paras 2 and 4 to 8, and model sections 3 to 9). One not found in a
section that was found is not made: the draft leaves it out, so the rule that
needs it reports the gap. One whose section was not found at all is unknown:
the reader may have missed the section, so nothing is claimed.
"""

from __future__ import annotations

import re

from icscheck.documents.clauses import SECTIONS, Clause, Structure
from icscheck.documents.facts import Found

# code: (home section, patterns that must all match the clause, in any case)
PROVISIONS: dict[str, tuple[int, tuple[str, ...]]] = {
    "name_and_area": (1, ()),
    "independence": (3, (r"independence of the (?:national )?health service",)),
    "chair_appointment": (3, (r"\bchair\b", r"\bappoint", r"nhs england", r"secretary of state")),
    "chair_removal": (3, (r"\bchair\b", r"\bremov", r"nhs england")),
    "chief_executive_appointment": (3, (r"chief executive", r"\bappoint", r"nhs england")),
    "chief_executive_employment": (3, (r"chief executive", r"employee of the icb")),
    "ordinary_member_appointment": (3, (r"partner members?", r"nominat", r"appointed")),
    "eligibility_and_disqualification": (
        3,
        (r"disqualif|may not be appointed|not eligible|fit and proper",),
    ),
    "terms_of_office": (3, (r"term of office|holds? office for|serve a term",)),
    "exercise_of_functions": (4, (r"function", r"delegat|exercis")),
    "standing_orders": (5, (r"standing orders", r"part of (?:this|the) constitution|form part")),
    "conflicts_of_interest": (6, (r"conflicts? of interest", r"polic|manag|declar")),
    "meetings_in_public": (7, (r"(?:held|meets?|meetings?) in public",)),
    "papers_published": (7, (r"\bpapers\b", r"publish")),
    "registers_published": (7, (r"registers? of interests?", r"publish")),
    "constitution_published": (
        7,
        (
            r"publish\w*\s+(?:a copy of\s+)?(?:this|the|our) constitution|constitution[^.;]{0,300}\bpublished",
        ),
    ),
    "employee_terms": (8, (r"terms and conditions", r"employ")),
    "public_involvement": (9, (r"\binvolv", r"public|people|communit|patients")),
}


def read_provisions(structure: Structure, found: Found) -> None:
    # A numbered sub-heading ("3.1 Eligibility") names a provision; the clause under it makes it.
    constitution = [c for c in structure.clauses if c.appendix is None and c.text != c.heading]
    for code, (home, patterns) in PROVISIONS.items():
        name = f"provisions.{code}"
        if code == "name_and_area":
            named = found.get("icb.name")
            if named is not None and named.clause is not None:
                found.add(name, named.clause.label, named.clause)
            else:
                found.unknown(name, "looked for the ICB's name and area: not found")
            continue
        clause = _first(constitution, home, patterns)
        if code == "standing_orders" and clause is None and structure.standing_orders is not None:
            clause = structure.standing_orders
        if clause is not None:
            found.add(name, clause.label, clause)
        elif home not in structure.sections:
            found.unknown(
                name,
                f"looked for section {home} ({SECTIONS[home][0]}): not found; no other clause makes it",
            )
        # else: its section was read and does not make it; the rule that needs it says so.


def _first(clauses: list[Clause], home: int, patterns: tuple[str, ...]) -> Clause | None:
    """The first clause matching every pattern: in its home section first, then anywhere."""
    matching = [c for c in clauses if all(re.search(p, c.body, re.IGNORECASE) for p in patterns)]
    return next((c for c in matching if c.section == home), matching[0] if matching else None)
