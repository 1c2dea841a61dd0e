"""The gate's issue reads (`oldest_unresolved`, `count_unresolved`, `open_counts`) and
`iter_list`: the same answers as the general `list`/`count`, served by an index."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from launchtui.domain.issues import SEVERITIES
from launchtui.domain.rollout import Actor, Rollout
from launchtui.store import Store
from launchtui.store.issue_log import _COUNT_UNRESOLVED, _OLDEST_UNRESOLVED, IssueLog

ANA = Actor("ana", "ana")
T0 = dt.datetime(2026, 11, 7, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def log(tmp_path: Path):
    store = Store.open(tmp_path / "q.db")
    store.create_rollout(Rollout("Acme CRM", T0.date()), ANA, T0)
    yield store.issues
    store.close()


def seed(log: IssueLog) -> None:
    """Every severity; several issues on one timestamp (ties broken by number); some
    resolved (among them the oldest of a severity), one worked around, one reopened."""
    same = T0 + dt.timedelta(minutes=5)
    entries = []
    for n in range(30):
        severity = SEVERITIES[(n * 7) % 3]
        at = same if n % 4 == 0 else T0 + dt.timedelta(minutes=30 - n)
        entries.append({"title": f"issue {n}", "severity": severity, "at": at})
    log.bulk_add(entries, ANA, T0)
    later = T0 + dt.timedelta(hours=2)
    oldest_major = log.list(status="unresolved", severity="major", limit=1)[0]
    log.apply(oldest_major.id, "resolved", {"status": "resolved"}, ANA, later)
    log.apply(3, "resolved", {"status": "resolved"}, ANA, later)
    log.apply(3, "reopened", {"status": "open"}, ANA, later)
    log.apply(5, "workaround", {"status": "workaround", "workaround": "w"}, ANA, later)
    log.apply(6, "escalated", {"severity": "critical"}, ANA, later)


def test_the_same_answers_as_list_and_count(log: IssueLog):
    seed(log)
    for severity in SEVERITIES:
        expected = log.list(status="unresolved", severity=severity, limit=1)
        assert log.oldest_unresolved(severity) == (expected[0] if expected else None)
        assert log.count_unresolved(severity) == log.count("unresolved", severity)
    assert log.open_counts() == {s: log.count("unresolved", s) for s in SEVERITIES}


def test_ties_on_one_timestamp_go_to_the_lower_number(log: IssueLog):
    same = T0 + dt.timedelta(minutes=5)
    log.bulk_add([{"title": f"t{n}", "severity": "major", "at": same} for n in range(4)], ANA, T0)
    assert log.oldest_unresolved("major").id == 1
    log.apply(1, "resolved", {"status": "resolved"}, ANA, T0 + dt.timedelta(hours=1))
    assert log.oldest_unresolved("major").id == 2
    assert log.oldest_unresolved("major") == log.list("unresolved", "major", limit=1)[0]


def test_nothing_unresolved(log: IssueLog):
    assert log.oldest_unresolved("critical") is None
    assert log.open_counts() == dict.fromkeys(SEVERITIES, 0)
    log.bulk_add([{"title": "x", "severity": "critical"}], ANA, T0)
    log.apply(1, "resolved", {"status": "resolved"}, ANA, T0 + dt.timedelta(hours=1))
    assert log.oldest_unresolved("critical") is None
    assert log.count_unresolved("critical") == 0


def plan(log: IssueLog, sql: str, *params) -> list[str]:
    return [row[3] for row in log.db.execute("EXPLAIN QUERY PLAN " + sql, list(params))]


def test_served_by_an_index_without_a_temporary_b_tree(log: IssueLog):
    seed(log)
    oldest = plan(log, _OLDEST_UNRESOLVED, 1)
    assert oldest == ["SEARCH issues USING INDEX issues_order (<expr>=? AND <expr>=?)"]
    count = plan(log, _COUNT_UNRESOLVED, "major")
    assert len(count) == 1 and "USING COVERING INDEX issues_severity" in count[0]
    assert not any("TEMP B-TREE" in step for step in oldest + count)


def test_iter_list_is_list_in_batches(log: IssueLog):
    seed(log)
    for status, severity, limit in [
        (None, None, None),
        ("unresolved", None, 7),
        ("resolved", None, None),
        (None, "major", 3),
    ]:
        batches = list(log.iter_list(status, severity, limit, size=4))
        assert all(0 < len(b) <= 4 for b in batches)
        flat = [i for b in batches for i in b]
        assert flat == log.list(status, severity, limit=limit)
