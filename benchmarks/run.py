"""icscheck's speed against check-jsonschema and yamllint, measured side by side in one run.

Run on demand (never part of the tests: shared machines are noisy), from a
regular install as users have it: an editable install (``pip install -e``)
adds its import finder to every start, about 30 ms, which the peers' regular
installs do not pay, and the run says so when it measures one.

    python3 -m venv /tmp/bench && /tmp/bench/bin/pip install '.[fast]'
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install check-jsonschema yamllint
    /tmp/bench/bin/python benchmarks/run.py --peers /tmp/peers/bin          # 7 rounds
    /tmp/bench/bin/python benchmarks/run.py --peers /tmp/peers/bin --quick  # 3 rounds
    /tmp/bench/bin/python benchmarks/run.py --peers /tmp/peers/bin --write  # update docs/performance.md

(``pip install -e '.[bench]'`` puts the peers in icscheck's own environment
instead; ``--peers`` is then not needed. Keeping them apart keeps their
packages out of icscheck's start-up.)

Every figure is the wall time of a whole process, the median over the rounds.
The commands compared in a row are run alternately, one after the other in
each round, so that a machine that slows down slows both: ratios are what
to read, not absolute times. Inputs are built in a temporary directory from
the bundled samples; icscheck runs with ``--no-cache`` unless a row says
"warm cache", and its cache lives in the temporary directory.

The rows are issue 13's: a cold single file (text and JSON) against
check-jsonschema (the format schema only, the same file) and yamllint, a
warm cache, ``icscheck --version`` against ``python -c pass``, a 1,000-file
batch in one call against check-jsonschema's one call, a 300-file batch as
text against the same batch as JSON, and the cache's size over several days
of runs and after pruning.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_constitutions"
SCHEMA = ROOT / "schemas" / "constitution.schema.json"
BIN = Path(sys.executable).parent
DAY = 24 * 60 * 60
SIZES = (1_000, 10_000, 50_000)


def _editable() -> bool:
    """Whether icscheck here is an editable install (PEP 610's direct_url.json says so)."""
    import json
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        found = distribution("icscheck").read_text("direct_url.json")
    except PackageNotFoundError:
        return False
    return bool(found and json.loads(found).get("dir_info", {}).get("editable"))


@dataclass
class Timing:
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def cell(self) -> str:
        low, high = min(self.seconds), max(self.seconds)
        return f"{self.median * 1000:,.0f} ms ({low * 1000:,.0f}-{high * 1000:,.0f})"


def once(command: Sequence[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start


def alternate(
    commands: dict[str, Sequence[str] | None], rounds: int, cwd: Path, env: dict[str, str]
) -> dict[str, Timing]:
    """Run each command once per round, in turn, for ``rounds`` rounds (after one warm-up
    round, so that the file system cache is warm for all alike)."""
    present = {name: command for name, command in commands.items() if command is not None}
    for command in present.values():
        once(command, cwd, env)
    seconds: dict[str, list[float]] = {name: [] for name in present}
    for _ in range(rounds):
        for name, command in present.items():
            seconds[name].append(once(command, cwd, env))
    return {name: Timing(values) for name, values in seconds.items()}


def build_batch(folder: Path, count: int) -> list[Path]:
    """``count`` constitutions: the samples, each varied by a comment, so no two files are
    equal (and so no two share a cache entry) while each checks as its sample does."""
    folder.mkdir()
    sources = sorted(SAMPLES.rglob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    files = []
    for index in range(count):
        text = texts[index % len(texts)]
        text += f"\n# batch copy {index}\n"
        path = folder / f"icb-{index:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def build_large(folder: Path, lines: int) -> Path:
    """A compliant constitution of about ``lines`` lines: many committees and delegations."""
    base = (SAMPLES / "suffolk-and-north-east-essex.yaml").read_text(encoding="utf-8")
    head, rest = base.split("\nplace_partnerships:\n", 1)
    places, tail = rest.split("\ndecision_map:\n", 1)
    committees, decisions = [], []
    count = 0
    while len(base.splitlines()) + 7 * count + 4 * count < lines:
        committees.append(
            f"  - id: working-group-{count}\n    name: Working Group {count}\n    type: other\n"
            f"    chair: ned-audit\n    members: [ned-audit, dof, ceo]\n    reports_to: finance\n"
            f"    # delegated scheme {count}\n"
        )
        decisions.append(
            f"  - function: Approve local scheme {count}\n    decided_by: working-group-{count}\n"
            "    kind: delegated\n    accountable: finance\n"
        )
        count += 1
    text = (
        head
        + "".join(committees)
        + "\nplace_partnerships:\n"
        + places
        + "\ndecision_map:\n"
        + "".join(decisions)
        + tail
    )
    path = folder / f"large-{lines}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def exponent(sizes: Sequence[int], times: Sequence[float]) -> float:
    """Least-squares slope of log(time) against log(size): 1.0 is linear."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in times]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def folder_size(folder: Path) -> tuple[int, int]:
    """The cache's entries and their bytes."""
    entries = [p for p in folder.glob("*.json") if re.fullmatch(r"[0-9a-f]{64}\.json", p.name)]
    return len(entries), sum(p.stat().st_size for p in entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="3 rounds")
    parser.add_argument("--peers", type=Path, help="the folder with check-jsonschema, yamllint")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    rounds = 3 if args.quick else args.rounds

    def tool(name: str) -> str | None:
        for folder in (args.peers, BIN):
            if folder is not None and (folder / name).exists():
                return str(folder / name)
        return shutil.which(name)

    icscheck, cjs, yamllint = tool("icscheck"), tool("check-jsonschema"), tool("yamllint")
    if icscheck is None:
        sys.exit("icscheck is not installed in this environment")
    python = str(BIN / "python")
    results: dict[str, Timing] = {}
    sizes: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cache = work / "cache"
        env = {**os.environ, "ICSCHECK_CACHE_DIR": str(cache), "ICSCHECK_STATE_DIR": str(work)}
        env.pop("CI", None)
        single = work / "south-east-london.yaml"
        shutil.copy(SAMPLES / "south-east-london.yaml", single)
        lines = len(single.read_text().splitlines())
        name = single.name

        def ics(*extra: str) -> list[str]:
            return [icscheck, "validate", *extra]

        def peer(command: str | None, *extra: str) -> list[str] | None:
            return [command, *extra] if command else None

        cjs_single = peer(cjs, "--schemafile", str(SCHEMA), name)
        subprocess.run(ics(name), cwd=work, env=env, capture_output=True, check=False)
        results |= alternate(
            {
                "cjs": cjs_single,
                "text": ics("--no-cache", name),
                "yamllint": peer(yamllint, name),
                "json": ics("--no-cache", "--format", "json", name),
                "cjs 2": cjs_single,
                "warm": ics(name),
                "warm json": ics("--format", "json", name),
                "text, jsonschema only": [
                    "env",
                    "ICSCHECK_ENGINE=jsonschema",
                    *ics("--no-cache", name),
                ],
            },
            rounds,
            work,
            env,
        )
        results |= alternate(
            {"version": [icscheck, "--version"], "python": [python, "-c", "pass"]},
            rounds,
            work,
            env,
        )

        batch = work / "batch"
        names = [str(p.relative_to(work)) for p in build_batch(batch, 1_000)]
        batch_rounds = max(1, rounds // 2)
        results |= alternate(
            {
                "batch": ics("--no-cache", "--format", "json", "batch"),
                "batch cjs": peer(cjs, "--schemafile", str(SCHEMA), *names),
                "batch jobs": ics("--no-cache", "--format", "json", "--jobs", "0", "batch"),
            },
            batch_rounds,
            work,
            env,
        )

        three = work / "three"
        build_batch(three, 300)
        subprocess.run(ics("three"), cwd=work, env=env, capture_output=True, check=False)
        results |= alternate(
            {
                "300 json": ics("--format", "json", "three"),
                "300 text": ics("three"),
            },
            rounds,
            work,
            env,
        )

        large = {n: build_large(work, n) for n in SIZES}
        for n, path in large.items():
            results |= {
                f"size {n} {k}": v
                for k, v in alternate(
                    {
                        "icscheck": ics("--no-cache", "--format", "json", path.name),
                        "cjs": peer(cjs, "--schemafile", str(SCHEMA), path.name),
                    },
                    max(1, rounds // 2),
                    work,
                    env,
                ).items()
            }
        actual = {n: len(p.read_text().splitlines()) for n, p in large.items()}

        # Cache size: the 300 files checked as on three different days, then a run a month on.
        shutil.rmtree(cache, ignore_errors=True)
        for day in ("2026-01-01", "2026-01-02", "2026-01-03"):
            subprocess.run(
                ics("--date", day, "--format", "json", "three"),
                cwd=work,
                env=env,
                capture_output=True,
                check=False,
            )
        sizes["three days"] = folder_size(cache)
        month_ago = time.time() - 31 * DAY
        for entry in cache.iterdir():
            os.utime(entry, (month_ago, month_ago))
        subprocess.run(
            ics("--format", "json", "three"), cwd=work, env=env, capture_output=True, check=False
        )
        sizes["pruned"] = folder_size(cache)

    report = render(results, sizes, lines, rounds, batch_rounds, actual)
    print(report)
    if args.write:
        doc = ROOT / "docs" / "performance.md"
        text = doc.read_text(encoding="utf-8")
        text = re.sub(
            r"(<!-- benchmark:start -->\n).*?(<!-- benchmark:end -->)",
            lambda m: m.group(1) + report + "\n" + m.group(2),
            text,
            flags=re.S,
        )
        doc.write_text(text, encoding="utf-8")
        print(f"wrote {doc}")


def render(
    results: dict[str, Timing],
    sizes: dict[str, tuple[int, int]],
    lines: int,
    rounds: int,
    batch_rounds: int,
    actual: dict[int, int],
) -> str:
    def med(key: str) -> float | None:
        timing = results.get(key)
        return timing.median if timing else None

    def ratio(a: str, b: str) -> float | None:
        x, y = med(a), med(b)
        return x / y if x is not None and y is not None else None

    def row(label: str, key: str) -> str:
        timing = results.get(key)
        return f"| {label} | {timing.cell() if timing else 'not installed'} |"

    cjs = "cjs"
    install = (
        "an editable install (add about 30 ms to each start)"
        if _editable()
        else "a regular install"
    )
    out = [
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, icscheck from {install}, "
        f"load {os.getloadavg()[0]:.1f} at the end. Whole-process wall "
        f"time, median (min-max) of {rounds} rounds ({batch_rounds} for the 1,000-file "
        "batch), the commands of each table alternated in every round.",
        "",
        f"**Single file** (south-east-london.yaml, {lines} lines)",
        "",
        "| Command | Wall time |",
        "|---|---|",
        row("icscheck validate --no-cache (text)", "text"),
        row("icscheck validate --no-cache --format json", "json"),
        row(
            "icscheck validate --no-cache, jsonschema only (no fast extra)", "text, jsonschema only"
        ),
        row("icscheck validate, warm cache (text)", "warm"),
        row("icscheck validate --format json, warm cache", "warm json"),
        row("check-jsonschema --schemafile (format schema only)", "cjs"),
        row("yamllint", "yamllint"),
        row("icscheck --version", "version"),
        row("python -c pass", "python"),
        "",
        "**Batches**",
        "",
        "| Command | Wall time |",
        "|---|---|",
        row("icscheck, 1,000 files, one call (--no-cache, JSON)", "batch"),
        row("icscheck, 1,000 files, one call, --jobs 0", "batch jobs"),
        row("check-jsonschema, 1,000 files, one call", "batch cjs"),
        row("icscheck, 300 files, warm cache, --format json", "300 json"),
        row("icscheck, 300 files, warm cache, text", "300 text"),
        "",
        "**Size** (generated constitutions, --no-cache, JSON)",
        "",
        "| Lines | icscheck | check-jsonschema |",
        "|---|---|---|",
        *(
            f"| {actual[n]:,} | {results[f'size {n} icscheck'].cell()} | "
            + (results[f"size {n} cjs"].cell() if f"size {n} cjs" in results else "not installed")
            + " |"
            for n in SIZES
        ),
        "",
        "**Cache size** (the 300 files)",
        "",
        "| After | Entries | Size |",
        "|---|---|---|",
    ]
    for label, key in (
        ("a run as on each of three days", "three days"),
        ("a run 31 days later (pruned)", "pruned"),
    ):
        if key in sizes:
            count, size = sizes[key]
            out.append(f"| {label} | {count:,} | {size / 1024 / 1024:.1f} MiB |")

    targets: list[tuple[str, float | None, float, str]] = [
        ("cold single file, text, <= 0.35x check-jsonschema", ratio("text", cjs), 0.35, "x"),
        ("cold single file, text, <= 0.9x yamllint", ratio("text", "yamllint"), 0.9, "x"),
        (
            "cold single file, --format json, <= 0.25x check-jsonschema",
            ratio("json", cjs),
            0.25,
            "x",
        ),
        ("warm cache, <= 0.15x check-jsonschema", ratio("warm", cjs), 0.15, "x"),
        ("icscheck --version <= 4x python -c pass", ratio("version", "python"), 4.0, "x"),
        ("1,000-file batch <= 0.5x check-jsonschema's", ratio("batch", "batch cjs"), 0.5, "x"),
        ("300-file batch, text <= 2x JSON", ratio("300 text", "300 json"), 2.0, "x"),
    ]
    slope = exponent(
        [actual[n] for n in SIZES], [results[f"size {n} icscheck"].median for n in SIZES]
    )
    ten_k = results[f"size {SIZES[1]} icscheck"].median
    out += [
        "",
        "**Targets** (issue 13; the last two, an earlier issue's)",
        "",
        "| Target | This run | |",
        "|---|---|---|",
    ]
    for label, value, limit, unit in targets:
        if value is None:
            out.append(f"| {label} | n/a | |")
        else:
            out.append(
                f"| {label} | {value:.2f}{unit} | {'met' if value <= limit else '**not met**'} |"
            )
    if "three days" in sizes and "pruned" in sizes:
        bounded = sizes["pruned"][0] <= 300 < sizes["three days"][0]
        out.append(
            f"| cache size bounded (unused entries pruned) | {sizes['three days'][0]:,} entries, "
            f"then {sizes['pruned'][0]:,} | {'met' if bounded else '**not met**'} |"
        )
    out.append(
        f"| time linear in size (exponent <= 1.1) | {slope:.2f} | {'met' if slope <= 1.1 else '**not met**'} |"
    )
    out.append(
        f"| 10k-line file under 1 s | {ten_k * 1000:,.0f} ms | {'met' if ten_k < 1 else '**not met**'} |"
    )
    return "\n".join(out)


if __name__ == "__main__":
    main()
