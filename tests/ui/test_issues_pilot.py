"""Pilot tests of the issues tab: log, open, escalate, work around, resolve, filter, export."""

from __future__ import annotations

import csv

from launchtui.services.issues import IssueService
from launchtui.services.workspace import Workspace
from launchtui.tui.screens.confirm import ConfirmScreen
from launchtui.tui.screens.issue_detail import IssueDetail
from launchtui.tui.screens.issue_form import IssueForm
from launchtui.tui.screens.text_prompt import TextPrompt
from launchtui.tui.widgets.issue_table import IssueTable
from launchtui.tui.widgets.issues_pane import IssuesPane
from launchtui.tui.widgets.status_panel import StatusPanel

from .conftest import export_to, form_error, settle, shown, ui_settings, wait_until


def service(db, user="rob"):
    ws = Workspace(ui_settings(db, user))
    return ws, IssueService(ws)


def seed_issues(db):
    ws, d = service(db)
    d.add("SSO fails for Paramaribo office", "major", tier=2, location="Paramaribo")
    d.add("login page slow on mobile data", "minor")
    ws.close()


def get_issue(db, number):
    ws, d = service(db)
    try:
        return d.get(number)
    finally:
        ws.close()


async def open_issues(pilot):
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    return pilot.app.screen.query_one(IssueTable)


async def test_i_shows_the_issues_open_first_by_severity(make_app, plain_db):
    seed_issues(plain_db)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_issues(pilot)
        assert app.focused is table
        assert table.total == 2
        assert [table.issue_at(n).severity for n in range(2)] == ["major", "minor"]
        panel = str(app.screen.query_one(StatusPanel).render())
        assert "● 1 major" in panel and "○ 1 minor" in panel


