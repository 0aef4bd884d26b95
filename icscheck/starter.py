"""The starter constitution ``icscheck init`` writes (with ``icscheck.writer``).

The starter is a packaged, commented template (``templates/starter.yaml``)
that meets every rule but FMT-003; every value a board secretary must fill in is
marked with ``PLACEHOLDER``, and FMT-003 warns of each one left. Its first line points the YAML language server at
``SCHEMA_FILE`` in the same folder, which ``icscheck schema -o`` writes.
It shows every field of the latest format: those only some ICBs need (a
merged ICB's predecessors, a cluster) commented out where they go, so that
deleting the ``# `` gives a file that still passes (tests/cli/test_init.py).
"""

from __future__ import annotations

import io
from importlib.resources import files

from icscheck.errors import LoadError, UsageError

TEMPLATE = "starter.yaml"
PLACEHOLDER = "[TO COMPLETE"
"""Marks every value to fill in, in the value or in a comment on its line."""
EXAMPLE_URLS = ("https://example.org/TO-COMPLETE",)
"""The web addresses the template gives until the real ones are known (FMT-003 reports them)."""
SCHEMA_FILE = "constitution.schema.json"
"""The schema file the template's ``# yaml-language-server: $schema=`` line names."""
ICB_NAME = '"[TO COMPLETE: the ICB\'s name, e.g. NHS Example Integrated Care Board]"'
"""The template's ``icb.name`` value, exactly as written, which ``--icb`` replaces."""


def template() -> str:
    """The packaged starter, as written."""
    return (files("icscheck") / "templates" / TEMPLATE).read_text(encoding="utf-8")


def render(icb_name: str | None = None) -> str:
    """The starter constitution, with ``icb_name`` as ``icb.name`` when given.

    A name the loader would refuse is refused here, so ``init`` never writes
    a starter that ``validate`` cannot read: a lone surrogate (a byte of a
    non-UTF-8 argument, as Python decodes it), a control character, a
    bidirectional override.
    """
    text = template()
    if icb_name is None:
        return text
    if not icb_name.strip():
        raise UsageError("--icb: the ICB's name must not be empty")
    try:
        icb_name.encode("utf-8")
    except UnicodeEncodeError as error:
        # Python decodes a byte of argv that is not UTF-8 as a lone surrogate, U+DC80-U+DCFF.
        point = ord(error.object[error.start])
        code = f"byte \\x{point - 0xDC00:02x}" if 0xDC80 <= point <= 0xDCFF else f"\\u{point:04x}"
        raise UsageError(
            f"--icb: the ICB's name is not UTF-8 text ({code}); give the name in UTF-8"
        ) from None
    line = f"  name: {ICB_NAME}\n"
    # The template has this line once; replacing the value alone keeps every comment.
    assert text.count(line) == 1, "the starter template's icb.name line has changed"
    rendered = text.replace(line, f"  name: {yaml_string(icb_name)}\n")
    from icscheck.loader import parse

    try:
        parse(TEMPLATE, rendered)
    except LoadError as error:
        raise UsageError(
            f"--icb: the ICB's name cannot go in a constitution ({error.message})"
        ) from None
    return rendered


def yaml_string(text: str) -> str:
    """``text`` as one double-quoted YAML scalar that reads back exactly as ``text``.

    ruamel.yaml's emitter knows which characters YAML must escape (quotes,
    backslashes, line breaks, non-printable characters), so no quoting is
    done by hand.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_style = '"'  # type: ignore[assignment]  # ruamel annotates it as None
    yaml.allow_unicode = True
    yaml.width = 2**30  # never fold a long name onto a second line
    stream = io.StringIO()
    yaml.dump(text, stream)
    quoted = stream.getvalue().removesuffix("\n")
    assert "\n" not in quoted, quoted
    return quoted


def placeholders(text: str) -> int:
    """How many values in ``text`` still carry a ``[TO COMPLETE: ...]`` mark.

    Comment-only lines (the notes that explain the mark) are not values.
    """
    return sum(
        PLACEHOLDER in line and not line.lstrip().startswith("#") for line in text.splitlines()
    )
