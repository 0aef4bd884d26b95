"""The REF rules."""
