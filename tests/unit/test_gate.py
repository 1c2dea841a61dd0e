"""The adoption gate as a pure function: every boundary of every rule, table by table."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from launchtui.domain.gate import (
    Criterion,
    Gate,
    OpenIssue,
    Override,
    evaluate,
    new_override,
    standing_override,
)
from launchtui.domain.metrics import Figures
from launchtui.domain.phases import TEMPLATES, Phase, PhasePlan
from launchtui.domain.rollout import Actor

LAUNCH = dt.date(2026, 11, 3)  # a Tuesday; the pilot group's 4 weeks end on 1 Dec (day 28)
DEADLINE = dt.date(2026, 12, 1)
ANA = Actor("ana", "ana")
ROB = Actor("rob", "rsmith")

# One group from launch day to day 41, then the old system off (days 42-48).
PLAN = PhasePlan(
    "test",
    (
        Phase(1, "Pilot", "Pilot group", 20, 0, 41),
        Phase(2, "Old system off", "Everyone", 100, 42, 48, decommission=True),
    ),
)
PHASED = TEMPLATES["phased"]


def on(day: int) -> dt.date:
    """The date `day` days after launch."""
    return LAUNCH + dt.timedelta(days=day)


def good(date: dt.date, phase: int = 1, **changes) -> Figures:
    """Figures that pass every criterion, with `changes` applied."""
    base = Figures(phase=phase, date=date, active_weekly=85.0, satisfaction=8.0, nps=20)
    return replace(base, **changes)


def gate(figures, today: dt.date, issues=(), override=None, plan=PLAN, now=None) -> Gate:
    return evaluate(plan, LAUNCH, figures, issues, today, override=override, now=now)


def criterion(result: Gate, name: str) -> Criterion:
    return next(c for c in result.criteria if c.name == name)


def issue(number: int, severity: str, title: str = "something broke", hours: int = 3) -> OpenIssue:
    opened = dt.datetime(2026, 11, 13, 9, 0, tzinfo=dt.UTC) - dt.timedelta(hours=hours)
    return OpenIssue(number, severity, title, opened)


NOW = dt.datetime(2026, 11, 13, 9, 0, tzinfo=dt.UTC)  # day 10


# -- active use: 79.9 vs 80, day 28 vs 29 ------------------------------------------------


@pytest.mark.parametrize(
    ("active", "day", "state", "ok", "days_left"),
    [
        (79.9, 10, "watch", False, 18),
        (80.0, 10, "go", True, 18),
        (100.0, 10, "go", True, 18),
        (0.0, 10, "watch", False, 18),
        (79.9, 28, "watch", False, 0),  # day 28 is still within the 4 weeks
        (79.9, 29, "pause", False, -1),  # day 29: past them, below 80%
        (80.0, 28, "go", True, 0),
        (80.0, 29, "go", True, -1),
        (50.0, 40, "pause", False, -12),
    ],
)
def test_active_use_boundaries(active, day, state, ok, days_left):
    result = gate([good(on(day), active_weekly=active)], on(day))
    c = criterion(result, "active use: Pilot group")
    assert (result.state, c.ok, c.days_left) == (state, ok, days_left)
    assert c.value == active
    assert c.threshold == ">= 80%"
    assert c.deadline == DEADLINE
    assert not c.advisory


def test_watch_sentence_says_value_need_deadline_and_days_left():
    result = gate([good(on(19), active_weekly=71)], on(19))
    assert result.sentence == "Pilot group: active use 71%, needs 80% by 1 Dec: 9 days left"


def test_on_the_deadline_the_sentence_says_last_day():
    result = gate([good(on(28), active_weekly=79.9)], on(28))
    assert result.sentence == "Pilot group: active use 79.9%, needs 80% by 1 Dec: last day"


def test_pause_sentence_names_the_group_and_the_passed_deadline():
    result = gate([good(on(29), active_weekly=74)], on(29))
    assert result.state == "pause"
    assert "Pilot group: active use 74%" in result.sentence
    assert "4-week deadline passed on 1 Dec" in result.sentence


def test_each_group_has_its_own_four_weeks():
    # Phased template: core team starts on day 14, so its deadline is day 42 (15 Dec).
    today = on(30)
    figures = [
        good(on(30), phase=1, active_weekly=90),
        good(on(30), phase=2, active_weekly=60),
        good(on(30), phase=3, active_weekly=10),
    ]
    result = gate(figures, today, plan=PHASED)
    names = [c.name for c in result.criteria if c.deadline]
    assert names == [
        "active use: Pilot users and volunteers",
        "active use: Core team",
        "active use: Everyone else",  # started on day 28
    ]
    core = criterion(result, "active use: Core team")
    assert (core.deadline, core.days_left, core.ok) == (dt.date(2026, 12, 15), 12, False)
    assert result.state == "watch"  # both laggards are within their own 4 weeks
    assert result.sentence.startswith("Core team: active use 60%, needs 80% by 15 Dec")
    assert "(+1 more criterion not met)" in result.sentence


def test_groups_not_started_yet_are_not_judged():
    result = gate([good(on(13), phase=1)], on(13), plan=PHASED)
    assert [c.name for c in result.criteria if c.deadline] == [
        "active use: Pilot users and volunteers"
    ]
    assert result.state == "go"


def test_several_groups_past_their_deadline_pause_with_the_first_named():
    figures = [
        good(on(43), phase=1, active_weekly=70),
        good(on(43), phase=2, active_weekly=75),
    ]
    result = gate(figures, on(43), plan=PHASED)
    assert result.state == "pause"
    assert result.sentence.startswith("Pilot users and volunteers: active use 70%")
    assert result.sentence.endswith("(+1 more group)")


# -- satisfaction and NPS ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("satisfaction", "state", "ok"),
    [
        (6.9, "watch", False),
        (7.0, "go", True),
        (7, "go", True),
        (10, "go", True),
        (0, "watch", False),
    ],
)
def test_satisfaction_boundary(satisfaction, state, ok):
    result = gate([good(on(10), satisfaction=satisfaction)], on(10))
    c = criterion(result, "satisfaction")
    assert (result.state, c.ok, c.value, c.threshold) == (state, ok, satisfaction, ">= 7/10")


@pytest.mark.parametrize(
    ("nps", "state", "ok"),
    [(0, "watch", False), (1, "go", True), (-1, "watch", False), (100, "go", True)],
)
def test_nps_boundary(nps, state, ok):
    result = gate([good(on(10), nps=nps)], on(10))
    c = criterion(result, "NPS")
    assert (result.state, c.ok, c.value, c.threshold) == (state, ok, nps, "> 0")


def test_low_satisfaction_never_pauses_on_its_own():
    result = gate([good(on(35), satisfaction=2.0, nps=-50)], on(35))
    assert result.state == "watch"
    assert "satisfaction 2/10" in result.sentence


def test_satisfaction_and_nps_come_from_the_latest_figure_that_has_them():
    figures = [
        good(on(5), satisfaction=6.0, nps=-3),
        good(on(9), satisfaction=None, nps=None),  # a week without a survey
        good(on(8), satisfaction=7.5, nps=4),
    ]
    result = gate(figures, on(10))
    assert criterion(result, "satisfaction").value == 7.5
    assert criterion(result, "NPS").value == 4
    assert result.state == "go"


# -- freshness: 14 vs 15 days old --------------------------------------------------------


@pytest.mark.parametrize(("age", "state"), [(0, "go"), (14, "go"), (15, "watch")])
def test_figures_older_than_two_weeks_count_as_missing(age, state):
    today = on(20)
    result = gate([good(today - dt.timedelta(days=age))], today)
    assert result.state == state
    if state == "watch":
        assert all(c.value is None for c in result.criteria)
        assert "too old" in result.sentence


def test_a_stale_figure_past_the_deadline_means_watch_not_pause():
    # 70% would pause, but it is 15 days old: we do not know, so watch and ask for it.
    result = gate([good(on(20), active_weekly=70)], on(35))
    assert result.state == "watch"
    assert "figure is needed" in result.sentence
    assert "deadline passed on 1 Dec" in result.sentence


def test_no_figures_at_all_past_the_deadline_means_watch():
    result = gate([], on(35))
    assert result.state == "watch"
    assert result.sentence.startswith("Pilot group: no active-use figure recorded")
    assert "figure is needed" in result.sentence


def test_no_figures_within_the_deadline_says_what_is_needed():
    result = gate([], on(3))
    assert result.state == "watch"
    assert result.sentence.startswith(
        "Pilot group: no active-use figure recorded; needs 80% by 1 Dec: 25 days left"
    )


def test_figures_dated_after_today_do_not_count():
    figures = [good(on(10)), good(on(12), active_weekly=10)]
    assert gate(figures, on(10)).state == "go"
    assert gate(figures, on(12)).state == "watch"


# -- the latest figure counts ------------------------------------------------------------


def test_the_latest_figure_of_a_group_counts_not_the_best():
    figures = [good(on(9), active_weekly=70), good(on(2), active_weekly=90)]
    result = gate(figures, on(10))
    assert criterion(result, "active use: Pilot group").value == 70


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (good(on(9), active_weekly=70, id=1), good(on(9), active_weekly=90, id=2), 90),
        (good(on(9), active_weekly=90, id=2), good(on(9), active_weekly=70, id=1), 90),
        (good(on(9), active_weekly=70), good(on(9), active_weekly=90), 90),  # given order
    ],
)
def test_same_date_the_latest_recorded_wins(first, second, expected):
    result = gate([first, second], on(10))
    assert criterion(result, "active use: Pilot group").value == expected


def test_figures_of_another_group_do_not_count_for_this_one():
    result = gate([good(on(9), phase=2)], on(10))
    assert criterion(result, "active use: Pilot group").value is None


# -- issues: contingency first -----------------------------------------------------------


@pytest.mark.parametrize(
    ("severities", "state"),
    [
        ((), "go"),
        (("minor",), "go"),
        (("major",), "pause"),
        (("critical",), "rollback"),
        (("minor", "major", "critical"), "rollback"),
        (("major", "minor"), "pause"),
    ],
)
def test_open_issues_decide_first(severities, state):
    issues = [issue(n, severity) for n, severity in enumerate(severities, start=1)]
    assert gate([good(on(10))], on(10), issues=issues).state == state


def test_a_resolved_critical_issue_is_not_passed_and_does_not_roll_back():
    open_ = [issue(12, "critical")]
    assert gate([good(on(10))], on(10), issues=open_).state == "rollback"
    assert gate([good(on(10))], on(10), issues=[]).state == "go"  # resolved: no longer open


def test_rollback_sentence_names_the_issue_and_its_age():
    issues = [issue(12, "critical", "orders lost on sync", hours=3)]
    result = gate([good(on(10))], on(10), issues=issues, now=NOW)
    assert result.sentence == 'critical issue #12 open 3 h: "orders lost on sync"'


def test_pause_sentence_for_a_major_issue_counts_days_and_others():
    issues = [
        issue(9, "major", "later one", hours=5),
        issue(7, "major", "SSO fails for Paramaribo office", hours=50),
    ]
    result = gate([good(on(10))], on(10), issues=issues, now=NOW)
    assert result.state == "pause"
    assert result.sentence == (
        'major issue #7 open 2 days: "SSO fails for Paramaribo office" (+1 more major)'
    )


def test_issue_age_without_now_is_counted_in_days():
    result = gate([good(on(10))], on(10), issues=[issue(3, "critical", hours=24 * 4)])
    assert "#3 open 4 days" in result.sentence


def test_a_long_title_is_cut_in_the_sentence():
    result = gate([good(on(10))], on(10), issues=[issue(1, "critical", "x" * 500)], now=NOW)
    assert len(result.sentence) < 120
    assert result.sentence.endswith('…"')


def test_a_major_issue_pauses_even_when_every_criterion_holds():
    result = gate([good(on(10))], on(10), issues=[issue(1, "major")])
    assert result.state == "pause"
    assert all(c.ok for c in result.criteria if not c.advisory)


# -- overrides ---------------------------------------------------------------------------

HOLD = Override("hold", "waiting on vendor patch", ANA, dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC))
GO = Override("go", "board accepted the risk", ROB, dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC))


@pytest.mark.parametrize(
    ("figures", "issues", "override", "state", "computed"),
    [
        ([good(on(30))], [], None, "go", "go"),
        ([good(on(30))], [], HOLD, "pause", "go"),
        ([good(on(30), nps=0)], [], HOLD, "pause", "watch"),
        ([good(on(30), nps=0)], [], GO, "go", "watch"),
        ([good(on(30), active_weekly=70)], [], GO, "go", "pause"),  # past the deadline
        ([good(on(30))], [issue(1, "major")], GO, "go", "pause"),
        ([good(on(30))], [issue(1, "critical")], GO, "rollback", "rollback"),  # never
        ([good(on(30))], [issue(1, "critical")], HOLD, "rollback", "rollback"),
        ([good(on(30))], [], GO, "go", "go"),
    ],
)
def test_overrides(figures, issues, override, state, computed):
    result = gate(figures, on(30), issues=issues, override=override)
    assert (result.state, result.computed_state, result.override) == (state, computed, override)


def test_a_hold_is_shown_with_who_when_and_why():
    result = gate([good(on(30))], on(30), override=HOLD)
    assert result.sentence.startswith('held by ana 2 Dec: "waiting on vendor patch"')


def test_a_go_override_says_what_it_overrides():
    result = gate([good(on(30), nps=0)], on(30), override=GO)
    assert result.sentence.startswith('go by rob 2 Dec despite watch: "board accepted the risk"')
    assert "NPS +0" in result.sentence


def test_a_go_override_never_beats_an_open_critical_issue():
    issues = [issue(12, "critical", "orders lost on sync")]
    result = gate([good(on(30))], on(30), issues=issues, override=GO)
    assert result.state == "rollback"
    assert result.sentence.startswith('critical issue #12 open 20 days: "orders lost on sync"')
    assert "does not apply" in result.sentence


LIFT = Override("lift", None, ANA, dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC))


@pytest.mark.parametrize(
    ("history", "standing"),
    [
        ([], None),
        ([HOLD], HOLD),
        ([HOLD, LIFT], None),
        ([HOLD, LIFT, GO], GO),
        ([HOLD, GO], GO),  # a new override replaces the one before
        ([LIFT], None),
    ],
)
def test_standing_override(history, standing):
    assert standing_override(history) == standing


def test_set_then_lifted_the_gate_returns_to_the_rules():
    history = [HOLD]
    held = gate([good(on(30))], on(30), override=standing_override(history))
    history.append(LIFT)
    lifted = gate([good(on(30))], on(30), override=standing_override(history))
    assert (held.state, lifted.state) == ("pause", "go")
    assert lifted.override is None
    assert gate([good(on(30))], on(30), override=LIFT).override is None


@pytest.mark.parametrize(
    ("kind", "reason", "message"),
    [
        ("hold", "", "needs a reason"),
        ("go", "   ", "needs a reason"),
        ("hold", None, "needs a reason"),
        ("resume", "x", "unknown override"),
        ("hold", "x" * 2001, "at most 2,000"),
    ],
)
def test_new_override_refuses(kind, reason, message):
    with pytest.raises(ValueError, match=message):
        new_override(kind, reason, ANA, HOLD.at)


def test_new_override_trims_the_reason():
    assert new_override(" Hold ", "  vendor patch ", ANA, HOLD.at).reason == "vendor patch"
    assert new_override(" Hold ", "x", ANA, HOLD.at).kind == "hold"


# -- before launch, decommission, after the end ------------------------------------------


@pytest.mark.parametrize("today", [LAUNCH - dt.timedelta(days=14), LAUNCH - dt.timedelta(days=1)])
def test_before_launch_the_gate_watches_and_says_when_it_starts(today):
    result = gate([], today)
    assert (result.state, result.criteria) == ("watch", ())
    assert result.sentence.startswith("the gate starts on launch day, 3 Nov")


@pytest.mark.parametrize(("severity", "state"), [("critical", "rollback"), ("major", "pause")])
def test_contingency_rules_hold_before_launch_too(severity, state):
    before = LAUNCH - dt.timedelta(days=3)
    result = gate([], before, issues=[issue(5, severity, "backup restore fails")])
    assert result.state == state
    assert result.sentence.startswith(f"{severity} issue #5 open")


def test_on_launch_day_the_first_group_is_judged():
    result = gate([], LAUNCH)
    assert result.criteria[0].name == "active use: Pilot group"
    assert result.criteria[0].days_left == 28


def test_a_plan_whose_first_group_starts_later_waits_for_it():
    late = PhasePlan("x", (Phase(1, "Pilot", "Pilot group", 20, 7, 20),))
    result = gate([], on(3), plan=late)
    assert (result.state, result.criteria) == ("watch", ())
    assert result.sentence == "the gate starts when Pilot group starts, 10 Nov"


@pytest.mark.parametrize(
    ("old_system", "ok", "state"),
    [(20.0, True, "go"), (20.1, False, "watch"), (0.0, True, "go"), (None, False, "watch")],
)
def test_decommission_needs_80_percent_on_the_new_system(old_system, ok, state):
    result = gate([good(on(43), old_system=old_system)], on(43))
    c = criterion(result, "on the new system")
    assert (c.ok, result.state) == (ok, state)
    assert c.value == (None if old_system is None else 100 - old_system)
    assert c.threshold == ">= 80%"


def test_decommission_criterion_only_in_the_decommission_phase():
    result = gate([good(on(41), old_system=50)], on(41))
    assert "on the new system" not in [c.name for c in result.criteria]
    assert result.state == "go"


def test_decommission_groups_are_not_judged_as_groups():
    result = gate([good(on(43), old_system=10)], on(43))
    assert [c.name for c in result.criteria if c.deadline] == ["active use: Pilot group"]


def test_after_the_last_phase_every_group_is_judged():
    today = on(80)  # the phased plan ends on day 55
    figures = [good(today, phase=n, old_system=5) for n in (1, 2, 3)]
    result = gate(figures, today, plan=PHASED)
    assert len([c for c in result.criteria if c.deadline]) == 3
    assert "on the new system" in [c.name for c in result.criteria]
    assert result.state == "go"
    assert result.sentence.endswith("the old system may be switched off")


def test_go_sentence_names_the_figures_and_the_next_phase():
    result = gate([good(on(10), satisfaction=8.1, nps=20)], on(10), plan=PHASED)
    assert result.state == "go"
    assert result.sentence == (
        "every group on track, satisfaction 8.1, NPS +20: may move on to Core team (17 Nov)"
    )


# -- advisory criteria -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("previous", "latest", "ok", "word"),
    [(10, 8, True, "down"), (8, 8, True, "flat"), (8, 9, False, "up")],
)
def test_ticket_trend_is_advisory(previous, latest, ok, word):
    figures = [good(on(3), tickets=previous), good(on(10), tickets=latest)]
    result = gate(figures, on(10))
    c = criterion(result, "support tickets")
    assert (c.ok, c.advisory, c.value) == (ok, True, latest)
    assert word in c.detail
    assert result.state == "go"  # never blocking


def test_one_ticket_count_is_no_trend_yet():
    c = criterion(gate([good(on(10), tickets=4)], on(10)), "support tickets")
    assert (c.ok, c.value) == (False, 4)
    assert "no earlier count" in c.detail


@pytest.mark.parametrize(("training", "ok"), [(79.9, False), (80.0, True), (None, False)])
def test_training_completion_is_advisory(training, ok):
    result = gate([good(on(10), training=training)], on(10))
    c = criterion(result, "training completion")
    assert (c.ok, c.advisory) == (ok, True)
    assert result.state == "go"


# -- the result as JSON ------------------------------------------------------------------


def test_to_json():
    result = gate([good(on(19), active_weekly=71)], on(19), override=HOLD)
    data = result.to_json()
    assert set(data) == {"state", "computed_state", "sentence", "override", "criteria"}
    assert (data["state"], data["computed_state"]) == ("pause", "watch")
    assert data["override"] == {
        "kind": "hold",
        "reason": "waiting on vendor patch",
        "user": "ana",
        "login": "ana",
        "at": "2026-12-02T09:00:00+00:00",
    }
    first = data["criteria"][0]
    assert first == {
        "name": "active use: Pilot group",
        "value": 71,
        "threshold": ">= 80%",
        "ok": False,
        "advisory": False,
        "deadline": "2026-12-01",
        "days_left": 9,
    }
    assert [c["name"] for c in data["criteria"]] == [
        "active use: Pilot group",
        "satisfaction",
        "NPS",
        "support tickets",
        "training completion",
    ]
    assert gate([], on(1)).to_json()["override"] is None
