"""The per-user secret that vouches for result cache entries (icscheck/cache.py).

Thirty-two random bytes in ``cache.key``, in the user's state folder
(``platformdirs``: ``~/.local/state/icscheck`` on Linux) or ``ICSCHECK_STATE_DIR``,
made on first use. It lives apart from the cache folder on purpose: a cache
folder copied, restored or planted from elsewhere cannot bring a key with it,
so its entries are never believed. The file must be a regular file (not a
link) that belongs to the user and that only they can read or write (0600);
any other is refused, never used and never repaired, because a key someone
else could read or replace vouches for nothing.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from pathlib import Path

KEY_BYTES = 32
KEY_FILE = "cache.key"
_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class KeyRefused(Exception):
    """The key cannot be used; the message says why, for a one-line warning."""


def load(path: Path) -> bytes:
    """The key in ``path``, made there first if there is none; KeyRefused if unusable."""
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    _make(path)
    try:
        return _read(path)
    except FileNotFoundError:
        raise KeyRefused(f"the cache key {path} could not be made") from None


def _read(path: Path) -> bytes:
    try:
        handle = os.open(path, _READ)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise KeyRefused(f"the cache key {path} cannot be read: {error.strerror}") from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise KeyRefused(f"the cache key {path} is not a regular file")
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            raise KeyRefused(f"the cache key {path} belongs to another user")
        if info.st_mode & 0o077:
            raise KeyRefused(f"the cache key {path} can be read or written by other users")
        data = os.read(handle, KEY_BYTES + 1)
    finally:
        os.close(handle)
    if len(data) != KEY_BYTES:
        raise KeyRefused(f"the cache key {path} is damaged (not {KEY_BYTES} bytes)")
    return data


def _make(path: Path) -> None:
    """Write a new key to ``path`` whole, unless another process has just done so."""
    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise KeyRefused(
            f"the cache key's folder {folder} cannot be made: {error.strerror}"
        ) from None
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise KeyRefused(f"the cache key's folder {folder} is a link or writable by others")
    temporary = ""
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")  # 0600
        with os.fdopen(handle, "wb") as stream:
            stream.write(secrets.token_bytes(KEY_BYTES))
        os.link(temporary, path)  # never over a key another process wrote meanwhile
    except FileExistsError:
        pass
    except OSError as error:
        raise KeyRefused(f"the cache key {path} cannot be written: {error.strerror}") from None
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
