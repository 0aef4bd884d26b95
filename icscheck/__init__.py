"""icscheck: check an NHS integrated care board constitution against the guide rails."""

__version__ = "0.1.0"
