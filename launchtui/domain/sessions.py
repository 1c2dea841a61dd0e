"""Training sessions and office hours: the guide's support plan as dated, zoned sessions.

The guide: one hands-on group training of 60-90 minutes per phase, before its group
starts; one-hour drop-in office hours daily in the phase's first week and three times in
its second. Each location has its own clock and working days, so a session is a wall
time *there*: 10:00 in Paramaribo is 09:00 in Georgetown's neighbour Port of Spain.

`plan_sessions` proposes that schedule as a pure function of the plan, the locations and
the chosen local time; `check_new` refuses what cannot be held (a wall time that does not
exist in a daylight-saving gap, a host booked twice). `training_criterion` turns held
trainings' attendance into the gate's advisory training figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from launchtui.domain.locations import WORKDAYS, Location, find
from launchtui.domain.phases import Phase, PhasePlan
from launchtui.text import numbers
from launchtui.text.i18n import N_, t

TRAINING, OFFICE_HOUR = "training", "office-hour"
KINDS = (TRAINING, OFFICE_HOUR)
PLANNED, HELD, CANCELLED = "planned", "held", "cancelled"
STATUSES = (PLANNED, HELD, CANCELLED)
TRAINING_MINUTES = 90  # the guide: 60-90 minutes, hands-on
OFFICE_HOUR_MINUTES = 60  # the guide: drop-in help in 1-hour blocks
MIN_MINUTES, MAX_MINUTES = 15, 8 * 60
WORKING_DAYS = WORKDAYS  # Mon-Fri, unless a location says otherwise
DEFAULT_TIME = dt.time(10, 0)
MAX_PLACE = 200
KIND_LABELS = {TRAINING: N_("training"), OFFICE_HOUR: N_("office hour")}


@dataclass(frozen=True)
class Session:
    """One training or office hour at one location, at a wall time in that location's zone."""

    phase: int
    location: str
    kind: str  # training | office-hour
    start: dt.datetime  # aware, in the location's zone (a ZoneInfo)
    minutes: int
    host: str | None = None
    place: str | None = None  # a room or a link
    status: str = PLANNED  # planned | held | cancelled
    attended: int | None = None  # how many of the phase's group came (held trainings)
    id: int | None = None  # None until saved
    created_by: str = ""
    created_at: dt.datetime | None = None

    @property
    def tz(self) -> str:
        return str(self.start.tzinfo)

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    @property
    def start_utc(self) -> dt.datetime:
        return self.start.astimezone(dt.UTC)

    @property
    def live(self) -> bool:
        """Planned or held: it takes its host's time (a cancelled one does not)."""
        return self.status != CANCELLED

    def kind_label(self) -> str:
        return t(KIND_LABELS[self.kind])

    def overlaps(self, other: Session) -> bool:
        return self.start_utc < other.end.astimezone(dt.UTC) and other.start_utc < self.end


def zone(tz: str) -> dt.tzinfo:
    import zoneinfo

    return zoneinfo.ZoneInfo(tz)


def wall_time(day: dt.date, at: dt.time, tz: str) -> dt.datetime:
    """`at` on `day` on the wall clock of `tz`; refused (ValueError) when that time does
    not exist there, as in the hour clocks skip when daylight saving begins.

    zoneinfo gives a nonexistent time an offset anyway; it shows in the round trip
    through UTC, which lands on another wall time."""
    local = dt.datetime.combine(day, at, tzinfo=zone(tz))
    back = local.astimezone(dt.UTC).astimezone(local.tzinfo)
    if back.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ValueError(
            t(
                "{time} does not exist on {date} in {tz} (the clocks move forward then);"
                " choose another time",
                time=f"{at:%H:%M}",
                date=day.isoformat(),
                tz=tz,
            )
        )
    return local


def parse_time(text: str | None, what: str = "--time") -> dt.time:
    """'10:00' or '9:30' as a wall time; anything else is one clear line."""
    value = (text or "").strip()
    try:
        hours, minutes = value.split(":")
        if len(minutes) != 2:
            raise ValueError
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(
            t("{what}: {value!r} is not a time; use HH:MM, e.g. 10:00", what=what, value=value)
        ) from None


def check_kind(kind: str | None) -> str:
    value = (kind or "").strip().lower().replace("_", "-").replace(" ", "-")
    if value in ("office-hours", "office"):
        value = OFFICE_HOUR
    if value not in KINDS:
        raise ValueError(t("unknown session kind {kind!r}; use training or office-hour", kind=kind))
    return value


