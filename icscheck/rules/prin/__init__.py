"""The PRIN rules."""
