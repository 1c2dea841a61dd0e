"""sqlite-utils stays out of start-up: imported only to apply pending migrations.

Importing the store, the command line or the app, and opening an up-to-date database,
must not import it (~45 ms of every start-up); a new or older database still gets its
migrations applied and recorded by sqlite-utils exactly as before.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
import sqlite_utils.utils

import launchtui.services.doctor
from launchtui.services.workspace import Workspace
from launchtui.store import Store
from launchtui.store import database as database_module
from launchtui.store.database import connect
from launchtui.store.schema import MIGRATION_NAMES, MIGRATIONS, SCHEMA_VERSION, applied_names

REPO = Path(__file__).resolve().parents[2]
# The recorded names are forever: renaming one would re-run it on every existing database.
NAMES = [
    "m001_rollout_and_ticks",
    "m002_issue_log",
    "m003_figures_overrides_plans",
    "m004_retro_and_comms",
    "m005_locations",
    "m006_decisions_and_exceptions",
    "m007_figure_imports",
    "m008_notes",
    "m009_comms_facts_by_language",
    "m010_sessions",
    "m011_value",
    "m012_objection_outcomes",
    "m013_location_workdays",
    "m014_issue_comments",
]


def loaded_after(code: str) -> set[str]:
    """Run `code` in a fresh interpreter; the top-level packages then in sys.modules."""
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    return {name.split(".")[0] for name in json.loads(done.stdout.splitlines()[-1])}


# -- not on the start-up path -------------------------------------------------------------


@pytest.mark.parametrize("module", ["launchtui.store", "launchtui.cli.main", "launchtui.tui.app"])
def test_importing_does_not_import_sqlite_utils(module: str):
    loaded = loaded_after(f"import {module}")
    assert "launchtui" in loaded
    assert "sqlite_utils" not in loaded
    assert "numpy" not in loaded


def test_opening_an_up_to_date_database_does_not_import_sqlite_utils(workspace: Workspace):
    path = workspace.settings.db_path
    workspace.close()
    loaded = loaded_after(
        "from pathlib import Path\n"
        "from launchtui.store import Store\n"
        "from launchtui.services.doctor import run_checks\n"
        f"store = Store.open(Path({str(path)!r}))\n"
        "assert store.rollout() is not None and store.tick_state() is not None\n"
        "store.close()\n"
        f"assert all(c.level != 'FAIL' for c in run_checks(Path({str(path)!r})))"
    )
    assert "sqlite_utils" not in loaded


def test_the_status_command_does_not_import_sqlite_utils(workspace: Workspace):
    path = workspace.settings.db_path
    workspace.close()
    args = ["--db", str(path), "--user", "ana", "--today", "2026-11-07", "status", "--json"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "launchtui", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "launchtui.store.store" in imported  # the database really was opened
    assert "sqlite_utils" not in imported


def test_a_new_database_imports_sqlite_utils_but_not_numpy(tmp_path: Path):
    loaded = loaded_after(
        "from pathlib import Path\n"
        "from launchtui.store import Store\n"
        f"Store.open(Path({str(tmp_path / 'new.db')!r})).close()"
    )
    assert "sqlite_utils" in loaded
    assert "numpy" not in loaded


# -- one sqlite3 module -----------------------------------------------------------------


def test_the_store_uses_the_sqlite3_module_sqlite_utils_uses():
    assert database_module.sqlite3 is sqlite_utils.utils.sqlite3
    assert launchtui.services.doctor._sqlite3 is sqlite_utils.utils.sqlite3


# -- migrations, recorded as before --------------------------------------------------------


def test_a_new_database_records_every_migration_as_sqlite_utils_always_did(db_path: Path):
    Store.open(db_path).close()
    raw = sqlite_utils.Database(db_path)
    try:
        table = raw["_sqlite_migrations"]
        assert table.columns_dict == {
            "id": int,
            "migration_set": str,
            "name": str,
            "applied_at": str,
        }
        assert table.pks == ["id"]
        assert [(i.columns, i.unique) for i in table.indexes] == [(["migration_set", "name"], 1)]
        rows = list(raw.query("SELECT * FROM _sqlite_migrations ORDER BY id"))
        assert [(r["migration_set"], r["name"]) for r in rows] == [
            ("launchtui", name) for name in NAMES
        ]
        for row in rows:
            assert dt.datetime.fromisoformat(row["applied_at"]).tzinfo == dt.UTC
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        raw.close()
    assert [fn.__name__ for fn in MIGRATIONS] == NAMES
    assert set(NAMES) == MIGRATION_NAMES and len(NAMES) == SCHEMA_VERSION


def test_an_older_database_is_upgraded_with_sqlite_utils(db_path: Path):
    older = sqlite_utils.Migrations("launchtui")
    for fn in MIGRATIONS:
        older()(fn)
    raw = sqlite_utils.Database(db_path)
    older.apply(raw, stop_before=NAMES[-1])
    raw.execute(f"PRAGMA user_version = {len(NAMES) - 1}")
    raw.close()
    store = Store.open(db_path)
    try:
        assert applied_names(store.db) == NAMES
        columns = {row[1] for row in store.db.execute("PRAGMA table_info(tick_events)")}
        assert "exception" in columns  # m006 really ran
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        store.close()


def test_applied_names_reads_no_table_as_none_and_ignores_other_sets(db_path: Path):
    db = connect(db_path)
    try:
        assert applied_names(db) == []
        db.execute(
            "CREATE TABLE _sqlite_migrations"
            " (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, applied_at TEXT)"
        )
        db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('theirs', 'm001_x', ''), ('launchtui', 'm001_rollout_and_ticks', '')"
        )
        assert applied_names(db) == ["m001_rollout_and_ticks"]
    finally:
        db.close()


# -- our Database --------------------------------------------------------------------------


def test_database_reads_like_sqlite_utils_did(db_path: Path):
    db = connect(db_path)
    try:
        assert db.path == db_path and not db.read_only
        assert db.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
        db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO t (name) VALUES (?)", ["x"])
        assert db.table_names() == ["t"]
        assert list(db.query("SELECT id, name, name FROM t")) == [
            {"id": 1, "name": "x", "name_2": "x"}
        ]
        with pytest.raises(ValueError):
            db.query("UPDATE t SET name = 'y'")
    finally:
        db.close()


def test_m014_keeps_every_issue_event_and_takes_comments(db_path: Path):
    """The table is built again to widen its CHECK: events, ids, index and the
    append-only triggers all survive, and 'commented' is taken."""
    older = sqlite_utils.Migrations("launchtui")
    for fn in MIGRATIONS:
        older()(fn)
    raw = sqlite_utils.Database(db_path)
    older.apply(raw, stop_before="m014_issue_comments")
    raw.execute(
        "INSERT INTO issue_events (id, issue_id, kind, user, login, at, changes)"
        " VALUES (7, 1, 'logged', 'ana', 'ana', '2026-11-07T09:00:00+00:00', '{}')"
    )
    raw.conn.commit()
    raw.close()
    store = Store.open(db_path)
    try:
        rows = store.db.execute("SELECT id, kind FROM issue_events").fetchall()
        assert [tuple(r) for r in rows] == [(7, "logged")]
        store.db.execute(
            "INSERT INTO issue_events (issue_id, kind, user, login, at, changes)"
            " VALUES (1, 'commented', 'ana', 'ana', '2026-11-07T10:00:00+00:00', '{}')"
        )
        with pytest.raises(Exception, match="append-only"):
            store.db.execute("DELETE FROM issue_events")
        indexes = {r[1] for r in store.db.execute("PRAGMA index_list(issue_events)")}
        assert "issue_events_issue" in indexes
    finally:
        store.close()
