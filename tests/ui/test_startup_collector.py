"""The app resumes the collector that start-up paused (launchtui/startup.py) once its
first screen is painted, also when there is no rollout yet to show."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from launchtui.startup import pause_collector
from launchtui.tui.app import LaunchApp

from .conftest import ui_settings, wait_until


@pytest.fixture(autouse=True)
def collector_back_on() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


@pytest.mark.parametrize("rollout", [True, False], ids=["demo", "no-rollout-yet"])
async def test_the_first_paint_resumes_the_collector(demo_db, tmp_path, rollout):
    db = demo_db if rollout else tmp_path / "none.db"
    pause_collector()
    app = LaunchApp(ui_settings(db), poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, gc.isenabled, what="the collector to resume")
        assert gc.get_freeze_count() > 0
