"""Every command module, imported so that each registers its command on ``app``.

A command module imports only Typer and the core's light modules at import
time; whatever a command needs to do its work (the parser, the validators,
Rich) it imports when it runs, so ``icscheck --version`` stays cheap.
"""

from __future__ import annotations

from icscheck.cli import diff, init, map, rules, schema, validate

__all__ = ["diff", "init", "map", "rules", "schema", "validate"]
