"""Each started group judged on its own dated figures: adoption and survey.

A group *meets* the adoption rule with a figure of 80%+ active use dated inside its window
(its start to 28 days later, both days included). Once met it stays met; a later figure
below 80% is a warning (`slipping`), never a missed deadline. Inside the window a group not
yet met is *on track* when its latest figure is fresh and at least the pace
(80% x days gone / 28), else it *needs work*. A window that ends without a qualifying
figure is *missed*, whether the figures were low or absent: missing data is never good data.

The survey rule: the group's latest satisfaction must be 7+/10 and its latest NPS above 0.
Inside the window a missing, stale or low survey is *pending*; once the window is over, a
missing or low one *fails*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from launchtui.domain.metrics import Figures
from launchtui.domain.phases import Phase

ACTIVE_USE_MIN = 80.0  # % active weekly each group needs
GROUP_DAYS = 28  # ... within this many days of its start (day 28 is still within)
FRESH_DAYS = 14  # a figure this many days old still counts as fresh; one day older is stale
SATISFACTION_MIN = 7.0
NPS_ABOVE = 0

MET, ON_TRACK, NEEDS_WORK, MISSED = "met", "on-track", "needs-work", "missed"
ADOPTION_VERDICTS = (MET, ON_TRACK, NEEDS_WORK, MISSED)
OK, PENDING, FAILING = "ok", "pending", "failing"
SURVEY_VERDICTS = (OK, PENDING, FAILING)


class Reading(NamedTuple):
    """One dated value of one figure."""

    value: float
    date: dt.date

    def to_json(self) -> dict[str, object]:
        return {"value": self.value, "date": self.date.isoformat()}


class Adoption(NamedTuple):
    """How a group stands against the 80%-in-4-weeks rule on one day."""

    verdict: str  # met | on-track | needs-work | missed
    start: dt.date
    deadline: dt.date  # the window's last day
    days_left: int  # to the deadline; negative once it has passed
    met: Reading | None  # the first figure that met the rule inside the window
    latest: Reading | None  # the latest active-use figure up to today
    latest_inside: Reading | None  # the latest one dated inside the window
    stale: bool  # not met, inside the window, its latest figure older than FRESH_DAYS
    pace: float  # what a figure needs today to be on track
    slipping: Reading | None  # met, and a later figure fell below 80%

    @property
    def deciding(self) -> Reading | None:
        """The figure the verdict rests on: the one that met it, else the latest."""
        return self.met or self.latest


class Survey(NamedTuple):
    """One survey figure (satisfaction or NPS) of one group against its minimum."""

    field: str  # satisfaction | nps
    verdict: str  # ok | pending | failing
    latest: Reading | None
    stale: bool  # inside the window and older than FRESH_DAYS

    @property
    def ok(self) -> bool:
        return self.verdict == OK


def window(phase: Phase, launch: dt.date) -> tuple[dt.date, dt.date]:
    """A group's start and the last day of its 4 weeks."""
    start = launch + dt.timedelta(days=phase.start)
    return start, start + dt.timedelta(days=GROUP_DAYS)


def readings(own: Sequence[Figures], field: str) -> list[Reading]:
    """Every value of `field` in `own` (oldest first, dated up to today)."""
    return [Reading(float(getattr(f, field)), f.date) for f in own if getattr(f, field) is not None]


def is_fresh(reading: Reading, today: dt.date) -> bool:
    return (today - reading.date).days <= FRESH_DAYS


def judge_adoption(
    phase: Phase, launch: dt.date, own: Sequence[Figures], today: dt.date
) -> Adoption:
    """The adoption verdict of `phase`'s group; `own` are its figures, oldest first."""
    start, deadline = window(phase, launch)
    values = readings(own, "active_weekly")
    inside = [r for r in values if start <= r.date <= deadline]
    met = next((r for r in inside if r.value >= ACTIVE_USE_MIN), None)
    latest = values[-1] if values else None
    days_left = (deadline - today).days
    elapsed = min(max((today - start).days, 0), GROUP_DAYS)
    pace = ACTIVE_USE_MIN * elapsed / GROUP_DAYS
    slipping = None
    stale = False
    if met is not None:
        verdict = MET
        if latest is not met and latest is not None and latest.value < ACTIVE_USE_MIN:
            slipping = latest
    elif days_left < 0:
        verdict = MISSED
    else:
        recent = inside[-1] if inside else None
        stale = recent is not None and not is_fresh(recent, today)
        on_track = recent is not None and not stale and recent.value >= pace
        verdict = ON_TRACK if on_track else NEEDS_WORK
    last_inside = inside[-1] if inside else None
    return Adoption(
        verdict, start, deadline, days_left, met, latest, last_inside, stale, pace, slipping
    )


def judge_survey(
    field: str, phase: Phase, launch: dt.date, own: Sequence[Figures], today: dt.date
) -> Survey:
    """The group's latest `field` (satisfaction or nps) against its minimum."""
    _, deadline = window(phase, launch)
    values = readings(own, field)
    latest = values[-1] if values else None
    good = latest is not None and survey_holds(field, latest.value)
    if today > deadline:
        return Survey(field, OK if good else FAILING, latest, False)
    stale = latest is not None and not is_fresh(latest, today)
    return Survey(field, OK if good and not stale else PENDING, latest, stale)


def survey_holds(field: str, value: float) -> bool:
    if field == "satisfaction":
        return value >= SATISFACTION_MIN
    return value > NPS_ABOVE
