"""What an amendment changes, in governance terms: ``icscheck diff OLD NEW``.

Compares two checked files (``FileResult``), by their governance Structure and
by their rules' outcomes, and says what a board paper or a pull request review
needs to know: who joined or left the board or changed role or nomination,
which committees and chairs changed, the quorum, the decision map's
delegations and who is accountable, and which rules newly fail or pass.

Matching (docs/diff.md):

- members, participants, committees and places by ``id``: a renamed id is one
  element removed and another added;
- decision-map entries by the exact text of ``function``: a reworded function
  is one delegation removed and another added;
- a key given twice is matched occurrence by occurrence (the first with the
  first), so nothing is lost; REF-002 reports the duplicate ids anyway;
- lists (committee members, place participants, the quorum's ``must_include``)
  as sets: a reordering is no change;
- findings by rule, JSON Pointer and message, never by line, so moving lines
  makes no finding new.

Within each element type, removals come first (in the old file's order), then
additions and changes (in the new file's order): the output is stable.

``at_revision`` reads a file's version at a git revision, for ``--since``.
Nothing here prints or exits; every error a user can cause is an
``IcscheckError``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from icscheck.errors import LoadError, UsageError
from icscheck.finding import Finding, Severity
from icscheck.reader import human_size
from icscheck.result import FileResult, RuleResult, Status
from icscheck.structure import BOARD, Committee, Delegation, Person, Place, Structure

Value = str | int | bool | tuple[str, ...] | None
"""An element's attribute: text, a number, a flag or a list of ids or names."""


class Section(StrEnum):
    """The headings of a diff report, in the order they are shown."""

    BOARD = "Board"
    QUORUM = "Quorum"
    COMMITTEES = "Committees"
    PLACES = "Place partnerships"
    DECISIONS = "Decision map"


class Element(StrEnum):
    """What a change is about."""

    MEMBER = "member"
    PARTICIPANT = "participant"
    BOARD = "board"
    """The board's own settings: deputy chair and senior non-executive member."""
    QUORUM = "quorum"
    COMMITTEE = "committee"
    PLACE = "place"
    DELEGATION = "delegation"

    @property
    def section(self) -> Section:
        return _SECTIONS[self]


_SECTIONS = {
    Element.MEMBER: Section.BOARD,
    Element.PARTICIPANT: Section.BOARD,
    Element.BOARD: Section.BOARD,
    Element.QUORUM: Section.QUORUM,
    Element.COMMITTEE: Section.COMMITTEES,
    Element.PLACE: Section.PLACES,
    Element.DELEGATION: Section.DECISIONS,
}


class Kind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class Change:
    """One governance change between the old and the new file."""

    element: Element
    kind: Kind
    subject: str
    """The element's key: an id, a delegation's function, or ``board``/``quorum``."""
    label: str
    """The element for a reader: ``member Kim Lee (ned-finance)``."""
    detail: str
    """What changed, for a reader: ``chair Priya Shah (ned-audit) → Alex Morgan (chair)``."""
    field: str | None = None
    """The attribute that changed (``role``, ``chair``, ``members``); None when added or removed."""
    old: Value = None
    new: Value = None
    node: str = ""
    """JSON Pointer of the element: in the new file, or in the old one when removed."""

    @property
    def section(self) -> Section:
        return self.element.section


class RuleKind(StrEnum):
    NEWLY_FAILING = "newly_failing"
    NEWLY_PASSING = "newly_passing"
    CHANGED = "changed"
    """Failing before and after with other findings, or between passing and waived."""


@dataclass(frozen=True, slots=True)
class RuleChange:
    """A rule whose outcome differs between the old and the new file."""

    rule: str
    title: str
    severity: Severity
    kind: RuleKind
    old: Status
    new: Status
    old_findings: int
    new_findings: int
    added: tuple[Finding, ...] = ()
    """Open findings of the new file that the old one did not have (new file's positions)."""
    resolved: tuple[Finding, ...] = ()
    """Open findings of the old file that the new one no longer has (old file's positions)."""


