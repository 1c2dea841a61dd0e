"""The main screens at 80x24 with a fixed date, time, user and host."""

from __future__ import annotations

import pytest

from .conftest import settle


async def _loaded(pilot) -> None:
    await settle(pilot)


def test_main_screen(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_loaded)


def test_main_screen_after_a_tick(snap_compare, make_app):
    async def tick(pilot) -> None:
        await settle(pilot)
        await pilot.press("space", "down")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=tick)


def test_filter(snap_compare, make_app):
    async def filtered(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"check-in")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=filtered)


def test_help(snap_compare, make_app):
    async def help_open(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=help_open)


def test_setup(snap_compare, make_app, tmp_path):
    assert snap_compare(make_app(tmp_path / "new.db"), terminal_size=(80, 24), run_before=_loaded)


def test_issues(snap_compare, make_app, demo_db):
    from .test_issues_pilot import seed_issues

    seed_issues(demo_db)

    async def issues(pilot) -> None:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=issues)


def _gate_state(db, state: str) -> None:
    from launchtui.adoption_desk import AdoptionDesk
    from launchtui.issue_desk import IssueDesk
    from launchtui.workspace import Workspace

    from .conftest import ui_settings

    ws = Workspace(ui_settings(db, "rob"))
    if state == "go":
        AdoptionDesk(ws).record(1, None, active_weekly="84", satisfaction="8.1", nps="20")
    elif state == "pause":
        IssueDesk(ws).add("SSO fails for Paramaribo office", "major")
    elif state == "rollback":
        IssueDesk(ws).add("orders lost on sync", "critical", tier=3)
    ws.close()


@pytest.mark.parametrize("state", ["go", "watch", "pause", "rollback"])
def test_panel_in_each_gate_state(snap_compare, make_app, demo_db, state):
    _gate_state(demo_db, state)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_loaded)


def test_gate_tab(snap_compare, make_app, demo_db):
    _gate_state(demo_db, "go")

    async def gate(pilot) -> None:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=gate)
