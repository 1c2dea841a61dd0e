"""How long another coordinator's `issue add` waits while a 1,000,000-row metrics import runs.

    python benchmarks/bench_import.py [--rows N] [--keep DIR]

Builds the demo rollout (`launchtui demo --no-open`) and a CSV of N rows of figures
(date, phase, active, nps; deterministic), then:

- reference: the same `launchtui issue add` on the idle database, a few times (median);
- `launchtui metrics import FILE.csv` in one process, and meanwhile `launchtui issue add`
  over and over in another, each timed as a whole process (interpreter start, imports,
  opening the database, waiting for the write lock, the write). A run that fails (busy)
  counts with the time it took and is reported as failed.

It prints the longest single `issue add` during the import against the reference (a
ratio), whether it stays within the promise (`TARGET_S`: writers wait well under a
second), and how long the import took against the stdlib `csv` + `sqlite3` executemany
of the same rows in one transaction (`REFERENCE`). `benchmarks/run.py --only import`
runs the same measurement as part of the full report.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ROWS = 1_000_000
TARGET_S = 1.0  # the longest `issue add` during the import, whole process
TODAY = "2026-11-07"  # the demo rollout launches 2026-10-21 (day 17); phases 1-4
USER = "bench"
DATES = ("2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07")
HEADER = "date,phase,active,nps\n"

# The floor for the import: read the same CSV and insert its rows with executemany in one
# transaction, stdlib only (no validation, no batching, nobody else may write meanwhile).
REFERENCE = """
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA synchronous = FULL")
conn.execute(
    "CREATE TABLE IF NOT EXISTS figures (phase INTEGER, date TEXT, active REAL, nps INTEGER)"
)
with open(sys.argv[2], encoding="utf-8", newline="") as f:
    rows = csv.reader(f)
    next(rows)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO figures (date, phase, active, nps) VALUES (?, ?, ?, ?)",
        ((d, int(p), float(a), int(n)) for d, p, a, n in rows),
    )
    conn.execute("COMMIT")
"""


def write_csv(path: Path, rows: int) -> int:
    """N rows of figures (a survey export as a coordinator would import it); its size."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        chunk = []
        for n in range(rows):
            chunk.append(f"{DATES[n % 5]},{1 + n % 4},{n * 7 % 101},{n * 13 % 100}\n")
            if len(chunk) == 10_000:
                f.write("".join(chunk))
                chunk.clear()
        f.write("".join(chunk))
    return path.stat().st_size


@dataclass
class Run:
    took: float
    ok: bool
    error: str = ""


@dataclass
class Result:
    reference: list[float]
    waits: list[Run] = field(default_factory=list)
    import_s: float = 0.0
    import_out: str = ""
    import_err: str = ""
    import_code: int = 0

    @property
    def longest(self) -> float:
        return max((r.took for r in self.waits), default=0.0)

    @property
    def failed(self) -> list[Run]:
        return [r for r in self.waits if not r.ok]


def timed(cmd: Sequence[str], env: dict[str, str], cwd: Path) -> Run:
    began = time.perf_counter()
    proc = subprocess.run(list(cmd), cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - began
    return Run(took, proc.returncode == 0, proc.stderr.strip()[-300:])


def measure(
    app: Sequence[str], csv_path: Path, env: dict[str, str], cwd: Path, references: int = 5
) -> Result:
    """`app` is the launchtui command with its global options (`--db`, `--user`, ...)."""
    add = [*app, "issue", "add", "--title", "Printer queue stuck", "--severity", "minor"]
    timed(add, env, cwd)  # warm caches
    result = Result([timed(add, env, cwd).took for _ in range(references)])
    began = time.perf_counter()
    importer = subprocess.Popen(
        [*app, "metrics", "import", str(csv_path)],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while importer.poll() is None:
            result.waits.append(timed(add, env, cwd))  # began while the import ran
        out, err = importer.communicate()
    finally:
        if importer.poll() is None:
            importer.kill()
            importer.wait()
    result.import_s = time.perf_counter() - began
    result.import_out, result.import_err = out.strip(), err.strip()
    result.import_code = importer.returncode
    return result


def reference_import(csv_path: Path, work: Path, env: dict[str, str]) -> float:
    db = work / "reference.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", REFERENCE, str(db), str(csv_path)], env=env, check=True, cwd=work
    )
    return time.perf_counter() - began


def summary(result: Result) -> list[str]:
    waits = [r.took for r in result.waits]
    lines = [f"`issue add` runs during the import: {len(waits)}"]
    if waits:
        lines.append(
            f"their median {statistics.median(waits):.3f} s, longest {result.longest:.3f} s"
        )
    for run in result.failed[:3]:
        lines.append(f"FAILED after {run.took:.1f} s: {run.error.splitlines()[-1:]}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--keep", type=Path, help="Build the files in DIR and keep them.")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="launchtui-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("LAUNCHTUI_DB", None)
    db = work / "import.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    app = [sys.executable, "-m", "launchtui", "--db", str(db), "--user", USER, "--today", TODAY]
    subprocess.run([*app, "demo", "--no-open"], env=env, cwd=ROOT, check=True, capture_output=True)
    csv_path = work / "figures.csv"
    size = write_csv(csv_path, args.rows)
    print(f"{args.rows:,} rows, {size / 1e6:.1f} MB: {csv_path}")

    result = measure(app, csv_path, env, ROOT)
    ref_import = reference_import(csv_path, work, env)
    ref = statistics.median(result.reference)
    print(f"`issue add` on the idle database: median {ref:.3f} s")
    for line in summary(result):
        print(line)
    ratio = result.longest / ref
    verdict = "within" if result.longest <= TARGET_S and not result.failed else "OVER"
    print(f"longest `issue add` during the import: {result.longest:.3f} s = {ratio:.1f}x idle")
    print(f"target <= {TARGET_S:.1f} s: {verdict}")
    print(
        f"import: {result.import_s:.1f} s (exit {result.import_code}: {result.import_out[:80]}"
        f"{' / ' + result.import_err[-200:] if result.import_err else ''}); "
        f"stdlib csv + sqlite3 executemany: {ref_import:.1f} s"
    )
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    sys.exit(main())
