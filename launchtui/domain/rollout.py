"""The rollout itself: what is launched, when, and on which timeline template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from launchtui.domain.phases import TEMPLATES, PhasePlan


@dataclass(frozen=True)
class Actor:
    """Who did something: the name they chose and the OS login that ran the process.

    The login is always recorded too, so a shared display name cannot hide who acted.
    """

    name: str
    login: str

    def label(self) -> str:
        return self.name if self.name == self.login else f"{self.name} ({self.login})"


@dataclass(frozen=True)
class Rollout:
    tool: str
    launch: dt.date
    template: str = "phased"
    team_size: int | None = None
    phases: PhasePlan | None = None  # an edited plan; None follows the template
    lang: str | None = None  # the language it was made in; None: made before it was kept

    @property
    def plan(self) -> PhasePlan:
        return self.phases or TEMPLATES[self.template]

    @property
    def end(self) -> dt.date:
        """The day the rollout is complete: the last day of its last phase."""
        return self.launch + dt.timedelta(days=self.plan.end_offset)

    def day(self, today: dt.date) -> int:
        """Days since launch: negative before, 0 on launch day."""
        return (today - self.launch).days


def day_number(start: int, day: int) -> int:
    """The ordinal of `day` in a span starting on `start` (both days since launch): its
    first day is day 1. The one count behind 'day 5 of the rollout' and 'day 5 of 14', so
    the two agree while phase 1 runs."""
    return day - start + 1
