"""The PROV rules: the provisions the constitution must make (format 2)."""
