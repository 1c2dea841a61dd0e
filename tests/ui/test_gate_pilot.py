"""Pilot tests of the gate: the panel's state follows figures, issues and overrides, live."""

from __future__ import annotations

import subprocess
import sys
import time

from launchtui.adoption_desk import AdoptionDesk
from launchtui.issue_desk import IssueDesk
from launchtui.screens.figures_form import FiguresForm
from launchtui.widgets.gate_pane import GatePane
from launchtui.widgets.status_panel import StatusPanel
from launchtui.workspace import Workspace

from .conftest import TODAY, settle, ui_settings


def panel(app) -> str:
    return str(app.screen.query_one(StatusPanel).render())


def with_desks(db, act, user="rob"):
    ws = Workspace(ui_settings(db, user))
    try:
        return act(IssueDesk(ws), AdoptionDesk(ws))
    finally:
        ws.close()


async def test_no_figures_yet_reads_watch_and_g_shows_every_criterion(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "GATE ◐ WATCH" in panel(app)
        await pilot.press("g")
        await settle(pilot)
        pane = app.screen.query_one(GatePane)
        assert app.focused is pane
        text = str(pane.query_one("#gate-text").render())
        assert "active use" in text and "satisfaction" in text and "NPS" in text
        assert "no figure" in text


async def test_recording_figures_in_the_form_turns_the_gate_to_go(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FiguresForm)
        app.screen.query_one("#active_weekly").value = "85"
        app.screen.query_one("#satisfaction").value = "8"
        app.screen.query_one("#nps").value = "12"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "GATE ✓ GO" in panel(app)
        saved = with_desks(demo_db, lambda i, a: a.figures())
        assert [(f.phase, f.active_weekly, f.nps) for f in saved] == [(1, 85, 12)]


async def test_the_form_names_a_bad_figure_and_saves_nothing(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g", "n")
        await pilot.pause()
        app.screen.query_one("#satisfaction").value = "11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FiguresForm)
        assert "satisfaction" in str(app.screen.query_one("#form-error").render())
    assert with_desks(demo_db, lambda i, a: a.figures()) == []


async def test_resolving_the_major_issue_lifts_the_pause(make_app, demo_db):
    with_desks(demo_db, lambda i, a: i.add("SSO fails for Paramaribo", "major"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "GATE ‖ PAUSE" in panel(app)
        await pilot.press("i", "x")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert "GATE ◐ WATCH" in panel(app)


async def test_hold_needs_a_reason_shows_held_and_lift_ends_it(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", "h")
        await pilot.pause()
        await pilot.press(*"waiting on vendor patch", "enter")
        await settle(pilot)
        assert "GATE ‖ HELD" in panel(app)
        override = with_desks(demo_db, lambda i, a: a.override())
        assert (override.kind, override.reason, override.actor.name) == (
            "hold",
            "waiting on vendor patch",
            "ana",
        )
        await pilot.press("l")
        await settle(pilot)
        assert "GATE ◐ WATCH" in panel(app)


async def test_another_process_write_shows_without_a_key_press(demo_db):
    from launchtui.app import LaunchApp

    app = LaunchApp(ui_settings(demo_db), poll=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "▲ 0 critical" in panel(app)
        command = [sys.executable, "-m", "launchtui", "--db", str(demo_db), "--user", "rob"]
        command += ["--today", TODAY.isoformat(), "issue", "add", "--title", "orders lost"]
        command += ["--severity", "critical"]
        subprocess.run(command, check=True, capture_output=True, timeout=60)
        deadline = time.monotonic() + 5
        while "ROLLBACK" not in panel(app) and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert "GATE ✖ ROLLBACK" in panel(app)
        assert "▲ 1 CRITICAL" in panel(app)
