"""Locations: each with its own time zone and local champion.

A rollout across CARICOM offices has no single "today": an item due yesterday in
Amsterdam can still be due today in Paramaribo. Everything dated is worked out per
location from one instant, `now`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from launchtui.domain.checklist import Schedule
from launchtui.domain.progress import rollout_status
from launchtui.domain.rollout import Rollout
from launchtui.domain.ticks import TickEvent
from launchtui.text.i18n import t

MAX_NAME = 60
# Working days as datetime's weekday numbers (Monday 0 .. Sunday 6).
WORKDAYS = (0, 1, 2, 3, 4)  # Mon-Fri, unless a location says otherwise
DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Typed in Dutch too: ma-vr, zo-do.
_DUTCH_CODES = ("ma", "di", "wo", "do", "vr", "za", "zo")
# Joiners some scripts need inside a word (Persian, Indic names); other format characters
# (bidi overrides, invisible marks) are refused with the control characters.
_JOINERS = {"\u200c", "\u200d"}


def is_one_line_name(text: str, most: int = MAX_NAME) -> bool:
    """A name as people see it: 1 to `most` characters on one line, nothing that steers a
    terminal or the reading direction (control, format, line and paragraph separators)."""
    return 0 < len(text) <= most and not any(
        unicodedata.category(c) in {"Cc", "Cf", "Cs", "Zl", "Zp"} and c not in _JOINERS
        for c in text
    )


@dataclass(frozen=True)
class Location:
    name: str
    tz: str  # an IANA time zone, e.g. America/Paramaribo
    champion: str | None = None
    workdays: tuple[int, ...] = WORKDAYS  # weekday numbers, Monday 0, in that order

    @property
    def zone(self) -> dt.tzinfo:
        import zoneinfo  # ~15 ms at start-up, and most rollouts have no locations

        return zoneinfo.ZoneInfo(self.tz)

    def local(self, now: dt.datetime) -> dt.datetime:
        """`now` (aware) as the clock on the wall there."""
        return now.astimezone(self.zone)

    def today(self, now: dt.datetime) -> dt.date:
        return self.local(now).date()


def validate_name(name: str | None) -> str:
    value = (name or "").strip()
    if not value:
        raise ValueError("a location needs a name")
    if not is_one_line_name(value):
        raise ValueError(f"the location name must be one line of at most {MAX_NAME} characters")
    return value


def validate_tz(tz: str | None) -> str:
    import zoneinfo

    value = (tz or "").strip()
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {value!r}; use a name like America/Paramaribo or Europe/Amsterdam"
        ) from None
    return value


def parse_workdays(text: str | None) -> tuple[int, ...]:
    """'mon-fri', 'sun-thu' (a range may run over the weekend), 'mon,wed,fri' or a mix
    ('mon-wed,fri'); Dutch day names (ma-vr) are read too. Anything else, or no day at
    all, is one clear line naming the part not understood."""
    value = (text or "").strip().casefold()
    if not value:
        raise ValueError(t("--workdays needs at least one day, e.g. mon-fri"))
    days: set[int] = set()
    for part in (p.strip() for p in value.split(",")):
        ends = [e.strip() for e in part.split("-")]
        if not part or len(ends) > 2 or not all(e in _CODES for e in ends):
            raise ValueError(
                t(
                    "--workdays: {part!r} in {value!r} is not a day or a range of days;"
                    " use e.g. mon-fri, sun-thu or mon,tue,thu",
                    part=part,
                    value=text or "",
                )
            )
        first, last = _CODES[ends[0]], _CODES[ends[-1]]
        days.update((first + i) % 7 for i in range((last - first) % 7 + 1))
    return tuple(sorted(days))


_CODES = {code: n for codes in (DAY_CODES, _DUTCH_CODES) for n, code in enumerate(codes)}


def workdays_code(days: tuple[int, ...]) -> str:
    """The days as stored and as `--workdays` takes them: 'mon,tue,wed,thu,fri'."""
    return ",".join(DAY_CODES[d] for d in sorted(set(days)))


def workdays_from_code(code: str | None) -> tuple[int, ...]:
    """The stored days; none stored (a location saved before they were kept) is Mon-Fri."""
    if not code:
        return WORKDAYS
    return tuple(sorted({DAY_CODES.index(c) for c in code.split(",")}))


def workdays_spans(days: tuple[int, ...]) -> list[tuple[int, int]]:
    """The days as runs of consecutive days, first and last of each, in the order they
    start; a run over the weekend stays one: Sun-Thu is [(6, 3)], not Mon-Thu and Sun."""
    wanted = set(days)
    if len(wanted) == 7:
        return [(0, 6)]
    start = next(d for d in range(7) if d not in wanted)  # a day off
    spans: list[tuple[int, int]] = []
    for i in range(1, 8):
        day = (start + i) % 7
        if day not in wanted:
            continue
        if spans and spans[-1][1] == (day - 1) % 7:
            spans[-1] = (spans[-1][0], day)
        else:
            spans.append((day, day))
    return sorted(spans)


def find(locations: list[Location], name: str) -> Location | None:
    wanted = name.strip().casefold()
    return next((loc for loc in locations if loc.name.casefold() == wanted), None)


@dataclass(frozen=True)
class LocationStatus:
    """One location at this instant: its wall clock, its today, and what is due there."""

    location: Location
    local_now: dt.datetime
    due_today: int
    overdue: int
    ticks: int  # ticks made there, all told

    @property
    def today(self) -> dt.date:
        return self.local_now.date()


def location_statuses(
    locations: list[Location],
    rollout: Rollout,
    schedule: Schedule,
    state: dict[str, TickEvent],
    now: dt.datetime,
    ticks: dict[str, int],
) -> list[LocationStatus]:
    """Each location's own view of the same checklists: due and overdue by its local date."""
    out = []
    for location in locations:
        local = location.local(now)
        status = rollout_status(rollout, schedule, state, local.date())
        out.append(
            LocationStatus(
                location, local, status.due_today, status.overdue, ticks.get(location.name, 0)
            )
        )
    return out
