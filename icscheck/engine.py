"""Read every file, and check each through the cache (icscheck/checker.py runs the rules).

A file that cannot be read is a result, not a crash: one bad file never stops
the others. Everything a check depends on (the rules, the date, the cache)
comes in the Run (icscheck/run.py).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from icscheck import cache
from icscheck.checker import check_document
from icscheck.documents import is_document
from icscheck.errors import LoadError
from icscheck.reader import human_size, read_bytes
from icscheck.result import FileResult, Report
from icscheck.rules.base import Checker
from icscheck.run import Run

if TYPE_CHECKING:
    # The parser, the model and the rules' helpers are imported when a file is
    # checked, not read from the cache (issue 13, docs/performance.md).
    from icscheck.loader import Document

STDIN = "-"
"""The path that stands for standard input."""
STDIN_NAME = "<stdin>"

OnChecked = Callable[[FileResult], None]
"""Told of each file's result as soon as it is checked (the CLI's progress bar): the core
reports progress this way and never prints it."""


def _checked(document: Document, checkers: Sequence[Checker], run: Run) -> FileResult:
    """``document`` through ``checkers`` with what the run knows: the date, every rule's
    ID, and the overrides and gate past their end dates (WAIVE-002)."""
    return check_document(
        document,
        checkers,
        on=run.on,
        known=run.known,
        lapsed=run.configured.lapsed,
        lapsed_gate=run.lapsed_gate,
    )


def check_file(path: str, run: Run) -> FileResult:
    """Read and check one file; a file that cannot be read becomes the result's ``error``."""
    try:
        raw = read_bytes(path, run.settings.max_bytes)
    except LoadError as error:
        return FileResult(path=path, error=error)
    return check_bytes(path, raw, run)


def check_bytes(name: str, raw: bytes, run: Run) -> FileResult:
    """Check a constitution's bytes (a file's, or standard input's), through the cache."""
    limit = run.settings.max_bytes
    if len(raw) > limit:
        return FileResult(
            path=name, error=LoadError(name, f"is over the {human_size(limit)} limit")
        )
    checkers = run.checkers_for(name)
    if is_document(name) and not _yaml_in_text_file(name, raw):
        return _check_document_bytes(name, raw, checkers, run)
    if run.only_constitutions:
        from icscheck.loader import load_bytes

        try:
            if not is_constitution(load_bytes(name, raw).data):
                return FileResult(path=name, skipped=True)
        except LoadError:
            pass  # broken YAML is reported below, as for any file
    rules = [c.rule for c in checkers]
    store = run.cache
    entry = (
        cache.key(raw, checkers, run.on, run.configured.lapsed, run.lapsed_gate)
        if store is not None
        else None
    )
    if store is not None and entry is not None:
        hit = cache.get(store, entry, name, model=run.keep_model)
        if hit is not None:
            return hit
    from icscheck.loader import load_bytes

    try:
        result = _checked(load_bytes(name, raw), checkers, run)
    except LoadError as error:
        result = FileResult(path=name, error=error)
    if store is not None and entry is not None:
        cache.put(store, entry, result, rules)
    return result


@functools.cache
def _top_level_fields() -> frozenset[str]:
    """The format's top-level fields, read once a process: the latest version's include
    every earlier version's."""
    from icscheck.schemas import LATEST_SCHEMA, load_schema

    return frozenset(load_schema(LATEST_SCHEMA)["properties"])


def is_constitution(data: object) -> bool:
    """Whether parsed YAML is meant as an icscheck constitution.

    It is when its top level is a mapping with a key of the format's own (the version,
    ``icb``, ``board`` ...) or a near miss of ``icscheck`` (``icsheck``, ``icscheck_version``),
    so a constitution with a misspelt version key is still checked, and fails FMT-001. A
    workflow or any other YAML file shares none of those keys.
    """
    if not isinstance(data, dict):
        return False
    keys = [key.lower() for key in data if isinstance(key, str)]
    if _top_level_fields() & set(keys):
        return True
    return any(
        "icscheck" in key or difflib.SequenceMatcher(None, key, "icscheck").ratio() >= 0.75
        for key in keys
    )


_VERSION_LINE = re.compile(rb"^icscheck:", re.MULTILINE)


def _yaml_in_text_file(name: str, raw: bytes) -> bool:
    """A .txt file that gives the format version (``icscheck:`` at the start of a line) is
    a constitution in YAML saved as text, not a document to draft from."""
    return name.lower().endswith(".txt") and _VERSION_LINE.search(raw[:65536]) is not None


def _check_document_bytes(
    name: str, raw: bytes, checkers: Sequence[Checker], run: Run
) -> FileResult:
    """Draft a document (PDF, Word, web page, text) in memory and check the draft.

    Not cached: the cache stores line-located results of YAML files. The libraries
    that read documents are imported only here (the documents extra).
    """
    from icscheck.documents import read_one
    from icscheck.documents.draft import draft
    from icscheck.loader import load_bytes

    try:
        drafted = draft(read_one(name, raw), [name])
        document = replace(load_bytes(name, drafted.text.encode("utf-8")), drafted=True)
        return _checked(document, checkers, run)
    except LoadError as error:
        return FileResult(path=name, error=error)


_PAGE = re.compile(r"^(?P<stem>.+?)[-_ .]?\d+$")


