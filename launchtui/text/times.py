"""Moments as they are stored and shown: one set of helpers for every module.

Stored times are aware and in UTC (ISO 8601); people see their own wall clock, or UTC
with its name in exported files that travel between zones.
"""

from __future__ import annotations

import datetime as dt


def aware_utc(moment: dt.datetime) -> dt.datetime:
    """`moment` in UTC, for storing; a naive time is a programming error (ValueError)."""
    if moment.tzinfo is None:
        raise ValueError("times must be aware datetimes")
    return moment.astimezone(dt.UTC)


def iso(moment: dt.datetime | None) -> str | None:
    """ISO 8601 text of a moment, None for none: the JSON exports' form."""
    return None if moment is None else moment.isoformat()


def utc_stamp(moment: dt.datetime) -> str:
    """'2026-11-25 17:00 UTC': a time in a file read in several zones."""
    return f"{moment.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"


def local_time(moment: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """An aware `moment` on the wall clock of `zone` (the coordinator's location; None: the
    system's), '2026-11-25 14:00'; with the zone's abbreviation, '2026-11-25 14:00 -03',
    when that clock differs from the system's at that moment."""
    local = moment.astimezone(zone) if zone is not None else moment.astimezone()
    text = f"{local:%Y-%m-%d %H:%M}"
    if zone is not None and local.utcoffset() != moment.astimezone().utcoffset():
        text += f" {local:%Z}"
    return text


def to_next_minute(moment: dt.datetime) -> float:
    """Seconds from `moment` to the next whole minute (a full minute on the boundary
    itself): the clock and every "5 minutes ago" turn on the minute, as a wall clock does."""
    into = moment.second + moment.microsecond / 1_000_000
    return 60.0 - into
