"""Times entered and shown in the coordinator's zone; a slip says which done instances it
moved; the older day-number keys still work (issue 14)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from launchtui.store import Store
from launchtui.text.times import local_time

from .conftest import ok

DAILY = "first-week/daily-check-in"


@pytest.fixture(autouse=True)
def utc_system(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def placed(run):
    ok(run("locations", "add", "Paramaribo", "--tz", "America/Paramaribo"))
    return run


def test_at_is_read_in_the_locations_zone_and_stored_in_utc(placed, db_path):
    key = "launch-day/welcome-message-sent"
    args = ("--location", "Paramaribo", "tick", key, "--at", "2026-11-25 14:00")
    ok(placed(*args, today="2026-11-26"))
    store = Store.open(db_path)
    try:
        event = store.latest(key)
    finally:
        store.close()
    assert event.at == dt.datetime(2026, 11, 25, 17, 0, tzinfo=dt.UTC)
    assert event.location == "Paramaribo"
    from launchtui.domain.locations import Location

    zone = Location("Paramaribo", "America/Paramaribo").zone
    assert local_time(event.at, zone) == "2026-11-25 14:00 -03"


def test_history_shows_the_viewers_wall_clock_with_its_zone(placed):
    key = "launch-day/welcome-message-sent"
    ok(placed("--location", "Paramaribo", "tick", key, "--at", "2026-11-06 14:00"))
    shown = ok(placed("--location", "Paramaribo", "history", key))
    assert shown.startswith("2026-11-06 14:00 -03  tick"), shown


def test_at_without_a_location_is_the_system_zone(run, db_path):
    key = "launch-day/welcome-message-sent"
    ok(run("tick", key, "--at", "2026-11-06 14:00"))
    store = Store.open(db_path)
    try:
        assert store.latest(key).at == dt.datetime(2026, 11, 6, 14, 0, tzinfo=dt.UTC)
    finally:
        store.close()


def test_the_day_number_spelling_is_stored_by_date(run):
    assert ok(run("tick", f"{DAILY}@d3")) == f"Ticked {DAILY}@2026-11-06\n"
    assert ok(run("untick", f"{DAILY}@d3")) == f"Reopened {DAILY}@2026-11-06\n"
    assert ok(run("skip", f"{DAILY}@d2", "--reason", "holiday")).endswith("@2026-11-05\n")


def test_reschedule_lists_the_done_instances_it_touched(run):
    ok(run("tick", f"{DAILY}@2026-11-06"))
    ok(run("tick", "launch-day/welcome-message-sent"))
    said = ok(run("reschedule", "--launch-date", "2026-11-04", "--reason", "vendor"))
    assert said.splitlines() == [
        "Launch moved from 3 Nov to 4 Nov",
        "Done items moved with the launch (1):",
        "  launch-day/welcome-message-sent  Tue 3 Nov → Wed 4 Nov",
        "Done items kept on their dates (1):",
        f"  {DAILY}@2026-11-06  Fri 6 Nov, now day 2 (was day 3)",
    ]
    checklist = ok(run("checklist", "--window", "first-week"))
    assert f"[x] {DAILY}@2026-11-06" in checklist
    assert f"[ ] {DAILY}@2026-11-07" in checklist  # day 3 now: not done


def test_reschedule_says_when_no_done_item_moved(run):
    said = ok(run("reschedule", "--launch-date", "2026-11-04"))
    assert said.splitlines()[1:] == ["No done items moved"]
