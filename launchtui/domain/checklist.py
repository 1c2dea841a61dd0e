"""Checklist windows and their items, and the dated instances they become for a rollout.

A window is timed against launch day D (or the day the rollout is complete); a daily or
weekly item becomes one instance per day or week, each with a key of its own such as
``first-week/daily-check-in@d3`` or ``each-week-after/metrics-tracked@w3``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from launchtui.domain.rollout import Rollout

RECURRENCES = ("once", "daily", "weekly")
ANCHORS = ("launch", "rollout-end")


@dataclass(frozen=True)
class ItemSpec:
    id: str
    text: dict[str, str]
    recurrence: str = "once"
    owner: str | None = None
    due: int | None = None  # days from the window's anchor
    # A gate rule that must hold before it is ticked: "new-system" (the old system goes
    # off only when 80% of everyone works in the new one). Ticking against it needs a reason.
    requires: str | None = None

    def label(self, lang: str = "en") -> str:
        return self.text.get(lang) or self.text["en"]


@dataclass(frozen=True)
class WindowSpec:
    id: str
    order: int
    title: dict[str, str]
    start: int
    end: int | None  # None: the window runs until the rollout is complete
    anchor: str = "launch"
    items: tuple[ItemSpec, ...] = ()
    source: Path | None = None
    line: int | None = None  # of the [window] header, for faults

    def label(self, lang: str = "en") -> str:
        return self.title.get(lang) or self.title["en"]


@dataclass(frozen=True)
class Instance:
    """One thing to do on one day: an item, or one occurrence of a recurring item."""

    key: str
    window: str
    item: ItemSpec
    due: dt.date
    occurrence: str | None = None  # "d3" (third day after launch) or "w3" (week 3)

    def label(self, lang: str = "en") -> str:
        return self.item.label(lang)


@dataclass(frozen=True)
class WindowSchedule:
    spec: WindowSpec
    first: dt.date
    last: dt.date
    instances: tuple[Instance, ...]

    @property
    def id(self) -> str:
        return self.spec.id

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class ChecklistSet:
    windows: tuple[WindowSpec, ...]

    def schedule(self, rollout: Rollout) -> Schedule:
        windows = (_schedule_window(w, rollout) for w in self.windows)
        # A window that ends before it starts (each week after, in a one-week rollout) is empty.
        return Schedule(tuple(w for w in windows if w.first <= w.last))


@dataclass(frozen=True)
class Schedule:
    """Every window of a rollout with its dated instances, in display order."""

    windows: tuple[WindowSchedule, ...]

    def instances(self) -> list[Instance]:
        return [i for w in self.windows for i in w.instances]

    def find(self, key: str) -> Instance | None:
        for window in self.windows:
            for instance in window.instances:
                if instance.key == key:
                    return instance
        return None

    def window(self, window_id: str) -> WindowSchedule | None:
        return next((w for w in self.windows if w.id == window_id), None)

    def current(self, today: dt.date) -> WindowSchedule | None:
        """The window `today` falls in; between windows the next one; after all, the last."""
        if not self.windows:
            return None
        for window in self.windows:
            if window.contains(today):
                return window
        upcoming = [w for w in self.windows if w.first > today]
        if upcoming:
            return min(upcoming, key=lambda w: w.first)
        return max(self.windows, key=lambda w: w.last)


def _schedule_window(spec: WindowSpec, rollout: Rollout) -> WindowSchedule:
    anchor = rollout.launch if spec.anchor == "launch" else rollout.end
    first = anchor + dt.timedelta(days=spec.start)
    last = rollout.end if spec.end is None else anchor + dt.timedelta(days=spec.end)
    instances: list[Instance] = []
    for item in spec.items:
        instances.extend(_expand(spec, item, anchor, first, last, rollout.launch))
    instances.sort(key=lambda i: i.due)  # stable: file order within a day
    return WindowSchedule(spec, first, last, tuple(instances))


def _expand(
    spec: WindowSpec,
    item: ItemSpec,
    anchor: dt.date,
    first: dt.date,
    last: dt.date,
    launch: dt.date,
) -> list[Instance]:
    base = f"{spec.id}/{item.id}"
    if item.recurrence == "once":
        due = last if item.due is None else anchor + dt.timedelta(days=item.due)
        return [Instance(base, spec.id, item, due)]
    step = 1 if item.recurrence == "daily" else 7
    due = first if item.due is None else anchor + dt.timedelta(days=item.due)
    out = []
    while due <= last:
        days = (due - launch).days
        tag = f"d{days}" if step == 1 else f"w{-(-days // 7)}"
        out.append(Instance(f"{base}@{tag}", spec.id, item, due, tag))
        due += dt.timedelta(days=step)
    return out