def check_minutes(minutes: int) -> int:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValueError(
            t(
                "a session lasts {low} to {high} minutes, not {n}",
                low=MIN_MINUTES,
                high=MAX_MINUTES,
                n=minutes,
            )
        )
    return minutes


def check_host(host: str | None) -> str | None:
    """A host's name: one line, as a location's champion is (it goes into calendars)."""
    from launchtui.domain.locations import MAX_NAME, is_one_line_name

    value = (host or "").strip()
    if value and not is_one_line_name(value, MAX_NAME):
        raise ValueError(t("the host must be one line of at most {n} characters", n=MAX_NAME))
    return value or None


def check_place(place: str | None) -> str | None:
    from launchtui.domain.locations import is_one_line_name

    value = (place or "").strip()
    if not value:
        return None
    if not is_one_line_name(value, MAX_PLACE):
        raise ValueError(
            t("the place or link must be one line of at most {n} characters", n=MAX_PLACE)
        )
    return value


def resolve_location(locations: Sequence[Location], name: str | None) -> Location:
    """The location called `name` (any case), or one clear line naming the known ones."""
    found = find(list(locations), name or "")
    if found is not None:
        return found
    if not locations:
        raise ValueError(
            t(
                "unknown location {name!r}; this rollout has no locations yet:"
                " add one with `launchtui locations add NAME --tz AREA/CITY`",
                name=name or "",
            )
        )
    raise ValueError(
        t(
            "unknown location {name!r}; known: {names}",
            name=name or "",
            names=", ".join(loc.name for loc in locations),
        )
    )


def describe(session: Session) -> str:
    """'office hour Tue 3 Nov 10:00 Georgetown (#4)': a session named in one line."""
    from launchtui.text.present import day_label

    number = f" (#{session.id})" if session.id is not None else ""
    when = f"{day_label(session.start.date())} {session.start:%H:%M}"
    return f"{session.kind_label()} {when} {session.location}{number}"


def clash(session: Session, others: Iterable[Session]) -> Session | None:
    """The first live session of the same host that `session` overlaps, if any."""
    if not session.host or not session.live:
        return None
    host = session.host.casefold()
    for other in others:
        if other.id is not None and other.id == session.id:
            continue
        same_host = other.live and other.host and other.host.casefold() == host
        if same_host and session.overlaps(other):
            return other
    return None


def check_new(session: Session, others: Iterable[Session]) -> Session:
    """Refuse a session whose host is already booked then (one line naming both)."""
    other = clash(session, others)
    if other is not None:
        raise ValueError(
            t(
                "{host} would host two sessions at once: {new} overlaps {old}",
                host=session.host,
                new=describe(session),
                old=describe(other),
            )
        )
    return session


def check_all(new: Sequence[Session], existing: Iterable[Session]) -> None:
    """Refuse `new` sessions when one of them books a host twice, among themselves or with
    `existing`: per host, sorted by start, each must start once the one before it ended
    (n log n, where checking each against all would be quadratic for a long plan)."""
    by_host: dict[str, list[tuple[dt.datetime, dt.datetime, bool, Session]]] = {}
    for fresh, group in ((False, existing), (True, new)):
        for s in group:
            if s.live and s.host:
                entry = (s.start_utc, s.end.astimezone(dt.UTC), fresh, s)
                by_host.setdefault(s.host.casefold(), []).append(entry)
    for entries in by_host.values():
        entries.sort(key=lambda e: (e[0], e[1]))
        latest: tuple[dt.datetime, dt.datetime, bool, Session] | None = None
        for entry in entries:
            if latest is not None and entry[0] < latest[1] and (entry[2] or latest[2]):
                fresh, other = (entry[3], latest[3]) if entry[2] else (latest[3], entry[3])
                check_new(fresh, [other])  # raises, naming both
            if latest is None or entry[1] > latest[1]:
                latest = entry


# -- the plan -------------------------------------------------------------------


def _working_day_before(day: dt.date, workdays: tuple[int, ...]) -> dt.date:
    day -= dt.timedelta(days=1)
    for _ in range(7):
        if day.weekday() in workdays:
            return day
        day -= dt.timedelta(days=1)
    return day


