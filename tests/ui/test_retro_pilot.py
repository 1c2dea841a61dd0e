"""Pilot tests of the retro tab: quick capture, notes by kind, edit, review, report, comms."""

from __future__ import annotations

from launchtui.services.retro import RetroService
from launchtui.services.workspace import Workspace
from launchtui.tui.screens.comms_view import CommsView
from launchtui.tui.screens.note_form import NoteForm
from launchtui.tui.screens.quick_note import QuickNote
from launchtui.tui.screens.review import ReviewScreen
from launchtui.tui.widgets.note_list import KindRow, NoteList
from launchtui.tui.widgets.retro_pane import RetroPane

from .conftest import export_to, settle, shown, ui_settings, wait_until


def notes(db):
    ws = Workspace(ui_settings(db))
    try:
        return RetroService(ws).list()
    finally:
        ws.close()


def seed_notes(db):
    ws = Workspace(ui_settings(db, "rob"))
    service = RetroService(ws)
    service.add("went-well", "pilot group were champions by day 2")
    service.add("lesson", "book the training rooms earlier")
    service.add("thanks", "Mei for the Dutch cheat sheet")
    ws.close()


async def open_retro(pilot):
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)
    return pilot.app.screen.query_one(NoteList)


async def test_ctrl_n_captures_a_note_from_the_checklists(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await shown(pilot, QuickNote)
        await pilot.press("tab", "tab")  # lesson -> thanks -> next-step
        await pilot.press(*"plan the decommission date", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickNote)
    [note] = notes(plain_db)
    assert (note.kind, note.text, note.author.name) == (
        "next-step",
        "plan the decommission date",
        "ana",
    )
    assert note.phase == 1 and note.window == "first-week"


async def test_r_shows_notes_grouped_by_kind_and_filters(make_app, plain_db):
    seed_notes(plain_db)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_retro(pilot)
        assert app.focused is view
        kinds = [row.kind for row in view.rows if isinstance(row, KindRow)]
        assert kinds == ["went-well", "lesson", "thanks"]
        assert view.highlighted.text == "pilot group were champions by day 2"
        pane = app.screen.query_one(RetroPane)
        await pilot.press("f", "f")  # lesson only
        assert pane.kind == "lesson"
        assert [r.text for r in view.rows if not isinstance(r, KindRow)] == [
            "book the training rooms earlier"
        ]
        await pilot.press("escape", "slash", *"cheat")
        await wait_until(
            pilot,
            lambda: pane.text == "cheat" and pane.kind is None,
            what="the filter to show the notes with 'cheat' of every kind",
        )
        assert [r.text for r in view.rows if not isinstance(r, KindRow)] == [
            "Mei for the Dutch cheat sheet"
        ]


async def test_write_and_edit_a_note_keeps_its_history(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_retro(pilot)
        await pilot.press("n")
        await shown(pilot, NoteForm)
        await pilot.press(*"office hours were full", "ctrl+s")
        await settle(pilot)
        await pilot.press("enter")
        await shown(pilot, NoteForm)
        await pilot.press("end", *" every day", "ctrl+s")
        await settle(pilot)
    ws = Workspace(ui_settings(plain_db))
    note = RetroService(ws).get(1)
    ws.close()
    assert note.text == "office hours were full every day"
    assert note.earlier_texts() == ("office hours were full",)


async def test_v_walks_the_notes_one_at_a_time(make_app, plain_db):
    seed_notes(plain_db)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_retro(pilot)
        await pilot.press("v")
        await shown(pilot, ReviewScreen)
        head = str(app.screen.query_one("#review-head").render())
        assert "note 1 of 3" in head and "phase 1" in head
        await pilot.press("right")
        assert "note 2 of 3" in str(app.screen.query_one("#review-head").render())
        await pilot.press("escape")
        await wait_until(
            pilot,
            lambda: not isinstance(app.screen, ReviewScreen),
            what="the ReviewScreen screen to close",
        )


async def test_a_shows_the_announcement_and_names_missing_facts(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_retro(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, CommsView)
        text = str(app.screen.query_one("#comms-text").render())
        assert "Acme CRM" in text
        assert "[missing:" in text and "Missing facts:" in text


async def test_e_exports_the_rollout_report(make_app, plain_db, tmp_path):

    seed_notes(plain_db)
    target = tmp_path / "report.md"
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_retro(pilot)
        messages = await export_to(pilot, "e", target)
        assert any(str(target) in m and "3 notes" in m for m in messages), messages
    report = target.read_text(encoding="utf-8")
    assert report.startswith("# ") and "Acme CRM" in report
    assert "book the training rooms earlier" in report


async def test_a_note_written_from_an_issue_points_at_it(make_app, plain_db):
    from launchtui.services.issues import IssueService

    ws = Workspace(ui_settings(plain_db))
    IssueService(ws).add("SSO fails for Paramaribo office", "major")
    ws.close()
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("N")  # `n` there comments on the issue (issue 16)
        await shown(pilot, NoteForm)
        await pilot.press(*"test SSO per office before launch", "ctrl+s")
        await settle(pilot)
    [note] = notes(plain_db)
    assert (note.issue_id, note.kind) == (1, "lesson")


async def test_s_saves_a_draft_atomically_and_keeps_its_text(
    make_app, plain_db, tmp_path, monkeypatch
):
    """The draft is written through the one export writer: a temp file, then a rename."""
    monkeypatch.chdir(tmp_path)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_retro(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, CommsView)
        draft = app.screen.draft
        assert draft is not None
        await pilot.press("s")
        await settle(pilot)
        written = list(tmp_path.glob("launchtui-*.txt"))
        assert len(written) == 1
        assert written[0].read_text(encoding="utf-8") == draft.text
        assert not list(tmp_path.glob(".*tmp*")), "no temp file left behind"
        assert written[0].stat().st_mode & 0o002 == 0  # never world-writable
