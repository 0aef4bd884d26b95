"""``icscheck.writer``: files are replaced whole, devices and pipes are written through.

Never point these tests at the real /dev/null or /dev/full: run as root, a
broken writer replaces them for the whole machine. Devices and pipes are
made inside tmp_path.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from icscheck.errors import UsageError
from icscheck.writer import write_text

# Bigger than a pipe's buffer (64 KiB on Linux), so the write takes more than one call.
TEXT = "board: NHS Test — ICB\n" * 5000
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@contextmanager
def reading(fifo: Path, written: Path | None = None) -> Iterator[list[bytes]]:
    """Read ``fifo`` to the end in a thread; the bytes read are in the list on exit.

    ``written`` is the name the writer is given, when not ``fifo`` itself.
    """
    # A second name for the pipe: if the writer renames a file over ``fifo``,
    # this one still reaches the pipe, to release a reader waiting on it.
    spare = fifo.with_name(fifo.name + ".spare")
    os.link(fifo, spare)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        yield received
        # Else the writer replaced the name and the reader waits on a pipe nobody will open.
        if stat.S_ISFIFO(os.stat(written or fifo).st_mode):
            reader.join(timeout=30)
    finally:
        if reader.is_alive():  # nobody wrote to the pipe: open it so the reader sees the end
            with suppress(OSError):
                os.close(os.open(spare, os.O_WRONLY | os.O_NONBLOCK))
            reader.join(timeout=30)


@needs_fifo
def test_a_named_pipe_receives_the_text_and_stays_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    with reading(fifo) as received:
        write_text(str(fifo), TEXT, overwrite=True)
    assert received == [TEXT.encode("utf-8")]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.fifo", "report.fifo.spare"]


@needs_fifo
def test_a_link_to_a_pipe_is_written_through_like_dev_stdout(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    with reading(fifo, link) as received:
        write_text(str(link), "report\n", overwrite=True)
    assert received == [b"report\n"]
    assert link.is_symlink() and stat.S_ISFIFO(os.stat(link).st_mode)


@needs_fifo
def test_without_overwrite_a_pipe_is_an_existing_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match=r"already exists; use --force to overwrite$"):
        write_text(str(fifo), TEXT, overwrite=False)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_character_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    """A null device (1, 3) made in tmp_path, as root only: never the real /dev/null."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("making a device needs root")
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        os.close(os.open(device, os.O_WRONLY))  # a nodev file system refuses to open it
    except OSError as error:
        pytest.skip(f"cannot make a usable device here: {error.strerror}")
    write_text(str(device), TEXT, overwrite=True)
    status = os.lstat(device)
    assert stat.S_ISCHR(status.st_mode)
    assert status.st_rdev == os.makedev(1, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("old\n", encoding="utf-8")
    report.chmod(0o640)
    write_text(str(report), TEXT, overwrite=True)
    assert report.read_text(encoding="utf-8") == TEXT
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_a_new_file_is_written_whole(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    write_text(str(report), TEXT, overwrite=False)
    assert report.read_bytes() == TEXT.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_a_link_to_a_file_is_replaced_not_written_through(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "report.txt"
    link.symlink_to(elsewhere)
    write_text(str(link), "new\n", overwrite=True)
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8") == "new\n"
    assert elsewhere.read_text(encoding="utf-8") == "keep\n"


def test_a_directory_stays_an_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"names a directory; give the name of the file"):
        write_text(str(tmp_path), TEXT, overwrite=True)
    assert tmp_path.is_dir() and list(tmp_path.iterdir()) == []
