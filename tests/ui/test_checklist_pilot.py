"""Pilot tests: every key of the main screen, against the database underneath."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.events import Key
from textual.widgets import Input

from launchtui.services.workspace import Workspace
from launchtui.tui.screens.help import HelpScreen
from launchtui.tui.screens.main import MainScreen
from launchtui.tui.screens.text_prompt import TextPrompt
from launchtui.tui.widgets.checklist_view import ChecklistView, HeaderRow, ItemRow
from launchtui.tui.widgets.status_panel import StatusPanel

from .conftest import export_to, palette_offers, settle, shown, ui_settings, wait_until


def events(db, key=None):
    ws = Workspace(ui_settings(db))
    try:
        return ws.store.history(key)
    finally:
        ws.close()


async def test_opens_on_the_current_window_with_focus_on_the_list(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        assert app.focused is view
        item = view.highlighted
        assert item is not None
        assert item.instance.window == "each-week-after"
        assert item.is_open
        headers = [r for r in view.rows if isinstance(r, HeaderRow)]
        assert [h.progress.id for h in headers if h.expanded] == ["each-week-after"]
        panel = str(app.screen.query_one(StatusPanel).render())
        assert "Acme CRM" in panel and "day 18 of the rollout" in panel
        assert "ana@ops-srv" in panel


async def test_the_first_screen_has_its_data_without_waiting_for_a_worker(demo_db):
    """The first load runs before the screen mounts, on the command line's workspace:
    no worker, no second parse of the checklists, and the cursor's window in view."""
    from launchtui.tui.app import LaunchApp

    ws = Workspace(ui_settings(demo_db))
    checklists = ws.checklists
    app = LaunchApp(ws.settings, poll=False, workspace=ws)
    assert app.browser is ws
    assert app.reader.checklists is checklists and app.writer.checklists is checklists
    async with app.run_test(size=(80, 24)) as pilot:
        await shown(pilot, MainScreen)
        assert not app.workers, "nothing was left to load in the background"
        view = app.screen.query_one(ChecklistView)
        assert (
            view.highlighted is not None and view.highlighted.instance.window == "each-week-after"
        )
        assert view.scroll_offset.y <= view.cursor < view.scroll_offset.y + view.size.height
        assert view.scroll_offset.y == 0, "the window's header and the earlier ones stay in view"
        panel = str(app.screen.query_one(StatusPanel).render())
        assert "day 18 of the rollout" in panel


