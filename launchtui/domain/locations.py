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

MAX_NAME = 60
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
