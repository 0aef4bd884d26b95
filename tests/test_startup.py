"""Start-up cost guards: a command imports only what it needs (docs/performance.md).

Deterministic stand-ins for timing: an import that creeps onto a path that does
not need it fails here, on any machine, however noisy.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from icscheck import fastcheck
from tests.conftest import SUFFOLK

PROBE = """
import json, sys
sys.argv = ["icscheck", *{args!r}]
from icscheck.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print("\\n@@" + json.dumps(sorted({{m.split(".")[0] for m in sys.modules}})))
"""


def imported(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(result.stdout.rsplit("@@", 1)[1]))


def test_version_imports_no_parser_validator_or_renderer() -> None:
    modules = imported("--version")
    assert modules.isdisjoint({"jsonschema", "referencing", "ruamel", "rich", "platformdirs"})


def test_json_output_never_imports_rich() -> None:
    modules = imported("validate", "--format", "json", "--no-cache", str(SUFFOLK))
    assert "ruamel" in modules
    assert "rich" not in modules


def test_a_file_that_meets_every_schema_rule_needs_no_jsonschema() -> None:
    """With the fast engine (icscheck/fastcheck.py), jsonschema words gaps only."""
    modules = imported("validate", "--format", "json", "--no-cache", str(SUFFOLK))
    if fastcheck.available():
        assert "jsonschema_rs" in modules
        assert modules.isdisjoint({"jsonschema", "referencing"})
    else:
        assert "jsonschema" in modules


def test_a_warm_cache_needs_neither_parser_nor_validators(cache_dir: Path) -> None:
    imported("validate", "--format", "json", str(SUFFOLK))  # fills the cache
    modules = imported("validate", "--format", "json", str(SUFFOLK))
    assert modules.isdisjoint({"jsonschema", "jsonschema_rs", "referencing", "ruamel", "rich"})


def test_no_command_imports_pydantic() -> None:
    """Typer 0.29 validates options through pydantic, ~150 ms a start; pyproject pins below it."""
    assert "pydantic" not in imported("validate", "--format", "json", "--no-cache", str(SUFFOLK))
