"""Requests from the issue log: add, edit, one triage step, a comment."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from launchtui.tui.messages import FormRequest, WriteRequest


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
class IssueCommentRequested(FormRequest):
    """A comment on an issue's timeline (`issue comment`)."""

    issue_id: int = 0
    text: str = ""
