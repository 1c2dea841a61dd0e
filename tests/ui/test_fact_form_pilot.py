"""The mails' facts in the TUI form hold several lines, as `launchtui comms set` does:
shown and saved as written, and a save without a change writes nothing."""

from __future__ import annotations

from textual.widgets import Select, TextArea

from launchtui.services.comms import CommsService
from launchtui.services.workspace import Workspace
from launchtui.tui.screens.comms_view import CommsView
from launchtui.tui.screens.form import FormScreen

from .conftest import settle, ui_settings, wait_until

ENGLISH = "fewer double entries\n- one list\n- one place"
DUTCH = "minder dubbel werk\n- één lijst\n- één plek"


def _set_facts(db) -> None:
    ws = Workspace(ui_settings(db))
    try:
        service = CommsService(ws)
        service.set_fact("benefit", ENGLISH, "en")
        service.set_fact("benefit", DUTCH, "nl")
    finally:
        ws.close()


def _facts(db) -> tuple[dict[str, str | None], dict[str, str | None], int]:
    ws = Workspace(ui_settings(db))
    try:
        service = CommsService(ws)
        return service.fact_values("en"), service.fact_values("nl"), len(service.fact_history())
    finally:
        ws.close()


def _shown(form: FormScreen) -> str:
    box = form.query_one("#field-value")
    return box.text if isinstance(box, TextArea) else box.value  # type: ignore[attr-defined]


async def _open_form(pilot, lang: str) -> FormScreen:
    await pilot.press("f")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormScreen), what="the form")
    form = pilot.app.screen
    form.query_one("#field-key", Select).value = "benefit"
    form.query_one("#field-lang", Select).value = lang
    expected = ENGLISH if lang == "en" else DUTCH
    await wait_until(
        pilot,
        lambda: _shown(form) == expected,
        what=f"the {lang} fact, every line of it",
    )
    return form  # type: ignore[return-value]


async def _save(pilot) -> None:
    await pilot.press("ctrl+s")
    await wait_until(
        pilot, lambda: not isinstance(pilot.app.screen, FormScreen), what="the form to close"
    )
    await settle(pilot)


async def test_a_fact_of_several_lines_is_shown_whole_and_saving_it_unchanged_writes_nothing(
    make_app, demo_db
):
    _set_facts(demo_db)
    before = _facts(demo_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", "w")
        await wait_until(pilot, lambda: isinstance(app.screen, CommsView), what="the update")
        for lang in ("en", "nl"):
            form = await _open_form(pilot, lang)
            box = form.query_one("#field-value", TextArea)
            assert box.text == (ENGLISH if lang == "en" else DUTCH)
            assert box.region.height == 5, "every line of the fact is in view"
            await _save(pilot)
    assert _facts(demo_db) == before, "an unchanged save leaves the facts and their history"


async def test_a_fact_is_edited_over_several_lines_enter_adding_a_line(make_app, demo_db):
    _set_facts(demo_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", "w")
        await wait_until(pilot, lambda: isinstance(app.screen, CommsView), what="the update")
        form = await _open_form(pilot, "nl")
        box = form.query_one("#field-value", TextArea)
        box.focus()
        box.move_cursor(box.document.end)
        await pilot.press("enter", "-", "space", "k", "l", "a", "a", "r")
        assert isinstance(app.screen, FormScreen), "enter in the text adds a line, not saves"
        await _save(pilot)
    english, dutch, _ = _facts(demo_db)
    assert dutch["benefit"] == DUTCH + "\n- klaar"
    assert english["benefit"] == ENGLISH
