"""Where the checklists stand on a day, the phase of the rollout, and how both are phrased."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from launchtui.domain.checklist_files import load_checklists
from launchtui.domain.decisions import Decision
from launchtui.domain.gate import Gate, evaluate
from launchtui.domain.progress import RolloutStatus, rollout_status
from launchtui.domain.rollout import Actor, Rollout
from launchtui.domain.ticks import TickEvent, latest_by_key, undo_action
from launchtui.text.present import (
    countdown,
    date_range,
    day_label,
    due_phrase,
    headline,
    phase_line,
    relative_day,
    state_mark,
    today_line,
    who_when,
)
from launchtui.text.safe import clean, one_line

LAUNCH = dt.date(2026, 11, 3)  # a Tuesday
TODAY = dt.date(2026, 11, 7)  # day 4 after launch
NOON = dt.datetime(2026, 11, 7, 12, 0, tzinfo=dt.UTC)
ANA = Actor("ana", "ana")
ROB = Actor("rob", "rsmith")
ROLLOUT = Rollout("Acme CRM", LAUNCH, "phased")
SCHEDULE = load_checklists().schedule(ROLLOUT)
_ids = itertools.count(1)


def event(key: str, action: str = "tick", actor: Actor = ANA, **kw) -> TickEvent:
    at = kw.pop("at", NOON)
    return TickEvent(next(_ids), key, action, actor, at, kw.pop("recorded_at", at), **kw)


def status(events: list[TickEvent] = (), today: dt.date = TODAY, rollout=ROLLOUT) -> RolloutStatus:
    schedule = load_checklists().schedule(rollout) if rollout is not ROLLOUT else SCHEDULE
    return rollout_status(rollout, schedule, latest_by_key(events), today)


# -- state from the latest event -----------------------------------------------------


def test_untouched_item_is_open():
    item = status().item("launch-day/welcome-message-sent")
    assert (item.state, item.event, item.is_open) == ("open", None, True)


@pytest.mark.parametrize(
    ("actions", "state"),
    [
        (["tick"], "done"),
        (["skip"], "skipped"),
        (["tick", "untick"], "open"),
        (["tick", "untick", "tick"], "done"),
        (["skip", "tick"], "done"),
        (["tick", "skip"], "skipped"),
        (["skip", "untick"], "open"),
    ],
)
def test_state_comes_from_the_latest_event(actions, state):
    key = "launch-day/welcome-message-sent"
    events = [event(key, a) for a in actions]
    item = status(events).item(key)
    assert item.state == state
    assert item.event is events[-1]


def test_latest_by_key_keeps_the_last_event_of_each_key():
    a1, b1, a2 = event("a"), event("b", "skip"), event("a", "untick")
    assert latest_by_key([a1, b1, a2]) == {"a": a2, "b": b1}


def test_undo_action_restores_the_state_before_or_opens():
    own = event("k", "tick")
    assert undo_action(own, None) == "untick"
    assert undo_action(own, event("k", "skip")) == "skip"
    assert undo_action(event("k", "untick"), event("k", "tick")) == "tick"


def test_entered_late_only_when_recorded_over_five_minutes_after():
    on_time = event("k", at=NOON, recorded_at=NOON + dt.timedelta(minutes=5))
    late = event("k", at=NOON, recorded_at=NOON + dt.timedelta(minutes=6))
    assert not on_time.entered_late
    assert late.entered_late


# -- overdue and due today -----------------------------------------------------------


def test_open_item_due_before_today_is_overdue():
    item = status().item("first-week/daily-check-in@2026-11-06")  # due 2026-11-06
    assert item.overdue and not item.due_today


def test_open_item_due_today_is_due_today_not_overdue():
    item = status().item("first-week/daily-check-in@2026-11-07")  # due 2026-11-07
    assert item.due_today and not item.overdue


def test_open_item_due_later_is_neither():
    item = status().item("first-week/daily-check-in@2026-11-08")
    assert not item.due_today and not item.overdue


@pytest.mark.parametrize("action", ["tick", "skip"])
def test_done_or_skipped_items_are_never_overdue_or_due(action):
    st = status(
        [
            event("first-week/daily-check-in@2026-11-06", action),
            event("first-week/office-hours@2026-11-07", action),
        ]
    )
    assert not st.item("first-week/daily-check-in@2026-11-06").overdue
    assert not st.item("first-week/office-hours@2026-11-07").due_today


def test_window_counts():
    first_week = next(w for w in status().windows if w.id == "first-week")
    # 7 daily check-ins + 7 office hours + 6 once items
    assert (first_week.total, first_week.done, first_week.skipped) == (20, 0, 0)
    assert first_week.overdue == 6  # both dailies on d1, d2, d3
    assert first_week.due_today == 2  # both dailies on d4

    st = status(
        [
            event("first-week/daily-check-in@2026-11-04"),
            event("first-week/daily-check-in@2026-11-05"),
            event("first-week/office-hours@2026-11-04", "skip", note="holiday"),
            event("first-week/daily-check-in@2026-11-07"),
            event("first-week/daily-check-in@2026-11-05", "untick"),
        ]
    )
    first_week = next(w for w in st.windows if w.id == "first-week")
    assert (first_week.done, first_week.skipped, first_week.total) == (2, 1, 20)
    assert first_week.overdue == 4  # check-ins d2 (reopened) and d3, office hours d2 and d3
    assert first_week.due_today == 1  # office hours d4


def test_rollout_totals_add_up_the_windows():
    st = status()
    # everything before the first week (9 + 9 + 7) is overdue, plus 6 of the first week
    assert st.overdue == 9 + 9 + 7 + 6 == sum(w.overdue for w in st.windows)
    assert st.due_today == 2
    assert st.current.id == "first-week"
    assert st.item("no/such-key") is None


def test_nothing_is_overdue_before_anything_is_due():
    st = status(today=dt.date(2026, 10, 1))
    assert st.overdue == 0
    assert st.due_today == 0


# -- phases --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "number", "name"),
    [
        (-1, None, None),
        (0, 1, "Early adopters"),
        (13, 1, "Early adopters"),
        (14, 2, "Core team"),
        (27, 2, "Core team"),
        (28, 3, "Remaining users"),
        (42, 4, "Decommission"),
        (55, 4, "Decommission"),
        (56, None, None),
    ],
)
def test_phase_of_the_phased_template_on_day_boundaries(day, number, name):
    st = status(today=LAUNCH + dt.timedelta(days=day))
    assert st.day == day
    if number is None:
        assert st.phase is None
    else:
        assert (st.phase.number, st.phase.name) == (number, name)


@pytest.mark.parametrize(
    ("template", "day", "number"),
    [
        ("solo", 6, 1),
        ("solo", 7, None),
        ("small-team", 6, 1),
        ("small-team", 7, 2),
        ("small-team", 27, 4),
        ("growing-business", 62, 5),
        ("growing-business", 63, None),
    ],
)
def test_phase_of_other_templates(template, day, number):
    plan = Rollout("x", LAUNCH, template).plan
    phase = plan.current(day)
    assert (phase.number if phase else None) == number


# -- phrases -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "phrase"),
    [
        (dt.date(2026, 10, 20), "launch in 14 days"),
        (dt.date(2026, 10, 31), "launch in 3 days"),
        (dt.date(2026, 11, 1), "launch in 2 days"),
        (dt.date(2026, 11, 2), "launch tomorrow"),
        (dt.date(2026, 11, 3), "launch day"),
        (dt.date(2026, 11, 4), "day 2 of the rollout"),
        (dt.date(2026, 11, 7), "day 5 of the rollout"),
    ],
)
def test_countdown(today, phrase):
    assert countdown(ROLLOUT, today) == phrase


@pytest.mark.parametrize(
    ("key", "phrase"),
    [
        ("first-week/daily-check-in@2026-11-06", "overdue 1 day"),
        ("first-week/daily-check-in@2026-11-04", "overdue 3 days"),
        ("first-week/daily-check-in@2026-11-07", "due today"),
        ("first-week/daily-check-in@2026-11-08", "due tomorrow"),
        ("first-week/next-phase-prepared", "due in 3 days"),
        ("each-week-after/metrics-tracked@2026-11-17", "due in 10 days"),
    ],
)
def test_due_phrase_of_open_items(key, phrase):
    assert due_phrase(status().item(key)) == phrase


def test_due_phrase_is_empty_once_done_or_skipped():
    st = status([event("launch-day/issues-logged"), event("launch-day/refresher-held", "skip")])
    assert due_phrase(st.item("launch-day/issues-logged")) == ""
    assert due_phrase(st.item("launch-day/refresher-held")) == ""
    assert state_mark(st.item("launch-day/issues-logged")) == "[x]"
    assert state_mark(st.item("launch-day/refresher-held")) == "[-]"
    assert state_mark(st.item("launch-day/accounts-activated")) == "[ ]"


@pytest.mark.parametrize(
    ("today", "rollout_day", "phase_day"),
    [
        (dt.date(2026, 11, 3), "launch day", "day 1 of 14"),
        (dt.date(2026, 11, 4), "day 2 of the rollout", "day 2 of 14"),
        (dt.date(2026, 11, 16), "day 14 of the rollout", "day 14 of 14"),
    ],
)
def test_the_headline_and_the_phase_count_days_alike(today, rollout_day, phase_day):
    """Phase 1 starts on launch day: its day number is the rollout's (one function)."""
    st = status(today=today)
    assert countdown(ROLLOUT, today) == rollout_day
    assert phase_day in phase_line(st, gate_on(st))


