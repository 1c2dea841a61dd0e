"""Apps for pilot and snapshot tests: a fixed day, time, user and host; polling off."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.worker import WorkerCancelled

from launchtui.domain.clock import Clock
from launchtui.domain.rollout import Actor, Rollout
from launchtui.services.demo import DEMO_TOOL, build_demo, tick_the_past
from launchtui.services.settings import Settings
from launchtui.services.workspace import Workspace
from launchtui.text.i18n import in_language
from launchtui.tui.app import LaunchApp

TODAY = dt.date(2026, 11, 7)
PLAIN_LAUNCH = dt.date(2026, 11, 3)  # the plain rollout's launch: TODAY is day 4


@pytest.fixture(autouse=True)
def unicode_glyphs_after():
    """An app made with `ascii=True` switches the process's glyphs (ours and Textual's):
    every test after it draws Unicode again."""
    yield
    from launchtui.text.present import set_ascii
    from launchtui.tui.tui_internals import draw_unicode

    set_ascii(False)
    draw_unicode()


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
    """A database holding the sample rollout as of 2026-11-07 (launch 2026-10-21, day
    17: the core team has started; issues, figures, notes, sessions and value)."""
    db = tmp_path / "demo.db"
    ws = Workspace(ui_settings(db, user="setup"))
    build_demo(ws)
    ws.close()
    return db


@pytest.fixture
def dutch_demo_db(tmp_path: Path) -> Path:
    """The sample rollout made in Dutch (`launchtui --lang nl demo`): its names and texts
    are Dutch."""
    import dataclasses

    db = tmp_path / "demo-nl.db"
    ws = Workspace(dataclasses.replace(ui_settings(db, user="setup"), lang="nl"))
    with in_language("nl"):
        build_demo(ws)
    ws.close()
    return db


@pytest.fixture
def plain_db(tmp_path: Path) -> Path:
    """The sample's tool and ticks launched 2026-11-03 (TODAY is day 4, the first week),
    and nothing else: no issues, figures, decisions, notes, locations or sessions. For
    tests of one tab's workings that start from an empty log and build their own case."""
    db = tmp_path / "plain.db"
    ws = Workspace(ui_settings(db, user="setup"))
    ws.init(Rollout(DEMO_TOOL, PLAIN_LAUNCH, "phased", team_size=40))
    tick_the_past(ws, PLAIN_LAUNCH, TODAY)
    ws.close()
    return db


@pytest.fixture
def make_app(demo_db: Path) -> Callable[..., LaunchApp]:
    def make(db: Path | None = None, user: str = "ana") -> LaunchApp:
        return LaunchApp(ui_settings(db or demo_db, user), poll=False)

    return make


async def wait_until(
    pilot, predicate: Callable[[], object], timeout: float = 30.0, what: str = "the condition"
) -> None:
    """Let the app run (pausing between checks) until `predicate()` is true; fail after
    `timeout` seconds saying what was awaited."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        await pilot.pause()


async def shown(pilot, kind: type[Screen]) -> Screen:
    """Wait until the app shows a `kind` screen that has mounted (its `on_mount` ran, so
    it follows the language and the data), and return it."""

    def up() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, kind) and screen.is_mounted

    await wait_until(pilot, up, what=f"the {kind.__name__} screen")
    return pilot.app.screen


def form_error(screen: Screen) -> str:
    """The error line of a form or prompt on `screen` (empty while there is none)."""
    return str(screen.query_one("#form-error").render()).strip()


def _busy(app) -> bool:
    return any(not worker.is_finished for worker in app.workers)


async def settle(pilot, timeout: float = 30.0) -> None:
    """Until the app is quiet: every worker done (a write, then the refresh it starts,
    then the messages that refresh posts) through two repaints in a row."""
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 2:
        if time.monotonic() > deadline:
            running = [worker.name for worker in pilot.app.workers if not worker.is_finished]
            raise AssertionError(f"the app is still busy after {timeout:g} s: {running}")
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # a newer read replaced an exclusive one: wait again
            quiet = 0
            continue
        await pilot.pause()
        quiet = 0 if _busy(pilot.app) else quiet + 1


async def palette_offers(pilot, text: str) -> None:
    """Wait until the open command palette has searched and highlights a hit with `text`."""
    from textual.command import CommandList

    def offered() -> bool:
        found = pilot.app.screen.query(CommandList)
        if not found or found.first().highlighted is None:
            return False
        options = found.first()
        return text in str(options.get_option_at_index(options.highlighted).prompt)

    await wait_until(pilot, offered, what=f"the command palette to offer {text!r}")


async def export_to(pilot, key: str, target: Path) -> list[str]:
    """Press `key`, write the export dialog's file to `target`; return the notifications."""
    from launchtui.tui.screens.export_dialog import ExportDialog

    await pilot.press(key)
    dialog = await shown(pilot, ExportDialog)
    path = dialog.query_one("#path")
    await wait_until(pilot, lambda: pilot.app.focused is path, what="the path box's focus")
    path.value = str(target)
    await pilot.press("enter")
    await settle(pilot)
    return [n.message for n in pilot.app._notifications]
