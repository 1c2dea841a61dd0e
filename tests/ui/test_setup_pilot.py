"""First run: an empty database offers setup or the sample rollout."""

from __future__ import annotations

from launchtui.services.workspace import Workspace
from launchtui.tui.screens.main import MainScreen
from launchtui.tui.screens.setup import SetupScreen
from launchtui.tui.widgets.checklist_view import ChecklistView

from .conftest import settle, ui_settings


async def test_empty_database_offers_setup_and_creates_the_rollout(make_app, tmp_path):
    db = tmp_path / "new.db"
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press(*"Acme CRM", "enter")
        await pilot.press(*"2026-11-10", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        view = app.screen.query_one(ChecklistView)
        assert view.status is not None and view.status.rollout.tool == "Acme CRM"
    ws = Workspace(ui_settings(db))
    assert ws.rollout().launch.isoformat() == "2026-11-10"
    ws.close()


async def test_setup_refuses_a_bad_date_and_keeps_the_screen(make_app, tmp_path):
    db = tmp_path / "new.db"
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Acme", "enter", *"10/11/2026", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert "date" in str(app.screen.query_one("#setup-error").render())
    ws = Workspace(ui_settings(db))
    assert ws.store.rollout() is None
    ws.close()


async def test_ctrl_d_opens_the_sample_rollout(make_app, tmp_path):
    app = make_app(tmp_path / "new.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        status = app.screen.query_one(ChecklistView).status
        assert status.day == 17 and any(w.done for w in status.windows)


async def test_escape_on_setup_quits_without_creating_anything(make_app, tmp_path):
    db = tmp_path / "new.db"
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running
    assert not db.exists(), "Esc on the setup screen made a database file"


async def test_setup_waits_without_creating_a_file_while_polling(tmp_path):
    """The poll reads every second: reading must never make the file the user may still
    decline (it made a stray one in the home folder)."""
    from launchtui.tui.app import LaunchApp

    db = tmp_path / "new.db"
    app = LaunchApp(ui_settings(db), poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        app.refresh_data(force=True)
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert not db.exists()
