"""The reader: what it refuses to read, and where it says a file stops being text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from icscheck.errors import LoadError
from icscheck.reader import PSEUDO_FILESYSTEMS, decode, filesystem, read_bytes
from tests.conftest import SUFFOLK


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r", "\x85".encode(), "\u2028".encode()])
def test_a_decoding_error_is_placed_by_yaml_line_breaks(newline: bytes) -> None:
    raw = b"a: 1" + newline + b"b: 2" + newline + b"c: caf\xe9" + newline
    with pytest.raises(LoadError) as caught:
        decode("c.yaml", raw)
    assert str(caught.value) == "c.yaml:3:7: is not valid UTF-8 text"


def test_a_decoding_error_column_counts_characters_as_the_parser_does() -> None:
    with pytest.raises(LoadError) as caught:
        decode("c.yaml", "\ufeffname: Zoë \U0001f600 ".encode() + b"\xff\n")
    assert (caught.value.line, caught.value.column) == (1, 13)


PROC_FILE = Path("/proc/self/status")
needs_procfs = pytest.mark.skipif(
    not PROC_FILE.exists() or os.stat(PROC_FILE).st_size != 0,
    reason="needs Linux's procfs, whose files claim a size of 0",
)
REFUSED_PROC = (
    "links to /proc/self/status, a file of the kernel's proc filesystem, not a file on disk "
    "(its size cannot be trusted); icscheck reads regular files only"
)


def icscheck(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process: a read that blocks fails the test instead of hanging it."""
    return subprocess.run(
        [sys.executable, "-m", "icscheck", *args],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )


@needs_procfs
def test_a_symlink_to_a_proc_file_is_refused_by_name(tmp_path: Path) -> None:
    assert PROC_FILE.read_bytes()  # it claims 0 bytes and holds some: its size lies
    link = tmp_path / "constitution.yaml"
    link.symlink_to(PROC_FILE)
    with pytest.raises(LoadError) as caught:
        read_bytes(str(link))
    assert str(caught.value) == f"{link}: {REFUSED_PROC}"
    result = icscheck("validate", "--format", "json", str(link))
    assert (result.returncode, result.stderr) == (2, f"icscheck: error: {link}: {REFUSED_PROC}\n")


@needs_procfs
def test_a_kernel_file_is_refused_even_where_it_is_not_a_link() -> None:
    with pytest.raises(LoadError) as caught:
        read_bytes(str(PROC_FILE))
    assert caught.value.message == (
        "is a file of the kernel's proc filesystem, not a file on disk "
        "(its size cannot be trusted); icscheck reads regular files only"
    )
    assert filesystem(os.stat(PROC_FILE).st_dev) == "proc"


def test_an_ordinary_file_is_on_no_kernel_filesystem(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("icscheck: 1\n", encoding="utf-8")
    assert filesystem(os.stat(path).st_dev) not in PSEUDO_FILESYSTEMS
    assert read_bytes(str(path)) == b"icscheck: 1\n"


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "constitution.yaml"
    os.mkfifo(fifo)
    link = tmp_path / "link.yaml"
    link.symlink_to(fifo)
    result = icscheck("validate", str(fifo), str(link))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"icscheck: error: {fifo}: is a FIFO; icscheck reads regular files only",
        f"icscheck: error: {link}: is a FIFO; icscheck reads regular files only",
    ]


SWAP = """
import os, sys
from icscheck.errors import LoadError
from icscheck.reader import read_bytes

target, stand_in = sys.argv[1], os.stat(sys.argv[2])
real_stat = os.stat
# The path looks like an ordinary file when it is looked at, then is something else when opened.
os.stat = lambda path, *a, **k: stand_in if path == target else real_stat(path, *a, **k)
try:
    read_bytes(target)
except LoadError as error:
    print(error)
"""


