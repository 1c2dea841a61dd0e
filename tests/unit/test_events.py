"""One event type for issues and retro notes, one event-to-dict and one event-lines
renderer: the two logs differ only in the name of their subject's id."""

from __future__ import annotations

import datetime as dt

import pytest

from launchtui.domain.events import Event
from launchtui.domain.issues import IssueEvent
from launchtui.domain.retro import NoteEvent
from launchtui.domain.rollout import Actor
from launchtui.exporters.events import event_dict, event_from_dict
from launchtui.text.events import event_lines

AT = dt.datetime(2026, 11, 7, 9, 30, tzinfo=dt.UTC)
ANA = Actor("Ana [b]", "ana")


@pytest.mark.parametrize(("kind", "subject"), [(IssueEvent, "issue_id"), (NoteEvent, "note_id")])
def test_both_logs_write_their_events_alike_and_read_them_back(kind, subject):
    event = kind(7, 3, "edited", ANA, AT, {"text": "x"})
    assert isinstance(event, Event) and getattr(event, subject) == 3
    data = event_dict(event)
    assert list(data) == ["id", subject, "kind", "by", "login", "at", "changes"]
    assert data[subject] == 3 and data["at"] == "2026-11-07T09:30:00+00:00"
    assert event_from_dict(kind, data) == event


def test_an_issue_event_is_not_a_note_event():
    assert IssueEvent(1, 1, "logged", ANA, AT) != NoteEvent(1, 1, "logged", ANA, AT)


def test_event_lines_put_when_and_who_before_each_thing_said_and_indent_quotes(utc_system):
    event = NoteEvent(1, 1, "edited", ANA, AT, {})
    lines = event_lines(event, [("changed the kind", ()), ("changed the text to:", ["a", "b"])])
    assert lines == [
        "  2026-11-07 09:30  Ana [b] (ana)  changed the kind",
        "  2026-11-07 09:30  Ana [b] (ana)  changed the text to:",
        "    a",
        "    b",
    ]
    assert event_lines(event, []) == []
