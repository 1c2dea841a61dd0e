"""Every performance figure of launchtui beside its target and a reference measured in the same run.

    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # fewer repetitions, a 10 s idle window (< 2 minutes)
    python benchmarks/run.py --head     # measure the last commit (git archive HEAD)
    python benchmarks/run.py --only startup,cli   # some groups only (see GROUPS)

Each figure is printed with its target and reference and marked `ok` or `MISSED`; a
figure that could not be measured (the app failed) counts as missed and says why.
The run always exits 0: it is a report. The last line is "N ok, M missed".

Everything is deterministic where it can be: `--today 2026-11-07` (day 17 of the demo
rollout; the clock hook `_LAUNCHTUI_TEST_REAL_TODAY` makes it the real date, so it is no
rehearsal on a copy), a fixed user, fixed seeds, an 80x24 pseudo-terminal (TERM=xterm-256color).

How: the tree is copied once at the start (others may edit it meanwhile) and compiled to
bytecode there, as an installed launchtui is (this environment sets
PYTHONDONTWRITEBYTECODE, which would make every process compile launchtui afresh).
Whole processes are timed interleaved with their reference, after one warm-up round;
screens are read from a pseudo-terminal through a small VT100 model (`_harness.Screen`),
so "on screen" means the text really is on the 80x24 grid. Key-to-paint times come from
the app in `App.run_test()` (`_inproc.py`), timed at the widget's `render_row` call for
the changed row. Before each group the run waits for other processes to go quiet, and
flags any figure measured while they used more than 10% of the CPUs.

    --keep DIR   build the databases in DIR and keep them
    -v           print the screens seen in the pseudo-terminal
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from _harness import (  # noqa: E402
    OthersMeter,
    PtyApp,
    Screen,
    cpu_seconds,
    median,
    percentile,
    run_timed,
    status_kb,
    wait_until_quiet,
)

TODAY = "2026-11-07"
USER = "bench"
INSTANCES = 5_000
ISSUES = 100_000
BIG_ISSUES = 300_000  # the `scale` group's second database
REFERENCE_IMPORTS = "import click, sqlite3, humanize"
CLI_RATIO = 2.0
STARTUP_RATIO = 1.25  # issue 15: first paint at most 1.25x the hello-world app


@dataclass
class Figure:
    name: str
    value: str
    target: str
    reference: str
    ok: bool | None  # None: shown for information, not counted
    notes: list[str] = field(default_factory=list)
    group: str = ""
    others: float = 0.0  # share of the CPUs other processes used while it was measured


@dataclass
class Ctx:
    src: Path
    work: Path
    quick: bool
    verbose: bool
    env: dict[str, str]
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dbs: dict[str, Path] = field(default_factory=dict)
    busy: list[str] = field(default_factory=list)
    copies: int = 0
    wait_left: float = 0.0  # seconds the run may still spend waiting for a quiet machine
    took: dict[str, float] = field(default_factory=dict)

    def n(self, quick: int, full: int) -> int:
        return quick if self.quick else full

    def py(self, *args: str) -> list[str]:
        return [sys.executable, *args]

    def app_cmd(self, db: Path, *args: str, checklists: Path | None = None) -> list[str]:
        cmd = self.py("-m", "launchtui", "--db", str(db), "--user", USER, "--today", TODAY)
        if checklists is not None:
            cmd += ["--checklists", str(checklists)]
        return cmd + list(args)

    def add(self, name, value, target, reference, ok, *notes) -> None:
        ok = None if ok is None else bool(ok)
        self.figures.append(Figure(name, value, target, reference, ok, list(notes)))

    def say(self, line: str) -> None:
        print(f"  · {line}", flush=True)


def ms(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def rows(indexes) -> str:
    """Screen rows, counted from 1, as '1-4, 10'."""
    out, run = [], []
    for i in sorted(indexes):
        if run and i == run[-1] + 1:
            run.append(i)
            continue
        if run:
            out.append(f"{run[0] + 1}" if len(run) == 1 else f"{run[0] + 1}-{run[-1] + 1}")
        run = [i]
    if run:
        out.append(f"{run[0] + 1}" if len(run) == 1 else f"{run[0] + 1}-{run[-1] + 1}")
    return ", ".join(out) or "none"


def spans(written: dict[int, tuple[int, int]]) -> str:
    """Rows written and their columns, grouped: 'lines 7-23 (column 80)'."""
    groups: dict[tuple[int, int], list[int]] = {}
    for row, cols in written.items():
        groups.setdefault(cols, []).append(row)
    parts = []
    for (first, last), rows_ in sorted(groups.items(), key=lambda kv: min(kv[1])):
        cols = f"column {first + 1}" if first == last else f"columns {first + 1}-{last + 1}"
        parts.append(f"lines {rows(rows_)} ({cols})")
    return "; ".join(parts) or "none"


def secs(seconds: float) -> str:
    return f"{seconds:.3f} s"


# -- data -----------------------------------------------------------------------------


def seed_all(ctx: Ctx, groups: set[str]) -> None:
    """The demo rollout, the 5,000-instance demo and the 100,000-issue database."""
    began = time.perf_counter()
    demo = ctx.work / "demo.db"
    run_timed(ctx.app_cmd(demo, "demo", "--no-open"), ctx.env, ctx.src)
    ctx.dbs["demo"] = demo
    said = [f"demo {time.perf_counter() - began:.1f} s"]
    if groups & {"tick"}:
        began = time.perf_counter()
        folder, count = big_checklists(ctx)
        big = ctx.work / "big.db"
        run_timed(ctx.app_cmd(big, "demo", "--no-open", checklists=folder), ctx.env, ctx.src)
        ctx.dbs["big"], ctx.dbs["big-checklists"] = big, folder
        said.append(f"{count:,}-instance demo {time.perf_counter() - began:.1f} s")
    if groups & {"export", "memory", "issues", "tick", "other-write", "scale"}:
        began = time.perf_counter()
        issues = ctx.work / "issues.db"
        seed_issues(ctx, issues, ISSUES)
        ctx.dbs["issues"] = issues
        said.append(f"{ISSUES:,} issues {time.perf_counter() - began:.1f} s")
    ctx.say("seeded: " + ", ".join(said))


def fresh(ctx: Ctx, name: str) -> Path:
    """A copy of a seeded database for a scenario that writes to it (groups can be rerun)."""
    source = ctx.dbs[name]
    ctx.copies += 1
    copy = ctx.work / f"{source.stem}-{ctx.copies}.db"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{copy}{suffix}")
    return copy


def big_checklists(ctx: Ctx) -> tuple[Path, int]:
    """The shipped checklists; `each-week-after` padded with daily items to ~5,000 instances."""
    import datetime as dt

    from launchtui.domain.checklist_files import load_checklists, shipped_dir
    from launchtui.domain.rollout import Rollout
    from launchtui.services.demo import DEMO_DAY

    folder = ctx.work / "checklists-5000"
    shutil.copytree(shipped_dir(), folder)
    launch = dt.date.fromisoformat(TODAY) - dt.timedelta(days=DEMO_DAY)
    schedule = load_checklists(folder).schedule(Rollout("Acme CRM", launch, "phased", 40))
    base = len(schedule.instances())
    window = schedule.window("each-week-after")
    days = (window.last - window.first).days + 1
    extra = math.ceil((INSTANCES - base) / days)
    path = next(p for p in folder.glob("*.toml") if 'id = "each-week-after"' in p.read_text())
    lines = [path.read_text()]
    for n in range(1, extra + 1):
        lines.append(
            f'\n[[items]]\nid = "bench-daily-{n:03d}"\n'
            f'text = {{ en = "Daily bench check {n} done", nl = "Bench-controle {n}" }}\n'
            'owner = "champion"\nrecurrence = "daily"\n'
        )
    path.write_text("".join(lines))
    count = len(load_checklists(folder).schedule(Rollout("Acme CRM", launch, "phased")).instances())
    return folder, count


def seed_issues(ctx: Ctx, path: Path, count: int) -> None:
    """bench_export's seeding (one transaction through IssueLog.bulk_add), with this src tree."""
    import importlib

    # launchtui from the snapshot first: bench_export puts its own checkout on sys.path.
    importlib.import_module("launchtui.store")
    from bench_export import seed

    seed(path, count)


