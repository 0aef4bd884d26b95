"""The QUORUM rules."""
