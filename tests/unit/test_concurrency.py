"""Many coordinators, one file: several processes writing at once lose nothing and see no error.

Four writer processes open the same (not yet existing) database at the same moment,
so they also race to create it and run the migrations, then each appends a few hundred
ticks and issues, every one its own short `BEGIN IMMEDIATE` transaction. Afterwards every
write is there, counted per writer, the file passes `integrity_check`, and no writer saw
an error. The busy path itself — a writer that waits too long — ends in one clear line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlite_utils.utils import sqlite3

from launchtui.domain.rollout import Actor
from launchtui.store import Store, StoreError
from launchtui.store import database as database_module
from launchtui.store.schema import MIGRATION_NAMES

REPO = Path(__file__).resolve().parents[2]
WRITERS = 4
WRITES = 300  # per writer: two ticks, then an issue, and again
T0 = dt.datetime(2026, 11, 7, 9, 0, tzinfo=dt.UTC)

WRITER = r"""
import datetime as dt, json, sys, time
from pathlib import Path
from launchtui.domain.rollout import Actor
from launchtui.store import Store, StoreError

db, name, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
actor = Actor(name, name)
go.with_name(f"ready-{name}").touch()
while not go.exists():
    time.sleep(0.001)
start = time.time()
ticks = issues = 0
errors = []
longest = 0.0
try:
    store = Store.open(db)
except StoreError as exc:
    print(json.dumps({"ticks": 0, "issues": 0, "errors": [f"open: {exc}"]}))
    raise SystemExit(0)
for i in range(count):
    now = dt.datetime.now(dt.UTC)
    began = time.monotonic()
    try:
        if i % 3 == 2:
            store.issues.add(f"{name} issue {i}", "minor", actor, now, detail="x" * 200)
            issues += 1
        else:
            store.record(f"first-week/{name}-{i}", "tick", actor, now, note=f"{name} {i}")
            ticks += 1
    except StoreError as exc:
        errors.append(str(exc))
    longest = max(longest, time.monotonic() - began)
store.close()
print(json.dumps({"ticks": ticks, "issues": issues, "errors": errors, "start": start,
                  "end": time.time(), "longest": longest}))
"""


def test_four_processes_writing_at_once_lose_nothing(tmp_path: Path):
    db = tmp_path / "shared.db"  # not created yet: the writers race to create it
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("LAUNCHTUI_READONLY", None)
    names = [f"writer{n}" for n in range(WRITERS)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), name, str(WRITES), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in names
    ]
    ready = [tmp_path / f"ready-{name}" for name in names]
    deadline = time.monotonic() + 60
    while not all(r.exists() for r in ready):  # every interpreter started, waiting at the line
        assert time.monotonic() < deadline, "the writers did not start"
        time.sleep(0.01)
    go.touch()
    reports = {}
    for name, proc in zip(names, procs, strict=True):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        reports[name] = json.loads(out)

    expected_issues = WRITES // 3
    for name, report in reports.items():
        assert report["errors"] == [], f"{name} saw errors"
        assert (report["ticks"], report["issues"]) == (WRITES - expected_issues, expected_issues)

    store = Store.open(db)
    try:
        rows = store.db.execute("SELECT user, count(*) FROM tick_events GROUP BY user")
        assert dict(rows.fetchall()) == {name: WRITES - expected_issues for name in names}
        rows = store.db.execute("SELECT reporter, count(*) FROM issues GROUP BY reporter")
        assert dict(rows.fetchall()) == {name: expected_issues for name in names}
        logged = store.db.execute("SELECT count(*) FROM issue_events WHERE kind = 'logged'")
        assert logged.fetchone()[0] == WRITERS * expected_issues
        ids = [r[0] for r in store.db.execute("SELECT id FROM issues ORDER BY id")]
        assert ids == list(range(1, WRITERS * expected_issues + 1))  # no number twice, no gap
        migrations = store.db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'launchtui'"
        ).fetchall()
        assert sorted(m[0] for m in migrations) == sorted(MIGRATION_NAMES)  # applied once
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        store.close()
    # They really wrote at the same time: every writer was still writing when the last began,
    # so some had to wait for the write lock; none waited anywhere near the busy timeout.
    runs = reports.values()
    assert max(r["start"] for r in runs) < min(r["end"] for r in runs)
    assert max(r["longest"] for r in runs) < database_module.BUSY_TIMEOUT_MS / 1000


# -- the busy path ---------------------------------------------------------------------


def hold_write_lock(db: Path):
    other = sqlite3.connect(str(db), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO tick_events (key, action, user, login, at, recorded_at)"
        " VALUES ('first-week/held', 'tick', 'rob', 'rob', '2026-11-07', '2026-11-07')"
    )
    return other


def test_a_writer_waits_for_another_instead_of_failing(db_path: Path):
    store = Store.open(db_path)
    other = hold_write_lock(db_path)
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        event = store.record("first-week/mine", "tick", Actor("ana", "ana"), T0)
        assert event.key == "first-week/mine"
        assert [e.key for e in store.history()] == ["first-week/held", "first-week/mine"]
    finally:
        release.join()
        other.close()
        store.close()


def test_too_long_a_wait_is_one_clear_line_and_nothing_is_half_written(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
):
    store = Store.open(db_path)
    store.db.execute("PRAGMA busy_timeout = 50")
    monkeypatch.setattr(database_module.time, "sleep", lambda s: None)
    other = hold_write_lock(db_path)
    try:
        with pytest.raises(StoreError) as caught:
            store.record("first-week/mine", "tick", Actor("ana", "ana"), T0)
        assert str(caught.value) == (
            "the database is busy; another launchtui is writing. Try again in a moment"
        )
        assert caught.value.__suppress_context__
        with pytest.raises(StoreError, match="the database is busy"):
            store.issues.add("printer offline", "minor", Actor("ana", "ana"), T0)
        assert not store.db.conn.in_transaction
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.history() == []  # neither the held write nor ours: nothing half-done
    store.record("first-week/mine", "tick", Actor("ana", "ana"), T0)  # and it works again
    assert [e.key for e in store.history()] == ["first-week/mine"]
    store.close()


def test_opening_a_new_file_waits_for_another_process_holding_it(db_path: Path):
    """Switching a new file to WAL needs it to itself: wait for the reader, then go on."""
    other = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE t (x)")  # a new file, still in rollback-journal mode
    other.execute("BEGIN")
    other.execute("SELECT * FROM t").fetchall()  # holds a shared lock
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        db = database_module.connect(db_path)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        db.close()
    finally:
        release.join()
        other.close()
