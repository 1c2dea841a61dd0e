"""When the month-1 and month-3 reviews fall: date rules the status panel checks on every
paint, kept apart from the value model so the panel does not load it."""

from __future__ import annotations

import datetime as dt

REVIEW_DAYS = {"month1": 30, "month3": 90}  # after the rollout's last day, as the checklist
REMIND_DAYS = 14  # the panel reminds from the review's day for this many days


def review_dates(end: dt.date) -> dict[str, dt.date]:
    """When the month-1 and month-3 reviews fall, after the rollout's last day."""
    return {name: end + dt.timedelta(days=days) for name, days in REVIEW_DAYS.items()}


def review_due(end: dt.date, today: dt.date) -> tuple[str, dt.date] | None:
    """The review to hold now (its name and day), from its day for `REMIND_DAYS` days."""
    for name, day in review_dates(end).items():
        if day <= today < day + dt.timedelta(days=REMIND_DAYS):
            return name, day
    return None
