"""The issue log in SQLite (IssueLog) and the actions on it (IssueService)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils.utils import sqlite3

from launchtui.domain.issues import ISSUE_FIELDS, Issue
from launchtui.domain.rollout import Actor, Rollout
from launchtui.services.issues import IssueService
from launchtui.services.settings import Settings, os_login
from launchtui.services.workspace import UserError, Workspace
from launchtui.store import Store, StoreError
from launchtui.store.issue_log import IssueLog, UnknownIssue
from launchtui.store.schema import MIGRATION_NAMES

ANA = Actor("ana", "ana")
ROB = Actor("rob", "rsmith")
T0 = dt.datetime(2026, 11, 7, 9, 0, tzinfo=dt.UTC)
HOSTILE = (
    "[bold]x[/",
    "[@click=app.quit]x[/]",
    "\x1b[2J\x1b]0;pwned\x07 clear",
    '=HYPERLINK("http://evil")',
    "a\u202eb\r\nc\td",
)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "issues.db")
    yield s
    s.close()


@pytest.fixture
def log(store: Store) -> IssueLog:
    return store.issues


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    for name in ("LAUNCHTUI_DB", "LAUNCHTUI_USER", "LAUNCHTUI_LANG"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings.resolve(
        db=str(tmp_path / "service.db"), user="ana", today=dt.date(2026, 11, 7)
    )
    w = Workspace(settings)
    w.init(Rollout("Acme CRM", dt.date(2026, 11, 3)))
    yield w
    w.close()


@pytest.fixture
def service(ws: Workspace) -> IssueService:
    return IssueService(ws)


def add(log: IssueLog, title="Login fails", severity="major", minutes=0, **kwargs) -> Issue:
    return log.add(title, severity, kwargs.pop("actor", ANA), at(minutes), **kwargs)


def without_timeline(issue: Issue) -> Issue:
    return dataclasses.replace(issue, timeline=())


def assert_projection_matches_the_log(log: IssueLog) -> None:
    listed = {i.id: i for i in log.list()}
    folded = {i.id: without_timeline(i) for i in log.iter_issues()}
    assert listed == folded


# -- schema ----------------------------------------------------------------------------


def test_the_migration_is_recorded_and_the_event_log_is_append_only(store: Store, log):
    assert "m002_issue_log" in MIGRATION_NAMES
    assert {"issues", "issue_events"} <= set(store.db.table_names())
    add(log)
    for sql in ("UPDATE issue_events SET kind = 'edited'", "DELETE FROM issue_events"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.db.execute(sql)
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        store.db.execute("DELETE FROM issues")


def test_the_listing_order_reads_from_its_index(store: Store):
    plan = store.db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM issues ORDER BY (status = 'resolved'),"
        " (CASE severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 ELSE 2 END), created_at, id"
        " LIMIT 50"
    ).fetchall()
    text = " ".join(str(row[-1]) for row in plan)
    assert "issues_order" in text
    assert "TEMP B-TREE" not in text


def test_the_database_refuses_values_outside_the_domain(store: Store, log):
    with pytest.raises(StoreError, match="CHECK"):
        add(log, severity="blocker")
    with pytest.raises(StoreError, match="CHECK"):
        add(log, tier=5)
    assert log.count() == 0


# -- writing ---------------------------------------------------------------------------


def test_add_logs_an_issue_with_its_first_event(log: IssueLog):
    issue = add(
        log, detail="line 1\nline 2", tier=2, phase=1, window="first-week", location="Nickerie"
    )
    assert issue.id == 1
    assert (issue.severity, issue.tier, issue.status) == ("major", 2, "open")
    assert issue.reporter == ANA
    assert issue.created_at == issue.updated_at == T0
    [logged] = issue.timeline
    assert (logged.kind, logged.actor, logged.at, logged.issue_id) == ("logged", ANA, T0, 1)
    assert logged.changes["detail"] == "line 1\nline 2"
    assert log.get(1) == issue
    assert add(log, minutes=1).id == 2
    assert_projection_matches_the_log(log)


def test_every_transition_is_an_event_and_the_projection_follows(log: IssueLog):
    add(log)
    log.apply(1, "edited", {"title": "Login fails on Safari", "assignee": "mei"}, ROB, at(1))
    log.apply(1, "escalated", {"tier": 2}, ROB, at(2))
    log.apply(1, "workaround", {"workaround": "use Firefox", "status": "workaround"}, ANA, at(3))
    resolved = log.apply(1, "resolved", {"status": "resolved", "resolution": "patched"}, ROB, at(4))
    assert resolved.resolved_at == at(4)
    assert log.list(status="resolved")[0].resolved_at == at(4)
    reopened = log.apply(1, "reopened", {"status": "open", "resolution": None}, ANA, at(5))
    assert reopened.status == "open" and reopened.resolved_at is None
    assert reopened.title == "Login fails on Safari"
    assert reopened.workaround == "use Firefox"
    assert [(e.kind, e.actor.name, e.at) for e in reopened.timeline] == [
        ("logged", "ana", at(0)),
        ("edited", "rob", at(1)),
        ("escalated", "rob", at(2)),
        ("workaround", "ana", at(3)),
        ("resolved", "rob", at(4)),
        ("reopened", "ana", at(5)),
    ]
    # nothing was overwritten: the resolution that did not hold is still in the log
    assert reopened.timeline[4].changes["resolution"] == "patched"
    assert log.get(1) == reopened
    assert_projection_matches_the_log(log)


def test_apply_runs_the_change_on_the_current_issue_inside_the_transaction(log: IssueLog):
    add(log)
    seen: list[int] = []

    def escalate(issue: Issue) -> dict:
        seen.append(issue.tier)
        return {"tier": issue.tier + 1}

    log.apply(1, "escalated", escalate, ROB, at(1))
    log.apply(1, "escalated", escalate, ROB, at(2))
    assert seen == [1, 2]

    def refuse(issue: Issue) -> dict:
        raise ValueError("not now")

    with pytest.raises(ValueError, match="not now"):
        log.apply(1, "escalated", refuse, ROB, at(3))
    assert len(log.get(1).timeline) == 3  # the refusal left nothing behind
    assert log.get(1).tier == 3


def test_two_connections_escalating_at_once_both_count(tmp_path: Path):
    first = Store.open(tmp_path / "shared.db")
    second = Store.open(tmp_path / "shared.db")
    try:
        first.issues.add("Sync", "major", ANA, at(0))
        bump = lambda issue: {"tier": issue.tier + 1}  # noqa: E731
        first.issues.apply(1, "escalated", bump, ANA, at(1))
        second.issues.apply(1, "escalated", bump, ROB, at(1))
        assert first.issues.get(1).tier == second.issues.get(1).tier == 3
    finally:
        first.close()
        second.close()


def test_apply_refuses_unknown_issues_and_kinds(log: IssueLog):
    with pytest.raises(UnknownIssue, match="there is no issue #9"):
        log.apply(9, "escalated", {"tier": 2}, ANA, at(1))
    add(log)
    for kind in ("logged", "deleted"):
        with pytest.raises(ValueError, match="unknown issue event kind"):
            log.apply(1, kind, {}, ANA, at(1))
    with pytest.raises(ValueError, match="aware"):
        log.add("naive", "minor", ANA, dt.datetime(2026, 11, 7, 9, 0))


def test_hostile_text_is_stored_exactly(log: IssueLog):
    for n, text in enumerate(HOSTILE):
        issue = add(log, title=text, detail=text * 3, location=text, minutes=n)
        log.apply(issue.id, "workaround", {"workaround": text, "status": "workaround"}, ROB, at(9))
        back = log.get(issue.id)
        assert back.title == text
        assert back.detail == text * 3
        assert back.workaround == text
        assert back.location == text
    assert_projection_matches_the_log(log)


def test_bulk_add_numbers_on_from_existing_issues(log: IssueLog):
    add(log)
    count = log.bulk_add(
        (
            {"title": f"Issue {n}", "severity": "minor", "tier": 1 + n % 4, "detail": "d"}
            for n in range(1200)
        ),
        ROB,
        at(5),
    )
    assert count == 1200
    assert log.count() == 1201
    last = log.get(1201)
    assert (last.title, last.tier, last.reporter, last.created_at) == ("Issue 1199", 4, ROB, at(5))
    assert (
        log.bulk_add(
            [{"title": "Other", "severity": "critical", "actor": ANA, "at": at(9)}], ROB, at(6)
        )
        == 1
    )
    assert log.get(1202).reporter == ANA and log.get(1202).created_at == at(9)
    assert_projection_matches_the_log(log)


# -- reading many ----------------------------------------------------------------------


@pytest.fixture
def pile(log: IssueLog) -> IssueLog:
    add(log, "Printer offline", "minor", 0, location="Office 50%_off")  # 1
    add(log, "Data loss", "critical", 1)  # 2, resolved below
    add(log, "Slow search", "major", 2)  # 3, worked around below
    add(log, "Crash on save", "critical", 3, detail="When saving a 100% full form")  # 4
    add(log, "Wrong totals", "major", 4)  # 5
    log.apply(2, "resolved", {"status": "resolved", "resolution": "restored"}, ROB, at(10))
    log.apply(3, "workaround", {"workaround": "filter first", "status": "workaround"}, ROB, at(11))
    return log


def test_list_orders_unresolved_first_then_critical_then_oldest(pile: IssueLog):
    assert [i.id for i in pile.list()] == [4, 3, 5, 1, 2]
    assert all(i.timeline == () for i in pile.list())
    assert [i.id for i in pile.list(limit=2)] == [4, 3]
    assert [i.id for i in pile.list(limit=2, offset=2)] == [5, 1]
    assert [i.id for i in pile.list(offset=3)] == [1, 2]


def test_filters_and_counts(pile: IssueLog):
    assert [i.id for i in pile.list(status="open")] == [4, 5, 1]
    assert [i.id for i in pile.list(severity="critical")] == [4, 2]
    assert [i.id for i in pile.list(status="resolved", severity="critical")] == [2]
    assert [i.id for i in pile.list(text="SEARCH")] == [3]
    assert [i.id for i in pile.list(text="filter first")] == [3]  # the workaround text
    assert [i.id for i in pile.list(text="100%")] == [4]  # % is literal, not a wildcard
    assert [i.id for i in pile.list(text="50%_")] == [1]
    assert pile.list(text="0%_o_f") == []
    assert pile.count() == 5
    assert pile.count(status="open") == 3
    assert pile.count(severity="major", status="workaround") == 1
    assert pile.open_counts() == {"minor": 1, "major": 2, "critical": 1}


def test_csv_lines_come_in_issue_order_and_follow_the_filters(pile: IssueLog):
    def numbers(**filters) -> list[int]:
        lines = [line for batch in pile.iter_csv_batches(**filters, size=2) for line in batch]
        return [int(record[0]) for record in csv.reader(lines)]

    assert numbers() == [1, 2, 3, 4, 5]  # batches of 2, 2 and 1
    assert [len(batch) for batch in pile.iter_csv_batches(size=2)] == [2, 2, 1]
    second_line = next(pile.iter_csv_batches())[1]
    second = dict(zip(ISSUE_FIELDS, next(csv.reader([second_line])), strict=True))
    assert second["status"] == "resolved"
    assert second["resolution"] == "restored"
    assert second["resolved_at"] == at(10).isoformat()
    assert second["reporter"] == "ana"
    assert numbers(status="open") == [1, 4, 5]
    # since: logged or changed at or after the moment
    assert numbers(since=at(4)) == [2, 3, 5]
    assert numbers(status="resolved", since=at(10)) == [2]
    assert numbers(since=at(12)) == []


def test_timelines_for_many_issues_come_in_few_queries(log: IssueLog):
    log.bulk_add(({"title": f"#{n}", "severity": "minor"} for n in range(1100)), ANA, at(0))
    for issue_id in (3, 700, 1100):
        log.apply(issue_id, "escalated", {"tier": 2}, ROB, at(1))
    everything = log.timeline()
    assert len(everything) == 1100
    assert [e.kind for e in everything[700]] == ["logged", "escalated"]
    some = log.timeline(range(1, 1101, 2))  # 550 ids: more than one IN list
    assert sorted(some) == list(range(1, 1101, 2))
    assert [e.kind for e in some[3]] == ["logged", "escalated"]
    assert log.timeline([]) == {}


def test_iter_issues_folds_every_issue_from_one_query(pile: IssueLog):
    issues = list(pile.iter_issues())
    assert issues == [pile.get(n) for n in range(1, 6)]
    assert [i.id for i in pile.iter_issues(status="open")] == [1, 4, 5]
    assert [i.id for i in pile.iter_issues(since=at(11))] == [3]


# -- the service --------------------------------------------------------------------------


def test_the_service_records_phase_window_and_reporter(service: IssueService, ws: Workspace):
    issue = service.add("  Login fails  ", "Major", "2", "detail\n", "Paramaribo", "mei")
    assert issue.title == "Login fails"
    assert (issue.severity, issue.tier) == ("major", 2)
    assert issue.detail == "detail"
    assert (issue.phase, issue.window) == (1, "first-week")
    assert issue.reporter == Actor("ana", os_login())
    assert issue.created_at.astimezone().date() == dt.date(2026, 11, 7)
    assert service.get("#1") == issue == service.get(1)
    assert ws.store.issues.get(1) == issue


def test_before_launch_there_is_no_phase(tmp_path: Path):
    settings = Settings.resolve(
        db=str(tmp_path / "early.db"), user="ana", today=dt.date(2026, 10, 25)
    )
    ws = Workspace(settings)
    try:
        ws.init(Rollout("Acme CRM", dt.date(2026, 11, 3)))
        issue = IssueService(ws).add("Accounts missing", "minor")
        assert issue.phase is None
        assert issue.window == "two-weeks-before"
    finally:
        ws.close()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": "", "severity": "minor"}, "the title must not be empty"),
        ({"title": "x" * 201, "severity": "minor"}, "at most 200 fit"),
        ({"title": "x", "severity": "urgent"}, "unknown severity 'urgent'"),
        ({"title": "x", "severity": "minor", "tier": 5}, "the tier must be 1-4"),
        ({"title": "x", "severity": "minor", "tier": "0"}, "the tier must be 1-4"),
        ({"title": "x", "severity": "minor", "detail": "y" * 50_000}, "the detail is 50,000"),
        ({"title": "x", "severity": "minor", "location": "y" * 300}, "the location is 300"),
    ],
)
def test_the_service_turns_bad_input_into_one_line_user_errors(service, kwargs, message):
    with pytest.raises(UserError, match=message) as caught:
        service.add(**kwargs)
    assert "\n" not in str(caught.value)
    assert service.count() == 0


def test_the_service_walks_an_issue_through_its_life(service: IssueService):
    service.add("Sync stalls", "minor", 3)
    assert service.escalate(1).tier == 4
    with pytest.raises(UserError, match="cannot be escalated further"):
        service.escalate(1)
    assert service.edit(1, severity="critical", assignee="Vendor service").severity == "critical"
    with pytest.raises(UserError, match="nothing to change"):
        service.edit(1)
    assert service.workaround("#1", "restart the client").status == "workaround"
    resolved = service.resolve(1, "vendor patch 2.1")
    assert (resolved.status, resolved.resolution) == ("resolved", "vendor patch 2.1")
    with pytest.raises(UserError, match="already resolved"):
        service.resolve(1)
    with pytest.raises(UserError, match="reopen it before escalating"):
        service.escalate(1)
    reopened = service.reopen(1)
    assert reopened.status == "open" and reopened.resolution is None
    with pytest.raises(UserError, match="not resolved"):
        service.reopen(1)
    kinds = [e.kind for e in service.get(1).timeline]
    assert kinds == ["logged", "escalated", "edited", "workaround", "resolved", "reopened"]
    assert service.open_counts() == {"minor": 0, "major": 0, "critical": 1}


def test_the_service_names_unknown_issues_and_bad_filters(service: IssueService):
    with pytest.raises(UserError, match="there is no issue #7"):
        service.escalate(7)
    with pytest.raises(UserError, match="not an issue number"):
        service.get("seven")
    with pytest.raises(UserError, match="unknown status"):
        service.list(status="closed")
    with pytest.raises(UserError, match="unknown severity"):
        service.list(severity="high")
    with pytest.raises(UserError, match="unknown export format"):
        service.export("xlsx", io.StringIO())


def test_the_service_exports_since_a_day(service: IssueService, ws: Workspace):
    service.add("Old", "minor")
    ws.store.issues.add("Older", "major", ws.actor, dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC))
    out = io.StringIO()
    assert service.export("csv", out, since=dt.date(2026, 11, 5)) == 1
    assert "Old" in out.getvalue() and "Older" not in out.getvalue()
    assert service.export("json", io.StringIO(), status="open") == 2
    assert service.export("md", io.StringIO(), status="resolved") == 0
