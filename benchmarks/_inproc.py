"""In-process scenarios, run by `run.py` in a child process each (one app, one event loop).

    python benchmarks/_inproc.py SCENARIO --src DIR --db DB [--checklists DIR] [--reps N]

SCENARIO is `tick` (space to committed tick and repainted row), `other-write` (another
process's tick to the row on screen, polling on), `issues` (open the issue tab, page
down, filter keystrokes) or `reload` (the issue reads of the app's reload on every
change: `AdoptionService.gate()` and `IssueLog.open_counts()`, no app). Times come from a
hook on the widget's `render_row`: the moment the changed row is painted, not the moment
the test noticed. Prints one JSON
line (the last line of output) with the raw samples in seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 7)
NOON = dt.time(12, 0)
SIZE = (80, 24)


def _setup(src: Path) -> None:
    sys.path.insert(0, str(src))


def settings_for(db: Path, checklists: Path | None):
    from launchtui.domain.clock import Clock
    from launchtui.domain.rollout import Actor
    from launchtui.services.settings import Settings

    # Settings made directly, with a fixed clock, are never a rehearsal (`rehearsal` is
    # False): the app measured works on `db` itself, as the tests' clock hook gives.
    return Settings(
        db_path=db,
        actor=Actor("bench", "bench"),
        checklists_dir=checklists,
        clock=Clock(fixed_today=TODAY, fixed_time=NOON),
        host="bench",
    )


async def until(predicate, timeout: float = 10.0, what: str = "condition") -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.001)


class RowPaints:
    """Wraps a RowList's `render_row`: records when each row index is painted.

    `expect(test)` returns a future that the hook resolves, with the paint time, at the
    first paint for which `test(index, selected)` holds: nothing polls while we wait.
    """

    def __init__(self, widget) -> None:
        self.widget = widget
        self.calls: list[tuple[float, int, bool]] = []
        self._waiting: list[tuple[object, asyncio.Future]] = []
        original = widget.render_row

        def render_row(index: int, width: int, selected: bool):
            strip = original(index, width, selected)
            now = time.perf_counter()
            self.calls.append((now, index, selected))
            for entry in list(self._waiting):
                test, future = entry
                if not future.done() and test(index, selected):
                    future.set_result(now)
                    self._waiting.remove(entry)
            return strip

        widget.render_row = render_row

    def expect(self, test) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._waiting.append((test, future))
        return future

    def first_after(self, since: float, test) -> float | None:
        for at, index, selected in self.calls:
            if at >= since and test(index, selected):
                return at
        return None


# -- space to the committed tick and the repaint -------------------------------------


async def scenario_tick(args) -> dict:
    from launchtui.store import Store
    from launchtui.tui.app import LaunchApp
    from launchtui.tui.widgets.checklist_view import ChecklistView, HeaderRow, ItemRow

    settings = settings_for(args.db, args.checklists)
    app = LaunchApp(settings, poll=False)
    samples, keys, rows_total = [], [], 0
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        await until(lambda: view.status is not None, what="the first data")
        await pilot.pause()
        instances = sum(w.total for w in view.status.windows)
        # Open the biggest window (the one padded with daily items) and go to its first item.
        big = max(view.status.windows, key=lambda w: w.total)
        header = f"window:{big.id}"
        while view.rows[view.cursor].key != header:
            await pilot.press("down" if view.cursor < _index(view, header) else "up")
        if not view.rows[view.cursor].expanded:
            await pilot.press("right")
        await pilot.press("down")
        # The demo opens mid-flight (day 17): skip the window's items already done.
        while not (isinstance(view.rows[view.cursor], ItemRow) and view.highlighted.is_open):
            await pilot.press("down")
        rows_total = len(view.rows)
        paints = RowPaints(view)
        check = Store.open(args.db)
        try:
            for _ in range(args.reps):
                row = view.rows[view.cursor]
                assert isinstance(row, ItemRow) and row.item.is_open, row
                key, index = row.item.key, view.cursor

                def shown(key=key, index=index):
                    r = view.rows[index] if index < len(view.rows) else None
                    return isinstance(r, ItemRow) and r.key == key and r.item.state == "done"

                painted = paints.expect(
                    lambda i, sel, index=index, shown=shown: i == index and shown()
                )
                began = time.perf_counter()
                await pilot.press("space")
                painted = await asyncio.wait_for(painted, 10)
                samples.append(painted - began)
                keys.append(key)
                latest = check.latest(key)
                assert latest is not None and latest.action == "tick", (key, latest)
                await pilot.press("down")
                while isinstance(view.rows[view.cursor], HeaderRow) or not (
                    view.highlighted is not None and view.highlighted.is_open
                ):
                    await pilot.press("down")
        finally:
            check.close()
    return {
        "samples": samples,
        "instances": instances,
        "rows": rows_total,
        "keys": keys[:3],
        "status_alone": status_alone(settings),
    }


def status_alone(settings, runs: int = 7) -> float:
    """The floor under a tick: `Workspace.status()` by itself, median of a few (no app)."""
    from launchtui.services.workspace import Workspace

    ws = Workspace(settings)
    try:
        ws.status()
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            ws.status()
            times.append(time.perf_counter() - began)
    finally:
        ws.close()
    return sorted(times)[len(times) // 2]


def _index(view, key: str) -> int:
    return next(i for i, r in enumerate(view.rows) if r.key == key)


# -- another process's write, polling on ----------------------------------------------

WRITER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from launchtui.services.workspace import Workspace
sys.path.insert(0, sys.argv[2])
sys.dont_write_bytecode = True  # leave no __pycache__ in benchmarks/
from _inproc import settings_for
ws = Workspace(settings_for(__import__('pathlib').Path(sys.argv[3]), None))
ws.status()
print("ready", flush=True)
for line in sys.stdin:
    action, key = line.split()
    (ws.tick if action == "tick" else ws.untick)(key)
    print(time.perf_counter(), flush=True)
"""


