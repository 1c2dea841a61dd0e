"""How long `launchtui export issues --format csv` takes for 100,000 issues.

    python benchmarks/bench_export.py [--issues N] [--runs R] [--keep DIR]

Seeds a temporary database with N issues (one transaction through `IssueLog.bulk_add`,
then a few hundred escalations and resolutions through `IssueLog.apply` so the log
holds more than `logged` events), then times, each as a whole process (interpreter start,
imports, opening and checking the database, query, CSV writing):

- launchtui:  `python -m launchtui --db DB export issues --format csv -o FILE`
- reference:  `python -c "..."`: the stdlib `sqlite3` module reading the same rows
              with one SELECT and writing them with `csv.writer`, nothing else.

It prints the best and median of R runs of each, their ratio, and whether launchtui
stays within the 2 s budget (exit code 1 if not).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from launchtui.domain.rollout import Actor, Rollout  # noqa: E402
from launchtui.store import Store  # noqa: E402

BUDGET_S = 2.0
PEOPLE = [Actor(n, n) for n in ("ana", "rob", "mei", "joel", "priya", "sven")]
PLACES = ["Paramaribo", "Nickerie", "Georgetown", "Port of Spain", "Kingston", None]
WORDS = ("login", "sync", "slow", "crash", "export", "printer", "report", "invoice", "totals")

REFERENCE = """
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    cur = conn.execute("SELECT * FROM issues ORDER BY id")
    w.writerow([c[0] for c in cur.description])
    w.writerows(cur)
"""


def seed(path: Path, count: int) -> None:
    rng = random.Random(20261103)
    store = Store.open(path)
    try:
        start = dt.datetime(2026, 11, 3, 8, tzinfo=dt.UTC)
        store.create_rollout(Rollout("Acme CRM", start.date()), PEOPLE[0], start)

        def entries():
            for n in range(count):
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))
                title = words.capitalize() if n % 50 else f"={words}"  # some formula bait
                detail = None
                if n % 3:
                    detail = f"Seen by {rng.randint(1, 40)} people.\nSteps: open, {words}, fail."
                yield {
                    "title": title,
                    "severity": rng.choice(("minor", "minor", "minor", "major", "critical")),
                    "tier": rng.randint(1, 4),
                    "detail": detail,
                    "location": rng.choice(PLACES),
                    "assignee": rng.choice([None, "IT desk", "vendor", "mei"]),
                    "phase": 1 + n * 4 // count,
                    "window": "first-week",
                    "actor": rng.choice(PEOPLE),
                    "at": start + dt.timedelta(seconds=n * 30),
                }

        store.issues.bulk_add(entries(), PEOPLE[0], start)
        later = start + dt.timedelta(days=40)
        for issue_id in rng.sample(range(1, count + 1), min(count, 300)):
            store.issues.apply(issue_id, "resolved", {"status": "resolved"}, PEOPLE[1], later)
        for issue_id in rng.sample(range(1, count + 1), min(count, 200)):
            bump = lambda issue: {"tier": min(issue.tier + 1, 4)}  # noqa: E731
            store.issues.apply(issue_id, "escalated", bump, PEOPLE[2], later)
    finally:
        store.close()


def timed(cmd: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def rows_in(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="Build the database in DIR and keep it.")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="launchtui-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "bench.db"
    if db.exists():
        db.unlink()
    began = time.perf_counter()
    seed(db, args.issues)
    print(f"seeded {args.issues:,} issues in {time.perf_counter() - began:.2f} s ({db})")

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("LAUNCHTUI_DB", None)
    ours_out, ref_out = folder / "launchtui.csv", folder / "reference.csv"
    ours_cmd = [
        sys.executable,
        "-m",
        "launchtui",
        "--db",
        str(db),
        "--user",
        "bench",
        "export",
        "issues",
        "--format",
        "csv",
        "-o",
        str(ours_out),
    ]
    ref_cmd = [sys.executable, "-c", REFERENCE, str(db), str(ref_out)]
    start_cmd = [sys.executable, "-c", "import launchtui.cli.main"]

    timed(ours_cmd, env)  # warm the page cache and the bytecode cache
    timed(ref_cmd, env)
    ours = [timed(ours_cmd, env) for _ in range(args.runs)]
    ref = [timed(ref_cmd, env) for _ in range(args.runs)]
    startup = [timed(start_cmd, env) for _ in range(args.runs)]

    assert rows_in(ours_out) == rows_in(ref_out) == args.issues
    print(f"rows: {args.issues:,}; runs: {args.runs}; file: {ours_out.stat().st_size:,} bytes")
    for label, times in (("launchtui export (process)", ours), ("sqlite3 + csv reference", ref)):
        median = statistics.median(times)
        print(f"{label:<27}: best {min(times):.3f} s, median {median:.3f} s")
    print(f"(startup alone, `python -c 'import launchtui.cli.main'`: best {min(startup):.3f} s)")
    print(f"ratio launchtui / reference (best): {min(ours) / min(ref):.2f}")
    verdict = "within" if min(ours) < BUDGET_S else "OVER"
    print(f"budget {BUDGET_S:.1f} s: {verdict}")
    if args.keep is None:
        for name in ("bench.db", "bench.db-wal", "bench.db-shm", "launchtui.csv", "reference.csv"):
            (folder / name).unlink(missing_ok=True)
        folder.rmdir()
    return 0 if min(ours) < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
