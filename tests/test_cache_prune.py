"""The result cache stays bounded: unused entries are pruned, and ``cache clear`` empties it.

Issue 13: the date is in the key, so without pruning the folder grows by an
entry per file per day. Pruning and clearing remove only icscheck's own
files, never through a link, and only in a folder the cache would use.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck import cache
from icscheck.cli import app
from icscheck.config import ConfigError
from icscheck.config_file import load_settings
from tests.conftest import SUFFOLK

runner = CliRunner()
DAY = 24 * 60 * 60
NAME = "ab" * 32 + ".json"


def entry(folder: Path, name: str, age_days: float) -> Path:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"x")
    then = time.time() - age_days * DAY
    os.utime(path, (then, then))
    return path


def test_entries_unused_for_max_age_are_pruned_and_the_rest_kept(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    old = entry(folder, NAME, 31)
    recent = entry(folder, "cd" * 32 + ".json", 29)
    stale_temporary = entry(folder, ".tmp-abc_1.json", 40)
    other = entry(folder, "notes.json", 400)  # not a name icscheck writes
    assert cache.prune(cache.Cache(folder, b"k"), 30) == 2
    assert not old.exists() and not stale_temporary.exists()
    assert recent.exists() and other.exists()
    assert (folder / cache.MARK).exists()


def test_pruning_runs_at_most_once_a_day(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    store = cache.Cache(folder, b"k")
    entry(folder, "cd" * 32 + ".json", 0)
    assert cache.prune(store, 30) == 0
    old = entry(folder, NAME, 31)
    assert cache.prune(store, 30) == 0 and old.exists()
    assert cache.prune(store, 30, now=time.time() + DAY + 1) == 1 and not old.exists()


def test_pruning_never_follows_a_link(tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "cache", tmp_path / "elsewhere"
    target = entry(elsewhere, NAME, 100)
    folder.mkdir(mode=0o700)
    (folder / ("ef" * 32 + ".json")).symlink_to(target)
    assert cache.prune(cache.Cache(folder, b"k"), 1) == 0
    assert target.exists()


def test_a_hit_marks_the_entry_used(cache_dir: Path) -> None:
    assert runner.invoke(app, ["validate", "--cache", str(SUFFOLK)]).exit_code == 0
    [stored] = [p for p in cache_dir.iterdir() if p.name != cache.MARK]
    then = time.time() - 10 * DAY
    os.utime(stored, (then, then))
    assert runner.invoke(app, ["validate", "--cache", str(SUFFOLK)]).exit_code == 0
    assert stored.stat().st_mtime > time.time() - DAY  # so pruning keeps it


def test_a_run_prunes_what_has_gone_unused(cache_dir: Path) -> None:
    old = entry(cache_dir, NAME, 31)
    assert runner.invoke(app, ["validate", "--cache", str(SUFFOLK)]).exit_code == 0
    assert not old.exists()
    assert len([p for p in cache_dir.glob("*.json")]) == 1


def test_cache_max_age_comes_from_the_configuration(tmp_path: Path) -> None:
    config = tmp_path / ".icscheck.toml"
    config.write_text("cache-max-age = 7\n")
    assert load_settings(config).cache_max_age == 7
    for wrong in ("0", "true", '"7"', "7.5", "99999"):
        config.write_text(f"cache-max-age = {wrong}\n")
        with pytest.raises(ConfigError, match="cache-max-age"):
            load_settings(config)


def test_cache_dir_moves_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    moved = tmp_path / "moved"
    result = runner.invoke(app, ["validate", "--cache", "--cache-dir", str(moved), str(SUFFOLK)])
    assert result.exit_code == 0
    assert len(list(moved.glob("*.json"))) == 1
    assert not cache_dir.exists()


def test_cache_clear_removes_every_entry_and_only_those(tmp_path: Path, cache_dir: Path) -> None:
    assert runner.invoke(app, ["validate", "--cache", str(SUFFOLK)]).exit_code == 0
    other = cache_dir / "keep.txt"
    other.write_text("mine")
    result = runner.invoke(app, ["cache", "clear"])
    assert (result.exit_code, result.stdout) == (0, f"removed 1 cached result from {cache_dir}\n")
    assert sorted(p.name for p in cache_dir.iterdir()) == ["keep.txt"]
    moved = tmp_path / "moved"
    entry(moved, NAME, 0)
    result = runner.invoke(app, ["cache", "clear", "--cache-dir", str(moved)])
    assert (result.exit_code, result.stdout) == (0, f"removed 1 cached result from {moved}\n")


def test_cache_clear_refuses_a_folder_others_can_write(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    kept = entry(folder, NAME, 0)
    folder.chmod(0o777)
    result = runner.invoke(app, ["cache", "clear", "--cache-dir", str(folder)])
    assert result.exit_code == 2
    assert "writable by other users" in result.stderr and "nothing was removed" in result.stderr
    assert kept.exists()
