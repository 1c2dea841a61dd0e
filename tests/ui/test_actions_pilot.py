"""Issue 16 part A: what was only on the command line, from the keyboard, with the same
rules and error lines (the services refuse; the form shows the line and stays open)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Select, TextArea

from launchtui.services.comms import CommsService
from launchtui.services.issues import IssueService
from launchtui.services.locations import LocationService
from launchtui.services.sessions import SessionService
from launchtui.services.workspace import Workspace
from launchtui.tui.screens.comms_view import CommsView
from launchtui.tui.screens.form import FormScreen
from launchtui.tui.screens.issue_detail import IssueDetail
from launchtui.tui.screens.item_detail import ItemDetail
from launchtui.tui.screens.locations import LocationsScreen
from launchtui.tui.screens.schedule import ScheduleScreen
from launchtui.tui.widgets.checklist_view import ChecklistView

from .conftest import palette_offers, settle, ui_settings, wait_until


def _ws(db) -> Workspace:
    return Workspace(ui_settings(db))


async def _form(pilot, *keys: str) -> FormScreen:
    await pilot.press(*keys)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormScreen), what="a form")
    return pilot.app.screen  # type: ignore[return-value]


def _fill(form: FormScreen, **values: str) -> None:
    for name, value in values.items():
        box = form.query_one(f"#field-{name}")
        if isinstance(box, TextArea):
            box.load_text(value)
        else:
            box.value = value  # type: ignore[attr-defined]


_NOT_LOADED = "(the fact's text is not loaded yet)"


async def _choose(pilot, form: FormScreen, name: str, value: str) -> None:
    """Choose `value` in the fact form's `name` select and wait until the form has loaded
    the fact's text for it: a load that comes later overwrites what the test fills in."""
    select = form.query_one(f"#field-{name}", Select)
    if select.value == value:
        return  # no change, no load
    box = form.query_one("#field-value", TextArea)
    box.load_text(_NOT_LOADED)
    select.value = value
    await wait_until(pilot, lambda: box.text != _NOT_LOADED, what=f"the text for {value!r}")


def _error(form: FormScreen) -> str:
    return str(form.query_one("#form-error").render())


async def _save_refused(pilot, form: FormScreen, text: str) -> None:
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: text in _error(form), what=f"the error {text!r}")
    assert pilot.app.screen is form, "a refused form stays open with what was typed"


async def _save(pilot) -> None:
    await pilot.press("ctrl+s")
    await wait_until(
        pilot, lambda: not isinstance(pilot.app.screen, FormScreen), what="the form to close"
    )
    await settle(pilot)


async def test_late_tick_refuses_a_bad_time_as_the_cli_does_then_ticks_in_the_past(
    make_app, demo_db
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        assert view.highlighted is not None and view.highlighted.is_open
        key = view.highlighted.key
        form = await _form(pilot, "a")
        _fill(form, at="25:99")
        await _save_refused(pilot, form, "is not a time like 14:05")
        _fill(form, at="2026-11-06 09:15", note="on paper")
        await _save(pilot)
    ws = _ws(demo_db)
    try:
        event = ws.item(key).event
    finally:
        ws.close()
    assert event is not None and event.state == "done" and event.entered_late
    assert event.at.astimezone().strftime("%Y-%m-%d %H:%M") == "2026-11-06 09:15"
    assert event.note == "on paper"


async def test_enter_opens_the_item_detail_with_its_history(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        key = app.screen.query_one(ChecklistView).highlighted.key
        ws = _ws(demo_db)
        ws.tick(key, "before the call")
        ws.untick(key)
        ws.skip(key, "not here")
        ws.close()
        app.refresh_data(True)
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ItemDetail), what="the detail")
        text = str(app.screen.query_one("#item-text").render())
        history = text.split("history:")[1]
        for said in ("tick", "untick", "skip", "before the call", "not here"):
            assert said in history


