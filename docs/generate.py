"""Regenerate the generated docs: ``python docs/generate.py`` from the repository root.

Writes docs/rules.md and the generated regions of docs/format.md and README.md
(see icscheck/docs.py). tests/test_docs.py fails while they are stale.
"""

from pathlib import Path

from icscheck.docs import generated

if __name__ == "__main__":
    for path, text in generated(Path(__file__).resolve().parent.parent).items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
