"""App-level messages: data flows down from the app, requests flow up to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from textual.message import Message
from textual.message_pump import MessagePump

from launchtui.domain.gate import Gate
from launchtui.domain.locations import LocationStatus
from launchtui.domain.progress import RolloutStatus
from launchtui.domain.rollout import Rollout


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
class IssueAddRequested(WriteRequest):
    fields: dict[str, Any] = field(default_factory=dict)  # IssueService.add's arguments


@dataclass
class IssueEditRequested(WriteRequest):
    issue_id: int = 0
    fields: dict[str, Any] = field(default_factory=dict)  # IssueService.edit's arguments


@dataclass
class IssueChangeRequested(WriteRequest):
    """One triage step on an issue: escalate, workaround, resolve or reopen."""

    issue_id: int = 0
    change: str = "escalate"  # "escalate" | "workaround" | "resolve" | "reopen"
    text: str | None = None


@dataclass
class DecisionRequested(WriteRequest):
    """A go / hold / stop decision on a phase; a refusal shows in the form."""

    own_errors: ClassVar[bool] = True
    phase: int = 0
    decision: str = ""
    reason: str = ""


@dataclass
class OverrideRequested(WriteRequest):
    """Hold the rollout ("hold") or go despite the gate ("go"), or lift either ("lift")."""

    kind: str = "hold"
    reason: str = ""


@dataclass
class FiguresRequested(WriteRequest):
    phase: int = 0
    day: dt.date | None = None
    values: dict[str, Any] = field(default_factory=dict)  # AdoptionService.record's


@dataclass
class PhaseEditRequested(WriteRequest):
    number: int = 0
    values: dict[str, Any] = field(default_factory=dict)  # AdoptionService.edit_phase's


@dataclass
class RetroNoteRequested(WriteRequest):
    """A new retrospective note (`note_id` None) or an edit of one."""

    kind: str = ""
    text: str = ""
    issue_id: int | None = None
    note_id: int | None = None


@dataclass
class SetupRequested(WriteRequest):
    """Create the rollout: from the setup form (`rollout`, with its `locations` as
    (name, time zone, champion)) or the demo (None)."""

    rollout: Rollout | None = None
    locations: tuple[tuple[str, str, str | None], ...] = ()


@dataclass
class ExportRequested(WriteRequest):
    """Write an export to `path`. Runs in its own worker group on its own connection,
    off the write lock: a long export never holds up a tick."""

    refresh: ClassVar[bool] = False
    own_connection: ClassVar[bool] = True
    path: str = ""
    fmt: str = ""
    # (workspace, format, stream, path, **filters) -> what to say; from the export
    # dialog's table.
    writer: Callable[..., str] | None = None
    # What the tab shows (the issues tab's status, severity, tier, text): the export
    # writes only that.
    filters: dict[str, Any] = field(default_factory=dict)


# -- requests from a form (launchtui/tui/screens/form.py) -------------------------------
#
# Values come as typed; the handler reads them through the services, which refuse bad
# input with the command line's own line, shown in the form.


@dataclass
class FormRequest(WriteRequest):
    """A change typed into a form: a refusal shows in the form, which stays open."""

    own_errors: ClassVar[bool] = True


@dataclass
class RescheduleRequested(FormRequest):
    """Move the launch date (`launchtui reschedule`)."""

    launch: str = ""
    reason: str = ""


@dataclass
class LateTickRequested(FormRequest):
    """Tick an item at a time in the past (`launchtui tick KEY --at TIME`)."""

    key: str = ""
    at: str = ""
    note: str = ""


@dataclass
class FiguresImportRequested(FormRequest):
    """Import figures from a CSV survey export (`launchtui metrics import FILE`). It runs
    on a connection of its own, in batches, so ticks get in meanwhile; `progress` hears
    of each batch (called on the worker's thread)."""

    own_connection: ClassVar[bool] = True
    path: str = ""
    phase: str = ""
    progress: Callable[[Any], None] | None = field(default=None, repr=False)


@dataclass
class PhaseAddRequested(FormRequest):
    """Add a phase to the plan (`phases add`): `values` are `AdoptionService.add_phase`'s."""

    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class PhaseRemoveRequested(FormRequest):
    """Remove a phase still to come with no decision (`phases remove N`)."""

    number: str = ""
    reason: str = ""


@dataclass
class FactRequested(FormRequest):
    """Set (or, empty, clear) one fact of the mails in one language (`comms set`)."""

    key: str = ""
    value: str = ""
    lang: str = ""


@dataclass
class LocationRequested(FormRequest):
    """Add, edit or remove a location (`locations add/edit/remove`)."""

    change: str = "add"  # "add" | "edit" | "remove"
    name: str = ""
    tz: str = ""
    champion: str = ""
    workdays: str = ""


@dataclass
class SessionRequested(FormRequest):
    """Add, move, cancel or mark held a session (`sessions add/move/cancel/held`)."""

    change: str = "add"  # "add" | "move" | "cancel" | "held"
    session_id: int = 0
    values: dict[str, str] = field(default_factory=dict)  # as typed


@dataclass
class ValueRequested(FormRequest):
    """An impact figure, a cost or an objection (`impact add`, `cost add`, `objection add`)."""

    kind: str = "impact"  # "impact" | "cost" | "objection"
    values: dict[str, str] = field(default_factory=dict)  # as typed


@dataclass
class IssueCommentRequested(FormRequest):
    """A comment on an issue's timeline (`issue comment`)."""

    issue_id: int = 0
    text: str = ""
