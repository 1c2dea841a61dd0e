"""The status panel's reminder of a month-1 or month-3 review."""

from __future__ import annotations

import datetime as dt

from launchtui.domain.reviews import review_due
from launchtui.text.i18n import day_month, t


def review_reminder(end: dt.date, today: dt.date) -> str | None:
    """The panel's line on the days a month-1 or month-3 review is due; None otherwise."""
    due = review_due(end, today)
    if due is None:
        return None
    name, day = due
    if name == "month1":
        return t(
            "Month-1 review due since {date}: figures against the baseline"
            " (launchtui review month1)",
            date=day_month(day),
        )
    return t(
        "Month-3 review due since {date}: the ROI (launchtui review month3)",
        date=day_month(day),
    )
