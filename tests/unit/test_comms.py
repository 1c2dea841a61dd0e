"""The communication plan: templates filled from the rollout's data and the comms facts.

The fixture's rollout is Acme CRM, launching Tue 3 Nov 2026 on the phased template:
week 1 runs 3-9 Nov, week 2 10-16 Nov, week 3 17-23 Nov (when the core team starts).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import pytest

from launchtui.domain import comms
from launchtui.domain.clock import Clock
from launchtui.domain.comms import (
    FACT_KEYS,
    PLACEHOLDERS,
    TEMPLATE_NAMES,
    GroupWeek,
    Week,
    check_template,
    fill,
    week_figures,
    week_number,
    week_span,
)
from launchtui.domain.gate import evaluate
from launchtui.domain.issues import IssueEvent
from launchtui.domain.issues import fold as fold_issue
from launchtui.domain.metrics import Figures
from launchtui.domain.report import LatestFigure
from launchtui.domain.rollout import Actor, Rollout
from launchtui.services.adoption import AdoptionService
from launchtui.services.comms import CommsService
from launchtui.services.issues import IssueService
from launchtui.services.retro import RetroService
from launchtui.services.workspace import UserError, Workspace
from launchtui.text import i18n

LAUNCH = dt.date(2026, 11, 3)
ANA = Actor("ana", "ana")
FACTS = {
    "benefit": "Every customer's history in one place",
    "problem": "Leads get lost between three spreadsheets",
    "training": "Tue 10:00 room 2, Thu 14:00 online (sign up with Mei)",
    "support-contact": "Mei Chen, mei@acme.example, ext. 204",
    "pilot-results": "the sales pilot answered customers twice as fast",
    "signature": "Ana, rollout coordinator",
}
MARKER = re.compile(r"\[missing: [^\]]+\]")

On = Callable[..., Workspace]


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def on(workspace: Workspace, utc) -> Iterator[On]:
    """`on(day, hhmm)`: a workspace on the fixture's database at that moment."""
    opened: list[Workspace] = []

    def make(day: str, hhmm: str = "12:00") -> Workspace:
        clock = Clock(d(day), dt.time.fromisoformat(hhmm))
        ws = Workspace(dataclasses.replace(workspace.settings, clock=clock))
        opened.append(ws)
        return ws

    yield make
    for ws in opened:
        ws.close()


@pytest.fixture
def service(workspace: Workspace) -> CommsService:
    return CommsService(workspace)


def set_all(service: CommsService) -> None:
    for key, value in FACTS.items():
        service.set_fact(key, value)


# -- facts -----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["support-contact", "support_contact", " Support Contact "])
def test_fact_keys_read_the_way_people_type_them(typed):
    assert comms.parse_fact_key(typed) == "support-contact"


def test_an_unknown_fact_names_the_keys():
    with pytest.raises(ValueError, match="unknown comms fact 'phone'; use benefit, problem"):
        comms.parse_fact_key("phone")


def test_fact_values_are_trimmed_and_empty_clears():
    assert comms.validate_fact_value("  line 1  \r\n  line 2 \n") == "line 1\n  line 2"
    assert comms.validate_fact_value("  \n ") is None
    with pytest.raises(ValueError, match="at most 4,000"):
        comms.validate_fact_value("x" * 4001)


def test_set_list_and_clear_facts(service: CommsService):
    assert service.facts() == dict.fromkeys(FACT_KEYS)
    fact = service.set_fact("Support_Contact", "  Mei  ")
    assert (fact.key, fact.value, fact.actor.name) == ("support-contact", "Mei", "ana")
    assert service.fact_values()["support-contact"] == "Mei"
    service.set_fact("support-contact", "")
    assert service.facts()["support-contact"].value is None
    assert [f.value for f in service.fact_history("support-contact")] == ["Mei", None]
    with pytest.raises(UserError, match="unknown comms fact"):
        service.set_fact("phone", "123")


# -- templates -------------------------------------------------------------------------


