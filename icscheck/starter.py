"""The starter constitution ``icscheck init`` writes, and the safe write it and ``schema -o`` use.

The starter is a packaged, commented template (``templates/starter.yaml``)
that meets every rule; every value a board secretary must fill in is marked
with ``PLACEHOLDER``. Its first line points the YAML language server at
``SCHEMA_FILE`` in the same folder, which ``icscheck schema -o`` writes.
"""

from __future__ import annotations

import io
import os
import secrets
from contextlib import suppress
from importlib.resources import files
from pathlib import Path

from icscheck.errors import UsageError

TEMPLATE = "starter.yaml"
PLACEHOLDER = "[TO COMPLETE"
"""Marks every value to fill in, in the value or in a comment on its line."""
SCHEMA_FILE = "constitution.schema.json"
"""The schema file the template's ``# yaml-language-server: $schema=`` line names."""
ICB_NAME = '"[TO COMPLETE: the ICB\'s name, e.g. NHS Example Integrated Care Board]"'
"""The template's ``icb.name`` value, exactly as written, which ``--icb`` replaces."""


def template() -> str:
    """The packaged starter, as written."""
    return (files("icscheck") / "templates" / TEMPLATE).read_text(encoding="utf-8")


def render(icb_name: str | None = None) -> str:
    """The starter constitution, with ``icb_name`` as ``icb.name`` when given."""
    text = template()
    if icb_name is None:
        return text
    if not icb_name.strip():
        raise UsageError("--icb: the ICB's name must not be empty")
    line = f"  name: {ICB_NAME}\n"
    # The template has this line once; replacing the value alone keeps every comment.
    assert text.count(line) == 1, "the starter template's icb.name line has changed"
    return text.replace(line, f"  name: {yaml_string(icb_name)}\n")


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


def write_text(path: str, text: str, *, overwrite: bool) -> None:
    """Write ``text`` to ``path`` (UTF-8) all at once, or not at all.

    The text goes to a temporary file in the same folder, which then takes
    ``path``'s name, so a reader never sees half a file and a failed write
    leaves nothing behind. Without ``overwrite`` an existing ``path`` is never
    replaced, even one created while writing (a hard link cannot clobber). A
    directory is never written into or replaced, and a symbolic link at
    ``path`` is replaced, never written through.
    """
    target = Path(path)
    if path.endswith(("/", os.sep)) or target.is_dir():
        raise UsageError(f"{path} names a directory; give the name of the file to write")
    if not overwrite and os.path.lexists(target):
        raise UsageError(f"{path} already exists; use --force to overwrite")
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    try:
        # O_EXCL: never reuse a file (or follow a link) someone else put there.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise UsageError(f"{path}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        _publish(temporary, target, overwrite)
    except FileExistsError:
        raise UsageError(f"{path} already exists; use --force to overwrite") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot write: {error.strerror}") from None
    finally:
        with suppress(FileNotFoundError):
            temporary.unlink()


def _publish(temporary: Path, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # fails if target exists, however it got there
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: checked above, so replace.
        if os.path.lexists(target):
            raise FileExistsError(str(target)) from None
        os.replace(temporary, target)
