"""Pilot test of the value screen: reached from the gate tab, forms save, figures match `roi`."""

from __future__ import annotations

from launchtui.services.value import ValueService
from launchtui.services.workspace import Workspace
from launchtui.text.value_text import result_lines
from launchtui.tui.screens.form import FormScreen
from launchtui.tui.screens.value import ValueScreen

from .conftest import settle, ui_settings, wait_until


def _setup(db) -> None:
    ws = Workspace(ui_settings(db, "rob"))
    try:
        service = ValueService(ws)
        service.set_settings("SRD", "750")
        service.add_measure("weekly report", "min/week", True)
        service.add_reading("baseline", "weekly report", 50, 1)
    finally:
        ws.close()


def _value_text(app) -> str:
    return str(app.screen.query_one("#value-text").render())


async def test_value_screen_from_the_gate_tab_with_forms(make_app, demo_db):
    _setup(demo_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", "v")
        await wait_until(
            pilot, lambda: isinstance(app.screen, ValueScreen), what="the value screen"
        )
        assert "What phase 1 returned" in _value_text(app)
        assert "Not enough data" in _value_text(app)
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), what="the impact form")
        app.screen.query_one("#field-measure").value = "weekly report"
        app.screen.query_one("#field-value").value = "30"
        app.screen.query_one("#field-phase").value = "1"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: isinstance(app.screen, ValueScreen), what="back on the screen"
        )
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), what="the cost form")
        app.screen.query_one("#field-label").value = "licences"
        app.screen.query_one("#field-amount").value = "-1"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: "--amount" in str(app.screen.query_one("#form-error").render()),
            what="the error in place",
        )
        app.screen.query_one("#field-amount").value = "12000"
        app.screen.query_one("#field-rate").value = "36.5"
        app.screen.query_one("#field-per").value = "year"
        app.screen.query_one("#field-phase").value = "1"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ValueScreen), what="back again")
        shown = _value_text(app)
    ws = Workspace(ui_settings(demo_db, "rob"))
    try:
        part = ValueService(ws).returns().phases[0]
    finally:
        ws.close()
    # One evaluator, one renderer: the screen holds exactly the lines `roi` prints.
    for line in result_lines(part):
        assert line in shown
    assert "SRD 36,500.00 a month" in shown
