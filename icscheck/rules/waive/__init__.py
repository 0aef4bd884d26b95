"""The WAIVE rules."""
