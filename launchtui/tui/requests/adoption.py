"""Requests from the gate tab about the figures and what the team decides on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from launchtui.tui.messages import FormRequest, WriteRequest


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
class FiguresImportRequested(FormRequest):
    """Import figures from a CSV survey export (`launchtui metrics import FILE`). It runs
    on a connection of its own, in batches, so ticks get in meanwhile; `progress` hears
    of each batch (called on the worker's thread)."""

    own_connection: ClassVar[bool] = True
    path: str = ""
    phase: str = ""
    progress: Callable[[Any], None] | None = field(default=None, repr=False)


@dataclass
class ValueRequested(FormRequest):
    """An impact figure, a cost or an objection (`impact add`, `cost add`, `objection add`)."""

    kind: str = "impact"  # "impact" | "cost" | "objection"
    values: dict[str, str] = field(default_factory=dict)  # as typed