def test_overdue_in_dutch_reads_as_days_late():
    from launchtui.text import i18n

    i18n.set_language("nl")
    try:
        item = status().item("first-week/daily-check-in@2026-11-04")
        assert due_phrase(item) == "3 dagen te laat"
        assert due_phrase(status().item("first-week/daily-check-in@2026-11-06")) == "1 dag te laat"
    finally:
        i18n.set_language("en")


def test_relative_day():
    assert relative_day(TODAY, TODAY) == "today"
    assert relative_day(dt.date(2026, 11, 8), TODAY) == "tomorrow"
    assert relative_day(dt.date(2026, 11, 6), TODAY) == "yesterday"
    assert relative_day(dt.date(2026, 11, 10), TODAY) == "in 3 days"
    assert relative_day(dt.date(2026, 11, 5), TODAY) == "2 days ago"


def test_date_range():
    assert date_range(LAUNCH, LAUNCH) == "Tue 3 Nov"
    assert date_range(dt.date(2026, 11, 4), dt.date(2026, 11, 10)) == "4–10 Nov"
    assert date_range(dt.date(2026, 10, 27), dt.date(2026, 11, 2)) == "27 Oct–2 Nov"
    assert day_label(TODAY) == "Sat 7 Nov"


def test_headline():
    assert headline(status()) == "Acme CRM · launch Tue 3 Nov 2026 · day 5 of the rollout"
    before = status(today=dt.date(2026, 11, 2))
    assert headline(before) == "Acme CRM · launch Tue 3 Nov 2026 · launch tomorrow"


