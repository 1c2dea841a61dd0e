"""Retrospective notes: the domain's fold and rules, the log in SQLite, and `RetroService`.

The `workspace` fixture holds the Acme CRM rollout (launch 2026-11-03, phased) with
today pinned to 2026-11-07 (day 4, phase 1, first week) and the user "ana".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils.utils import sqlite3

from launchtui.domain import retro as rules
from launchtui.domain.clock import Clock
from launchtui.domain.retro import KINDS, Note, NoteEvent, by_kind, fold
from launchtui.domain.rollout import Actor
from launchtui.services.issues import IssueService
from launchtui.services.retro import RetroService
from launchtui.services.settings import os_login
from launchtui.services.workspace import UserError, Workspace
from launchtui.store import Store, StoreError
from launchtui.store.retro_log import RetroLog, UnknownNote
from launchtui.store.schema import MIGRATION_NAMES, SCHEMA_VERSION

ANA = Actor("ana", "ana")
ROB = Actor("rob", "rsmith")
T0 = dt.datetime(2026, 11, 7, 9, 0, tzinfo=dt.UTC)
ITEM = "launch-day/refresher-held"
HOSTILE = "[bold]x[/ \x1b[2J =HYPERLINK(1) a\u202eb"


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def written(note_id: int = 1, text: str = "Day one went smoothly", **more) -> NoteEvent:
    changes = {
        "kind": more.pop("kind", "went-well"),
        "text": text,
        "phase": 1,
        "window": "first-week",
        "issue_id": None,
        "item_key": None,
    }
    changes.update(more)
    return NoteEvent(note_id * 10, note_id, "written", ANA, at(0), changes)


# -- the domain ------------------------------------------------------------------------


def test_fold_of_the_written_event_is_the_note():
    note = fold([written()])
    assert note == Note(
        id=1,
        kind="went-well",
        text="Day one went smoothly",
        author=ANA,
        created_at=at(0),
        updated_at=at(0),
        phase=1,
        window="first-week",
        history=(written(),),
    )
    assert not note.edited
    assert note.earlier_texts() == ()


def test_an_edit_keeps_the_earlier_text_in_the_history():
    edit = NoteEvent(11, 1, "edited", ROB, at(30), {"text": "Day one went very smoothly"})
    retag = NoteEvent(12, 1, "edited", ANA, at(60), {"kind": "thanks"})
    note = fold([written(), edit, retag])
    assert (note.text, note.kind, note.edits) == ("Day one went very smoothly", "thanks", 2)
    assert (note.author, note.editor) == (ANA, ANA)
    assert (note.created_at, note.updated_at) == (at(0), at(60))
    assert note.earlier_texts() == ("Day one went smoothly",)
    assert note.history == (written(), edit, retag)


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([], "at least its `written` event"),
        ([NoteEvent(1, 1, "edited", ANA, T0, {"text": "x"})], "not written"),
        ([written(), NoteEvent(2, 2, "edited", ANA, T0, {"text": "x"})], "belongs to note #2"),
        ([written(), NoteEvent(2, 1, "written", ANA, T0, {})], "unexpected written"),
        ([written(), NoteEvent(2, 1, "edited", ANA, T0, {"phase": 3})], "unknown fields: phase"),
    ],
)
def test_fold_refuses_a_broken_history(events, message):
    with pytest.raises(ValueError, match=message):
        fold(events)


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("went-well", "went-well"),
        ("Went well", "went-well"),
        ("went_well", "went-well"),
        ("LESSON", "lesson"),
        ("lessons learned", "lesson"),
        ("thanks", "thanks"),
        ("next-step", "next-step"),
        ("next steps", "next-step"),
    ],
)
def test_parse_kind_takes_the_ways_people_type_a_kind(typed, kind):
    assert rules.parse_kind(typed) == kind


@pytest.mark.parametrize("typed", ["", None, "bad", "went wel", "x" * 500])
def test_parse_kind_names_the_kinds_when_it_refuses(typed):
    with pytest.raises(ValueError) as caught:
        rules.parse_kind(typed)
    message = str(caught.value)
    assert "use went-well, lesson, thanks or next-step" in message
    assert "\n" not in message and len(message) < 140


def test_validate_text_keeps_lines_and_trims_the_ends():
    assert rules.validate_text("  \r\nfirst  \r\n\r\n  second\r\n\n") == "first\n\n  second"
    assert rules.validate_text("one\rtwo") == "one\ntwo"
    with pytest.raises(ValueError, match="the note is empty"):
        rules.validate_text(" \n\t\n ")
    with pytest.raises(ValueError, match="10,001 characters; at most 10,000"):
        rules.validate_text("x" * 10_001)


def test_edit_changes_leaves_out_what_is_unchanged():
    note = fold([written()])
    assert rules.edit_changes(note, text="New") == {"text": "New"}
    assert rules.edit_changes(note, text="Day one went smoothly", kind="lesson") == {
        "kind": "lesson"
    }
    with pytest.raises(ValueError, match="nothing to change"):
        rules.edit_changes(note)
    with pytest.raises(ValueError, match="already reads like that"):
        rules.edit_changes(note, text="  Day one went smoothly \n")


def test_parse_note_id():
    assert rules.parse_note_id("#3") == rules.parse_note_id(" 3 ") == 3
    for bad in ("0", "x", "-1", "3.5"):
        with pytest.raises(ValueError, match="not a note number"):
            rules.parse_note_id(bad)


def test_by_kind_has_every_kind_in_report_order():
    notes = [
        fold([written(2, kind="lesson")]),
        fold([written(1, kind="lesson")]),
        fold([written(3, kind="thanks")]),
    ]
    groups = by_kind(notes)
    assert tuple(groups) == KINDS
    assert [n.id for n in groups["lesson"]] == [1, 2]
    assert groups["went-well"] == () and groups["next-step"] == ()
    assert rules.kind_label("next-step", "nl") == "Volgende stappen"
    assert rules.kind_label("lesson", "fr") == "Lessons learned"


# -- the log in SQLite -----------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "retro.db")
    yield s
    s.close()


@pytest.fixture
def log(store: Store) -> RetroLog:
    return store.retro


def test_the_migration_is_recorded_last_and_the_logs_are_append_only(store: Store, log):
    assert "m004_retro_and_comms" in MIGRATION_NAMES
    assert len(MIGRATION_NAMES) == SCHEMA_VERSION
    log.add("lesson", "x", ANA, at(0))
    log.set_fact("signature", "Ana", ANA, at(0), "en")
    for table in ("retro_events", "comms_facts"):
        for sql in (f"UPDATE {table} SET user = 'eve'", f"DELETE FROM {table}"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                store.db.execute(sql)
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        store.db.execute("DELETE FROM retro_notes")


def test_the_database_refuses_an_unknown_kind(log: RetroLog):
    with pytest.raises(StoreError, match="CHECK"):
        log.add("complaint", "x", ANA, at(0))
    assert log.count() == 0


def test_add_and_get_agree_with_the_projection(log: RetroLog):
    note = log.add(
        "went-well", "Line one\nLine two", ANA, at(0), phase=1, window="first-week", issue_id=4
    )
    assert note.id == 1 and note.history[0].kind == "written"
    assert log.get(1) == note
    listed = log.list()
    assert listed == [dataclasses.replace(note, history=())]


def test_apply_edits_and_keeps_the_history(log: RetroLog):
    log.add("went-well", "Old words", ANA, at(0), phase=1)
    edited = log.apply(1, {"text": "New words"}, ROB, at(5))
    assert (edited.text, edited.edits, edited.editor) == ("New words", 1, ROB)
    assert edited.earlier_texts() == ("Old words",)
    assert log.get(1) == edited
    assert log.list() == [dataclasses.replace(edited, history=())]
    assert [n.history for n in log.iter_notes()] == [edited.history]


def test_apply_to_an_unknown_note_and_a_refused_change_write_nothing(log: RetroLog):
    with pytest.raises(UnknownNote, match="no note #9"):
        log.apply(9, {"text": "x"}, ANA, at(0))
    log.add("lesson", "Keep", ANA, at(0))

    def refuse(note: Note) -> dict:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        log.apply(1, refuse, ANA, at(1))
    assert log.get(1).edits == 0
    assert len(log.get(1).history) == 1


def test_note_numbers_follow_each_other_and_filters_work(log: RetroLog):
    log.add("lesson", "Book rooms early", ANA, at(0), phase=1)
    log.add("thanks", "Thanks, Mei, for the evening sessions", ROB, at(1), phase=2)
    log.add("lesson", "100% of pilots came_back", ANA, at(2), phase=2)
    assert [n.id for n in log.list()] == [1, 2, 3]
    assert [n.id for n in log.list(kind="lesson")] == [1, 3]
    assert [n.id for n in log.list(phase=2)] == [2, 3]
    assert [n.id for n in log.list(text="ROOMS")] == [1]
    assert [n.id for n in log.list(text="100%")] == [3]  # a literal %, not a wildcard
    assert [n.id for n in log.list(text="came_")] == [3]
    assert log.count() == 3 and log.count(kind="lesson") == 2
    assert log.counts() == {"lesson": 2, "thanks": 1}


def test_facts_latest_wins_and_history_stays(log: RetroLog):
    log.set_fact("support-contact", "Mei", ANA, at(0), "en")
    log.set_fact("support-contact", "Mei, ext. 204", ROB, at(1), "en")
    log.set_fact("benefit", "Fewer lost leads", ANA, at(2), "en")
    log.set_fact("benefit", None, ANA, at(3), "en")
    facts = log.facts("en", "en")
    assert facts["support-contact"].value == "Mei, ext. 204"
    assert facts["support-contact"].actor == ROB
    assert facts["benefit"].value is None  # cleared
    assert [f.value for f in log.fact_history("support-contact")] == ["Mei", "Mei, ext. 204"]
    assert len(log.fact_history()) == 4


def test_two_connections_never_share_a_note_number(tmp_path: Path):
    first, second = Store.open(tmp_path / "shared.db"), Store.open(tmp_path / "shared.db")
    try:
        for i in range(5):
            first.retro.add("lesson", f"a{i}", ANA, at(i))
            second.retro.add("lesson", f"b{i}", ROB, at(i))
        ids = [n.id for n in first.retro.list()]
        assert sorted(ids) == list(range(1, 11))
    finally:
        first.close()
        second.close()


# -- the service --------------------------------------------------------------------------


@pytest.fixture
def service(workspace: Workspace) -> RetroService:
    return RetroService(workspace)


def test_add_records_the_phase_window_and_author(service: RetroService, workspace: Workspace):
    note = service.add("went well", "  Refresher made day one easy\n\nSecond paragraph  ")
    assert note.kind == "went-well"
    assert note.text == "Refresher made day one easy\n\nSecond paragraph"
    assert (note.phase, note.window) == (1, "first-week")
    assert note.author == Actor("ana", os_login())
    assert note.created_at == note.updated_at
    assert note.created_at.astimezone().date() == workspace.today()


def test_add_before_launch_has_no_phase(workspace: Workspace):
    settings = dataclasses.replace(workspace.settings, clock=Clock(dt.date(2026, 10, 25)))
    early = Workspace(settings)
    try:
        note = RetroService(early).add("lesson", "Announce earlier")
        assert (note.phase, note.window) == (None, "two-weeks-before")
    finally:
        early.close()


def test_a_note_can_point_at_an_issue_and_an_item(service: RetroService, workspace: Workspace):
    IssueService(workspace).add("Login fails", "major")
    note = service.add("lesson", "Test SSO first", issue="#1", item=f" {ITEM} ")
    assert (note.issue_id, note.item_key) == (1, ITEM)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "rant", "text": "x"}, "unknown kind 'rant'"),
        ({"kind": "lesson", "text": "  \n "}, "the note is empty"),
        ({"kind": "lesson", "text": "x", "issue": "7"}, "there is no issue #7"),
        ({"kind": "lesson", "text": "x", "issue": "seven"}, "not an issue number"),
        ({"kind": "lesson", "text": "x", "item": "launch-day/refresher-hld"}, "did you mean"),
    ],
)
def test_add_refuses_bad_input_with_one_line(service: RetroService, kwargs, message):
    with pytest.raises(UserError, match=message) as caught:
        service.add(**kwargs)
    assert "\n" not in str(caught.value)
    assert service.list() == []


def test_edit_keeps_the_earlier_text(service: RetroService):
    service.add("lesson", "Book rooms early")
    edited = service.edit("#1", "Book rooms two weeks early")
    assert edited.text == "Book rooms two weeks early"
    assert service.get(1).earlier_texts() == ("Book rooms early",)
    retagged = service.edit(1, None, kind="next-step")
    assert (retagged.kind, retagged.edits) == ("next-step", 2)
    with pytest.raises(UserError, match="already reads like that"):
        service.edit(1, "Book rooms two weeks early")
    with pytest.raises(UserError, match="there is no note #5"):
        service.edit(5, "x")
    with pytest.raises(UserError, match="not a note number"):
        service.get("abc")


def test_list_filters_by_kind_phase_and_text(service: RetroService):
    service.add("lesson", "Book rooms early")
    service.add("thanks", "Thanks to the champions")
    assert [n.kind for n in service.list()] == ["lesson", "thanks"]
    assert [n.id for n in service.list(kind="thanks")] == [2]
    assert [n.id for n in service.list(phase="1")] == [1, 2]
    assert service.list(text="champ")[0].id == 2
    assert service.counts() == {"went-well": 0, "lesson": 1, "thanks": 1, "next-step": 0}
    with pytest.raises(UserError, match="there is no phase 9; the plan has phases 1, 2, 3, 4"):
        service.list(phase=9)
    with pytest.raises(UserError, match="unknown kind"):
        service.list(kind="rants")


def test_hostile_text_is_stored_exactly(service: RetroService):
    note = service.add("lesson", HOSTILE)
    assert service.get(note.id).text == HOSTILE