def test_check_template_lists_placeholders_in_order_of_use():
    text = "$tool on ${launch_date}: ${tool} costs $$5"
    assert check_template(text, PLACEHOLDERS["announcement"], "t.txt") == ("tool", "launch_date")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("line one\nPrice: $5\n", r"t\.txt:2: a '\$' that starts no placeholder"),
        ("ok\n\n${tool} ${toll}", r"t\.txt:3: unknown placeholder \$\{toll\}; known: tool, "),
        ("${week}", r"t\.txt:1: unknown placeholder \$\{week\}"),  # not in an announcement
    ],
)
def test_check_template_names_the_line_of_a_fault(text, message):
    with pytest.raises(ValueError, match=message):
        check_template(text, PLACEHOLDERS["announcement"], "t.txt")


def test_fill_marks_what_is_missing_and_lists_it():
    text = "Ask ${support_contact}. ${signature}\n${figures}\nAgain: ${support_contact}"
    draft = fill(text, {"signature": "Ana", "figures": "  "}, PLACEHOLDERS["weekly"], "t")
    contact = "[missing: support contact — set with `launchtui comms set support-contact ...`]"
    assert draft.text == (
        f"Ask {contact}. Ana\n"
        "[missing: this week's figures — record them with `launchtui metrics record --active PCT`]"
        f"\nAgain: {contact}"
    )
    assert [m.name for m in draft.missing] == ["support_contact", "figures"]
    assert draft.missing_facts == ("support-contact",)


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_the_shipped_templates_use_known_placeholders_only(name, lang):
    text = resources.files("launchtui").joinpath("templates", f"{name}.{lang}.txt").read_text()
    used = check_template(text, PLACEHOLDERS[name], name)
    english = resources.files("launchtui").joinpath("templates", f"{name}.en.txt").read_text()
    assert set(used) == set(check_template(english, PLACEHOLDERS[name], name))
    if name == "announcement":
        assert {comms.placeholder(k) for k in FACT_KEYS} <= set(used)
        assert {"tool", "launch_date", "group_dates"} <= set(used)
    else:
        assert {"figures", "resolved_issues", "successes", "questions", "support_contact"} <= set(
            used
        )


# -- words -----------------------------------------------------------------------------


def test_dates_and_numbers_in_english_and_dutch():
    day = d("2026-11-03")
    assert comms.long_date(day) == "Tuesday 3 November 2026"
    assert comms.long_date(day, "nl") == "dinsdag 3 november 2026"
    assert comms.short_date(day) == "Tue 3 Nov"
    assert comms.short_date(day, "nl") == "di 3 nov"


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "- Sales: active use 72.25% (up from 61.5%), satisfaction 7.5/10, NPS +12"),
        ("nl", "- Sales: actief gebruik 72,25% (was 61,5%), tevredenheid 7,5/10, NPS +12"),
    ],
)
def test_the_figures_lines_write_numbers_as_everywhere_else(lang, line):
    """`launchtui.text.numbers`: cut to two decimals, never rounded; a decimal comma in Dutch."""
    day = d("2026-11-20")
    group = GroupWeek(
        1,
        "Sales",
        "Sales",
        (
            LatestFigure("active_weekly", 72.25, day),
            LatestFigure("satisfaction", 7.5, day),
            LatestFigure("nps", 12, day),
        ),
        previous_active=61.5,
    )
    assert comms.figures_text([group], lang).startswith(line + " (")


def test_group_dates_of_the_phased_template():
    rollout = Rollout("Acme CRM", LAUNCH, "phased")
    assert comms.group_dates(rollout).splitlines() == [
        "- Pilot users and volunteers (Early adopters): from Tuesday 3 November 2026",
        "- Core team: from Tuesday 17 November 2026",
        "- Everyone else (Remaining users): from Tuesday 1 December 2026",
        "- The old system is switched off: planned from Tuesday 15 December 2026, "
        "once 80% of us work in the new one",
    ]


# -- the gate in the weekly update -----------------------------------------------------


def verdict_lines(figures: list[Figures], today: str, lang: str = "en") -> list[str]:
    rollout = Rollout("Acme CRM", LAUNCH, "phased")
    gate = evaluate(rollout.plan, LAUNCH, figures, (), d(today))
    return comms.verdicts_text(gate, lang).splitlines()


