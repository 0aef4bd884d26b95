"""Read a file's text safely: the right kind of file, a bounded size, a known encoding.

Files arrive in pull requests, so nothing here trusts them, including a
symbolic link in one: a FIFO, a device or a file of a kernel filesystem
(``/proc``, ``/sys``), whose size lies and whose read may block for ever, is
refused; a file is opened so that opening cannot block, checked again as
opened, and read no further than the size limit; bytes that are not text are
refused with their position. Nothing is ever written.
"""

from __future__ import annotations

import codecs
import errno
import functools
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


_OPEN = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_OPEN |= getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_CHUNK = 1024 * 1024

PSEUDO_FILESYSTEMS = frozenset(
    {
        "autofs",
        "binfmt_misc",
        "bpf",
        "cgroup",
        "cgroup2",
        "configfs",
        "debugfs",
        "devpts",
        "efivarfs",
        "fusectl",
        "mqueue",
        "nfsd",
        "proc",
        "pstore",
        "rpc_pipefs",
        "securityfs",
        "selinuxfs",
        "sysfs",
        "tracefs",
    }
)
"""Linux's kernel-interface filesystems. Their "regular" files are not files on
disk: procfs and debugfs give most a size of 0 whatever they hold, sysfs gives
4,096, and reading one can block for ever (``/proc/kmsg``, tracefs's
``trace_pipe``) or never end. No constitution lives on one."""


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read ``path``'s bytes: a regular file on a real filesystem, within the size limit.

    The path is looked at first, so that a device, FIFO or kernel file is never
    even opened (opening some devices does something). What decides is the
    descriptor: it is opened without blocking and without becoming a
    controlling terminal, checked again with ``fstat`` (so a file swapped in
    after the first look is judged as what was opened), and read in a bounded
    loop that stops one byte past the limit, whatever the size claimed.
    """
    try:
        _check(path, os.stat(path), max_bytes)
        descriptor = os.open(path, _OPEN)
    except OSError as exc:
        raise LoadError(path, _os_reason(exc)) from None
    try:
        _check(path, os.fstat(descriptor), max_bytes)
        return _read(path, descriptor, max_bytes)
    except OSError as exc:
        raise LoadError(path, _os_reason(exc)) from None
    finally:
        os.close(descriptor)


def _check(path: str, info: os.stat_result, max_bytes: int) -> None:
    """Refuse what ``info`` shows is not a constitution file icscheck may read."""
    if stat.S_ISDIR(info.st_mode):
        # Directories are expanded before reading; one that reaches here holds no YAML.
        raise LoadError(path, "is a directory with no .yaml or .yml files")
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
        raise LoadError(path, f"is {kind}; icscheck reads regular files only")
    system = filesystem(info.st_dev)
    if system in PSEUDO_FILESYSTEMS:
        what = f"links to {os.readlink(path)}, a" if os.path.islink(path) else "is a"
        raise LoadError(
            path,
            f"{what} file of the kernel's {system} filesystem, not a file on disk "
            "(its size cannot be trusted); icscheck reads regular files only",
        )
    if info.st_size > max_bytes:
        raise LoadError(
            path, f"is {human_size(info.st_size)}, over the {human_size(max_bytes)} limit"
        )


def _read(path: str, descriptor: int, max_bytes: int) -> bytes:
    """At most ``max_bytes`` from ``descriptor``, or a LoadError once it holds more."""
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = os.read(descriptor, min(_CHUNK, max_bytes + 1 - total))
        except BlockingIOError:
            raise LoadError(
                path, "cannot be read without waiting; icscheck reads regular files only"
            ) from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:  # the file grew after it was looked at, or its size lied
            raise LoadError(path, f"is over the {human_size(max_bytes)} limit")


def filesystem(device: int) -> str | None:
    """The type of the mounted filesystem ``device`` (a ``st_dev``) belongs to, where known.

    Linux names it in /proc/self/mountinfo, by device number: that finds a
    kernel filesystem wherever it is mounted, and through any symbolic link
    or bind mount, as a look at the path (``/proc``, ``/sys``) would not.
    Kernel filesystems have no disk, so their device's major number is 0;
    anything else needs no look.
    """
    if not hasattr(os, "major") or os.major(device) != 0:  # no device numbers, or a disk
        return None
    return _mounts().get((os.major(device), os.minor(device)))


@functools.cache
def _mounts() -> dict[tuple[int, int], str]:
    """Each mounted filesystem's type by device number, from /proc/self/mountinfo.

    Without it (no /proc, or not Linux), the devices of ``/proc`` and ``/sys``
    are used, where they are mounts of their own.
    """
    found: dict[tuple[int, int], str] = {}
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as mounts:
            for line in mounts:
                before, _, after = line.partition(" - ")
                fields, types = before.split(), after.split()
                if len(fields) > 2 and types:
                    major, _, minor = fields[2].partition(":")
                    if major.isdigit() and minor.isdigit():
                        found[int(major), int(minor)] = types[0]
    except OSError:
        pass
    if not found:
        for name, where in (("proc", "/proc"), ("sysfs", "/sys")):
            try:
                device, root = os.stat(where).st_dev, os.stat("/").st_dev
            except OSError:
                continue
            if device != root:
                found[os.major(device), os.minor(device)] = name
    return found


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
