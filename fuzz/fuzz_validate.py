"""Coverage-guided fuzzing of icscheck's whole in-memory pipeline with atheris.

Each input is a file's bytes: decoded, parsed, checked by every rule and
rendered by every reporter, as ``icscheck validate`` would. A LoadError is an
answer; any other exception, or a finding outside the file, is a crash that
libFuzzer saves under fuzz/crashes/. See fuzz/README.md. The corpus starts
from the samples and ``SEEDS``, inputs the samples do not reach.
"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from icscheck.engine import check_document
    from icscheck.errors import LoadError
    from icscheck.loader import parse
    from icscheck.reader import LINE_BREAK, decode
    from icscheck.reporters import REPORTERS
    from icscheck.result import Report

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "sample_constitutions"

_WAIVE = "# icscheck: waive FMT-001 reason=r approved-by=a until=2099-12-31"
SEEDS = {
    # Waiver-shaped text inside values, and real waivers beside them.
    "waiver-in-block": f"icscheck: 1\nicb:\n  name: |\n    NHS\n    {_WAIVE}\n  typo: x\n",
    "waiver-in-folded": f"icscheck: 1\nicb:\n  name: >-\n    NHS\n    {_WAIVE}\n  typo: x\n",
    "waiver-in-quoted": f"icscheck: 1\nicb: {{name: 'NHS\n  {_WAIVE}\n  ', typo: x}}\n",
    "waiver-in-plain": f"icscheck: 1\nicb:\n  name: NHS\n    \u00a0{_WAIVE}\n  typo: x\n",
    "waiver-after-block": f"icscheck: 1\nicb:\n  name: |\n    NHS\n  {_WAIVE}\n  typo: x\n",
    "waiver-on-header": f"icscheck: 1\nicb:\n  typo: &a !!str | {_WAIVE}\n    x # y\n",
    "waiver-line-breaks": f"icscheck: 1\ricb:\u2028  name: 'a\x85b'\r\n  {_WAIVE}\n  typo: x\n",
    # Brackets that are text, and nesting that is not.
    "brackets-in-text": 'icscheck: 1\nicb:\n  name: "' + "[{" * 200 + '" # ' + "[" * 200 + "\n",
    "deep-flow": "a: " + "[" * 200 + "]" * 200 + "\n",
    # YAML 1.2 core schema edges.
    "core-schema": "a: [1_000, 0b1, +0x1F, 0o17, 012, 1e1, .5, 1., -.inf, .NaN, -.nan,"
    " ~, Null, TRUE, yes, =, <<, 2022-13-01, !!int 0x10, !!float 1]\n",
}
"""Inputs the samples do not reach, each once a bug (tests/hostile.py has the rest)."""


def test_one_input(data: bytes) -> None:
    try:
        text = decode("fuzz.yaml", data)
        document = parse("fuzz.yaml", text)
    except LoadError as error:
        if error.line is not None:
            _inside(text if "text" in locals() else "", error.line, error.column or 1, data)
        return
    result = check_document(document)
    lines = LINE_BREAK.split(text)
    for finding in result.findings:
        _inside(text, finding.line, finding.column, data, lines)
    report = Report(files=(result,), ruleset="fuzz")
    for reporter in REPORTERS.values():
        reporter(io.StringIO()).write(report)


def _inside(text: str, line: int, column: int, data: bytes, lines: list[str] | None = None) -> None:
    if not text:
        return  # an undecodable file: its position counts bytes, checked by the unit tests
    lines = lines if lines is not None else LINE_BREAK.split(text)
    if not (1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1):
        raise AssertionError(f"position {line}:{column} outside the file ({len(lines)} lines)")


def main() -> None:
    corpus = HERE / "work" / "corpus"
    if not corpus.is_dir():  # seed from the samples; libFuzzer adds what it finds
        corpus.mkdir(parents=True)
        for sample in sorted(SAMPLES.rglob("*.yaml")):
            shutil.copy(sample, corpus / sample.name)
    for name, text in SEEDS.items():  # added to an existing corpus too
        seed = corpus / f"seed-{name}.yaml"
        if not seed.exists():
            seed.write_bytes(text.encode("utf-8"))
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
