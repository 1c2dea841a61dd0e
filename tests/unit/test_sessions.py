"""The session plan generator, its checks and training completion: pure, across zones."""

from __future__ import annotations

import datetime as dt

import pytest

from launchtui.domain import sessions as s
from launchtui.domain.locations import Location
from launchtui.domain.phases import TEMPLATES, Phase, PhasePlan

LAUNCH = dt.date(2026, 11, 2)  # a Monday
ZONES = ["America/Paramaribo", "America/Guyana", "America/Port_of_Spain", "America/New_York"]


def _loc(tz: str, name: str | None = None, champion: str = "ana") -> Location:
    return Location(name or tz.split("/")[-1], tz, champion)


@pytest.mark.parametrize("tz", ZONES)
def test_plan_in_each_zone_is_local_ten_on_working_days(tz):
    plan = TEMPLATES["phased"]
    made = s.plan_sessions(plan, LAUNCH, [_loc(tz)])
    assert made
    for session in made:
        assert str(session.start.tzinfo) == tz
        assert session.start.weekday() < 5, session  # never Saturday or Sunday
        assert session.host == "ana"
    trainings = [x for x in made if x.kind == s.TRAINING]
    # one training per phase that brings a group in (not the switch-off), before it starts
    assert [x.phase for x in trainings] == [1, 2, 3]
    for x in trainings:
        phase = plan.phase(x.phase)
        assert x.start.date() < LAUNCH + dt.timedelta(days=phase.start)
        assert x.start.time() == dt.time(10, 0)
        assert x.minutes == 90


def test_utc_differs_by_zone_while_the_wall_time_is_the_same():
    made = s.plan_sessions(TEMPLATES["solo"], LAUNCH, [_loc(ZONES[0]), _loc(ZONES[2])])
    first = {x.location: x for x in made if x.kind == s.TRAINING}
    assert first["Paramaribo"].start.hour == first["Port_of_Spain"].start.hour == 10
    # Paramaribo is UTC-3, Port of Spain UTC-4: the same wall time, an hour apart
    gap = first["Port_of_Spain"].start_utc - first["Paramaribo"].start_utc
    assert gap == dt.timedelta(hours=1)


def test_office_hours_daily_in_week_one_three_times_in_week_two():
    made = s.plan_sessions(TEMPLATES["solo"], LAUNCH, [_loc("America/Guyana")])
    hours = [x.start.date() for x in made if x.kind == s.OFFICE_HOUR]
    week1 = [LAUNCH + dt.timedelta(days=i) for i in range(5)]  # Mon-Fri
    week2 = [LAUNCH + dt.timedelta(days=i) for i in (7, 9, 11)]  # Mon, Wed, Fri
    assert hours == week1 + week2


@pytest.mark.parametrize(
    ("launch", "training_day"),
    [
        (dt.date(2026, 11, 2), dt.date(2026, 10, 30)),  # Monday launch: the Friday before
        (dt.date(2026, 11, 3), dt.date(2026, 11, 2)),  # Tuesday: the Monday
        (dt.date(2026, 11, 8), dt.date(2026, 11, 6)),  # Sunday: the Friday
        (dt.date(2026, 11, 7), dt.date(2026, 11, 6)),  # Saturday: the Friday
    ],
)
def test_training_on_the_last_working_day_before_the_start(launch, training_day):
    made = s.plan_sessions(TEMPLATES["solo"], launch, [_loc("America/Paramaribo")])
    assert [x.start.date() for x in made if x.kind == s.TRAINING] == [training_day]


def test_a_weekend_launch_skips_the_weekend_for_office_hours():
    made = s.plan_sessions(TEMPLATES["solo"], dt.date(2026, 11, 7), [_loc("America/Guyana")])
    assert all(x.start.weekday() < 5 for x in made)


def test_a_location_may_work_other_days():
    made = s.plan_sessions(
        TEMPLATES["solo"],
        LAUNCH,
        [_loc("America/Guyana", "G")],
        workdays={"G": (6, 0, 1, 2, 3)},  # Sunday to Thursday
    )
    assert {x.start.weekday() for x in made} <= {6, 0, 1, 2, 3}


