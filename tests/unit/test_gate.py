"""The adoption gate as a pure function: every boundary of every rule, table by table."""

from __future__ import annotations

import datetime as dt

import pytest

from launchtui.domain.decisions import Decision, already_decided, latest_by_phase
from launchtui.domain.gate import (
    CRITERIA,
    TICKETS,
    TRAINING,
    Criterion,
    Gate,
    OpenIssue,
    Scene,
    criterion_label,
    evaluate,
    judge,
    new_system,
)
from launchtui.domain.groups import judge_adoption, judge_survey
from launchtui.domain.metrics import Figures
from launchtui.domain.overrides import Override, new_lift, new_override, standing_override
from launchtui.domain.phases import TEMPLATES, Phase, PhasePlan
from launchtui.domain.rollout import Actor
from launchtui.text import numbers

LAUNCH = dt.date(2026, 11, 3)  # a Tuesday; the pilot group's window ends on 1 Dec (day 28)
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
PHASED = TEMPLATES["phased"]  # groups start on days 0, 14, 28; decommission 42-55


def on(day: int) -> dt.date:
    """The date `day` days after launch."""
    return LAUNCH + dt.timedelta(days=day)


def good(date: dt.date, phase: int = 1, **changes) -> Figures:
    """Figures that pass every criterion, with `changes` applied."""
    base = Figures(phase=phase, date=date, active_weekly=85.0, satisfaction=8.0, nps=20)
    return base._replace(**changes)


def decided(phase: int, decision: str = "go", day: int = 0, against: bool = False) -> Decision:
    at = dt.datetime.combine(on(day), dt.time(9), tzinfo=dt.UTC)
    return Decision(phase, decision, "the results say so", ANA, at, on(day), "go", against)


def gate(figures, today: dt.date, issues=(), override=None, plan=PLAN, now=None, **kw) -> Gate:
    return evaluate(plan, LAUNCH, figures, issues, today, override=override, now=now, **kw)


def criterion(result: Gate, name: str) -> Criterion:
    found = result.criterion(name)
    assert found is not None, [c.name for c in result.criteria]
    return found


def issue(number: int, severity: str, title: str = "something broke", hours: int = 3) -> OpenIssue:
    opened = dt.datetime(2026, 11, 13, 9, 0, tzinfo=dt.UTC) - dt.timedelta(hours=hours)
    return OpenIssue(number, severity, title, opened)


NOW = dt.datetime(2026, 11, 13, 9, 0, tzinfo=dt.UTC)  # day 10


# -- adoption: the window's boundaries ---------------------------------------------------


@pytest.mark.parametrize(
    ("figure_day", "active", "today", "verdict", "state", "days_left"),
    [
        (10, 79.9, 10, "on-track", "watch", 18),
        (10, 28.0, 10, "needs-work", "watch", 18),  # below the pace (28.57% on day 10)
        (10, 80.0, 10, "met", "go", 18),
        (27, 79.9, 27, "on-track", "watch", 1),  # the pace on day 27 is 77.14%
        (27, 77.0, 27, "needs-work", "watch", 1),
        (28, 79.9, 28, "needs-work", "watch", 0),  # day 28 is the window's last day
        (28, 80.0, 28, "met", "go", 0),  # a figure dated on the last day counts
        (28, 79.9, 29, "missed", "pause", -1),  # day 29: the window is over
        (28, 80.0, 29, "met", "go", -1),
        (29, 95.0, 29, "missed", "pause", -1),  # dated after the window: too late
        (10, 50.0, 40, "missed", "pause", -12),
    ],
)
def test_adoption_window_boundaries(figure_day, active, today, verdict, state, days_left):
    result = gate([good(on(figure_day), active_weekly=active)], on(today))
    c = criterion(result, "active use: Pilot group")
    assert (c.status, result.state, c.days_left) == (verdict, state, days_left)
    assert c.ok == (verdict == "met")
    assert (c.threshold, c.deadline, c.advisory) == (">= 80%", DEADLINE, False)


@pytest.mark.parametrize("today", [29, 35, 56, 200])
def test_no_figure_at_all_misses_the_window_and_pauses(today):
    result = gate([], on(today))
    c = criterion(result, "active use: Pilot group")
    assert (c.status, c.value, result.state) == ("missed", None, "pause")
    assert result.sentence.startswith(
        "Pilot group: missed: no active-use figure by the 4-week deadline, 1 Dec"
    )