@dataclass(frozen=True)
class Diff:
    """What changed from ``old`` to ``new``."""

    old: FileResult
    new: FileResult
    changes: tuple[Change, ...]
    rules: tuple[RuleChange, ...]

    @property
    def empty(self) -> bool:
        return not self.changes and not self.rules

    @property
    def newly_failing(self) -> tuple[RuleChange, ...]:
        return tuple(r for r in self.rules if r.kind is RuleKind.NEWLY_FAILING)

    @property
    def newly_passing(self) -> tuple[RuleChange, ...]:
        return tuple(r for r in self.rules if r.kind is RuleKind.NEWLY_PASSING)

    @property
    def new_findings(self) -> int:
        """Open findings the amendment brings in (what ``--fail-on-new`` gates on)."""
        return sum(len(r.added) for r in self.rules)


def compare(old: FileResult, new: FileResult) -> Diff:
    """The changes from ``old`` to ``new``; a file that could not be checked raises its error."""
    before, after = _structure(old), _structure(new)
    changes = (
        *_match(PEOPLE, (*before.members, *before.participants),
                (*after.members, *after.participants), before, after),
        *_board(before, after),
        *_quorum(before, after),
        *_match(COMMITTEES, before.committees, after.committees, before, after),
        *_match(PLACES, before.places, after.places, before, after),
        *_match(DECISIONS, before.decisions, after.decisions, before, after),
    )  # fmt: skip
    return Diff(old, new, changes, tuple(_rules(old.rules, new.rules)))


def _structure(result: FileResult) -> Structure:
    if result.error is not None:
        raise result.error
    # A checked file always has one; an empty Structure stands in for a result built without.
    return result.structure or Structure()


# --- words -----------------------------------------------------------------------------


def words(value: str | None) -> str:
    """A role, kind or category as words: ``non_executive_member`` -> ``non-executive member``."""
    if value is None:
        return "(not given)"
    text = " ".join(_SPELLING.get(word, word) for word in value.split("_"))
    # The hyphen is how the Act and every constitution spell it.
    return text.replace("non executive", "non-executive")


_SPELLING = {"nhs": "NHS", "ics": "ICS", "icb": "ICB", "vcse": "VCSE"}


def who(structure: Structure, ident: str | None) -> str:
    """An id as a reader knows it: ``Priya Shah (ned-audit)``, ``the board``, or the bare id."""
    label = structure.label(ident)
    return label if ident is None or label in (ident, "the board") else f"{label} ({ident})"


def _number(value: int | None) -> str:
    return "(not given)" if value is None else f"{value:,}"


def _list_detail(
    old: tuple[str, ...],
    new: tuple[str, ...],
    show_old: Callable[[str], str] = words,
    show_new: Callable[[str], str] = words,
) -> str:
    """``added X, Y; removed Z``: a list's change, ignoring order."""
    added = [show_new(item) for item in dict.fromkeys(new) if item not in old]
    removed = [show_old(item) for item in dict.fromkeys(old) if item not in new]
    parts = [f"added {', '.join(added)}"] if added else []
    if removed:
        parts.append(f"removed {', '.join(removed)}")
    return "; ".join(parts)


# --- matching --------------------------------------------------------------------------


class _Item(Protocol):
    @property
    def node(self) -> str: ...


T = TypeVar("T", bound=_Item)


def _keyed(items: Iterable[T], key: Callable[[T], str]) -> dict[tuple[str, int], T]:
    """Items by (key, occurrence): a key given twice keeps both entries apart."""
    seen: dict[str, int] = {}
    keyed: dict[tuple[str, int], T] = {}
    for item in items:
        k = key(item)
        seen[k] = seen.get(k, -1) + 1
        keyed[(k, seen[k])] = item
    return keyed


Show = Callable[[Structure, Any], str]
"""A value as a reader sees it, given the file (old or new) whose ids it names."""


@dataclass(frozen=True)
class _Field:
    """An attribute compared between matched elements."""

    name: str
    show: Show
    is_list: bool = False
    """Compared as a set; the change lists what was added and removed."""
    title: str | None = None
    """What a reader's line starts with; None: the name in words."""

    @property
    def words(self) -> str:
        return words(self.name) if self.title is None else self.title


@dataclass(frozen=True)
class _Spec(Generic[T]):
    """How one element type is matched, compared and described."""

    element: Callable[[T], Element]
    key: Callable[[T], str]
    fields: Sequence[_Field]
    label: Callable[[Structure, T], str]
    """The element for a reader, e.g. ``committee Audit Committee (audit)``."""
    describe: Callable[[Structure, T], str]
    """An added or removed element's main attributes."""


