"""App-level messages: data flows down from the app, requests flow up to it.

The requests themselves are in launchtui/tui/requests/, loaded with the widgets that
post them; here are their bases and what the app sends down."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from textual.message import Message
from textual.message_pump import MessagePump

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


# -- requests: a widget says what the user asked for; the app does it ------------------
#
# Each request is handled in one place (launchtui/tui/handlers.py) by a write worker on
# the app (launchtui/tui/app.py), which maps a refused change to the one error line and
# says what happened in a toast. A request that wants to hear the outcome names its
# `origin`: the app posts a `Written` back to it once the change is committed (or refused).


@dataclass
class WriteRequest(Message):
    """A change to the rollout the user asked for; bubbles up to the app."""

    origin: MessagePump | None = field(default=None, kw_only=True, repr=False)
    # True: a refusal goes to the origin's own error line (a form), not to a toast.
    own_errors: ClassVar[bool] = False
    # False: nothing on screen depends on it (an export): no reload afterwards.
    refresh: ClassVar[bool] = True
    # True: runs on a connection of its own, outside the write lock (an export, an import).
    own_connection: ClassVar[bool] = False


@dataclass
class Written(Message):
    """The outcome of `request`, posted back to its origin only."""

    bubble: ClassVar[bool] = False
    request: WriteRequest
    result: object = None
    error: str | None = None


# -- requests from a form (launchtui/tui/screens/form.py) -------------------------------
#
# Values come as typed; the handler reads them through the services, which refuse bad
# input with the command line's own line, shown in the form.


@dataclass
class FormRequest(WriteRequest):
    """A change typed into a form: a refusal shows in the form, which stays open."""

    own_errors: ClassVar[bool] = True