def test_low_and_absent_figures_pause_alike():
    low = gate([good(on(20), active_weekly=40)], on(30))
    absent = gate([good(on(20), active_weekly=None)], on(30))
    assert low.state == absent.state == "pause"
    assert criterion(low, "active use: Pilot group").status == "missed"
    assert criterion(absent, "active use: Pilot group").status == "missed"


def test_a_pass_stays_a_pass_when_its_figure_ages():
    figures = [good(on(16), active_weekly=85)]
    for today in (16, 30, 37, 60):
        c = criterion(gate(figures, on(today)), "active use: Pilot group")
        assert (c.status, c.ok, c.value, c.as_of) == ("met", True, 85, on(16))


def test_a_drop_after_a_pass_is_a_warning_not_a_missed_deadline():
    figures = [good(on(16), active_weekly=85), good(on(34), active_weekly=72)]
    result = gate(figures, on(35))
    c = criterion(result, "active use: Pilot group")
    assert (c.status, c.ok, c.value) == ("met", True, 85)
    assert c.warning == "slipping: 72% on 7 Dec"
    assert result.state == "go"
    group = result.groups[0]
    assert group.adoption.slipping is not None and group.adoption.slipping.value == 72


def test_the_first_qualifying_figure_in_the_window_is_the_pass():
    figures = [good(on(5), active_weekly=70), good(on(9), active_weekly=82)]
    result = gate(figures, on(10))
    c = criterion(result, "active use: Pilot group")
    assert (c.value, c.as_of) == (82, on(9))


@pytest.mark.parametrize(
    ("figure_day", "active", "today", "verdict"),
    [
        (7, 20.0, 7, "on-track"),  # pace on day 7: 20%
        (7, 19.9, 7, "needs-work"),
        (14, 40.0, 14, "on-track"),
        (14, 60.0, 29, "missed"),
        (0, 0.0, 0, "on-track"),  # pace on the first day: 0%
    ],
)
def test_on_track_means_at_least_the_pace(figure_day, active, today, verdict):
    phase = PLAN.phases[0]
    own = [good(on(figure_day), active_weekly=active)]
    assert judge_adoption(phase, LAUNCH, own, on(today)).verdict == verdict


@pytest.mark.parametrize(("age", "stale"), [(0, False), (14, False), (15, True)])
def test_a_figure_older_than_14_days_inside_the_window_is_stale(age, stale):
    today = on(20)
    result = gate([good(today - dt.timedelta(days=age), active_weekly=50)], today)
    c = criterion(result, "active use: Pilot group")
    assert (c.stale, c.status) == (stale, "needs-work")
    assert ("measure again" in c.detail) == stale


def test_each_group_has_its_own_window():
    today = on(30)
    figures = [
        good(on(20), phase=1, active_weekly=90),
        good(on(30), phase=2, active_weekly=40),
        good(on(30), phase=3, active_weekly=10),
    ]
    result = gate(figures, today, plan=PHASED, decisions=[decided(2), decided(3)])
    adoption = [c for c in result.criteria if c.kind == "active"]
    assert [(c.name, c.status) for c in adoption] == [
        ("active use: Pilot users and volunteers", "met"),
        ("active use: Core team", "needs-work"),
        ("active use: Everyone else", "on-track"),  # day 2 of its window
    ]
    core = criterion(result, "active use: Core team")
    assert (core.deadline, core.days_left) == (dt.date(2026, 12, 15), 12)
    assert result.state == "watch"
    assert result.sentence.startswith("Core team: active use 40%, needs 80% by 15 Dec")


def test_groups_not_started_yet_are_not_judged():
    result = gate([good(on(13), phase=1)], on(13), plan=PHASED)
    assert [c.name for c in result.criteria if c.kind == "active"] == [
        "active use: Pilot users and volunteers"
    ]
    assert [v.phase for v in result.groups] == [1]


def test_figures_of_another_group_do_not_count_for_this_one():
    result = gate([good(on(9), phase=2)], on(10))
    assert criterion(result, "active use: Pilot group").value is None


