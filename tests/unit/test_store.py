"""The SQLite store: migrations, safe opening, append-only logs, ticks, undo, rollouts."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils.utils import sqlite3

from launchtui.domain.rollout import Actor, Rollout
from launchtui.store import RolloutExists, Store, StoreError
from launchtui.store.schema import MIGRATION_NAMES, SCHEMA_VERSION

ANA = Actor("ana", "ana")
ROB = Actor("rob", "rob")
T0 = dt.datetime(2026, 11, 7, 9, 0, tzinfo=dt.UTC)
KEY_A = "launch-day/welcome-message-sent"
KEY_B = "launch-day/accounts-activated"
KEY_C = "launch-day/issues-logged"


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store.open(db_path)
    yield s
    s.close()


def migration_rows(store: Store) -> list[tuple[str, str]]:
    return store.db.execute(
        "SELECT name, applied_at FROM _sqlite_migrations WHERE migration_set = 'launchtui'"
        " ORDER BY id"
    ).fetchall()


def count(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# -- migrations ----------------------------------------------------------------------


def test_migrations_create_the_schema_and_record_it(store: Store):
    tables = set(store.db.table_names())
    assert {"rollout_events", "tick_events", "_sqlite_migrations"} <= tables
    names = [name for name, _ in migration_rows(store)]
    assert set(names) == MIGRATION_NAMES
    assert len(names) == SCHEMA_VERSION
    assert names[0] == "m001_rollout_and_ticks"
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    columns = {row[1] for row in store.db.execute("PRAGMA table_info(tick_events)")}
    assert {"key", "action", "user", "login", "at", "recorded_at", "note", "undo_of"} <= columns


def test_reopening_applies_nothing_twice(db_path: Path):
    first = Store.open(db_path)
    first.record(KEY_A, "tick", ANA, T0)
    before = migration_rows(first)
    first.close()
    again = Store.open(db_path)
    try:
        assert migration_rows(again) == before  # same rows, same applied_at
        assert again.latest(KEY_A).action == "tick"
    finally:
        again.close()


def test_a_database_from_a_newer_launchtui_is_refused(db_path: Path):
    s = Store.open(db_path)
    s.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        ["launchtui", "m999_from_the_future", "2027-01-01 00:00:00+00:00"],
    )
    s.close()
    with pytest.raises(StoreError, match="newer launchtui") as caught:
        Store.open(db_path)
    assert str(db_path) in str(caught.value)
    assert "upgrade launchtui" in str(caught.value)


def test_another_apps_migrations_in_the_same_file_do_not_count(db_path: Path):
    s = Store.open(db_path)
    s.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        ["someone-else", "m999_theirs", "2027-01-01 00:00:00+00:00"],
    )
    s.close()
    Store.open(db_path).close()  # no error


def test_a_file_that_is_not_a_database_gives_one_clear_line(db_path: Path):
    db_path.write_bytes(random.Random(20261107).randbytes(8192))
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    message = str(caught.value)
    assert message.startswith(f"{db_path}: ")
    assert "not a launchtui database" in message
    assert "\n" not in message
    assert caught.value.__suppress_context__  # raised `from None`: no chained traceback


def test_a_folder_is_not_a_database(tmp_path: Path):
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


# -- connection settings -------------------------------------------------------------


def test_a_fresh_connection_uses_wal_and_full_sync(store: Store):
    pragma = lambda name: store.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == 5000


def test_data_version_changes_when_another_connection_commits(db_path: Path, store: Store):
    other = Store.open(db_path)
    try:
        before = store.data_version()
        assert store.data_version() == before  # stable while nobody writes
        store.record(KEY_A, "tick", ANA, T0)
        assert store.data_version() == before  # our own commit does not count
        other.record(KEY_B, "tick", ROB, T0)
        assert store.data_version() != before
        assert store.latest(KEY_B).actor == ROB  # and the change is visible
    finally:
        other.close()


# -- append-only logs ----------------------------------------------------------------


@pytest.mark.parametrize("table", ["tick_events", "rollout_events"])
@pytest.mark.parametrize("sql", ["UPDATE {table} SET user = 'mallory'", "DELETE FROM {table}"])
def test_event_tables_are_append_only(store: Store, table: str, sql: str):
    store.create_rollout(Rollout("Acme CRM", dt.date(2026, 11, 3)), ANA, T0)
    store.record(KEY_A, "tick", ANA, T0)
    with pytest.raises(sqlite3.IntegrityError, match=f"{table} is append-only"):
        store.db.execute(sql.format(table=table))
    assert count(store, table) == 1
    assert store.db.execute(f"SELECT user FROM {table}").fetchone()[0] == "ana"


def test_an_unknown_action_is_refused_and_nothing_is_stored(store: Store):
    with pytest.raises(StoreError, match="CHECK constraint"):
        store.record(KEY_A, "delete", ANA, T0)
    assert store.history() == []
    assert not store.db.conn.in_transaction


# -- ticks and their state -----------------------------------------------------------


def test_tick_untick_skip_and_the_derived_state(store: Store):
    store.record(KEY_A, "tick", ANA, at(0), note="done early")
    store.record(KEY_B, "skip", ROB, at(1), note="not here")
    store.record(KEY_C, "tick", ANA, at(2))
    store.record(KEY_C, "untick", ROB, at(3))
    state = store.tick_state()
    assert {k: e.state for k, e in state.items()} == {
        KEY_A: "done",
        KEY_B: "skipped",
        KEY_C: "open",
    }
    assert state[KEY_A].note == "done early"
    assert state[KEY_A].actor == ANA
    assert state[KEY_C].actor == ROB
    assert [e.action for e in store.history(KEY_C)] == ["tick", "untick"]
    assert [e.key for e in store.history()] == [KEY_A, KEY_B, KEY_C, KEY_C]
    assert store.latest(KEY_C).action == "untick"
    assert store.latest("launch-day/never-touched") is None


def test_a_paper_tick_keeps_when_it_happened_and_when_it_was_entered(store: Store):
    event = store.record(KEY_A, "tick", ANA, at(120), at=at(0))
    assert event.at == at(0)
    assert event.recorded_at == at(120)
    assert event.entered_late
    stored = store.latest(KEY_A)
    assert (stored.at, stored.recorded_at) == (at(0), at(120))
    assert stored.at.tzinfo is not None


def test_record_many_appends_every_entry_in_order(store: Store):
    entries = [
        (KEY_A, "tick", ANA, at(0), None),
        (KEY_B, "skip", ROB, at(5), "desktop only"),
        (KEY_A, "untick", ROB, at(9), None),
    ]
    store.record_many(entries)
    history = store.history()
    assert [(e.key, e.action, e.actor, e.at, e.note) for e in history] == entries
    assert all(e.recorded_at == e.at for e in history)
    assert store.tick_state()[KEY_A].state == "open"


def test_record_many_is_all_or_nothing(store: Store):
    entries = [(KEY_A, "tick", ANA, at(0), None), (KEY_B, "explode", ANA, at(1), None)]
    with pytest.raises(StoreError):
        store.record_many(entries)
    assert store.history() == []


# -- undo ----------------------------------------------------------------------------


def test_undo_reverts_your_latest_change_and_records_undo_of(store: Store):
    own = store.record(KEY_A, "tick", ANA, at(0), note="first")
    undone, event = store.undo_last(ANA, at(1))
    assert undone == own
    assert (event.key, event.action, event.undo_of) == (KEY_A, "untick", own.id)
    assert event.actor == ANA
    assert store.tick_state()[KEY_A].state == "open"
    assert len(store.history(KEY_A)) == 2  # the undo is itself an event


def test_undo_restores_the_state_and_note_from_before(store: Store):
    store.record(KEY_A, "skip", ROB, at(0), note="no paper")
    own = store.record(KEY_A, "tick", ANA, at(1))
    undone, event = store.undo_last(ANA, at(2))
    assert undone.id == own.id
    assert (event.action, event.note) == ("skip", "no paper")
    assert store.tick_state()[KEY_A].state == "skipped"


def test_undo_leaves_other_peoples_changes_alone(store: Store):
    mine = store.record(KEY_A, "tick", ANA, at(0))
    store.record(KEY_B, "tick", ROB, at(1))  # rob's later change on another item
    undone, _ = store.undo_last(ANA, at(2))
    assert undone.id == mine.id
    assert store.tick_state()[KEY_B].state == "done"


def test_undo_refuses_when_someone_else_changed_the_item_since(store: Store):
    store.record(KEY_A, "tick", ANA, at(0))
    store.record(KEY_A, "untick", ROB, at(1))
    assert store.undo_last(ANA, at(2)) is None
    assert [e.action for e in store.history(KEY_A)] == ["tick", "untick"]  # nothing appended
    assert store.tick_state()[KEY_A].actor == ROB


def test_undo_skips_an_overridden_change_for_an_older_one_still_standing(store: Store):
    older = store.record(KEY_A, "tick", ANA, at(0))
    store.record(KEY_B, "tick", ANA, at(1))
    store.record(KEY_B, "untick", ROB, at(2))  # overrides ana's tick of B
    undone, _ = store.undo_last(ANA, at(3))
    assert undone.id == older.id
    assert store.tick_state()[KEY_B].actor == ROB


def test_a_second_undo_undoes_the_next_older_change(store: Store):
    first = store.record(KEY_A, "tick", ANA, at(0))
    second = store.record(KEY_B, "skip", ANA, at(1), note="n/a")
    assert store.undo_last(ANA, at(2))[0].id == second.id
    assert store.undo_last(ANA, at(3))[0].id == first.id
    assert store.undo_last(ANA, at(4)) is None  # nothing left
    state = store.tick_state()
    assert state[KEY_A].state == state[KEY_B].state == "open"


def test_undo_tells_people_sharing_a_login_apart(store: Store):
    ana, rob = Actor("ana", "coordinators"), Actor("rob", "coordinators")
    store.record(KEY_A, "tick", ana, at(0))
    assert store.undo_last(rob, at(1)) is None
    assert store.undo_last(ana, at(2)) is not None


def test_nothing_to_undo_on_an_empty_log(store: Store):
    assert store.undo_last(ANA, T0) is None
    assert store.history() == []


def test_a_second_undo_on_the_same_item_goes_back_another_step(store: Store):
    store.record(KEY_A, "tick", ANA, at(0))
    store.record(KEY_A, "untick", ANA, at(1))
    assert store.undo_last(ANA, at(2)) is not None
    assert store.tick_state()[KEY_A].state == "done"
    assert store.undo_last(ANA, at(3)) is not None
    assert store.tick_state()[KEY_A].state == "open"


# -- the rollout ---------------------------------------------------------------------


def test_no_rollout_on_a_fresh_database(store: Store):
    assert store.rollout() is None


def test_create_rollout_twice_raises_and_keeps_the_first(store: Store):
    first = Rollout("Acme CRM", dt.date(2026, 11, 3), "phased", team_size=40)
    store.create_rollout(first, ANA, T0)
    second = Rollout("Other", dt.date(2027, 1, 1), "solo")
    with pytest.raises(RolloutExists, match="already holds the rollout of Acme CRM") as caught:
        store.create_rollout(second, ROB, at(1))
    assert isinstance(caught.value, StoreError)
    assert "nothing was changed" in str(caught.value)
    assert store.rollout() == first
    assert count(store, "rollout_events") == 1


def test_update_rollout_keeps_earlier_snapshots(store: Store):
    original = Rollout("Acme CRM", dt.date(2026, 11, 3), "phased")
    store.create_rollout(original, ANA, T0)
    moved = Rollout("Acme CRM", dt.date(2026, 11, 10), "phased")
    store.update_rollout(moved, ROB, at(1), reason="vendor delay")
    assert store.rollout() == moved
    rows = store.db.execute(
        "SELECT launch_date, user, reason FROM rollout_events ORDER BY id"
    ).fetchall()
    assert rows == [("2026-11-03", "ana", "created"), ("2026-11-10", "rob", "vendor delay")]