# -- start-up -------------------------------------------------------------------------


def whole_screen(screen: Screen) -> bool:
    """launchtui's first screen is there: the status panel has data and the footer its keys
    (hello's needle is in its footer too, so both are timed to a complete screen)."""
    return "of the rollout" in screen and "Quit" in screen


def first_screen(
    ctx: Ctx, cmd: list[str], needle: str | Callable[[Screen], bool]
) -> tuple[float, PtyApp]:
    app = PtyApp(cmd, env=ctx.env, cwd=ctx.src)
    try:
        took = app.wait_for(needle, timeout=30)
    except Exception:
        app.quit()
        raise
    return took, app


def bench_startup(ctx: Ctx) -> None:
    runs = ctx.n(3, 9)
    hello_cmd = ctx.py(str(HERE / "hello_app.py"))
    ours_cmd = ctx.app_cmd(ctx.dbs["demo"])
    hello, ours = [], []
    for n in range(runs + 1):  # the first pair warms caches and is not counted
        for cmd, needle, into in (
            (hello_cmd, "Quit hello", hello),
            (ours_cmd, whole_screen, ours),
        ):
            took, app = first_screen(ctx, cmd, needle)
            if n == 0 and ctx.verbose:
                app.drain(0.5)
                print(app.screen.text())
            app.quit()
            if n:
                into.append(took)
    ratio = median(ours) / median(hello)
    ctx.add(
        "start-up to first screen (pty 80x24)",
        f"{secs(median(ours))} = {ratio:.2f}x",
        f"<= {STARTUP_RATIO}x hello",
        f"hello {secs(median(hello))}",
        ratio <= STARTUP_RATIO,
        f"launchtui runs {', '.join(f'{t:.3f}' for t in ours)}; hello runs "
        + ", ".join(f"{t:.3f}" for t in hello),
    )


