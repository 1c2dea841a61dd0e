"""The issue log: issues as folds of an append-only event log, and the rules for changing them.

Nothing about an issue is ever overwritten. Each change (logged, edited, escalated,
workaround recorded, resolved, reopened) is an `IssueEvent` carrying the fields it set;
the current `Issue` is `fold(events)`, and its `timeline` is the events themselves.

The transition functions (`edit_changes`, `escalation`, `workaround_changes`,
`resolve_changes`, `reopen_changes`) take the current issue and return the `changes` of
the next event, or raise ValueError with a one-line message saying why not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from launchtui.domain.events import Event
from launchtui.domain.rollout import Actor
from launchtui.text.i18n import N_, t
from launchtui.text.issue_words import severity_name

SEVERITIES = ("minor", "major", "critical")
# What the guide says to do about each severity, and the support tiers' names: English
# (as stored and exported), marked for the catalogue; `severity_meaning` and `tier_name`
# draw them in the language of the texts.
SEVERITY_MEANINGS = {
    "minor": N_("document a workaround and continue"),
    "major": N_("pause the rollout, fix, resume"),
    "critical": N_("roll back to the old system if possible"),
}
TIERS = {1: N_("self-service"), 2: N_("internal champion"), 3: N_("IT/admin"), 4: N_("vendor")}
STATUSES = ("open", "workaround", "resolved")
KINDS = ("logged", "edited", "escalated", "workaround", "resolved", "reopened", "commented")

MAX_TITLE = 200
MAX_TEXT = 10_000  # detail, workaround, resolution
MAX_NAME = 200  # location, assignee

# An issue flattened to one record: the columns of the `issues` projection table, the
# CSV header and the keys of the JSON export, in this order.
ISSUE_FIELDS = (
    "id",
    "title",
    "detail",
    "severity",
    "tier",
    "status",
    "workaround",
    "resolution",
    "phase",
    "window",
    "location",
    "assignee",
    "reporter",
    "reporter_login",
    "created_at",
    "updated_at",
    "resolved_at",
)
# Fields an event after `logged` may set; everything else is fixed at logging time
# (reporter, phase, window, created_at) or derived from the kind (updated_at, resolved_at).
MUTABLE_FIELDS = (
    "title",
    "detail",
    "severity",
    "tier",
    "status",
    "workaround",
    "resolution",
    "location",
    "assignee",
)
# What a `logged` event carries.
LOGGED_FIELDS = (
    "title",
    "detail",
    "severity",
    "tier",
    "status",
    "phase",
    "window",
    "location",
    "assignee",
)
# What `edit_changes` may touch: tier moves only by escalation, status only by its own events.
EDITABLE_FIELDS = ("title", "detail", "severity", "tier", "location", "assignee")


@dataclass(frozen=True)
class IssueEvent(Event):
    """One change to one issue (`issue_id`): logged, edited, escalated, resolved, ..."""

    SUBJECT: ClassVar[str] = "issue_id"

    @property
    def issue_id(self) -> int:
        return self.subject_id


@dataclass(frozen=True)
class Issue:
    """An issue as it stands after its whole timeline; `timeline` may be () in listings."""

    id: int
    title: str
    severity: str
    tier: int
    status: str
    reporter: Actor
    created_at: dt.datetime
    updated_at: dt.datetime
    detail: str | None = None
    workaround: str | None = None
    resolution: str | None = None
    phase: int | None = None
    window: str | None = None
    location: str | None = None
    assignee: str | None = None
    resolved_at: dt.datetime | None = None
    timeline: tuple[IssueEvent, ...] = ()

    @property
    def is_open(self) -> bool:
        """Not resolved yet: `open`, or `workaround` (worked around is not fixed)."""
        return self.status != "resolved"

    @property
    def tier_name(self) -> str:
        return TIERS[self.tier]

    @property
    def meaning(self) -> str:
        """What the guide says to do about an issue of this severity."""
        return SEVERITY_MEANINGS[self.severity]


# -- the fold ------------------------------------------------------------------


def fold(events: Iterable[IssueEvent]) -> Issue:
    """The current issue from its events, oldest first; the events become its timeline."""
    timeline = tuple(events)
    if not timeline:
        raise ValueError("an issue needs at least its `logged` event")
    first = timeline[0]
    if first.kind != "logged":
        raise ValueError(f"issue #{first.issue_id}: the first event is {first.kind}, not logged")
    state: dict[str, Any] = {k: first.changes.get(k) for k in LOGGED_FIELDS}
    state["status"] = state["status"] or "open"
    state["updated_at"] = first.at
    state["resolved_at"] = None
    for event in timeline[1:]:
        _apply(state, first.issue_id, event)
    return Issue(
        id=first.issue_id,
        reporter=first.actor,
        created_at=first.at,
        timeline=timeline,
        **state,
    )


def _apply(state: dict[str, Any], issue_id: int, event: IssueEvent) -> None:
    if event.issue_id != issue_id:
        raise ValueError(f"event {event.id} belongs to issue #{event.issue_id}, not #{issue_id}")
    if event.kind not in _LATER_KINDS:
        raise ValueError(f"issue #{issue_id}: unexpected {event.kind} event {event.id}")
    if event.kind == "commented":  # a comment adds to the timeline and changes no field
        state["updated_at"] = event.at
        return
    if not _MUTABLE.issuperset(event.changes):
        unknown = ", ".join(sorted(set(event.changes) - _MUTABLE))
        raise ValueError(f"event {event.id} changes unknown fields: {unknown}")
    state.update(event.changes)
    state["updated_at"] = event.at
    if event.kind == "resolved":
        state["resolved_at"] = event.at
    elif event.kind == "reopened":
        state["resolved_at"] = None


_LATER_KINDS = frozenset(KINDS) - {"logged"}
_MUTABLE = frozenset(MUTABLE_FIELDS)


# -- validation ----------------------------------------------------------------


def _stripped(text: str | None) -> str:
    """`text` without surrounding white space, and without NUL characters, which no
    title or note means and which would end a cell early in the CSV export."""
    return (text or "").replace("\0", "").strip()


def validate_title(text: str | None) -> str:
    title = _stripped(text)
    if not title:
        raise ValueError(t("the title must not be empty"))
    if len(title) > MAX_TITLE:
        raise ValueError(
            t(
                "the title is {n} characters; at most {most} fit",
                n=f"{len(title):,}",
                most=MAX_TITLE,
            )
        )
    return title


def validate_text(text: str | None, what: str = "detail", limit: int = MAX_TEXT) -> str | None:
    """Optional free text: stripped, None when empty, at most `limit` characters."""
    value = _stripped(text)
    if len(value) > limit:
        raise ValueError(
            t(
                "the {what} is {n} characters; at most {most} fit",
                what=field_name(what),
                n=f"{len(value):,}",
                most=f"{limit:,}",
            )
        )
    return value or None


def validate_name(text: str | None, what: str) -> str | None:
    """A location or assignee: optional, one short line."""
    return validate_text(text, what, MAX_NAME)


def parse_severity(value: str | None) -> str:
    text = (value or "").strip().lower()
    if text not in SEVERITIES:
        raise ValueError(
            t("unknown severity {value}; use minor, major or critical", value=repr(value))
        )
    return text


def parse_status_filter(value: str | None) -> str:
    """A status to list by: one of the statuses, or `unresolved` (open and worked around)."""
    text = (value or "").strip().lower()
    if text == "unresolved":
        return text
    return parse_status(text)


def parse_status(value: str | None) -> str:
    text = (value or "").strip().lower()
    if text not in STATUSES:
        raise ValueError(
            t("unknown status {value}; use open, workaround or resolved", value=repr(value))
        )
    return text


def parse_tier(value: int | str | None) -> int:
    tiers = ", ".join(f"{n} {tier_name(n)}" for n in TIERS)
    try:
        tier = int(str(value).strip())
    except ValueError:
        raise ValueError(
            t(
                "the tier must be a number 1-4 ({tiers}), not {value}",
                tiers=tiers,
                value=repr(value),
            )
        ) from None
    if tier not in TIERS:
        raise ValueError(t("the tier must be 1-4 ({tiers}), not {tier}", tiers=tiers, tier=tier))
    return tier


def parse_issue_id(value: int | str) -> int:
    """'12' or '#12'."""
    text = str(value).strip().removeprefix("#")
    if not text.isdigit() or int(text) < 1:
        raise ValueError(t("{value} is not an issue number like 12", value=repr(value)))
    return int(text)


# -- transitions ---------------------------------------------------------------


def edit_changes(issue: Issue, **fields: str | None) -> dict[str, Any]:
    """The fields of `fields` that differ from `issue`, validated; None means unchanged.

    An empty string clears an optional field (detail, location, assignee).
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(t("cannot edit {fields}", fields=", ".join(sorted(unknown))))
    wanted: dict[str, Any] = {}
    for name, value in fields.items():
        if value is None:
            continue
        if name == "title":
            wanted[name] = validate_title(value)
        elif name == "severity":
            wanted[name] = parse_severity(value)
        elif name == "detail":
            wanted[name] = validate_text(value, "detail")
        elif name == "tier":
            wanted[name] = parse_tier(value)
        else:
            wanted[name] = validate_name(value, name)
    if not wanted:
        raise ValueError(
            t("nothing to change: give a title, detail, severity, tier, location or assignee")
        )
    changes = {k: v for k, v in wanted.items() if getattr(issue, k) != v}
    if not changes:
        raise ValueError(t("issue #{id} already reads like that; nothing changed", id=issue.id))
    return changes


