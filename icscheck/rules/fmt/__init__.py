"""The FMT rules."""
