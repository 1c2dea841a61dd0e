"""The phase plan's editing rules, pure: what may be typed and how neighbours move.

The "phased" template: 1 days 0-13, 2 days 14-27, 3 days 28-41, 4 (decommission) 42-55.
"""

from __future__ import annotations

import datetime as dt

import pytest

from launchtui.domain.phases import TEMPLATES
from launchtui.domain.plan_edits import (
    MAX_DAY,
    MAX_PHASE_TEXT,
    added,
    day_offset,
    moved,
    no_phase,
    phase_text,
    plan_changes,
    removed,
    share,
)

PHASED = TEMPLATES["phased"]
LAUNCH = dt.date(2026, 11, 3)


def spans(plan) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in plan.phases]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, 1),
        ("100", 100),
        ("40%", 40),
        (" 40 % ", 40),
        ("15", 15),
    ],
)
def test_a_share_is_a_whole_percentage_from_1_to_100(value, expected):
    assert share(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "share: 0 is not between 1 and 100 (% of the team)"),
        ("101", "share: 101 is not between 1 and 100 (% of the team)"),
        ("-5", "share: -5 is not between 1 and 100 (% of the team)"),
        ("12.5", "share: '12.5' is not a whole percentage"),
        ("", "share: '' is not a whole percentage"),
        ("half", "share: 'half' is not a whole percentage"),
    ],
)
def test_a_share_outside_1_to_100_or_not_whole_is_refused(value, message):
    with pytest.raises(ValueError) as caught:
        share(value)
    assert str(caught.value) == message


def test_shares_need_not_sum_to_100_the_decommission_phase_is_everyone_again():
    assert sum(p.share for p in PHASED.phases) == 200
    edited = moved(PHASED, 2, {"share": share("40")})
    assert [p.share for p in edited.phases] == [15, 40, 50, 100]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0),
        ("0", 0),
        ("D+7", 7),
        ("d-0", 0),
        ("d7", 7),
        (" 14 ", 14),
        (MAX_DAY, MAX_DAY),
        ("2026-11-03", 0),  # launch day as a date
        ("2026-11-17", 14),
        (dt.date(2026, 11, 10), 7),
    ],
)
def test_a_day_is_an_offset_from_launch_or_a_date(value, expected):
    assert day_offset(value, LAUNCH, "start") == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "start: day -1 is outside the rollout; use 0 (launch day) to 730"),
        ("D-1", "start: day -1 is outside the rollout; use 0 (launch day) to 730"),
        ("2026-11-02", "start: day -1 is outside the rollout; use 0 (launch day) to 730"),
        (dt.date(2026, 11, 2), "start: day -1 is outside the rollout; use 0 (launch day) to 730"),
        (MAX_DAY + 1, "start: day 731 is outside the rollout; use 0 (launch day) to 730"),
        (
            "2026-11-3",
            "start: '2026-11-3' is not a day from launch like 14 or D+14, "
            "nor a date like 2026-11-17",
        ),
        ("D", "start: 'D' is not a day from launch like 14 or D+14, nor a date like 2026-11-17"),
        ("", "start: '' is not a day from launch like 14 or D+14, nor a date like 2026-11-17"),
    ],
)
def test_a_day_before_launch_or_past_two_years_or_unreadable_is_refused(value, message):
    with pytest.raises(ValueError) as caught:
        day_offset(value, LAUNCH, "start")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("what", "value", "expected"),
    [
        ("name", "  Sales\nteam ", "Sales team"),
        ("group", "x" * MAX_PHASE_TEXT, "x" * MAX_PHASE_TEXT),
    ],
)
def test_a_phase_text_folds_white_space(what, value, expected):
    assert phase_text(value, what) == expected


@pytest.mark.parametrize(
    ("what", "value", "message"),
    [
        ("name", " \n ", "the phase's name must not be empty"),
        ("group", "", "the phase's group must not be empty"),
        ("name", "x" * (MAX_PHASE_TEXT + 1), "the phase's name is 61 characters; at most 60 fit"),
        ("group", "x" * (MAX_PHASE_TEXT + 1), "the phase's group is 61 characters; at most 60 fit"),
    ],
)
def test_a_phase_text_empty_or_too_long_is_refused(what, value, message):
    with pytest.raises(ValueError) as caught:
        phase_text(value, what)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("number", "changes", "expected"),
    [
        (2, {"start": 4}, [(0, 3), (4, 27), (28, 41), (42, 55)]),
        (2, {"start": 1}, [(0, 0), (1, 27), (28, 41), (42, 55)]),  # one day left before
        (2, {"end": 40}, [(0, 13), (14, 40), (41, 41), (42, 55)]),  # one day left after
        (2, {"start": 20, "end": 20}, [(0, 19), (20, 20), (21, 41), (42, 55)]),
        (4, {"end": MAX_DAY}, [(0, 13), (14, 27), (28, 41), (42, MAX_DAY)]),  # the last
        (1, {"end": 20}, [(0, 20), (21, 27), (28, 41), (42, 55)]),
        (3, {"name": "Rest"}, [(0, 13), (14, 27), (28, 41), (42, 55)]),
    ],
)
def test_moving_a_phase_moves_its_neighbours_so_they_stay_back_to_back(number, changes, expected):
    edited = moved(PHASED, number, changes)
    assert spans(edited) == expected
    for key, value in changes.items():
        assert getattr(edited.phase(number), key) == value


