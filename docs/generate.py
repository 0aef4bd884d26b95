"""Regenerate the generated files: ``python docs/generate.py`` from the repository root.

Writes icscheck/rules/catalogue.json (the rules as a run reads them), then
docs/rules.md and the generated regions of docs/format.md and README.md
(see icscheck/docs.py). tests/test_docs.py fails while they are stale.
"""

from pathlib import Path

from icscheck.docs import CATALOGUE, catalogue, generated
from icscheck.rules.registry import builtins

if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    # The catalogue first: the examples in the docs are checked with the rules it holds.
    (root / CATALOGUE).write_text(catalogue(), encoding="utf-8")
    builtins.cache_clear()
    for path, text in generated(root).items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