def test_figures_dated_after_today_do_not_count():
    figures = [good(on(10), active_weekly=20), good(on(12), active_weekly=90)]
    assert criterion(gate(figures, on(10)), "active use: Pilot group").status == "needs-work"
    assert criterion(gate(figures, on(12)), "active use: Pilot group").status == "met"


# -- surveys per group -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("satisfaction", "nps", "today", "sat", "np", "state"),
    [
        (7.0, 1, 10, "ok", "ok", "go"),
        (6.9, 1, 10, "pending", "ok", "watch"),
        (7.0, 0, 10, "ok", "pending", "watch"),
        (6.9, 1, 29, "failing", "ok", "pause"),  # the window is over: a low survey fails
        (None, None, 28, "pending", "pending", "watch"),
        (None, None, 29, "failing", "failing", "pause"),  # no survey by the window's end
    ],
)
def test_survey_boundaries(satisfaction, nps, today, sat, np, state):
    figure = good(on(min(today, 28)), satisfaction=satisfaction, nps=nps)
    result = gate([figure], on(today))
    got = criterion(result, "satisfaction: Pilot group"), criterion(result, "NPS: Pilot group")
    assert (got[0].status, got[1].status, result.state) == (sat, np, state)
    assert (got[0].threshold, got[1].threshold) == (">= 7/10", "> 0")


def test_two_groups_with_opposite_surveys_are_judged_apart():
    figures = [
        good(on(20), phase=1, satisfaction=9.0, nps=40),
        good(on(20), phase=2, satisfaction=5.0, nps=-10),
        good(on(21), phase=1, satisfaction=9.5, nps=45),  # answered last: must not hide phase 2
    ]
    result = gate(figures, on(21), plan=PHASED, decisions=[decided(2)])
    assert criterion(result, "satisfaction: Pilot users and volunteers").ok
    core = criterion(result, "satisfaction: Core team")
    assert (core.ok, core.value, core.status) == (False, 5.0, "pending")
    assert not criterion(result, "NPS: Core team").ok
    by_phase = {v.phase: v.survey for v in result.groups}
    assert by_phase == {1: "ok", 2: "pending"}
    assert result.state == "watch"


def test_a_groups_latest_survey_counts_not_its_best():
    figures = [good(on(5), satisfaction=9.0), good(on(9), satisfaction=6.0)]
    assert not criterion(gate(figures, on(10)), "satisfaction: Pilot group").ok


def test_a_stale_survey_inside_the_window_asks_for_a_new_one():
    phase = PLAN.phases[0]
    survey = judge_survey("nps", phase, LAUNCH, [good(on(2), nps=30)], on(20))
    assert (survey.verdict, survey.stale) == ("pending", True)


# -- decisions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decided_on", "today", "status", "state"),
    [
        (None, 13, None, "go"),  # core team starts on day 14: no decision needed yet
        (None, 14, "none", "watch"),  # its start date has come without a decision
        (12, 14, "go", "go"),  # decided before the start
        (16, 15, "none", "watch"),  # a decision recorded later is not known yet
        (16, 16, "go", "go"),  # decided after the start date: counts from then
    ],
)
def test_a_phase_due_to_start_needs_a_decision(decided_on, today, status, state):
    figures = [good(on(today), phase=1)]
    if today >= 14:
        figures.append(good(on(today), phase=2, active_weekly=None))
    decisions = [] if decided_on is None else [decided(2, "go", decided_on)]
    result = gate(figures, on(today), plan=PHASED, decisions=decisions)
    found = result.criterion("decision: Core team")
    assert (found.status if found else None) == status
    if state == "go" or status != "none":
        assert "no decision yet" not in result.sentence
    else:
        assert result.sentence.startswith("Core team due to start 17 Nov: no decision yet")
    assert result.state in (state, "watch")  # the core team's own figures may still watch
    if status == "none":
        assert result.state == "watch"


@pytest.mark.parametrize(("decision", "word"), [("hold", "on hold since"), ("stop", "stopped on")])
def test_a_hold_or_stop_pauses_and_its_group_is_not_judged(decision, word):
    result = gate(
        [good(on(15), phase=1)], on(15), plan=PHASED, decisions=[decided(2, decision, 13)]
    )
    assert result.state == "pause"
    assert result.sentence.startswith(f"Core team {word} 16 Nov (ana)")
    assert [v.phase for v in result.groups] == [1]


