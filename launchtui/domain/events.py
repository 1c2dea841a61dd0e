"""The event of an append-only log: issues and retro notes are both folded from these.

An entity (an issue, a note) is never updated in place: each change is an event saying
who, when, what kind of change and which fields it set. `IssueEvent` and `NoteEvent` are
this one type; they differ only in the name their subject's id goes by (`SUBJECT`:
"issue_id", "note_id"), in the store and in the exports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from launchtui.domain.rollout import Actor


@dataclass(frozen=True)
class Event:
    """One change to one entity: who (`actor`), when (`at`), its `kind`, and the fields it
    set (`changes`: field -> new value)."""

    SUBJECT: ClassVar[str] = "subject_id"  # the name of `subject_id` in tables and exports

    id: int
    subject_id: int  # the issue or note it changes
    kind: str
    actor: Actor
    at: dt.datetime  # aware, UTC
    changes: dict[str, Any] = field(default_factory=dict)