def test_a_location_working_sun_thu_plans_on_its_own_days():
    """Its own working days, kept with it: training on the Thursday before a Sunday
    start, office hours Sun-Thu; a Mon-Fri location beside it keeps Mon-Fri."""
    dubai = Location("Dubai", "Asia/Dubai", "sam", (0, 1, 2, 3, 6))
    sunday = dt.date(2026, 11, 8)
    made = s.plan_sessions(TEMPLATES["solo"], sunday, [dubai, _loc("America/Guyana")])
    there = [x for x in made if x.location == "Dubai"]
    assert {x.start.weekday() for x in there} == {6, 0, 1, 2, 3}
    training = next(x for x in there if x.kind == s.TRAINING)
    assert training.start.date() == dt.date(2026, 11, 5)  # Thursday, its last working day
    first_week = [x.start.date() for x in there if x.kind == s.OFFICE_HOUR][:5]
    assert first_week == [sunday + dt.timedelta(days=i) for i in range(5)]  # Sun-Thu
    assert {x.start.weekday() for x in made if x.location == "Guyana"} <= set(range(5))


def test_short_phases_share_weeks_without_double_office_hours_or_clashes():
    loc = _loc("America/Port_of_Spain")
    made = s.plan_sessions(TEMPLATES["small-team"], LAUNCH, [loc])
    days = [x.start.date() for x in made if x.kind == s.OFFICE_HOUR]
    assert len(days) == len(set(days))
    booked: list[s.Session] = []
    for x in made:
        s.check_new(x, booked)  # one host, never twice at once
        booked.append(x)
    # a group's first week is its own: phase 2 starts on day 7
    second_start = LAUNCH + dt.timedelta(days=7)
    assert next(x.phase for x in made if x.start.date() == second_start) == 2


def test_a_phase_of_one_location_plans_only_there():
    plan = PhasePlan(
        "custom",
        (
            Phase(1, "Pilot", "Pilot", 20, 0, 13, location="Georgetown"),
            Phase(2, "All", "All", 80, 14, 27),
        ),
    )
    made = s.plan_sessions(plan, LAUNCH, [_loc("America/Guyana", "Georgetown"), _loc(ZONES[0])])
    assert {x.location for x in made if x.phase == 1} == {"Georgetown"}


def test_dst_zone_keeps_the_wall_time_across_the_change():
    # New York leaves daylight saving on 1 Nov 2026: 10:00 stays 10:00, UTC moves
    made = s.plan_sessions(TEMPLATES["solo"], dt.date(2026, 10, 26), [_loc(ZONES[3])])
    assert {x.start.time() for x in made if x.kind == s.OFFICE_HOUR} == {dt.time(10, 0)}
    offsets = {x.start.utcoffset() for x in made}
    assert offsets == {dt.timedelta(hours=-4), dt.timedelta(hours=-5)}


def test_a_time_in_the_dst_gap_is_one_clear_line():
    with pytest.raises(ValueError, match="02:30 does not exist on 2027-03-14 in America/New_York"):
        s.wall_time(dt.date(2027, 3, 14), dt.time(2, 30), "America/New_York")
    with pytest.raises(ValueError, match="does not exist"):
        s.wall_time(dt.date(2027, 3, 28), dt.time(2, 15), "Europe/Amsterdam")
    # the hour that comes twice exists (its first time)
    assert s.wall_time(dt.date(2026, 11, 1), dt.time(1, 30), "America/New_York").fold == 0


def test_plan_in_a_gap_names_the_day():
    # Amsterdam skips 02:00-03:00 on Sunday 28 Mar 2027: a Mon-Fri plan never meets it,
    # a location that works every day does, and is told which day
    made = s.plan_sessions(
        TEMPLATES["solo"], dt.date(2027, 3, 22), [_loc("Europe/Amsterdam")], dt.time(2, 30)
    )
    assert made
    with pytest.raises(ValueError, match="2027-03-28"):
        s.plan_sessions(
            TEMPLATES["solo"],
            dt.date(2027, 3, 22),
            [_loc("Europe/Amsterdam", "A")],
            dt.time(2, 30),
            workdays={"A": tuple(range(7))},
        )


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("10:00", True),
        ("9:30", True),
        ("23:59", True),
        ("24:00", False),
        ("10", False),
        ("10:5", False),
        ("ten", False),
        ("", False),
    ],
)
def test_parse_time(text, ok):
    if ok:
        assert isinstance(s.parse_time(text), dt.time)
    else:
        with pytest.raises(ValueError, match="is not a time"):
            s.parse_time(text)


