"""An event of an issue's timeline or a note's history as the exports write it, and back.

One renderer for both logs: the subject's id goes under the event type's `SUBJECT`
("issue_id", "note_id"), the rest is the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, TypeVar

from launchtui.domain.events import Event
from launchtui.domain.rollout import Actor

E = TypeVar("E", bound=Event)


def event_dict(event: Event) -> dict[str, Any]:
    """The event as JSON: id, the subject's id, kind, by, login, at, changes."""
    return {
        "id": event.id,
        event.SUBJECT: event.subject_id,
        "kind": event.kind,
        "by": event.actor.name,
        "login": event.actor.login,
        "at": event.at.isoformat(),
        "changes": dict(event.changes),
    }


def event_from_dict(event_type: type[E], data: Mapping[str, Any]) -> E:
    """The event that `event_dict` wrote (a JSON export read back)."""
    return event_type(
        data["id"],
        data[event_type.SUBJECT],
        data["kind"],
        Actor(data["by"], data["login"]),
        dt.datetime.fromisoformat(data["at"]),
        dict(data["changes"]),
    )
