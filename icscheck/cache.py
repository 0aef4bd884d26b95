"""A result cache keyed by file content, trusted only for what icscheck itself wrote.

pre-commit and CI run icscheck on every commit, mostly over files that did not
change. A result depends only on the file's bytes, the icscheck version (and so
its rules), the rules selected for the file with their severities, and the date
(waivers expire); an entry's name is a SHA-256 of exactly those. The path is
not in the key: results are stored without it and given the path they are
read for.

The cache is a folder anyone with write access can fill, and an answer read
from it decides a gate, so (docs/security.md):

- each entry carries an HMAC-SHA-256 of its name and body under a per-user
  key (``key.py``) kept outside the cache folder, so only icscheck's own write
  of that result, for that content, is believed: an entry copied from a
  passing file onto a failing file's name, or a folder restored from
  elsewhere with entries and a key of its own, is a miss;
- an entry is read as a bounded regular file (never through a link, never a
  FIFO or device), and every field is checked (icscheck/codec.py);
- a folder that is a link, not ours, or writable by group or others is
  refused with a warning, and the cache is off for the run;
- entries are written to a temporary file and renamed into place, so
  concurrent processes never see half an entry, and the temporary file goes
  on every failure (a full disk leaves nothing behind).

The key holds the date, so without pruning the folder would grow by an entry
per file per day (issue 13). An entry's modification time is when it was
last used (a hit older than a day touches it), and at most once a day a run
removes the entries unused for ``cache-max-age`` days (30 by default).
Pruning and ``icscheck cache clear`` remove only what icscheck names as its
own (``ENTRY``, the temporary files, the prune mark), only regular files,
never through a link, and only in a folder ``refusal`` accepts.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import hmac
import json
import os
import re
import stat
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from icscheck import __version__, vocabulary
from icscheck.codec import file_data, file_result, model_data, model_from_data
from icscheck.errors import UsageError
from icscheck.key import KEY_FILE
from icscheck.overrides import GateOff, Lapsed
from icscheck.result import FileResult
from icscheck.rules.base import Checker, Rule

FORMAT = 4
"""Version of the entry layout; part of the key."""
MAX_ENTRY = 64 * 1024 * 1024
"""The largest entry written or read (a 10 MiB constitution's is a few MiB)."""
_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
ENTRY = re.compile(r"[0-9a-f]{64}\.json|\.tmp-[A-Za-z0-9_]+\.json")
"""The names icscheck writes in the cache folder: entries and their temporary files."""
MARK = ".pruned"
"""Its modification time is when the folder was last pruned."""
DAY = 24 * 60 * 60


@dataclass(frozen=True)
class Cache:
    """Where entries live and the key that vouches for them."""

    folder: Path
    key: bytes
    """The per-user secret (icscheck/key.py); never written into ``folder``."""


def refusal(folder: Path) -> str | None:
    """Why ``folder`` cannot hold the cache, or None when it can (or does not exist yet)."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot be looked at: {error.strerror}"
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return "belongs to another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "is writable by other users (group or world)"
    return None


def key(
    raw: bytes,
    checkers: Sequence[Checker],
    on: _dt.date,
    lapsed: Sequence[Lapsed] = (),
    lapsed_gate: GateOff | None = None,
) -> str:
    """The entry name for checking ``raw`` with ``checkers`` as on date ``on``, with the
    run's ``lapsed`` overrides and lapsed gate (WAIVE-002's findings name them), and the
    vocabulary's spelling of the body the Act names (the messages name it)."""
    digest = hashlib.sha256()
    header = {
        "format": FORMAT,
        "version": __version__,
        "rules": [list(checker.identity) for checker in checkers],
        "on": on.isoformat(),
        "lapsed": [item.describe() for item in lapsed],
        "gate": None if lapsed_gate is None else lapsed_gate.describe(),
        # The rules' messages name the body as vocabulary.py spells it, which a rename
        # (the Health Bill's move of NHS England's functions) changes without a release.
        "body": vocabulary.NHS_ENGLAND,
    }
    digest.update(json.dumps(header, sort_keys=True).encode())
    digest.update(b"\0")
    digest.update(raw)
    return digest.hexdigest()


def _mac(cache: Cache, name: str, body: bytes) -> bytes:
    return hmac.new(cache.key, name.encode() + b"\0" + body, hashlib.sha256).hexdigest().encode()


def get(cache: Cache, name: str, path: str, *, model: bool = True) -> FileResult | None:
    """The cached result for entry ``name``, for ``path``; None on a miss. Without ``model``
    the result's Model is not read back (``Run.keep_model``)."""
    raw = _read(cache.folder / f"{name}.json")
    if raw is None:
        return None
    mac, _, body = raw.partition(b"\n")
    if not hmac.compare_digest(mac, _mac(cache, name, body)):
        return None  # not icscheck's write of this result for this content
    try:
        data = json.loads(body)
        found = None if data["model"] is None or not model else model_from_data(data["model"])
        result = file_result(data["result"], path, found)
    except Exception:  # whatever is wrong with an entry, the file is checked again
        return None
    _used(cache.folder / f"{name}.json")
    return result


