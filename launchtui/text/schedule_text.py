"""The schedule in one line: the next session on the status panel."""

from __future__ import annotations

import datetime as dt

from launchtui.domain.sessions import Session
from launchtui.text.i18n import n_, t
from launchtui.text.present import day_label
from launchtui.text.safe import one_line


def time_until(start: dt.datetime, now: dt.datetime) -> str:
    """'in 25 min', 'in 2 h', 'in 3 days': how soon, as short as fits a panel line."""
    minutes = max(0, int((start - now).total_seconds() // 60))
    if minutes < 60:
        return n_(minutes, "in {n} min", "in {n} min")
    hours = minutes // 60
    if hours < 24:
        return n_(hours, "in {n} h", "in {n} h")
    days = (start.date() - now.astimezone(start.tzinfo).date()).days
    return n_(days, "in {n} day", "in {n} days")


def next_session_line(session: Session | None, now: dt.datetime) -> str:
    """'Next: office hour 10:00 Georgetown (in 2 h)' in the session's own wall time; the
    day is named when it is not today there. Empty when nothing is planned."""
    if session is None:
        return ""
    local_now = now.astimezone(session.start.tzinfo)
    when = f"{session.start:%H:%M}"
    if session.start.date() != local_now.date():
        when = f"{day_label(session.start.date())} {when}"
    return t(
        "Next: {kind} {when} {place} ({soon})",
        kind=session.kind_label(),
        when=when,
        place=one_line(session.location),
        soon=time_until(session.start, now),
    )
