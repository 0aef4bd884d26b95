"""What the map shows, worked out once for both drawings (Mermaid and SVG).

The boxes it is made of are in boxes.py.

From a checked file's Model and open findings: the board's members grouped
by role, the committees as a tree by reporting line (with those attached to
nothing set apart), the place partnerships, the decision map grouped by who
decides, and which of these elements have gaps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from icscheck.diagram.boxes import GAP, PARTICIPANTS, Box, Line, Picture, plural
from icscheck.finding import Finding
from icscheck.model import BOARD, Committee, Delegation, Model, Person, Place
from icscheck.result import NO_ICB_NAME, FileResult
from icscheck.vocabulary import NHS_ENGLAND, words

EXECUTIVES = (
    "chief_executive",
    "director_of_finance",
    "medical_director",
    "director_of_nursing",
    "executive_member",
)
# The board's voting members by role, in the order the Act lists them.
ROLE_GROUPS = (
    ("Chair", ("chair",)),
    ("Non-executive members", ("non_executive_member",)),
    ("Executive members", EXECUTIVES),
    ("Partner members", ("partner_member",)),
)
_About = Callable[[str], tuple[Finding, ...]]


NO_ROLE = "(no role)"
"""How the map names a member whose role is not given (FMT-001 reports it)."""


def picture(result: FileResult) -> Picture:
    """The map of ``result``; ValueError if the file could not be checked."""
    if result.model is None:
        raise ValueError(f"{result.path}: the file could not be checked, so there is no map")
    structure = result.model.identified
    findings = result.findings
    claimed: set[int] = set()
    # Each finding under every pointer it is on or below, so an element finds its
    # own by a look-up, not a pass over every finding (a pass per element was
    # quadratic in a large file).
    under: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        parts = finding.node.split("/")
        for end in range(2, len(parts) + 1):
            under.setdefault("/".join(parts[:end]), []).append(index)

    def about(node: str) -> tuple[Finding, ...]:
        """Open findings on ``node`` or below it that no element asked for first."""
        if not node:  # an element without a pointer would otherwise claim everything
            return ()
        found = []
        for index in under.get(node, ()):
            if index not in claimed:
                found.append(findings[index])
                claimed.add(index)
        return tuple(found)

    # Members first: what is left under /board after them is the board's own.
    groups = _groups(structure, about)
    board_gaps = about("/board")
    committees = {
        f"c{i}": _committee(structure, f"c{i}", c, about(c.pointer))
        for i, c in enumerate(structure.committees)
    }
    children, detached = _tree(structure.committees)
    ids = {c.id for c in structure.committees}
    places = tuple(
        _place(structure, f"p{i}", p, about(p.pointer)) for i, p in enumerate(structure.places)
    )
    decisions = _decisions(structure, about)
    place_keys = {p.id: f"p{i}" for i, p in enumerate(structure.places) if p.id}
    serves = tuple(
        (f"c{i}", place_keys[c.place])
        for i, c in enumerate(structure.committees)
        if c.type == "place" and c.place in place_keys
    )
    board = Box(
        key="board",
        kind="board",
        title=structure.icb.name or NO_ICB_NAME,
        lines=(Line(_board_summary(structure)), *_icb_lines(structure)),
        gaps=board_gaps,
        node="/board",
    )
    other = tuple(f for i, f in enumerate(findings) if i not in claimed)
    detached_keys = set(detached)
    return Picture(
        icb=board.title,
        board=board,
        groups=groups,
        committees={
            key: _detach(structure, box, ids) if key in detached_keys else box
            for key, box in committees.items()
        },
        children=children,
        detached=detached,
        places=places,
        decisions=decisions,
        other_gaps=other,
        serves=serves,
    )


def _icb_lines(structure: Model) -> tuple[Line, ...]:
    """Format 2's facts about the ICB itself: its history, cluster and delegated functions."""
    icb = structure.icb
    lines = []
    if icb.predecessors:
        merged = " and ".join(p.name for p in icb.predecessors if p.name)
        lines.append(Line(f"merged from {merged}"))
    if icb.cluster is not None and icb.cluster.icbs:
        lines.append(Line(f"in a cluster with {', '.join(icb.cluster.icbs)}"))
    functions = [words(f.function) for f in icb.delegated_functions if f.function]
    if functions:
        lines.append(Line(f"delegated by {NHS_ENGLAND}: {', '.join(functions)}"))
    return tuple(lines)


