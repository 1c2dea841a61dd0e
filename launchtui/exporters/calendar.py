"""The rollout as an RFC 5545 calendar: sessions, phase starts, decisions, due dates.

Written with `icalendar`, which escapes text, folds long lines and writes a VTIMEZONE
for every zone a session uses, so Outlook and Google Calendar place each session at its
own location's wall time. Every event's UID is the rollout's key plus the entity's own
(a session's number, a phase, a checklist item's key): importing the file again updates
the events instead of adding them twice. A session's SEQUENCE counts its changes, so a
moved or cancelled session replaces the old one; a cancelled one carries STATUS:CANCELLED.
Dates without a time (phase starts, decisions, due dates) are all-day events.

A year's plan is a few thousand events, so the file is built with care for the library's
cost: each zone's VTIMEZONE is made once, from the sessions' own dates (the library's
`add_missing_timezones` would first walk every property of every event to find the
zones); a value many events share (the stamp, a status, a group's summary, a location's
description) is encoded once and the same object given to each; and a session leaves out
what RFC 5545 makes its default (SEQUENCE 0, TRANSP OPAQUE), lines every reader would
parse for nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from launchtui.domain.checklist import Instance
from launchtui.domain.decisions import Decision
from launchtui.domain.rollout import Rollout
from launchtui.domain.sessions import CANCELLED, Session, zone
from launchtui.text.i18n import language, t
from launchtui.text.safe import clean, one_line

PRODID = "-//launchtui//rollout calendar//EN"
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class CalendarData:
    """What goes into the calendar, read by the service."""

    rollout: Rollout
    rollout_key: str  # stable per rollout: the first part of every UID
    sessions: Sequence[Session]
    revisions: Mapping[int, int] = field(default_factory=dict)
    decisions: Sequence[Decision] = ()
    items: Sequence[Instance] = ()
    stamp: dt.datetime = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # DTSTAMP: when written


def uid(rollout_key: str, entity: str) -> str:
    """'session-12.3f9a...@launchtui': the same entity of the same rollout, the same UID."""
    return f"{_UID_UNSAFE.sub('-', entity)}.{rollout_key}@launchtui"


def build(data: CalendarData):
    """The calendar as an `icalendar.Calendar`, with every zone it uses defined."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", t("{tool} rollout", tool=data.rollout.tool))
    week = dt.timedelta(days=7)
    for tz, (first, last) in _zone_dates(data.sessions).items():
        cal.add_component(vtimezone(tz, first - week, last + week))
    for event in _events(data, language()):
        cal.add_component(event)
    return cal


def vtimezone(tz: str, first: dt.date, last: dt.date):
    """The VTIMEZONE of `tz` from `first` to `last`, as icalendar's `Timezone.from_tzid`
    makes it. Most Caribbean zones keep one offset all year, and for such a zone the
    library searches on for a change up to the year 9999 (some 15 ms a zone); its one
    STANDARD part is written here instead, the same lines."""
    import icalendar

    clock = zone(tz)
    midnight = dt.datetime.combine(first, dt.time(), tzinfo=clock)
    seen = {
        (moment.utcoffset(), moment.dst(), moment.tzname())
        for moment in (midnight + dt.timedelta(days=n) for n in range((last - first).days + 1))
    }
    if len(seen) != 1:
        return icalendar.Timezone.from_tzid(tz, first_date=first, last_date=last)
    ((offset, dst, name),) = seen
    out = icalendar.Timezone()
    out.add("TZID", tz)
    out.add("COMMENT", f"This timezone only works from {first} to {last}.")
    part = icalendar.TimezoneStandard() if dst == dt.timedelta() else icalendar.TimezoneDaylight()
    part.TZOFFSETFROM = offset
    part.TZOFFSETTO = offset
    part.add("TZNAME", name if name is not None else str(offset))
    part.DTSTART = midnight.replace(tzinfo=None)
    out.add_component(part)
    return out


