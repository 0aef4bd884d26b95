"""Allow ``python -m icscheck``."""

from icscheck.cli import main

main()
