"""The command line: ``icscheck validate`` and the commands around it.

``app`` is the Typer application with every command registered (app.py),
built when first asked for; ``main`` is the console script, which builds
only the command its arguments name.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from icscheck.cli.app import main

if TYPE_CHECKING:
    from icscheck.cli.app import app as app

# Importing the submodule bound its name here; ``app`` is the application (below).
globals().pop("app", None)

__all__ = ["app", "main"]


def __getattr__(name: str) -> object:
    if name == "app":
        application: object = sys.modules["icscheck.cli.app"].app
        globals()["app"] = application
        return application
    raise AttributeError(name)
