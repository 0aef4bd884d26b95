"""Coverage-guided fuzzing of icscheck with atheris: file content, file names, cache entries, sizes.

The first byte of each input picks what the rest is (fuzz/README.md):

- **content** (most inputs): a file's bytes, decoded, parsed, checked by every
  rule and rendered by every reporter, as ``icscheck validate`` would;
- **name**: a file name, given to a small constitution that fails, and to one
  that cannot be read, then rendered by every reporter and as stderr's line;
- **cache**: the body of a cache entry, signed with the run's key as if the
  key had leaked, read back through the cache and rendered;
- **size**: text for ``--max-file-size``;
- **document**: a PDF, Word, web or text document's bytes (the next byte picks
  which), read, drafted, checked and rendered, as ``icscheck validate
  constitution.pdf`` would (docs/documents.md).

A LoadError is an answer. Any other exception is a crash, and so is a broken
promise of docs/security.md: a finding outside the file, more than 101
findings of one rule, a control character or bidirectional control reaching
a human-readable output, a line of the text report or stderr that GitHub
Actions would run as a workflow command, a mention in Markdown, or JSON that
does not parse. libFuzzer saves crashes under fuzz/crashes/. The corpus
starts from the samples and ``SEEDS``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from icscheck import cache, untrusted
    from icscheck.bounded import MAX_SHOWN
    from icscheck.checker import check_document
    from icscheck.config import parse_size
    from icscheck.errors import LoadError
    from icscheck.loader import parse
    from icscheck.reader import LINE_BREAK, decode
    from icscheck.reporters import REPORTERS
    from icscheck.result import FileResult, Report
    from icscheck.rules.registry import builtins

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "sample_constitutions"
TODAY = dt.date(2026, 12, 3)
CHECKERS = builtins()
RULES = tuple(c.rule for c in CHECKERS)
SMALL = "icscheck: 1\nicb: {name: X, local_authorities: [A]}\nboard: {members: []}\n"
"""A constitution with findings, for the name mode."""
KEY = b"k" * 32
FOLDER = Path(tempfile.mkdtemp(prefix="icscheck-fuzz-cache-"))
STORE = cache.Cache(FOLDER, KEY)

_WAIVE = "# icscheck: waive FMT-001 reason=r approved-by=a until=2099-12-31"
SEEDS = {
    # Waiver-shaped text inside values, and real waivers beside them.
    "waiver-in-block": f"icscheck: 1\nicb:\n  name: |\n    NHS\n    {_WAIVE}\n  typo: x\n",
    "waiver-in-quoted": f"icscheck: 1\nicb: {{name: 'NHS\n  {_WAIVE}\n  ', typo: x}}\n",
    "waiver-line-breaks": f"icscheck: 1\ricb:\u2028  name: 'a\x85b'\r\n  {_WAIVE}\n  typo: x\n",
    # Brackets that are text, and nesting that is not.
    "brackets-in-text": 'icscheck: 1\nicb:\n  name: "' + "[{" * 200 + '" # ' + "[" * 200 + "\n",
    "deep-flow": "a: " + "[" * 200 + "]" * 200 + "\n",
    # YAML 1.2 core schema edges.
    "core-schema": "a: [1_000, 0b1, +0x1F, 0o17, 012, 1e1, .5, 1., -.inf, .NaN, -.nan,"
    " ~, Null, TRUE, yes, =, <<, 2022-13-01, !!int 0x10, !!float 1]\n",
    # Output injection through values.
    "workflow-command": 'icscheck: 1\nicb: {name: "x\\n::error file=PWNED.yaml::x"}\n',
    "mention": "icscheck: 1\nicb: {name: '@everyone @org/team'}\n",
    "separators": 'icscheck: 1\nboard: {deputy_chair: "a\\u2028b\\ufffe"}\n',
    # Many findings of one rule, and aliases that stand for many.
    "many": "icscheck: 1\ncommittees:\n" + "  - {}\n" * 300,
    "aliases": "icscheck: 1\nm: &m [" + ", ".join(f"x{n}" for n in range(50)) + "]\n"
    "c: &c {id: c, name: C, type: other, members: *m}\ncommittees: ["
    + ", ".join(["*c"] * 50)
    + "]\n",
}
"""Inputs the samples do not reach, each once a bug (tests/hostile.py has the rest);
each is a content input (first byte 0)."""

_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
"""What must never reach a human-readable output (a line break aside)."""


def test_one_input(data: bytes) -> None:
    mode, body = (data[0] % 8, data[1:]) if data else (0, b"")
    if mode == 4:
        _document(body)
    elif mode == 5:
        # A path is at most PATH_MAX (4,096 bytes on Linux): a 35 KB "name" once spent the
        # time budget only on printing itself once per finding in each of nine formats.
        _name(body[:4096].decode("utf-8", "surrogateescape"))
    elif mode == 6:
        _cache_entry(body)
    elif mode == 7:
        _size(body.decode("utf-8", "replace"))
    else:
        _content(body)


def _content(data: bytes) -> None:
    try:
        text = decode("fuzz.yaml", data)
        document = parse("fuzz.yaml", text)
    except LoadError as error:
        if error.line is not None and "text" in locals():
            _inside(text, error.line, error.column or 1)
        _render(FileResult(path="fuzz.yaml", error=error))
        return
    result = check_document(document, CHECKERS, on=TODAY)
    for finding in result.findings:
        _inside(text, finding.line, finding.column)
    for outcome in result.rules:
        if len(outcome.findings) > MAX_SHOWN + 1 or len(outcome.waived) > MAX_SHOWN + 1:
            raise AssertionError(f"{outcome.rule}: more than {MAX_SHOWN + 1} findings listed")
    _render(result)


DOCUMENT_SUFFIXES = (".pdf", ".docx", ".html", ".txt")


def _document(data: bytes) -> None:
    """A hostile document: a DocumentError (a LoadError) is an answer, anything else a crash."""
    from icscheck.documents import read_one
    from icscheck.documents.draft import draft

    suffix, body = (DOCUMENT_SUFFIXES[data[0] % 4], data[1:]) if data else (".txt", b"")
    name = f"fuzz{suffix}"
    try:
        drafted = draft(read_one(name, body), [name])
        document = replace(parse(name, drafted.text), drafted=True)
    except LoadError as error:
        _render(FileResult(path=name, error=error))
        return
    _render(check_document(document, CHECKERS, on=TODAY))


def _name(name: str) -> None:
    if not name:
        return
    _render(check_document(parse(name, SMALL), CHECKERS, on=TODAY))
    error = LoadError(name, "no such file")
    _render(FileResult(path=name, error=error))
    _safe_text(untrusted.line(f"icscheck: error: {error}"), "stderr")


def _cache_entry(body: bytes) -> None:
    name = hashlib.sha256(body).hexdigest()
    mac = hmac.new(KEY, name.encode() + b"\0" + body, hashlib.sha256).hexdigest().encode()
    (FOLDER / f"{name}.json").write_bytes(mac + b"\n" + body)
    try:
        result = cache.get(STORE, name, "fuzz.yaml")
    finally:
        (FOLDER / f"{name}.json").unlink()
    if result is not None:
        _render(result)


def _size(text: str) -> None:
    try:
        size = parse_size(text)
    except ValueError:
        return
    if not 0 < size <= 1024**3:
        raise AssertionError(f"{text!r} gave a size of {size}")


def _render(result: FileResult) -> None:
    report = Report(files=(result,), rules=RULES, on=TODAY)
    for name, reporter in REPORTERS.items():
        stream = io.StringIO()
        reporter(stream, color=False, width=80).write(report)
        output = stream.getvalue()
        if name in ("json", "sarif", "gitlab"):
            json.loads(output)
            if _RAW.search(output.replace("\n", "")):
                raise AssertionError(f"{name}: a raw control character")
        elif name == "markdown":
            _safe_text(output, name)
            # Code spans hold no mention; a span's fence is a run of backticks that the
            # same run closes (markdown_code lengthens it past any run inside).
            prose = re.sub(r"```mermaid\n.*?```", "", output, flags=re.S)
            prose = re.sub(r"(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)", "", prose)
            if re.search(r"(?<![0-9A-Za-z_])@(?!&#8203;)[0-9A-Za-z]", prose):
                raise AssertionError("markdown: a mention")
        else:
            _safe_text(output, name)


def _safe_text(output: str, name: str) -> None:
    if _RAW.search(output.replace("\n", "")):
        raise AssertionError(f"{name}: a raw control character")
    if name in ("text", "stderr"):
        for line in output.splitlines():
            if line.lstrip().startswith("::") or "##[" in line:
                raise AssertionError(f"{name}: a workflow command: {line!r}")


def _inside(text: str, line: int, column: int) -> None:
    lines = LINE_BREAK.split(text)
    if not (1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1):
        raise AssertionError(f"position {line}:{column} outside the file ({len(lines)} lines)")


def main() -> None:
    corpus = HERE / "work" / "corpus"
    if not corpus.is_dir():  # seed from the samples; libFuzzer adds what it finds
        corpus.mkdir(parents=True)
        for sample in sorted(SAMPLES.rglob("*.yaml")):  # as content inputs (first byte 0)
            (corpus / sample.name).write_bytes(b"\0" + sample.read_bytes())
    for name, text in SEEDS.items():  # added to an existing corpus too
        seed = corpus / f"seed-{name}.yaml"
        if not seed.exists():
            seed.write_bytes(b"\0" + text.encode("utf-8"))
    documents = HERE.parent / "sample_documents"
    for index, suffix in enumerate(DOCUMENT_SUFFIXES):  # mode 4, then the form's byte
        for sample in sorted(documents.rglob(f"*{suffix}")):
            seed = corpus / f"seed-document-{sample.name}"
            if not seed.exists():
                seed.write_bytes(bytes([4, index]) + sample.read_bytes())
    for mode, seed in ((5, "evil\n::error::x\x1b[2J.yaml"), (6, "{}"), (7, "10M")):
        path = corpus / f"seed-mode-{mode}"
        if not path.exists():
            path.write_bytes(bytes([mode]) + seed.encode())
    (HERE / "crashes").mkdir(exist_ok=True)
    args = [
        sys.argv[0],
        f"-artifact_prefix={HERE / 'crashes'}/",
        "-timeout=5",
        "-rss_limit_mb=1024",
    ]
    args += sys.argv[1:]
    if all(arg.startswith("-") for arg in sys.argv[1:]):  # no corpus or crash file given
        args.append(str(corpus))
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
