"""The JSON Schemas icscheck ships: installed as ``icscheck.schema_files`` (see pyproject.toml)."""
