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
sys.path.insert(0, str(ROOT))

from launchtui.domain.locations import Location  # noqa: E402
from launchtui.domain.phases import Phase, PhasePlan  # noqa: E402
from launchtui.domain.rollout import Actor, Rollout  # noqa: E402
from launchtui.store import Store  # noqa: E402

TODAY = "2026-11-07"
LAUNCH = dt.date(2026, 11, 16)
WEEKS = 52
ME = Actor("ana", "ana")
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


def plan_52_weeks() -> PhasePlan:
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
    store = Store.open(path)
    try:
        now = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
        store.create_rollout(Rollout("Acme CRM", LAUNCH, "phased", team_size=400), ME, now)
        store.adoption.save_plan(plan_52_weeks(), "52 weeks", ME, now)
        for name, tz in PLACES:
            store.locations.save(Location(name, tz, f"champion of {name}"), ME, now)
    finally:
        store.close()


def timed(cmd: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def show(name: str, runs: list[float]) -> float:
    best, mid = min(runs), statistics.median(runs)
    print(f"{name:<34} best {best * 1000:7.0f} ms   median {mid * 1000:7.0f} ms")
    return mid


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="Build the databases in DIR and keep them.")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="launchtui-bench-sessions-"))
    folder.mkdir(parents=True, exist_ok=True)
    seeded = folder / "seeded.db"
    for stale in folder.glob("*.db*"):
        stale.unlink()
    seed(seeded)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "_LAUNCHTUI_TEST_REAL_TODAY": TODAY}
    env.pop("LAUNCHTUI_DB", None)
    cli = [sys.executable, "-m", "launchtui", "--user", "ana", "--today", TODAY]

    plan_runs = []
    for n in range(args.runs):
        db = folder / f"plan-{n}.db"
        shutil.copy(seeded, db)
        plan_runs.append(timed([*cli, "--db", str(db), "sessions", "plan", "--yes"], env))
    planned = folder / "plan-0.db"
    count = subprocess.run(
        [*cli, "--db", str(planned), "sessions", "list", "--json"],
        check=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
    ).stdout.count(b'"id"')
    out = folder / "rollout.ics"
    export_runs = [
        timed([*cli, "--db", str(planned), "export", "calendar", "-o", str(out)], env)
        for _ in range(args.runs)
    ]
    events = out.read_bytes().count(b"BEGIN:VEVENT")
    floor_runs = [
        timed([sys.executable, "-c", "import click, sqlite3, humanize"], env)
        for _ in range(args.runs)
    ]
    bare_out = folder / "bare.ics"
    bare_runs = [
        timed([sys.executable, "-c", BARE_ICALENDAR, str(planned), str(bare_out)], env)
        for _ in range(args.runs)
    ]

    print(f"{WEEKS}-week rollout, {len(PLACES)} locations: {count} sessions, {events} events")
    plan = show("sessions plan --yes", plan_runs)
    export = show("export calendar", export_runs)
    floor = show("ref: import click, sqlite3, humanize", floor_runs)
    bare = show("ref: bare icalendar, sessions only", bare_runs)
    print(f"plan / import floor:      {plan / floor:5.2f}x")
    print(f"calendar / import floor:  {export / floor:5.2f}x")
    print(f"calendar / bare icalendar: {export / bare:5.2f}x")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
