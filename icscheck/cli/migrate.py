"""``icscheck migrate FILE...``: rewrite version 1 constitutions as version 2, in place.

The rewriting is the core's (icscheck/migrate.py); this module reads and
writes the files (atomically, icscheck.writer) and tells the user what
changed. A symbolic link is an edit in place of the file it points to, as
an editor would save it: the link stays, and its target gets the new text.
"""

from __future__ import annotations

from typing import Annotated

import typer

from icscheck.cli.options import WORDS
from icscheck.errors import ExitCode


def migrate(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Constitution files in format version 1.",
            show_default=False,
            metavar="FILE...",
            click_type=WORDS,
        ),
    ],
    check: Annotated[
        bool,
        typer.Option("--check", help="Only report what would change; write nothing."),
    ] = False,
) -> None:
    """Rewrite each FILE as format version 2, keeping every comment and the key order.

    Facts version 2 can state and version 1 could not are written as
    {unknown: ...}, so the report lists them as questions to confirm; the
    mental health member is never inferred from mental_health_expertise. A
    file already in version 2 is left as it is. Exit codes: 0 done, or
    nothing to migrate; 1 with --check, a file would change; 2 usage error,
    or a file that cannot be read or migrated.
    """
    import codecs
    import os

    from icscheck import migrate as migration
    from icscheck.reader import decode, read_bytes
    from icscheck.writer import write_text

    pending = False
    for path in files:
        raw = read_bytes(path)
        done = migration.migrate(path, decode(path, raw))
        if not done.changes:
            typer.echo(f"{path}: already format version 2; nothing to migrate")
            continue
        pending = True
        if check:
            typer.echo(f"would migrate {path}: " + "; ".join(done.changes))
        else:
            # A byte-order mark the file began with stays (the writer writes UTF-8).
            bom = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""
            write_text(os.path.realpath(path), bom + done.text, overwrite=True)
            typer.echo(f"migrated {path}: " + "; ".join(done.changes))
    raise typer.Exit(ExitCode.FINDINGS if check and pending else ExitCode.OK)