def _zone_dates(sessions: Sequence[Session]) -> dict[str, tuple[dt.date, dt.date]]:
    """Each zone the sessions use, with the first and last day a session has there."""
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    for s in sessions:
        day = s.start.date()
        first, last = spans.get(s.tz, (day, day))
        spans[s.tz] = (min(first, day), max(last, day))
    return spans


class _Shared(dict):
    """Encoded property values by their text, each made once and given to every event
    that has it (icalendar leaves a value that is encoded already as it is)."""

    def __missing__(self, text: str):
        import icalendar

        value = self[text] = icalendar.vText(text)
        return value


def write(stream: TextIO, data: CalendarData) -> int:
    """Write the calendar to `stream`; returns how many events it holds."""
    cal = build(data)
    stream.write(cal.to_ical().decode("utf-8"))
    return len(cal.events)


def _events(data: CalendarData, lang: str) -> Iterable:
    import icalendar

    rollout, key = data.rollout, data.rollout_key
    groups = {p.number: p for p in rollout.plan.phases}
    shared = _Shared()
    stamp = icalendar.vDDDTypes(data.stamp)
    summaries: dict[tuple[str, int], str] = {}
    descriptions: dict[tuple[str, str | None, str | None], str] = {}
    for s in data.sessions:
        what = (s.kind, s.phase)
        if what not in summaries:
            phase = groups.get(s.phase)
            summaries[what] = one_line(
                t(
                    "{kind}: {tool} ({group})",
                    kind=s.kind_label().capitalize(),
                    tool=rollout.tool,
                    group=phase.group if phase else t("phase {n}", n=s.phase),
                )
            )
        where = (s.location, s.host, s.place)
        if where not in descriptions:
            lines = [t("Location: {name}", name=one_line(s.location))]
            if s.host:
                lines.append(t("Host: {name}", name=one_line(s.host)))
            if s.place:
                lines.append(t("Place: {place}", place=one_line(s.place)))
            descriptions[where] = "\n".join(lines)
        event = icalendar.Event()
        event.add("uid", uid(key, f"session-{s.id}"))
        event.add("dtstamp", stamp)
        event.add("dtstart", s.start)
        event.add("dtend", s.end)
        sequence = data.revisions.get(s.id or 0, 0)
        if sequence:  # absent is 0 (RFC 5545): a session never changed has none
            event.add("sequence", sequence)
        event.add("summary", shared[summaries[what]])
        event.add("location", shared[one_line(s.place or s.location)])
        event.add("description", shared[descriptions[where]])
        event.add("status", shared["CANCELLED" if s.status == CANCELLED else "CONFIRMED"])
        yield event  # TRANSP: OPAQUE, the default for an event with a time
    for phase in rollout.plan.phases:
        day = rollout.launch + dt.timedelta(days=phase.start)
        yield _all_day(
            uid(key, f"phase-{phase.number}"),
            day,
            t(
                "{tool}: {phase} starts ({group})",
                tool=rollout.tool,
                phase=phase.name,
                group=phase.group,
            ),
            data.stamp,
        )
    latest: dict[int, Decision] = {}
    for decision in data.decisions:
        latest[decision.phase] = decision
    for number, decision in sorted(latest.items()):
        phase = groups.get(number)
        yield _all_day(
            uid(key, f"decision-{number}"),
            decision.on,
            t(
                "{tool}: decision for {phase}: {decision}",
                tool=rollout.tool,
                phase=phase.name if phase else t("phase {n}", n=number),
                decision=decision.decision,
            ),
            data.stamp,
            description=decision.reason,
        )
    for item in data.items:
        yield _all_day(
            uid(key, f"item-{item.key}"),
            item.due,
            t("Due: {item}", item=item.label(lang)),
            data.stamp,
        )


def _all_day(event_uid: str, day: dt.date, summary: str, stamp: dt.datetime, description: str = ""):
    import icalendar

    event = icalendar.Event()
    event.add("uid", event_uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    # User text (names, reasons) as text only: no control character reaches a calendar.
    event.add("summary", one_line(summary))
    if description:
        event.add("description", clean(description))
    event.add("transp", "TRANSPARENT")
    return event
