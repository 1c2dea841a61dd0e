"""Recurring instances are keyed by the date they are for (issue 14): a launch slip never
marks a day that has not come as done, and a done instance keeps its date."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from launchtui.domain.checklist import is_legacy_key, slip_moves
from launchtui.domain.checklist_files import load_checklists
from launchtui.domain.rollout import Actor, Rollout
from launchtui.domain.ticks import TickEvent
from launchtui.services.workspace import Workspace
from launchtui.text.present import clock_time, who_when
from launchtui.text.times import local_time

DAILY = "first-week/daily-check-in"
LAUNCH = dt.date(2026, 11, 3)  # today (2026-11-07) is day 4
PARAMARIBO = zoneinfo.ZoneInfo("America/Paramaribo")
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def test_recurring_keys_are_dates_and_the_day_number_still_finds_them():
    schedule = load_checklists(None).schedule(Rollout("x", LAUNCH, "phased"))
    d3 = schedule.find(f"{DAILY}@2026-11-06")
    assert d3 is not None and d3.due == dt.date(2026, 11, 6)
    assert schedule.find(f"{DAILY}@d3") is d3
    assert d3.legacy_key == f"{DAILY}@d3"
    assert is_legacy_key(f"{DAILY}@d3") and is_legacy_key("pre/x@d-3")
    assert is_legacy_key("each-week-after/metrics-tracked@w3")
    assert not is_legacy_key(f"{DAILY}@2026-11-06") and not is_legacy_key("launch-day/x")


def test_a_slip_leaves_the_ticked_date_done_and_the_next_day_open(workspace: Workspace):
    workspace.tick(f"{DAILY}@2026-11-06")  # day 3, Fri 6 Nov
    workspace.move_launch(LAUNCH + dt.timedelta(days=1))  # a one-day slip

    assert workspace.item(f"{DAILY}@2026-11-06").state == "done"  # kept on its date
    nxt = workspace.item(f"{DAILY}@2026-11-07")  # was day 4, now day 3
    assert nxt.state == "open"
    assert workspace.item(f"{DAILY}@d3").key == f"{DAILY}@2026-11-07"
    future = workspace.status().item(f"{DAILY}@2026-11-08")
    assert future.state == "open" and not future.overdue
    done = [i.key for w in workspace.status().windows for i in w.items if i.state == "done"]
    assert done == [f"{DAILY}@2026-11-06"]


def test_a_tick_stored_by_day_number_is_read_on_its_date(workspace: Workspace):
    """Ticks made before keys were dates (``@d3``) count for the date that number names."""
    ana = Actor("ana", "ana")
    workspace.store.record(f"{DAILY}@d3", "tick", ana, dt.datetime(2026, 11, 6, 9, tzinfo=dt.UTC))
    status = workspace.status()
    assert status.item(f"{DAILY}@2026-11-06").state == "done"
    assert status.item(f"{DAILY}@2026-11-05").state == "open"


def test_slip_moves_lists_what_a_slip_did_to_done_instances():
    checklists = load_checklists(None)
    before = checklists.schedule(Rollout("x", LAUNCH, "phased"))
    after = checklists.schedule(Rollout("x", LAUNCH + dt.timedelta(days=1), "phased"))
    done = [
        f"{DAILY}@2026-11-06",  # stays on its date, day 3 -> day 2
        f"{DAILY}@2026-11-04",  # day 1 -> launch day: no longer in the first week
        "launch-day/welcome-message-sent",  # a one-off: its due date moves along
        "each-week-after/metrics-tracked@2026-11-17",  # a week's date: not on the new one
    ]
    moves = {m.key: m for m in slip_moves(before, after, done)}
    kept = moves[f"{DAILY}@2026-11-06"]
    assert not kept.moved and not kept.dropped
    assert (kept.before.occurrence, kept.after.occurrence) == ("d3", "d2")
    assert moves[f"{DAILY}@2026-11-04"].dropped
    assert moves["launch-day/welcome-message-sent"].moved
    assert moves["launch-day/welcome-message-sent"].after.due == dt.date(2026, 11, 4)
    assert moves["each-week-after/metrics-tracked@2026-11-17"].dropped
    assert slip_moves(before, before, done) == []


def test_local_time_names_the_zone_only_when_it_differs_from_the_system(utc_system):
    moment = dt.datetime(2026, 11, 25, 17, 0, tzinfo=dt.UTC)
    assert local_time(moment, PARAMARIBO) == "2026-11-25 14:00 -03"
    assert local_time(moment, AMSTERDAM) == "2026-11-25 18:00 CET"
    assert local_time(moment, dt.UTC) == "2026-11-25 17:00"
    assert local_time(moment) == "2026-11-25 17:00"
    assert clock_time(moment, PARAMARIBO) == "14:00"


def test_who_when_adds_the_time_where_it_was_done_when_that_zone_differs(utc_system):
    at = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
    event = TickEvent(1, "k", "tick", Actor("joel", "joel"), at, at, location="Amsterdam")
    now = at + dt.timedelta(hours=2)
    assert who_when(event, now) == "joel · 2 hours ago"
    assert who_when(event, now, PARAMARIBO, AMSTERDAM) == "joel · 2 hours ago · 09:00 CET"
    assert who_when(event, now, AMSTERDAM, AMSTERDAM) == "joel · 2 hours ago"