def web_pages(files: Sequence[str]) -> list[str | tuple[str, ...]]:
    """``files``, with each run of numbered web pages of one stem in one folder grouped."""
    units: list[str | tuple[str, ...]] = []
    run_key: tuple[str, str] | None = None
    for path in files:
        pure = Path(path)
        match = _PAGE.match(pure.stem) if pure.suffix.lower() in (".html", ".htm") else None
        key = (str(pure.parent), match["stem"]) if match else None
        last = units[-1] if units else None
        if key is not None and key == run_key and last is not None:
            units[-1] = (*last, path) if isinstance(last, tuple) else (last, path)
        else:
            units.append(path)
        run_key = key
    return units


def check_pages(paths: tuple[str, ...], run: Run) -> FileResult:
    """Draft the pages of one web-published constitution together, and check the draft;
    the result is named by the first page, and each finding by the page it rests on."""
    from icscheck.documents import read_one
    from icscheck.documents.draft import draft
    from icscheck.loader import load_bytes

    name = paths[0]
    try:
        blocks = [
            block
            for path in paths
            for block in read_one(path, read_bytes(path, run.settings.max_bytes))
        ]
        drafted = draft(blocks, list(paths))
        document = replace(load_bytes(name, drafted.text.encode("utf-8")), drafted=True)
        return _checked(document, run.checkers_for(name), run)
    except LoadError as error:
        return FileResult(path=name, error=error)


def expand(paths: Iterable[str]) -> list[str]:
    """Files to check: each path as given; a directory's *.yaml and *.yml entries, sorted.

    Hidden directories (``.git``, ``.venv``) are not searched. Every entry
    named like a constitution that is not a directory is listed, whatever it
    is (a FIFO, a device, a dangling link): the reader refuses what it cannot
    read, by name, so a gate never passes by leaving a file out.
    """
    files: list[str] = []
    for path in paths:
        folder = Path(path)
        if path != STDIN and folder.is_dir():
            found = [
                p
                for p in folder.rglob("*")
                if p.suffix in (".yaml", ".yml")
                and not p.is_dir()
                and not any(part.startswith(".") for part in p.relative_to(folder).parts[:-1])
            ]
            # An empty directory stays, to be reported: a gate must not pass on nothing.
            files.extend([str(p) for p in sorted(found)] or [path])
        else:
            files.append(path)
    return files


def check_files(
    paths: Iterable[str], run: Run, stdin: bytes = b"", on_checked: OnChecked | None = None
) -> Report:
    """Check each path in turn (``-`` is ``stdin``); one bad file never stops the others.

    Web pages given one after another that are numbered pages of one document
    (``constitution-01.html``, ``constitution-02.html``...) are drafted and checked
    together, as one constitution published one section per page. ``on_checked`` is
    called once per result (a skipped file's too) as it is made, in the order the
    results are made: with several jobs, the order they finish in.
    """
    told = on_checked or _ignore
    files = expand(paths)
    units = web_pages(files)
    if any(isinstance(unit, tuple) for unit in units):
        results = tuple(
            _told(
                check_pages(unit, run) if isinstance(unit, tuple) else check_file(unit, run), told
            )
            for unit in units
        )
        return Report(
            files=_left_out(results, run),
            rules=run.rules,
            on=run.on,
            fail_on=run.fail_on,
            configured=run.configured,
        )
    if run.settings.jobs > 1 and len(files) > 1 and STDIN not in files:
        results = _in_parallel(files, run, told)
    else:
        results = tuple(
            _told(
                check_bytes(STDIN_NAME, stdin, run) if path == STDIN else check_file(path, run),
                told,
            )
            for path in files
        )
    if run.cache is not None:
        cache.prune(run.cache, run.settings.cache_max_age)
    return Report(
        files=_left_out(tuple(r for r in results if not r.skipped), run),
        rules=run.rules,
        on=run.on,
        fail_on=run.fail_on,
        skipped=tuple(r.path for r in results if r.skipped),
        configured=run.configured,
    )


def _left_out(results: tuple[FileResult, ...], run: Run) -> tuple[FileResult, ...]:
    """Each checked file's result naming the rules its per-file ignores left out (added
    here, not cached: where the ignore was said may change while the rules stay)."""
    if not run.configured.per_file:
        return results
    return tuple(
        result
        if result.error is not None
        else replace(result, not_run=(*result.not_run, *run.not_run_for(result.path)))
        for result in results
    )


def units(paths: Iterable[str]) -> int:
    """How many results ``check_files(paths, ...)`` makes, and so calls ``on_checked``."""
    return len(web_pages(expand(paths)))


def _ignore(result: FileResult) -> None:
    pass


def _told(result: FileResult, told: OnChecked) -> FileResult:
    told(result)
    return result


def _check_part(files: Sequence[str], run: Run) -> tuple[FileResult, ...]:
    """A worker's share of the batch: a chunk of files, checked in turn."""
    return tuple(check_file(path, run) for path in files)


def _in_parallel(files: list[str], run: Run, told: OnChecked) -> tuple[FileResult, ...]:
    """Check ``files`` in ``run.settings.jobs`` processes; the results in the files' order.

    The files go out in chunks (one pickled Run each, not one a file); each chunk's
    results are ``told`` as it finishes, so progress moves as workers finish, and are
    put back in order afterwards. The validators are compiled first, so that forked
    workers inherit them instead of each compiling its own.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from icscheck.rules.record import SchemaCheck

    for checker in run.checkers:
        if isinstance(checker.check, SchemaCheck):
            checker.check.validator()
    jobs = run.settings.jobs
    size = max(1, len(files) // (jobs * 4))
    parts = [files[start : start + size] for start in range(0, len(files), size)]
    done: dict[int, tuple[FileResult, ...]] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_check_part, part, run): number for number, part in enumerate(parts)}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            for result in done[futures[future]]:
                told(result)
    return tuple(result for number in range(len(parts)) for result in done[number])
