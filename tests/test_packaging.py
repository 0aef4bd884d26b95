"""A non-editable install carries the schemas: build the wheel and run from it alone."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT, SUFFOLK, V1


def test_wheel_ships_the_schemas_and_works_without_the_source_tree(tmp_path: Path) -> None:
    source = tmp_path / "src"
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name if source.exists() else _mkdir(source) / name)
    for folder in ("icscheck", "schemas"):
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path / "dist"), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("icscheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for schema in (ROOT / "schemas").glob("*.json"):
        assert f"icscheck/schema_files/{schema.name}" in names
    # Every subpackage (a new one must be listed in pyproject.toml) and its data.
    for module in (ROOT / "icscheck").rglob("*"):
        if (
            module.suffix in (".py", ".yaml", ".css", ".typed")
            and "__pycache__" not in module.parts
        ):
            assert module.relative_to(ROOT).as_posix() in names
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import datetime, icscheck, icscheck.engine as e;"
        "from icscheck.config import Settings; from icscheck.run import Run;"
        "assert icscheck.__file__.startswith(sys.argv[1]), icscheck.__file__;"
        "run = Run.prepare(Settings(cache=False), datetime.date(2026, 12, 3));"
        "r = e.check_files([sys.argv[2]], run); print(r.exit_code.value, len(r.files[0].rules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(unpacked), str(SUFFOLK)],
        cwd=tmp_path, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.split() == ["0", str(len(V1))]


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path