def comment_changes(issue: Issue, text: str | None) -> dict[str, Any]:
    """A comment's event: its text, which must say something."""
    comment = validate_text(text, "comment")
    if not comment:
        raise ValueError(t("a comment needs some text"))
    return {"comment": comment}


def escalated_tier(issue: Issue) -> int:
    """The next support tier up; tier 4 (the vendor) is the last."""
    if not issue.is_open:
        raise ValueError(t("issue #{id} is resolved; reopen it before escalating", id=issue.id))
    if issue.tier >= max(TIERS):
        raise ValueError(
            t(
                "issue #{id} is already at tier {tier} ({name}), "
                "the last support tier; it cannot be escalated further",
                id=issue.id,
                tier=issue.tier,
                name=tier_name(issue.tier),
            )
        )
    return issue.tier + 1


def escalation(issue: Issue) -> dict[str, Any]:
    return {"tier": escalated_tier(issue)}


def workaround_changes(issue: Issue, text: str | None) -> dict[str, Any]:
    workaround = validate_text(text, "workaround")
    if workaround is None:
        raise ValueError(t("the workaround must not be empty: say how people get around it"))
    if not issue.is_open:
        raise ValueError(
            t("issue #{id} is resolved; reopen it before recording a workaround", id=issue.id)
        )
    return {"workaround": workaround, "status": "workaround"}