def _three_of(days: list[dt.date]) -> list[dt.date]:
    """Three spread over a week's working days: Mon, Wed and Fri of a Mon-Fri week."""
    if len(days) <= 3:
        return days
    return [days[0], days[len(days) // 2], days[-1]]


def plan_sessions(
    plan: PhasePlan,
    launch: dt.date,
    locations: Sequence[Location],
    at: dt.time = DEFAULT_TIME,
    workdays: Mapping[str, tuple[int, ...]] | None = None,
) -> list[Session]:
    """The guide's schedule for every phase and location, in start order.

    For each phase that brings a group in (not the switch-off) and each location (only its
    own, for a phase that belongs to one): a training on the last working day before the
    phase starts, office hours on each working day of its first week and on three of its
    second. Working days are each location's own (Mon-Fri unless it says otherwise), or
    the ones `workdays` gives for a location by name. A location
    has at most one office hour a day (short phases share weeks), and on a day it also
    has a training, the office hour follows the training. Raises ValueError for a time
    that does not exist (a daylight-saving gap), naming the day and zone.
    """
    workdays = workdays or {}
    out: list[Session] = []
    for location in locations:
        days_on = workdays.get(location.name, location.workdays)
        trainings: dict[dt.date, Session] = {}
        office: dict[dt.date, int] = {}
        for phase in _bringing_groups(plan, location):
            start = launch + dt.timedelta(days=phase.start)
            day = _working_day_before(start, days_on)
            if day not in trainings:
                trainings[day] = _session(phase, location, TRAINING, day, at, TRAINING_MINUTES)
            first = [start + dt.timedelta(days=i) for i in range(7)]
            second = [start + dt.timedelta(days=i) for i in range(7, 14)]
            for d in _on(first, days_on):  # a group's first week is its own
                office[d] = phase.number
            for d in _three_of(_on(second, days_on)):
                office.setdefault(d, phase.number)
        out.extend(trainings.values())
        for day, number in sorted(office.items()):
            when = at
            if day in trainings:
                when = trainings[day].end.time()
            phase = plan.phase(number)
            assert phase is not None
            out.append(_session(phase, location, OFFICE_HOUR, day, when, OFFICE_HOUR_MINUTES))
    out.sort(key=lambda s: (s.start_utc, s.location.casefold(), s.kind))
    return out


def _bringing_groups(plan: PhasePlan, location: Location) -> list[Phase]:
    return [
        p
        for p in sorted(plan.phases, key=lambda p: (p.start, p.number))
        if not p.decommission
        and (p.location is None or p.location.casefold() == location.name.casefold())
    ]


def _on(days: list[dt.date], workdays: tuple[int, ...]) -> list[dt.date]:
    return [d for d in days if d.weekday() in workdays]


def _session(
    phase: Phase, location: Location, kind: str, day: dt.date, at: dt.time, minutes: int
) -> Session:
    return Session(
        phase=phase.number,
        location=location.name,
        kind=kind,
        start=wall_time(day, at, location.tz),
        minutes=minutes,
        host=location.champion,
    )


def not_clashing(proposed: Sequence[Session], existing: Sequence[Session]) -> list[Session]:
    """The proposed sessions that are new: not already saved (same phase, location, kind
    and day), so planning twice adds nothing twice."""
    seen = {(s.phase, s.location.casefold(), s.kind, s.start.date()) for s in existing if s.live}
    return [
        s for s in proposed if (s.phase, s.location.casefold(), s.kind, s.start.date()) not in seen
    ]


def moved(session: Session, day: dt.date, at: dt.time) -> Session:
    return replace(session, start=wall_time(day, at, session.tz))


# -- attendance and the gate -------------------------------------------------------


class GroupTraining(NamedTuple):
    """How much of one group has been trained: attendance of its held trainings."""

    phase: int
    group: str
    size: int | None  # None: no headcount to size the group from
    attended: int

    @property
    def percent(self) -> float | None:
        if not self.size:
            return None
        return min(100.0, 100.0 * self.attended / self.size)


def group_trainings(
    plan: PhasePlan,
    launch: dt.date,
    headcount: int | None,
    sessions: Iterable[Session],
    today: dt.date,
) -> list[GroupTraining]:
    """Each group whose phase has started by `today` (the switch-off has no group of its
    own), with its size and how many of it attended its held trainings."""
    return groups_trained(plan, launch, headcount, held_attendance(sessions), today)


def held_attendance(sessions: Iterable[Session]) -> dict[int, int]:
    """How many attended the held trainings, per phase (`SessionLog.training_attendance`
    counts the same in the database)."""
    held: dict[int, int] = {}
    for s in sessions:
        if s.kind == TRAINING and s.status == HELD and s.attended:
            held[s.phase] = held.get(s.phase, 0) + s.attended
    return held


def groups_trained(
    plan: PhasePlan,
    launch: dt.date,
    headcount: int | None,
    held: Mapping[int, int],
    today: dt.date,
) -> list[GroupTraining]:
    """`group_trainings` from the attendance per phase (`held_attendance`)."""
    day = (today - launch).days
    return [
        GroupTraining(p.number, p.group, p.people(headcount), held.get(p.number, 0))
        for p in sorted(plan.started(day), key=lambda p: (p.start, p.number))
        if not p.decommission
    ]


def training_criterion(groups: Sequence[GroupTraining], today: dt.date):
    """The gate's advisory training criterion from attendance: the share of every started
    group that attended a held training. Without a headcount it says what is missing and
    never holds (missing data is not good data)."""
    from launchtui.domain import gate
    from launchtui.domain.groups import OK, PENDING

    name = "training completion"
    threshold = f">= {numbers.decimal(gate.TRAINING_MIN, 'en')}%"
    words = {
        "label": gate.criterion_label("training"),
        "threshold_label": f">= {numbers.percent(gate.TRAINING_MIN)}",
        "advisory": True,
        "kind": "training",
    }
    if not groups:
        detail = t("no group has started yet")
        return gate.Criterion(name, None, threshold, False, detail=detail, status=PENDING, **words)
    if any(g.size is None for g in groups):
        detail = t("no headcount: set it with `launchtui sessions headcount N` to size the groups")
        return gate.Criterion(name, None, threshold, False, detail=detail, status=PENDING, **words)
    size = sum(g.size or 0 for g in groups)
    attended = sum(min(g.attended, g.size or 0) for g in groups)
    value = 100.0 * attended / size
    ok = value >= gate.TRAINING_MIN
    parts = ", ".join(
        t("{group} {n} of {size}", group=g.group, n=min(g.attended, g.size or 0), size=g.size)
        for g in groups
    )
    detail = t("training {value} attended ({groups})", value=numbers.percent(value), groups=parts)
    return gate.Criterion(
        name,
        value,  # unrounded: numbers.percent cuts it, never shows 80% for 79.96%
        threshold,
        ok,
        detail=detail,
        status=OK if ok else PENDING,
        as_of=today,
        **words,
    )


def next_session(sessions: Iterable[Session], now: dt.datetime) -> Session | None:
    """The next planned session that has not started by `now`."""
    ahead = [s for s in sessions if s.status == PLANNED and s.start_utc >= now]
    return min(ahead, key=lambda s: (s.start_utc, s.location.casefold()), default=None)


def sessions_between(sessions: Iterable[Session], first: dt.date, last: dt.date) -> list[Session]:
    """Live sessions whose local date falls in first..last, in start order."""
    return sorted(
        (s for s in sessions if s.live and first <= s.start.date() <= last),
        key=lambda s: (s.start_utc, s.location.casefold()),
    )


# -- the weekly update ----------------------------------------------------------------

_WEEK_WORDS = {
    "en": {TRAINING: "training", OFFICE_HOUR: "office hour", "none": "No sessions planned."},
    "nl": {TRAINING: "training", OFFICE_HOUR: "spreekuur", "none": "Geen sessies gepland."},
}


def week_text(sessions: Iterable[Session], first: dt.date, last: dt.date, lang: str) -> str:
    """The weekly update's list of a week's sessions, per location, each in that location's
    own time (where its readers are), in the update's language (`lang`, not the app's)."""
    from launchtui.domain.comms import short_date

    words = _WEEK_WORDS.get(lang, _WEEK_WORDS["en"])
    shown = sessions_between(sessions, first, last)
    if not shown:
        return words["none"]
    by_place: dict[str, list[Session]] = {}
    for s in sorted(shown, key=lambda s: (s.location.casefold(), s.start)):
        by_place.setdefault(s.location, []).append(s)
    lines: list[str] = []
    for place, items in by_place.items():
        lines.append(f"{' '.join(place.split())} ({items[0].tz}):")
        for s in items:
            host = f", {' '.join(s.host.split())}" if s.host else ""
            lines.append(
                f"- {short_date(s.start.date(), lang)} {s.start:%H:%M}–{s.end:%H:%M}"
                f" {words[s.kind]}{host}"
            )
    return "\n".join(lines)