async def test_log_escalate_work_around_and_resolve_from_the_keyboard(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_issues(pilot)
        assert table.total == 0
        await pilot.press("n")
        await shown(pilot, IssueForm)
        await pilot.press(*"Orders lost on sync", "ctrl+s")
        await settle(pilot)
        assert table.total == 1
        issue = get_issue(plain_db, 1)
        assert (issue.title, issue.severity, issue.tier) == ("Orders lost on sync", "minor", 1)
        assert issue.reporter.name == "ana" and issue.window == "first-week"

        await pilot.press("plus")
        await shown(pilot, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert get_issue(plain_db, 1).tier == 2

        await pilot.press("w")
        await shown(pilot, TextPrompt)
        await pilot.press(*"re-sync by hand", "enter")
        await settle(pilot)
        issue = get_issue(plain_db, 1)
        assert (issue.status, issue.workaround) == ("workaround", "re-sync by hand")

        await pilot.press("x")
        await shown(pilot, TextPrompt)
        await pilot.press(*"vendor patch 2.1", "enter")
        await settle(pilot)
        issue = get_issue(plain_db, 1)
        assert (issue.status, issue.resolution) == ("resolved", "vendor patch 2.1")
        assert [e.kind for e in issue.timeline] == ["logged", "escalated", "workaround", "resolved"]
        assert table.total == 0  # the default filter shows unresolved issues only


async def test_escalating_past_tier_4_says_it_cannot(make_app, plain_db):
    ws, d = service(plain_db)
    d.add("vendor bug", "major", tier=4)
    ws.close()
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issues(pilot)
        await pilot.press("plus")
        await shown(pilot, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert get_issue(plain_db, 1).tier == 4
        messages = [n.message for n in app._notifications]
        assert any("tier 4" in m for m in messages), messages


async def test_enter_opens_the_issue_with_its_timeline(make_app, plain_db):
    seed_issues(plain_db)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issues(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IssueDetail)
        text = str(app.screen.query_one("#issue-text").render())
        assert "SSO fails for Paramaribo office" in text
        assert "rob" in text and "logged as major" in text and "Paramaribo" in text
        await pilot.press("plus")
        await shown(pilot, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        text = str(app.screen.query_one("#issue-text").render())
        assert "escalated to tier 3" in text
        await pilot.press("escape")
        await wait_until(
            pilot,
            lambda: not isinstance(app.screen, IssueDetail),
            what="the IssueDetail screen to close",
        )


async def test_the_form_refuses_an_empty_title(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issues(pilot)
        await pilot.press("n")
        form = await shown(pilot, IssueForm)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: form_error(form), what="the error line")
        assert app.screen is form and "must not be empty" in form_error(form)
        await pilot.press("escape")
        await settle(pilot)
        ws, d = service(plain_db)
        assert d.count() == 0
        ws.close()


async def test_ctrl_s_right_after_fast_typing_saves_every_character(make_app, plain_db):
    """Keys that arrive together (a fast typist, a paste without bracketed paste) are
    handled in order: the save sees the whole title, not the part typed so far."""
    from textual import events

    title = "Typed fast, saved at once"
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issues(pilot)
        await pilot.press("n")
        form = await shown(pilot, IssueForm)
        await wait_until(
            pilot,
            lambda: app.focused is form.query_one("#title"),
            what="the title box to take the focus",
        )
        for char in title:  # all queued before any is handled, as from a fast terminal
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+s", None))
        await settle(pilot)
        ws, d = service(plain_db)
        assert [i.title for i in d.list()] == [title]
        ws.close()


async def test_filters_cycle_and_text_filter(make_app, plain_db):
    seed_issues(plain_db)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_issues(pilot)
        pane = app.screen.query_one(IssuesPane)
        # Each filter is counted in a worker (off the UI thread): wait for its result.
        await pilot.press("v")  # severity: critical
        await settle(pilot)
        assert pane.severity_filter == "critical" and table.total == 0
        await pilot.press("v")  # major
        await settle(pilot)
        assert table.total == 1 and table.highlighted.severity == "major"
        await pilot.press("escape")
        await settle(pilot)
        assert table.total == 2
        await pilot.press("t", "t")  # tier 2
        await settle(pilot)
        assert pane.tier_filter == 2 and table.total == 1
        await pilot.press("escape", "slash", *"mobile")
        await settle(pilot)
        assert table.total == 1 and "mobile" in table.highlighted.title
        await pilot.press("escape")
        await settle(pilot)
        assert table.total == 2
        await pilot.press("o")  # newest first
        await settle(pilot)
        assert pane.sort == "newest" and table.highlighted is not None


async def test_typing_a_filter_reads_the_log_once_after_a_pause(make_app, plain_db):
    """Issue 15: the text filter is read in a worker after ~150 ms of quiet, not on
    the UI thread per key: six keys typed quickly count the log once."""
    seed_issues(plain_db)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_issues(pilot)
        pane = app.screen.query_one(IssuesPane)
        counted: list[str | None] = []
        count = pane.search.count

        def spy(**query):
            counted.append(query.get("text"))
            return count(**query)

        pane.search.count = spy  # type: ignore[method-assign]
        await pilot.press("slash", *"mobile")
        await settle(pilot)
        assert counted == ["mobile"]
        assert table.total == 1 and "mobile" in table.highlighted.title


async def test_e_exports_csv_and_says_where(make_app, plain_db, tmp_path):
    seed_issues(plain_db)
    target = tmp_path / "issues.csv"
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issues(pilot)
        messages = await export_to(pilot, "e", target)
        assert any(str(target) in m and "2 issues" in m for m in messages), messages
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert sorted(r["title"] for r in rows) == [
        "SSO fails for Paramaribo office",
        "login page slow on mobile data",
    ]


async def test_the_export_writes_what_the_filters_show(make_app, plain_db, tmp_path):
    """The filters on screen go with the export: the dialog names them in one line and
    the file holds only the issues the tab shows."""
    from launchtui.tui.screens.export_dialog import ExportDialog

    from .conftest import wait_until

    seed_issues(plain_db)
    target = tmp_path / "major.csv"
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_issues(pilot)
        pane = app.screen.query_one(IssuesPane)
        while pane.severity_filter != "major":
            await pilot.press("v")
        await wait_until(pilot, lambda: table.total == 1, what="the major issue alone")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog), what="the dialog")
        line = str(app.screen.query_one("#export-scope").render())
        assert line == "1 issue, as filtered: unresolved, major"
        app.screen.query_one("#path").value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, target.exists, what="the file")
        await settle(pilot)
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert [r["title"] for r in rows] == ["SSO fails for Paramaribo office"]


async def test_hostile_issue_text_is_shown_literally(make_app, plain_db):
    ws, d = service(plain_db, user="mei[/]")
    d.add("[bold]x[/ \x1b[2J [@click=app.quit]q[/]", "critical", detail="a\x07b\u202ec")
    ws.close()
    app = make_app(plain_db)
    async with app.run_test(size=(100, 24)) as pilot:
        table = await open_issues(pilot)
        line = table.render_line(0).text
        assert "[bold]x[/" in line and "\x1b" not in line
        panel = str(app.screen.query_one(StatusPanel).render())
        assert "▲ 1 CRITICAL" in panel
        await pilot.press("enter")
        await settle(pilot)
        text = str(app.screen.query_one("#issue-text").render())
        assert "[@click=app.quit]q[/]" in text
        assert "\x07" not in text and "\u202e" not in text and "\x1b" not in text
        assert app.is_running


async def test_editing_an_issue_shows_control_characters_defused(make_app, plain_db):
    from launchtui.tui.screens.issue_form import IssueForm

    ws, d = service(plain_db)
    d.add("login \x1b[2J loops", "minor", detail="a\x07b")
    ws.close()
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issues(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("e")
        await shown(pilot, IssueForm)
        assert app.screen.query_one("#title").value == "login \ufffd[2J loops"
        assert "\x07" not in app.screen.query_one("#detail").text


async def test_after_logging_an_issue_the_cursor_is_on_its_row(make_app, plain_db):
    seed_issues(plain_db)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_issues(pilot)
        assert table.highlighted.title == "SSO fails for Paramaribo office"
        await pilot.press("n")
        await shown(pilot, IssueForm)
        await pilot.press(*"Printer queue stuck", "ctrl+s")
        await settle(pilot)
        assert table.total == 3
        assert table.highlighted.title == "Printer queue stuck"
