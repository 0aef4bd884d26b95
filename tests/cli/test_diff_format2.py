"""``icscheck diff`` of two format 2 files, end to end: the ICB's section in text and markdown."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_diff import invoke
from tests.conftest import SAMPLES
from tests.diff.test_compare import amend

NOTTINGHAM = "NHS Nottingham and Nottinghamshire Integrated Care Board"
SPECIALISED = "      from: 2024-04-01\n      agreement: Delegation Agreement 2024/25\n"


def _amended(tmp_path: Path) -> tuple[str, str]:
    """Lincolnshire, and Lincolnshire with one ICB left out of its cluster and its specialised
    services delegated a year later."""
    old = SAMPLES / "lincolnshire.yaml"
    new = tmp_path / "lincolnshire-amended.yaml"
    new.write_text(
        amend(
            old.read_text(encoding="utf-8"),
            (f"      - {NOTTINGHAM}\n", ""),
            (SPECIALISED, SPECIALISED.replace("2024-04-01", "2025-04-01")),
        ),
        encoding="utf-8",
    )
    return str(old), str(new)


def test_text_lists_the_icb_s_changes_under_their_heading(tmp_path: Path) -> None:
    old, new = _amended(tmp_path)
    code, out, err = invoke(old, new)
    assert (code, err) == (0, "")
    icb, rules, summary = out.split("\n\n")[1:]
    assert icb == (
        "ICB\n"
        "  changed the cluster: ICBs removed NHS Nottingham and Nottinghamshire\n"
        "          Integrated Care Board\n"
        "  changed delegated function specialised services: delegated from 2024-04-01 →\n"
        "          2025-04-01"
    )
    # The eight posts still shared with the ICB taken out of the cluster (REF-001).
    assert rules.startswith("Rules\n  ✗ newly failing  REF-001  error  gaps 0 → 8\n")
    assert rules.count("    new:") == 8
    assert " ".join(rules.split()).count("is not an ICB of this ICB's cluster") == 8
    assert summary == (
        "2 changes; 1 rule newly failing, 0 newly passing; errors 0 → 8, warnings 0 → 0\n"
    )


def test_json_and_markdown_carry_the_same_changes(tmp_path: Path) -> None:
    old, new = _amended(tmp_path)
    _, out, _ = invoke("--format", "json", old, new)
    assert [
        (c["section"], c["element"], c["subject"], c["field"], c["old"], c["new"], c["node"])
        for c in json.loads(out)["changes"]
    ] == [
        ("ICB", "cluster", "cluster", "icbs",
         ["NHS Derby and Derbyshire Integrated Care Board", NOTTINGHAM],
         ["NHS Derby and Derbyshire Integrated Care Board"], "/icb/cluster"),
        ("ICB", "delegated function", "specialised_services", "from", "2024-04-01",
         "2025-04-01", "/icb/delegated_functions/4"),
    ]  # fmt: skip
    _, out, _ = invoke("--format", "markdown", old, new)
    assert "### ICB" in out.splitlines()
    assert (
        "| changed | delegated function specialised services | delegated from 2024-04-01 → "
        "2025-04-01 |"
    ) in out.splitlines()


def test_a_rule_that_now_waits_on_an_unknown_says_so(tmp_path: Path) -> None:
    """No gap before or after, but the new file leaves a question: the outcome is shown."""
    old = SAMPLES / "lincolnshire.yaml"
    new = tmp_path / "lincolnshire-unknown-chair.yaml"
    new.write_text(
        amend(
            old.read_text(encoding="utf-8"),
            (
                "    type: remuneration\n    chair: ned-people\n",
                '    type: remuneration\n    chair: {unknown: "not yet appointed"}\n',
            ),
        ),
        encoding="utf-8",
    )
    code, out, err = invoke(str(old), str(new))
    assert (code, err) == (0, "")
    assert "  ~ changed  COMM-004  error  gaps 0 → 0 (pass → unconfirmed)\n" in out
    _, markdown, _ = invoke("--format", "markdown", str(old), str(new))
    assert "| 0 → 0 (pass → unconfirmed) |" in markdown
