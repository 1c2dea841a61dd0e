"""The calendar's VTIMEZONE of each zone: the very lines icalendar's `from_tzid` writes,
made without its slow search when the zone keeps one offset (most Caribbean ones)."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from launchtui.exporters.calendar import vtimezone

FIRST, LAST = dt.date(2026, 10, 26), dt.date(2027, 11, 30)


@pytest.mark.parametrize(
    "tz",
    [
        "America/Paramaribo",  # one offset all year
        "America/Guyana",
        "America/Port_of_Spain",
        "America/Barbados",
        "Asia/Dubai",  # a Sun-Thu office
        "Etc/GMT+4",
        "UTC",
        "America/Nassau",  # daylight saving: the library's own
        "Europe/Amsterdam",
        "America/New_York",
    ],
)
def test_the_same_lines_as_the_library(tz):
    made = vtimezone(tz, FIRST, LAST).to_ical()
    assert made == icalendar.Timezone.from_tzid(tz, first_date=FIRST, last_date=LAST).to_ical()
    assert f"TZID:{tz}".encode() in made


def test_a_zone_that_changes_inside_the_range_gets_each_offset():
    made = vtimezone("Europe/Amsterdam", FIRST, LAST).to_ical()
    assert b"TZOFFSETTO:+0100" in made and b"TZOFFSETTO:+0200" in made
