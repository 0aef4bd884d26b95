"""Read a file's text safely: the right kind of file, a bounded size, a known encoding.

Files arrive in pull requests, so nothing here trusts them: a FIFO or device is
refused before it is opened (opening a FIFO would block), the size is capped
before anything is parsed, and bytes that are not text are refused with their
position. Nothing is ever written.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from bisect import bisect_right

from icscheck.errors import LoadError

LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""The line breaks of YAML 1.2.2 §5.4, with NEL, LS and PS, which libyaml (YAML 1.1)
also counts. Every position icscheck reports counts lines by these."""

MAX_BYTES = 10 * 1024 * 1024
"""Default size limit (10 MiB): real constitutions are a few hundred lines, so
anything far larger is a mistake or an attack. ``--max-file-size`` changes it."""


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read ``path``'s bytes: a regular file, within the size limit."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise LoadError(path, _os_reason(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        # Directories are expanded before reading; one that reaches here holds no YAML.
        raise LoadError(path, "is a directory with no .yaml or .yml files")
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
        raise LoadError(path, f"is {kind}; icscheck reads regular files only")
    if info.st_size > max_bytes:
        raise LoadError(
            path, f"is {human_size(info.st_size)}, over the {human_size(max_bytes)} limit"
        )
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise LoadError(path, _os_reason(exc)) from None
    if len(raw) > max_bytes:  # the file grew after stat()
        raise LoadError(path, f"is over the {human_size(max_bytes)} limit")
    return raw


def decode(path: str, raw: bytes) -> str:
    """Decode UTF-8 (with or without a byte-order mark), or UTF-16 with one."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not raw.startswith(
        codecs.BOM_UTF32_LE
    ):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise LoadError(path, "is not valid UTF-16 text") from None
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Everything before the first bad byte is text: place it as the parser
        # places everything else, in characters, by YAML's line breaks.
        before = body[: exc.start].decode("utf-8")
        what = "binary data, not text" if b"\x00" in raw[:8192] else "not valid UTF-8 text"
        raise LoadError(path, f"is {what}", *line_column(before, len(before))) from None


def line_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based ``(line, column)`` of ``text[index]``, counting lines as YAML does."""
    breaks = list(LINE_BREAK.finditer(text, 0, index))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1


class Lines:
    """The 1-based positions of many offsets into one text, counting lines as YAML does."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(found.end() for found in LINE_BREAK.finditer(text))]

    def position(self, index: int) -> tuple[int, int]:
        line = bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1


def _os_reason(exc: OSError) -> str:
    reasons = {
        errno.ENOENT: "no such file",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ELOOP: "is a symbolic link loop",
        errno.ENAMETOOLONG: "file name too long",
        errno.EISDIR: "is a directory, not a constitution file",
    }
    return reasons.get(exc.errno or 0, f"cannot be read: {exc.strerror or exc}")


def human_size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MiB".replace(".0 MiB", " MiB")
    if count >= 1024:
        return f"{count / 1024:.1f} KiB".replace(".0 KiB", " KiB")
    return f"{count} bytes"
