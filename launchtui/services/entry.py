"""A date or a time as a user types it, read the same way by the command line and the TUI,
so both refuse the same input with the same line."""

from __future__ import annotations

import datetime as dt

from launchtui.services.workspace import UserError, check_launch
from launchtui.text.i18n import t
from launchtui.text.safe import one_line


class NotAValue(UserError):
    """The text is no date or time at all (the command line makes it a usage error)."""


def read_date(value: str, what: str, today: dt.date) -> dt.date:
    """'2026-11-03', within `LAUNCH_YEARS` of `today`; `what` names the field in the error."""
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise NotAValue(t("{value} is not a date like 2026-11-03", value=repr(value))) from None
    near_today(day, value, what, today)
    return day


def read_time(
    value: str, today: dt.date, zone: dt.tzinfo | None = None, what: str = "--at"
) -> dt.datetime:
    """'14:05' (today), '2026-11-03 14:05' or ISO 8601; returned as aware UTC. A time
    without an offset is read in `zone` (the coordinator's location), else the system's.
    A time more than `LAUNCH_YEARS` from `today` is refused with one line."""
    text = value.strip()
    try:
        if len(text) <= 5 and ":" in text:
            moment = dt.datetime.combine(today, dt.time.fromisoformat(text.zfill(5)))
        else:
            moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise NotAValue(
            t("{value} is not a time like 14:05 or 2026-11-03T14:05", value=repr(value))
        ) from None
    near_today(moment.date(), value, what, today)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone) if zone is not None else moment.astimezone()
    return moment.astimezone(dt.UTC)


def near_today(day: dt.date, value: str, what: str, today: dt.date) -> None:
    check_launch(day, today, what, typed=one_line(value))
