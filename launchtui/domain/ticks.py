"""Ticks as an append-only log; an item's state is whatever its latest event says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from launchtui.domain.rollout import Actor

ACTIONS = ("tick", "untick", "skip")


@dataclass(frozen=True)
class RuleException:
    """Why an item was ticked although a rule said not yet, and the figure at that moment."""

    rule: str  # new-system: switching the old system off needs 80% of everyone moved
    reason: str
    value: float | None
    threshold: float

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "reason": self.reason,
            "value": self.value,
            "threshold": self.threshold,
        }


class TickEvent(NamedTuple):
    id: int
    key: str
    action: str  # tick | untick | skip (skipped as not applicable)
    actor: Actor
    at: dt.datetime  # when it happened (aware, UTC)
    recorded_at: dt.datetime  # when it was entered; later than `at` for paper ticks
    note: str | None = None
    undo_of: int | None = None
    location: str | None = None  # where the ticker was, when locations are in use
    exception: RuleException | None = None  # ticked against a rule, and why

    @property
    def state(self) -> str:
        return {"tick": "done", "skip": "skipped"}.get(self.action, "open")

    @property
    def entered_late(self) -> bool:
        return self.recorded_at - self.at > dt.timedelta(minutes=5)


class TickNote(NamedTuple):
    """A note on an item, by its own author: it never changes who ticked or the state.

    A row whose `undo_of` is set is not a note but the undo of note `undo_of` (its
    author's `u`): that note is hidden from then on; the log keeps both.
    """

    id: int
    key: str
    actor: Actor
    at: dt.datetime  # when it was written (aware, UTC)
    text: str | None  # None on an undo row
    location: str | None = None
    after_tick: int = 0  # the newest tick event when it was written: orders notes among ticks
    undo_of: int | None = None

    action = "note"

    @property
    def order(self) -> tuple[int, int, int]:
        """Where it falls among tick events (their order is `(id, 0, 0)`)."""
        return (self.after_tick, 1, self.id)


def visible_notes(notes: Iterable[TickNote]) -> list[TickNote]:
    """The notes that stand: not undo rows, and not undone."""
    notes = list(notes)
    undone = {n.undo_of for n in notes if n.undo_of is not None}
    return [n for n in notes if n.undo_of is None and n.id not in undone]


def latest_by_key(events: Iterable[TickEvent]) -> dict[str, TickEvent]:
    """Fold a log (oldest first) into the event that decides each key's state."""
    out: dict[str, TickEvent] = {}
    for event in events:
        out[event.key] = event
    return out


def undo_action(own: TickEvent, before: TickEvent | None) -> str:
    """What to append so that `own` is undone: the state before it, or open."""
    return before.action if before is not None else "untick"