# The pilot group's 4 weeks run from Tue 3 Nov to Tue 1 Dec.
@pytest.mark.parametrize(
    ("figures", "today", "line"),
    [
        (
            [Figures(1, d("2026-11-17"), active_weekly=82.5)],
            "2026-11-20",
            "- Pilot users and volunteers: met the goal of 80% active use on Tue 17 Nov (82.5%)",
        ),
        (
            [
                Figures(1, d("2026-11-17"), active_weekly=82.5, id=1),
                Figures(1, d("2026-11-24"), active_weekly=71.25, id=2),
            ],
            "2026-12-10",  # after the window: the pass stands, the drop is a warning
            "- Pilot users and volunteers: met the goal of 80% active use on Tue 17 Nov (82.5%)"
            "; since then 71.25% on Tue 24 Nov: slipping",
        ),
        (
            [Figures(1, d("2026-11-12"), active_weekly=60)],
            "2026-11-13",
            "- Pilot users and volunteers: on track, 60% active use on Thu 12 Nov; "
            "80% is due by Tue 1 Dec",
        ),
        (
            [Figures(1, d("2026-11-12"), active_weekly=20)],
            "2026-11-13",
            "- Pilot users and volunteers: needs work, 20% active use on Thu 12 Nov; "
            "80% is due by Tue 1 Dec",
        ),
        (
            [],
            "2026-11-13",
            "- Pilot users and volunteers: no active-use figure yet; 80% is due by Tue 1 Dec",
        ),
        (
            [Figures(1, d("2026-11-04"), active_weekly=50)],
            "2026-11-20",  # 16 days old
            "- Pilot users and volunteers: the last figure, 50% on Wed 4 Nov, is out of date: "
            "measure again; 80% is due by Tue 1 Dec",
        ),
        (
            [Figures(1, d("2026-11-24"), active_weekly=79.99)],
            "2026-12-02",
            "- Pilot users and volunteers: missed the goal of 80% active use by Tue 1 Dec "
            "(the last figure by then: 79.99% on Tue 24 Nov)",
        ),
        (
            [Figures(1, d("2026-12-08"), active_weekly=85)],  # day 35: after the window
            "2026-12-10",
            "- Pilot users and volunteers: missed the goal of 80% active use by Tue 1 Dec",
        ),
    ],
)
def test_each_groups_verdict_line_is_the_gates(figures, today, line):
    assert verdict_lines(figures, today)[0].split("; survey")[0].split("; no survey")[0] == line


def test_two_groups_with_opposite_surveys_each_get_their_own_line():
    figures = [
        Figures(1, d("2026-11-17"), active_weekly=85, satisfaction=8.5, nps=20, id=1),
        Figures(2, d("2026-12-01"), active_weekly=84, satisfaction=6.25, nps=-4, id=2),
    ]
    pilot, core, rest = verdict_lines(figures, "2026-12-16")
    assert pilot.endswith("; survey ok (satisfaction 8.5/10, NPS +20)")
    assert core.endswith("; survey below target (satisfaction 6.25/10, NPS -4)")
    assert rest.endswith("; survey not met yet")
    no_survey = [Figures(1, d("2026-11-17"), active_weekly=85)]
    assert verdict_lines(no_survey, "2026-12-10")[0].endswith(
        "; no survey by the end of its 4 weeks"
    )


def test_the_verdicts_in_dutch_write_a_decimal_comma():
    figures = [
        Figures(1, d("2026-11-17"), active_weekly=82.5, satisfaction=7.25, nps=3, id=1),
        Figures(1, d("2026-11-24"), active_weekly=71.25, id=2),
    ]
    line = verdict_lines(figures, "2026-11-26", "nl")[0]
    assert line == (
        "- Pilot users and volunteers: doel van 80% actief gebruik gehaald op di 17 nov (82,5%)"
        "; sindsdien 71,25% op di 24 nov: het zakt terug"
        "; enquête in orde (tevredenheid 7,25/10, NPS +3)"
    )


