"""The corpus benchmark runs, and no drafted fact disagrees with the hand-written key."""

from __future__ import annotations

import subprocess
import sys

from tests.documents.helpers import ROOT


def test_the_benchmark_finds_no_wrong_fact() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "documents.py")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("precision: ") and first.endswith(" = 100.0%"), first
    assert "WRONG" not in result.stdout
