"""`n` on a done row adds the user's own note (the tick keeps its author); `enter` on an
item shows who ticked it, when, where, its notes and a skip's reason (issue 14)."""

from __future__ import annotations

import dataclasses

from launchtui.services.workspace import Workspace
from launchtui.tui.screens.item_detail import ItemDetail
from launchtui.tui.screens.text_prompt import TextPrompt
from launchtui.tui.widgets.checklist_view import ChecklistView

from .conftest import settle, shown, ui_settings, wait_until


def workspace(db, user: str = "ana", location: str | None = None) -> Workspace:
    return Workspace(dataclasses.replace(ui_settings(db, user), location=location))


def detail_text(app) -> str:
    return str(app.screen.query_one("#item-text").render())


async def open_detail(pilot) -> None:
    await pilot.press("enter")
    await shown(pilot, ItemDetail)


async def test_bobs_note_on_anas_tick_keeps_ana_and_his_u_removes_only_the_note(make_app, demo_db):
    app = make_app(user="bob")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        key = view.highlighted.key
        ana = workspace(demo_db, "ana")
        try:
            from launchtui.services.locations import LocationService

            LocationService(ana).save("Paramaribo", "America/Paramaribo", None)
            there = workspace(demo_db, "ana", "Paramaribo")
            there.tick(key)
            there.close()
        finally:
            ana.close()
        app.refresh_data(True)
        await settle(pilot)
        assert view.highlighted.key == key and view.highlighted.state == "done"
        await pilot.press("n")
        await shown(pilot, TextPrompt)
        note = "[b]checked[/b] with [@click=app.quit]IT[/]"
        await pilot.press(*note, "enter")
        await settle(pilot)
        assert view.highlighted.state == "done"
        assert view.highlighted.event.actor.name == "ana", "the tick keeps its author"
        await open_detail(pilot)
        text = detail_text(app)
        assert "ticked by  ana" in text
        assert "Paramaribo" in text
        assert f"bob: {note}" in text, "the note shown as written, with its author"
        await pilot.press("escape")
        await wait_until(
            pilot,
            lambda: not isinstance(app.screen, ItemDetail),
            what="the ItemDetail screen to close",
        )
        await pilot.press("u")
        await settle(pilot)
        assert view.highlighted.state == "done"
        assert view.highlighted.event.actor.name == "ana"
        said = [n.message for n in app._notifications]
        assert f"Undid your note on {key}" in said
        await open_detail(pilot)
        # Gone from the notes; the history keeps the note and its removal.
        notes = detail_text(app).split("history:")[0]
        assert "bob" not in notes and "none yet" in notes
        assert app.is_running


async def test_enter_on_a_skipped_item_shows_the_reason(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        await pilot.press("minus")
        await shown(pilot, TextPrompt)
        await pilot.press(*"no office this week", "enter")
        await settle(pilot)
        assert view.highlighted.state == "skipped"
        await open_detail(pilot)
        text = detail_text(app)
        assert "skipped by ana" in text and "no office this week" in text
        await pilot.press("n")
        await shown(pilot, TextPrompt)
        await pilot.press(*"agreed", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemDetail)
        assert "ana: agreed" in detail_text(app)
        assert view.highlighted.state == "skipped"


async def test_n_on_an_open_row_still_ticks_with_the_note(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        assert view.highlighted.is_open
        await pilot.press("n")
        await shown(pilot, TextPrompt)
        await pilot.press(*"done", "enter")
        await settle(pilot)
        assert view.highlighted.state == "done"
        assert view.highlighted.event.note == "done"


def test_the_detail_shows_times_on_the_coordinators_clock_with_the_zone(demo_db, utc_system):
    """A tick at 17:00 UTC reads 14:00 -03 for a coordinator in Paramaribo."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from launchtui.domain.rollout import Actor
    from launchtui.domain.ticks import TickEvent
    from launchtui.tui.screens.item_detail import describe

    ws = workspace(demo_db)
    try:
        item = ws.item("launch-day/welcome-message-sent")
    finally:
        ws.close()
    at = dt.datetime(2026, 11, 25, 17, 0, tzinfo=dt.UTC)
    event = TickEvent(1, item.key, "tick", Actor("ana", "ana"), at, at, location="Paramaribo")
    text = describe(item._replace(event=event), [], ZoneInfo("America/Paramaribo"))
    assert "2026-11-25 14:00 -03" in text
    assert "Paramaribo" in text


async def test_a_reload_reads_each_row_once(make_app, demo_db):
    """The detail reads the item, its notes and its history (under its older key too)
    each once: a statement run twice in one reload, or more of them, is a regression."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        items = [i for window in app.data.status.windows for i in window.items]
        item = next(i for i in items if i.instance.legacy_key and i.event is not None)
        key = item.key
        app.push_screen(ItemDetail(key))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ItemDetail)
        seen: list[str] = []
        connection = app.browser.store.db.conn
        connection.set_trace_callback(seen.append)
        try:
            screen.reload()
        finally:
            connection.set_trace_callback(None)
        twice = sorted({s for s in seen if seen.count(s) > 1})
        assert not twice, twice
        # the rollout and its phase plan, then the events and notes of either key
        assert len(seen) <= 6, seen
        shown = (screen.item, screen.notes, screen.history)
    ws = workspace(demo_db)
    try:
        assert shown == (ws.item(key), ws.notes(key), ws.history(key)), "what it shows is the same"
    finally:
        ws.close()
