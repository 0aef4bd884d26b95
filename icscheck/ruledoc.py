"""A rule's docstring, split into the parts its documentation is made of.

yamllint's model: the docstring is the rule's only documentation, and
docs/rules.md, ``icscheck rule ID`` and SARIF all read it from here. Its form:

- the first line: the title, what a compliant constitution does;
- prose: what the rule checks and why;
- ``Fails:`` alone on a line, a blank line, then a whole (small) constitution
  in YAML that breaks the rule, every line indented four spaces;
- ``Passes:`` in the same form: a constitution the rule accepts.

tests/rules/test_examples.py runs both examples, so they cannot drift from
what the rule does; tests/test_meta.py insists that every rule has them.
"""

from __future__ import annotations

import inspect
import textwrap
from dataclasses import dataclass

FAILS = "Fails:"
PASSES = "Passes:"
INDENT = "    "


@dataclass(frozen=True, slots=True)
class RuleDoc:
    title: str
    prose: str
    fails: str
    """The failing example (YAML, ending in a newline), or "" if the docstring has none."""
    passes: str
    """The passing example, likewise."""


def parse_docstring(docstring: str) -> RuleDoc:
    """Split a rule module's docstring; ValueError if an example is malformed."""
    title, _, body = inspect.cleandoc(docstring).partition("\n")
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in body.splitlines():
        if line in (FAILS, PASSES):
            if line in sections:
                raise ValueError(f"{line} appears twice")
            current = line
            sections[current] = []
        elif current and line.strip() and not line.startswith(INDENT):
            # Prose after an example would silently join it: say so instead.
            raise ValueError(f"the {current} example must be indented {len(INDENT)} spaces")
        else:
            sections[current].append(line)
    return RuleDoc(
        title=title.strip(),
        prose="\n".join(sections[""]).strip(),
        fails=_example(sections.get(FAILS)),
        passes=_example(sections.get(PASSES)),
    )


def _example(lines: list[str] | None) -> str:
    if lines is None:
        return ""
    text = textwrap.dedent("\n".join(lines)).strip("\n")
    return text + "\n" if text else ""
