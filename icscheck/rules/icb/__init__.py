"""The ICB rules: its name, area and history (format 2)."""
