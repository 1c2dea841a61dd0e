"""A sample rollout in mid-flight, so a newcomer sees a living screen at once.

Every tab has something to show on first open: three locations with their zones and
champions, issues of each severity in several states, figures for the two groups that
have started (the pilot on track, the core team needing work), the decision that moved
the core team, retrospective notes of each kind, trainings and office hours (held and
planned), value measures with their baseline, impact and costs, and an objection.

Everything goes through the services, as a coordinator's commands would, each change
by one of the demo's people on its own day (`_at`), so ages and histories read true.
Every text is in the language the sample is made in (--lang).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from launchtui.domain.clock import Clock
from launchtui.domain.rollout import Actor, Rollout
from launchtui.domain.value import BASELINE, IMPACT, starter_text
from launchtui.services.adoption import AdoptionService
from launchtui.services.issues import IssueService
from launchtui.services.locations import LocationService
from launchtui.services.retro import RetroService
from launchtui.services.sessions import SessionService
from launchtui.services.value import ValueService
from launchtui.services.workspace import Workspace
from launchtui.text.i18n import N_, t

DEMO_TOOL = "Acme CRM"
# Days after launch the demo opens on: the core team (phase 2, from week 3, day 14) has
# started too, so the gate judges two groups.
DEMO_DAY = 17
TEAM_SIZE = 40
ANA, ROB, MEI, JOEL = (Actor(name, name) for name in ("ana", "rob", "mei", "joel"))
PEOPLE = (ANA, ROB, MEI, JOEL)
# (name, time zone, champion): three offices in three CARICOM countries.
LOCATIONS = (
    ("Paramaribo", "America/Paramaribo", "ana"),
    ("Georgetown", "America/Guyana", "rob"),
    ("Port of Spain", "America/Port_of_Spain", "mei"),
)
# The notes are stored in the language the sample is made in (--lang).
SKIPS = {
    "one-week-before/quick-reference-printed": N_("PDF only, nobody wants paper"),
    "one-week-before/mobile-data-checked": N_("desktop-only tool"),
}
SMOOTH = N_("went smoothly")
LEFT_OPEN = ("launch-day/quick-wins-noted",)

# Issues: (day after launch, hour, who, severity, location, title, detail, then the
# changes: (day, hour, who, "escalate" | "workaround" | "resolve", text)).
ISSUES = (
    (
        0,
        9,
        ROB,
        "critical",
        "Georgetown",
        N_("Orders entered offline lost on sync"),
        N_("Orders typed while the connection was down vanished when it came back."),
        (
            (0, 10, ROB, "escalate", None),
            (0, 11, JOEL, "escalate", None),
            (
                0,
                16,
                JOEL,
                "resolve",
                N_("Vendor hotfix installed; the lost orders were entered again from paper."),
            ),
        ),
    ),
    (
        2,
        14,
        MEI,
        "minor",
        "Port of Spain",
        N_("Login page slow on mobile data"),
        None,
        ((3, 9, MEI, "workaround", N_("Use the light login page until the next app update.")),),
    ),
    (
        5,
        8,
        ANA,
        "major",
        "Paramaribo",
        N_("Single sign-on fails for the Paramaribo office"),
        None,
        (
            (5, 9, ANA, "escalate", None),
            (5, 10, JOEL, "escalate", None),
            (6, 15, JOEL, "resolve", N_("Certificate on the office proxy renewed.")),
        ),
    ),
    (
        9,
        11,
        JOEL,
        "minor",
        None,
        N_("Exported dates put the month before the day"),
        N_("Reports for the Dutch-speaking offices read 11/03 as 11 March."),
        (
            (9, 12, JOEL, "escalate", None),
            (10, 9, JOEL, "escalate", None),
            (11, 10, JOEL, "escalate", None),
        ),
    ),
    (
        15,
        10,
        MEI,
        "minor",
        "Port of Spain",
        N_("Quick-reference card links to the old intranet"),
        None,
        (),
    ),
)

# Figures per group: (phase, day after launch, figures). The pilot is on track, the
# core team (day 2 of its window, no survey yet in its favour) needs work.
FIGURES = (
    (1, 6, {"active": 38, "accounts": 90, "satisfaction": 7.2, "nps": 5, "tickets": 14}),
    (1, 13, {"active": 57, "accounts": 95, "satisfaction": 7.6, "nps": 10, "tickets": 11}),
    (1, 16, {"active": 68, "accounts": 100, "satisfaction": 7.8, "nps": 12, "tickets": 8}),
    (2, 16, {"active": 4, "accounts": 70, "satisfaction": 6.4, "nps": -8}),
)

NOTES = (
    (1, ANA, "went-well", N_("The champions answered most questions in the first office hours.")),
    (1, ROB, "lesson", N_("Test offline sync with a real day's orders before launch.")),
    (7, MEI, "thanks", N_("Thanks to the Georgetown team for entering the lost orders again.")),
    (
        14,
        JOEL,
        "next-step",
        N_("Plan a second training for the core team members who missed the first."),
    ),
)

WEEKLY_REPORT = N_("weekly report")
ENTRY_ERRORS = N_("order entry errors")


def build_demo(workspace: Workspace) -> Rollout:
    """Create the sample rollout on the workspace's (empty) database."""
    today = workspace.today()
    launch = today - dt.timedelta(days=DEMO_DAY)
    rollout = Rollout(DEMO_TOOL, launch, "phased", team_size=TEAM_SIZE)
    workspace.init(rollout)
    tick_the_past(workspace, launch, today)
    _locations(_at(workspace, JOEL, launch, -21, 9))
    _value(workspace, launch)
    _issues(workspace, launch)
    _figures_and_decision(workspace, launch)
    _notes(workspace, launch)
    _sessions(workspace, launch)
    _objection(workspace, launch)
    return rollout


