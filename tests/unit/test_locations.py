"""Locations in their own time zones, on either side of midnight."""

from __future__ import annotations

import datetime as dt

import pytest

from launchtui.domain.checklist_files import load_checklists
from launchtui.domain.locations import (
    WORKDAYS,
    Location,
    location_statuses,
    parse_workdays,
    validate_tz,
    workdays_code,
)
from launchtui.domain.rollout import Actor, Rollout
from launchtui.store import Store
from launchtui.text.present import workdays_label

LAUNCH = dt.date(2026, 11, 3)
# 02:30 UTC on 7 Nov: 23:30 on 6 Nov in Paramaribo (UTC-3), 03:30 on 7 Nov in Amsterdam.
NOW = dt.datetime(2026, 11, 7, 2, 30, tzinfo=dt.UTC)
PARAMARIBO = Location("Paramaribo", "America/Paramaribo", "ana")
AMSTERDAM = Location("Amsterdam", "Europe/Amsterdam", "joel")
ANA = Actor("ana", "ana")


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


# -- working days -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("sun-thu", (0, 1, 2, 3, 6)),  # a range may run over the weekend
        ("fri-mon", (0, 4, 5, 6)),
        ("mon,wed,fri", (0, 2, 4)),
        ("mon-wed, fri", (0, 1, 2, 4)),
        (" MON-FRI ", (0, 1, 2, 3, 4)),
        ("sat-fri", tuple(range(7))),
        ("sun", (6,)),
        ("mon-mon", (0,)),
        ("ma-vr", (0, 1, 2, 3, 4)),  # in Dutch
        ("zo-do", (0, 1, 2, 3, 6)),
        ("mon,mon", (0,)),
    ],
)
def test_workdays_are_read_as_days_and_ranges(text, days):
    assert parse_workdays(text) == days


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "needs at least one day"),
        ("   ", "needs at least one day"),
        ("monday", "'monday'"),
        ("mon-", "'mon-'"),
        ("mon-tue-wed", "'mon-tue-wed'"),
        ("mon,,fri", "''"),
        ("1-5", "'1-5'"),
    ],
)
def test_bad_workdays_are_one_line_naming_the_part(text, said):
    with pytest.raises(ValueError, match="--workdays") as caught:
        parse_workdays(text)
    assert said in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("days", "label"),
    [
        ((0, 1, 2, 3, 4), "Mon–Fri"),
        ((0, 1, 2, 3, 6), "Sun–Thu"),
        ((0, 2, 4), "Mon, Wed, Fri"),
        ((0, 1, 2, 4), "Mon–Wed, Fri"),
        (tuple(range(7)), "Mon–Sun"),
        ((5, 6), "Sat–Sun"),
    ],
)
def test_workdays_label(days, label):
    assert workdays_label(days) == label
    assert parse_workdays(workdays_code(days)) == days  # the stored code reads back


def test_workdays_are_kept_and_a_location_from_before_works_mon_fri(tmp_path):
    store = Store.open(tmp_path / "r.db")
    try:
        store.locations.save(Location("Dubai", "Asia/Dubai", "sam", (0, 1, 2, 3, 6)), ANA, NOW)
        store.locations.save(AMSTERDAM, ANA, NOW)
        # a row saved before working days were kept has none: Mon-Fri
        store.db.execute(
            "INSERT INTO location_events (name, tz, removed, user, login, at)"
            " VALUES ('Old', 'America/Guyana', 0, 'ana', 'ana', ?)",
            [NOW.isoformat()],
        )
        found = {loc.name: loc.workdays for loc in store.locations.all()}
    finally:
        store.close()
    assert found == {"Amsterdam": WORKDAYS, "Dubai": (0, 1, 2, 3, 6), "Old": WORKDAYS}


@pytest.mark.parametrize("first", ["add", "edit"])
def test_two_coordinators_changing_one_location_keep_both_changes(tmp_path, monkeypatch, first):
    """Ana's `add`/`edit` reads the location and writes it back whole: bob's change of
    another field, landing in between, must not be written over."""
    import threading

    import launchtui.services.locations as service_module
    from launchtui.services.locations import LocationService
    from launchtui.services.settings import Settings
    from launchtui.services.workspace import Workspace

    db = tmp_path / "shared.db"

    def service(user: str) -> LocationService:
        ws = Workspace(Settings.resolve(db=str(db), user=user, today=dt.date(2026, 11, 7)))
        return LocationService(ws)

    ana, bob = service("ana"), service("bob")
    ana.workspace.init(Rollout("Acme CRM", dt.date(2026, 11, 3), "phased"))
    ana.save("Georgetown", "America/Guyana", "rob")
    bob_done = threading.Thread(target=lambda: bob.edit("Georgetown", champion="mei"))
    real_find = service_module.rules.find

    def find_then_bob(locations, name):
        found = real_find(locations, name)
        if not bob_done.is_alive() and not bob_done.ident:
            bob_done.start()  # bob's edit, while ana holds what she read
            bob_done.join(timeout=0.5)  # it lands now, or waits for ana's write to end
        return found

    monkeypatch.setattr(service_module.rules, "find", find_then_bob)
    if first == "add":
        ana.save("Georgetown", "America/Guyana", workdays="sun-thu")
    else:
        ana.edit("Georgetown", workdays="sun-thu")
    bob_done.join()
    (georgetown,) = service("rob").all()
    assert (georgetown.champion, georgetown.workdays) == ("mei", (0, 1, 2, 3, 6))
