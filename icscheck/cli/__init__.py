"""The command line: ``icscheck validate`` and the commands around it.

``app`` is the Typer application with every command registered (app.py);
``main`` is the console script.
"""

from __future__ import annotations

from icscheck.cli.app import app, main

__all__ = ["app", "main"]
