"""First run: an empty database offers setup or the sample rollout."""

from __future__ import annotations

import pytest

from launchtui.services.workspace import Workspace
from launchtui.tui.screens.main import MainScreen
from launchtui.tui.screens.setup import SetupScreen
from launchtui.tui.widgets.checklist_view import ChecklistView

from .conftest import settle, ui_settings, wait_until


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
        await wait_until(pilot, lambda: not app.is_running, what="the app to quit")
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


async def test_setup_names_the_file_describes_the_timeline_and_counts_overdue(make_app, tmp_path):
    from textual.widgets import Select

    db = tmp_path / "new.db"
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert str(screen.query_one("#setup-db").render()) == f"Creates {db}"
        assert "core team 3-4" in str(screen.query_one("#setup-template").render())
        await pilot.press(*"Acme", "enter", *"2026-10-21")  # 17 days before today
        await settle(pilot)
        said = str(screen.query_one("#setup-overdue").render())
        assert said.startswith("With this launch date ") and "overdue from the start" in said
        late = int(said.split()[4])
        screen.query_one("#launch").value = "2026-11-21"  # two weeks ahead: nothing late
        await settle(pilot)
        assert str(screen.query_one("#setup-overdue").render()) == ""
        screen.query_one("#launch").value = "2026-10-21"
        screen.query_one("#template", Select).value = "solo"
        await settle(pilot)
        assert "One person" in str(screen.query_one("#setup-template").render())
        assert late > 0
    assert not db.exists()


async def test_setup_adds_the_locations_given(make_app, tmp_path):
    db = tmp_path / "new.db"
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#tool").value = "Acme CRM"
        screen.query_one("#launch").value = "2026-11-10"
        screen.query_one("#locations").value = "Paramaribo, Mars/Olympus, ana"
        await pilot.click("#create")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert "Mars/Olympus" in str(screen.query_one("#setup-error").render())
        assert not db.exists()  # refused before anything was made
        screen.query_one(
            "#locations"
        ).value = "Paramaribo, America/Paramaribo, ana; Georgetown, America/Guyana"
        await pilot.click("#create")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    ws = Workspace(ui_settings(db))
    places = {p.name: (p.tz, p.champion) for p in ws.store.locations.all()}
    ws.close()
    assert places == {
        "Paramaribo": ("America/Paramaribo", "ana"),
        "Georgetown": ("America/Guyana", None),
    }


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_each_template_is_described_in_a_line_that_fits(lang):
    """One line under the timeline at 80 columns (the form's padding leaves 76)."""
    from launchtui.domain.phases import TEMPLATES
    from launchtui.text.i18n import in_language
    from launchtui.tui.screens.setup import template_line

    with in_language(lang):
        lines = {name: template_line(name) for name in TEMPLATES}
    assert all(lines.values()) and all(len(line) <= 76 for line in lines.values()), lines