def _used(path: Path) -> None:
    """Mark an entry used today, so pruning keeps it; at most one write a day per entry."""
    with contextlib.suppress(OSError):
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and info.st_mtime < time.time() - DAY:
            os.utime(path)


def _read(path: Path) -> bytes | None:
    """The entry's bytes: a regular file, not a link, within MAX_ENTRY; None otherwise."""
    try:
        handle = os.open(path, _READ)
    except OSError:
        return None  # missing, a link (O_NOFOLLOW), unreadable
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY:
            return None
        chunks, total = [], 0
        while chunk := os.read(handle, min(1024 * 1024, MAX_ENTRY + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_ENTRY:
                return None
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(handle)


def put(cache: Cache, name: str, result: FileResult, rules: Sequence[Rule]) -> None:
    """Store ``result`` under ``name``; a cache that cannot be written is skipped."""
    entry = {
        "result": file_data(result, {rule.id: rule for rule in rules}),
        "model": None if result.model is None else model_data(result.model),
    }
    try:
        body = json.dumps(entry).encode()
    except (ValueError, TypeError):
        return  # data JSON cannot hold: check again next time
    if len(body) > MAX_ENTRY:
        return
    data = _mac(cache, name, body) + b"\n" + body
    try:
        cache.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache.folder, prefix=".tmp-", suffix=".json")
    except OSError:
        return  # no room, no permission
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, cache.folder / f"{name}.json")
    except OSError:
        pass  # a full disk, say: check again next time
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # gone already once renamed into place


def prune(cache: Cache, max_age_days: int, *, now: float | None = None) -> int:
    """Remove the entries unused for ``max_age_days``, at most once a day; how many went."""
    now = time.time() if now is None else now
    mark = cache.folder / MARK
    try:
        if os.lstat(mark).st_mtime > now - DAY:
            return 0
    except FileNotFoundError:
        pass
    except OSError:
        return 0
    if refusal(cache.folder) is not None:
        return 0
    removed, kept = _remove(cache.folder, older_than=now - max_age_days * DAY)
    if not kept:
        return removed  # an empty folder costs nothing to look at: no mark in it
    with contextlib.suppress(OSError):
        flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        os.close(os.open(mark, flags, 0o600))
        os.utime(mark, (now, now))
    return removed


def clear(folder: Path) -> int:
    """Remove every entry icscheck wrote in ``folder``; how many. A CacheRefused if the
    folder is one the cache would refuse (a link, another user's, writable by others)."""
    why = refusal(folder)
    if why is not None:
        raise CacheRefused(f"the cache folder {folder} {why}; nothing was removed")
    removed, _ = _remove(folder, older_than=None)
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISLNK(os.lstat(folder / MARK).st_mode):
            os.unlink(folder / MARK)
    return removed


def _remove(folder: Path, older_than: float | None) -> tuple[int, int]:
    """Unlink icscheck's own regular files in ``folder`` (older than a time, if given):
    how many went, and how many were kept."""
    removed = kept = 0
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return 0, 0
    for item in listing:
        if not ENTRY.fullmatch(item.name):
            continue
        try:
            info = item.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            if older_than is not None and info.st_mtime >= older_than:
                kept += 1
                continue
            os.unlink(item.path)
            removed += 1
        except OSError:
            continue  # gone already (another process pruning), or not ours to remove
    return removed, kept


class CacheRefused(UsageError):
    """``cache clear`` was pointed at a folder the cache would not use."""


def open_cache(folder: Path, key_file: Path) -> tuple[Cache | None, str | None]:
    """The cache in ``folder``, vouched for by the key in ``key_file``; or None, and why not.

    The reason is one line for the command line to show: the run goes on
    without the cache, checking every file afresh.
    """
    off = "; the result cache is off for this run"
    why = refusal(folder)
    if why is not None:
        return None, f"the cache folder {folder} {why}{off}"
    inside = os.path.abspath(key_file).startswith(os.path.join(os.path.abspath(folder), ""))
    if inside:
        return None, f"the cache key {key_file} is inside the cache folder {folder}{off}"
    from icscheck.key import KeyRefused, load

    try:
        return Cache(folder, load(key_file)), None
    except KeyRefused as error:
        return None, f"{error}{off}"


def on_ci(environ: Mapping[str, str]) -> bool:
    """Whether ``environ`` is a CI job's (``CI`` set, as GitHub, GitLab and others set it)."""
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def locations(environ: Mapping[str, str], folder_given: Path | None = None) -> tuple[Path, Path]:
    """The cache folder and the key file: ``--cache-dir`` (``folder_given``), else
    ``ICSCHECK_CACHE_DIR``, else the user cache folder; ``ICSCHECK_STATE_DIR``, else the
    user state folder, for the key."""
    from platformdirs import user_cache_path, user_state_path

    folder = str(folder_given) if folder_given is not None else environ.get("ICSCHECK_CACHE_DIR")
    state = environ.get("ICSCHECK_STATE_DIR")
    return (
        Path(folder) if folder else user_cache_path("icscheck", appauthor=False),
        (Path(state) if state else user_state_path("icscheck", appauthor=False)) / KEY_FILE,
    )