def test_a_hold_then_a_go_lets_the_group_start():
    decisions = [decided(2, "hold", 12), decided(2, "go", 15)]
    result = gate([good(on(15), phase=1)], on(15), plan=PHASED, decisions=decisions)
    assert criterion(result, "decision: Core team").status == "go"
    assert [v.phase for v in result.groups] == [1, 2]


def test_the_first_phase_starts_with_the_launch_and_needs_no_decision():
    result = gate([good(on(3))], on(3), plan=PHASED)
    assert result.criterion("decision: Early adopters") is None
    assert result.state == "go"


def test_a_go_against_the_gate_is_marked_in_the_criterion():
    result = gate(
        [good(on(15), phase=1)], on(15), plan=PHASED, decisions=[decided(2, against=True)]
    )
    assert "(against the gate)" in criterion(result, "decision: Core team").detail


def test_latest_decision_by_phase_and_already_decided():
    hold, go = decided(2, "hold", 10), decided(2, "go", 12)
    assert latest_by_phase([go, hold], on(11)) == {2: hold}
    assert latest_by_phase([go, hold], on(12)) == {2: go}
    assert already_decided([hold], 2) is None
    assert already_decided([hold, go], 2) == go
    assert already_decided([decided(3, "stop")], 3) is not None


# -- the rollout past its plan -----------------------------------------------------------


def test_not_measuring_never_passes_a_finished_rollout():
    """The reproduced defect: a phased rollout 56 days in, no figure at all."""
    result = gate([], on(57), plan=PHASED)
    assert result.state == "pause"
    assert not result.complete
    assert "old system still on" in result.still_open
    missed = [c.name for c in result.criteria if c.status == "missed"]
    assert missed == [
        "active use: Pilot users and volunteers",
        "active use: Core team",
        "active use: Everyone else",
    ]


def test_complete_only_when_every_phase_was_decided_and_the_old_system_is_off():
    figures = [good(on(n * 14 + 5), phase=n + 1) for n in range(3)]
    figures.append(good(on(50), phase=4, active_weekly=None, old_system=10))
    decisions = [decided(n, "go", n * 14 - 14) for n in (2, 3, 4)]
    open_ = gate(figures, on(60), plan=PHASED, decisions=decisions)
    assert (open_.complete, open_.still_open) == (False, ("old system still on",))
    done = gate(figures, on(60), plan=PHASED, decisions=decisions, switched_off=True)
    assert (done.complete, done.still_open, done.state) == (True, (), "go")
    undecided = gate(figures, on(60), plan=PHASED, decisions=decisions[:2], switched_off=True)
    assert undecided.still_open == ("phase 4 not decided go",)


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


@pytest.mark.parametrize(("severity", "state"), [("critical", "rollback"), ("major", "pause")])
def test_contingency_rules_hold_before_launch_too(severity, state):
    before = LAUNCH - dt.timedelta(days=3)
    result = gate([], before, issues=[issue(5, severity, "backup restore fails")])
    assert result.state == state


# -- overrides ---------------------------------------------------------------------------

HOLD = Override("hold", "waiting on vendor patch", ANA, dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC))
GO = Override("go", "board accepted the risk", ROB, dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC))
LIFT = Override("lift", "patch is in", ANA, dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC))


@pytest.mark.parametrize(
    ("figures", "today", "issues", "override", "state", "computed"),
    [
        ([good(on(20))], 25, [], None, "go", "go"),
        ([good(on(20))], 25, [], HOLD, "pause", "go"),
        ([good(on(20), nps=0)], 25, [], HOLD, "pause", "watch"),
        ([good(on(20), nps=0)], 25, [], GO, "go", "watch"),
        ([good(on(20), active_weekly=70)], 30, [], GO, "go", "pause"),  # the window is over
        ([good(on(20))], 25, [issue(1, "major")], GO, "go", "pause"),
        ([good(on(20))], 25, [issue(1, "critical")], GO, "rollback", "rollback"),  # never
        ([good(on(20))], 25, [issue(1, "critical")], HOLD, "rollback", "rollback"),
    ],
)
def test_overrides(figures, today, issues, override, state, computed):
    result = gate(figures, on(today), issues=issues, override=override)
    assert (result.state, result.computed_state, result.override) == (state, computed, override)


