"""One parsed document through the rules in force: findings placed, questions asked, waivers applied.

``check_document`` is the step between a file's bytes (icscheck/engine.py reads,
caches and batches them) and its result: each rule runs over the document and its
model, a gap becomes a finding at its line and column, a gap resting on an unknown
fact becomes a question to confirm (docs/format.md), and a waiver in the file
turns a finding into a waived one.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from icscheck.finding import Finding
from icscheck.overrides import GateOff, Lapsed
from icscheck.result import FileResult, NotRun, RuleResult, Unconfirmed, Waived
from icscheck.rules.base import Checker, Context, Gap, Rule

if TYPE_CHECKING:
    from icscheck.loader import Document, NodePath
    from icscheck.model import Model
    from icscheck.waivers import Waiver


def check_document(
    document: Document,
    checkers: Sequence[Checker],
    *,
    on: _dt.date,
    known: Iterable[str] = (),
    lapsed: Sequence[Lapsed] = (),
    lapsed_gate: GateOff | None = None,
) -> FileResult:
    """Apply ``checkers`` to one parsed document, and its waivers to their findings;
    ``lapsed`` are the run's overrides past their end date (WAIVE-002 reports them)."""
    from icscheck.bounded import cap
    from icscheck.model import build

    model = build(document.data, document.unknowns)
    running = [c for c in checkers if c.rule.since <= document.version]
    not_run = tuple(
        NotRun(
            c.id, f"needs format version {c.rule.since}: icscheck migrate turns this file into it"
        )
        for c in checkers
        if c.rule.since > document.version
    )
    context = Context(
        on=on,
        known=frozenset(known) or frozenset(c.id for c in checkers),
        duplicates=document.duplicates,
        waivers=document.waivers,
        locate=document.locate,
        unknowns=document.unknowns,
        lapsed=tuple(lapsed),
        lapsed_gate=lapsed_gate,
    )
    usable = _by_target(document.waivers, on)
    outcomes: dict[str, RuleResult] = {}
    raw: list[Finding] = []
    incomplete: set[str] = set()
    for checker in (c for c in running if not c.review):
        found, unconfirmed, complete = _findings(checker, document, model, context)
        raw.extend(found)
        if not complete:
            incomplete.add(checker.id)
        outcome = replace(_waive(checker.id, found, usable), unconfirmed=unconfirmed)
        outcomes[checker.id] = cap(outcome, complete)
    review = replace(
        context,
        findings=tuple(raw),
        ran=frozenset(c.id for c in running),
        incomplete=frozenset(incomplete),
    )
    for checker in (c for c in running if c.review):
        found, unconfirmed, complete = _findings(checker, document, model, review)
        outcomes[checker.id] = cap(RuleResult(checker.id, found, unconfirmed=unconfirmed), complete)
    version = document.data.get("icscheck")
    return FileResult(
        path=document.path,
        icb_name=model.icb.name,
        format_version=version
        if isinstance(version, int) and not isinstance(version, bool)
        else None,
        rules=tuple(outcomes[checker.id] for checker in running),
        not_run=not_run,
        model=model,
    )


def _findings(
    checker: Checker, document: Document, model: Model, context: Context
) -> tuple[tuple[Finding, ...], tuple[Unconfirmed, ...], bool]:
    """Run one rule and locate its gaps in the file, in file order: the gaps, those that
    rest on unknown facts (unconfirmed outcomes), and whether that was all of them.

    At most ``bounded.MAX_LOOKED_AT`` gaps are asked for. File order (then
    message) within a rule, as for the whole file: a result read back from
    the cache, which stores findings in that order, is then the same result.

    A rule that asks for an unknown fact is unconfirmed, never passed
    (docs/format.md): each unknown fact the rule read (a Python rule, through
    the model: icscheck/model/base.py) or could fail on (a schema rule:
    ``SchemaCheck.turns_on``), and that none of its gaps rests on, is one
    unconfirmed outcome of its own, located at the fact. Gaps found inside a
    list item marked unknown are set aside: nothing there can be judged.
    """
    from icscheck.bounded import take
    from icscheck.loader import field_name, pointer
    from icscheck.model.base import asking

    rule: Rule = checker.rule
    found: list[Finding] = []
    unconfirmed: list[Unconfirmed] = []
    with asking() as asked:
        gaps, complete = take(checker.check(document, model, context))
    if getattr(checker.check, "judges_unknowns", False):
        asked.read.clear()
    turns_on = getattr(checker.check, "turns_on", None)
    turned: dict[NodePath, frozenset[NodePath]] = {} if turns_on is None else turns_on(document)
    asked.read.update(dict.fromkeys(turned))
    unread = [at for at in document.unknowns if at and isinstance(at[-1], int)]
    judged: list[tuple[Gap, tuple[NodePath, ...]]] = []
    for gap in gaps:
        if any(gap.node[: len(at)] == at for at in unread):
            continue
        rests_on = () if gap.decided else gap.rests_on
        if not gap.decided and not rests_on:
            rests_on = _rests_on(gap.node, checker.reads, document.unknowns)
            rests_on += tuple(
                at for at, cleared in turned.items() if gap.node in cleared and at not in rests_on
            )
        judged.append((gap, rests_on))
    covered = asked.judged.union(*(rests_on for _, rests_on in judged))
    judged += [
        (Gap(node, _question(rule, node)), (node,)) for node in asked.read if node not in covered
    ]
    for gap, rests_on in judged:
        line, column = gap.at or document.locate(gap.node)
        finding = Finding(
            path=document.path,
            line=line,
            column=column,
            rule=rule.id,
            severity=rule.severity,
            message=gap.message,
            source=rule.source,
            node=pointer(gap.node),
            provenance=_provenance(document, gap.node),
        )
        if document.drafted:
            finding = _in_document(finding, document, gap.node)
        if rests_on:
            if gap.at is None:
                # Located at the fact to confirm, not at the entry the rule judged (the
                # board, for BOARD-012): that is the line a reader must go and answer.
                line, column = document.locate(rests_on[0])
                finding = replace(finding, line=line, column=column)
            confirm = tuple(
                f"{field_name(node)} ({document.unknowns.get(node, 'marked unknown')})"
                for node in rests_on
            )
            unconfirmed.append(Unconfirmed(finding, confirm))
        else:
            found.append(finding)
    return (
        tuple(sorted(found, key=_file_order)),
        tuple(sorted(unconfirmed, key=lambda u: _file_order(u.finding))),
        complete,
    )


