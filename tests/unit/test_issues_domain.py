"""The issue log's rules, pure: the fold of events, transitions, validation, order, counts."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from launchtui.domain import issues as rules
from launchtui.domain.issues import (
    SEVERITIES,
    STATUSES,
    TIERS,
    Issue,
    IssueEvent,
    event_summary,
    fold,
    open_counts,
    sort_key,
)
from launchtui.domain.rollout import Actor

ANA = Actor("ana", "ana")
ROB = Actor("rob", "rsmith")
T0 = dt.datetime(2026, 11, 7, 9, 0, tzinfo=dt.UTC)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def logged(issue_id: int = 1, severity: str = "major", tier: int = 1, minutes: int = 0, **extra):
    changes = {
        "title": "Login fails",
        "detail": "after the update",
        "severity": severity,
        "tier": tier,
        "status": "open",
        "phase": 1,
        "window": "first-week",
        "location": "Paramaribo",
        "assignee": None,
        **extra,
    }
    return IssueEvent(issue_id, issue_id, "logged", ANA, at(minutes), changes)


def event(kind: str, changes: dict, minutes: int, actor: Actor = ROB, issue_id: int = 1):
    return IssueEvent(100 + minutes, issue_id, kind, actor, at(minutes), changes)


def make(**kwargs) -> Issue:
    return fold([logged(**kwargs)])


# -- the fold ------------------------------------------------------------------------


def test_the_logged_event_makes_the_issue():
    issue = make()
    assert issue.id == 1
    assert issue.title == "Login fails"
    assert issue.detail == "after the update"
    assert (issue.severity, issue.tier, issue.status) == ("major", 1, "open")
    assert (issue.phase, issue.window, issue.location) == (1, "first-week", "Paramaribo")
    assert issue.reporter == ANA
    assert issue.created_at == issue.updated_at == T0
    assert issue.resolved_at is None
    assert issue.is_open
    assert issue.tier_name == "self-service"
    assert issue.meaning == "pause the rollout, fix, resume"
    assert len(issue.timeline) == 1


def test_every_event_folds_in_order_and_the_timeline_keeps_who_and_when():
    events = [
        logged(),
        event("edited", {"title": "Login fails on Safari", "assignee": "mei"}, 5),
        event("escalated", {"tier": 2}, 10),
        event("workaround", {"workaround": "use Firefox", "status": "workaround"}, 15, ANA),
        event("resolved", {"status": "resolved", "resolution": "patched"}, 20),
        event("reopened", {"status": "open", "resolution": None}, 30, ANA),
        event("escalated", {"tier": 3}, 40),
    ]
    issue = fold(events)
    assert issue.title == "Login fails on Safari"
    assert issue.assignee == "mei"
    assert issue.tier == 3
    assert issue.status == "open"
    assert issue.workaround == "use Firefox"
    assert issue.resolution is None
    assert issue.resolved_at is None
    assert issue.reporter == ANA  # the reporter stays whoever logged it
    assert issue.created_at == T0
    assert issue.updated_at == at(40)
    assert issue.timeline == tuple(events)
    assert [(e.kind, e.actor.name, e.at) for e in issue.timeline][3] == (
        "workaround",
        "ana",
        at(15),
    )


def test_resolving_sets_resolved_at_and_reopening_clears_it():
    resolved = fold([logged(), event("resolved", {"status": "resolved", "resolution": "x"}, 5)])
    assert resolved.resolved_at == at(5)
    assert not resolved.is_open
    reopened = fold([*resolved.timeline, event("reopened", rules.reopen_changes(resolved), 9)])
    assert reopened.resolved_at is None
    assert reopened.status == "open"


def test_the_fold_refuses_broken_logs():
    with pytest.raises(ValueError, match="at least"):
        fold([])
    with pytest.raises(ValueError, match="not logged"):
        fold([event("escalated", {"tier": 2}, 1)])
    with pytest.raises(ValueError, match="belongs to issue #2"):
        fold([logged(), event("escalated", {"tier": 2}, 1, issue_id=2)])
    with pytest.raises(ValueError, match="unknown fields: reporter"):
        fold([logged(), event("edited", {"reporter": "mallory"}, 1)])
    with pytest.raises(ValueError, match="unexpected logged"):
        fold([logged(), logged(minutes=1)])


def test_issues_and_events_are_frozen():
    issue = make()
    with pytest.raises(dataclasses.FrozenInstanceError):
        issue.title = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        issue.timeline[0].kind = "edited"  # type: ignore[misc]


# -- transitions ---------------------------------------------------------------------


def test_escalation_goes_one_tier_at_a_time_and_stops_at_the_vendor():
    assert [rules.escalated_tier(make(tier=t)) for t in (1, 2, 3)] == [2, 3, 4]
    assert rules.escalation(make(tier=2)) == {"tier": 3}
    with pytest.raises(ValueError) as caught:
        rules.escalated_tier(make(tier=4))
    message = str(caught.value)
    assert "tier 4 (vendor)" in message and "cannot be escalated further" in message
    assert "\n" not in message


def test_a_resolved_issue_cannot_be_escalated_or_worked_around_or_resolved_again():
    resolved = fold([logged(), event("resolved", {"status": "resolved", "resolution": None}, 1)])
    with pytest.raises(ValueError, match="reopen it before escalating"):
        rules.escalated_tier(resolved)
    with pytest.raises(ValueError, match="reopen it before recording"):
        rules.workaround_changes(resolved, "x")
    with pytest.raises(ValueError, match="already resolved"):
        rules.resolve_changes(resolved)


def test_workaround_resolve_and_reopen_changes():
    issue = make()
    assert rules.workaround_changes(issue, "  use Firefox ") == {
        "workaround": "use Firefox",
        "status": "workaround",
    }
    with pytest.raises(ValueError, match="must not be empty"):
        rules.workaround_changes(issue, "   ")
    assert rules.resolve_changes(issue) == {"status": "resolved", "resolution": None}
    assert rules.resolve_changes(issue, "patched") == {
        "status": "resolved",
        "resolution": "patched",
    }
    with pytest.raises(ValueError, match="not resolved"):
        rules.reopen_changes(issue)


def test_edit_changes_keep_only_what_differs():
    issue = make()
    assert rules.edit_changes(issue, title=" Login fails ", severity="Critical") == {
        "severity": "critical"
    }
    assert rules.edit_changes(issue, location="", assignee="mei") == {
        "location": None,
        "assignee": "mei",
    }
    with pytest.raises(ValueError, match="nothing to change"):
        rules.edit_changes(issue)
    with pytest.raises(ValueError, match="already reads like that"):
        rules.edit_changes(issue, title="Login fails", severity="major")
    with pytest.raises(ValueError, match="title must not be empty"):
        rules.edit_changes(issue, title="  ")
    with pytest.raises(ValueError, match="cannot edit status"):
        rules.edit_changes(issue, status="resolved")


@pytest.mark.parametrize(
    ("tier", "changes", "error"),
    [
        ("3", {"tier": 3}, None),  # a tier logged wrong is corrected on an edit (issue 16)
        ("4", {"tier": 4}, None),
        ("1", None, "already reads like that"),  # the issue is at tier 1
        ("0", None, "tier must be 1-4"),
        ("5", None, "tier must be 1-4"),
        ("two", None, "tier must be a number"),
    ],
)
def test_edit_changes_correct_the_tier(tier, changes, error):
    issue = make()
    if error is None:
        assert rules.edit_changes(issue, tier=tier) == changes
    else:
        with pytest.raises(ValueError, match=error):
            rules.edit_changes(issue, tier=tier)


def test_a_comment_adds_to_the_timeline_and_changes_no_field():
    issue = make()
    changes = rules.comment_changes(issue, "  called the vendor ")
    assert changes == {"comment": "called the vendor"}
    comment = event("commented", changes, 30)
    commented = fold([*issue.timeline, comment])
    assert commented.title == issue.title and commented.tier == issue.tier
    assert commented.status == issue.status and commented.updated_at == at(30)
    assert rules.event_summary(comment) == "comment: called the vendor"
    with pytest.raises(ValueError, match="needs some text"):
        rules.comment_changes(issue, "   ")


# -- validation ----------------------------------------------------------------------


def test_titles():
    assert rules.validate_title("  Printer  ") == "Printer"
    for empty in ("", "   ", None):
        with pytest.raises(ValueError, match="must not be empty"):
            rules.validate_title(empty)
    assert rules.validate_title("x" * 200) == "x" * 200
    with pytest.raises(ValueError, match="201 characters; at most 200"):
        rules.validate_title("x" * 201)


def test_free_text_limits():
    assert rules.validate_text("  ") is None
    assert rules.validate_text("a\nb ") == "a\nb"
    assert rules.validate_text("x" * 10_000) == "x" * 10_000
    with pytest.raises(ValueError, match="the workaround is 50,000 characters; at most 10,000"):
        rules.validate_text("x" * 50_000, "workaround")
    with pytest.raises(ValueError, match="location"):
        rules.validate_name("x" * 201, "location")


def test_severity_status_tier_and_issue_numbers():
    assert rules.parse_severity(" MAJOR ") == "major"
    with pytest.raises(
        ValueError, match="unknown severity 'blocker'; use minor, major or critical"
    ):
        rules.parse_severity("blocker")
    assert rules.parse_status("Workaround") == "workaround"
    with pytest.raises(ValueError, match="unknown status"):
        rules.parse_status("closed")
    assert rules.parse_tier("3") == 3
    assert rules.parse_tier(4) == 4
    for bad in ("0", "5", "-1", 7):
        with pytest.raises(ValueError, match="must be 1-4"):
            rules.parse_tier(bad)
    with pytest.raises(ValueError, match="a number 1-4"):
        rules.parse_tier("two")
    assert rules.parse_issue_id("#12") == rules.parse_issue_id(" 12") == 12
    for bad in ("x", "0", "-3", "#"):
        with pytest.raises(ValueError, match="not an issue number"):
            rules.parse_issue_id(bad)


def test_the_guides_vocabulary():
    assert SEVERITIES == ("minor", "major", "critical")
    assert STATUSES == ("open", "workaround", "resolved")
    assert TIERS == {1: "self-service", 2: "internal champion", 3: "IT/admin", 4: "vendor"}
    assert rules.SEVERITY_MEANINGS["minor"] == "document a workaround and continue"
    assert rules.SEVERITY_MEANINGS["critical"] == "roll back to the old system if possible"


# -- order, counts, words ------------------------------------------------------------


def test_sort_key_puts_unresolved_first_then_critical_then_oldest():
    def issue(issue_id, severity, minutes, resolved=False, workaround=False):
        events = [logged(issue_id, severity, minutes=minutes)]
        if workaround:
            events.append(
                event("workaround", {"workaround": "w", "status": "workaround"}, 50, ROB, issue_id)
            )
        if resolved:
            events.append(
                event("resolved", {"status": "resolved", "resolution": None}, 60, ROB, issue_id)
            )
        return fold(events)

    pile = [
        issue(1, "minor", 0),
        issue(2, "critical", 5, resolved=True),
        issue(3, "major", 3, workaround=True),
        issue(4, "critical", 9),
        issue(5, "major", 1),
        issue(6, "critical", 2),
    ]
    assert [i.id for i in sorted(pile, key=sort_key)] == [6, 4, 5, 3, 1, 2]
    assert open_counts(pile) == {"minor": 1, "major": 2, "critical": 2}
    assert open_counts([]) == {"minor": 0, "major": 0, "critical": 0}


def test_event_summaries():
    assert event_summary(logged()) == "logged as major, tier 1"
    assert event_summary(event("escalated", {"tier": 4}, 1)) == "escalated to tier 4 (vendor)"
    assert event_summary(event("workaround", {"workaround": "w"}, 1)) == "workaround recorded"
    assert event_summary(event("resolved", {"resolution": None}, 1)) == (
        "resolved (no resolution text)"
    )
    assert event_summary(event("reopened", {}, 1)) == "reopened"
    edited = event("edited", {"severity": "minor", "location": None, "detail": "d"}, 1)
    assert event_summary(edited) == "edited: severity → minor, location cleared, detail changed"