def test_before_any_group_starts_the_verdicts_say_so():
    rollout = Rollout("Acme CRM", LAUNCH, "phased")
    gate = evaluate(rollout.plan, LAUNCH, [], (), d("2026-10-30"))
    assert comms.verdicts_text(gate) == "No group has started yet."
    assert comms.verdicts_text(gate, "nl") == "Nog geen groep is begonnen."
    assert comms.gate_line(gate) == "WATCH: " + gate.sentence
    assert comms.gate_line(gate, "nl").startswith("LET OP: ")


# -- weeks -----------------------------------------------------------------------------


def test_weeks_start_on_launch_day():
    assert week_span(LAUNCH, 1) == Week(1, d("2026-11-03"), d("2026-11-09"))
    assert week_span(LAUNCH, 3) == Week(3, d("2026-11-17"), d("2026-11-23"))
    assert [week_number(LAUNCH, d(x)) for x in ("2026-10-30", "2026-11-09", "2026-11-10")] == [
        1,
        1,
        2,
    ]
    with pytest.raises(ValueError, match="weeks count from 1"):
        week_span(LAUNCH, 0)


def test_week_figures_takes_the_latest_in_the_week_and_the_active_use_before():
    plan = Rollout("Acme CRM", LAUNCH, "phased").plan
    figures = [
        Figures(1, d("2026-11-12"), active_weekly=60, id=1),
        Figures(1, d("2026-11-17"), active_weekly=70, satisfaction=6.5, id=2),
        Figures(1, d("2026-11-19"), active_weekly=82, id=3),
        Figures(2, d("2026-11-23"), accounts=40, id=4),
        Figures(2, d("2026-11-24"), active_weekly=99, id=5),  # week 4
        Figures(3, d("2026-11-18"), active_weekly=10, id=6),  # after "today"
    ]
    groups = week_figures(plan, figures, week_span(LAUNCH, 3), d("2026-11-17"))
    assert [(g.phase, g.previous_active) for g in groups] == [(1, 60.0)]
    assert [(f.field, f.value) for f in groups[0].latest] == [
        ("active_weekly", 70),
        ("satisfaction", 6.5),
    ]
    groups = week_figures(plan, figures, week_span(LAUNCH, 3), d("2026-11-30"))
    assert [(g.phase, g.as_of) for g in groups] == [
        (1, d("2026-11-19")),
        (2, d("2026-11-23")),
        (3, d("2026-11-18")),
    ]
    assert groups[0].figure("active_weekly").value == 82


def _issue(issue_id: int, *events: tuple[str, str]):
    """An issue logged at 09:00 UTC on 4 Nov; then (kind, 'YYYY-MM-DD HH:MM') events."""
    logged = {
        "title": f"Issue {issue_id}",
        "detail": None,
        "severity": "minor",
        "tier": 1,
        "status": "open",
        "phase": 1,
        "window": None,
        "location": None,
        "assignee": None,
    }
    start = dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC)
    out = [IssueEvent(issue_id * 10, issue_id, "logged", ANA, start, logged)]
    for n, (kind, when) in enumerate(events, start=1):
        moment = dt.datetime.fromisoformat(when).replace(tzinfo=dt.UTC)
        changes = {"status": "resolved"} if kind == "resolved" else {"status": "open"}
        out.append(IssueEvent(issue_id * 10 + n, issue_id, kind, ANA, moment, changes))
    return fold_issue(out)


def test_resolved_in_keeps_what_was_resolved_that_week_and_stays_resolved():
    week = week_span(LAUNCH, 2)  # 10-16 Nov
    issues = [
        _issue(1, ("resolved", "2026-11-10 00:00")),  # first minute of the week
        _issue(2, ("resolved", "2026-11-16 23:59")),  # last minute
        _issue(3, ("resolved", "2026-11-09 23:59")),  # the week before
        _issue(4, ("resolved", "2026-11-12 10:00"), ("reopened", "2026-11-13 10:00")),
        _issue(5),
    ]
    assert [i.id for i in comms.resolved_in(issues, week)] == [1, 2]
    # Counted in the coordinator's zone: 23:59 UTC on the 16th is the 17th in UTC+2.
    plus_two = dt.timezone(dt.timedelta(hours=2))
    assert [i.id for i in comms.resolved_in(issues, week, plus_two)] == [3, 1]


