"""The status panel shows each location's own clock and what is due there."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from launchtui.domain.clock import Clock
from launchtui.services.locations import LocationService
from launchtui.services.workspace import Workspace
from launchtui.tui.app import LaunchApp
from launchtui.tui.widgets.status_panel import StatusPanel

from .conftest import settle, ui_settings

NOW = dt.datetime(2026, 11, 7, 2, 30, tzinfo=dt.UTC)


async def test_panel_lists_each_location_with_its_local_time(plain_db):
    ws = Workspace(ui_settings(plain_db))
    service = LocationService(ws)
    service.save("Paramaribo", "America/Paramaribo", "ana")
    service.save("Amsterdam", "Europe/Amsterdam", "joel")
    ws.close()
    settings = replace(ui_settings(plain_db), clock=Clock(fixed_now=NOW))
    app = LaunchApp(settings, poll=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        panel = str(app.screen.query_one(StatusPanel).render()).splitlines()
        assert len(panel) == 5
        assert "Amsterdam 03:30" in panel[4] and "Paramaribo 23:30" in panel[4]


async def test_no_location_line_without_locations(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(str(app.screen.query_one(StatusPanel).render()).splitlines()) == 4
