"""Requests from the checklists: tick, note, skip, undo and a late tick."""

from __future__ import annotations

from dataclasses import dataclass

from launchtui.tui.messages import FormRequest, WriteRequest


@dataclass
class TickRequested(WriteRequest):
    """Tick an open item or untick a done one. `guarded`: the item has a gate rule
    (the old system's switch-off); while it fails the tick needs a `reason`."""

    key: str = ""
    guarded: bool = False
    reason: str | None = None


@dataclass
class Refused:
    """A guarded tick the rule held back: the item's label and the question to ask."""

    label: str
    question: str


@dataclass
class NoteRequested(WriteRequest):
    """A note on an item: on an open item it ticks it."""

    key: str = ""
    note: str = ""


@dataclass
class SkipRequested(WriteRequest):
    key: str = ""
    reason: str = ""


@dataclass
class UndoRequested(WriteRequest):
    """Undo this user's latest tick, untick, skip or note."""


@dataclass
class LateTickRequested(FormRequest):
    """Tick an item at a time in the past (`launchtui tick KEY --at TIME`)."""

    key: str = ""
    at: str = ""
    note: str = ""
