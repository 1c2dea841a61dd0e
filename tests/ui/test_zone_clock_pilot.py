"""The status panel's clock is the wall clock where the coordinator works (issue 14)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from launchtui.domain.clock import Clock
from launchtui.services.locations import LocationService
from launchtui.services.workspace import Workspace
from launchtui.tui.app import LaunchApp
from launchtui.tui.widgets.status_panel import StatusPanel

from .conftest import settle, ui_settings

NOW = dt.datetime(2026, 11, 7, 2, 30, tzinfo=dt.UTC)  # 23:30 in Paramaribo, 03:30 in Amsterdam


pytestmark = pytest.mark.usefixtures("utc_system")


@pytest.mark.parametrize(
    ("location", "clock"),
    [("Paramaribo", "23:30 -03"), ("Amsterdam", "03:30 CET"), (None, "02:30")],
)
async def test_the_panel_clock_is_the_locations(plain_db, location, clock):
    ws = Workspace(ui_settings(plain_db))
    service = LocationService(ws)
    service.save("Paramaribo", "America/Paramaribo", "ana")
    service.save("Amsterdam", "Europe/Amsterdam", "joel")
    ws.close()
    settings = replace(ui_settings(plain_db), clock=Clock(fixed_now=NOW), location=location)
    app = LaunchApp(settings, poll=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        first = str(app.screen.query_one(StatusPanel).render()).splitlines()[0]
        assert first.endswith(f"ana@ops-srv · {clock}"), first
