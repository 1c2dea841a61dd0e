"""Ages and the clock turn on the minute: the wait to the next whole minute."""

from __future__ import annotations

import datetime as dt

import pytest

from launchtui.text.times import to_next_minute


@pytest.mark.parametrize(
    ("second", "micro", "wait"),
    [(0, 0, 60.0), (0, 500_000, 59.5), (30, 0, 30.0), (59, 900_000, 0.1)],
)
def test_the_wait_ends_on_the_next_whole_minute(second, micro, wait):
    moment = dt.datetime(2026, 11, 7, 12, 4, second, micro, tzinfo=dt.UTC)
    assert to_next_minute(moment) == pytest.approx(wait)
    assert (moment + dt.timedelta(seconds=to_next_minute(moment))).second == 0
