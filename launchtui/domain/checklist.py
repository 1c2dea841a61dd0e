"""Checklist windows and their items, and the dated instances they become for a rollout.

A window is timed against launch day D (or the day the rollout is complete); a daily or
weekly item becomes one instance per day or week, keyed by the date it is for, such as
``first-week/daily-check-in@2026-11-06``: a tick stays on its date when the launch slips.
The older spelling by day or week number (``first-week/daily-check-in@d3``,
``each-week-after/metrics-tracked@w3``) is still understood: it names the instance with
that number under the current launch date (`Schedule.find`, `legacy_key`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from launchtui.domain.rollout import Rollout

RECURRENCES = ("once", "daily", "weekly")
# The spelling of recurring keys before issue 14: day or week number after launch.
_LEGACY_TAG = re.compile(r"[dw]-?[0-9]+")
ANCHORS = ("launch", "rollout-end")


class ItemSpec(NamedTuple):
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


class WindowSpec(NamedTuple):
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


class Instance(NamedTuple):
    """One thing to do on one day: an item, or one occurrence of a recurring item."""

    key: str
    window: str
    item: ItemSpec
    due: dt.date
    occurrence: str | None = None  # "d3" (third day after launch) or "w3" (week 3)

    def label(self, lang: str = "en") -> str:
        return self.item.label(lang)

    @property
    def legacy_key(self) -> str | None:
        """The key this instance had before keys were dates (``...@d3``), under the
        current launch date; None for a one-off item."""
        return legacy_key(self.key, self.occurrence)


def legacy_key(key: str, occurrence: str | None) -> str | None:
    if occurrence is None:
        return None
    return f"{key.rpartition('@')[0]}@{occurrence}"


def is_legacy_key(key: str) -> bool:
    """Whether `key` names a recurring instance by day or week number (``...@d3``)."""
    base, at, tag = key.rpartition("@")
    return bool(base and at and _LEGACY_TAG.fullmatch(tag))


class WindowSchedule(NamedTuple):
    spec: WindowSpec
    first: dt.date
    last: dt.date
    instances: tuple[Instance, ...]

    @property
    def id(self) -> str:
        return self.spec.id

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


class ChecklistSet(NamedTuple):
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
        """The instance `key` names: by its date, or (older spelling) by its day or week
        number under the current launch date."""
        return self._by_key.get(key) or self._by_legacy_key.get(key)

    @cached_property
    def _by_key(self) -> dict[str, Instance]:
        return {i.key: i for w in self.windows for i in w.instances}

    @cached_property
    def _by_legacy_key(self) -> dict[str, Instance]:
        return {i.legacy_key: i for w in self.windows for i in w.instances if i.legacy_key}

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
        out.append(Instance(f"{base}@{due.isoformat()}", spec.id, item, due, tag))
        due += dt.timedelta(days=step)
    return out


class SlipMove(NamedTuple):
    """What a launch slip did to one instance that was already done (or skipped)."""

    key: str
    before: Instance | None  # under the old launch date
    after: Instance | None  # under the new one; None: no longer in the schedule

    @property
    def moved(self) -> bool:
        """Its due date moved with the launch (a one-off item, or a tick by day number)."""
        return (
            self.before is not None
            and self.after is not None
            and (self.before.due != self.after.due)
        )

    @property
    def dropped(self) -> bool:
        """Its date now lies outside its window: it stays done in the history only."""
        return self.after is None


def slip_moves(before: Schedule, after: Schedule, done: Iterable[str]) -> list[SlipMove]:
    """The done keys a slip from `before` to `after` touches: moved along, kept on their
    date under a new day number, or no longer in the schedule; in schedule order."""
    out = []
    for key in done:
        old, new = before.find(key), after.find(key)
        if old is None:
            continue  # not in the schedule before either: nothing the slip did
        if new is None or old.due != new.due or old.occurrence != new.occurrence:
            out.append(SlipMove(key, old, new))
    return sorted(out, key=lambda m: (m.before.due, m.key))  # type: ignore[union-attr]
