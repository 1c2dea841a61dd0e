"""Requests that change the plan: the rollout, its dates, phases, locations and sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from launchtui.domain.rollout import Rollout
from launchtui.tui.messages import FormRequest, WriteRequest


@dataclass
class SetupRequested(WriteRequest):
    """Create the rollout: from the setup form (`rollout`, with its `locations` as
    (name, time zone, champion)) or the demo (None)."""

    rollout: Rollout | None = None
    locations: tuple[tuple[str, str, str | None], ...] = ()


@dataclass
class RescheduleRequested(FormRequest):
    """Move the launch date (`launchtui reschedule`)."""

    launch: str = ""
    reason: str = ""


@dataclass
class PhaseEditRequested(WriteRequest):
    number: int = 0
    values: dict[str, Any] = field(default_factory=dict)  # AdoptionService.edit_phase's


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