# -- the command line -----------------------------------------------------------------


def bench_cli(ctx: Ctx) -> None:
    runs = ctx.n(5, 15)
    db = fresh(ctx, "demo")
    # The libraries the command line stands on, bare. Not sqlite_utils: it imports numpy
    # when that is installed, so a reference with it moves with the environment.
    ref_cmd = ctx.py("-c", REFERENCE_IMPORTS)
    status_cmd = ctx.app_cmd(db, "status", "--json")
    keys = open_keys(ctx, db)
    ref, tick, status = [], [], []
    for n in range(runs + 1):
        key = keys[n % len(keys)]
        t_ref = run_timed(ref_cmd, ctx.env, ctx.src)
        t_tick = run_timed(ctx.app_cmd(db, "tick", key), ctx.env, ctx.src)
        run_timed(ctx.app_cmd(db, "untick", key), ctx.env, ctx.src)  # fresh again, not timed
        t_status = run_timed(status_cmd, ctx.env, ctx.src)
        if n:  # the first round warms caches
            ref.append(t_ref)
            tick.append(t_tick)
            status.append(t_status)
    base = median(ref)
    for label, times in (("`launchtui tick KEY`", tick), ("`launchtui status --json`", status)):
        ratio = median(times) / base
        ctx.add(
            f"{label} (whole process)",
            f"{secs(median(times))} = {ratio:.2f}x",
            f"<= {CLI_RATIO}x {REFERENCE_IMPORTS}",
            secs(base),
            ratio <= CLI_RATIO,
        )
    code = "import sys, launchtui.cli.main; print('textual' in sys.modules, 'numpy' in sys.modules)"
    probe = subprocess.run(
        ctx.py("-c", code), env=ctx.env, cwd=ctx.src, capture_output=True, text=True
    )
    loaded = probe.stdout.split()
    ctx.add(
        "`import launchtui.cli.main` loads textual",
        loaded[0] if loaded else f"error: {probe.stderr.strip()[-200:]}",
        "False",
        "-",
        loaded[:1] == ["False"],
        *(
            [f"numpy loaded too (sqlite_utils imports it when installed): {loaded[1]}"]
            if loaded
            else []
        ),
    )


