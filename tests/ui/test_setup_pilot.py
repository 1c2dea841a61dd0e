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
        assert status.day == 4 and any(w.done for w in status.windows)


async def test_escape_on_setup_quits_without_creating_anything(make_app, tmp_path):
    db = tmp_path / "new.db"
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running
