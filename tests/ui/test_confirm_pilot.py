"""Changes that are someone else's or hard to take back ask first (one confirm screen);
a skip without a reason says so and keeps its dialog open."""

from __future__ import annotations

from launchtui.services.adoption import AdoptionService
from launchtui.services.issues import IssueService
from launchtui.services.workspace import Workspace
from launchtui.tui.screens.confirm import ConfirmScreen
from launchtui.tui.screens.text_prompt import TextPrompt
from launchtui.tui.widgets.checklist_view import ChecklistView

from .conftest import form_error, settle, ui_settings, wait_until


def with_ws(db, act, user="rob"):
    ws = Workspace(ui_settings(db, user))
    try:
        return act(ws)
    finally:
        ws.close()


def issue_tier(db) -> int:
    return with_ws(db, lambda ws: IssueService(ws).get(1).tier)


async def test_escalating_asks_first_and_n_leaves_the_tier(make_app, plain_db):
    with_ws(plain_db, lambda ws: IssueService(ws).add("SSO fails", "major", tier=2))
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("plus")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        assert "#1" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen) and issue_tier(plain_db) == 2
        await pilot.press("plus")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        await pilot.press("y")
        await settle(pilot)
        assert issue_tier(plain_db) == 3


async def test_unticking_someone_elses_tick_asks_first(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        key = view.highlighted.key
        with_ws(demo_db, lambda ws: ws.tick(key), user="rob")
        app.refresh_data(force=True)
        await wait_until(pilot, lambda: view.highlighted.state == "done", what="rob's tick")
        await pilot.press("space")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        assert "rob" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("escape")
        await settle(pilot)
        assert view.highlighted.state == "done"
        await pilot.press("space")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        await pilot.press("y")
        await settle(pilot)
        assert view.highlighted.state == "open"


async def test_unticking_my_own_tick_needs_no_question(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen) and view.highlighted.state == "open"


async def test_lifting_a_hold_names_it_and_asks_first(make_app, demo_db):
    with_ws(demo_db, lambda ws: AdoptionService(ws).hold("vendor patch pending"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        question = str(app.screen.query_one("#confirm-question").render())
        assert "rob" in question and "vendor patch pending" in question
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, TextPrompt)
        assert with_ws(demo_db, lambda ws: AdoptionService(ws).override()) is not None


async def test_an_empty_skip_reason_shows_the_error_line_and_stays_open(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        await pilot.press("minus")
        await wait_until(pilot, lambda: isinstance(app.screen, TextPrompt), what="the dialog")
        dialog = app.screen
        await pilot.press("enter")
        await wait_until(pilot, lambda: form_error(dialog), what="the error line")
        assert app.screen is dialog, "an empty reason must not close the dialog"
        assert form_error(dialog).startswith("skip needs a reason")
        await pilot.press(*"no office", "enter")
        await settle(pilot)
        assert view.highlighted.state == "skipped"
