"""The COMM rules."""