@pytest.mark.parametrize("kind", ["FIFO", "proc file"])
def test_what_is_opened_is_what_is_judged(tmp_path: Path, kind: str) -> None:
    """A swap between looking at the path and opening it (TOCTOU) gains nothing."""
    ordinary = tmp_path / "ordinary.yaml"
    ordinary.write_text("icscheck: 1\n", encoding="utf-8")
    path = tmp_path / "swapped.yaml"
    if kind == "FIFO":
        os.mkfifo(path)
        expected = f"{path}: is a FIFO; icscheck reads regular files only"
    else:
        if not PROC_FILE.exists():
            pytest.skip("needs Linux's procfs")
        path.symlink_to(PROC_FILE)
        expected = f"{path}: {REFUSED_PROC}"
    result = subprocess.run(
        [sys.executable, "-c", SWAP, str(path), str(ordinary)],
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )
    assert result.stdout == expected + "\n"


def test_a_file_is_read_no_further_than_the_limit_whatever_its_size_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"# padding\n" * 300_000)  # 3 MB, claiming 0 bytes
    real_stat, real_fstat, real_read = os.stat, os.fstat, os.read
    requested: list[int] = []

    def shrink(info: os.stat_result) -> os.stat_result:
        return os.stat_result((*info[:6], 0, *info[7:]))

    def read(descriptor: int, size: int) -> bytes:
        requested.append(size)
        return real_read(descriptor, size)

    monkeypatch.setattr(os, "stat", lambda p, *a, **k: shrink(real_stat(p, *a, **k)))
    monkeypatch.setattr(os, "fstat", lambda d: shrink(real_fstat(d)))
    monkeypatch.setattr(os, "read", read)
    with pytest.raises(LoadError) as caught:
        read_bytes(str(path), max_bytes=1024 * 1024)
    assert str(caught.value) == f"{path}: is over the 1 MiB limit"
    assert sum(requested) == 1024 * 1024 + 1


@needs_procfs
def test_a_directory_scan_reports_a_kernel_file_and_checks_the_rest(tmp_path: Path) -> None:
    shutil.copy(SUFFOLK, tmp_path / "a-good.yaml")
    (tmp_path / "b-status.yaml").symlink_to(PROC_FILE)
    shutil.copy(SUFFOLK, tmp_path / "c-good.yaml")
    result = icscheck("validate", "--format", "json", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == f"icscheck: error: {tmp_path / 'b-status.yaml'}: {REFUSED_PROC}\n"
    files = json.loads(result.stdout)["files"]
    assert [(Path(f["path"]).name, f["error"] is None, f["findings"]) for f in files] == [
        ("a-good.yaml", True, []),
        ("b-status.yaml", False, []),
        ("c-good.yaml", True, []),
    ]


SYSFS_FILE = Path("/sys/kernel/uevent_seqnum")


@pytest.mark.skipif(not SYSFS_FILE.exists(), reason="needs Linux's sysfs")
def test_a_sysfs_file_is_refused_too(tmp_path: Path) -> None:
    """sysfs gives its files a size of 4,096 whatever they hold."""
    link = tmp_path / "c.yaml"
    link.symlink_to(SYSFS_FILE)
    with pytest.raises(LoadError) as caught:
        read_bytes(str(link))
    assert caught.value.message == (
        f"links to {SYSFS_FILE}, a file of the kernel's sysfs filesystem, not a file on disk "
        "(its size cannot be trusted); icscheck reads regular files only"
    )


def test_a_file_that_would_make_the_read_wait_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A regular file whose filesystem honours O_NONBLOCK (FUSE, say) and has nothing yet."""
    path = tmp_path / "c.yaml"
    path.write_text("icscheck: 1\n", encoding="utf-8")

    def would_block(descriptor: int, size: int) -> bytes:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "read", would_block)
    with pytest.raises(LoadError) as caught:
        read_bytes(str(path))
    assert str(caught.value) == (
        f"{path}: cannot be read without waiting; icscheck reads regular files only"
    )
