"""The BOARD rules."""
