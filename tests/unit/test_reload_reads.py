"""What a reload reads, counted: the gate counts the unresolved issues once with the panel,
the training figure loads no session and asks the clock once, and a session change reads
the other sessions only when it is a move (and then only those it could overlap)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from launchtui.domain import sessions as rules
from launchtui.services.adoption import AdoptionService
from launchtui.services.issues import IssueService
from launchtui.services.locations import LocationService
from launchtui.services.sessions import SessionService, training_criterion
from launchtui.services.workspace import UserError, Workspace
from launchtui.store import session_log

TODAY = dt.date(2026, 11, 7)  # the `workspace` fixture's day: day 4 of phase 1


@contextmanager
def statements(ws: Workspace) -> Iterator[list[str]]:
    """Every SQL statement the workspace's connection runs meanwhile."""
    said: list[str] = []
    conn = ws.store.db.conn
    conn.set_trace_callback(said.append)
    try:
        yield said
    finally:
        conn.set_trace_callback(None)


def issue_counts(said: list[str]) -> list[str]:
    return [sql for sql in said if sql.startswith("SELECT count(*) FROM issues WHERE severity")]


@pytest.fixture
def trained(workspace: Workspace) -> Workspace:
    """Two held trainings of phase 1 (12 and 5 came), one planned, one cancelled; 40 people."""
    LocationService(workspace).save("Amsterdam", "Europe/Amsterdam", "ana")
    service = SessionService(workspace)
    service.set_headcount(40)
    for day, came in ((dt.date(2026, 10, 30), 12), (dt.date(2026, 11, 2), 5)):
        held = service.add("training", "Amsterdam", day, "10:00", phase=1, host=f"host {came}")
        service.held(held.id, came)
    service.add("training", "Amsterdam", dt.date(2026, 11, 20), "10:00", phase=2)
    cancelled = service.add("training", "Amsterdam", dt.date(2026, 11, 20), "14:00", phase=3)
    service.cancel(cancelled.id)
    return workspace


# -- the gate and the panel: one count -----------------------------------------------


def test_given_the_panels_counts_the_gate_counts_nothing_again(workspace: Workspace):
    issues = IssueService(workspace)
    for n in range(3):
        issues.add(f"slow {n}", "major")
    issues.add("typo", "minor")
    service = AdoptionService(workspace)
    alone = service.gate()
    with statements(workspace) as said:
        counts = workspace.store.issues.open_counts()
        shared = service.gate(open_issues=counts)
    assert len(issue_counts(said)) == 3  # one per severity, for both
    assert counts == {"minor": 1, "major": 3, "critical": 0}
    assert (shared.state, shared.sentence, shared.criteria) == (
        alone.state,
        alone.sentence,
        alone.criteria,
    )
    assert "slow 0" in shared.sentence and "+2" in shared.sentence


def test_the_gate_reads_no_oldest_issue_of_a_severity_none_is_open(workspace: Workspace):
    IssueService(workspace).add("typo", "minor")
    with statements(workspace) as said:
        AdoptionService(workspace).gate(open_issues=workspace.store.issues.open_counts())
    assert not [sql for sql in said if "FROM issues" in sql and "count(*)" not in sql]


# -- the training figure: one read, one day -----------------------------------------------


def test_the_training_figure_loads_no_session(trained: Workspace, monkeypatch):
    built: list[object] = []
    real = session_log._session
    monkeypatch.setattr(session_log, "_session", lambda row: built.append(row) or real(row))
    rollout = trained.rollout()
    with statements(trained) as said:
        criterion = training_criterion(trained, rollout)
    assert built == []
    assert len([sql for sql in said if "FROM sessions" in sql]) == 1
    sessions = trained.store.sessions.all()
    groups = rules.group_trainings(rollout.plan, rollout.launch, 40, sessions, TODAY)
    assert criterion == rules.training_criterion(groups, TODAY)
    assert groups[0].attended == 17 and criterion.value is not None


def test_no_training_planned_reads_as_none(workspace: Workspace):
    LocationService(workspace).save("Amsterdam", "Europe/Amsterdam", "ana")
    service = SessionService(workspace)
    service.cancel(service.add("training", "Amsterdam", dt.date(2026, 11, 20), "10:00").id)
    service.add("office-hour", "Amsterdam", dt.date(2026, 11, 20), "14:00")
    assert workspace.store.sessions.training_attendance() is None
    assert training_criterion(workspace, workspace.rollout()) is None


def test_a_gate_across_midnight_judges_one_day(trained: Workspace, monkeypatch):
    """The clock is asked once per gate: the training figure is of the gate's own day,
    even when the day turns while the gate is being read."""
    days = iter([TODAY, TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=2)])
    asked: list[dt.date] = []

    def today() -> dt.date:
        asked.append(next(days))
        return asked[-1]

    monkeypatch.setattr(trained, "today", today)
    gate = AdoptionService(trained).gate(trained.rollout())
    assert asked == [TODAY]
    (training,) = [c for c in gate.criteria if c.kind == "training"]
    assert training.as_of == TODAY


