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
    async def loaded(pilot) -> None:
        await settle(pilot)
        # The file it names lies in the test's own temporary folder: draw a fixed one.
        said = pilot.app.screen.query_one("#setup-db")
        said.update(str(said.render()).replace(str(tmp_path), "/srv/launchtui"))
        await settle(pilot)

    assert snap_compare(make_app(tmp_path / "new.db"), terminal_size=(80, 24), run_before=loaded)


def test_issues(snap_compare, make_app):
    """The sample's unresolved issues: a workaround, one at the vendor, one new."""

    async def issues(pilot) -> None:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=issues)


def test_checklist_with_recurring_rows(snap_compare, make_app, plain_db):
    """The first week's daily check-ins: each row tells its day apart."""
    assert snap_compare(make_app(plain_db), terminal_size=(80, 24), run_before=_loaded)


def test_item_detail(snap_compare, make_app):
    """Enter on a ticked item: who ticked it, when, and its note."""
    from launchtui.tui.widgets.checklist_view import ChecklistView

    async def detail(pilot) -> None:
        await settle(pilot)
        view = pilot.app.screen.query_one(ChecklistView)
        view.cursor = next(
            y for y, row in enumerate(view.rows) if getattr(row, "item", None) and row.item.event
        )
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=detail)


def test_main_screen_in_dutch(snap_compare, dutch_demo_db):
    """The sample made in Dutch (`--lang nl demo`), opened in Dutch."""
    import dataclasses

    from launchtui.text import i18n
    from launchtui.tui.app import LaunchApp

    from .conftest import ui_settings

    app = LaunchApp(dataclasses.replace(ui_settings(dutch_demo_db), lang="nl"), poll=False)
    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)
    finally:
        i18n.set_language("en")


def _gate_state(db, state: str) -> None:
    from launchtui.services.adoption import AdoptionService
    from launchtui.services.issues import IssueService
    from launchtui.services.workspace import Workspace

    from .conftest import ui_settings

    ws = Workspace(ui_settings(db, "rob"))
    if state == "go":
        AdoptionService(ws).record(1, None, active_weekly="84", satisfaction="8.1", nps="20")
    elif state == "pause":
        IssueService(ws).add("SSO fails for Paramaribo office", "major")
    elif state == "rollback":
        IssueService(ws).add("orders lost on sync", "critical", tier=3)
    ws.close()


@pytest.mark.parametrize("state", ["go", "watch", "pause", "rollback"])
def test_panel_in_each_gate_state(snap_compare, make_app, plain_db, state):
    _gate_state(plain_db, state)
    assert snap_compare(make_app(plain_db), terminal_size=(80, 24), run_before=_loaded)


def test_gate_tab(snap_compare, make_app):
    """The sample's gate: the pilot on track, the core team needing work, a decision."""

    async def gate(pilot) -> None:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=gate)


def _gate_with_history(db) -> None:
    """A pass that slips, a poor survey, a decision for phase 2 and a hold standing."""
    import datetime as dt

    from launchtui.services.adoption import AdoptionService
    from launchtui.services.workspace import Workspace

    from .conftest import TODAY, ui_settings

    ws = Workspace(ui_settings(db, "rob"))
    service = AdoptionService(ws)
    service.record(1, TODAY - dt.timedelta(days=2), active_weekly="84", satisfaction="8", nps="5")
    service.record(1, TODAY, active_weekly="72.5", satisfaction="6.5", nps="-3", tickets="12")
    service.decide(2, "go", "the pilot group asked for it")
    service.hold("vendor patch pending")
    ws.close()


def test_gate_tab_scrolled_to_the_end(snap_compare, make_app, plain_db):
    """The criteria with their details, the trend and the phases with their dates."""
    _gate_with_history(plain_db)

    async def gate(pilot) -> None:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)

    assert snap_compare(make_app(plain_db), terminal_size=(80, 24), run_before=gate)


def test_gate_tab_in_dutch(snap_compare, plain_db):
    import dataclasses

    from launchtui.text import i18n
    from launchtui.tui.app import LaunchApp

    from .conftest import ui_settings

    _gate_with_history(plain_db)

    async def gate(pilot) -> None:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)

    app = LaunchApp(dataclasses.replace(ui_settings(plain_db), lang="nl"), poll=False)
    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=gate)
    finally:
        i18n.set_language("en")


def test_decision_form(snap_compare, make_app):
    async def form(pilot) -> None:
        await settle(pilot)
        await pilot.press("g", "d")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=form)


def test_switch_off_prompt(snap_compare, make_app, demo_db):
    from launchtui.services.adoption import AdoptionService
    from launchtui.services.workspace import Workspace
    from launchtui.tui.widgets.checklist_view import ChecklistView

    from .conftest import ui_settings

    ws = Workspace(ui_settings(demo_db, "rob"))
    AdoptionService(ws).record(4, None, old_system="30")
    ws.close()
    key = "post-rollout/old-system-switched-off"

    async def prompt(pilot) -> None:
        await settle(pilot)
        view = pilot.app.screen.query_one(ChecklistView)
        view.expanded.add("post-rollout")
        view.filter("")
        view.cursor = next(y for y, row in enumerate(view.rows) if row.key == key)
        await pilot.press("space")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=prompt)
