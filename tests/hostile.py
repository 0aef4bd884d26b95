"""The hostile-input corpus: files that are broken by accident or crafted on purpose.

Each case builds its file in a given directory and says what icscheck must
answer (docs/security.md): the exit code, and a pattern for the one line on
stderr, or the rule of the finding it must give instead. Built at test time,
so the repository holds no 50 MB file, FIFO or symlink loop.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import SUFFOLK

Build = Callable[[Path], Path]


@dataclass(frozen=True)
class Case:
    name: str
    build: Build
    exit_code: int
    error: str | None = None
    """Regex the stderr line must match after ``icscheck: error: <path>``."""
    finding: tuple[str, int, int, str] | None = None
    """A finding (rule, line, column, message regex) it must give, for content problems."""


def _text(name: str, text: str) -> Build:
    return _bytes(name, text.encode("utf-8"))


def _bytes(name: str, data: bytes) -> Build:
    def build(directory: Path) -> Path:
        path = directory / name
        path.write_bytes(data)
        return path

    return build


def _suffolk(name: str, encode: Callable[[str], bytes]) -> Build:
    def build(directory: Path) -> Path:
        path = directory / name
        path.write_bytes(encode(SUFFOLK.read_text(encoding="utf-8")))
        return path

    return build


def _big(directory: Path) -> Path:
    path = directory / "big.yaml"
    line = b"# " + b"x" * 1021 + b"\n"
    with path.open("wb") as handle:
        handle.write(b"icscheck: 1\n")
        for _ in range(50 * 1024):  # 50 MiB
            handle.write(line)
    return path


def _directory(directory: Path) -> Path:
    path = directory / "folder.yaml"
    path.mkdir()
    return path


def _missing(directory: Path) -> Path:
    return directory / "missing.yaml"


def _unreadable(directory: Path) -> Path:
    path = directory / "secret.yaml"
    path.write_text("icscheck: 1\n", encoding="utf-8")
    path.chmod(0)
    return path


def _fifo(directory: Path) -> Path:
    path = directory / "fifo.yaml"
    os.mkfifo(path)
    return path


def _folder_with_a_fifo(directory: Path) -> Path:
    """A folder to scan: a good constitution, and a FIFO named like one."""
    folder = directory / "governance"
    folder.mkdir()
    (folder / "a-good.yaml").write_bytes(SUFFOLK.read_bytes())
    os.mkfifo(folder / "fifo.yaml")
    return folder


def _symlink_loop(directory: Path) -> Path:
    (directory / "loop-a.yaml").symlink_to(directory / "loop-b.yaml")
    (directory / "loop-b.yaml").symlink_to(directory / "loop-a.yaml")
    return directory / "loop-a.yaml"


def _link(name: str, target: Build | Path) -> Build:
    """A symbolic link ``name``, to ``target`` (a path, or what a build makes)."""

    def build(directory: Path) -> Path:
        path = directory / name
        path.symlink_to(target if isinstance(target, Path) else target(directory))
        return path

    return build


def _many_keys(directory: Path) -> Path:
    """873,000 plain keys (9 MiB, under the size limit): 1,746,000 nodes and no alias."""
    path = directory / "many.yaml"
    path.write_text("".join(f"k{n:06d}: 1\n" for n in range(873_000)), encoding="utf-8")
    return path


_HEAD = (
    "icscheck: 1\nicb:\n  name: X\n  local_authorities: [A]\n"
    "board:\n  members:\n    - {id: chair, role: chair}\n"
)


def _empty_entries(directory: Path) -> Path:
    """100,000 empty committees (706 KB): three format errors and more in each."""
    path = directory / "empty.yaml"
    path.write_text(_HEAD + "committees:\n" + "  - {}\n" * 100_000, encoding="utf-8")
    return path


def _alias_findings(directory: Path) -> Path:
    """14 KB whose aliases stand for 459 committees of 1,000 unknown members: 459,000 gaps."""
    seats = ", ".join(f"nobody-{n}" for n in range(1000))
    path = directory / "aliases.yaml"
    path.write_text(
        _HEAD
        + f"seats: &m [{seats}]\n"
        + "committee: &c {id: c, name: C, type: other, chair: nobody, reports_to: board, "
        + "members: *m}\n"
        + "committees: ["
        + ", ".join(["*c"] * 459)
        + "]\n",
        encoding="utf-8",
    )
    return path


WAIVE_UNKNOWN = 'icscheck: waive FMT-001 reason="r" approved-by="a" until=2099-12-31'
"""A waiver of FMT-001, for the unknown field ``typo`` that follows it."""

LAUGHS = 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10)
)

CASES = [
    Case("empty", _text("empty.yaml", ""), 2, r": is empty"),
    Case("comments only", _text("comments.yaml", "# nothing\n# here\n"), 2, r": is empty"),
    Case("top-level scalar", _text("scalar.yaml", "hello\n"), 2, r":1:1: holds a single value"),
    Case("top-level list", _text("list.yaml", "- a\n- b\n"), 2, r":1:1: holds a list"),
    Case(
        "several documents",
        _text("multi.yaml", "a: 1\n---\nb: 2\n"),
        2,
        r":2:1: invalid YAML: expected a single document in the stream",
    ),
    Case(
        "tab indentation",
        _text("tabs.yaml", "icb:\n\tname: x\n"),
        2,
        r":2:1: invalid YAML: .*found character '\\t' that cannot start any token",
    ),
    Case(
        "broken indentation",
        _text("indent.yaml", "icb:\n  name: x\n name2: y\n"),
        2,
        r":3:2: invalid YAML: while parsing a block mapping",
    ),
    Case(
        "unclosed quote",
        _text("quote.yaml", 'icb:\n  name: "NHS\n'),
        2,
        r":2:9: invalid YAML: a quoted value that starts here is never closed",
    ),
    Case(
        "unclosed bracket",
        _text("bracket.yaml", "a: [1, 2\nb: 3\n"),
        2,
        r":2:2: invalid YAML: while parsing a flow sequence",
    ),
    Case(
        "duplicate keys",
        _text("dup.yaml", "icscheck: 1\nicscheck: 1\n"),
        1,
        finding=("FMT-002", 2, 1, r"'icscheck' in the top level was already given at line 1"),
    ),
    Case(
        "harmless aliases",
        _text("alias.yaml", "icscheck: 1\nx: &x {a: 1}\ny: *x\n"),
        1,
        finding=("FMT-001", 3, 1, r"unknown field 'y' in the top level"),
    ),
    Case("alias bomb", _text("laughs.yaml", LAUGHS), 2, r": expands to more than 1,000,000 nodes"),
    Case(
        "python tag",
        _text("python.yaml", "icscheck: !!python/object/apply:os.system ['touch pwned']\n"),
        2,
        r":1:11: unsupported YAML tag",
    ),
    Case(
        "custom tag",
        _text("custom.yaml", "icb: !secret {name: x}\n"),
        2,
        r":1:6: unsupported YAML tag",
    ),
    Case(
        "invalid UTF-8",
        _bytes("latin1.yaml", "icb:\n  name: Caf\xe9\n".encode("latin-1")),
        2,
        r":2:12: is not valid UTF-8",
    ),
    Case("UTF-8 with BOM", _suffolk("bom8.yaml", lambda t: codecs.BOM_UTF8 + t.encode()), 0),
    Case("UTF-16 with BOM", _suffolk("bom16.yaml", lambda t: t.encode("utf-16")), 0),
    Case(
        "NUL byte",
        _bytes("nul.yaml", b"icscheck: 1\nicb:\x00\n"),
        2,
        r":2:5: contains a control character \(#x0000\)",
    ),
    Case(
        "control character",
        _bytes("ctrl.yaml", b"icscheck: 1\nicb: a\x07b\n"),
        2,
        r":2:7: contains a control character",
    ),
    Case(
        "binary file",
        _bytes("image.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"),
        2,
        r":1:1: is binary data, not text",
    ),
    Case("50 MB file", _big, 2, r": is 50 MiB, over the 10 MiB limit"),
    Case(
        "10,000-deep flow nesting",
        _text("deepflow.yaml", "a: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        2,
        r":1:103: nests deeper than 100 levels",
    ),
    Case(
        "200 brackets in a quoted value are text, not nesting",
        _text("brackets.yaml", 'icscheck: 1\nicb:\n  name: "' + "[{" * 200 + '"\n'),
        1,
        finding=("FMT-001", 1, 1, r"missing required field 'board'"),
    ),
    Case(
        "10,000-deep block nesting",
        _text("deepblock.yaml", "a:\n  " + "- " * 10_000 + "x\n"),
        2,
        r":2:\d+: nests deeper than 100 levels",
    ),
    Case(
        "1 MB single line",
        _text("long.yaml", "icscheck: 1\nnote: " + "x" * 1_000_000 + "\n"),
        1,
        finding=("FMT-001", 2, 1, r"unknown field 'note'"),
    ),
    Case("directory", _directory, 2, r": is a directory with no .yaml or .yml files"),
    Case("missing file", _missing, 2, r": no such file"),
    Case("no read permission", _unreadable, 2, r": permission denied"),
    Case("FIFO", _fifo, 2, r": is a FIFO"),
    Case("a symbolic link to a FIFO", _link("tofifo.yaml", _fifo), 2, r": is a FIFO"),
    Case(
        "a FIFO named *.yaml in a folder being scanned",
        _folder_with_a_fifo,
        2,
        r"/fifo.yaml: is a FIFO; icscheck reads regular files only",
    ),
    Case(
        "a symbolic link to a device",
        _link("zero.yaml", Path("/dev/zero")),
        2,
        r": is not a regular file; icscheck reads regular files only",
    ),
    Case(
        # procfs says 0 bytes; /proc/kmsg's read would block for ever (Linux only).
        "a symbolic link to a procfs file",
        _link("proc.yaml", Path("/proc/self/status")),
        2,
        r": links to /proc/self/status, a file of the kernel's proc filesystem, not a file on "
        r"disk \(its size cannot be trusted\); icscheck reads regular files only",
    ),
    Case("symlink loop", _symlink_loop, 2, r": is a symbolic link loop"),
    Case(
        "version as a float",
        _text("float.yaml", "icscheck: 1\nicb:\n  constitution:\n    version: 1.10\n"),
        1,
        finding=(
            "FMT-001",
            4,
            5,
            r"version: expected a string, found a number \(put the value in quotes\)",
        ),
    ),
    Case(
        "YAML merge keys",
        _text(
            "merge.yaml",
            "icscheck: 1\nboard:\n  members:\n    - &ned {id: ned-1, role: non_executive_member}\n"
            "    - <<: *ned\n      id: ned-2\n",
        ),
        1,
        finding=("FMT-001", 1, 1, r"missing required field 'icb'"),
    ),
    Case(
        "1_000 is text by YAML 1.2's core schema, not a number",
        _text("underscore.yaml", "icscheck: 1\nboard:\n  quorum:\n    minimum: 1_000\n"),
        1,
        finding=("FMT-001", 4, 5, r"board.quorum.minimum: expected a whole number, found a string"),
    ),
    Case(
        "1e1 is a number, not a whole number, where the format asks for a count",
        _text("exponent.yaml", "icscheck: 1\nplace_partnerships:\n  - {id: p, population: 1e1}\n"),
        1,
        finding=(
            "FMT-001",
            3,
            13,
            r"place_partnerships\[0\].population: expected a whole number, found a number",
        ),
    ),
    Case(
        "an explicit tag with a value outside the core schema",
        _text("yes.yaml", "icscheck: 1\nicb:\n  flag: !!bool yes\n"),
        2,
        r":3:9: 'yes' is not a valid !!bool",
    ),
    Case(
        "a waiver-shaped line inside a literal block value",
        _text(
            "waiveblock.yaml",
            f"icscheck: 1\nicb:\n  name: |\n    NHS\n    # {WAIVE_UNKNOWN}\n  typo: x\n",
        ),
        1,
        finding=("FMT-001", 6, 3, r"unknown field 'typo' in icb"),
    ),
    Case(
        "a waiver-shaped line inside a folded block value",
        _text(
            "waivefolded.yaml",
            f"icscheck: 1\nicb:\n  name: >\n    NHS\n    # {WAIVE_UNKNOWN}\n  typo: x\n",
        ),
        1,
        finding=("FMT-001", 6, 3, r"unknown field 'typo' in icb"),
    ),
    Case(
        "a waiver-shaped line inside a quoted value over lines",
        _text(
            "waivequoted.yaml",
            f"icscheck: 1\nicb: {{name: 'NHS\n  # {WAIVE_UNKNOWN}\n  ', typo: x}}\n",
        ),
        1,
        finding=("FMT-001", 4, 6, r"unknown field 'typo' in icb"),
    ),
    Case(
        "a waiver-shaped line inside a plain value over lines, after a no-break space",
        _text(
            "waiveplain.yaml",
            "icscheck: 1\nicb:\n  name: NHS\n    \u00a0#"
            + WAIVE_UNKNOWN.replace(": waive", ":waive").replace('"', "")
            + "\n  typo: x\n",
        ),
        1,
        finding=("FMT-001", 5, 3, r"unknown field 'typo' in icb"),
    ),
    Case(
        "an explicit tag with a value it cannot have",
        _text("badtag.yaml", "icscheck: 1\nicb:\n  name: !!int abc\n"),
        2,
        r":3:9: 'abc' is not a valid !!int",
    ),
    Case(
        "a 5,000-digit number",
        _text("bignum.yaml", "icscheck: 1\nextra: " + "9" * 5_000 + "\n"),
        2,
        r":2:8: holds a number 5,000 characters long",
    ),
    Case(
        "a terminal escape sequence written as a YAML escape",
        _text("escape.yaml", 'icscheck: 1\nicb:\n  name: "\\e[2KAll good"\n'),
        2,
        r":3:9: contains a control character \(#x001b\) written as an escape",
    ),
    Case(
        "a bidirectional override",
        _text("bidi.yaml", 'icscheck: 1\nicb:\n  name: "\u202eevil"\n'),
        2,
        r":3:9: contains U\+202E, a bidirectional control",
    ),
    Case(
        "an alias inside the node it stands for",
        _text("selfalias.yaml", "a: &a\n  b: *a\n"),
        2,
        r":2:6: the alias \*a is inside the node &a",
    ),
    Case(
        "a list as a key",
        _text("listkey.yaml", "icb:\n  ? [b]\n  : 2\n"),
        2,
        r":2:5: has a list or mapping as a key",
    ),
    Case(
        "a quoted '<<' key is a key, not a merge",
        _text("quotedmerge.yaml", "icscheck: 1\nicb:\n  '<<': {name: x}\n"),
        1,
        finding=("FMT-001", 3, 3, r"unknown field '<<' in icb"),
    ),
    Case(
        "an impossible date",
        _text("baddate.yaml", "icscheck: 1\nicb:\n  established: 2022-13-01\n"),
        1,
        finding=("FMT-001", 3, 3, r"'2022-13-01' is not a valid date"),
    ),
    Case(
        "text where a date is expected",
        _text("date.yaml", "icscheck: 1\nicb:\n  constitution:\n    approved: 1st April 2024\n"),
        1,
        finding=("FMT-001", 4, 5, r"'1st April 2024' is not a valid date"),
    ),
]

CASES += [
    Case(
        "a file name with a line break and a workflow command",
        _text("c\n::error file=PWNED.yaml,line=1::x.yaml", "- a list\n"),
        2,
        r":1:1: holds a list at the top level: expected a mapping",
    ),
    Case(
        "a file name with terminal escapes: clear screen, an OSC title, OSC 52 clipboard",
        _text("evil\x1b[2J\x1b]0;title\x07\x1b]52;c;ZXZpbA==\x07.yaml", "- a list\n"),
        2,
        r":1:1: holds a list at the top level: expected a mapping",
    ),
    Case(
        "a file name with bidirectional controls and a line separator",
        _text("gnp.\u202eyaml\u2028x.yaml", "- a list\n"),
        2,
        r":1:1: holds a list at the top level: expected a mapping",
    ),
]
"""File names are input too (docs/security.md): each is shown as text, on one line."""

CACHE_ENTRIES: list[object] = [
    [],
    "[" * 100_000,
    {"result": [], "model": None},
    {"result": {"error": "x"}, "model": None},
    {"result": {"error": None, "findings": "x", "waived": [], "rules": []}, "model": None},
    {"result": {"error": None, "findings": [1], "waived": [], "rules": []}, "model": None},
    {"result": {"error": {"message": 1}}, "model": None},
    {"result": {"error": None, "findings": [], "waived": [{"waiver": 3}], "rules": []}},
    {"result": {"error": None, "findings": [], "waived": [], "rules": ["x"]}, "model": None},
    {"result": {"error": None, "findings": [], "waived": [], "rules": []}, "model": {"icb": 1}},
    {"result": {"error": None, "findings": [], "waived": [], "rules": []}, "model": [[[[]]]]},
    {"result": {"error": None, "findings": [], "waived": [], "rules": []}, "model": "x" * 100},
]
"""Cache entries with a valid MAC (as if the key had leaked) that are no result: each must
be a miss, never a traceback (tests/test_cache.py)."""

HEAVY = [
    Case(
        "100,000 empty map entries: the first 100 findings of a rule, then how many more",
        _empty_entries,
        1,
        finding=("FMT-001", 9, 5, r"^at least 9,900 more findings of FMT-001 in this file"),
    ),
    Case(
        "aliases that stand for 459,000 gaps: the first 100 findings of a rule, then how many",
        _alias_findings,
        1,
        finding=("REF-001", 10, 14, r"^at least 9,900 more findings of REF-001 in this file"),
    ),
    Case(
        "873,000 plain keys",
        _many_keys,
        2,
        r": holds more than 1,000,000 nodes \(keys, values and list items\)",
    ),
]
"""Cases that take seconds each (a million nodes must be parsed to pass the limit):
run once, by tests/test_hostile.py, not by every test that walks CASES."""
