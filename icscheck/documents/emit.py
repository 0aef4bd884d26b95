"""Write the draft as commented YAML (ruamel.yaml's round-trip mode): each fact with its
clause and a short quotation beside it, each unknown with where the reader looked."""

from __future__ import annotations

import datetime as _dt
import io
from typing import Any

from icscheck.documents.clauses import Clause
from icscheck.documents.facts import Fact

COMMENT = 90
"""Characters of quotation in a comment: the source's quote has the longer one."""


def mapping() -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap()


def sequence(items: Any = ()) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(items)


def flow(items: Any) -> Any:
    seq = sequence(items)
    seq.fa.set_flow_style()
    return seq


def where(clause: Clause, said: str = "") -> str:
    """``northmoor.pdf p3 §2.1.2: "a Chair;"``."""
    words = " ".join((said or clause.text).split())
    if len(words) > COMMENT:
        words = words[: COMMENT - 1].rsplit(" ", 1)[0] + "\u2026"
    return f'{clause.where()}: "{words}"'


def unknown(note: str) -> Any:
    marker = mapping()
    marker["unknown"] = note
    return marker


def put(target: Any, key: str, fact: Fact | None, value: Any = None, said: str = "") -> None:
    """``target[key]``: the fact's value with its clause beside it, or its unknown marker."""
    if fact is None:
        return
    if not fact.known:
        target[key] = unknown(fact.unknown or "not found")
        return
    target[key] = fact.value if value is None else value
    if fact.clause is not None:
        target.yaml_add_eol_comment(where(fact.clause, said), key)


def date(text: str) -> _dt.date:
    return _dt.date.fromisoformat(text)


def dump(data: Any, header: str) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096  # a comment is never folded onto a line of its own
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(data, stream)
    lines = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return lines + stream.getvalue()