def _at(ws: Workspace, who: Actor, launch: dt.date, day: int, hour: int) -> Workspace:
    """`ws`'s database as `who` sees it at `hour` o'clock on launch day + `day`."""
    when = dt.datetime.combine(launch + dt.timedelta(days=day), dt.time(hour, 5)).astimezone()
    settings = replace(ws.settings, actor=who, clock=Clock(fixed_now=when), location=None)
    return Workspace(settings, store=ws.store, checklists=ws.checklists)


def tick_the_past(workspace: Workspace, launch: dt.date, today: dt.date) -> None:
    """Most of what fell due before `today` is ticked, a few things skipped or left open
    (also the tests' plain rollout: ticks and nothing else)."""
    rng = random.Random(launch.toordinal())
    entries = []
    for instance in workspace.schedule().instances():
        if instance.due >= today or instance.key in LEFT_OPEN:
            continue
        hour = rng.randint(8, 17)
        day = instance.due - dt.timedelta(days=rng.choice((0, 0, 0, 1)))
        local = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59))).astimezone()
        at = local.astimezone(dt.UTC)
        who = rng.choice(PEOPLE)
        if instance.key in SKIPS:
            entries.append((instance.key, "skip", who, at, t(SKIPS[instance.key])))
        elif rng.random() < 0.93:
            note = t(SMOOTH) if rng.random() < 0.1 else None
            entries.append((instance.key, "tick", who, at, note))
    entries.sort(key=lambda e: e[3])
    workspace.store.record_many(entries)


def _locations(ws: Workspace) -> None:
    places = LocationService(ws)
    for name, tz, champion in LOCATIONS:
        places.save(name, tz, champion)


def _value(workspace: Workspace, launch: dt.date) -> None:
    """What the pilot should return: a weekly report that takes less time, fewer errors."""
    value = ValueService(_at(workspace, JOEL, launch, -14, 9))
    value.set_settings(currency="SRD", hourly_cost="750")
    value.add_measure(t(WEEKLY_REPORT), "min/week", lower_is_better=True)
    value.add_measure(t(ENTRY_ERRORS), t("errors/week"), lower_is_better=True)
    value.add_cost(t("licences"), 2400, currency="USD", rate="36.5", per="year")
    for phase, day in ((1, -10), (2, 10)):
        early = ValueService(_at(workspace, JOEL, launch, day, 9))
        early.add_reading(BASELINE, t(WEEKLY_REPORT), 95, phase=phase)
        early.add_reading(BASELINE, t(ENTRY_ERRORS), 14, phase=phase)
    ValueService(_at(workspace, JOEL, launch, -2, 9)).add_cost(
        t("trainer for the pilot"), 15000, currency="SRD", phase=1
    )
    for day, minutes, errors in ((9, 70, 9), (16, 50, 6)):
        later = ValueService(_at(workspace, JOEL, launch, day, 16))
        later.add_reading(IMPACT, t(WEEKLY_REPORT), minutes, phase=1)
        later.add_reading(IMPACT, t(ENTRY_ERRORS), errors, phase=1)


def _issues(workspace: Workspace, launch: dt.date) -> None:
    for day, hour, who, severity, place, title, detail, changes in ISSUES:
        logged = IssueService(_at(workspace, who, launch, day, hour)).add(
            t(title), severity, detail=t(detail) if detail else None, location=place
        )
        for when, at, by, change, text in changes:
            service = IssueService(_at(workspace, by, launch, when, at))
            if change == "escalate":
                service.escalate(logged.id)
            elif change == "workaround":
                service.workaround(logged.id, t(text))
            else:
                service.resolve(logged.id, t(text) if text else None)


def _figures_and_decision(workspace: Workspace, launch: dt.date) -> None:
    for phase, day, figures in FIGURES:
        AdoptionService(_at(workspace, ANA, launch, day, 17)).record(phase, **figures)
        if (phase, day) == (1, 13):  # the pilot's figures are in: the core team may start
            AdoptionService(_at(workspace, JOEL, launch, 13, 17)).decide(
                2,
                "go",
                t(
                    "Pilot on track at 57% and no open major issue; the core team is"
                    " trained. Going ahead while the pilot reaches 80%."
                ),
            )


def _notes(workspace: Workspace, launch: dt.date) -> None:
    for day, who, kind, text in NOTES:
        RetroService(_at(workspace, who, launch, day, 16)).add(kind, t(text))


def _sessions(workspace: Workspace, launch: dt.date) -> None:
    """The guide's schedule of trainings and office hours; those past are held."""
    planner = SessionService(_at(workspace, JOEL, launch, -21, 10))
    saved = planner.save_plan(planner.propose())
    now = workspace.now()
    keeper = SessionService(_at(workspace, JOEL, launch, DEMO_DAY, 8))
    rollout = workspace.rollout()
    for session in saved:
        if session.end.astimezone(dt.UTC) > now or session.start_utc > keeper.workspace.now():
            continue
        attended = None
        if session.kind == "training":
            phase = rollout.plan.phase(session.phase)
            share = phase.share if phase else 0
            invited = round(TEAM_SIZE * share / 100 / len(LOCATIONS))
            attended = invited if session.phase == 1 else max(invited - 1, 0)
        keeper.held(session.id, attended)


def _objection(workspace: Workspace, launch: dt.date) -> None:
    starter = starter_text("no-time")
    ValueService(_at(workspace, ROB, launch, 15, 12)).add_objection(
        "no-time",
        phase=2,
        location="Georgetown",
        said=t("Month-end closing leaves no time for a training this week."),
        response=starter[1] if starter else None,
        helped=True,
    )
