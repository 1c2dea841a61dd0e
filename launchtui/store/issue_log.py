"""The issue log's SQL: an append-only event table and the projection that makes it fast.

`issue_events` is the truth: every change to an issue is one row, never updated or
deleted (triggers refuse both). An issue is `launchtui.domain.issues.fold` of its
events, and `get` reads it that way, timeline included.

`issues` is a projection of that log, a cache: one row per issue holding what the fold
gives, rewritten in the same `BEGIN IMMEDIATE` transaction as each event append, so the
two never disagree in a committed state. It exists so that 100,000 issues can be listed,
filtered, counted and exported without folding a single one. It may be UPDATEd; its
rows are never deleted, so issue numbers are never reused.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from launchtui.domain.issues import (
    ISSUE_FIELDS,
    KINDS,
    SEVERITIES,
    STATUSES,
    Issue,
    IssueEvent,
    fold,
)
from launchtui.domain.rollout import Actor
from launchtui.store.csv_lines import csv_line_sql
from launchtui.store.database import Database, StoreError, immediate
from launchtui.store.event_log import EventTable
from launchtui.text.times import aware_utc, iso

# The projection's columns, in table order: also the columns of the CSV export.
ISSUE_COLUMNS = ISSUE_FIELDS

_COLUMNS_SQL = ", ".join(f'"{c}"' for c in ISSUE_COLUMNS)
_SELECT = f"SELECT {_COLUMNS_SQL} FROM issues"
_INSERT_ISSUE = (
    f"INSERT INTO issues ({_COLUMNS_SQL}) VALUES ({', '.join('?' * len(ISSUE_COLUMNS))})"
)
# The projection's columns that hold user text: quoted and formula-guarded in CSV.
_USER_TEXT = (
    "title",
    "detail",
    "workaround",
    "resolution",
    "window",
    "location",
    "assignee",
    "reporter",
    "reporter_login",
)
_CSV_SELECT = f"SELECT {csv_line_sql(ISSUE_COLUMNS, _USER_TEXT)} FROM issues"
_SEVERITY_RANK_SQL = "(CASE severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 ELSE 2 END)"
# Exactly the expressions of the `issues_order` index (schema.m002_issue_log).
_ORDER = f" ORDER BY (status = 'resolved'), {_SEVERITY_RANK_SQL}, created_at, id"
# The orders the issue table offers; "triage" is the default, served by its index.
SORTS = {
    "triage": _ORDER,
    "newest": " ORDER BY created_at DESC, id DESC",
    "severity": f" ORDER BY {_SEVERITY_RANK_SQL}, created_at, id",
    "tier": f" ORDER BY tier DESC, {_SEVERITY_RANK_SQL}, created_at, id",
    "status": " ORDER BY (CASE status WHEN 'open' THEN 0 WHEN 'workaround' THEN 1 ELSE 2 END),"
    f" {_SEVERITY_RANK_SQL}, created_at, id",
    "title": " ORDER BY title COLLATE NOCASE, id",
    "number": " ORDER BY id",
}
# The gate's reads, each served by an index (see `count_unresolved`, `oldest_unresolved`).
# `status IN` lists the statuses other than 'resolved' (a CHECK constraint allows no more).
_UNRESOLVED_STATUSES = ", ".join(f"'{s}'" for s in STATUSES if s != "resolved")
_COUNT_UNRESOLVED = (
    f"SELECT count(*) FROM issues WHERE severity = ? AND status IN ({_UNRESOLVED_STATUSES})"
)
_SEVERITY_RANK = {"critical": 0, "major": 1, "minor": 2}  # as `_SEVERITY_RANK_SQL`
# The leading expressions of `issues_order`, exactly, so that index serves the query.
_OLDEST_UNRESOLVED = (
    f"{_SELECT} WHERE (status = 'resolved') = 0 AND {_SEVERITY_RANK_SQL} = ?"
    " ORDER BY created_at, id LIMIT 1"
)
EVENTS = EventTable("issue_events", IssueEvent)  # the truth: every change, appended
_CHUNK = 500  # ids per IN (...) list


class UnknownIssue(StoreError):
    """An issue number that the log does not hold."""

    def __init__(self, issue_id: int):
        super().__init__(f"there is no issue #{issue_id}")
        self.issue_id = issue_id


Changes = Mapping[str, Any] | Callable[[Issue], Mapping[str, Any]]


class IssueLog:
    """The issue log of one database connection (`Store.issues`)."""

    def __init__(self, db: Database):
        self.db = db

    # -- writing -----------------------------------------------------------------

    def add(
        self,
        title: str,
        severity: str,
        actor: Actor,
        now: dt.datetime,
        *,
        tier: int = 1,
        detail: str | None = None,
        location: str | None = None,
        assignee: str | None = None,
        phase: int | None = None,
        window: str | None = None,
    ) -> Issue:
        """Log a new issue (values already validated) and return it, timeline included."""
        changes = _logged_changes(
            title=title,
            severity=severity,
            tier=tier,
            detail=detail,
            phase=phase,
            window=window,
            location=location,
            assignee=assignee,
        )
        with immediate(self.db):
            issue_id = self._next_id()
            event = EVENTS.append(self.db, issue_id, "logged", changes, actor, now)
            issue = fold([event])
            self.db.execute(
                _INSERT_ISSUE,
                _projection(issue),
            )
        return issue

    def apply(
        self, issue_id: int, kind: str, changes: Changes, actor: Actor, now: dt.datetime
    ) -> Issue:
        """Append one event to an issue and bring its projection row up to date.

        `changes` is the event's field -> new value mapping, or a function of the current
        issue that returns it. The function runs inside the write transaction, so two
        coordinators escalating at the same moment escalate twice, not once each from the
        same tier; a ValueError it raises rolls everything back and reaches the caller.
        """
        if kind not in KINDS or kind == "logged":
            raise ValueError(f"unknown issue event kind {kind!r}")
        with immediate(self.db):
            current = self.get(issue_id)
            if current is None:
                raise UnknownIssue(issue_id)
            values = dict(changes(current) if callable(changes) else changes)
            event = EVENTS.append(self.db, issue_id, kind, values, actor, now)
            issue = fold((*current.timeline, event))
            assignments = ", ".join(f'"{c}" = ?' for c in ISSUE_COLUMNS[1:])
            self.db.execute(
                f"UPDATE issues SET {assignments} WHERE id = ?",
                [*_projection(issue)[1:], issue.id],
            )
        return issue

    def bulk_add(self, entries: Iterable[Mapping[str, Any]], actor: Actor, now: dt.datetime) -> int:
        """Log many issues in one transaction (seeding: demo, benchmarks, imports).

        Each entry holds `title` and `severity`, optionally `tier` (default 1), `detail`,
        `location`, `assignee`, `phase`, `window`, and `actor` / `at` to override the
        reporter and time. Values are taken as given: validate them first. Returns the count.
        """
        issue_rows: list[list[Any]] = []
        event_rows: list[list[Any]] = []
        with immediate(self.db):
            next_id = self._next_id()
            for issue_id, entry in enumerate(entries, start=next_id):
                who: Actor = entry.get("actor") or actor
                at = aware_utc(entry.get("at") or now)
                changes = _logged_changes(
                    title=entry["title"],
                    severity=entry["severity"],
                    tier=entry.get("tier", 1),
                    detail=entry.get("detail"),
                    phase=entry.get("phase"),
                    window=entry.get("window"),
                    location=entry.get("location"),
                    assignee=entry.get("assignee"),
                )
                stamp = at.isoformat()
                payload = json.dumps(changes, ensure_ascii=False)
                event_rows.append([issue_id, "logged", who.name, who.login, stamp, payload])
                issue_rows.append(
                    [
                        issue_id,
                        changes["title"],
                        changes["detail"],
                        changes["severity"],
                        changes["tier"],
                        "open",
                        None,
                        None,
                        changes["phase"],
                        changes["window"],
                        changes["location"],
                        changes["assignee"],
                        who.name,
                        who.login,
                        stamp,
                        stamp,
                        None,
                    ]
                )
            conn = self.db.conn
            conn.executemany(EVENTS.insert, event_rows)
            conn.executemany(
                _INSERT_ISSUE,
                issue_rows,
            )
        return len(issue_rows)

    def _next_id(self) -> int:
        # Inside the write transaction, so no other writer can take the same number.
        return self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM issues").fetchone()[0]

    # -- reading one -------------------------------------------------------------

    def get(self, issue_id: int) -> Issue | None:
        """The issue folded from its events (the truth), timeline included; None if unknown."""
        events = EVENTS.of(self.db, issue_id)
        return fold(events) if events else None

    # -- reading many: from the projection ---------------------------------------

    def list(
        self,
        status: str | None = None,
        severity: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        tier: int | None = None,
        sort: str = "triage",
    ) -> list[Issue]:
        """Issues from the projection, unresolved first, critical first, oldest first.

        They carry no timeline (`timeline == ()`): `get` one for that. `text` matches
        (case-insensitively for ASCII) inside the title, detail, workaround, resolution,
        location or assignee.
        """
        where, params = _where(status, severity, text, tier=tier)
        sql = _SELECT + where + SORTS[sort]
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        elif offset:
            sql += " LIMIT -1 OFFSET ?"
            params.append(offset)
        return [_issue(row) for row in self.db.execute(sql, params)]

    def iter_list(
        self,
        status: str | None = None,
        severity: str | None = None,
        limit: int | None = None,
        *,
        text: str | None = None,
        tier: int | None = None,
        size: int = 2000,
    ) -> Iterator[list[Issue]]:
        """What `list(status, severity, text, limit, tier=tier)` returns, `size` issues at
        a time from one query (one snapshot), so that a caller writing them out never holds
        them all (`issue list --json`)."""
        where, params = _where(status, severity, text, tier=tier)
        sql = _SELECT + where + _ORDER
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        cursor = self.db.execute(sql, params)
        while batch := cursor.fetchmany(size):
            yield [_issue(row) for row in batch]

    def count(
        self,
        status: str | None = None,
        severity: str | None = None,
        text: str | None = None,
        *,
        tier: int | None = None,
    ) -> int:
        where, params = _where(status, severity, text, tier=tier)
        return self.db.execute("SELECT count(*) FROM issues" + where, params).fetchone()[0]

    def open_counts(self) -> dict[str, int]:
        """Unresolved issues (open or worked around) per severity, every severity present.

        One index-only count per severity (`count_unresolved`): a GROUP BY over the
        unresolved issues would read every row of them."""
        return {severity: self.count_unresolved(severity) for severity in SEVERITIES}

    def count_unresolved(self, severity: str) -> int:
        """How many issues of `severity` are unresolved (open or worked around).

        Counted inside the `issues_severity` index, (severity, status), without reading
        a row: `status IN (...)` seeks the unresolved statuses where `!= 'resolved'`
        would test every entry of the severity."""
        return self.db.execute(_COUNT_UNRESOLVED, [severity]).fetchone()[0]

    def oldest_unresolved(self, severity: str) -> Issue | None:
        """The first unresolved issue of `severity` in the listing order (the oldest;
        on the same timestamp the lower number), as `list(status="unresolved",
        severity=severity, limit=1)` gives it, or None.

        Read as the first entry of the `issues_order` index under (unresolved,
        severity): one row, where the `list` call sorts every unresolved issue of the
        severity in a temporary B-tree."""
        row = self.db.execute(_OLDEST_UNRESOLVED, [_SEVERITY_RANK[severity]]).fetchone()
        return None if row is None else _issue(row)

    def iter_csv_batches(
        self,
        status: str | None = None,
        since: dt.datetime | None = None,
        size: int = 2000,
        *,
        severity: str | None = None,
        text: str | None = None,
        tier: int | None = None,
    ) -> Iterator[list[str]]:
        """Issues as CSV lines (`ISSUE_COLUMNS`, no line ends), by issue number, `size`
        lines at a time, rendered by SQLite (`launchtui.store.csv_lines`).

        `since` keeps the issues logged or changed at or after that moment; `severity`,
        `text` and `tier` filter as `list` does (an export of what the issues tab shows).
        """
        where, params = _where(status, severity, text, since, tier)
        cursor = self.db.execute(_CSV_SELECT + where + " ORDER BY id", params)
        while batch := cursor.fetchmany(size):
            yield [line for (line,) in batch]

    # -- reading many: timelines -------------------------------------------------

    def timeline(self, ids: Iterable[int] | None = None) -> dict[int, tuple[IssueEvent, ...]]:
        """The events of the given issues (all issues when None), by issue, oldest first."""
        sql = EVENTS.select
        if ids is None:
            return _group(self.db.execute(sql + " ORDER BY issue_id, id"))
        wanted = sorted(set(ids))
        out: dict[int, tuple[IssueEvent, ...]] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            cursor = self.db.execute(
                f"{sql} WHERE issue_id IN ({marks}) ORDER BY issue_id, id", chunk
            )
            out.update(_group(cursor))
        return out

    def iter_issues(
        self,
        status: str | None = None,
        since: dt.datetime | None = None,
        *,
        severity: str | None = None,
        text: str | None = None,
        tier: int | None = None,
    ) -> Iterator[Issue]:
        """Whole issues with their timelines, folded from the log, by issue number.

        One query (one consistent snapshot) streams the events of the selected issues;
        no per-issue queries. For the JSON and Markdown exports; the filters are `list`'s.
        """
        where, params = _where(status, severity, text, since, tier)
        cursor = self.db.execute(
            f"{EVENTS.select} WHERE issue_id IN (SELECT id FROM issues{where})"
            " ORDER BY issue_id, id",
            params,
        )
        for _, events in EVENTS.by_subject(cursor):
            yield fold(events)


# -- helpers -------------------------------------------------------------------


def _logged_changes(**values: Any) -> dict[str, Any]:
    return {
        "title": values["title"],
        "detail": values["detail"],
        "severity": values["severity"],
        "tier": values["tier"],
        "status": "open",
        "phase": values["phase"],
        "window": values["window"],
        "location": values["location"],
        "assignee": values["assignee"],
    }


def _projection(issue: Issue) -> list[Any]:
    """The projection row of an issue, in `ISSUE_COLUMNS` order."""
    return [
        issue.id,
        issue.title,
        issue.detail,
        issue.severity,
        issue.tier,
        issue.status,
        issue.workaround,
        issue.resolution,
        issue.phase,
        issue.window,
        issue.location,
        issue.assignee,
        issue.reporter.name,
        issue.reporter.login,
        iso(issue.created_at),
        iso(issue.updated_at),
        iso(issue.resolved_at),
    ]


def _issue(row: tuple[Any, ...]) -> Issue:
    (
        issue_id,
        title,
        detail,
        severity,
        tier,
        status,
        workaround,
        resolution,
        phase,
        window,
        location,
        assignee,
        reporter,
        reporter_login,
        created_at,
        updated_at,
        resolved_at,
    ) = row
    return Issue(
        id=issue_id,
        title=title,
        detail=detail,
        severity=severity,
        tier=tier,
        status=status,
        workaround=workaround,
        resolution=resolution,
        phase=phase,
        window=window,
        location=location,
        assignee=assignee,
        reporter=Actor(reporter, reporter_login),
        created_at=dt.datetime.fromisoformat(created_at),
        updated_at=dt.datetime.fromisoformat(updated_at),
        resolved_at=dt.datetime.fromisoformat(resolved_at) if resolved_at else None,
    )


def _group(cursor: Iterable[tuple[Any, ...]]) -> dict[int, tuple[IssueEvent, ...]]:
    return {issue_id: tuple(events) for issue_id, events in EVENTS.by_subject(cursor)}


def _where(
    status: str | None,
    severity: str | None,
    text: str | None,
    since: dt.datetime | None = None,
    tier: int | None = None,
) -> tuple[str, list[Any]]:
    """WHERE for the filters; status `unresolved` means open or worked around."""
    clauses: list[str] = []
    params: list[Any] = []
    if status == "unresolved":
        clauses.append("status != 'resolved'")
    elif status is not None:
        clauses.append("status = ?")
        params.append(status)
    if tier is not None:
        clauses.append("tier = ?")
        params.append(tier)
    if severity is not None:
        clauses.append("severity = ?")
        params.append(severity)
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        fields = ("title", "detail", "workaround", "resolution", "location", "assignee")
        clauses.append("(" + " OR ".join(f"{f} LIKE ? ESCAPE '\\'" for f in fields) + ")")
        params.extend([pattern] * len(fields))
    if since is not None:
        clauses.append("updated_at >= ?")
        params.append(aware_utc(since).isoformat())
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
