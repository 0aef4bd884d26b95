"""``icscheck cache clear``: remove every result the cache holds (as ``ruff clean`` does).

The cache prunes itself (entries unused for ``cache-max-age`` days go,
icscheck/cache.py); clearing it is for when a user wants the space back, or
every file checked afresh without ``--no-cache``. Only icscheck's own entries
are removed, and only from a folder the cache itself would use.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from icscheck.untrusted import line

HELP = "Manage the result cache."


def clear(
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            metavar="DIR",
            help="The cache folder to clear. [default: ICSCHECK_CACHE_DIR, else the user "
            "cache folder]",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Remove every cached result (entries are also pruned after cache-max-age unused days)."""
    from icscheck import cache

    folder, _ = cache.locations(os.environ, cache_dir)
    removed = cache.clear(folder)
    typer.echo(line(f"removed {removed} cached result{'s' * (removed != 1)} from {folder}"))


COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (("clear", clear),)
"""``icscheck cache``'s own commands (registered by icscheck/cli/app.py)."""
