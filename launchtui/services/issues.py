"""The issue log's actions, for the command line and the TUI alike.

Every input is checked here by the domain's rules; a rule broken becomes a `UserError`
with one line that says what and why. Who and when come from the workspace; the phase
and checklist window an issue is logged in are taken from the rollout's status then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import closing
from typing import Any, TextIO

from launchtui.domain import issues as rules
from launchtui.domain.issues import Issue
from launchtui.exporters.issues import write_csv_lines, write_issues_json, write_issues_markdown
from launchtui.services.workspace import UserError, Workspace, checked
from launchtui.store.issue_log import SORTS, IssueLog
from launchtui.text.i18n import t
from launchtui.text.issue_words import filter_words

EXPORT_FORMATS = ("csv", "json", "md")


class IssueService:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace

    @property
    def log(self) -> IssueLog:
        return self.workspace.store.issues

    # -- reading -----------------------------------------------------------------

    def get(self, issue_id: int | str) -> Issue:
        """One issue with its timeline; '12' and '#12' both name issue 12."""
        number = checked(rules.parse_issue_id, issue_id)
        issue = self.log.get(number)
        if issue is None:
            raise UserError(
                t("there is no issue #{id}; `launchtui issue list` shows them", id=number)
            )
        return issue

    def filters(
        self,
        status: str | None = None,
        severity: str | None = None,
        tier: int | str | None = None,
        text: str | None = None,
    ) -> dict[str, Any]:
        """The filters every way of reading the log shares (`list`, `count`, `iter_list`,
        `export`; `issue list`, `export issues`, the issues tab), each checked by the
        domain's rules: a status (`unresolved`: open or worked around), a severity, a
        support tier 1-4, a text inside the title, detail, workaround, resolution, location
        or assignee. None, or an empty status, severity or text, is no filter."""
        status, severity = self._filters(status, severity)
        return {
            "status": status,
            "severity": severity,
            "tier": checked(rules.parse_tier, tier) if tier is not None else None,
            "text": text or None,
        }

    def list(
        self,
        status: str | None = None,
        severity: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        tier: int | str | None = None,
        sort: str = "triage",
    ) -> list[Issue]:
        """Issues without their timelines; by default unresolved, critical and oldest first."""
        filters = self.filters(status, severity, tier, text)
        if sort not in SORTS:
            raise UserError(
                t("unknown sort {sort}; use {sorts}", sort=repr(sort), sorts=", ".join(SORTS))
            )
        return self.log.list(limit=limit, offset=offset, sort=sort, **filters)

    def iter_list(
        self,
        status: str | None = None,
        severity: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        tier: int | str | None = None,
    ) -> Iterator[list[Issue]]:
        """What `list(...)` returns in its default order, in batches from one query (the
        filters are checked now, before the first batch is asked for)."""
        return self.log.iter_list(limit=limit, **self.filters(status, severity, tier, text))

    def count(
        self,
        status: str | None = None,
        severity: str | None = None,
        text: str | None = None,
        tier: int | str | None = None,
    ) -> int:
        return self.log.count(**self.filters(status, severity, tier, text))

    def open_counts(self) -> dict[str, int]:
        """Unresolved issues (open or worked around) per severity."""
        return self.log.open_counts()

    # -- writing -----------------------------------------------------------------

    def add(
        self,
        title: str,
        severity: str,
        tier: int | str | None = 1,
        detail: str | None = None,
        location: str | None = None,
        assignee: str | None = None,
    ) -> Issue:
        """Log an issue in the current phase and checklist window, reported by the actor."""
        title = checked(rules.validate_title, title)
        severity = checked(rules.parse_severity, severity)
        tier = checked(rules.parse_tier, 1 if tier is None else tier)
        detail = checked(rules.validate_text, detail, "detail")
        location = checked(
            rules.validate_name, location or self.workspace.settings.location, "location"
        )
        assignee = checked(rules.validate_name, assignee, "assignee")
        status = self.workspace.status()
        return self.log.add(
            title,
            severity,
            self.workspace.actor,
            self.workspace.now(),
            tier=tier,
            detail=detail,
            location=location,
            assignee=assignee,
            phase=status.phase.number if status.phase else None,
            window=status.current.id if status.current else None,
        )

    def edit(
        self,
        issue_id: int | str,
        *,
        title: str | None = None,
        detail: str | None = None,
        severity: str | None = None,
        location: str | None = None,
        assignee: str | None = None,
        tier: int | str | None = None,
    ) -> Issue:
        """Change the given fields (None: leave as is; "" clears detail, location, assignee).
        A tier set here is a correction (logged at the wrong tier); `escalate` moves it up."""
        fields = {
            "title": title,
            "detail": detail,
            "severity": severity,
            "tier": tier,
            "location": location,
            "assignee": assignee,
        }
        return self._apply(issue_id, "edited", lambda issue: rules.edit_changes(issue, **fields))

    def comment(self, issue_id: int | str, text: str) -> Issue:
        """A comment on the issue's timeline: what was tried, who was called; no field changes."""
        return self._apply(issue_id, "commented", lambda i: rules.comment_changes(i, text))

    def escalate(self, issue_id: int | str) -> Issue:
        """One support tier up: 1 self-service -> 2 champion -> 3 IT/admin -> 4 vendor."""
        return self._apply(issue_id, "escalated", rules.escalation)

    def workaround(self, issue_id: int | str, text: str) -> Issue:
        """Record how people get around the issue; its status becomes `workaround`."""
        return self._apply(issue_id, "workaround", lambda i: rules.workaround_changes(i, text))

    def resolve(self, issue_id: int | str, resolution: str | None = None) -> Issue:
        return self._apply(issue_id, "resolved", lambda i: rules.resolve_changes(i, resolution))

    def reopen(self, issue_id: int | str) -> Issue:
        return self._apply(issue_id, "reopened", rules.reopen_changes)

    def _apply(
        self, issue_id: int | str, kind: str, change: Callable[[Issue], dict[str, Any]]
    ) -> Issue:
        number = self.get(issue_id).id  # a clear error for an unknown number, before writing
        try:
            # `change` sees the issue as it stands inside the write transaction.
            return self.log.apply(number, kind, change, self.workspace.actor, self.workspace.now())
        except ValueError as exc:
            raise UserError(str(exc)) from None

    # -- exporting ---------------------------------------------------------------

    def export(
        self,
        fmt: str,
        stream: TextIO,
        status: str | None = None,
        since: dt.date | None = None,
        *,
        severity: str | None = None,
        tier: int | str | None = None,
        text: str | None = None,
    ) -> int:
        """Write the issues (all, or of `status` / logged or changed since the day `since`
        / of `severity`, `tier`, or with `text` as `list` finds it: what the issues tab
        shows) to `stream` as csv, json or md; returns how many. For CSV, open files with
        ``newline=""``."""
        if fmt not in EXPORT_FORMATS:
            raise UserError(t("unknown export format {fmt}; use csv, json or md", fmt=repr(fmt)))
        chosen = self.filters(status, severity, tier, text)
        status = chosen["status"]
        severity, tier, text = (chosen[k] for k in ("severity", "tier", "text"))
        moment = _start_of(since) if since is not None else None
        filters: dict[str, Any] = {"severity": severity, "text": text, "tier": tier}
        if fmt == "csv":
            batches = self.log.iter_csv_batches(status, moment, **filters)
            with closing(batches):  # done with the cursor even if the stream breaks (| head)
                return write_csv_lines(batches, stream)
        issues = self.log.iter_issues(status, moment, **filters)
        with closing(issues):
            if fmt == "json":
                meta = {
                    "exported_at": self.workspace.now().isoformat(),
                    **self._scope(status, since),
                    **{k: v for k, v in filters.items() if v is not None},
                }
                return write_issues_json(issues, stream, meta)
            rollout = self.workspace.store.rollout()
            title = t("Issue log — {tool}", tool=rollout.tool) if rollout else t("Issue log")
            scope = filter_words(status, severity, tier, text)
            if since:
                scope.append(t("since {date}", date=since.isoformat()))
            now = self.workspace.now()
            subtitle = t(
                "Exported {when} UTC by {who}",
                when=f"{now:%Y-%m-%d %H:%M}",
                who=self.workspace.actor.label(),
            )
            if scope:
                subtitle += " · " + t("only {scope}", scope=", ".join(scope))
            return write_issues_markdown(issues, stream, title, subtitle)

    @staticmethod
    def _scope(status: str | None, since: dt.date | None) -> dict[str, str | None]:
        return {"status": status, "since": since.isoformat() if since else None}

    @staticmethod
    def _filters(status: str | None, severity: str | None) -> tuple[str | None, str | None]:
        return (
            checked(rules.parse_status_filter, status) if status else None,
            checked(rules.parse_severity, severity) if severity else None,
        )


def _start_of(day: dt.date) -> dt.datetime:
    """Local midnight at the start of `day`, as UTC."""
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.UTC)