def _match(
    spec: _Spec[T], old: Sequence[T], new: Sequence[T], before: Structure, after: Structure
) -> Iterator[Change]:
    """Removed, then added and changed elements of one type."""
    was, now = _keyed(old, spec.key), _keyed(new, spec.key)
    for k, item in was.items():
        if k not in now:
            yield Change(
                spec.element(item),
                Kind.REMOVED,
                k[0],
                spec.label(before, item),
                spec.describe(before, item),
                node=item.node,
            )
    for k, item in now.items():
        if k not in was:
            yield Change(
                spec.element(item),
                Kind.ADDED,
                k[0],
                spec.label(after, item),
                spec.describe(after, item),
                node=item.node,
            )
            continue
        for field in spec.fields:
            a, b = getattr(was[k], field.name), getattr(item, field.name)
            detail = _detail(field, a, b, before, after)
            if detail is not None:
                yield Change(
                    spec.element(item),
                    Kind.CHANGED,
                    k[0],
                    spec.label(after, item),
                    f"{field.words} {detail}".lstrip(),
                    field.name,
                    a,
                    b,
                    item.node,
                )


def _detail(field: _Field, a: Any, b: Any, before: Structure, after: Structure) -> str | None:
    """How ``a`` became ``b``, or None if that is no change."""
    if not field.is_list:
        return None if a == b else f"{field.show(before, a)} → {field.show(after, b)}"
    if set(a) == set(b):
        return None
    return _list_detail(a, b, partial(field.show, before), partial(field.show, after))


def _as_words(_: Structure, value: Any) -> str:
    return words(value)


def _as_text(_: Structure, value: Any) -> str:
    return "(not given)" if value is None else str(value)


# --- elements --------------------------------------------------------------------------


def _person_element(person: Person) -> Element:
    return Element.MEMBER if person.voting else Element.PARTICIPANT


def _describe_person(_: Structure, person: Person) -> str:
    parts = [words(person.role)]
    if person.nominated_by:
        parts.append(f"nominated by {words(person.nominated_by)}")
    if person.organisation:
        parts.append(person.organisation)
    return ", ".join(parts)


PEOPLE: _Spec[Person] = _Spec(
    _person_element,
    lambda p: p.id,
    (
        # First: a member who becomes a participant (or back) loses (or gains) a vote.
        _Field(
            "voting", lambda _, v: "voting member" if v else "participant without a vote", title=""
        ),
        _Field("role", _as_words),
        _Field("nominated_by", _as_words),
        _Field("name", _as_text),
        _Field("organisation", _as_text),
    ),
    lambda s, p: f"{_person_element(p)} {who(s, p.id)}",
    _describe_person,
)

COMMITTEES: _Spec[Committee] = _Spec(
    lambda _: Element.COMMITTEE,
    lambda c: c.id,
    (
        _Field("name", _as_text),
        _Field("type", _as_words),
        _Field("chair", who),
        _Field("reports_to", who),
        _Field("members", who, is_list=True),
        _Field("external", _as_text, is_list=True),
    ),
    lambda s, c: f"committee {who(s, c.id)}",
    lambda s, c: (
        f"{words(c.type)}, chaired by {who(s, c.chair)}, reports to {who(s, c.reports_to)}"
    ),
)

PLACES: _Spec[Place] = _Spec(
    lambda _: Element.PLACE,
    lambda p: p.id,
    (
        _Field("name", _as_text),
        _Field("population", lambda _, v: _number(v)),
        _Field("participants", _as_words, is_list=True),
    ),
    lambda s, p: f"place {who(s, p.id)}",
    lambda _, p: f"population {_number(p.population)}, {len(p.participants)} participants",
)

DECISIONS: _Spec[Delegation] = _Spec(
    lambda _: Element.DELEGATION,
    lambda d: d.function,
    (
        _Field("decided_by", who),
        _Field("kind", _as_words),
        _Field("accountable", who),
    ),
    lambda _, d: f"delegation '{d.function}'",
    lambda s, d: (
        f"{words(d.kind)}, decided by {who(s, d.decided_by)}, "
        f"accountable: {who(s, d.accountable)}"
    ),
)


def _board(before: Structure, after: Structure) -> Iterator[Change]:
    for name, label in (
        ("deputy_chair", "deputy chair"),
        ("senior_non_executive", "senior non-executive member"),
    ):
        a, b = getattr(before, name), getattr(after, name)
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


