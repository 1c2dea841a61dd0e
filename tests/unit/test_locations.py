"""Locations in their own time zones, on either side of midnight."""

from __future__ import annotations

import datetime as dt

import pytest

from launchtui.domain.checklist_files import load_checklists
from launchtui.domain.locations import Location, location_statuses, validate_tz
from launchtui.domain.rollout import Actor, Rollout
from launchtui.store import Store

LAUNCH = dt.date(2026, 11, 3)
# 02:30 UTC on 7 Nov: 23:30 on 6 Nov in Paramaribo (UTC-3), 03:30 on 7 Nov in Amsterdam.
NOW = dt.datetime(2026, 11, 7, 2, 30, tzinfo=dt.UTC)
PARAMARIBO = Location("Paramaribo", "America/Paramaribo", "ana")
AMSTERDAM = Location("Amsterdam", "Europe/Amsterdam", "joel")


def test_each_location_has_its_own_today_across_midnight():
    assert PARAMARIBO.today(NOW) == dt.date(2026, 11, 6)
    assert AMSTERDAM.today(NOW) == dt.date(2026, 11, 7)
    assert PARAMARIBO.local(NOW).strftime("%H:%M") == "23:30"


def test_due_and_overdue_are_counted_by_each_locations_date():
    rollout = Rollout("Acme CRM", LAUNCH)
    schedule = load_checklists().schedule(rollout)
    para, amst = location_statuses([PARAMARIBO, AMSTERDAM], rollout, schedule, {}, NOW, {})
    # The daily items of 6 Nov are due today in Paramaribo but overdue in Amsterdam.
    assert para.today == dt.date(2026, 11, 6) and amst.today == dt.date(2026, 11, 7)
    assert amst.overdue > para.overdue
    daily = [i for i in schedule.instances() if i.due == dt.date(2026, 11, 6)]
    assert para.due_today >= len(daily) > 0
    assert amst.overdue - para.overdue == len(daily)


@pytest.mark.parametrize("tz", ["Mars/Olympus", "", "UTC+3"])
def test_an_unknown_time_zone_is_refused(tz):
    with pytest.raises(ValueError, match="unknown time zone"):
        validate_tz(tz)


def test_the_store_keeps_locations_and_where_each_tick_was_made(tmp_path):
    store = Store.open(tmp_path / "x.db")
    ana = Actor("ana", "ana")
    store.locations.save(PARAMARIBO, ana, NOW)
    store.locations.save(AMSTERDAM, ana, NOW)
    store.locations.save(Location("Amsterdam", "Europe/Amsterdam", "mei"), ana, NOW)
    assert [(loc.name, loc.champion) for loc in store.locations.all()] == [
        ("Amsterdam", "mei"),
        ("Paramaribo", "ana"),
    ]
    event = store.record("launch-day/accounts-activated", "tick", ana, NOW, location="Paramaribo")
    assert event.location == "Paramaribo"
    assert store.locations.ticks_by_location() == {"Paramaribo": 1}
    store.locations.remove("paramaribo", ana, NOW)
    assert [loc.name for loc in store.locations.all()] == ["Amsterdam"]
    store.close()
