"""What a constitution must provide that icscheck does not check as a rule, and why.

Every mandatory requirement of the Act and of NHS England's model
constitution is either a rule (docs/rules.md) or listed here with the reason
it is not one, so a reviewer can see what icscheck leaves to them.
docs/rules.md prints this list.
"""

from __future__ import annotations

NOT_RULES: tuple[tuple[str, str, str], ...] = (
    (
        "The area is the one the establishment order sets, by local authority areas and smaller statistical areas where a boundary cuts one",
        "NHS Act 2006 Sch. 1B para 2(b); NHS England, Integrated care boards in England (the Establishment Order)",
        "The format lists the local authorities (`icb.local_authorities`), which only approximates the area; the order's statistical areas are not something a constitution's reader can check. PROV-001 asks for the clause that specifies the area.",
    ),
    (
        "A sector's partner member is nominated by bodies of the prescribed description (an eligible trust, provider or council)",
        "NHS Act 2006 Sch. 1B para 8(2) (not read beyond para 8(2)(a)); ICBs' lists of eligible nominating bodies (e.g. Nottingham and Nottinghamshire's governance handbook)",
        "The lists of eligible nominating bodies live in governance handbooks and change; the format records the sector (`nominated_by`), which BOARD-004 checks.",
    ),
    (
        "The board is unitary: its members share collective accountability",
        "Hertfordshire and West Essex ICB constitution (web version; version date not readable, see docs/rules.md) s.2.1.4",
        "A principle of how the board works, not a fact of its composition; the composition rules (BOARD) check the members it is made of.",
    ),
    (
        "Participants take no part in votes and may be excluded with the public",
        "Dorset ICB's board page; Lancashire and South Cumbria ICB's board members page",
        "The format keeps participants (`board.participants`) apart from voting members, so no participant can be counted as one; there is nothing further to check.",
    ),
    (
        "Standing financial instructions and the scheme of reservation and delegation, with their limits",
        "Hertfordshire and West Essex ICB constitution s.5.2 (in the governance handbook)",
        "They are governance handbook documents with financial limits, not constitution provisions; the decision map (MAP rules) covers who decides what.",
    ),
    (
        "The joint forward plan is published with the trusts",
        "Hertfordshire and West Essex ICB constitution s.7.3.8",
        "A duty on the ICB's conduct each year, not a provision of the constitution's text; PROV-013 to PROV-016 check the publication provisions the model requires.",
    ),
    (
        "The annual accounts are externally audited and published, a complaints process is published, and the ICB complies with the Freedom of Information Act 2000",
        "Hertfordshire and West Essex ICB constitution s.7.3.3 to s.7.3.5, under s.7.1.1's transparency 'in accordance with paragraph 11(2) of Schedule 1B' (para 11(2) not read)",
        "The format has no field for them, and none was added: s.7.3.5 restates a duty the Freedom of Information Act 2000 puts on the ICB whatever its constitution says, the audited accounts and the complaints process are the ICB's conduct each year (as the joint forward plan is), and whether Sch. 1B para 11(2) requires the constitution itself to provide for them could not be read. PROV-013 to PROV-016 check the meetings and publications of s.7.3 that the format records; a reviewer finds the accounts, the complaints process and the publication scheme on the ICB's website.",
    ),
    (
        "The remuneration committee may have independent members or advisers",
        "Hertfordshire and West Essex ICB constitution s.8.1.4",
        "A permission, not a requirement: external members are accepted (`{name: ..., external: true}`) and nothing is required of them.",
    ),
    (
        "The audit committee's membership and quorum (for example, non-executive members only)",
        "Not found: the membership paragraphs of the audit committees' terms of reference could not be read",
        "No source could be read, so no rule can cite one; COMM-003, COMM-007 and COMM-009 check its chair.",
    ),
    (
        "Committee terms of reference are published, and committee members are bound by the standing orders",
        "South West London and Lancashire and South Cumbria ICBs' terms of reference",
        "Terms of reference are governance handbook documents; the format records each committee's chair, members, quorum and reporting line, which the COMM rules check.",
    ),
    (
        "Changes to the constitution take effect only when NHS England approves them",
        "NHS England, 'Integrated care in your area'; Staffordshire and Stoke-on-Trent ICB's constitution page",
        "A fact of the approval process, not of the text: the format records who approved this version and when (`icb.constitution.approved_by`, `approved`).",
    ),
)
"""(requirement, source, why it is not a rule)."""


SOURCES_READ = (
    "The Hertfordshire and West Essex ICB constitution is the NHS England model constitution "
    "as one ICB adopted it; the model itself could not be read, so rules cite that ICB's text. "
    "It is cited from its web version: hertsandwestessex.icb.nhs.uk/us/constitution and the "
    "pages of its sections, and "
    "hertsandwestessex.ics.nhs.uk/about/icb/our-constitution/constitution. The version's "
    'date could not be read, so these citations say "version date not readable" rather '
    'than give one: the page\'s table of contents ends with a "Version control" section, '
    "but only the opening of each page could be read, and the PDF it offers (285 kB) could "
    "not. The ICB's board page says it was to become part of a new Central East ICB from "
    "1 April 2026; its text stands as the model's wording, not as a current constitution."
)
"""Why the Hertfordshire and West Essex citations carry no version date (docs/rules.md)."""
