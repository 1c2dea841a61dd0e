"""Notes are their own events; the rule check is inside the write; ticks keep where.

Issue 14: a note moved the credit for a tick to the annotator, and his undo then took
"his tick" back; two coordinators could both tick one item; locations were miscounted.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from pathlib import Path

import pytest

from launchtui.domain.ticks import TickEvent, TickNote
from launchtui.services.settings import Settings
from launchtui.services.workspace import UserError, Workspace

KEY = "launch-day/welcome-message-sent"  # once, due on launch day
OTHER = "first-week/next-phase-prepared"


def as_user(settings: Settings, user: str, location: str | None = None) -> Workspace:
    actor = dataclasses.replace(settings.actor, name=user)
    return Workspace(dataclasses.replace(settings, actor=actor, location=location))


@pytest.fixture
def bob(workspace: Workspace, settings: Settings):
    ws = as_user(settings, "bob")
    yield ws
    ws.close()


# -- notes -----------------------------------------------------------------------------


def test_a_note_on_anothers_tick_keeps_the_tick_and_its_author(workspace, bob):
    ticked = workspace.tick(KEY)
    note = bob.note(KEY, "  customers confirmed  ")
    assert isinstance(note, TickNote)
    assert (note.key, note.actor.name, note.text) == (KEY, "bob", "customers confirmed")
    item = workspace.item(KEY)
    assert item.state == "done" and item.event == ticked, "the tick stands as Ana made it"
    assert [e.action for e in workspace.store.history(KEY)] == ["tick"]
    assert [(n.actor.name, n.text) for n in workspace.notes(KEY)] == [
        ("bob", "customers confirmed")
    ]


def test_annotate_adds_a_note_to_a_done_or_skipped_item_and_ticks_an_open_one(workspace, bob):
    workspace.tick(KEY)
    assert isinstance(bob.annotate(KEY, "seen"), TickNote)
    assert workspace.item(KEY).event.actor.name == "ana"
    workspace.skip(OTHER, "not this time")
    assert isinstance(bob.annotate(OTHER, "agreed"), TickNote)
    assert workspace.item(OTHER).state == "skipped"
    opened = [i.key for w in workspace.status().windows for i in w.items if i.is_open]
    open_key = opened[0]
    ticked = bob.annotate(open_key, "done with a note")
    assert isinstance(ticked, TickEvent) and ticked.action == "tick"
    assert ticked.note == "done with a note" and ticked.actor.name == "bob"


def test_a_note_on_an_open_item_leaves_it_open(workspace, bob):
    bob.note(KEY, "waiting for IT")
    assert workspace.item(KEY).is_open
    assert [n.text for n in workspace.notes(KEY)] == ["waiting for IT"]


def test_a_note_is_refused_when_empty_too_long_or_on_an_unknown_key(workspace):
    with pytest.raises(UserError, match="the note is empty"):
        workspace.note(KEY, "   ")
    with pytest.raises(UserError, match="characters; at most"):
        workspace.note(KEY, "x" * 2001)
    with pytest.raises(UserError, match="unknown checklist item"):
        workspace.note("no/such-item", "hello")
    assert workspace.store.notes() == []


def test_undo_of_a_note_removes_only_that_note_never_anothers_tick(workspace, bob):
    ticked = workspace.tick(KEY)
    bob.note(KEY, "first")
    bob.note(KEY, "second")
    undone, hidden = bob.undo()
    assert isinstance(undone, TickNote) and undone.text == "second"
    assert isinstance(hidden, TickNote) and hidden.undo_of == undone.id
    assert [n.text for n in workspace.notes(KEY)] == ["first"]
    assert workspace.item(KEY).event == ticked
    undone, _ = bob.undo()
    assert undone.text == "first"
    assert workspace.notes(KEY) == [] and workspace.item(KEY).event == ticked
    assert bob.undo() is None, "Ana's tick is not Bob's to undo"
    assert [e.action for e in workspace.store.history(KEY)] == ["tick"]


def test_undo_goes_back_through_notes_and_ticks_in_the_order_they_were_made(workspace):
    workspace.note(KEY, "before")
    workspace.tick(KEY)
    workspace.note(KEY, "after")
    assert workspace.undo()[0].text == "after"
    undone, _ = workspace.undo()
    assert isinstance(undone, TickEvent) and undone.action == "tick"
    assert workspace.item(KEY).is_open
    assert workspace.undo()[0].text == "before"
    assert workspace.undo() is None


def test_the_note_log_is_append_only(workspace):
    from launchtui.store.driver import sqlite3

    workspace.note(KEY, "kept")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        workspace.store.db.execute("UPDATE tick_notes SET note = 'changed'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        workspace.store.db.execute("DELETE FROM tick_notes")


# -- the rule check inside the write -------------------------------------------------


def test_a_check_made_before_anothers_write_is_made_again_inside_it(workspace, bob):
    """Ana reads the item as open; Bob ticks before Ana writes: Ana is refused."""
    workspace.item(KEY)
    bob.tick(KEY)
    with pytest.raises(UserError, match="already ticked by bob"):
        workspace.tick(KEY)
    workspace.item(KEY)
    workspace.untick(KEY)
    with pytest.raises(UserError, match="not ticked or skipped"):
        bob.untick(KEY)
    workspace.skip(KEY, "n/a")
    with pytest.raises(UserError, match="already skipped by ana"):
        bob.skip(KEY, "n/a")
    assert [e.action for e in workspace.store.history(KEY)] == ["tick", "untick", "skip"]


def _race(settings: Settings, user: str, rounds: int, barrier, out) -> None:
    ws = as_user(settings, user)
    said = []
    try:
        for _ in range(rounds):
            barrier.wait()
            try:
                ws.tick(KEY)
                said.append("ticked")
            except UserError as exc:
                said.append(str(exc))
            barrier.wait()
            if user == "ana":
                ws.untick(KEY)
            barrier.wait()
    finally:
        ws.close()
        out.put((user, said))


def test_two_processes_racing_on_one_item_land_exactly_one_tick(workspace, settings):
    rounds = 25
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(2, timeout=60)
    out = ctx.Queue()
    racers = [
        ctx.Process(target=_race, args=(settings, user, rounds, barrier, out))
        for user in ("ana", "bob")
    ]
    for p in racers:
        p.start()
    results = dict(out.get(timeout=120) for _ in racers)
    for p in racers:
        p.join(timeout=30)
        assert p.exitcode == 0
    for r in range(rounds):
        said = [results["ana"][r], results["bob"][r]]
        assert said.count("ticked") == 1, said
        (refusal,) = [s for s in said if s != "ticked"]
        assert refusal.startswith(f"'{KEY}' is already ticked by ")
        assert "\n" not in refusal
    ticks = [e for e in workspace.store.history(KEY) if e.action == "tick"]
    assert len(ticks) == rounds


# -- locations -------------------------------------------------------------------------


def test_ticks_keep_their_location_and_only_standing_ticks_are_counted(workspace, settings):
    from launchtui.services.locations import LocationService

    LocationService(workspace).save("Paramaribo", "America/Paramaribo", None)
    there = as_user(settings, "ana", location="Paramaribo")
    try:
        event = there.tick(KEY)
        assert event.location == "Paramaribo"
        there.tick(OTHER)
        assert workspace.store.locations.ticks_by_location() == {"Paramaribo": 2}
        there.undo()  # OTHER's tick is undone: it no longer stands
        assert workspace.store.locations.ticks_by_location() == {"Paramaribo": 1}
        there.note(KEY, "a note is no tick")
        there.untick(KEY)
        assert workspace.store.locations.ticks_by_location() == {}
    finally:
        there.close()


def test_an_old_database_gains_the_note_log(tmp_path: Path, settings):
    from launchtui.store import Store

    store = Store.open(settings.db_path)
    try:
        assert "tick_notes" in store.db.table_names()
    finally:
        store.close()
