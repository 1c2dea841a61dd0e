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
    day_offset,
    moved,
    no_phase,
    phase_text,
    plan_changes,
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
