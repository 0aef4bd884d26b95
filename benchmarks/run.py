"""icscheck's speed and memory against check-jsonschema and yamllint, measured in one run.

Run on demand (never part of the tests; shared machines are noisy):

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/run.py            # full run, 5 repetitions
    .venv/bin/python benchmarks/run.py --quick    # fewer repetitions and processes
    .venv/bin/python benchmarks/run.py --write    # also update docs/performance.md

It builds its inputs in a temporary directory from the bundled samples, times
whole processes (wall clock; median and min-max over the repetitions), reads
each process's peak RSS from the kernel (wait4), and reports ratios to the
peers measured in the same run. icscheck runs with --no-cache unless a row says
"warm cache", so what is timed is real checking.
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
SIZES = (1_000, 10_000, 50_000)
BATCH = 1_000


@dataclass
class Timing:
    name: str
    seconds: list[float]
    rss_mib: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def cell(self) -> str:
        low, high = min(self.seconds), max(self.seconds)
        return f"{self.median * 1000:,.0f} ms ({low * 1000:,.0f}-{high * 1000:,.0f})"


def tool(name: str) -> str | None:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name)


def measure(name: str, command: Sequence[str], runs: int, cwd: Path) -> Timing:
    """Run ``command`` ``runs`` times; wall time of each, and the largest peak RSS."""
    seconds, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, _, usage = os.wait4(process.pid, 0)
        seconds.append(time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss)
    return Timing(name, seconds, peak / 1024)


def measure_many(name: str, commands: list[list[str]], runs: int, cwd: Path) -> Timing:
    """Run every command in turn as one timed unit (e.g. one process per file)."""
    seconds, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        for command in commands:
            process = subprocess.Popen(
                command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            _, _, usage = os.wait4(process.pid, 0)
            peak = max(peak, usage.ru_maxrss)
        seconds.append(time.perf_counter() - start)
    return Timing(name, seconds, peak / 1024)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 runs; 100 separate processes")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    icscheck, cjs, yamllint = tool("icscheck"), tool("check-jsonschema"), tool("yamllint")
    if icscheck is None:
        sys.exit("icscheck is not installed in this environment")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cache = work / "cache"
        os.environ["ICSCHECK_CACHE_DIR"] = str(cache)
        single = work / "south-east-london.yaml"
        shutil.copy(SAMPLES / "south-east-london.yaml", single)
        lines = len(single.read_text().splitlines())

        def ics(*extra: str) -> list[str]:
            return [icscheck, "validate", *extra]

        def peer(command: str | None, *extra: str) -> list[str] | None:
            return [command, *extra] if command else None

        results: dict[str, Timing] = {}

        def run(key: str, command: list[str] | None, repeat: int = runs) -> None:
            if command is not None:
                results[key] = measure(key, command, repeat, work)

        # Single file
        run("single icscheck text", ics("--no-cache", str(single)))
        run("single icscheck json", ics("--no-cache", "-f", "json", str(single)))
        measure("warm", ics(str(single)), 1, work)  # fill the cache
        run("single icscheck warm", ics(str(single)))
        run("single icscheck --version", [icscheck, "--version"])
        run("single cjs", peer(cjs, "--schemafile", str(SCHEMA), str(single)))
        run("single yamllint", peer(yamllint, str(single)))

        # Batch
        batch = build_batch(work / "batch", BATCH)
        names = [str(p) for p in batch]
        run("batch icscheck", ics("--no-cache", "-f", "json", str(work / "batch")))
        run("batch icscheck jobs", ics("--no-cache", "-f", "json", "-j", "0", str(work / "batch")))
        run("batch cjs", peer(cjs, "--schemafile", str(SCHEMA), *names))
        if cjs is not None:
            separate = names[:100] if args.quick else names
            timing = measure_many(
                "batch cjs separate",
                [[cjs, "--schemafile", str(SCHEMA), name] for name in separate],
                1,
                work,
            )
            scale = len(names) / len(separate)
            timing.seconds = [s * scale for s in timing.seconds]
            results["batch cjs separate"] = timing

        # Size
        large = {n: build_large(work, n) for n in SIZES}
        for n, path in large.items():
            run(f"size {n} icscheck", ics("--no-cache", "-f", "json", str(path)))
            run(f"size {n} cjs", peer(cjs, "--schemafile", str(SCHEMA), str(path)))
        actual = {n: len(p.read_text().splitlines()) for n, p in large.items()}

    report = render(results, lines, actual, runs, args.quick)
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
    results: dict[str, Timing], lines: int, actual: dict[int, int], runs: int, quick: bool
) -> str:
    def t(key: str) -> Timing | None:
        return results.get(key)

    def ratio(a: str, b: str) -> str:
        x, y = t(a), t(b)
        return f"{x.median / y.median:.2f}x" if x and y else "n/a"

    def row(label: str, key: str) -> str:
        timing = t(key)
        if timing is None:
            return f"| {label} | not installed | |"
        return f"| {label} | {timing.cell()} | {timing.rss_mib:.0f} MiB |"

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    out = [
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}. "
        f"{runs} runs each (median, min-max); "
        + ("separate processes: 100, scaled to 1,000." if quick else "separate processes: 1 run."),
        "",
        f"**Single file** (south-east-london.yaml, {lines} lines)",
        "",
        "| Command | Wall time | Peak RSS |",
        "|---|---|---|",
        row("icscheck validate (text)", "single icscheck text"),
        row("icscheck validate --format json", "single icscheck json"),
        row("icscheck validate, warm cache", "single icscheck warm"),
        row("icscheck --version", "single icscheck --version"),
        row("check-jsonschema --schemafile (format schema only)", "single cjs"),
        row("yamllint", "single yamllint"),
        "",
        f"**Batch** ({BATCH:,} constitutions)",
        "",
        "| Command | Wall time | Peak RSS |",
        "|---|---|---|",
        row("icscheck, one call", "batch icscheck"),
        row("icscheck, one call, --jobs 0", "batch icscheck jobs"),
        row("check-jsonschema, one call", "batch cjs"),
        row("check-jsonschema, one process per file", "batch cjs separate"),
        "",
        "**Size** (generated constitutions; JSON output)",
        "",
        "| Lines | icscheck | check-jsonschema |",
        "|---|---|---|",
    ]
    for n in SIZES:
        a, b = t(f"size {n} icscheck"), t(f"size {n} cjs")
        out.append(
            f"| {actual[n]:,} | {a.cell() if a else 'n/a'} | {b.cell() if b else 'not installed'} |"
        )

    def med(key: str) -> float:
        timing = t(key)
        return timing.median if timing else math.nan  # comparisons with nan are False

    sizes = [actual[n] for n in SIZES]
    slope = exponent(sizes, [med(f"size {n} icscheck") for n in SIZES])
    ten_k = t(f"size {SIZES[1]} icscheck")
    batch = t("batch icscheck")
    single = med("single icscheck text")
    targets = [
        (
            "single file <= 0.5x check-jsonschema",
            ratio("single icscheck text", "single cjs"),
            single <= 0.5 * med("single cjs"),
        ),
        (
            "single file <= 1.0x yamllint",
            ratio("single icscheck text", "single yamllint"),
            single <= med("single yamllint"),
        ),
        (
            "batch <= 1.0x check-jsonschema's batch",
            ratio("batch icscheck", "batch cjs"),
            med("batch icscheck") <= med("batch cjs"),
        ),
        (
            ">= 20x faster than 1,000 processes",
            ratio("batch cjs separate", "batch icscheck"),
            med("batch cjs separate") >= 20 * med("batch icscheck"),
        ),
        ("time linear in size (exponent <= 1.1)", f"{slope:.2f}", slope <= 1.1),
        (
            "10k-line file under 1 s",
            ten_k.cell() if ten_k else "n/a",
            med(f"size {SIZES[1]} icscheck") < 1.0,
        ),
        (
            "batch peak memory under 80 MiB",
            f"{batch.rss_mib:.0f} MiB" if batch else "n/a",
            bool(batch and batch.rss_mib < 80),
        ),
    ]
    out += ["", "**Targets**", "", "| Target | This run | |", "|---|---|---|"]
    out += [f"| {name} | {value} | {verdict(ok)} |" for name, value, ok in targets]
    return "\n".join(out)


if __name__ == "__main__":
    main()
