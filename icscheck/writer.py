"""Write a file the user asked for, all at once or not at all.

``icscheck init`` writes a starter constitution and every ``--output`` option
writes a report: if the run fails half-way, or another process is writing the
same name, the user must find either the old file or the whole new one, never
half of one, and never a file replaced that they did not ask to replace.
"""

from __future__ import annotations

import os
import secrets
from contextlib import suppress
from pathlib import Path

from icscheck.errors import UsageError


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