def resolve_changes(issue: Issue, resolution: str | None = None) -> dict[str, Any]:
    text = validate_text(resolution, "resolution")
    if not issue.is_open:
        raise ValueError(t("issue #{id} is already resolved", id=issue.id))
    return {"status": "resolved", "resolution": text}


def reopen_changes(issue: Issue) -> dict[str, Any]:
    if issue.is_open:
        raise ValueError(
            t("issue #{id} is not resolved; only a resolved issue can reopen", id=issue.id)
        )
    # The resolution that did not hold leaves the current state; the timeline keeps it.
    return {"status": "open", "resolution": None}


# -- ordering and counting -----------------------------------------------------


def severity_rank(severity: str) -> int:
    """0 for critical, 1 major, 2 minor: the order reports list them in."""
    return len(SEVERITIES) - 1 - SEVERITIES.index(severity)


def sort_key(issue: Issue) -> tuple[bool, int, dt.datetime, int]:
    """Unresolved first (open and workaround alike), then critical first, then oldest first."""
    return (not issue.is_open, severity_rank(issue.severity), issue.created_at, issue.id)


def open_counts(issues: Iterable[Issue]) -> dict[str, int]:
    """Unresolved issues per severity, every severity present."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for issue in issues:
        if issue.is_open:
            counts[issue.severity] += 1
    return counts


# -- words ---------------------------------------------------------------------
# In the current language (`launchtui.text.i18n`); the stored values and the exports' CSV and
# JSON keep the English words above.


def tier_name(tier: int) -> str:
    """'self-service', 'internal champion', 'IT/admin', 'vendor', translated."""
    return t(TIERS[tier]) if tier in TIERS else "?"


def severity_meaning(severity: str) -> str:
    """What the guide says to do about an issue of `severity`, translated."""
    return t(SEVERITY_MEANINGS[severity]) if severity in SEVERITY_MEANINGS else ""


def field_name(name: str) -> str:
    """An issue's field as a word: 'title', 'detail', 'location', translated."""
    words = {
        "title": t("title"),
        "detail": t("detail"),
        "severity": t("severity"),
        "tier": t("tier"),
        "comment": t("comment"),
        "status": t("status"),
        "workaround": t("workaround"),
        "resolution": t("resolution"),
        "location": t("location"),
        "assignee": t("assignee"),
    }
    return words.get(name, name)


def event_summary(event: IssueEvent) -> str:
    """What an event did, in plain words (user text included as stored: clean it to show)."""
    changes: Mapping[str, Any] = event.changes
    if event.kind == "logged":
        severity = changes.get("severity")
        return t(
            "logged as {severity}, tier {tier}",
            severity=severity_name(severity) if isinstance(severity, str) else severity,
            tier=changes.get("tier"),
        )
    if event.kind == "escalated":
        tier = changes.get("tier")
        return t("escalated to tier {tier} ({name})", tier=tier, name=tier_name(tier))
    if event.kind == "workaround":
        return t("workaround recorded")
    if event.kind == "resolved":
        return t("resolved") if changes.get("resolution") else t("resolved (no resolution text)")
    if event.kind == "reopened":
        return t("reopened")
    if event.kind == "commented":
        return t("comment: {text}", text=changes.get("comment") or "")
    parts = []
    for name, value in changes.items():
        field = field_name(name)
        if name in ("severity", "tier", "location", "assignee"):
            if not value:
                parts.append(t("{field} cleared", field=field))
            else:
                shown = severity_name(value) if name == "severity" else value
                parts.append(t("{field} → {value}", field=field, value=shown))
        else:
            parts.append(
                t("{field} changed", field=field) if value else t("{field} cleared", field=field)
            )
    return t("edited: {changes}", changes=", ".join(parts))
