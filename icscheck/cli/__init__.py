"""The command line: ``icscheck validate`` and the commands around it.

``app`` is the Typer application with every command registered; ``main`` is
the console script.
"""

from __future__ import annotations

from icscheck.cli import commands  # noqa: F401  (registers every command on app)
from icscheck.cli.app import app, main

__all__ = ["app", "main"]
