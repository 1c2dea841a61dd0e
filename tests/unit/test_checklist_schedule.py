"""Dated checklist instances: offsets, anchors, recurrences, keys and the current window."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from launchtui.domain.checklist import ChecklistSet, ItemSpec, Schedule, WindowSpec
from launchtui.domain.checklist_files import load_checklists
from launchtui.domain.phases import TEMPLATES
from launchtui.domain.rollout import Rollout

LAUNCH = dt.date(2026, 11, 3)
D = dt.date


def day(offset: int) -> dt.date:
    return LAUNCH + dt.timedelta(days=offset)


@pytest.fixture(scope="module")
def shipped() -> ChecklistSet:
    return load_checklists()


@pytest.fixture(scope="module")
def schedule(shipped: ChecklistSet) -> Schedule:
    return shipped.schedule(Rollout("Acme CRM", LAUNCH, "phased"))


def text(en: str) -> dict[str, str]:
    return {"en": en, "nl": en}


def window(
    wid: str, start: int, end: int | None, *items: ItemSpec, order: int = 1, anchor="launch"
) -> WindowSpec:
    return WindowSpec(wid, order, text(wid), start, end, anchor, tuple(items))


# -- windows: first and last dates, anchors --------------------------------------------


def test_phased_rollout_ends_on_the_last_day_of_its_last_phase():
    rollout = Rollout("Acme CRM", LAUNCH, "phased")
    assert rollout.end == D(2026, 12, 28)  # launch + 8 weeks - 1 day
    assert rollout.day(D(2026, 11, 7)) == 4
    assert rollout.day(D(2026, 11, 2)) == -1


@pytest.mark.parametrize(
    ("window_id", "first", "last"),
    [
        ("two-weeks-before", D(2026, 10, 20), D(2026, 10, 26)),
        ("one-week-before", D(2026, 10, 27), D(2026, 11, 2)),
        ("launch-day", D(2026, 11, 3), D(2026, 11, 3)),
        ("first-week", D(2026, 11, 4), D(2026, 11, 10)),
        # runs from D+8 until the rollout is complete
        ("each-week-after", D(2026, 11, 11), D(2026, 12, 28)),
        # anchored on the rollout's end (2026-12-28): +1 .. +90
        ("post-rollout", D(2026, 12, 29), D(2027, 3, 28)),
    ],
)
def test_window_first_and_last_dates(schedule: Schedule, window_id, first, last):
    w = schedule.window(window_id)
    assert w is not None
    assert (w.first, w.last) == (first, last)
    assert w.contains(first) and w.contains(last)
    assert not w.contains(first - dt.timedelta(days=1))
    assert not w.contains(last + dt.timedelta(days=1))


def test_windows_come_in_display_order_and_leave_no_gap(schedule: Schedule):
    ids = [w.id for w in schedule.windows]
    assert ids == [
        "two-weeks-before",
        "one-week-before",
        "launch-day",
        "first-week",
        "each-week-after",
        "post-rollout",
    ]
    for before, after in itertools.pairwise(schedule.windows):
        assert after.first == before.last + dt.timedelta(days=1), (before.id, after.id)


def test_rollout_end_anchor_follows_the_template_length(shipped: ChecklistSet):
    small = shipped.schedule(Rollout("x", LAUNCH, "small-team")).window("post-rollout")
    growing = shipped.schedule(Rollout("x", LAUNCH, "growing-business")).window("post-rollout")
    assert small.first == day(27 + 1)  # small team: 4 weeks, last day D+27
    assert growing.first == day(62 + 1)  # growing business: 9 weeks, last day D+62
    assert small.last == day(27 + 90)


def test_custom_rollout_end_anchor_counts_from_the_end_not_the_launch():
    item = ItemSpec("wrap-up", text("Wrap up"), due=3)
    spec = window("post-rollout", 1, 7, item, anchor="rollout-end")
    rollout = Rollout("x", LAUNCH, "solo")  # solo ends on D+6
    sched = ChecklistSet((spec,)).schedule(rollout)
    w = sched.window("post-rollout")
    assert (w.first, w.last) == (day(7), day(13))
    assert w.instances[0].due == day(6 + 3)


# -- once items ----------------------------------------------------------------------


def test_once_item_with_due_offset_falls_on_that_day(schedule: Schedule):
    assert schedule.find("two-weeks-before/announcement-sent").due == day(-14)
    assert schedule.find("one-week-before/first-phase-reminded").due == day(-3)
    assert schedule.find("first-week/next-phase-prepared").due == day(7)
    assert schedule.find("post-rollout/old-system-switched-off").due == D(2026, 12, 29)
    assert schedule.find("post-rollout/roi-calculated").due == D(2027, 3, 28)


def test_once_item_without_due_falls_on_the_window_last_day(schedule: Schedule):
    instance = schedule.find("two-weeks-before/pilot-complete")
    assert instance.due == D(2026, 10, 26)
    assert instance.occurrence is None
    assert instance.key == "two-weeks-before/pilot-complete"  # no @ suffix for once items
    assert schedule.find("first-week/workarounds-documented").due == D(2026, 11, 10)


def test_every_instance_lies_inside_its_window(schedule: Schedule):
    for w in schedule.windows:
        for instance in w.instances:
            assert instance.window == w.id
            assert w.first <= instance.due <= w.last, instance.key


def test_instances_are_sorted_by_due_date_keeping_file_order_within_a_day(schedule: Schedule):
    first_week = schedule.window("first-week")
    dues = [i.due for i in first_week.instances]
    assert dues == sorted(dues)
    assert [i.key for i in first_week.instances[:2]] == [
        "first-week/daily-check-in@2026-11-04",
        "first-week/office-hours@2026-11-04",
    ]


def test_keys_are_unique_across_the_schedule(schedule: Schedule):
    keys = [i.key for i in schedule.instances()]
    assert len(keys) == len(set(keys))
    assert schedule.find("first-week/no-such-item") is None
    assert schedule.window("no-such-window") is None


# -- daily and weekly expansion ------------------------------------------------------


def test_daily_item_expands_to_one_instance_per_day_of_the_first_week(schedule: Schedule):
    daily = [i for i in schedule.instances() if i.item.id == "daily-check-in"]
    assert [i.key for i in daily] == [f"first-week/daily-check-in@{day(n)}" for n in range(1, 8)]
    assert [i.due for i in daily] == [day(n) for n in range(1, 8)]
    d3 = schedule.find("first-week/daily-check-in@2026-11-06")
    assert schedule.find("first-week/daily-check-in@d3") is d3  # the older spelling
    assert d3.due == D(2026, 11, 6)
    assert d3.occurrence == "d3"
    assert d3.item.recurrence == "daily"


def test_first_week_holds_two_dailies_and_six_once_items(schedule: Schedule):
    first_week = schedule.window("first-week")
    assert len(first_week.instances) == 7 + 7 + 6


def test_weekly_item_expands_week_by_week_from_its_due_offset(schedule: Schedule):
    weekly = [i for i in schedule.instances() if i.item.id == "metrics-tracked"]
    assert [i.due for i in weekly] == [day(d) for d in (14, 21, 28, 35, 42, 49)]
    assert [i.occurrence for i in weekly] == ["w2", "w3", "w4", "w5", "w6", "w7"]
    w3 = schedule.find("each-week-after/metrics-tracked@2026-11-24")
    assert schedule.find("each-week-after/metrics-tracked@w3") is w3  # the older spelling
    assert w3 is not None
    assert w3.due == D(2026, 11, 24)  # 21 days after launch


def test_weekly_item_without_due_starts_on_the_window_first_day():
    item = ItemSpec("sync", text("Sync"), recurrence="weekly")
    spec = window("each-week-after", 8, None, item)
    sched = ChecklistSet((spec,)).schedule(Rollout("x", LAUNCH, "phased"))
    dues = [i.due for i in sched.instances()]
    assert dues[0] == day(8)
    assert all((b - a).days == 7 for a, b in itertools.pairwise(dues))
    assert dues[-1] <= day(55)
    assert [i.occurrence for i in sched.instances()][:2] == ["w2", "w3"]


def test_daily_item_with_due_starts_on_that_day():
    item = ItemSpec("stand-up", text("Stand-up"), recurrence="daily", due=4)
    spec = window("first-week", 1, 7, item)
    sched = ChecklistSet((spec,)).schedule(Rollout("x", LAUNCH, "phased"))
    assert [i.key for i in sched.instances()] == [
        "first-week/stand-up@2026-11-07",
        "first-week/stand-up@2026-11-08",
        "first-week/stand-up@2026-11-09",
        "first-week/stand-up@2026-11-10",
    ]


@pytest.mark.parametrize(
    ("template", "weeks"),
    [
        ("solo", []),  # done on D+6: no week after the first
        ("small-team", ["w2", "w3"]),  # last day D+27
        ("growing-business", ["w2", "w3", "w4", "w5", "w6", "w7", "w8"]),  # last day D+62
        ("phased", ["w2", "w3", "w4", "w5", "w6", "w7"]),  # last day D+55
    ],
)
def test_weekly_instances_stop_at_the_rollout_end(shipped: ChecklistSet, template, weeks):
    rollout = Rollout("x", LAUNCH, template)
    assert rollout.end == LAUNCH + dt.timedelta(days=TEMPLATES[template].end_offset)
    sched = shipped.schedule(rollout)
    window = sched.window("each-week-after")
    if not weeks:  # the window would end before it starts: it is left out
        assert window is None
        return
    weekly = [i for i in window.instances if i.item.id == "buddies-paired"]
    assert [i.occurrence for i in weekly] == weeks
    for instance in weekly:
        assert instance.due <= rollout.end
    if weekly:
        assert weekly[-1].due + dt.timedelta(days=7) > rollout.end


# -- the current window --------------------------------------------------------------


def test_current_window_is_the_one_today_falls_in(schedule: Schedule):
    assert schedule.current(D(2026, 11, 7)).id == "first-week"
    assert schedule.current(LAUNCH).id == "launch-day"
    assert schedule.current(D(2026, 11, 10)).id == "first-week"  # last day still inside
    assert schedule.current(D(2026, 11, 11)).id == "each-week-after"
    assert schedule.current(D(2026, 10, 20)).id == "two-weeks-before"


def test_current_window_before_every_window_is_the_first(schedule: Schedule):
    assert schedule.current(D(2026, 9, 1)).id == "two-weeks-before"


def test_current_window_after_every_window_is_the_last(schedule: Schedule):
    assert schedule.current(D(2027, 6, 1)).id == "post-rollout"


def test_current_window_between_windows_is_the_next_one():
    early = window("early", -10, -8, order=1)
    late = window("late", 2, 4, order=2)
    sched = ChecklistSet((early, late)).schedule(Rollout("x", LAUNCH, "phased"))
    assert sched.current(day(-9)).id == "early"
    assert sched.current(day(0)).id == "late"  # the gap between D-8 and D+2
    assert sched.current(day(-30)).id == "early"
    assert sched.current(day(30)).id == "late"


def test_current_window_of_an_empty_set_is_none():
    assert ChecklistSet(()).schedule(Rollout("x", LAUNCH)).current(LAUNCH) is None


def test_solo_after_completion_is_in_post_rollout_not_an_empty_weekly_window(
    shipped: ChecklistSet,
):
    sched = shipped.schedule(Rollout("x", LAUNCH, "solo"))
    assert sched.current(day(8)).id == "post-rollout"


# -- a launch-date slip --------------------------------------------------------------


def test_a_launch_slip_moves_every_due_date_and_keeps_one_off_keys(shipped: ChecklistSet):
    before = shipped.schedule(Rollout("Acme CRM", LAUNCH, "phased"))
    after = shipped.schedule(Rollout("Acme CRM", LAUNCH + dt.timedelta(days=7), "phased"))
    old = {i.key: i.due for i in before.instances() if i.occurrence is None}
    new = {i.key: i.due for i in after.instances() if i.occurrence is None}
    assert old.keys() == new.keys()
    assert all(new[k] - old[k] == dt.timedelta(days=7) for k in old)
    # A recurring instance is keyed by its date: the same day number now names a later date.
    by_number = {i.legacy_key: i.due for i in before.instances() if i.legacy_key}
    moved = {i.legacy_key: i.due for i in after.instances() if i.legacy_key}
    assert by_number.keys() == moved.keys()
    assert all(moved[k] - by_number[k] == dt.timedelta(days=7) for k in by_number)
    assert all(i.key.endswith(f"@{i.due.isoformat()}") for i in after.instances() if i.occurrence)
    assert after.find("launch-day/welcome-message-sent").due == D(2026, 11, 10)
    assert after.window("post-rollout").first == D(2027, 1, 5)