def test_a_gate_given_the_day_asks_no_clock(trained: Workspace, monkeypatch):
    monkeypatch.setattr(trained, "today", lambda: pytest.fail("asked the clock"))
    AdoptionService(trained).gate(trained.rollout(), today=TODAY)


# -- a session change reads only what it needs -----------------------------------------


def reads_of_sessions(said: list[str]) -> list[str]:
    return [sql for sql in said if sql.startswith("SELECT") and "FROM sessions" in sql]


def test_cancel_and_held_read_only_their_own_session(trained: Workspace):
    service = SessionService(trained)
    planned = service.add("training", "Amsterdam", dt.date(2026, 11, 6), "10:00", phase=2)
    later = service.add("training", "Amsterdam", dt.date(2026, 11, 25), "10:00", phase=3)
    for change in (lambda: service.held(planned.id, 3), lambda: service.cancel(later.id)):
        with statements(trained) as said:
            change()
        reads = reads_of_sessions(said)
        assert reads and all(" WHERE id = " in sql for sql in reads), reads


@pytest.fixture
def two_zones(workspace: Workspace) -> SessionService:
    locations = LocationService(workspace)
    locations.save("Amsterdam", "Europe/Amsterdam", "ana")  # UTC+1 in November
    locations.save("London", "Europe/London", "ana")  # UTC+0
    return SessionService(workspace)


def test_a_move_refuses_a_double_booking_by_the_instant(two_zones: SessionService):
    # 10:00 in Amsterdam is 09:00 UTC, to 10:30 UTC.
    two_zones.add("training", "Amsterdam", dt.date(2026, 11, 20), "10:00")
    london = two_zones.add("office-hour", "London", dt.date(2026, 11, 23), "10:00")
    for at in ("09:00", "10:00", "10:29"):  # London wall time = UTC: inside the training
        with pytest.raises(UserError, match="would host two sessions at once"):
            two_zones.move(london.id, dt.date(2026, 11, 20), at)
    moved = two_zones.move(london.id, dt.date(2026, 11, 20), "10:30")  # as it ends
    assert moved.start_utc == dt.datetime(2026, 11, 20, 10, 30, tzinfo=dt.UTC)
    # 08:00 London ends 09:00 UTC, as the training starts: no clash either.
    assert two_zones.move(london.id, dt.date(2026, 11, 20), "08:00").status == "planned"


def test_a_move_reads_only_the_sessions_it_could_overlap(two_zones: SessionService):
    ws = two_zones.workspace
    long = two_zones.add("training", "London", dt.date(2026, 11, 20), "02:00", minutes=480)
    far = two_zones.add("training", "London", dt.date(2026, 12, 20), "10:00")
    cancelled = two_zones.add("training", "London", dt.date(2026, 11, 20), "09:30", host="bo")
    two_zones.cancel(cancelled.id)
    moving = two_zones.add("office-hour", "Amsterdam", dt.date(2026, 11, 25), "10:00")
    seen: list[list[int | None]] = []
    real = ws.store.sessions.around

    def around(session):
        found = real(session)
        seen.append([s.id for s in found])
        return found

    ws.store.sessions.around = around  # type: ignore[method-assign]
    # 10:00 in Amsterdam is 09:00 UTC: inside the 8-hour training (02:00-10:00 UTC).
    with pytest.raises(UserError, match="would host two sessions at once"):
        two_zones.move(moving.id, dt.date(2026, 11, 20), "10:00")
    assert seen == [[long.id]]  # neither the far one nor the cancelled one
    assert far.id not in seen[0]


def test_the_event_fields_stay_as_they_were(two_zones: SessionService):
    """One field list now: the events' JSON is what it was, key for key."""
    added = two_zones.add("training", "London", dt.date(2026, 11, 20), "10:00", place="Room 1")
    two_zones.move(added.id, dt.date(2026, 11, 21), "11:00")
    two_zones.cancel(added.id)
    db = two_zones.workspace.store.db
    changes = [r[0] for r in db.execute("SELECT changes FROM session_events ORDER BY id")]
    assert changes == [
        '{"phase": 3, "location": "London", "kind": "training", "start": "2026-11-20T10:00",'
        ' "tz": "Europe/London", "minutes": 90, "host": "ana", "place": "Room 1"}',
        '{"start": "2026-11-21T11:00"}',
        '{"status": "cancelled"}',
    ]


def test_a_held_change_still_sees_its_session_as_it_stands(trained: Workspace):
    service = SessionService(trained)
    planned = service.add("office-hour", "Amsterdam", dt.date(2026, 11, 6), "10:00")
    service.cancel(planned.id)
    with pytest.raises(UserError, match="cancelled"):
        service.held(planned.id, 3)
    assert service.get(planned.id).status == "cancelled"
