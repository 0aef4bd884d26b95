"""One exception root, and the one place where outcomes become exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes of ``icscheck`` (README: "Exit codes")."""

    OK = 0
    """No error-level findings (and no warnings under ``--strict``)."""
    FINDINGS = 1
    """Error-level findings, or warnings under ``--strict``."""
    USAGE = 2
    """A usage error, or a file that cannot be read or parsed as a constitution."""


class IcscheckError(Exception):
    """Root of every error icscheck reports to a user instead of a traceback."""

    exit_code: ExitCode = ExitCode.USAGE


class UsageError(IcscheckError):
    """The command line asks for something icscheck cannot do."""


class RuleError(UsageError):
    """A rule record (a house rule, usually) is malformed: its message names the file and line."""


class SchemaError(IcscheckError):
    """A packaged schema is unusable, e.g. it refers to a schema outside the package.

    Only a damaged installation can cause this; it is reported, never worked
    around by fetching.
    """


class LoadError(IcscheckError):
    """A file cannot be read or parsed as a constitution.

    Carries the position where it is known, so the message can name
    ``file:line:col``.
    """

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        super().__init__(self.location() + ": " + message)

    def __reduce__(self) -> tuple[type[LoadError], tuple[str, str, int | None, int | None]]:
        # Rebuilt from its parts, so a result from a worker process pickles whole.
        return (LoadError, (self.path, self.message, self.line, self.column))

    def location(self) -> str:
        if self.line is None:
            return self.path
        if self.column is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"