async def test_reschedule_from_the_gate_tab(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        form = await _form(pilot, "g", "m")
        assert form.query_one("#field-launch", Input).value == "2026-11-03"
        _fill(form, launch="2099-01-01")
        await _save_refused(pilot, form, "more than 10 years from today")
        _fill(form, launch="2026-11-10", reason="vendor late")
        await _save(pilot)
        said = [n.message for n in app._notifications]
        assert "Launch moved from 3 Nov to 10 Nov" in said
    ws = _ws(plain_db)
    try:
        assert ws.rollout().launch == dt.date(2026, 11, 10)
    finally:
        ws.close()


async def test_locations_add_edit_remove(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", "L")
        await wait_until(pilot, lambda: isinstance(app.screen, LocationsScreen), what="list")
        form = await _form(pilot, "n")
        _fill(form, name="Paramaribo", tz="Mars/Olympus")
        await _save_refused(pilot, form, "Mars/Olympus")
        _fill(form, tz="America/Paramaribo", champion="ana", workdays="mon-thu")
        await _save(pilot)
        text = lambda: str(app.screen.query_one("#locations-text").render())  # noqa: E731
        await wait_until(pilot, lambda: "Paramaribo" in text(), what="the new location")
        form = await _form(pilot, "e")
        assert form.query_one("#field-workdays", Input).value == "mon,tue,wed,thu"
        _fill(form, champion="joel")
        await _save(pilot)
        await wait_until(pilot, lambda: "joel" in text(), what="the new champion")
        form = await _form(pilot, "x")
        await _save(pilot)
        await wait_until(pilot, lambda: "Paramaribo" not in text(), what="removed")
    ws = _ws(plain_db)
    try:
        assert LocationService(ws).all() == []
    finally:
        ws.close()


async def test_the_add_form_on_a_location_that_exists_keeps_what_is_left_blank(make_app, plain_db):
    """As `locations add` does: the add form on a name that exists changes only what is
    filled in; a blank champion or blank working days are kept, not erased."""
    ws = _ws(plain_db)
    LocationService(ws).save("Paramaribo", "America/Paramaribo", "ana", "mon-thu")
    ws.close()
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", "L")
        await wait_until(pilot, lambda: isinstance(app.screen, LocationsScreen), what="list")
        form = await _form(pilot, "n")
        _fill(form, name="paramaribo", tz="America/Guyana")
        await _save(pilot)
        text = lambda: str(app.screen.query_one("#locations-text").render())  # noqa: E731
        await wait_until(pilot, lambda: "America/Guyana" in text(), what="the new zone")
    ws = _ws(plain_db)
    try:
        (place,) = LocationService(ws).all()
    finally:
        ws.close()
    assert (place.name, place.tz, place.champion) == ("Paramaribo", "America/Guyana", "ana")
    assert place.workdays == (0, 1, 2, 3)


async def test_n_in_the_issue_detail_comments_and_the_edit_form_sets_the_tier(make_app, plain_db):
    ws = _ws(plain_db)
    IssueService(ws).add("SSO fails", "major")
    ws.close()
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, IssueDetail), what="detail")
        form = await _form(pilot, "n")
        await _save_refused(pilot, form, "a comment needs some text")
        _fill(form, text="called the vendor")
        await _save(pilot)
        shown = lambda: str(app.screen.query_one("#issue-text").render())  # noqa: E731
        await wait_until(pilot, lambda: "comment: called the vendor" in shown(), what="it")
        await pilot.press("e")
        await wait_until(pilot, lambda: app.screen.query("#tier"), what="the edit form")
        app.screen.query_one("#tier", Select).value = 3
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, IssueDetail), what="back")
        await settle(pilot)
        await wait_until(pilot, lambda: "tier → 3" in shown(), what="the tier edit")
    ws = _ws(plain_db)
    try:
        issue = IssueService(ws).get(1)
    finally:
        ws.close()
    assert issue.tier == 3 and issue.timeline[1].kind == "commented"


async def test_a_fact_set_in_dutch_stays_out_of_the_english_mail(make_app, demo_db):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", "w")
        await wait_until(pilot, lambda: isinstance(app.screen, CommsView), what="the update")
        form = await _form(pilot, "f")
        await _choose(pilot, form, "key", "benefit")
        await _choose(pilot, form, "lang", "nl")
        _fill(form, value="minder dubbel werk")
        await _save(pilot)
        form = await _form(pilot, "f")
        _fill(form, key="benefit")
        form.query_one("#field-lang", Select).value = "nl"
        await wait_until(
            pilot,
            lambda: form.query_one("#field-value", TextArea).text == "minder dubbel werk",
            what="the Dutch text to show when Dutch is chosen",
        )
        await pilot.press("escape")
        await pilot.press("w")
        await wait_until(pilot, lambda: app.screen.query("#prompt-input"), what="the week")
        await pilot.press("9", "enter")
        await wait_until(
            pilot,
            lambda: any("week 9 has not begun" in n.message for n in app._notifications),
            what="the CLI's week error",
        )
        assert isinstance(app.screen, CommsView), "the draft shown stays"
    ws = _ws(demo_db)
    try:
        service = CommsService(ws)
        assert service.fact_values("nl")["benefit"] == "minder dubbel werk"
        assert service.fact_values("en")["benefit"] is None
    finally:
        ws.close()


async def test_sessions_add_move_cancel_from_the_schedule(make_app, plain_db):
    ws = _ws(plain_db)
    LocationService(ws).save("Paramaribo", "America/Paramaribo", "ana")
    ws.close()
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, ScheduleScreen), what="it")
        form = await _form(pilot, "a")
        _fill(form, date="2026-11-12", time="25:00")
        await _save_refused(pilot, form, "25:00")
        _fill(form, time="10:00")
        await _save(pilot)
        await wait_until(pilot, lambda: app.screen.sessions, what="the session listed")
        form = await _form(pilot, "m")
        _fill(form, date="2026-11-13", time="14:00")
        await _save(pilot)
        form = await _form(pilot, "x")
        await _save(pilot)
    ws = _ws(plain_db)
    try:
        (session,) = SessionService(ws).all()
    finally:
        ws.close()
    assert session.status == "cancelled" and session.start.strftime("%d %H:%M") == "13 14:00"


async def test_import_figures_from_a_csv_saves_good_rows_and_names_the_bad(
    make_app, demo_db, tmp_path
):
    survey = tmp_path / "survey.csv"
    survey.write_text("active,nps\n80,1\n101,1\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        form = await _form(pilot, "g", "i")
        _fill(form, path=str(tmp_path / "missing.csv"))
        await _save_refused(pilot, form, "missing.csv")
        _fill(form, path=str(survey))
        await _save(pilot)
        said = "\n".join(n.message for n in app._notifications)
    assert "saved 1 row" in said and "survey.csv:3:" in said


async def test_the_palette_offers_the_new_actions(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"move the launch")
        await palette_offers(pilot, "Move the launch date")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), what="the form")