# -- the service: announcement ------------------------------------------------------------


def test_the_announcement_with_every_fact_set_has_nothing_missing(service: CommsService):
    set_all(service)
    draft = service.announcement_draft()
    assert draft.missing == ()
    assert not MARKER.search(draft.text)
    assert draft.text.startswith("Subject: Acme CRM is coming on Tuesday 3 November 2026\n")
    for value in FACTS.values():
        assert value in draft.text
    assert "- Core team: from Tuesday 17 November 2026" in draft.text
    assert "$" not in draft.text
    assert service.missing_facts("announcement") == ()


def test_the_announcement_names_every_missing_fact(service: CommsService):
    service.set_fact("signature", "Ana")
    draft = service.announcement_draft()
    assert set(draft.missing_facts) == set(FACT_KEYS) - {"signature"}
    for key in draft.missing_facts:
        assert f"set with `launchtui comms set {key} ...`]" in draft.text
    assert len(MARKER.findall(draft.text)) >= 5
    assert service.needed_facts("announcement")[0] in FACT_KEYS
    assert set(service.missing_facts("announcement")) == set(draft.missing_facts)


def test_the_announcement_in_dutch(service: CommsService):
    set_all(service)
    text = service.announcement(lang="nl")
    assert text.startswith("Onderwerp: Acme CRM komt eraan op dinsdag 3 november 2026\n")
    assert "- Core team: vanaf dinsdag 17 november 2026" in text
    with pytest.raises(UserError, match="unknown language 'fr'"):
        service.announcement(lang="fr")


def test_control_characters_in_facts_are_shown_not_run(service: CommsService):
    service.set_fact("signature", "Ana\x1b[2J\u202e")
    text = service.announcement()
    assert "\x1b" not in text and "\u202e" not in text
    assert "Ana\ufffd[2J\ufffd" in text


# -- the service: weekly update -----------------------------------------------------------


def build_weeks(on: On) -> None:
    """Figures, issues and notes around week 3 (17-23 Nov) of the Acme CRM rollout."""
    AdoptionService(on("2026-11-12")).record(phase=1, active=61.5, satisfaction=6.8)
    AdoptionService(on("2026-11-18")).record(phase=1, active=74, satisfaction=7.2, nps=8)
    AdoptionService(on("2026-11-20")).record(phase=1, active=83.5, tickets=9)
    AdoptionService(on("2026-11-21")).record(phase=2, active=35, accounts=92, training=40)
    for day, title in (("2026-11-10", "Login loops"), ("2026-11-11", "Slow search")):
        IssueService(on(day)).add(title, "minor")
    IssueService(on("2026-11-11")).add("Typo", "minor")
    IssueService(on("2026-11-19", "09:00")).resolve(1, "new SSO setting")
    IssueService(on("2026-11-22", "09:00")).resolve(2)
    IssueService(on("2026-11-15")).resolve(3)  # week 2
    IssueService(on("2026-11-20")).add("Export hidden", "minor")
    IssueService(on("2026-11-20")).workaround(4, "Use the ... menu, then Export")
    RetroService(on("2026-11-19")).add("went-well", "Sales closed the first deal\nin the new tool")
    RetroService(on("2026-11-12")).add("went-well", "Week 2 success")  # another week
    RetroService(on("2026-11-19")).add("lesson", "Not a success story")


