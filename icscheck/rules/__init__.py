"""icscheck's rules: one file each, in a folder per family (registry.py finds them).

base.py says what a rule is; record.py reads schema rules (YAML records, the
form house rules take too); registry.py discovers them all in report order.
"""