async def scenario_other_write(args) -> dict:
    import random

    from launchtui.tui.app import LaunchApp
    from launchtui.tui.widgets.checklist_view import ChecklistView, ItemRow

    settings = settings_for(args.db, args.checklists)
    app = LaunchApp(settings, poll=True)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(args.src), str(Path(__file__).parent), str(args.db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    rng = random.Random(7)
    samples = []
    try:
        assert writer.stdout.readline().strip() == "ready"
        async with app.run_test(size=SIZE) as pilot:
            view = app.screen.query_one(ChecklistView)
            await until(lambda: view.status is not None, what="the first data")
            await pilot.pause()
            top, height = view.scroll_offset.y, view.scrollable_content_region.height
            index = next(
                i
                for i in range(top, min(top + height, len(view.rows)))
                if isinstance(view.rows[i], ItemRow) and view.rows[i].item.is_open
            )
            key = view.rows[index].key
            paints = RowPaints(view)
            for n in range(args.reps):
                await asyncio.sleep(rng.uniform(0.2, 1.2))  # land anywhere in the poll cycle
                action, want = ("tick", "done") if n % 2 == 0 else ("untick", "open")

                def shown(want=want):
                    r = view.rows[index]
                    return isinstance(r, ItemRow) and r.key == key and r.item.state == want

                painted = paints.expect(lambda i, sel, shown=shown: i == index and shown())
                writer.stdin.write(f"{action} {key}\n")
                writer.stdin.flush()
                line = await asyncio.to_thread(writer.stdout.readline)
                committed = float(line)
                painted = await asyncio.wait_for(painted, 10)
                samples.append(painted - committed)
    finally:
        writer.stdin.close()
        writer.wait(timeout=10)
    return {"samples": samples, "key": key}


# -- the issue tab with 100,000 issues -------------------------------------------------


async def scenario_issues(args) -> dict:
    from launchtui.tui.app import LaunchApp
    from launchtui.tui.widgets.checklist_view import ChecklistView
    from launchtui.tui.widgets.issue_table import IssueTable
    from launchtui.tui.widgets.issues_pane import IssuesPane

    settings = settings_for(args.db, args.checklists)
    app = LaunchApp(settings, poll=False)
    out: dict = {}
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        await until(lambda: view.status is not None, timeout=30, what="the first data")
        await pilot.pause()
        # The issue tab is built when first shown: instrument the table as it is created,
        # so its build counts in the time to open.
        loads: list[tuple[float, str]] = []
        created: dict = {}
        original_init = IssueTable.__init__

        def init(self, *a, **k):
            original_init(self, *a, **k)
            created["paints"] = RowPaints(self)
            original_load = self.load

            def load(total, fetch, now):
                original_load(total, fetch, now)
                loads.append((time.perf_counter(), app.screen.query_one(IssuesPane).text))

            self.load = load

        IssueTable.__init__ = init
        began = time.perf_counter()
        await pilot.press("i")

        def first_row_painted():
            paints = created.get("paints")
            return paints is not None and paints.first_after(began, lambda i, s: i == 0)

        await until(first_row_painted, timeout=30, what="the issue tab")
        paints = created["paints"]
        table = app.screen.query_one(IssueTable)
        out["open"] = paints.first_after(began, lambda i, s: i == 0) - began
        out["total"] = table.total

        pages = []
        for _ in range(args.reps):
            target = min(table.cursor + table.scrollable_content_region.height - 1, table.total - 1)
            moved = paints.expect(lambda i, s, target=target: i == target and s)
            began = time.perf_counter()
            await pilot.press("pagedown")
            pages.append(await asyncio.wait_for(moved, 30) - began)
            assert table.cursor == target, (table.cursor, target)
        out["page_down"] = pages
        out["cursor_after"] = table.cursor

        await pilot.press("slash")
        keystrokes = []
        typed = ""
        for ch in args.text:
            typed += ch
            # the first row painted after the table was loaded with this text
            shown = paints.expect(lambda i, s, typed=typed: bool(loads) and loads[-1][1] == typed)
            began = time.perf_counter()
            await pilot.press(ch)
            await until(lambda typed=typed: bool(loads) and loads[-1][1] == typed, 30, typed)
            if table.total:
                at = await asyncio.wait_for(shown, 30)
            else:  # nothing matches: the empty table is painted at the next frame
                await pilot.pause()
                at = time.perf_counter()
            keystrokes.append(at - began)
        out["filter"] = keystrokes
        out["filter_text"] = args.text
        out["filter_total"] = table.total
    return out


# -- the issue reads of every reload ---------------------------------------------------


async def scenario_reload(args) -> dict:
    """What each open app's reload on a change costs in issue reads: one `open_counts()`
    and `AdoptionService.gate(rollout, open_issues=...)` given them (`LaunchApp`'s load),
    timed without the app; the rollout is read once beforehand, as the reload has it already."""
    from launchtui.services.adoption import AdoptionService
    from launchtui.services.workspace import Workspace

    ws = Workspace(settings_for(args.db, args.checklists))
    try:
        rollout = ws.rollout()
        service = AdoptionService(ws)
        service.gate(rollout, open_issues=ws.store.issues.open_counts())  # warm the caches
        both, gate, counts = [], [], []
        for _ in range(args.reps):
            began = time.perf_counter()
            open_issues = ws.store.issues.open_counts()
            middle = time.perf_counter()
            service.gate(rollout, open_issues=open_issues)  # counts nothing again
            ended = time.perf_counter()
            both.append(ended - began)
            counts.append(middle - began)
            gate.append(ended - middle)
        total = ws.store.issues.count()
    finally:
        ws.close()
    return {"samples": both, "gate": gate, "open_counts": counts, "issues": total}


SCENARIOS = {
    "reload": scenario_reload,
    "tick": scenario_tick,
    "other-write": scenario_other_write,
    "issues": scenario_issues,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=SCENARIOS)
    parser.add_argument("--src", type=Path, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--checklists", type=Path)
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--text", default="sync")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the UI thread here")
    args = parser.parse_args()
    _setup(args.src)
    os.environ.pop("LAUNCHTUI_DB", None)
    run = SCENARIOS[args.scenario](args)
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(asyncio.run, run)
        profiler.dump_stats(args.profile)
    else:
        result = asyncio.run(run)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
