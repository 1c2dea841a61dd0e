"""A recorded decision before a phase's group starts: go, hold or stop, and why.

Each phase after the first is judged on the results so far before its group moves: a
coordinator records go, hold or stop with a reason. The record keeps who, when, the
gate's verdict at that moment and the evidence it rested on (each criterion's value and
threshold, open issues by severity), so the decision can be checked later against what
was known then. A go while the gate was not at go is marked `against_gate`.

A hold can be followed by a later decision; once a phase has a go or a stop, it is decided.
The first phase starts with the launch itself; a decision for it is welcome, not needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from launchtui.domain.rollout import Actor
from launchtui.text.i18n import day_month, t

DECISIONS = ("go", "hold", "stop")
FINAL = ("go", "stop")
MAX_REASON = 2000


@dataclass(frozen=True)
class Decision:
    phase: int
    decision: str  # go | hold | stop
    reason: str
    actor: Actor
    at: dt.datetime  # aware, when it was recorded
    on: dt.date  # the day it counts from: the coordinator's today when recorded
    gate_state: str  # the gate's state by the rules at that moment
    against_gate: bool  # a go while the gate was not at go
    evidence: tuple[Mapping[str, Any], ...] = ()  # criteria: name, value, threshold, ok
    open_issues: Mapping[str, int] = field(default_factory=dict)  # by severity
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "phase": self.phase,
            "decision": self.decision,
            "reason": self.reason,
            "user": self.actor.name,
            "login": self.actor.login,
            "at": self.at.isoformat(),
            "on": self.on.isoformat(),
            "gate_state": self.gate_state,
            "against_gate": self.against_gate,
            "evidence": [dict(c) for c in self.evidence],
            "open_issues": dict(self.open_issues),
        }


def clean_reason(reason: str | None, decision: str) -> str:
    """The reason trimmed; ValueError when it is missing or too long."""
    text = (reason or "").strip()
    if not text:
        raise ValueError(
            t(
                "a {decision} decision needs a reason: say why",
                decision=decision_word(decision),
            )
        )
    if len(text) > MAX_REASON:
        raise ValueError(
            t(
                "the reason is {n} characters; at most {most} fit",
                n=f"{len(text):,}",
                most=f"{MAX_REASON:,}",
            )
        )
    return text


def check_kind(decision: str) -> str:
    kind = (decision or "").strip().lower()
    if kind not in DECISIONS:
        raise ValueError(t("unknown decision {kind}; use go, hold or stop", kind=repr(decision)))
    return kind


def latest_by_phase(decisions: Iterable[Decision], today: dt.date) -> dict[int, Decision]:
    """The decision that stands for each phase on `today` (later ones are not known yet)."""
    standing: dict[int, Decision] = {}
    for d in sorted(decisions, key=lambda d: (d.on, d.at, d.id or 0)):
        if d.on <= today:
            standing[d.phase] = d
    return standing


def already_decided(decisions: Iterable[Decision], phase: int) -> Decision | None:
    """The go or stop that settled `phase`, if any: it cannot be decided again."""
    found = [d for d in decisions if d.phase == phase]
    found.sort(key=lambda d: (d.on, d.at, d.id or 0))
    return found[-1] if found and found[-1].decision in FINAL else None


def decision_word(decision: str) -> str:
    """'go', 'hold', 'stop' in the language of the texts."""
    return {"go": t("go"), "hold": t("hold"), "stop": t("stop")}.get(decision, decision)


def already_decided_message(settled: Decision, today: dt.date | None = None) -> str:
    """'phase 2 is already decided: go by ana on 17 Nov' (with the year when `today` is
    given and falls in another)."""
    return t(
        "phase {n} is already decided: {decision} by {who} on {date}",
        n=settled.phase,
        decision=decision_word(settled.decision),
        who=settled.actor.name,
        date=day_month(settled.on, today),
    )