def test_headline_shows_a_hostile_tool_name_harmlessly():
    rollout = Rollout("Acme\x1b]0;pwned\x07\nCRM", LAUNCH, "phased")
    line = headline(status(rollout=rollout))
    assert "\x1b" not in line and "\x07" not in line and "\n" not in line
    assert line.startswith("Acme\ufffd]0;pwned\ufffd CRM · launch")


def gate_on(st, **kw) -> Gate:
    rollout = st.rollout
    return evaluate(rollout.plan, rollout.launch, [], [], st.today, **kw)


def test_phase_line():
    now = status()
    assert phase_line(now, gate_on(now)) == (
        "Phase 1/4 Early adopters · day 5 of 14 · next: Core team in 10 days"
    )
    last = status(today=LAUNCH + dt.timedelta(days=50))
    assert phase_line(last, gate_on(last)) == "Phase 4/4 Decommission · day 9 of 14"
    before = status(today=dt.date(2026, 10, 30))
    assert phase_line(before, gate_on(before)) == (
        "Before phase 1/4 · Early adopters starts on launch day"
    )


def test_past_the_plan_is_complete_only_when_decided_and_switched_off():
    after = status(today=LAUNCH + dt.timedelta(days=56))
    assert phase_line(after, gate_on(after)) == (
        "Past the plan (4 phases), not complete: phase 2 not decided go; "
        "phase 3 not decided go; phase 4 not decided go; old system still on"
    )
    at = dt.datetime(2026, 11, 3, 9, tzinfo=dt.UTC)
    decisions = [
        Decision(n, "go", "results", Actor("ana", "ana"), at, LAUNCH, "go", False)
        for n in (2, 3, 4)
    ]
    done = gate_on(after, decisions=decisions, switched_off=True)
    assert phase_line(after, done) == "Rollout complete (4 phases) · post-rollout reviews"