async def test_a_broken_checklist_file_is_one_line_on_screen_not_a_crash(demo_db, tmp_path):
    import dataclasses

    from launchtui.tui.app import LaunchApp

    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "launch.toml").write_text("this is = = not toml\n", encoding="utf-8")
    settings = dataclasses.replace(ui_settings(demo_db), checklists_dir=folder)
    app = LaunchApp(settings, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and "\n" not in said[0]
        assert said[0].startswith(f"{folder / 'launch.toml'}:1: TOML syntax: ")


async def test_space_ticks_then_unticks_and_records_who(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        key = view.highlighted.key
        await pilot.press("space")
        await settle(pilot)
        assert view.highlighted.key == key, "cursor must stay on the ticked item"
        assert view.highlighted.state == "done"
        last = events(demo_db, key)[-1]
        assert (last.action, last.actor.name) == ("tick", "ana")
        await pilot.press("space")
        await settle(pilot)
        assert view.highlighted.state == "open"
        assert [e.action for e in events(demo_db, key)] == ["tick", "untick"]


async def test_u_undoes_my_own_last_tick(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        key = view.highlighted.key
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert view.highlighted.state == "open"
        undo = events(demo_db, key)[-1]
        assert undo.action == "untick" and undo.undo_of is not None


async def test_n_ticks_with_a_note_shown_literally(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        key = view.highlighted.key
        await pilot.press("n")
        await shown(pilot, TextPrompt)
        note = "[bold]all[/ fine [@click=app.quit]x[/]"
        await pilot.press(*note)
        await pilot.press("enter")
        await settle(pilot)
        last = events(demo_db, key)[-1]
        assert (last.action, last.note) == ("tick", note)
        assert app.is_running, "markup in a note must not run an action"


async def test_minus_skips_with_a_reason(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        key = view.highlighted.key
        await pilot.press("minus")
        await shown(pilot, TextPrompt)
        await pilot.press(*"no office this week", "enter")
        await settle(pilot)
        assert view.highlighted.state == "skipped"
        assert events(demo_db, key)[-1].note == "no office this week"


async def test_escape_in_a_prompt_saves_nothing(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = len(events(demo_db))
        await pilot.press("n", "x", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, TextPrompt)
        assert len(events(demo_db)) == before


async def test_slash_filters_and_escape_clears(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        all_rows = len(view.rows)
        await pilot.press("slash")
        await wait_until(
            pilot,
            lambda: isinstance(app.focused, Input) and app.focused.id == "checklist-filter",
            what="the filter box to take the focus",
        )
        await pilot.press(*"office")
        await wait_until(pilot, lambda: view.needle == "office", what="the list to filter")
        items = [r for r in view.rows if isinstance(r, ItemRow)]
        assert items
        for row in items:
            text = f"{row.item.key} {row.item.instance.label('en')}".casefold()
            assert "office" in text
        assert len(view.rows) < all_rows
        await pilot.press("escape")
        await wait_until(
            pilot,
            lambda: view.needle == "" and app.focused is view,
            what="the filter to clear and the list to take the focus",
        )
        assert len(view.rows) == all_rows


@pytest.mark.parametrize(
    "keys", [("slash", "u", "n"), ("slash", "unix")], ids=["apart", "one-read"]
)
async def test_keys_typed_right_after_slash_go_to_the_filter(make_app, demo_db, keys):
    """Over SSH `/un` often arrives at once: `u` (undo) and `n` (note) must reach the
    filter box, never the list, and nothing is written."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = len(events(demo_db))
        for key in keys:  # posted at once, as one read from the terminal delivers them
            for char in "/" if key == "slash" else key:
                app.post_message(Key(key if key == "slash" else char, char))
        view = app.screen.query_one(ChecklistView)
        typed = "".join(k for k in keys if k != "slash")
        await wait_until(pilot, lambda: view.needle == typed, what="the filter to read it")
        await settle(pilot)
        assert len(events(demo_db)) == before
        assert not isinstance(app.screen, TextPrompt)


async def test_a_slash_in_the_filter_box_is_text(make_app):
    """Item keys hold a slash (first-week/daily-check-in): in the box it is typed, not
    the filter key again."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        await pilot.press("slash", *"week/", "o")
        await wait_until(pilot, lambda: view.needle == "week/o", what="the slash in the filter")


async def test_enter_folds_and_unfolds_a_window(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        await pilot.press("home")
        first = view.rows[0]
        assert isinstance(first, HeaderRow) and not first.expanded
        await pilot.press("enter")
        assert view.rows[0].expanded
        assert isinstance(view.rows[1], ItemRow)
        await pilot.press("down", "left")
        assert view.cursor == 0 and not view.rows[0].expanded


async def test_question_mark_shows_help_and_escape_closes_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await shown(pilot, HelpScreen)
        await pilot.press("escape")
        await wait_until(
            pilot,
            lambda: not isinstance(app.screen, HelpScreen),
            what="the HelpScreen screen to close",
        )


async def test_q_quits(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, what="the app to quit")


async def test_a_tick_from_another_process_shows_on_the_next_poll(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        key = view.highlighted.key
        other = Workspace(ui_settings(demo_db, user="rob"))
        other.tick(key, note="done from the CLI")
        other.close()
        app.refresh_data()  # what the one-second timer calls: no force, data_version decides
        await settle(pilot)
        assert view.highlighted.key == key
        assert view.highlighted.state == "done"
        assert view.highlighted.event.actor.name == "rob"


async def test_the_command_palette_runs_a_command(make_app):
    from launchtui.tui.widgets.issues_pane import IssuesPane

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await shown(pilot, CommandPalette)
        await pilot.press(*"show the issues")
        await palette_offers(pilot, "Show the issues")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#views").current == "issues"
        assert app.focused.parent is app.screen.query_one(IssuesPane) or isinstance(
            app.focused.parent, IssuesPane
        )


async def test_e_prints_the_checklists_for_an_outage(make_app, tmp_path):

    target = tmp_path / "paper.md"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        messages = await export_to(pilot, "e", target)
        assert any(str(target) in m and "items" in m for m in messages), messages
    paper = target.read_text(encoding="utf-8")
    assert paper.startswith("# Acme CRM: checklists on paper")
    assert "| [x] |" in paper and "| [ ] |" in paper
