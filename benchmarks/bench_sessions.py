"""How long `sessions plan` and `export calendar` take for a 52-week rollout, 10 locations.

    python benchmarks/bench_sessions.py [--runs R] [--keep DIR]

Seeds a database with a rollout of 26 two-week phases (52 weeks, the last one the
switch-off) and 10 locations in 10 zones (the CARICOM ones, two with daylight saving),
then times, each as a whole process (interpreter start, imports, opening the database):

- plan:       `python -m launchtui sessions plan --yes` on a fresh copy each run
              (a second plan on the same file adds nothing)
- calendar:   `python -m launchtui export calendar -o FILE` once the plan is saved
- reference:  `python -c "import click, sqlite3, humanize"`, the floor any command pays
- reference:  a bare icalendar script: reads the same sessions with one SELECT and writes
              them, with their VTIMEZONEs, as events (no phases, decisions or due dates)

It prints the best and median of R runs of each and the ratios to the references.

    python benchmarks/bench_sessions.py --before REV

measures the code of git revision REV too, in the same run, its processes interleaved
with this tree's: before and after on the same machine at the same moment. Each tree is
measured from a copy compiled to bytecode, as an installed launchtui is (this
environment sets PYTHONDONTWRITEBYTECODE, which would make every process compile
launchtui afresh: some 150 ms that no user pays), after one warm-up round; each tree
seeds its own database with its own code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The tree whose launchtui seeds a database (`--seed`): this one, unless told.
sys.path.insert(0, os.environ.get("BENCH_TREE", str(ROOT)))

TODAY = "2026-11-07"
LAUNCH = dt.date(2026, 11, 16)
WEEKS = 52
PLACES = [
    ("Paramaribo", "America/Paramaribo"),
    ("Georgetown", "America/Guyana"),
    ("Port of Spain", "America/Port_of_Spain"),
    ("Kingston", "America/Jamaica"),
    ("Bridgetown", "America/Barbados"),
    ("Nassau", "America/Nassau"),
    ("Belize City", "America/Belize"),
    ("Port-au-Prince", "America/Port-au-Prince"),
    ("Castries", "America/St_Lucia"),
    ("Amsterdam", "Europe/Amsterdam"),
]

BARE_ICALENDAR = """
import datetime as dt, sqlite3, sys, zoneinfo, icalendar
conn = sqlite3.connect(sys.argv[1])
cal = icalendar.Calendar(); cal.add("prodid", "-//bench//EN"); cal.add("version", "2.0")
first = last = None
for sid, start, tz, minutes, kind in conn.execute(
        "SELECT id, start_local, tz, minutes, kind FROM sessions ORDER BY start_utc"):
    begin = dt.datetime.fromisoformat(start).replace(tzinfo=zoneinfo.ZoneInfo(tz))
    e = icalendar.Event()
    e.add("uid", f"s{sid}@bench"); e.add("dtstamp", dt.datetime.now(dt.UTC))
    e.add("dtstart", begin); e.add("dtend", begin + dt.timedelta(minutes=minutes))
    e.add("summary", kind)
    cal.add_component(e)
    first = min(first or begin.date(), begin.date()); last = max(last or begin.date(), begin.date())
