"""The PLACE rules."""
