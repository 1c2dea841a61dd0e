"""The status panel at 80 columns: the header keeps user@host and the clock, the gate
line fits in both languages, and the panel lays itself out again on a resize."""

from __future__ import annotations

from dataclasses import replace

import pytest

from launchtui.tui.app import LaunchApp
from launchtui.tui.widgets.status_panel import StatusPanel

from .conftest import settle, ui_settings, wait_until


def panel_lines(app: LaunchApp) -> list[str]:
    return str(app.screen.query_one(StatusPanel).render()).splitlines()


async def test_a_long_display_name_keeps_user_host_and_clock_on_the_header(demo_db):
    app = LaunchApp(ui_settings(demo_db, user="Ana de Vries"), poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = panel_lines(app)[0]
        assert first.endswith("Ana de Vries@ops-srv · 12:00"), first
        assert first.startswith("Acme CRM"), first
        assert len(first) <= 78


@pytest.mark.parametrize("lang", ["en", "nl"])
async def test_every_panel_line_fits_80_columns(demo_db, lang):
    app = LaunchApp(replace(ui_settings(demo_db), lang=lang), poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = panel_lines(app)
        assert all(len(line) <= 78 for line in lines), lines
        gate = lines[2]
        assert "…" not in gate, gate  # the gate line is laid out to fit, not cut


@pytest.mark.parametrize(
    ("lang", "db", "group"),
    [
        ("en", "demo_db", "Pilot users and volunteers"),
        ("nl", "demo_db", "Pilot users and volunteers"),
        ("nl", "dutch_demo_db", "Pilotgebruikers en vrijwilligers"),
    ],
)
async def test_the_gate_line_names_the_group_its_figure_is_of(request, lang, db, group):
    """The first criterion not met is the pilot group's active use (68%), not the core
    team's: the short line says whose it is, as the gate's sentence does, whole."""
    app = LaunchApp(replace(ui_settings(request.getfixturevalue(db)), lang=lang), poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = next(c for c in app.data.gate.criteria if not c.ok and not c.advisory)
        assert first.subject == group
        gate = panel_lines(app)[2]
        assert f"{group}: " in gate and "68%" in gate, gate
        assert len(gate) <= 78 and "…" not in gate, gate


async def test_the_panel_lays_out_again_on_a_resize(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        narrow = panel_lines(app)
        await pilot.resize_terminal(120, 40)
        await wait_until(
            pilot, lambda: len(panel_lines(app)[0]) > 80, what="the header spread to 120"
        )
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: panel_lines(app) == narrow, what="the 80x24 panel again")
        assert app.screen.query_one(StatusPanel).size.height == len(narrow)


async def test_a_resize_to_the_same_width_draws_nothing_again(make_app, monkeypatch):
    """Every screen gets a resize as it first shows: at the width the panel was laid out
    for, it is no reason to lay it out and draw it again."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(StatusPanel)
        updates: list[bool] = []
        monkeypatch.setattr(panel, "update", lambda *a, **k: updates.append(True))
        panel.on_resize()
        assert updates == []
        await pilot.resize_terminal(100, 24)
        await wait_until(pilot, lambda: updates, what="the panel laid out for 100 columns")


async def test_ages_on_screen_move_on_with_the_minute(make_app, demo_db):
    """A load a minute later, with nothing written, draws every age again."""
    import datetime as dt

    from launchtui.tui.widgets.checklist_view import ChecklistView

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        data = app.data
        before = app.export_screenshot()
        later = data.now + dt.timedelta(days=3)
        app.data = replace(data, now=later)
        await settle(pilot)
        assert view.now == later
        after = app.export_screenshot()
        assert after != before and "days&#160;ago" in after


async def test_a_new_minute_repaints_only_the_rows_whose_age_moved(make_app, demo_db):
    """Over SSH each repainted line costs bytes: on the minute, a row whose "who · when"
    reads the same ("2 days ago") is left alone; one that moved ("now" -> "a minute ago")
    is drawn again."""
    import datetime as dt

    from launchtui.text.present import who_when
    from launchtui.tui.widgets.checklist_view import ChecklistView, ItemRow

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        data = app.data
        later = data.now + dt.timedelta(minutes=1)
        moved = {
            y
            for y, row in enumerate(view.rows)
            if isinstance(row, ItemRow)
            and row.item.state == "done"
            and row.item.event is not None
            and who_when(row.item.event, data.now) != who_when(row.item.event, later)
        }
        repainted: list[int] = []
        view.refresh_line = repainted.append  # type: ignore[method-assign]
        view.refresh = lambda *a, **k: pytest.fail("the whole list was repainted")  # type: ignore[method-assign]
        view.show(data.status, later)
        assert set(repainted) == moved
        assert len(repainted) < len(view.rows)
