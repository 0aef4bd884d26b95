"""Write a file the user asked for, all at once or not at all.

``icscheck init`` writes a starter constitution and every ``--output`` option
writes a report: if the run fails half-way, or another process is writing the
same name, the user must find either the old file or the whole new one, never
half of one, and never a file replaced that they did not ask to replace.
A target that is not a file (``/dev/null``, a terminal, a named pipe) is
written through, as a shell redirection would, never replaced.
"""

from __future__ import annotations

import os
import secrets
import stat
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
    ``path`` to a file is replaced, never written through. With ``overwrite``,
    a device, named pipe or socket at ``path`` (or at the end of its links,
    as with ``/dev/stdout``) is written through instead, and a replaced file
    keeps its permissions.
    """
    target = Path(path)
    if path.endswith(("/", os.sep)) or target.is_dir():
        raise UsageError(f"{path} names a directory; give the name of the file to write")
    if not overwrite and os.path.lexists(target):
        raise UsageError(f"{path} already exists; use --force to overwrite")
    mode = None
    if overwrite:
        try:
            found: os.stat_result | None = os.stat(target)
        except OSError:
            found = None  # missing, or a dangling link: a new file takes the name
        if found is not None and not stat.S_ISREG(found.st_mode):
            found = _write_through(path, text)
            if found is None:
                return
        if found is not None:
            mode = stat.S_IMODE(found.st_mode)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    try:
        # O_EXCL: never reuse a file (or follow a link) someone else put there.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise UsageError(f"{path}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            if mode is not None:
                os.chmod(temporary, mode)  # a report kept private stays private
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


def _write_through(path: str, text: str) -> os.stat_result | None:
    """Write ``text`` into the device or pipe at ``path``, as a shell redirection would.

    Renaming a file over ``/dev/null`` would replace the device for everyone,
    and a reader of a named pipe would never see the text. No O_CREAT: if
    the device has gone meanwhile, nothing is created in its place. Returns
    None once written, or the status of the regular file found there instead
    (swapped in since the check), which the caller replaces as a file.
    """
    try:
        handle = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise UsageError(f"{path}: cannot write: {error.strerror}") from None
    try:
        found = os.fstat(handle)
        if stat.S_ISREG(found.st_mode):
            return found
        # Unbuffered: a failed write (a full device, a pipe closed) is reported once.
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(handle, data) :]
    except OSError as error:
        raise UsageError(f"{path}: cannot write: {error.strerror}") from None
    finally:
        os.close(handle)
    return None


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