def test_the_weekly_update_numbers_match_the_recorded_figures(on: On):
    build_weeks(on)
    service = CommsService(on("2026-11-23"))
    set_all(service)
    text = service.weekly(3)
    lines = text.splitlines()
    assert lines[0] == "Subject: Acme CRM rollout, week 3: how it is going"
    start = lines.index("The figures recorded this week:") + 1
    assert lines[start : start + 2] == [
        "- Pilot users and volunteers: active use 83.5% (up from 61.5%), satisfaction 7.2/10,"
        " NPS +8, support tickets 9 (as of Fri 20 Nov)",
        "- Core team: with an account 92%, active use 35%, training completed 40%"
        " (as of Sat 21 Nov)",
    ]
    # Every number in the figures lines is the latest recorded in week 3 for its group.
    week = service.week(3)
    recorded = AdoptionService(on("2026-11-23")).figures()
    for line, phase in zip(lines[start : start + 2], (1, 2), strict=True):
        in_week = [f for f in recorded if f.phase == phase and week.contains(f.date)]
        for field, value in re.findall(r"(active use|satisfaction|NPS) ([+\d.]+)", line):
            name = {"active use": "active_weekly", "satisfaction": "satisfaction", "NPS": "nps"}
            latest = [getattr(f, name[field]) for f in in_week if getattr(f, name[field])]
            assert float(value) == pytest.approx(latest[-1]), (field, line)


def test_the_weekly_update_lists_the_weeks_resolved_issues_successes_and_answers(on: On):
    build_weeks(on)
    service = CommsService(on("2026-11-23"))
    set_all(service)
    draft = service.weekly_draft()  # today is in week 3
    assert draft.missing == ()
    text = draft.text
    assert "(Tuesday 17 November 2026 to Monday 23 November 2026)" in text
    assert "Where we are: phase 2 of 4, Core team, since Tuesday 17 November 2026." in text
    assert (
        "Resolved this week (2):\n"
        "- #1 Login loops (minor), resolved Thu 19 Nov\n"
        "- #2 Slow search (minor), resolved Sun 22 Nov\n"
    ) in text
    assert "Good news from this week:\n- Sales closed the first deal\n  in the new tool\n" in text
    assert "Week 2 success" not in text and "Not a success story" not in text
    assert "- Export hidden\n  Answer: Use the ... menu, then Export\n" in text
    assert "Coming up: Everyone else (Remaining users), from Tuesday 1 December 2026." in text
    assert FACTS["support-contact"] in text and FACTS["training"] in text


def test_a_quiet_week_marks_the_figures_and_successes_as_missing(on: On):
    build_weeks(on)
    service = CommsService(on("2026-12-02"))
    draft = service.weekly_draft(5)  # 1-7 Dec: nothing recorded
    names = [m.name for m in draft.missing]
    assert {"figures", "successes"} <= set(names)
    assert "Resolved this week (0):\nNone this week." in draft.text
    assert "[missing: a success story from this week — add one with" in draft.text
    assert "[missing: this week's figures — record them with" in draft.text


def test_the_weekly_update_in_dutch(on: On):
    build_weeks(on)
    service = CommsService(on("2026-11-23"))
    text = service.weekly(3, lang="nl")
    assert text.startswith("Onderwerp: Overstap naar Acme CRM, week 3: hoe het gaat\n")
    assert (
        "- Pilot users and volunteers: actief gebruik 83,5% (was 61,5%), tevredenheid 7,2/10,"
        " NPS +8, supportvragen 9 (stand van vr 20 nov)"
    ) in text
    assert "- #1 Login loops (klein), opgelost do 19 nov" in text


WITH_GATE = "The gate today: ${gate}\n\nHow each group is doing:\n${group_verdicts}\n"


