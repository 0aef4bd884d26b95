"""A full check of a 10 MiB constitution of realistic shape, and of issue 14's runaway inputs.

Run on demand (never part of the tests; shared machines are noisy):

    .venv/bin/python benchmarks/large.py             # 3 runs each
    .venv/bin/python benchmarks/large.py --runs 1

It builds its inputs in a temporary directory, runs ``icscheck validate
--no-cache --format json`` on each as a whole process, and prints the wall
time (median and range), the CPU time (median), the peak RSS the kernel reports (wait4) and the size
of the report. The target (issue 14): the 10 MiB file within about 10 s and
500 MB, and no input under the size limit taking more.

The 10 MiB file is a region's worth of a real constitution's parts, in the
proportions of the bundled samples: a board of members and participants with
names, organisations and other posts; committees with chairs, members and
reporting lines (a tree under the board); place partnerships with their
participants; a decision map whose entries say what is decided, by whom and
who stays accountable; and comments, as a board secretary writes them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGET = 10 * 1024 * 1024 - 64 * 1024
"""Just under the default size limit (10 MiB)."""
SAMPLE = ROOT / "sample_constitutions" / "version-1" / "suffolk-and-north-east-essex.yaml"
"""Its ICB, board, quorum, principles and conflicts arrangements are kept as they are."""
NEDS = ("ned-audit", "ned-people", "ned-quality")
SEATS = ("ned-audit", "ned-people", "ceo", "dof", "md", "don", "pm-trusts-acute", "pm-suffolk-cc")
PARTICIPANTS = (
    "[primary_care_providers, local_authority, director_of_public_health, acute_provider,"
    " community_provider, mental_health_provider, people_and_communities, voluntary_sector,"
    " social_care_provider]"
)


def committee(n: int) -> str:
    """A committee of the board, or of one of the committees before it: a reporting tree."""
    up = "board" if n < 20 else f"working-group-{(n - 20) // 4}"
    seats = ", ".join(SEATS[(n + k) % len(SEATS)] for k in range(5))
    return (
        f"  # Working group {n}: terms of reference approved by the board, reviewed each year.\n"
        f"  - id: working-group-{n}\n    name: Working Group {n} on Quality, Finance and Delivery\n"
        f"    type: other\n    chair: {NEDS[n % len(NEDS)]}\n"
        f"    members: [{seats}, {{name: External Adviser {n}, external: true}}]\n"
        f"    reports_to: {up}\n"
    )


def place(n: int) -> str:
    return (
        f"  - id: place-{n}\n    name: Example Place Partnership {n}\n"
        f"    population: {250_000 + n}\n    participants: {PARTICIPANTS}\n"
    )


def decision(n: int, committees: int, places: int) -> str:
    decider = (
        f"place-{n % places}" if n < places or n % 5 == 0 else f"working-group-{n % committees}"
    )
    return (
        f"  - function: Approve the annual plan and budget for local scheme number {n}\n"
        f"    decided_by: {decider}\n    kind: delegated\n    accountable: board\n"
    )


def realistic(path: Path) -> Path:
    """About 10 MiB, in the samples' proportions (see the module's docstring)."""
    base = SAMPLE.read_text(encoding="utf-8")
    head, rest = base.split("\ncommittees:\n", 1)
    committees_text, rest = rest.split("\nplace_partnerships:\n", 1)
    places_text, rest = rest.split("\ndecision_map:\n", 1)
    decisions_text, tail = rest.split("\nprinciples:", 1)
    unit = len(committee(0)) * 9 + len(place(0)) + len(decision(0, 1, 1)) * 10
    count = (TARGET - len(base)) // unit
    while True:  # the estimate, then trimmed until the file is under the target
        text = _region(head, committees_text, places_text, decisions_text, tail, count)
        size = len(text.encode("utf-8"))
        if size <= TARGET:
            break
        count = int(count * TARGET / size) - 1
    path.write_text(text, encoding="utf-8")
    return path


def _region(
    head: str, committees_text: str, places_text: str, decisions_text: str, tail: str, count: int
) -> str:
    committees, places, decisions = 9 * count, count, 10 * count
    return "".join(
        [
            head,
            "\ncommittees:\n",
            committees_text,
            "\n",
            *(committee(n) for n in range(committees)),
            "place_partnerships:\n",
            places_text,
            "\n",
            *(place(n) for n in range(places)),
            "decision_map:\n",
            decisions_text,
            "\n",
            *(decision(n, committees, places) for n in range(decisions)),
            "principles:",
            tail,
        ]
    )


def empty_entries(path: Path) -> Path:
    """Issue 14: 100,000 empty map entries (706 KB)."""
    head = "icscheck: 1\nicb: {name: X, local_authorities: [A]}\nboard: {members: []}\n"
    path.write_text(head + "committees:\n" + "  - {}\n" * 100_000, encoding="utf-8")
    return path


def alias_findings(path: Path) -> Path:
    """Issue 14: a few KB of aliases that stand for 459,000 findings."""
    seats = ", ".join(f"nobody-{n}" for n in range(1000))
    path.write_text(
        "icscheck: 1\nicb: {name: X, local_authorities: [A]}\nboard: {members: []}\n"
        f"seats: &m [{seats}]\n"
        "committee: &c {id: c, name: C, type: other, chair: nobody, members: *m}\n"
        "committees: [" + ", ".join(["*c"] * 459) + "]\n",
        encoding="utf-8",
    )
    return path


def measure(path: Path, runs: int) -> tuple[list[float], list[float], float, int, int]:
    """Wall and CPU (user + system) seconds of each run, the largest peak RSS (MiB), the
    report's size, the exit code. CPU time is the figure to compare on a loaded machine:
    wall time there includes the time the process waited for a CPU."""
    command = [str(BIN / "icscheck"), "validate", "--no-cache", "--format", "json", str(path)]
    seconds: list[float] = []
    cpu: list[float] = []
    peak, size, code = 0, 0, 0
    for _ in range(runs):
        with tempfile.TemporaryFile() as report:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=report, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            seconds.append(time.perf_counter() - start)
            cpu.append(usage.ru_utime + usage.ru_stime)
            peak = max(peak, usage.ru_maxrss)
            size, code = report.seek(0, os.SEEK_END), os.waitstatus_to_exitcode(status)
    return seconds, cpu, peak / 1024, size, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = {
            "10 MiB of realistic shape": realistic(work / "region.yaml"),
            "100,000 empty map entries": empty_entries(work / "empty.yaml"),
            "aliases standing for 459,000 findings": alias_findings(work / "aliases.yaml"),
        }
        load = os.getloadavg()[0]
        print(
            f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {load:.1f} at the "
            f"start; {args.runs} runs each"
        )
        print("| Input | Size | Wall time (median, range) | CPU time | Peak RSS | Report | Exit |")
        print("|---|---|---|---|---|---|---|")
        for name, path in inputs.items():
            seconds, cpu, rss, size, code = measure(path, args.runs)
            wall = f"{statistics.median(seconds):.1f} s ({min(seconds):.1f}-{max(seconds):.1f})"
            print(
                f"| {name} | {path.stat().st_size / 1024:,.0f} KiB | {wall} "
                f"| {statistics.median(cpu):.1f} s | {rss:,.0f} MiB "
                f"| {size / 1024:,.0f} KiB | {code} |"
            )


if __name__ == "__main__":
    main()
