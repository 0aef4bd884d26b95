"""The Typer application, every command registered on it, and the console-script entry point.

Each command lives in a module of its own under icscheck/cli/ and is a plain
function; this module names them all, explicitly, in the order ``--help``
lists them (``COMMANDS``), and registers those a run needs, each wrapped in the one error boundary (``guarded``): every error
a user can cause ends as one line on stderr and an exit code from
``errors.ExitCode``, never as a traceback, and shown as
``untrusted.line`` shows text (a message names files and quotes values, which
a pull request chooses). Command modules import only Typer
and the core's light modules at import time; whatever a command needs to do
its work (the parser, the validators, Rich) it imports when it runs, so
``icscheck --version`` stays cheap.
"""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable, Iterable
from typing import Annotated, Any, TextIO, TypeVar, cast

import typer
from typer.core import TyperCommand

from icscheck import __version__
from icscheck.errors import ExitCode, IcscheckError
from icscheck.untrusted import line

F = TypeVar("F", bound=Callable[..., Any])


def guarded(command: F) -> F:
    """``command``, with every IcscheckError it raises reported as one line and its exit code."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        stdout = sys.stdout
        sys.stdout = cast(TextIO, Unbroken(stdout))
        try:
            result = command(*args, **kwargs)
            sys.stdout.flush()
            return result
        except IcscheckError as error:
            typer.echo(line(f"icscheck: error: {error}"), err=True)
            raise typer.Exit(error.exit_code) from None
        finally:
            sys.stdout = stdout

    return run  # type: ignore[return-value]


class Unbroken:
    """stdout for a command, where a reader that went away (``icscheck rules | head -1``)
    ends the writing, not the command: the rest is discarded and the command finishes with
    its own exit code, with no traceback, where Click would exit 1 on the broken pipe.
    Every command gets it here, in the one boundary (``guarded``), so none handles it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.broken = False

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._discard()
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for text in lines:
            self.write(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._discard()

    def _discard(self) -> None:
        """Point stdout at the null device, so that flushing what is left in its buffer (at
        exit too) cannot raise again: the Python documentation's recipe, "Note on SIGPIPE"
        in the signal module's page."""
        self.broken = True
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):  # no file descriptor
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Command(TyperCommand):
    """A Typer command whose usage line names a required argument by its metavar alone:
    ``validate [OPTIONS] FILE...``, as POSIX utility syntax and ``--help`` elsewhere
    write it, where Typer writes ``{FILE...}``. Braces around alternatives
    (``{OLD NEW | FILE}``) are kept: there they group."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [
            piece[1:-1]
            if piece.startswith("{") and piece.endswith("}") and " " not in piece
            else piece
            for piece in super().collect_usage_pieces(ctx)
        ]


COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("validate", "validate", "validate"),
    ("rules", "rules", "list_rules"),
    ("rule", "rules", "show_rule"),
    ("init", "init", "init"),
    ("schema", "schema", "schema"),
    ("map", "map", "map_"),
    ("diff", "diff", "diff"),
    ("migrate", "migrate", "migrate"),
    ("draft", "draft", "draft"),
    ("config", "config", "show_config"),
    ("cache", "cache", "COMMANDS"),
)
"""Each command's name, its module in icscheck/cli/ and its function, in ``--help`` order.

Named, not imported: a run imports only the module of the command it runs
(``main``), so ``icscheck --version`` and ``icscheck validate`` do not pay
for the diff, map and rules commands' imports (issue 13, docs/performance.md).
"""


def build(only: str | None = None, *, every: bool = True) -> typer.Typer:
    """The application with every command registered, or only the command ``only``, or
    (``every=False``) none, for ``--version``. A command's options, help and behaviour
    do not depend on which others are registered (tests/cli/test_lazy.py)."""
    from importlib import import_module

    application = typer.Typer(
        name="icscheck",
        help="Check an NHS integrated care board constitution against the statutory minimum "
        "and NHS England's guide rails.",
        # --install-completion and --show-completion (bash, zsh, fish): the script they
        # give runs icscheck with _ICSCHECK_COMPLETE set (icscheck/cli/complete.py).
        add_completion=True,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
    )
    application.callback()(_main)
    for name, module, function in COMMANDS:
        if (only is None and every) or name == only:
            found = import_module(f"icscheck.cli.{module}")
            command = getattr(found, function)
            if isinstance(command, tuple):  # a command with commands of its own
                group = typer.Typer(name=name, help=found.HELP, no_args_is_help=True)
                for sub, callback in command:
                    group.command(sub, cls=Command)(guarded(callback))
                application.add_typer(group, name=name)
            else:
                application.command(name, cls=Command, epilog=getattr(found, "EPILOG", None))(
                    guarded(command)
                )
    return application


def _version(value: bool) -> None:
    if value:
        typer.echo(f"icscheck {__version__}")
        raise typer.Exit(ExitCode.OK)


def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check ICB constitutions kept as YAML."""


def for_arguments(arguments: list[str]) -> typer.Typer:
    """The application ``icscheck ARGUMENTS`` needs: only the command it names; none for
    ``--version`` alone; every command for ``--help``, no arguments or an unknown name
    (whose error lists them)."""
    names = {name for name, _, _ in COMMANDS}
    first = next((a for a in arguments if not a.startswith("-")), None)
    if first in names:
        return build(first)
    if first is None and arguments and not {"--help", "-h"} & set(arguments):
        return build(every=False)
    return build()


def for_completion(typed: list[str]) -> typer.Typer:
    """The application a completing shell needs, from the words ``typed`` so far: only the
    command they name, else every command (whose names are the candidates)."""
    names = {name for name, _, _ in COMMANDS}
    first = next((a for a in typed if not a.startswith("-")), None)
    return build(first) if first in names else build()


def __getattr__(name: str) -> typer.Typer:
    # ``app`` (every command) is built on first use: tests and embedders use it; the
    # console script builds only what its arguments need.
    if name == "app":
        application = build()
        globals()["app"] = application
        return application
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point."""
    # A terminal or pipe that cannot encode a character (LANG=C, a legacy code
    # page) gets an escape for it rather than a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    if os.environ.get("_ICSCHECK_COMPLETE"):
        # A shell asking for completions (once per Tab): sys.argv holds no arguments then,
        # the words typed are in the environment.
        from icscheck.cli.complete import typed

        for_completion(typed(os.environ) or [])()
        return
    named = _named_shell(sys.argv[1:])
    if named is not None:
        option, shell = named
        if option == "--install-completion" and shell in SHELLS:
            # Typer would name the shell by its enum ("Shells.fish completion installed").
            from icscheck.cli.complete import install

            typer.echo(install(shell))
            return
        # Typer's completion options detect the shell and take no value, so the shell in
        # ``--show-completion zsh`` would be ignored and the running shell's script given;
        # with detection off they take the shell as their value (typer/completion.py).
        os.environ["_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"] = "1"
    for_arguments(sys.argv[1:])()


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
"""The shells Typer has a completion script for (typer/_completion_shared.py's Shells)."""


def _named_shell(arguments: list[str]) -> tuple[str, str] | None:
    """``--show-completion`` or ``--install-completion`` and the word after it, when that is
    no option and no command: the shell wanted (Typer refuses one it has no script for)."""
    names = {name for name, _, _ in COMMANDS}
    for number, argument in enumerate(arguments):
        option, equals, value = argument.partition("=")
        if option in ("--show-completion", "--install-completion"):
            given = value if equals else next(iter(arguments[number + 1 :]), "")
            if given and not given.startswith("-") and given not in names:
                return option, given
            return None
    return None
