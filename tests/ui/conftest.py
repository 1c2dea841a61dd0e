"""Apps for pilot and snapshot tests: a fixed day, time, user and host; polling off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from launchtui.app import LaunchApp
from launchtui.demo import build_demo
from launchtui.domain.clock import Clock
from launchtui.domain.rollout import Actor
from launchtui.settings import Settings
from launchtui.workspace import Workspace

TODAY = dt.date(2026, 11, 7)
NOON = dt.time(12, 0)


def ui_settings(db: Path, user: str = "ana") -> Settings:
    return Settings(
        db_path=db,
        actor=Actor(user, user),
        clock=Clock(fixed_today=TODAY, fixed_time=NOON),
        host="ops-srv",
    )


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    """A database holding the sample rollout as of 2026-11-07 (launch 2026-11-03)."""
    db = tmp_path / "demo.db"
    ws = Workspace(ui_settings(db, user="setup"))
    build_demo(ws)
    ws.close()
    return db


@pytest.fixture
def make_app(demo_db: Path) -> Callable[..., LaunchApp]:
    def make(db: Path | None = None, user: str = "ana") -> LaunchApp:
        return LaunchApp(ui_settings(db or demo_db, user), poll=False)

    return make


async def settle(pilot) -> None:
    """Let every worker finish, and the refresh each write starts, then the repaint."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def export_to(pilot, key: str, target: Path) -> list[str]:
    """Press `key`, write the export dialog's file to `target`; return the notifications."""
    from launchtui.screens.export_dialog import ExportDialog

    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportDialog)
    pilot.app.screen.query_one("#path").value = str(target)
    await pilot.press("enter")
    await settle(pilot)
    return [n.message for n in pilot.app._notifications]
