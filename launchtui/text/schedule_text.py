"""The schedule in one line: the next session on the status panel."""

from __future__ import annotations

import datetime as dt

from launchtui.domain.locations import Location
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


def schedule_lines(
    sessions: list[Session], locations: list[Location], now: dt.datetime
) -> list[str]:
    """The schedule view: per location (its zone, champion and wall clock), its sessions
    from today on in its own time, today's first; earlier ones only counted."""
    from launchtui.text.present import relative_day

    if not sessions:
        return [t("No sessions yet: `launchtui sessions plan` proposes the guide's schedule")]
    zones = {loc.name.casefold(): loc for loc in locations}
    by_place: dict[str, list[Session]] = {}
    for s in sessions:
        by_place.setdefault(s.location, []).append(s)
    lines: list[str] = []
    for place, items in sorted(by_place.items(), key=lambda kv: kv[0].casefold()):
        loc = zones.get(place.casefold())
        local_now = now.astimezone(items[0].start.tzinfo)
        today = local_now.date()
        champion = f" · {one_line(loc.champion)}" if loc and loc.champion else ""
        lines.append(f"{one_line(place)} ({items[0].tz}){champion} · {local_now:%H:%M}")
        ahead = [s for s in items if s.start.date() >= today]
        for s in ahead:
            mark = {"held": " ✓", "cancelled": " ✗"}.get(s.status, "")
            status = "" if s.status == "planned" else f" [{status_word(s.status)}]"
            attended = "" if s.attended is None else " · " + t("{n} attended", n=s.attended)
            lines.append(
                f" {day_label(s.start.date())} {s.start:%H:%M}–{s.end:%H:%M}"
                f"  {s.kind_label()}{mark}{status}{attended}"
                f"  ({relative_day(s.start.date(), today)})"
            )
        earlier = len(items) - len(ahead)
        if earlier:
            lines.append(" " + n_(earlier, "{n} earlier session", "{n} earlier sessions"))
        if not ahead:
            lines.append(" " + t("nothing planned from today on"))
        lines.append("")
    return lines[:-1]


def status_word(status: str) -> str:
    """A session's status for people: planned, held, cancelled."""
    return {"held": t("held"), "cancelled": t("cancelled")}.get(status, t("planned"))


def session_line(s: Session) -> str:
    """'Mon 2 Nov 10:00-11:30  training  phase 1' in the location's own time."""
    when = f"{day_label(s.start.date())} {s.start:%H:%M}–{s.end:%H:%M}"
    return f"{when}  {s.kind_label()}  " + t("phase {n}", n=s.phase)


def session_said(s: Session) -> str:
    """What a change to a session says: where, then `session_line`."""
    return f"{one_line(s.location)} {session_line(s)}"