def test_today_line():
    assert today_line(status()) == "Today: 2 due · ! 31 overdue"
    calm = status(today=dt.date(2026, 10, 1))
    assert today_line(calm) == "Today: 0 due · 0 overdue"


def test_who_when_names_the_actor_and_flags_late_entries():
    now = NOON
    prompt = event("k", at=now - dt.timedelta(hours=2), recorded_at=now - dt.timedelta(hours=2))
    paper = event("k", actor=ROB, at=now - dt.timedelta(hours=2), recorded_at=now)
    assert who_when(prompt, now) == "ana · 2 hours ago"
    assert who_when(paper, now) == "rob · 2 hours ago (entered late)"
    sneaky = event("k", actor=Actor("eve\x1b[2J", "eve"), at=now)
    assert who_when(sneaky, now) == "eve\ufffd[2J · now"


def test_actor_label_shows_the_login_when_it_differs():
    assert ANA.label() == "ana"
    assert ROB.label() == "rob (rsmith)"


# -- safe text -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "char",
    ["\x1b", "\x07", "\x7f", "\x9b", "\x00", "\x0b", "\r", "\u202e", "\u202a", "\u2066", "\u200f"],
)
def test_clean_replaces_characters_that_steer_the_terminal(char):
    assert clean(f"a{char}b") == "a\ufffdb"
    assert one_line(f"a{char}b") == "a\ufffdb"


def test_clean_replaces_a_whole_escape_sequence_introducer_but_keeps_the_rest_visible():
    assert clean("\x1b[31mred\x1b[0m") == "\ufffd[31mred\ufffd[0m"
    assert clean("\x9b2J") == "\ufffd2J"


def test_clean_keeps_tab_newline_and_ordinary_unicode():
    text = "line one\n\tëxtra — ü ✓ 日本"
    assert clean(text) == text


def test_one_line_folds_tabs_and_newlines_to_single_spaces():
    assert one_line("  first\n\n\tsecond\tthird \n") == "first second third"
    assert one_line("bidi \u202eevil\u202c") == "bidi \ufffdevil\ufffd"


def test_who_when_never_says_from_now():
    import datetime as _dt

    from launchtui.domain.rollout import Actor
    from launchtui.domain.ticks import TickEvent
    from launchtui.text.present import who_when

    now = _dt.datetime(2026, 11, 7, 12, 0, tzinfo=_dt.UTC)
    later = now + _dt.timedelta(seconds=2)
    event = TickEvent(1, "k", "tick", Actor("ana", "ana"), later, later)
    assert who_when(event, now) == "ana · now"