def _question(rule: Rule, node: NodePath) -> str:
    """What an unknown fact leaves open: ``committees[0].chair is unknown: confirm it to
    check that the audit committee is chaired by ...``, from the rule's title."""
    from icscheck.loader import field_name

    title = rule.title.rstrip(".")
    if title[:1].isupper() and not title[1:2].isupper():
        title = title[0].lower() + title[1:]
    return f"{field_name(node)} is unknown: confirm it to check that {title}"


def _in_document(finding: Finding, document: Document, node: NodePath) -> Finding:
    """A drafted document's finding, located by the clause and page its nearest fact came
    from; one about something the document does not have is located at the document."""
    from icscheck.model.read import read_source

    source = read_source(document.source_of(node))
    page = source.page if source is not None else None
    clause = (source.clause if source is not None else None) or ""
    # A constitution drafted from several web pages: the page the clause is on.
    path = (source.document if source is not None else None) or finding.path
    return replace(finding, path=path, document=True, page=page, clause=clause)


def _provenance(document: Document, node: NodePath) -> str:
    if not document.sources:
        return ""
    from icscheck.model.read import read_source

    source = read_source(document.source_of(node))
    return "" if source is None else str(source)


def _file_order(finding: Finding) -> tuple[int, int, str]:
    return (finding.line, finding.column, finding.message)


def _rests_on(
    node: NodePath, reads: frozenset[str] | None, unknowns: dict[NodePath, str]
) -> tuple[NodePath, ...]:
    """The unknown facts a schema rule's gap at ``node`` may rest on: those at or below the
    node whose field the rule's schema reads. (A Python rule says its own, in the Gap.)"""
    if reads is None or not unknowns:
        return ()
    depth = len(node)
    # A list item marked unknown counts where the schema reads its list.
    return tuple(
        at
        for at in unknowns
        if at[:depth] == node and (at[-1] if isinstance(at[-1], str) else at[-2]) in reads
    )


Targets = dict[tuple[int, str], "Waiver"]
"""The waivers that apply, by (target line, rule ID): the first written for each."""


def _by_target(waivers: Iterable[Waiver], on: _dt.date) -> Targets:
    found: Targets = {}
    for waiver in waivers:
        if waiver.applies(on):
            for rule_id in waiver.rules:
                found.setdefault((waiver.target, rule_id), waiver)
    return found


def _waive(rule_id: str, found: Sequence[Finding], waivers: Targets) -> RuleResult:
    """Split ``found`` into open findings and those an applicable waiver accepts.

    A waiver covers a finding of a rule it names on its target line: the line
    of the node, or the line after a waiver that stands alone (docs/waivers.md).
    Looked up by line, not searched: a file can hold a waiver on every line.
    """
    if rule_id.startswith("WAIVE-"):
        return RuleResult(rule_id, tuple(found))
    open_: list[Finding] = []
    waived: list[Waived] = []
    for finding in found:
        waiver = waivers.get((finding.line, rule_id))
        if waiver is None:
            open_.append(finding)
        else:
            waived.append(Waived(finding, waiver))
    return RuleResult(rule_id, tuple(open_), tuple(waived))
