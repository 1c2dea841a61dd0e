"""App-level messages: data flows down from the app, requests flow up to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.message import Message

from launchtui.domain.gate import Gate
from launchtui.domain.locations import LocationStatus
from launchtui.domain.progress import RolloutStatus


@dataclass
class DataChanged(Message):
    """Fresh figures from the database; a newer one replaces one not yet handled."""

    status: RolloutStatus
    gate: Gate
    open_issues: dict[str, int]
    now: dt.datetime
    read_only: str | None = None  # why every write will be refused, if it will
    locations: tuple[LocationStatus, ...] = ()
    upcoming: str = ""  # the next session, as one panel line (empty: none planned)

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, DataChanged)


@dataclass
class NoRolloutYet(Message):
    """The database holds no rollout: offer setup or the sample."""
