"""What an amendment changes, in governance terms: ``icscheck diff OLD NEW``.

Compares two checked files (``FileResult``), by their governance Model and
by their rules' outcomes, and says what a board paper or a pull request review
needs to know: the ICB's details, history, cluster and the functions
NHS England delegates to it, who joined or left the board or changed role or
nomination, which committees and chairs changed, the quorum, the decision
map's delegations and who is accountable, the provisions and the clauses that
make them, and which rules newly fail or pass.

Matching (docs/diff.md):

- members, participants, committees and places by ``id``: a renamed id is one
  element removed and another added;
- decision-map entries by the exact text of ``function``: a reworded function
  is one delegation removed and another added;
- a key given twice is matched occurrence by occurrence (the first with the
  first), so nothing is lost; REF-002 reports the duplicate ids anyway;
- lists (committee members, place participants, the quorum's ``must_include``)
  as sets: a reordering is no change;
- findings by rule, message and the element they are about (list indexes in
  their JSON Pointer become the id or function of the entry there), never by
  line or position, so moving lines or inserting an entry makes no finding
  new (icscheck/diff/rules.py).

Within each element type, removals come first (in the old file's order), then
additions and changes (in the new file's order): the output is stable.

``at_revision`` reads a file's version at a git revision, for ``--since``.
Nothing here prints or exits; every error a user can cause is an
``IcscheckError``.

The parts: model.py (what a diff is made of), words.py (how values read),
matching.py (keyed matching of one element type), elements.py (the board's
comparisons), icb.py (the ICB and what sits beside the board), rules.py (rule changes), revision.py (git, for ``--since``).
"""

from __future__ import annotations

from collections.abc import Mapping

from icscheck.diff.elements import COMMITTEES, DECISIONS, PEOPLE, PLACES, board, quorum
from icscheck.diff.icb import beside, icb
from icscheck.diff.matching import match
from icscheck.diff.model import Change, Diff, Element, Kind, RuleChange, RuleKind, Section, Value
from icscheck.diff.revision import at_revision
from icscheck.diff.rules import rule_changes
from icscheck.model import Model
from icscheck.result import FileResult
from icscheck.rules.base import Rule

__all__ = [
    "Change",
    "Diff",
    "Element",
    "Kind",
    "RuleChange",
    "RuleKind",
    "Section",
    "Value",
    "at_revision",
    "compare",
]


def compare(old: FileResult, new: FileResult, rules: Mapping[str, Rule]) -> Diff:
    """The changes from ``old`` to ``new``; a file that could not be checked raises its error.

    ``rules`` is the catalogue of the rules that ran (their titles and severities).
    """
    before, after = _structure(old), _structure(new)
    changes = (
        *icb(before, after),
        *match(PEOPLE, (*before.board.members, *before.board.participants),
               (*after.board.members, *after.board.participants), before, after),
        *board(before, after),
        *quorum(before, after),
        *match(COMMITTEES, before.committees, after.committees, before, after),
        *match(PLACES, before.places, after.places, before, after),
        *match(DECISIONS, before.decisions, after.decisions, before, after),
        *beside(before, after),
    )  # fmt: skip
    return Diff(
        old, new, changes, tuple(rule_changes(old.rules, new.rules, before, after, rules)), rules
    )


def _structure(result: FileResult) -> Model:
    if result.error is not None:
        raise result.error
    # A checked file always has one; an empty Model stands in for a result built without.
    return (result.model or Model()).identified
