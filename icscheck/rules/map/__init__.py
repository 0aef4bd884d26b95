"""The MAP rules."""
