"""User text reaches the screen literally: never as markup, never as escape sequences."""

from __future__ import annotations

from textual.widgets import Select

from launchtui.services.workspace import Workspace
from launchtui.tui.widgets.checklist_view import ChecklistView

from .conftest import settle, ui_settings, wait_until

HOSTILE = "[bold red]x[/ \x1b[2J\x07 [@click=app.quit]go[/] \u202eevil"


async def test_a_hostile_skip_reason_is_shown_literally(make_app, plain_db):
    ws = Workspace(ui_settings(plain_db, user="mei[/]"))
    key = "first-week/successes-shared"
    ws.skip(key, HOSTILE)
    ws.close()
    app = make_app(plain_db)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        view.cursor = next(y for y, row in enumerate(view.rows) if row.key == key)
        await wait_until(
            pilot,
            lambda: view.scroll_offset.y <= view.cursor < view.scroll_offset.y + view.size.height,
            what="the skipped row to scroll into view",
        )
        line = view.render_line(view.cursor - view.scroll_offset.y).text
        assert "skipped by mei[/]" in line
        assert "[bold red]x[/" in line
        assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line
        assert app.is_running


async def test_phase_names_in_the_forms_choices_are_shown_literally(make_app, plain_db):
    """A phase's name and group are the coordinators' text: the decision, phase and
    figures forms list them as they are, never as markup."""
    from launchtui.services.adoption import AdoptionService
    from launchtui.tui.screens.decision_form import DecisionForm
    from launchtui.tui.screens.figures_form import FiguresForm
    from launchtui.tui.screens.phase_form import PhaseForm

    ws = Workspace(ui_settings(plain_db))
    AdoptionService(ws).edit_phase(1, name="[bold]Pilot[/]", group="[i]early[/i]")
    plan = AdoptionService(ws).plan()
    gate = AdoptionService(ws).gate()
    ws.close()
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for form, shown in (
            (DecisionForm(plan, gate, 1), "[bold]Pilot[/]"),
            (PhaseForm(plan, 1), "[bold]Pilot[/]"),
            (FiguresForm(plan, 1), "[i]early[/i]"),
        ):
            app.push_screen(form)
            await wait_until(pilot, lambda form=form: form.is_mounted, what="the form")
            form.query_one(Select).value = 1  # the first choice is the phase
            await settle(pilot)
            screenshot = app.export_screenshot().replace("&#160;", " ")
            assert f"1 {shown}" in screenshot.replace("&#91;", "["), type(form).__name__
            app.pop_screen()
            await settle(pilot)