def test_the_weekly_update_says_the_gate_and_each_groups_verdict(
    on: On, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    build_weeks(on)
    (tmp_path / "weekly.en.txt").write_text(WITH_GATE)
    ws = on("2026-11-23")
    calls = []
    real = AdoptionService.gate

    def counted(self, rollout=None):
        calls.append(1)
        return real(self, rollout)

    monkeypatch.setattr(AdoptionService, "gate", counted)
    draft = CommsService(ws, tmp_path).weekly_draft(3)
    assert len(calls) == 1  # evaluated once, in the service
    gate = real(AdoptionService(ws))
    assert draft.missing == ()
    assert draft.text.splitlines() == [
        f"The gate today: WATCH: {gate.sentence}",
        "",
        "How each group is doing:",
        "- Pilot users and volunteers: met the goal of 80% active use on Fri 20 Nov (83.5%); "
        "survey ok (satisfaction 7.2/10, NPS +8)",
        "- Core team: on track, 35% active use on Sat 21 Nov; 80% is due by Tue 15 Dec; "
        "survey not met yet",
    ]
    assert gate.state == "watch"
    assert gate.sentence.startswith("Core team due to start 17 Nov: no decision yet")


@pytest.fixture
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("en")


def test_the_dutch_weekly_update_says_the_gate_with_a_decimal_comma(on: On, tmp_path: Path, dutch):
    build_weeks(on)
    (tmp_path / "weekly.nl.txt").write_text(WITH_GATE + "${figures}\n")
    text = CommsService(on("2026-11-23"), tmp_path).weekly(3, lang="nl")
    lines = text.splitlines()
    assert lines[0].startswith("The gate today: LET OP: Core team zou 17 nov beginnen")
    assert lines[3] == (
        "- Pilot users and volunteers: doel van 80% actief gebruik gehaald op vr 20 nov (83,5%)"
        "; enquête in orde (tevredenheid 7,2/10, NPS +8)"
    )
    assert "83.5" not in text and "7.2/" not in text
    assert (
        "- Pilot users and volunteers: actief gebruik 83,5% (was 61,5%), tevredenheid 7,2/10,"
        " NPS +8, supportvragen 9 (stand van vr 20 nov)"
    ) in lines


def test_group_names_in_the_verdicts_are_one_safe_line(on: On, tmp_path: Path):
    AdoptionService(on("2026-11-07")).edit_phase(1, group="Sales\x1b[2J\nteam\u202e")
    AdoptionService(on("2026-11-12")).record(phase=1, active=40)
    (tmp_path / "weekly.en.txt").write_text(WITH_GATE)
    text = CommsService(on("2026-11-13"), tmp_path).weekly(2)
    assert "\x1b" not in text and "\u202e" not in text
    assert "- Sales\ufffd[2J team\ufffd: on track, 40% active use on Thu 12 Nov" in text


@pytest.mark.parametrize(
    ("today", "week", "message"),
    [
        ("2026-11-23", "4", "week 4 has not begun (it starts on 2026-11-24); this is week 3"),
        ("2026-11-23", "0", "is not a week number like 2"),
        ("2026-11-23", "two", "is not a week number like 2"),
        ("2026-10-30", None, "the rollout launches on 2026-11-03, so there is no week"),
    ],
)
def test_a_week_that_has_not_begun_is_refused(on: On, today, week, message):
    with pytest.raises(UserError, match=re.escape(message)):
        CommsService(on(today)).weekly(week)


# -- templates from a folder -----------------------------------------------------------


def test_a_template_folder_overrides_what_it_holds(service: CommsService, tmp_path: Path):
    (tmp_path / "announcement.en.txt").write_text("Hi! ${tool} on $launch_date costs $$0.\n")
    text = service.announcement(templates=tmp_path)
    assert text == "Hi! Acme CRM on Tuesday 3 November 2026 costs $0.\n"
    assert CommsService(service.workspace, tmp_path).announcement() == text
    # What the folder lacks comes from the shipped templates.
    assert service.template("announcement", "nl", tmp_path)[1] == "announcement.nl.txt (shipped)"


def test_a_bad_template_is_refused_with_its_file_and_line(service: CommsService, tmp_path: Path):
    bad = tmp_path / "announcement.en.txt"
    bad.write_text("Hello\n${tool} ${benefits}\n")
    with pytest.raises(UserError, match=re.escape(f"{bad}:2: unknown placeholder ${{benefits}}")):
        service.announcement(templates=tmp_path)
    bad.write_bytes(b"\xff\xfe bad")
    with pytest.raises(UserError, match="not UTF-8 text"):
        service.announcement(templates=tmp_path)
    with pytest.raises(UserError, match="no such folder of templates"):
        service.announcement(templates=tmp_path / "nope")


# -- objections heard (issue 18) ---------------------------------------------------------


def _section(text: str, head: str) -> list[str]:
    """The lines under `head` up to the next blank line."""
    lines = text.splitlines()
    start = lines.index(head) + 1
    end = lines.index("", start)
    return lines[start:end]


EN_HEAD = "Concerns we heard this week, and our answer:"
NL_HEAD = "Bezwaren die we deze week hoorden, en ons antwoord:"


def test_the_weekly_update_says_the_objections_heard_that_week(on: On):
    from launchtui.services.value import ValueService

    ValueService(on("2026-11-18")).add_objection(
        "no-time",
        phase=1,
        location="Nickerie",
        person="Ravi",
        said="[b]No time[/b]\nat month end",
        response="Training is one hour, {n} saved after",
        helped=False,
    )
    ValueService(on("2026-11-19")).add_objection("why-change", phase=2, helped=None)
    ValueService(on("2026-11-12")).add_objection("old-way-fine", phase=1)  # week 2
    ValueService(on("2026-11-23")).set_outcome(1, "yes", "came to training")
    text = CommsService(on("2026-11-23")).weekly(3)
    assert _section(text, EN_HEAD) == [
        "- no time to learn: [b]No time[/b] at month end (Pilot users and volunteers, Nickerie)",
        "  Our answer: Training is one hour, {n} saved after",
        "  It helped.",  # the latest word on it, said later
        "- Why are we changing at all? (Core team)",
        "  Whether it helped: not known yet.",
    ]
    assert "Ravi" not in text  # a person's name never goes into a mail
    assert "The old way worked fine." not in text  # heard in another week


def test_a_week_without_objections_offers_the_guides_four(on: On):
    text = CommsService(on("2026-11-23")).weekly(3)
    lines = _section(text, EN_HEAD)
    assert lines[0] == "None heard this week. Ones people often raise, with our answer:"
    assert lines[1] == "- I have no time to learn this."
    assert lines[2].startswith("  Our answer: Training takes about an hour")
    assert len(lines) == 9  # the heading line, then four objections with their answers


def test_the_objections_in_dutch_follow_the_mail_not_the_screen(on: On):
    from launchtui.services.value import ValueService

    ValueService(on("2026-11-18")).add_objection("too-complicated", phase=1, helped=False)
    text = CommsService(on("2026-11-23")).weekly(3, lang="nl")
    lines = _section(text, NL_HEAD)
    assert lines[0].startswith("- ") and "(Pilot users and volunteers)" in lines[0]
    assert lines[0] != "- This looks complicated. (Pilot users and volunteers)"
    assert lines[-1] == "  Het hielp (nog) niet."
    quiet = CommsService(on("2026-12-02")).weekly(5, lang="nl")
    assert _section(quiet, NL_HEAD)[0].startswith("Deze week geen gehoord.")


def test_many_objections_are_cut_short_with_a_count():
    from launchtui.domain.phases import template_plan
    from launchtui.domain.value import Objection

    heard = [
        Objection("other", 1, None, f"worry {i}", None, None, d("2026-11-18"), id=i)
        for i in range(1, 9)
    ]
    text = comms.objections_text(heard, template_plan("phased", "en"), "en")
    assert text.count("- other: worry") == comms.MAX_QUESTIONS
    assert "- other: worry 8" in text and "- other: worry 3" not in text
    assert text.endswith("And 3 more heard this week.")


def test_the_suggested_response_is_said_in_the_mails_language(on: On):
    from launchtui.domain.value import starter_text
    from launchtui.services.value import ValueService

    english = starter_text("why-change")[1]
    ValueService(on("2026-11-18")).add_objection("why-change", phase=1, response=english)
    with i18n.in_language("nl"):
        dutch = starter_text("why-change")[1]
    assert dutch != english
    text = CommsService(on("2026-11-23")).weekly(3, lang="nl")
    assert f"  Ons antwoord: {dutch}" in _section(text, NL_HEAD)
    assert f"  Our answer: {english}" in _section(CommsService(on("2026-11-23")).weekly(3), EN_HEAD)