def _board_summary(structure: Model) -> str:
    board = structure.board
    summary = f"unitary board: {plural(len(board.members), 'voting member')}"
    if board.participants:
        summary += f", {plural(len(board.participants), 'participant')}"
    if board.quorum is not None and board.quorum.minimum is not None:
        summary += f"; quorum {board.quorum.minimum}"
    return summary


def _person(person: Person, detail: str | None, gaps: tuple[Finding, ...]) -> Line:
    if person.shared_with:
        shared = f"shared with {plural(len(person.shared_with), 'other ICB')}"
        detail = f"{detail}; {shared}" if detail else shared
    text = person.label if not detail else f"{person.label} ({detail})"
    return Line(text, gaps, person.pointer)


def _groups(structure: Model, about: _About) -> tuple[Box, ...]:
    boxes: list[Box] = []
    grouped: set[int] = set()
    for number, (title, roles) in enumerate(ROLE_GROUPS):
        lines = []
        for index, person in enumerate(structure.board.members):
            if person.role in roles:
                grouped.add(index)
                lines.append(_person(person, _detail(person, title), about(person.pointer)))
        if lines:
            boxes.append(Box(f"g{number}", "group", title, tuple(lines)))
    others = [
        _person(p, words(p.role or NO_ROLE), about(p.pointer))
        for i, p in enumerate(structure.board.members)
        if i not in grouped
    ]
    if others:
        boxes.append(Box("g4", "group", "Other voting members", tuple(others)))
    if structure.board.participants:
        lines = [
            _person(
                p,
                p.organisation if p.role == "other" else words(p.role or NO_ROLE),
                about(p.pointer),
            )
            for p in structure.board.participants
        ]
        boxes.append(Box(PARTICIPANTS, "group", "Non-voting participants", tuple(lines)))
    return tuple(boxes)


def _detail(person: Person, group: str) -> str | None:
    if group == "Executive members":
        return words(person.role or NO_ROLE)
    if group == "Partner members":
        if person.nominated_by is None:
            return "nominating sector not given"
        return f"nominated by {words(person.nominated_by)}"
    return None


def _committee(structure: Model, key: str, committee: Committee, gaps: tuple[Finding, ...]) -> Box:
    lines = [Line(f"chair: {structure.label(committee.chair)}")]
    if committee.type == "place" and committee.place is not None:
        lines.append(Line(f"place committee for {structure.label(committee.place)}"))
    if committee.type == "joint":
        partners = ", ".join(committee.partners) or "partners not given"
        lines.append(Line(f"joint committee with {partners}"))
        if committee.icb_member is not None:
            lines.append(Line(f"the ICB's member: {structure.label(committee.icb_member)}"))
    count = len(committee.member_ids) + len(committee.external)
    if count:
        extra = f", {len(committee.external)} from outside the board" if committee.external else ""
        lines.append(Line(plural(count, "member") + extra))
    return Box(key, "committee", committee.label, tuple(lines), gaps, committee.pointer)


def _place(structure: Model, key: str, place: Place, gaps: tuple[Finding, ...]) -> Box:
    lines = []
    if place.population is not None:
        lines.append(Line(f"population {place.population:,}"))
    if place.participants:
        lines.append(Line(plural(len(place.participants), "partner") + " taking part"))
    for committee in structure.committees:
        if committee.type == "place" and committee.place == place.id:
            lines.append(Line(f"the ICB decides here through {committee.label}"))
    return Box(key, "place", place.label, tuple(lines), gaps, place.pointer)


