"""`AdoptionService`: the gate fed from the store, figures, overrides and the phase plan.

The `workspace` fixture holds the Acme CRM rollout (launch 2026-11-03, phased) with
today pinned to 2026-11-07 (day 4, phase 1) and the user "ana".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from launchtui.domain.clock import Clock
from launchtui.domain.phases import TEMPLATES
from launchtui.domain.plan_edits import plan_changes
from launchtui.services.adoption import AdoptionService
from launchtui.services.issues import IssueService
from launchtui.services.workspace import UserError, Workspace

TODAY = dt.date(2026, 11, 7)


@pytest.fixture
def service(workspace: Workspace) -> AdoptionService:
    return AdoptionService(workspace)


@pytest.fixture
def on_day(workspace: Workspace) -> Iterator:
    """`on_day(date)`: a service over the same database on another day."""
    opened: list[Workspace] = []

    def make(day: dt.date) -> AdoptionService:
        settings = dataclasses.replace(workspace.settings, clock=Clock(day))
        ws = Workspace(settings)
        opened.append(ws)
        return AdoptionService(ws)

    yield make
    for ws in opened:
        ws.close()


def good(service: AdoptionService, **more) -> None:
    service.record(active=80, satisfaction=7, nps=1, **more)


# -- the gate ----------------------------------------------------------------------------


def test_without_figures_the_gate_watches(service: AdoptionService):
    gate = service.gate()
    assert gate.state == "watch"
    assert gate.criteria[0].name == "active use: Pilot users and volunteers"


def test_good_figures_open_the_gate(service: AdoptionService):
    good(service)
    assert service.gate().state == "go"


def test_the_gate_asks_the_store_only_for_unresolved_major_and_critical_issues(
    service: AdoptionService, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
):
    issues = IssueService(workspace)
    for n in range(30):
        issues.add(f"typo {n}", "minor")
    good(service)
    asked: list[tuple[str, str]] = []
    log = workspace.store.issues

    def spying(name: str):
        real = getattr(log, name)

        def spy(severity: str):
            asked.append((name, severity))
            return real(severity)

        return spy

    for name in ("oldest_unresolved", "count_unresolved"):
        monkeypatch.setattr(log, name, spying(name))
    monkeypatch.setattr(log, "list", lambda *a, **k: pytest.fail("no list"))
    assert service.gate().state == "go"  # 30 minor issues: no pause
    # Counted per severity; with none unresolved there is no oldest to read.
    assert sorted(asked) == [("count_unresolved", "critical"), ("count_unresolved", "major")]


def test_major_pauses_critical_rolls_back_resolved_does_neither(
    service: AdoptionService, workspace: Workspace
):
    issues = IssueService(workspace)
    good(service)
    major = issues.add("Slow search", "major")
    assert service.gate().state == "pause"
    critical = issues.add("Data loss", "critical")
    gate = service.gate()
    assert gate.state == "rollback"
    assert f"#{critical.id}" in gate.sentence and "Data loss" in gate.sentence
    issues.resolve(critical.id)
    assert service.gate().state == "pause"
    issues.workaround(major.id, "use the old search")
    assert service.gate().state == "pause"  # worked around is not resolved
    issues.resolve(major.id)
    assert service.gate().state == "go"


def test_a_group_past_its_four_weeks_below_80_pauses(service: AdoptionService, on_day):
    service.record(active=70, satisfaction=8, nps=5)
    late = on_day(dt.date(2026, 12, 2))  # phase 1's deadline was 1 Dec
    late.record(phase=1, active=75, satisfaction=8, nps=5)
    assert late.gate().state == "pause"


# -- figures -----------------------------------------------------------------------------


def test_record_defaults_to_the_current_phase_and_today(service: AdoptionService, workspace):
    saved = service.record(active="81%", daily=40, old="35")
    assert (saved.phase, saved.date) == (1, TODAY)
    assert (saved.active_weekly, saved.active_daily, saved.old_system) == (81.0, 40.0, 35.0)
    assert saved.recorded_by == workspace.actor
    assert saved.id is not None
    assert service.figures() == [saved]


def test_record_before_launch_goes_to_phase_1(on_day):
    early = on_day(dt.date(2026, 10, 30))
    assert early.record(active=10).phase == 1


def test_record_after_the_last_phase_goes_to_the_last(on_day):
    after = on_day(dt.date(2027, 3, 1))
    assert after.record(old_system=5).phase == 4


def test_record_in_a_later_phase_goes_to_it(on_day):
    assert on_day(dt.date(2026, 11, 20)).record(active=50).phase == 2


def test_record_a_given_phase_and_date(service: AdoptionService):
    saved = service.record(phase=3, date=dt.date(2026, 11, 1), nps=-4, tickets=3)
    assert (saved.phase, saved.date, saved.nps, saved.tickets) == (3, dt.date(2026, 11, 1), -4, 3)
    assert service.figures(3) == [saved]
    assert service.figures(1) == []


NOV_8 = dt.date(2026, 11, 8)


@pytest.mark.parametrize(
    ("phase", "date", "figures", "message"),
    [
        (None, None, {"active": 120}, "active_weekly: 120 is not between 0 and 100"),
        (None, None, {"active": 80, "nps": 200}, "nps: 200 is not between -100 and 100"),
        (None, None, {"active": 80, "nps": 1.5}, "nps: 1.5 is not a whole number"),
        (None, None, {"satisfaction": "10,5"}, "satisfaction: 10,5 is not between 0 and 10"),
        (None, None, {"active": "lots"}, "active_weekly: lots is not a number"),
        (None, None, {"active": None, "nps": ""}, "no figure given"),
        (None, None, {}, "no figure given"),
        (None, None, {"mood": 3}, "mood: not a figure"),
        (None, None, {"Phase": 2, "active": 80}, "give the phase and the date as arguments"),
        (None, NOV_8, {"active": 80}, "date: 2026-11-08 lies in the future"),
        (9, None, {"active": 80}, "there is no phase 9; the plan has phases 1, 2, 3, 4"),
        (0, None, {"active": 80}, "there is no phase 0"),
    ],
)
def test_record_refuses_with_the_field_named(
    service: AdoptionService, phase, date, figures, message
):
    with pytest.raises(UserError) as error:
        service.record(phase, date, **figures)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert service.figures() == []


def test_a_control_character_in_a_figure_is_not_echoed_raw(service: AdoptionService):
    with pytest.raises(UserError) as error:
        service.record(active="8\x1b[2J0")
    assert "\x1b" not in str(error.value)


def test_figures_of_an_unknown_phase(service: AdoptionService):
    with pytest.raises(UserError, match="there is no phase 7"):
        service.figures(7)


# -- import ------------------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "survey.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_saves_good_rows_and_reports_bad_ones_by_line(service: AdoptionService, tmp_path):
    path = write(
        tmp_path,
        "date,phase,active,nps,email\n"
        "2026-11-05,1,85,10,a@example.org\n"
        "2026-11-05,4,90,,b@example.org\n"
        "2026-11-06,12,85,10,c@example.org\n"
        "2026-11-06,1,85,900,d@example.org\n"
        "2026-11-06,2,85,,e@example.org\n",
    )
    saved, errors = service.import_csv(path)
    assert saved == 3
    assert errors == [
        f"{path}:4: phase: there is no phase 12; the plan has phases 1, 2, 3, 4",
        f"{path}:5: nps: 900 is not between -100 and 100",
    ]
    assert [(f.phase, f.date.day) for f in service.figures()] == [(1, 5), (4, 5), (2, 6)]


def test_import_rows_without_a_phase_take_the_given_or_current_one(
    service: AdoptionService, tmp_path
):
    path = write(tmp_path, "active,satisfaction\n81,7\n")
    assert service.import_csv(path) == (1, [])
    assert service.import_csv(path, phase=2) == (1, [])
    assert [(f.phase, f.date) for f in service.figures()] == [(1, TODAY), (2, TODAY)]


def test_import_with_only_bad_rows_saves_nothing(service: AdoptionService, tmp_path):
    path = write(tmp_path, "active\n101\n-1\n")
    saved, errors = service.import_csv(path)
    assert saved == 0
    assert [e.split(": ")[0] for e in errors] == [f"{path}:2", f"{path}:3"]
    assert service.figures() == []


def test_import_of_a_header_that_names_no_figure(service: AdoptionService, tmp_path):
    path = write(tmp_path, "name,email\nana,a@example.org\n")
    saved, errors = service.import_csv(path)
    assert saved == 0
    assert len(errors) == 1 and errors[0].startswith(f"{path}:1: no column names a figure")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.csv", "No such file or directory"),
        (lambda tmp: tmp, "Is a directory"),
        (lambda tmp: _bytes(tmp, b"active\n\xff\xfe81\n"), "not UTF-8 text"),
    ],
)
def test_a_file_that_cannot_be_read_names_the_file(
    service: AdoptionService, tmp_path, make, message
):
    path = make(tmp_path)
    with pytest.raises(UserError) as error:
        service.import_csv(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


def _bytes(folder: Path, data: bytes) -> Path:
    path = folder / "latin.csv"
    path.write_bytes(data)
    return path


# -- overrides ---------------------------------------------------------------------------


def test_hold_and_lift(service: AdoptionService):
    good(service)
    hold = service.hold("  waiting for the vendor ")
    assert (hold.kind, hold.reason) == ("hold", "waiting for the vendor")
    assert service.override() == hold
    gate = service.gate()
    assert (gate.state, gate.computed_state, gate.override) == ("pause", "go", hold)
    assert "waiting for the vendor" in gate.sentence
    lift = service.lift("vendor is back")
    assert (lift.kind, lift.reason) == ("lift", "vendor is back")
    assert service.override() is None
    assert service.gate().state == "go"
    assert [o.kind for o in service.override_history()] == ["hold", "lift"]
    with pytest.raises(UserError, match="nothing to lift"):
        service.lift("again")
    service.hold("vendor")
    with pytest.raises(UserError, match="needs a reason"):
        service.lift("  ")
    assert service.override() is not None


def test_go_never_beats_a_critical_issue(service: AdoptionService, workspace: Workspace):
    IssueService(workspace).add("Slow search", "major")
    service.go("board accepts the risk")
    assert service.gate().state == "go"
    IssueService(workspace).add("Data loss", "critical")
    assert service.gate().state == "rollback"


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_overrides_need_a_reason(service: AdoptionService, reason):
    for action in (service.hold, service.go):
        with pytest.raises(UserError, match="needs a reason"):
            action(reason)
    assert service.override_history() == []


def test_an_overlong_reason_is_refused(service: AdoptionService):
    with pytest.raises(UserError, match="at most 2,000"):
        service.hold("x" * 2001)
    service.hold("x")
    with pytest.raises(UserError, match="at most 2,000"):
        service.lift("x" * 2001)


# -- the phase plan ----------------------------------------------------------------------


def test_the_plan_starts_as_the_template(service: AdoptionService):
    assert service.plan() == TEMPLATES["phased"] == service.template_plan()
    assert service.plan_history() == []


def test_moving_a_start_moves_the_end_before_it(service: AdoptionService, workspace: Workspace):
    plan = service.edit_phase(2, start=4, reason="core team is ready")
    assert [(p.start, p.end) for p in plan.phases] == [(0, 3), (4, 27), (28, 41), (42, 55)]
    assert service.plan() == plan
    assert workspace.status().phase.number == 2
    assert service.current_phase().number == 2
    (revision,) = service.plan_history()
    assert (revision.plan, revision.reason, revision.actor) == (
        plan,
        "core team is ready",
        workspace.actor,
    )


def test_moving_an_end_moves_the_start_after_it(service: AdoptionService):
    plan = service.edit_phase(3, end="D+48")
    assert [(p.start, p.end) for p in plan.phases[2:]] == [(28, 48), (49, 55)]
    plan = service.edit_phase(4, end=dt.date(2027, 1, 31))
    assert plan.phases[3].end == 89  # the last phase has nobody after it


def test_names_groups_and_shares(service: AdoptionService):
    plan = service.edit_phase(2, name="  Sales\nteam ", group="Sales", share="40%")
    phase = plan.phase(2)
    assert (phase.name, phase.group, phase.share) == ("Sales team", "Sales", 40)
    assert (phase.start, phase.end) == (14, 27)


def test_history_keeps_every_version(service: AdoptionService):
    first = service.edit_phase(2, start=7)
    second = service.edit_phase(2, name="Core")
    assert [r.plan for r in service.plan_history()] == [first, second]
    assert plan_changes(TEMPLATES["phased"], first) == [
        "phase 1 end: day 13 -> 6",
        "phase 2 start: day 14 -> 7",
    ]
    assert plan_changes(first, second) == ['phase 2 name: "Core team" -> "Core"']


@pytest.mark.parametrize(
    ("number", "changes", "message"),
    [
        (9, {"name": "X"}, "there is no phase 9"),
        (2, {}, "nothing to change"),
        (2, {"name": "Core team"}, "already reads so"),
        (2, {"name": ""}, "name must not be empty"),
        (2, {"group": "x" * 61}, "at most 60 fit"),
        (2, {"share": 0}, "share: 0 is not between 1 and 100"),
        (2, {"share": "half"}, "is not a whole percentage"),
        (2, {"start": -1}, "day -1 is outside the rollout"),
        (2, {"start": "2026-10-01"}, "outside the rollout"),
        (2, {"start": "2026-02-30"}, "is not a day from launch"),
        (2, {"end": 9999}, "outside the rollout"),
        (2, {"start": 30}, "phase 2 would end on day 27, before it starts (day 30)"),
        (2, {"start": 0}, "phase 2 cannot start on day 0"),
        (3, {"end": 55}, "phase 3 cannot end on day 55"),
        (1, {"start": 1}, "phase 1 is the first"),
        (2, {"name": "X", "reason": "r" * 2001}, "at most 2,000"),
    ],
)
def test_edit_phase_refuses(service: AdoptionService, number, changes, message):
    with pytest.raises(UserError) as error:
        service.edit_phase(number, **changes)
    assert message in str(error.value)
    assert service.plan_history() == []


def test_without_a_rollout_the_service_asks_for_init(tmp_path: Path, settings):
    ws = Workspace(dataclasses.replace(settings, db_path=tmp_path / "empty.db"))
    try:
        empty = AdoptionService(ws)
        for action in (empty.gate, empty.figures, empty.plan, lambda: empty.hold("x")):
            with pytest.raises(UserError, match="holds no rollout yet"):
                action()
    finally:
        ws.close()
