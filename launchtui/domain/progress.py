"""Where the checklists stand on a given day: done, skipped, due today, overdue."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from launchtui.domain.checklist import Instance, Schedule, WindowSchedule
from launchtui.domain.phases import Phase
from launchtui.domain.rollout import Rollout
from launchtui.domain.ticks import TickEvent


class ItemStatus(NamedTuple):
    instance: Instance
    event: TickEvent | None  # the event that decides the state; None if never touched
    today: dt.date

    @property
    def key(self) -> str:
        return self.instance.key

    @property
    def state(self) -> str:
        return self.event.state if self.event else "open"

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def overdue(self) -> bool:
        return self.is_open and self.instance.due < self.today

    @property
    def due_today(self) -> bool:
        return self.is_open and self.instance.due == self.today


class WindowProgress(NamedTuple):
    window: WindowSchedule
    items: tuple[ItemStatus, ...]

    @property
    def id(self) -> str:
        return self.window.id

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.state == "done")

    @property
    def skipped(self) -> int:
        return sum(1 for i in self.items if i.state == "skipped")

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.items if i.overdue)

    @property
    def due_today(self) -> int:
        return sum(1 for i in self.items if i.due_today)


class RolloutStatus(NamedTuple):
    rollout: Rollout
    today: dt.date
    windows: tuple[WindowProgress, ...]
    current: WindowSchedule | None

    @property
    def day(self) -> int:
        return self.rollout.day(self.today)

    @property
    def phase(self) -> Phase | None:
        return self.rollout.plan.current(self.day)

    @property
    def overdue(self) -> int:
        return sum(w.overdue for w in self.windows)

    @property
    def due_today(self) -> int:
        return sum(w.due_today for w in self.windows)

    def item(self, key: str) -> ItemStatus | None:
        for window in self.windows:
            for item in window.items:
                if item.key == key:
                    return item
        return None


def rollout_status(
    rollout: Rollout, schedule: Schedule, state: dict[str, TickEvent], today: dt.date
) -> RolloutStatus:
    windows = tuple(
        WindowProgress(w, tuple(ItemStatus(i, deciding(i, state), today) for i in w.instances))
        for w in schedule.windows
    )
    return RolloutStatus(rollout, today, windows, schedule.current(today))


def deciding(instance: Instance, state: dict[str, TickEvent]) -> TickEvent | None:
    """The event that decides `instance`: the latest under its date key or under its older
    key by day or week number (ticks made before keys were dates)."""
    event = state.get(instance.key)
    legacy = instance.legacy_key
    older = state.get(legacy) if legacy is not None else None
    if older is None:
        return event
    return older if event is None or older.id > event.id else event