def _detach(structure: Model, box: Box, ids: set[str | None]) -> Box:
    """``box`` as a committee attached to nothing, saying why."""
    target = structure.committees[int(box.key[1:])].reports_to
    if target is None:
        why = "reports to: not given"
    elif target in ids:
        why = f"reports to {structure.label(target)}: a loop"
    else:
        why = f"reports to {target}: not the board or a committee"
    lines = (*box.lines, Line(f"{GAP} {why}"))
    return Box(box.key, "detached", box.title, lines, box.gaps, box.node)


def _tree(committees: Iterable[Committee]) -> tuple[dict[str, list[str]], tuple[str, ...]]:
    """Committee keys by parent key, and the committees attached to nothing.

    A committee hangs from the board, or from the first committee with the id
    it reports to. One whose line is missing or unknown, or which is part of a
    loop, is detached (the loop is cut there, so the drawing is always a tree);
    those reporting to it still hang from it.
    """
    committees = list(committees)
    first: dict[str, str] = {}
    for index, committee in enumerate(committees):
        first.setdefault(committee.id or "", f"c{index}")
    parent: dict[str, str | None] = {}
    for index, committee in enumerate(committees):
        target = committee.reports_to
        key = f"c{index}"
        if target == BOARD:
            parent[key] = BOARD
        else:
            parent[key] = first.get(target) if target is not None else None
    # Each committee is walked up once: a walk stops at the board, at nothing,
    # or at a committee an earlier walk went through (``done``); coming back to
    # one of its own steps means the steps from there on are a loop.
    done: set[str] = set()
    for key in parent:
        path: list[str] = []
        steps: dict[str, int] = {}
        step: str | None = key
        while step is not None and step != BOARD and step not in done:
            if step in steps:
                for member in path[steps[step] :]:  # cut the loop at every committee on it
                    parent[member] = None
                break
            steps[step] = len(path)
            path.append(step)
            step = parent[step]
        done.update(path)
    children: dict[str, list[str]] = {}
    for key, up in parent.items():
        if up is not None:
            children.setdefault(up, []).append(key)
    return children, tuple(key for key, up in parent.items() if up is None)


def _decisions(structure: Model, about: _About) -> tuple[tuple[str | None, Box], ...]:
    """The decision map per decider, the board first, then in order of first mention."""
    keys: dict[str, str] = {BOARD: "board"}
    for index, committee in enumerate(structure.committees):
        keys.setdefault(committee.id or "", f"c{index}")
    for index, place in enumerate(structure.places):
        keys.setdefault(place.id or "", f"p{index}")
    people = structure.people
    by_decider: dict[str | None, list[Delegation]] = {}
    for delegation in sorted(structure.decisions, key=lambda d: d.decided_by != BOARD):
        by_decider.setdefault(delegation.decided_by, []).append(delegation)
    out: list[tuple[str | None, Box]] = []
    for number, (decider, delegations) in enumerate(by_decider.items()):
        lines = tuple(
            Line(_function(structure, d), about(d.pointer), d.pointer) for d in delegations
        )
        if decider is None:
            title, key = "Decider not given", None
        elif decider == BOARD:
            title, key = "Decided by the board", "board"
        elif decider in keys:
            title, key = f"Decided by {structure.label(decider)}", keys[decider]
        elif decider in people:
            title, key = f"Decided by {people[decider].label}", None
        else:
            title, key = f"Decided by {decider} (not in the constitution)", None
        kind = "decisions" if decider is not None and (key or decider in people) else "unknown"
        out.append((key, Box(f"d{number}", kind, title, lines)))
    return tuple(out)


def _function(structure: Model, delegation: Delegation) -> str:
    text = delegation.function or ""
    if delegation.delegated_function is not None:
        text += f" (delegated by {NHS_ENGLAND})"
    if delegation.accountable is not None and delegation.accountable != delegation.decided_by:
        text += f" (accountable: {structure.label(delegation.accountable)})"
    elif delegation.accountable is None and delegation.kind == "delegated":
        text += " (accountable: not given)"
    for relation in delegation.relationships:
        if relation.body is not None and relation.kind is not None:
            text += f"; {words(relation.kind)}: {structure.label(relation.body)}"
    return text