def test_unknown_location_names_the_known_ones():
    with pytest.raises(ValueError, match="unknown location 'Lima'; known: Guyana"):
        s.resolve_location([_loc("America/Guyana")], "Lima")
    assert s.resolve_location([_loc("America/Guyana")], "guyana").name == "Guyana"


def _at(hour: int, minute: int = 0, host: str = "ana", status: str = s.PLANNED, sid=None):
    start = s.wall_time(dt.date(2026, 11, 10), dt.time(hour, minute), "America/Guyana")
    return s.Session(1, "Guyana", s.OFFICE_HOUR, start, 60, host, status=status, id=sid)


@pytest.mark.parametrize(
    ("other", "clashes"),
    [
        (_at(10, 0, sid=1), True),
        (_at(10, 59, sid=1), True),
        (_at(11, 0, sid=1), False),  # back to back is fine
        (_at(9, 0, sid=1), False),
        (_at(9, 1, sid=1), True),
        (_at(10, 0, host="rob", sid=1), False),  # another host
        (_at(10, 0, host="ANA", sid=1), True),  # the same host, spelled otherwise
        (_at(10, 0, status=s.CANCELLED, sid=1), False),  # cancelled takes no time
    ],
)
def test_overlap_with_the_same_host(other, clashes):
    new = _at(10, 0)
    if clashes:
        with pytest.raises(ValueError, match="would host two sessions at once"):
            s.check_new(new, [other])
    else:
        assert s.check_new(new, [other]) is new


def test_overlap_across_zones_is_by_the_instant():
    guyana = _at(10, 0)  # 14:00 UTC
    start = s.wall_time(dt.date(2026, 11, 10), dt.time(11, 30), "America/Paramaribo")  # 14:30
    para = s.Session(1, "Paramaribo", s.TRAINING, start, 90, "ana", id=2)
    assert s.clash(guyana, [para]) is para


def _held(phase: int, attended: int) -> s.Session:
    start = s.wall_time(dt.date(2026, 11, 1), dt.time(10), "America/Guyana")
    return s.Session(phase, "G", s.TRAINING, start, 90, "ana", status=s.HELD, attended=attended)


def test_training_completion_from_attendance():
    plan = TEMPLATES["phased"]  # phase 1: 15% of the team
    today = LAUNCH + dt.timedelta(days=3)
    groups = s.group_trainings(plan, LAUNCH, 40, [_held(1, 5)], today)
    assert [(g.phase, g.size, g.attended) for g in groups] == [(1, 6, 5)]
    criterion = s.training_criterion(groups, today)
    assert criterion.advisory and criterion.kind == "training"
    assert criterion.value == pytest.approx(500 / 6)
    assert criterion.ok


def test_training_completion_counts_no_more_than_the_group():
    today = LAUNCH + dt.timedelta(days=3)
    groups = s.group_trainings(TEMPLATES["phased"], LAUNCH, 40, [_held(1, 50)], today)
    assert s.training_criterion(groups, today).value == 100.0


def test_training_completion_without_headcount_never_passes():
    today = LAUNCH + dt.timedelta(days=3)
    groups = s.group_trainings(TEMPLATES["phased"], LAUNCH, None, [_held(1, 50)], today)
    criterion = s.training_criterion(groups, today)
    assert criterion.value is None and not criterion.ok
    assert "headcount" in criterion.detail


def test_training_completion_with_no_attendance_is_zero_not_missing():
    today = LAUNCH + dt.timedelta(days=20)  # phases 1 and 2 started
    groups = s.group_trainings(TEMPLATES["phased"], LAUNCH, 40, [], today)
    criterion = s.training_criterion(groups, today)
    assert criterion.value == 0.0 and not criterion.ok


def test_next_session_skips_the_past_and_the_cancelled():
    a, b, c = _at(9, sid=1), _at(11, sid=2, status=s.CANCELLED), _at(12, sid=3)
    now = a.start_utc + dt.timedelta(minutes=5)
    assert s.next_session([a, b, c], now) is c


