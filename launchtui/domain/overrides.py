"""A coordinator's hand on the whole gate: hold the rollout, or go despite it, until lifted.

Both need a reason; so does lifting one, since the gate then says something else again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from launchtui.domain.rollout import Actor
from launchtui.text.i18n import t

OVERRIDE_KINDS = ("hold", "go")
HISTORY_KINDS = (*OVERRIDE_KINDS, "lift")
MAX_REASON = 2000


class Override(NamedTuple):
    """A coordinator's decision over the gate: `hold` the rollout, or `go` despite it.

    In the override history a `lift` entry ends the override before it.
    """

    kind: str  # hold | go | lift
    reason: str | None
    actor: Actor
    at: dt.datetime  # aware

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "reason": self.reason,
            "user": self.actor.name,
            "login": self.actor.login,
            "at": self.at.isoformat(),
        }


def new_override(kind: str, reason: str | None, actor: Actor, at: dt.datetime) -> Override:
    """A validated hold or go; raises ValueError saying what is missing."""
    kind = (kind or "").strip().lower()
    if kind not in OVERRIDE_KINDS:
        raise ValueError(t("unknown override {kind}; use hold or go", kind=repr(kind)))
    return _entry(kind, reason, actor, at)


def new_lift(reason: str | None, actor: Actor, at: dt.datetime) -> Override:
    """A validated lift of the override that stands; it needs a reason too."""
    return _entry("lift", reason, actor, at)


def _entry(kind: str, reason: str | None, actor: Actor, at: dt.datetime) -> Override:
    text = (reason or "").strip()
    if not text:
        if kind == "hold":
            raise ValueError(t("a hold override needs a reason: say why"))
        if kind == "go":
            raise ValueError(t("a go override needs a reason: say why"))
        raise ValueError(t("lifting an override needs a reason: say why"))
    if len(text) > MAX_REASON:
        raise ValueError(
            t(
                "the reason is {n} characters; at most {most} fit",
                n=f"{len(text):,}",
                most=f"{MAX_REASON:,}",
            )
        )
    if at.tzinfo is None:
        raise ValueError("override times must be aware datetimes")
    return Override(kind, text, actor, at)


def standing_override(history: Iterable[Override]) -> Override | None:
    """The override that stands after `history` (oldest first): None once lifted."""
    latest: Override | None = None
    for entry in history:
        latest = entry
    return latest if latest is not None and latest.kind != "lift" else None