@pytest.mark.parametrize(
    ("number", "changes", "message"),
    [
        (2, {"end": 13}, "phase 2 would end on day 13, before it starts (day 14)"),
        (
            1,
            {"start": 1},
            "phase 1 is the first: it starts on launch day (day 0); to start later, "
            "move the launch date (`launchtui reschedule`)",
        ),
        (
            2,
            {"start": 0},  # into phase 1 entirely
            "phase 2 cannot start on day 0: phase 1 starts on day 0 and keeps at least "
            "one day before it",
        ),
        (
            2,
            {"end": 41},  # over phase 3 entirely
            "phase 2 cannot end on day 41: phase 3 ends on day 41 and keeps at least "
            "one day after it",
        ),
        (
            3,
            {"start": 5},  # past phase 2's start, into phase 1
            "phase 3 cannot start on day 5: phase 2 starts on day 14 and keeps at least "
            "one day before it",
        ),
    ],
)
def test_a_phase_cannot_swallow_another_nor_end_before_it_starts(number, changes, message):
    with pytest.raises(ValueError) as caught:
        moved(PHASED, number, changes)
    assert str(caught.value) == message


def test_plan_changes_names_each_changed_field_once():
    edited = moved(PHASED, 2, {"start": 7, "name": "Core", "share": 40, "location": "Delft"})
    assert plan_changes(PHASED, edited) == [
        "phase 1 end: day 13 -> 6",
        'phase 2 name: "Core team" -> "Core"',
        "phase 2 share: 35% -> 40%",
        "phase 2 start: day 14 -> 7",
        'phase 2 location: "-" -> "Delft"',
    ]
    assert plan_changes(PHASED, PHASED) == []


def test_no_phase_lists_the_phases_there_are():
    assert no_phase(9, PHASED) == "there is no phase 9; the plan has phases 1, 2, 3, 4"


# -- adding and removing phases ------------------------------------------------------------


def numbered(plan) -> list[tuple[int, int, int]]:
    return [(p.number, p.start, p.end) for p in plan.phases]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # after the last (right after it, or taking the last's tail)
        (56, 62, [(1, 0, 13), (2, 14, 27), (3, 28, 41), (4, 42, 55), (5, 56, 62)]),
        (50, 62, [(1, 0, 13), (2, 14, 27), (3, 28, 41), (4, 42, 49), (5, 50, 62)]),
        # between two: the one before ends the day before, the one after starts the day after
        (28, 34, [(1, 0, 13), (2, 14, 27), (5, 28, 34), (3, 35, 41), (4, 42, 55)]),
        (20, 30, [(1, 0, 13), (2, 14, 19), (5, 20, 30), (3, 31, 41), (4, 42, 55)]),
        (1, 1, [(1, 0, 0), (5, 1, 1), (2, 2, 27), (3, 28, 41), (4, 42, 55)]),
        (28, 40, [(1, 0, 13), (2, 14, 27), (5, 28, 40), (3, 41, 41), (4, 42, 55)]),
    ],
)
def test_added_fits_the_new_phase_between_its_neighbours(start, end, expected):
    plan = added(PHASED, "Extra", "Night shift", 10, start, end)
    assert numbered(plan) == expected
    new = plan.phase(5)
    assert (new.name, new.group, new.share, new.decommission) == ("Extra", "Night shift", 10, False)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (0, 5, "cannot start on day 0: phase 1 starts on day 0"),
        (57, 60, "the last phase (4) ends on day 55, so it starts on day 56 at the latest"),
        (28, 41, "cannot end on day 41: phase 3 ends on day 41"),
        (20, 60, "cannot end on day 60: phase 3 ends on day 41"),
        (30, 29, "would end on day 29, before it starts (day 30)"),
    ],
)
def test_added_refuses_with_one_line(start, end, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        added(PHASED, "Extra", "Night shift", 10, start, end)


@pytest.mark.parametrize(
    ("number", "day", "expected"),
    [
        (3, 20, [(1, 0, 13), (2, 14, 41), (4, 42, 55)]),  # the one before takes its days
        (4, 41, [(1, 0, 13), (2, 14, 27), (3, 28, 41)]),  # the last: the plan ends sooner
        (1, -1, [(2, 0, 27), (3, 28, 41), (4, 42, 55)]),  # before launch: the next starts day 0
        (2, 13, [(1, 0, 27), (3, 28, 41), (4, 42, 55)]),  # the day before it starts
    ],
)
def test_removed_keeps_the_phases_back_to_back(number, day, expected):
    assert numbered(removed(PHASED, number, day, decided=())) == expected


@pytest.mark.parametrize(
    ("number", "day", "decided", "message"),
    [
        (2, 14, (), "phase 2 started on day 14; only a phase still to come"),
        (1, 0, (), "phase 1 started on day 0"),
        (3, 5, (3,), "phase 3 has a recorded decision"),
        (9, 5, (), "there is no phase 9; the plan has phases 1, 2, 3, 4"),
    ],
)
def test_removed_refuses_with_one_line(number, day, decided, message):
    with pytest.raises(ValueError, match=message):
        removed(PHASED, number, day, decided)


def test_the_only_phase_stays():
    with pytest.raises(ValueError, match="phase 1 is the only phase"):
        removed(TEMPLATES["solo"], 1, -3, ())