def test_next_session_line_on_the_panel():
    from launchtui.text.schedule_text import next_session_line

    start = s.wall_time(dt.date(2026, 11, 10), dt.time(10), "America/Guyana")
    session = s.Session(1, "Georgetown", s.OFFICE_HOUR, start, 60, "ana")
    two_hours = start - dt.timedelta(hours=2)
    assert next_session_line(session, two_hours) == "Next: office hour 10:00 Georgetown (in 2 h)"
    assert next_session_line(session, start - dt.timedelta(minutes=25)).endswith("(in 25 min)")
    days = next_session_line(session, start - dt.timedelta(days=3))
    assert days == "Next: office hour Tue 10 Nov 10:00 Georgetown (in 3 days)"
    assert next_session_line(None, start) == ""


def test_week_text_per_location_in_its_own_time_and_language():
    made = s.plan_sessions(
        TEMPLATES["solo"], LAUNCH, [_loc("America/Guyana", "G"), _loc(ZONES[0], "P", "rob")]
    )
    first = LAUNCH + dt.timedelta(days=7)
    en = s.week_text(made, first, first + dt.timedelta(days=6), "en")
    assert en.splitlines()[0] == "G (America/Guyana):"
    assert "- Mon 9 Nov 10:00–11:00 office hour, ana" in en
    assert "P (America/Paramaribo):" in en
    nl = s.week_text(made, first, first + dt.timedelta(days=6), "nl")
    assert "- ma 9 nov 10:00–11:00 spreekuur, ana" in nl
    assert s.week_text([], first, first, "nl") == "Geen sessies gepland."


def test_check_all_finds_a_clash_among_new_and_with_saved_ones():
    a, b, c = _at(9), _at(10), _at(10, 30)
    s.check_all([a, b], [])  # back to back
    with pytest.raises(ValueError, match="would host two sessions at once"):
        s.check_all([a, b, c], [])
    with pytest.raises(ValueError, match="would host two sessions at once"):
        s.check_all([c], [replace_id(b, 7)])
    s.check_all([c], [replace_id(_at(10, host="rob"), 7)])
    # a long session hides behind a short one: still found
    long = s.Session(1, "Guyana", s.TRAINING, _at(8).start, 240, "ana")
    with pytest.raises(ValueError):
        s.check_all([_at(9, 30), _at(11)], [replace_id(long, 3)])


def replace_id(session: s.Session, sid: int) -> s.Session:
    from dataclasses import replace

    return replace(session, id=sid)


def test_store_keeps_history_and_never_deletes(workspace):
    from launchtui.services.locations import LocationService
    from launchtui.services.sessions import SessionService

    LocationService(workspace).save("Georgetown", "America/Guyana", "ana")
    service = SessionService(workspace)
    added = service.add("training", "Georgetown", dt.date(2026, 11, 20), "10:00")
    service.move(added.id, dt.date(2026, 11, 19), "11:00")
    service.cancel(added.id)
    db = workspace.store.db
    kinds = [r[0] for r in db.execute("SELECT kind FROM session_events ORDER BY id")]
    assert kinds == ["planned", "moved", "cancelled"]
    assert workspace.store.sessions.revisions() == {added.id: 2}
    for sql in (
        "DELETE FROM sessions",
        "DELETE FROM session_events",
        "UPDATE session_events SET kind = 'held'",
    ):
        with pytest.raises(Exception, match=r"never deleted|append-only"):
            db.execute(sql)


def test_a_training_figure_just_under_80_never_reads_80():
    """The figure is judged and shown unrounded: 1,999 of 2,500 reads 79.96%, failing."""
    from launchtui.text import numbers

    today = LAUNCH + dt.timedelta(days=3)
    criterion = s.training_criterion([s.GroupTraining(1, "Core", 2500, 1999)], today)
    assert not criterion.ok
    assert numbers.percent(criterion.value) == "79.96%"


@pytest.mark.parametrize(
    ("headcount", "share", "people"),
    [(40, 15, 6), (25, 15, 4), (25, 10, 3), (25, 30, 8), (1, 10, 1), (None, 15, None)],
)
def test_a_groups_size_is_whole_people_half_up(headcount, share, people):
    """One count for training ("4 of 4 attended") and ROI ("4 people"): 3.75 is 4, 2.5 is 3."""
    phase = Phase(1, "p", "g", share, 0, 13)
    assert phase.people(headcount) == people