def open_keys(ctx: Ctx, db: Path) -> list[str]:
    out = subprocess.run(
        ctx.app_cmd(db, "checklist", "--json"),
        env=ctx.env,
        cwd=ctx.src,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    keys = [i["key"] for i in json.loads(out) if i["state"] == "open"]
    if not keys:
        raise RuntimeError("the demo has no open item to tick")
    return keys


def import_breakdown(ctx: Ctx, code: str, top: int = 8) -> list[str]:
    """The heaviest top-level packages of `python -X importtime -c CODE` (cumulative µs)."""
    proc = subprocess.run(
        ctx.py("-X", "importtime", "-c", code),
        env=ctx.env,
        cwd=ctx.src,
        capture_output=True,
        text=True,
    )
    per_package: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line.split("|")
        try:
            self_us = int(parts[0].split(":")[1])
        except ValueError:
            continue
        name = parts[2].strip().split(".")[0]
        per_package[name] = per_package.get(name, 0) + self_us
    ranked = sorted(per_package.items(), key=lambda kv: -kv[1])[:top]
    return [f"{name} {us / 1000:.0f} ms" for name, us in ranked]


# -- in-process scenarios ---------------------------------------------------------------


def inproc(ctx: Ctx, scenario: str, *args: str, timeout: float = 300) -> dict:
    cmd = ctx.py(str(HERE / "_inproc.py"), scenario, "--src", str(ctx.src), *args)
    proc = subprocess.run(
        cmd, env=ctx.env, cwd=ctx.src, capture_output=True, text=True, timeout=timeout
    )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{scenario} failed: {proc.stderr.strip()[-1200:]}")
    return json.loads(lines[-1])


def bench_tick(ctx: Ctx) -> None:
    reps = ctx.n(10, 30)
    big, folder = str(fresh(ctx, "big")), str(ctx.dbs["big-checklists"])
    out = inproc(ctx, "tick", "--db", big, "--checklists", folder, "--reps", str(reps))
    samples = out["samples"]
    value = median(samples)
    ctx.add(
        f"space to committed tick + repaint ({out['instances']:,} instances)",
        f"median {ms(value)}",
        "<= 30 ms",
        f"status() alone {ms(out['status_alone'])}",
        value <= 0.030,
        f"{len(samples)} ticks on {out['rows']:,} rows in the list (the padded window open): "
        f"p90 {ms(percentile(samples, 0.9))}, max {ms(max(samples))}",
    )
    if "issues" in ctx.dbs:  # the same with the issue log full: what each refresh costs then
        out = inproc(ctx, "tick", "--db", str(fresh(ctx, "issues")), "--reps", str(ctx.n(3, 8)))
        ctx.add(
            f"  same, {ISSUES:,} issues in the log ({out['instances']:,} instances)",
            f"median {ms(median(out['samples']))}",
            "(info)",
            f"status() alone {ms(out['status_alone'])}",
            None,
        )


def bench_other_write(ctx: Ctx) -> None:
    reps = ctx.n(4, 10)
    out = inproc(ctx, "other-write", "--db", str(fresh(ctx, "demo")), "--reps", str(reps))
    samples = out["samples"]
    ctx.add(
        "another process's write on screen (poll on)",
        f"max {secs(max(samples))}",
        "<= 1.2 s",
        f"median {secs(median(samples))}",
        max(samples) <= 1.2,
        f"{len(samples)} writes (tick/untick {out['key']}) at random moments: "
        + ", ".join(f"{t:.2f}" for t in samples),
    )
    if "issues" in ctx.dbs:
        out = inproc(
            ctx, "other-write", "--db", str(fresh(ctx, "issues")), "--reps", str(ctx.n(3, 6))
        )
        samples = out["samples"]
        ctx.add(
            f"  same, {ISSUES:,} issues in the log",
            f"max {secs(max(samples))}",
            "(info)",
            f"median {secs(median(samples))}",
            None,
        )


def bench_issues(ctx: Ctx) -> None:
    runs = ctx.n(1, 3)
    opens, pages, filters, total = [], [], [], 0
    for _ in range(runs):
        out = inproc(
            ctx, "issues", "--db", str(ctx.dbs["issues"]), "--reps", "20", "--text", "sync"
        )
        opens.append(out["open"])
        pages += out["page_down"]
        filters += out["filter"]
        total = out["total"]
    ctx.add(
        f"issue tab open ({total:,} rows listed)",
        f"median {ms(median(opens))}",
        "< 300 ms",
        "-",
        median(opens) < 0.3,
        "runs " + ", ".join(ms(t) for t in opens),
    )
    ctx.add(
        "issue tab page-down",
        f"median {ms(median(pages))}",
        "< 50 ms",
        f"max {ms(max(pages))}",
        median(pages) < 0.05,
    )
    ctx.add(
        "issue filter keystroke to results ('sync')",
        f"median {ms(median(filters))}",
        "< 200 ms",
        f"max {ms(max(filters))}",
        median(filters) < 0.2,
        "keystrokes " + ", ".join(ms(t) for t in filters),
    )


# -- what grows with the issue log: the reload's reads, `issue list --json` ---------------

PEAK = """
import resource, subprocess, sys, time
began = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
took = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(done.returncode, took, peak, done.stderr.decode(errors="replace")[-300:].replace("\\n", " "))
"""


def peak_and_time(ctx: Ctx, cmd: list[str]) -> tuple[float, int]:
    """A whole process's wall time and peak RSS (KiB), measured by a parent of its own."""
    out = subprocess.run(
        ctx.py("-c", PEAK, *cmd), env=ctx.env, cwd=ctx.src, capture_output=True, text=True
    )
    code, took, peak, *err = out.stdout.split(maxsplit=3)
    if code != "0":
        raise RuntimeError(f"{' '.join(cmd[-3:])} exited {code}: {' '.join(err)}")
    return float(took), int(peak)


def bench_scale(ctx: Ctx) -> None:
    began = time.perf_counter()
    big = ctx.work / "issues-300k.db"
    if not big.exists():
        seed_issues(ctx, big, BIG_ISSUES)
    ctx.say(f"seeded {BIG_ISSUES:,} issues {time.perf_counter() - began:.1f} s")
    out = inproc(ctx, "reload", "--db", str(big), "--reps", str(ctx.n(10, 30)))
    value = median(out["samples"])
    ctx.add(
        f"reload's issue reads, {out['issues']:,} issues (gate + open_counts)",
        f"median {ms(value)}",
        "<= 30 ms",
        "114 ms before (issue 15)",
        value <= 0.030,
        f"`AdoptionService.gate()` {ms(median(out['gate']))}, "
        f"`IssueLog.open_counts()` {ms(median(out['open_counts']))}",
    )
    for count, db in ((ISSUES, ctx.dbs.get("issues")), (BIG_ISSUES, big)):
        if db is None:
            continue
        runs = [peak_and_time(ctx, ctx.app_cmd(db, "issue", "list", "--json"))]
        if not ctx.quick:
            runs.append(peak_and_time(ctx, ctx.app_cmd(db, "issue", "list", "--json")))
        took = min(t for t, _ in runs)
        peak = max(p for _, p in runs) / 1024
        ctx.add(
            f"`issue list --json`, {count:,} issues (whole process)",
            f"peak {peak:.0f} MiB, {secs(took)}",
            "<= 100 MiB",
            "300k before: 1.5 GB, 9.7 s",
            peak <= 100,
        )


# -- the real app in a pty: bytes per tick, idle bytes, idle CPU --------------------------


def clear_of_the_minute(app: PtyApp, margin: float = 3.0) -> None:
    """Wait out a coming minute: on the minute the app redraws its clock and the ages that
    moved (the panel's lines), which is no part of a key's bytes."""
    left = 60 - time.time() % 60
    if left < margin:
        time.sleep(left + 0.2)
        app.drain(quiet=0.5, timeout=5)


def bench_terminal(ctx: Ctx) -> None:
    idle_bytes_s = 10
    idle_cpu_s = ctx.n(10, 30)
    watch_s = ctx.n(10, 65)  # past the app's 60 s forced refresh and a minute of the clock
    _, app = first_screen(ctx, ctx.app_cmd(fresh(ctx, "demo")), whole_screen)
    try:
        app.drain(quiet=1.0, timeout=10)
        clear_of_the_minute(app)
        before = app.screen.lines()
        app.screen.untouch()
        app.send(" ")
        tick_bytes = app.drain(quiet=0.3, timeout=10)
        ticked = f"{USER} ·" in app.screen
        written = app.screen.untouch()
        after_tick = app.screen.lines()
        changed = [i for i, (a, b) in enumerate(zip(before, after_tick, strict=True)) if a != b]
        app.drain(quiet=1.0, timeout=5)  # let anything the tick set off finish
        # The cursor one row down, then back up: the usual "space, down" rhythm over SSH.
        moves = []
        for key in ("\x1b[B", "\x1b[A"):
            clear_of_the_minute(app)
            start = app.screen.lines()
            app.screen.untouch()
            app.send(key)
            sent = app.drain(quiet=0.3, timeout=10)
            moved = [
                i for i, (a, b) in enumerate(zip(start, app.screen.lines(), strict=True)) if a != b
            ]
            moves.append((sent, moved, app.screen.untouch()))
        app.drain(quiet=1.0, timeout=5)
        idle_start = app.screen.lines()
        cpu0, t0 = cpu_seconds(app.pid), time.perf_counter()
        reads = app.count_for(idle_cpu_s)
        cpu1, t1 = cpu_seconds(app.pid), time.perf_counter()
        if watch_s > idle_cpu_s:
            more = app.count_for(watch_s - idle_cpu_s)
            reads += [(at + t1 - t0, *rest) for at, *rest in more]
        cpu2, t2 = cpu_seconds(app.pid), time.perf_counter()
        idle_end = app.screen.lines()
        if ctx.verbose:
            print(app.screen.text())
    finally:
        app.quit()
    ctx.add(
        "bytes to the terminal for one tick (80x24)",
        f"{tick_bytes:,} B",
        "<= 2,048 B",
        f"{len(changed)} screen lines changed",
        tick_bytes <= 2048 and ticked,
        f"lines changed: {rows(changed)}; written (changed or not): {spans(written)}"
        + ("" if ticked else "; the tick never showed on screen"),
    )
    worst = max(moves, key=lambda m: m[0])
    ctx.add(
        "bytes to the terminal for one cursor move (80x24)",
        f"{worst[0]:,} B",
        "<= 600 B",
        f"down {moves[0][0]:,} B, up {moves[1][0]:,} B",
        worst[0] <= 600 and all(m[1] for m in moves),
        *(
            f"{name}: lines changed: {rows(moved)}; written (changed or not): {spans(wrote)}"
            for name, (_, moved, wrote) in zip(("down", "up"), moves, strict=True)
        ),
    )
    in_window = [r for r in reads if r[0] < idle_bytes_s]
    idle_bytes = sum(r[1] for r in in_window)
    notes = [
        f"at {at:5.1f} s: {n:,} B, lines changed: {rows(lines)}; written: {spans(wrote)}"
        for at, n, lines, wrote in reads[:15]
    ]
    for i, (a, b) in enumerate(zip(idle_start, idle_end, strict=True)):
        if a != b:
            notes.append(f"line {i + 1} was {a.strip()!r}, now {b.strip()!r}")
    if not reads:
        notes.append(f"no byte written in {watch_s} s of watching")
    ctx.add(
        f"bytes to the terminal while idle ({idle_bytes_s} s)",
        f"{idle_bytes:,} B in {len(in_window)} writes",
        "0 B",
        f"{sum(r[1] for r in reads):,} B in {watch_s} s",
        idle_bytes == 0,
        *notes,
    )
    share = (cpu1 - cpu0) / (t1 - t0) * 100
    ctx.add(
        f"idle CPU over {idle_cpu_s} s (polling on)",
        f"{share:.2f}% of a core",
        "<= 1%",
        f"{cpu1 - cpu0:.2f} s CPU in {t1 - t0:.1f} s",
        share <= 1.0,
        *(
            [f"{(cpu2 - cpu0) / (t2 - t0) * 100:.2f}% over all {t2 - t0:.0f} s watched"]
            if watch_s > idle_cpu_s
            else []
        ),
    )


# -- export -----------------------------------------------------------------------------


def bench_export(ctx: Ctx) -> None:
    runs = ctx.n(2, 5)
    db = ctx.dbs["issues"]
    ours_out, ref_out = ctx.work / "launchtui.csv", ctx.work / "reference.csv"
    ours_cmd = ctx.app_cmd(db, "export", "issues", "--format", "csv", "-o", str(ours_out))
    sqlite3_cli = shutil.which("sqlite3")
    if sqlite3_cli:
        label = "sqlite3 -csv"
        query = "SELECT * FROM issues ORDER BY id"
        shell = f"{sqlite3_cli} -csv -header {db} '{query}' > {ref_out}"
        ref_cmd = ["sh", "-c", shell]
    else:
        from bench_export import REFERENCE

        label = "stdlib sqlite3+csv (no sqlite3 CLI)"
        ref_cmd = ctx.py("-c", REFERENCE, str(db), str(ref_out))
    from bench_export import REFERENCE

    std_cmd = ctx.py("-c", REFERENCE, str(db), str(ctx.work / "stdlib.csv"))
    ours, ref, std = [], [], []
    for n in range(runs + 1):
        t_ref = run_timed(ref_cmd, ctx.env, ctx.src)
        t_ours = run_timed(ours_cmd, ctx.env, ctx.src)
        t_std = run_timed(std_cmd, ctx.env, ctx.src)
        if n:
            ref.append(t_ref)
            ours.append(t_ours)
            std.append(t_std)
    rows = [count_csv_rows(p) for p in (ours_out, ref_out)]
    same = rows[0] == rows[1] == ISSUES
    ratio = median(ours) / median(ref)
    ctx.add(
        f"`export issues --format csv`, {ISSUES:,} issues",
        f"{secs(median(ours))} = {ratio:.2f}x",
        "<= 2x",
        f"{label} {secs(median(ref))}",
        ratio <= 2 and same,
        f"rows written: launchtui {rows[0]:,}, reference {rows[1]:,}"
        + ("" if same else " (MISMATCH)"),
    )
    ctx.add(
        "  same, against stdlib sqlite3 + csv (bench_export's reference)",
        f"{median(ours) / median(std):.2f}x",
        "(info)",
        secs(median(std)),
        None,
    )


def count_csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


# -- memory -----------------------------------------------------------------------------


def bench_memory(ctx: Ctx) -> None:
    runs = ctx.n(1, 3)
    ours, at_start, hello, tab, starts, hello_starts = [], [], [], [], [], []
    for _ in range(runs):
        took, app = first_screen(ctx, ctx.py(str(HERE / "hello_app.py")), "Quit hello")
        try:
            app.drain(0.3)
            hello.append(status_kb(app.pid))
            hello_starts.append(took)
        finally:
            app.quit()
        took, app = first_screen(ctx, ctx.app_cmd(ctx.dbs["issues"]), whole_screen)
        try:
            app.drain(0.3)
            starts.append(took)
            at_start.append(status_kb(app.pid))
            app.send("i")
            tab.append(app.until(lambda s: "f:" in s and "severity" in s and "title" in s, 30))
            app.drain(0.3)
            if ctx.verbose:
                print(app.screen.text())
            ours.append(status_kb(app.pid))
        finally:
            app.quit()
    ratio = median(ours) / median(hello)
    ctx.add(
        f"peak RSS, {ISSUES:,} issues, issue tab open",
        f"{median(ours) / 1024:.1f} MiB = {ratio:.2f}x",
        "<= 2x hello",
        f"hello {median(hello) / 1024:.1f} MiB",
        ratio <= 2,
        f"peak already at the first screen, before `i`: {median(at_start) / 1024:.1f} MiB; "
        f"(pty) `i` to the issue page on screen: {', '.join(ms(t) for t in tab)}",
    )
    ctx.add(
        f"  start-up to first screen, {ISSUES:,} issues",
        f"{secs(median(starts))} = {median(starts) / median(hello_starts):.2f}x",
        "(info)",
        f"hello {secs(median(hello_starts))}",
        None,
    )


# -- a large import beside another writer ------------------------------------------------


def bench_import(ctx: Ctx) -> None:
    """The longest `issue add` while `metrics import` saves 1,000,000 rows (bench_import)."""
    import bench_import as bench

    db = fresh(ctx, "demo")
    csv_path = ctx.work / "figures-1m.csv"
    if not csv_path.exists():
        bench.write_csv(csv_path, bench.ROWS)
    size = csv_path.stat().st_size
    found = bench.measure(ctx.app_cmd(db), csv_path, ctx.env, ctx.src)
    reference = median(found.reference)
    longest, failed = found.longest, found.failed
    ratio = longest / reference
    saved = found.import_code == 0 and f"saved {bench.ROWS} rows" in found.import_out
    ctx.add(
        f"longest `issue add` during a {bench.ROWS:,}-row `metrics import`",
        f"{secs(longest)} = {ratio:.1f}x",
        f"<= {bench.TARGET_S:.0f} s, none failed",
        f"idle {secs(reference)}",
        longest <= bench.TARGET_S and not failed,
        *bench.summary(found),
    )
    floor = bench.reference_import(csv_path, ctx.work, ctx.env)
    ctx.add(
        f"  `metrics import` of {bench.ROWS:,} rows ({size / 1e6:.0f} MB)",
        f"{found.import_s:.1f} s = {found.import_s / floor:.1f}x",
        "(info)",
        f"csv + executemany {floor:.1f} s",
        None,
        "import said: "
        + (found.import_out[:80] or "-")
        + ("" if saved else f" (exit {found.import_code}: {found.import_err[-300:]})"),
    )


# -- the report ---------------------------------------------------------------------------

GROUPS = {
    "startup": bench_startup,
    "cli": bench_cli,
    "tick": bench_tick,
    "other-write": bench_other_write,
    "terminal": bench_terminal,
    "export": bench_export,
    "memory": bench_memory,
    "issues": bench_issues,
    "scale": bench_scale,
    "import": bench_import,
}


def git(*args: str) -> str:
    proc = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    return proc.stdout.strip()


def snapshot(args, work: Path) -> tuple[Path, str]:
    """A copy of the tree to measure, taken once: others may edit the work tree meanwhile."""
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    head = git("rev-parse", "--short", "HEAD") or "?"
    if args.head:
        src.mkdir(parents=True)
        archive = subprocess.run(
            [
                "git",
                "-C",
                str(ROOT),
                "archive",
                "HEAD",
                "launchtui",
                "checklists",
                "pyproject.toml",
            ],
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
        return src, f"git archive of HEAD {head}"
    tree = args.src.resolve()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(tree / "launchtui", src / "launchtui", ignore=ignore)
    shutil.copytree(tree / "checklists", src / "checklists", ignore=ignore)
    origin = f"copy of {tree}"
    if tree == ROOT:
        dirty = git("status", "--porcelain", "--", "launchtui", "checklists")
        changed = len(dirty.splitlines()) if dirty else 0
        origin += f" at {head}" + (f" + {changed} uncommitted file(s)" if changed else "")
    return src, origin


def report(ctx: Ctx, footer: str) -> None:
    names = [f.name for f in ctx.figures]
    width = max(len(n) for n in names) if names else 10
    cols = [
        (f.name, f.value, f.target, f.reference, {True: "ok", False: "MISSED", None: "info"}[f.ok])
        for f in ctx.figures
    ]
    header = ("figure", "value", "target", "reference", "")
    widths = [max(len(r[i]) for r in [header, *cols]) for i in range(5)]
    widths[0] = max(widths[0], width)
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print()
    print(line.format(*header).rstrip())
    print("  ".join("-" * w for w in widths))
    for f, row in zip(ctx.figures, cols, strict=True):
        print(line.format(*row).rstrip())
        for note in f.notes:
            print(" " * 4 + note)
    for note in ctx.notes:
        print(note)
    good = sum(f.ok is True for f in ctx.figures)
    bad = sum(f.ok is False for f in ctx.figures)
    print(f"\n({footer})")
    print(f"{good} ok, {bad} missed")


def diagnose(ctx: Ctx) -> None:
    """Cheap pointers for the product engineer when a start-up figure is missed."""
    missed = {f.name for f in ctx.figures if f.ok is False}
    if any("start-up" in n or "peak RSS" in n for n in missed):
        ctx.notes.append(
            "\nimport time by package, `import launchtui.tui.app`: "
            + ", ".join(import_breakdown(ctx, "import launchtui.tui.app"))
        )
        ctx.notes.append(
            "import time by package, hello (`import textual.app, textual.widgets`): "
            + ", ".join(import_breakdown(ctx, "import textual.app, textual.widgets"))
        )
    if any("(whole process)" in n or "loads textual" in n for n in missed):
        ctx.notes.append(
            "import time by package, `import launchtui.cli.main`: "
            + ", ".join(import_breakdown(ctx, "import launchtui.cli.main"))
        )


def run_group(ctx: Ctx, name: str, retry: bool = False) -> None:
    limit = min(ctx.n(5, 20), ctx.wait_left)
    waited = time.perf_counter()
    before_quiet = wait_until_quiet(limit)
    ctx.wait_left = max(0.0, ctx.wait_left - (time.perf_counter() - waited))
    kept, ctx.figures = ctx.figures, []
    t, meter = time.perf_counter(), OthersMeter()
    try:
        GROUPS[name](ctx)
    except Exception as exc:
        message = str(exc).strip().splitlines()
        ctx.add(name, "ERROR", "-", "-", False, *message[-12:])
        if ctx.verbose:
            traceback.print_exc()
    others = meter.share()
    busy = others > 0.10
    ctx.took[name] = time.perf_counter() - t
    ctx.say(
        f"{name} done in {time.perf_counter() - t:.1f} s; other processes used "
        f"{others:.0%} of the CPUs meanwhile" + (" (BUSY: figures may be noisy)" if busy else "")
    )
    if busy:
        for figure in ctx.figures:
            figure.notes.append(
                f"measured while other processes used {others:.0%} of the CPUs "
                f"({before_quiet:.0%} just before): may be noisy"
            )
    new, ctx.figures = ctx.figures, kept
    for figure in new:
        figure.group, figure.others = name, others
    if not retry:
        ctx.figures.extend(new)
        if busy:
            ctx.busy.append(name)
        return
    old = [f for f in ctx.figures if f.group == name]
    if old and others < min(f.others for f in old):
        at = ctx.figures.index(old[0])
        ctx.figures = [f for f in ctx.figures if f.group != name]
        ctx.figures[at:at] = new
        if not busy:
            ctx.busy.remove(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="A short run (under 2 minutes).")
    parser.add_argument("--src", type=Path, default=ROOT, help="The source tree to measure.")
    parser.add_argument("--head", action="store_true", help="Measure `git archive HEAD`.")
    parser.add_argument("--only", help=f"Comma-separated groups: {', '.join(GROUPS)}.")
    parser.add_argument("--keep", type=Path, help="Build the databases in DIR and keep them.")
    parser.add_argument("-v", "--verbose", action="store_true", help="Print the pty screens.")
    args = parser.parse_args()

    began = time.perf_counter()
    work = args.keep or Path(tempfile.mkdtemp(prefix="launchtui-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    src, origin = snapshot(args, work)
    sys.path.insert(0, str(src))
    env = {**os.environ, "PYTHONPATH": str(src), "TERM": "xterm-256color", "LAUNCHTUI_USER": USER}
    # The tests' clock hook (launchtui/services/rehearsal.py TEST_CLOCK): the real date is TODAY, so
    # `--today TODAY` is no rehearsal and every run measures the database it built.
    env["_LAUNCHTUI_TEST_REAL_TODAY"] = TODAY
    # This environment sets PYTHONDONTWRITEBYTECODE=1, so a checkout never gets .pyc files
    # and every process would compile launchtui from source; an installed launchtui has
    # its bytecode (pip compiles it), and so has Textual here. Measure with bytecode: it
    # is written into the snapshot, never into the work tree.
    for name in ("LAUNCHTUI_DB", "NO_COLOR", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(src / "launchtui")], env=env, check=True
    )
    ctx = Ctx(src=src, work=work, quick=args.quick, verbose=args.verbose, env=env)
    ctx.wait_left = ctx.n(15, 90)
    groups = set(GROUPS) if not args.only else set(args.only.split(","))
    unknown = groups - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}")

    import textual

    sqlite3_cli = shutil.which("sqlite3")
    print(f"launchtui benchmarks ({'quick' if args.quick else 'full'} run)")
    print(f"  source:  {origin}")
    print(
        f"  python {platform.python_version()}, textual {textual.__version__}, "
        f"{os.cpu_count()} CPUs, sqlite3 CLI: {sqlite3_cli or 'missing'}; today {TODAY}"
    )
    print(
        f"  other processes use {wait_until_quiet(0):.0%} of the CPUs now; before each group"
        f" the run waits up to {ctx.n(5, 20)} s for them to go quiet ({ctx.wait_left:.0f} s in all)"
    )
    try:
        seed_all(ctx, groups)
    except Exception as exc:
        print(f"seeding failed, nothing measured: {exc}")
        traceback.print_exc()
        print("\n0 ok, 1 missed")
        return 0
    todo = [name for name in GROUPS if name in groups]
    for name in todo:
        run_group(ctx, name)
    # A group measured while other processes were busy gets one more try, kept if quieter,
    # while the run stays within its time (quick: 2 minutes, full: 10).
    deadline = began + ctx.n(105, 540)
    for name in [n for n in todo if n in ctx.busy]:
        if time.perf_counter() + ctx.took[name] + ctx.n(5, 20) > deadline:
            continue
        ctx.say(f"{name}: measured on a busy machine; trying once more")
        run_group(ctx, name, retry=True)
    try:
        diagnose(ctx)
    except Exception as exc:  # a report must not die on its footnotes
        ctx.notes.append(f"(diagnosis failed: {exc})")
    footer = f"took {time.perf_counter() - began:.0f} s"
    if ctx.busy:
        footer += f"; other processes were busy during: {', '.join(ctx.busy)} (rerun those)"
    report(ctx, footer + (f"; data kept in {work}" if args.keep else ""))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