def test_a_hold_is_shown_with_who_when_and_why():
    result = gate([good(on(20))], on(25), override=HOLD)
    assert result.sentence.startswith('held by ana 2 Dec: "waiting on vendor patch"')


def test_a_go_override_says_what_it_overrides():
    result = gate([good(on(20), nps=0)], on(25), override=GO)
    assert result.sentence.startswith('go by rob 2 Dec despite watch: "board accepted the risk"')


@pytest.mark.parametrize(
    ("history", "standing"),
    [
        ([], None),
        ([HOLD], HOLD),
        ([HOLD, LIFT], None),
        ([HOLD, LIFT, GO], GO),
        ([HOLD, GO], GO),
        ([LIFT], None),
    ],
)
def test_standing_override(history, standing):
    assert standing_override(history) == standing


@pytest.mark.parametrize(
    ("kind", "reason", "message"),
    [
        ("hold", "", "needs a reason"),
        ("go", "   ", "needs a reason"),
        ("hold", None, "needs a reason"),
        ("lift", "x", "unknown override"),  # a lift is new_lift's
        ("resume", "x", "unknown override"),
        ("hold", "x" * 2001, "at most 2,000"),
    ],
)
def test_new_override_refuses(kind, reason, message):
    with pytest.raises(ValueError, match=message):
        new_override(kind, reason, ANA, HOLD.at)


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_lifting_needs_a_reason(reason):
    with pytest.raises(ValueError, match="lifting an override needs a reason"):
        new_lift(reason, ANA, HOLD.at)
    assert new_lift(" patched ", ANA, HOLD.at).reason == "patched"


# -- before launch, decommission ---------------------------------------------------------


@pytest.mark.parametrize("today", [LAUNCH - dt.timedelta(days=14), LAUNCH - dt.timedelta(days=1)])
def test_before_launch_the_gate_watches_and_says_when_it_starts(today):
    result = gate([], today)
    assert (result.state, result.criteria) == ("watch", ())
    assert result.sentence.startswith("the gate starts on launch day, 3 Nov")


def test_a_plan_whose_first_group_starts_later_waits_for_it():
    late = PhasePlan("x", (Phase(1, "Pilot", "Pilot group", 20, 7, 20),))
    result = gate([], on(3), plan=late)
    assert (result.state, result.criteria) == ("watch", ())
    assert result.sentence == "the gate starts when Pilot group starts, 10 Nov"


@pytest.mark.parametrize(
    ("old_system", "day", "ok", "status", "state"),
    [
        (20.0, 43, True, "ok", "go"),
        (20.1, 43, False, "pending", "watch"),
        (None, 43, False, "pending", "watch"),
        (30.0, 49, False, "failing", "pause"),  # the decommission phase is over
        (None, 49, False, "failing", "pause"),
    ],
)
def test_decommission_needs_80_percent_of_everyone(old_system, day, ok, status, state):
    figures = [
        good(on(20)),
        good(on(min(day, 48)), phase=2, active_weekly=None, old_system=old_system),
    ]
    result = gate(figures, on(day), decisions=[decided(2, "go", 40)])
    c = criterion(result, "on the new system")
    assert (c.ok, c.status, result.state) == (ok, status, state)
    assert c.value == (None if old_system is None else 100 - old_system)


def test_only_the_decommission_phases_figure_speaks_for_everyone():
    figures = [good(on(20)), good(on(43), phase=1, old_system=5)]  # the pilot group only
    rule = new_system(PLAN, LAUNCH, figures, on(43))
    assert (rule.ok, rule.value) == (False, None)


def test_decommission_criterion_only_from_the_decommission_phase():
    result = gate([good(on(20), old_system=50)], on(41))
    assert result.criterion("on the new system") is None


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


@pytest.mark.parametrize(("training", "ok"), [(79.9, False), (80.0, True), (None, False)])
def test_training_completion_is_advisory(training, ok):
    result = gate([good(on(10), training=training)], on(10))
    c = criterion(result, "training completion")
    assert (c.ok, c.advisory) == (ok, True)
    assert result.state == "go"


