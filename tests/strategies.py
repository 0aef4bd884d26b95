"""Hypothesis strategies for constitutions that are valid by the format schema.

Built from the format's own enumerations, so a generated file always passes
FMT-001 while its board, committees, places and decision map vary at random:
ids are drawn from a small pool, so references both hit and miss and the
cross-reference rules are exercised. (hypothesis-jsonschema would derive this
from the schema, but its current release fails against current hypothesis.)
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from icscheck.schemas import FORMAT_SCHEMA, load_schema

DEFS = load_schema(FORMAT_SCHEMA)["$defs"]
ROLES: list[str] = DEFS["member"]["properties"]["role"]["enum"]
NOMINATORS: list[str] = DEFS["member"]["properties"]["nominated_by"]["enum"]
SECTORS: list[str] = DEFS["member"]["properties"]["sector"]["enum"]
COMMITTEE_TYPES: list[str] = DEFS["committee"]["properties"]["type"]["enum"]
PLACE_PARTICIPANTS: list[str] = DEFS["place"]["properties"]["participants"]["items"]["enum"]
QUORUM_MUST = load_schema(FORMAT_SCHEMA)["properties"]["board"]["properties"]["quorum"][
    "properties"
]["must_include"]["items"]["enum"]

ids = st.sampled_from([f"m{n}" for n in range(12)] + ["board", "c1", "c2", "p1"])
text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
)
dates = st.dates().map(lambda d: d.isoformat())
urls = st.sampled_from(["https://example.nhs.uk/c", "http://x.org/a?b=1"])


def _optional(draw: Any, out: dict[str, Any], key: str, strategy: Any) -> None:
    if draw(st.booleans()):
        out[key] = draw(strategy)


@st.composite
def members(draw: Any) -> dict[str, Any]:
    member: dict[str, Any] = {"id": draw(ids), "role": draw(st.sampled_from(ROLES))}
    _optional(draw, member, "name", st.one_of(text, st.just("vacant")))
    _optional(draw, member, "other_positions", st.lists(text, max_size=2))
    _optional(draw, member, "clinical", st.booleans())
    _optional(draw, member, "mental_health_expertise", st.booleans())
    if member["role"] == "partner_member" or draw(st.booleans()):
        _optional(draw, member, "nominated_by", st.sampled_from(NOMINATORS))
        _optional(draw, member, "sector", st.sampled_from(SECTORS))
    return member


@st.composite
def committees(draw: Any) -> dict[str, Any]:
    committee: dict[str, Any] = {
        "id": draw(ids),
        "name": draw(text),
        "type": draw(st.sampled_from(COMMITTEE_TYPES)),
    }
    _optional(draw, committee, "chair", ids)
    _optional(draw, committee, "members", st.lists(ids, max_size=4))
    _optional(draw, committee, "reports_to", ids)
    return committee


@st.composite
def constitutions(draw: Any) -> dict[str, Any]:
    board: dict[str, Any] = {"members": draw(st.lists(members(), min_size=1, max_size=14))}
    _optional(draw, board, "deputy_chair", ids)
    _optional(draw, board, "senior_non_executive", ids)
    _optional(
        draw,
        board,
        "quorum",
        st.fixed_dictionaries(
            {"minimum": st.integers(1, 20)},
            optional={"must_include": st.lists(st.sampled_from(QUORUM_MUST), unique=True)},
        ),
    )
    document: dict[str, Any] = {
        "icscheck": 1,
        "icb": draw(
            st.fixed_dictionaries(
                {"name": text, "local_authorities": st.lists(text, min_size=1, max_size=3)},
                optional={
                    "established": dates,
                    "constitution": st.fixed_dictionaries(
                        {}, optional={"version": text, "approved": dates, "published_url": urls}
                    ),
                },
            )
        ),
        "board": board,
    }
    _optional(draw, document, "committees", st.lists(committees(), max_size=6))
    _optional(
        draw,
        document,
        "place_partnerships",
        st.lists(
            st.fixed_dictionaries(
                {"id": ids, "name": text},
                optional={
                    "population": st.integers(0, 2_000_000),
                    "participants": st.lists(st.sampled_from(PLACE_PARTICIPANTS), unique=True),
                },
            ),
            max_size=4,
        ),
    )
    _optional(
        draw,
        document,
        "decision_map",
        st.lists(
            st.fixed_dictionaries(
                {
                    "function": text,
                    "decided_by": ids,
                    "kind": st.sampled_from(["reserved", "delegated"]),
                },
                optional={"accountable": ids},
            ),
            max_size=5,
        ),
    )
    _optional(draw, document, "principles", st.lists(text, max_size=7, unique=True))
    _optional(
        draw,
        document,
        "conflicts_of_interest",
        st.fixed_dictionaries(
            {}, optional={"register_published": st.booleans(), "policy": text, "register_url": urls}
        ),
    )
    return document


_pieces = st.one_of(
    st.characters(codec="utf-8", exclude_categories=["Cs"]),
    st.sampled_from(["\x1b", "\x07", "\x9b", "\n", "\r", "\u2028", "\u202e", "\ufffe"]),
    st.sampled_from(["::error::x", "##[add-mask]", "@everyone", "\x1b]52;c;eA==\x07", " ::"]),
)
hostile_text = st.lists(_pieces, min_size=1, max_size=12).map("".join)
"""Text a pull request might put in a value or a file name to act on whoever reads the output:
escapes, line breaks, bidirectional controls, workflow commands, mentions."""

file_names = hostile_text.map(lambda name: name.replace("/", "_").replace("\0", "_")).filter(
    lambda name: name not in (".", "..") and len(name.encode("utf-8")) < 200
)
"""``hostile_text`` that a file can be called (no "/" or NUL, short enough)."""

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["result", "model", "error", "findings", "waived", "rules", "icb", "x"]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)
"""Any JSON, its keys drawn mostly from a cache entry's: what a forged entry may hold."""