cal.add_missing_timezones(first_date=first, last_date=last)
open(sys.argv[2], "wb").write(cal.to_ical())
"""


def plan_52_weeks():
    from launchtui.domain.phases import Phase, PhasePlan

    phases = [
        Phase(n + 1, f"Wave {n + 1}", f"Group {n + 1}", 4, 14 * n, 14 * n + 13)
        for n in range(WEEKS // 2 - 1)
    ]
    last = WEEKS // 2 - 1
    phases.append(
        Phase(last + 1, "Old system off", "Everyone", 100, 14 * last, 14 * last + 13, True)
    )
    return PhasePlan("phased", tuple(phases))


def seed(path: Path) -> None:
    from launchtui.domain.locations import Location
    from launchtui.domain.rollout import Actor, Rollout
    from launchtui.store import Store

    me = Actor("ana", "ana")
    store = Store.open(path)
    try:
        now = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
        store.create_rollout(Rollout("Acme CRM", LAUNCH, "phased", team_size=400), me, now)
        store.adoption.save_plan(plan_52_weeks(), "52 weeks", me, now)
        for name, tz in PLACES:
            store.locations.save(Location(name, tz, f"champion of {name}"), me, now)
    finally:
        store.close()


def timed(cmd: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    # In the tree measured: `-m` puts the working directory first on sys.path.
    cwd = env.get("PYTHONPATH", str(ROOT))
    subprocess.run(cmd, check=True, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def show(name: str, runs: list[float]) -> float:
    best, mid = min(runs), statistics.median(runs)
    print(f"{name:<34} best {best * 1000:7.0f} ms   median {mid * 1000:7.0f} ms")
    return mid


def tree_copy(folder: Path, rev: str | None) -> Path:
    """launchtui and its checklists as in `rev` (git archive), or as in this work tree
    now; compiled to bytecode."""
    src = folder / (f"src-{rev}" if rev else "src-now")
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    if rev:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "launchtui", "checklists"],
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
    else:
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for part in ("launchtui", "checklists"):
            shutil.copytree(ROOT / part, src / part, ignore=ignore)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(src / "launchtui")], check=True)
    return src


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="Build the databases in DIR and keep them.")
    parser.add_argument("--before", metavar="REV", help="Measure git revision REV too.")
    parser.add_argument("--seed", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed(args.seed)
        return 0

    folder = args.keep or Path(tempfile.mkdtemp(prefix="launchtui-bench-sessions-"))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db*"):
        stale.unlink()
    base = {**os.environ, "_LAUNCHTUI_TEST_REAL_TODAY": TODAY}
    for name in ("LAUNCHTUI_DB", "PYTHONDONTWRITEBYTECODE"):
        base.pop(name, None)
    trees = {"now": tree_copy(folder, None)}
    if args.before:
        trees = {args.before: tree_copy(folder, args.before), **trees}
    envs = {name: {**base, "PYTHONPATH": str(src)} for name, src in trees.items()}
    seeded = {}
    for name, env in envs.items():
        seeded[name] = folder / f"seeded-{name}.db"
        subprocess.run(
            [sys.executable, __file__, "--seed", str(seeded[name])],
            check=True,
            env={**env, "BENCH_TREE": env["PYTHONPATH"]},
        )
    cli = [sys.executable, "-m", "launchtui", "--user", "ana", "--today", TODAY]

    plans: dict[str, list[float]] = {name: [] for name in trees}
    exports: dict[str, list[float]] = {name: [] for name in trees}
    floor_runs: list[float] = []
    bare_runs: list[float] = []
    out = folder / "rollout.ics"
    bare_out = folder / "bare.ics"
    for n in range(args.runs + 1):  # the first round warms caches and is not counted
        for name, env in envs.items():
            db = folder / f"plan-{name}-{n}.db"
            shutil.copy(seeded[name], db)
            took = timed([*cli, "--db", str(db), "sessions", "plan", "--yes"], env)
            planned = folder / f"plan-{name}-0.db"
            took_export = timed(
                [*cli, "--db", str(planned), "export", "calendar", "-o", str(out)], env
            )
            if n:
                plans[name].append(took)
                exports[name].append(took_export)
        floor = timed([sys.executable, "-c", "import click, sqlite3, humanize"], base)
        planned = folder / "plan-now-0.db"
        bare = timed([sys.executable, "-c", BARE_ICALENDAR, str(planned), str(bare_out)], base)
        if n:
            floor_runs.append(floor)
            bare_runs.append(bare)

    env = envs["now"]
    count = subprocess.run(
        [*cli, "--db", str(folder / "plan-now-0.db"), "sessions", "list", "--json"],
        check=True,
        capture_output=True,
        env=env,
        cwd=env["PYTHONPATH"],
    ).stdout.count(b'"id"')
    events = out.read_bytes().count(b"BEGIN:VEVENT")
    print(f"{WEEKS}-week rollout, {len(PLACES)} locations: {count} sessions, {events} events")
    print(f"{args.runs} runs each after a warm-up, with bytecode, interleaved")
    floor = show("ref: import click, sqlite3, humanize", floor_runs)
    bare = show("ref: bare icalendar, sessions only", bare_runs)
    for name in trees:
        label = "this tree" if name == "now" else name
        plan = show(f"sessions plan --yes ({label})", plans[name])
        export = show(f"export calendar ({label})", exports[name])
        print(f"  plan / import floor:       {plan / floor:5.2f}x")
        print(f"  calendar / import floor:   {export / floor:5.2f}x")
        print(f"  calendar / bare icalendar: {export / bare:5.2f}x")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