def _quorum(before: Structure, after: Structure) -> Iterator[Change]:
    if before.quorum_minimum != after.quorum_minimum:
        yield Change(
            Element.QUORUM,
            Kind.CHANGED,
            "quorum",
            "quorum",
            f"minimum {_number(before.quorum_minimum)} → {_number(after.quorum_minimum)}",
            "minimum",
            before.quorum_minimum,
            after.quorum_minimum,
            "/board/quorum/minimum",
        )
    a, b = before.quorum_must_include, after.quorum_must_include
    if set(a) != set(b):
        yield Change(
            Element.QUORUM,
            Kind.CHANGED,
            "quorum",
            "quorum",
            f"must include {_list_detail(a, b)}",
            "must_include",
            a,
            b,
            "/board/quorum/must_include",
        )


# --- rules -----------------------------------------------------------------------------


def _same(finding: Finding) -> tuple[str, str, str]:
    """What makes two findings the same finding: not its line, which moves with any edit."""
    return (finding.rule, finding.node, finding.message)


def _rules(old: Sequence[RuleResult], new: Sequence[RuleResult]) -> Iterator[RuleChange]:
    """Each rule (in the new file's order) whose status or open findings differ."""
    before = {result.rule.id: result for result in old}
    for after in new:
        previous = before.get(after.rule.id)
        if previous is None:  # not run on the old file: nothing to compare with
            continue
        was = {_same(f) for f in previous.findings}
        now = {_same(f) for f in after.findings}
        added = tuple(f for f in after.findings if _same(f) not in was)
        resolved = tuple(f for f in previous.findings if _same(f) not in now)
        if previous.status is after.status and not added and not resolved:
            continue
        if after.status is Status.FAIL and previous.status is not Status.FAIL:
            kind = RuleKind.NEWLY_FAILING
        elif previous.status is Status.FAIL and after.status is not Status.FAIL:
            kind = RuleKind.NEWLY_PASSING
        else:
            kind = RuleKind.CHANGED
        yield RuleChange(
            rule=after.rule.id,
            title=after.rule.title,
            severity=after.rule.severity,
            kind=kind,
            old=previous.status,
            new=after.status,
            old_findings=len(previous.findings),
            new_findings=len(after.findings),
            added=added,
            resolved=resolved,
        )


# --- git -------------------------------------------------------------------------------

GIT_TIMEOUT = 30
"""Seconds any one git command may take (a local repository answers in far less)."""


def at_revision(path: str, revision: str, max_bytes: int) -> tuple[str, bytes]:
    """``path``'s bytes at git ``revision``, with the name to report them by (``REV:path``).

    The path is taken relative to the root of the repository that holds the
    file, whatever the working directory, and read as the blob git stores
    (``git cat-file``: no filters, no pager).
    """
    file = Path(os.path.abspath(path))
    folder = str(file.parent)
    if revision.startswith("-") or not revision.strip():
        # Never let a revision be read as one of git's options.
        raise UsageError(f"{path}: '{revision}' is not a git revision")
    prefix = _git(folder, "rev-parse", "--show-prefix")
    if prefix is None:
        raise UsageError(f"{path}: not in a git repository (needed for --since)")
    if _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}") is None:
        raise UsageError(f"{path}: unknown git revision '{revision}'")
    stored = prefix.decode("utf-8", "surrogateescape").strip() + file.name
    name = spec = f"{revision}:{stored}"
    size = _git(folder, "cat-file", "-s", spec)
    if size is None:
        raise UsageError(f"{path}: not in git revision {revision} (as {stored})")
    if int(size) > max_bytes:
        limit = human_size(max_bytes)
        raise LoadError(name, f"is {human_size(int(size))}, over the {limit} limit")
    raw = _git(folder, "cat-file", "blob", spec)
    if raw is None:
        raise UsageError(f"{name}: git could not read it")
    return name, raw


def _git(folder: str, *args: str) -> bytes | None:
    """git's output, or None when git says no (not a repository, no such object)."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("git is not installed or not on PATH (needed for --since)") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} took over {GIT_TIMEOUT}s in {folder}") from None
    except OSError as error:
        raise UsageError(f"{folder}: cannot run git: {error.strerror}") from None
    return done.stdout if done.returncode == 0 else None
