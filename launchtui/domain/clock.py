"""What time it is, or what time we pretend it is (``--today``) for rehearsals and tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Clock:
    fixed_today: dt.date | None = None
    fixed_time: dt.time | None = None  # tests pin the time of day as well
    fixed_now: dt.datetime | None = None  # tests pin one instant (aware), across time zones

    def today(self) -> dt.date:
        if self.fixed_now is not None:
            return self.fixed_now.astimezone().date()
        return self.fixed_today or dt.date.today()

    def now(self) -> dt.datetime:
        """An aware UTC time; under ``--today`` that date at the current (or pinned) local time."""
        if self.fixed_now is not None:
            return self.fixed_now.astimezone(dt.UTC)
        real = dt.datetime.now().astimezone()
        if self.fixed_today is None and self.fixed_time is None:
            return real.astimezone(dt.UTC)
        local = dt.datetime.combine(
            self.fixed_today or real.date(), self.fixed_time or real.time(), real.tzinfo
        )
        return local.astimezone(dt.UTC)
