"""The schedule view (issue 17): from the gate tab and the palette, per location, today first;
the panel names the next session; the export dialog offers the calendar."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static

from launchtui.services.locations import LocationService
from launchtui.services.sessions import SessionService
from launchtui.services.workspace import Workspace
from launchtui.tui.screens.export_dialog import ExportDialog
from launchtui.tui.screens.schedule import ScheduleScreen
from launchtui.tui.widgets.status_panel import StatusPanel

from .conftest import settle, ui_settings


def _plan(db) -> None:
    ws = Workspace(ui_settings(db))
    LocationService(ws).save("Georgetown", "America/Guyana", "ana")
    LocationService(ws).save("Paramaribo", "America/Paramaribo", "rob")
    service = SessionService(ws)
    service.add("office-hour", "Georgetown", dt.date(2026, 11, 5), "10:00")  # before today
    service.add("office-hour", "Georgetown", dt.date(2026, 11, 9), "10:00")
    service.add("training", "Paramaribo", dt.date(2026, 11, 13), "14:00")
    ws.close()


def _text(screen: ScheduleScreen) -> str:
    return str(screen.query_one("#schedule-text", Static).render())


async def test_schedule_from_the_gate_tab(plain_db, make_app):
    _plan(plain_db)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = str(app.screen.query_one(StatusPanel).render())
        assert "Next: office hour Mon 9 Nov 10:00 Georgetown" in panel
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)
        text = _text(app.screen)
        lines = text.splitlines()
        assert lines[0].startswith("Georgetown (America/Guyana) · ana")
        # today first: the 5 Nov office hour is only counted, 9 Nov listed
        assert "Mon 9 Nov 10:00–11:00  office hour" in lines[1]
        assert "1 earlier session" in text
        assert "Fri 13 Nov 14:00–15:30  training" in text
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#path", Input).value.endswith(".ics")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ScheduleScreen)


async def test_schedule_from_the_palette(plain_db, make_app):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Show the schedule")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)
        assert "sessions plan" in _text(app.screen)  # none yet: says how to plan them