# -- one formatter per number ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "en", "nl"),
    [
        (71.25, "71.25%", "71,25%"),
        (80.0, "80%", "80%"),
        (79.996, "79.99%", "79,99%"),  # cut, never rounded up across a threshold
        (0.29, "0.29%", "0,29%"),
        (100.0, "100%", "100%"),
    ],
)
def test_percent_reads_the_same_everywhere(value, en, nl):
    assert (numbers.percent(value, "en"), numbers.percent(value, "nl")) == (en, nl)


def test_the_gate_sentence_and_criterion_use_the_one_formatter():
    result = gate([good(on(19), active_weekly=71.25)], on(19))
    c = criterion(result, "active use: Pilot group")
    assert "71.25%" in result.sentence and "71.25%" in c.detail


# -- the result as JSON ------------------------------------------------------------------


def test_to_json_keeps_the_documented_keys_and_adds_groups_and_decisions():
    result = gate([good(on(19), active_weekly=51)], on(19), override=HOLD)
    data = result.to_json()
    assert {"state", "computed_state", "sentence", "override", "criteria"} <= set(data)
    assert {"groups", "decisions", "complete", "still_open"} <= set(data)
    assert (data["state"], data["computed_state"]) == ("pause", "watch")
    first = data["criteria"][0]
    assert {"name", "value", "threshold", "ok"} <= set(first)
    assert (first["name"], first["value"], first["threshold"], first["ok"]) == (
        "active use: Pilot group",
        51,
        ">= 80%",
        False,
    )
    assert first["status"] == "needs-work"
    assert data["groups"][0]["verdict"] == "needs-work"
    assert data["groups"][0]["window_end"] == "2026-12-01"


@pytest.mark.parametrize(
    ("switched_off", "complete", "still_open"),
    [
        (False, False, ("old system still on",)),  # no decommission phase, but never off
        (True, True, ()),
        (None, True, ()),  # the checklists have no switch-off item to tick
    ],
)
def test_a_one_group_plan_is_complete_only_once_the_old_system_is_off(
    switched_off, complete, still_open
):
    solo = TEMPLATES["solo"]
    result = gate([good(on(3))], on(20), plan=solo, switched_off=switched_off)
    assert (result.complete, result.still_open) == (complete, still_open)


# -- the criteria table ------------------------------------------------------------------


def test_the_criteria_table_has_one_row_per_kind_each_with_a_label():
    kinds = [spec.kind for spec in CRITERIA]
    assert len(set(kinds)) == len(kinds)
    assert {spec.kind for spec in CRITERIA if spec.advisory} == {"tickets", "training"}
    for spec in CRITERIA:
        assert criterion_label(spec.kind, "X") not in ("", "X")
        assert spec.field is None or hasattr(Figures(phase=1, date=on(0)), spec.field)


@pytest.mark.parametrize(
    ("training", "age", "ok", "status", "value"),
    [
        (None, 0, False, "pending", None),  # nothing measured is not a pass
        (79.99, 0, False, "pending", 79.99),
        (80.0, 0, True, "ok", 80.0),
        (100.0, 14, True, "ok", 100.0),  # 14 days old still counts
        (100.0, 15, False, "pending", None),  # 15 days old: measure again
    ],
)
def test_training_is_judged_by_its_row_on_the_boundaries(training, age, ok, status, value):
    today = on(20)
    figures = [Figures(phase=1, date=today - dt.timedelta(days=age), training=training)]
    found = judge(TRAINING, Scene(PLAN, LAUNCH, figures, today))
    assert (found.ok, found.status, found.value, found.advisory) == (ok, status, value, True)
    assert found.threshold == ">= 80%" and found.name == "training completion"


@pytest.mark.parametrize(
    ("counts", "ok", "status"),
    [
        ((), False, "pending"),
        ((5,), False, "pending"),  # one count is no trend
        ((5, 5), True, "ok"),  # flat
        ((5, 4), True, "ok"),
        ((5, 6), False, "failing"),
    ],
)
def test_the_ticket_trend_is_judged_by_its_row(counts, ok, status):
    today = on(20)
    figures = [
        Figures(phase=1, date=today - dt.timedelta(days=len(counts) - i), tickets=n)
        for i, n in enumerate(counts)
    ]
    found = judge(TICKETS, Scene(PLAN, LAUNCH, figures, today))
    assert (found.ok, found.status, found.advisory) == (ok, status, True)
