"""The TUI in Dutch: from the start with --lang nl, and switched with ctrl+l while it runs."""

from __future__ import annotations

import dataclasses

import pytest

from launchtui.text import i18n
from launchtui.tui.app import LaunchApp
from launchtui.tui.screens.issue_detail import IssueDetail
from launchtui.tui.tui_internals import FooterKey
from launchtui.tui.widgets.checklist_view import ChecklistView
from launchtui.tui.widgets.issues_pane import IssuesPane
from launchtui.tui.widgets.status_panel import StatusPanel

from .conftest import settle, shown, ui_settings, wait_until


@pytest.fixture
def dutch_app(dutch_demo_db):
    """The app in Dutch, on the sample rollout made in Dutch (`--lang nl demo`)."""

    def make(db=None) -> LaunchApp:
        settings = dataclasses.replace(ui_settings(db or dutch_demo_db), lang="nl")
        return LaunchApp(settings, poll=False)

    return make


def panel(app) -> str:
    return str(app.screen.query_one(StatusPanel).render())


def row(app) -> str:
    """The highlighted checklist row as it is drawn."""
    view = app.screen.query_one(ChecklistView)
    return view.render_row(view.cursor, 78, True).text


def footer(app) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


async def test_the_main_screen_in_dutch(dutch_app):
    app = dutch_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = panel(app)
        assert "Acme CRM · start wo 21 okt 2026 · dag 18 van de uitrol" in text
        assert "Fase 2/4 Kernteam" in text and "dag 4 van 14" in text
        assert "POORT ◐ LET OP  Pilotgebruikers en vrijwilligers: actief gebruik 68%" in text
        assert "▲ 0 kritiek  ● 0 groot  ○ 3 klein" in text
        assert "0 te doen · ! 1 achterstallig" in text
        assert "Volgende: spreekuur ma 9 nov 10:00 Paramaribo" in text
        line = row(app)
        assert line.lstrip().startswith("› [ ] wo 11 nov · Volgende groep gestart")
        assert line.rstrip().endswith("deadline over 4 dagen")
        view = app.screen.query_one(ChecklistView)
        done = next(y for y, r in enumerate(view.rows) if getattr(r, "item", None) and r.item.event)
        assert "geleden" in view.render_row(done, 78, False).text, "humanized time in Dutch"


async def test_the_main_screen_footer_in_dutch(dutch_app):
    app = dutch_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = footer(app)
        assert keys[:7] == ["Vink", "Noteer", "Sla over", "Herstel", "Filter", "Stop", "Hulp"]
        assert keys[-1] == "palet"


async def test_the_setup_screen_footer_in_dutch(dutch_app, tmp_path):
    app = dutch_app(tmp_path / "new.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Voorbeeld" in footer(app)
        assert "Stop" in footer(app)
        assert "Nog geen uitrol" in str(app.screen.query_one("#setup-title").render())


async def test_the_issues_tab_in_dutch(dutch_app, plain_db):
    from .test_issues_pilot import seed_issues

    seed_issues(plain_db)
    app = dutch_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        pane = app.screen.query_one(IssuesPane)
        header = str(pane.query_one("#issue-header").render())
        assert header.split() == ["#", "ernst", "lijn", "status", "duur", "wie", "titel"]
        filters = str(pane.query_one("#issue-filters").render())
        assert filters.startswith("2 meldingen · f:onopgelost · v:elke ernst")
        first = pane.table.render_row(0, 78, False).text
        assert "● groot" in first and "2 amb" in first
        assert "Filters wissen" not in footer(app)  # shown ones only
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IssueDetail)
        detail = str(app.screen.query_one("#issue-text").render())
        assert "ernst      ● groot — pauzeer de uitrol" in detail
        assert "lijn       2 (interne ambassadeur)" in detail
        assert "Sluit" in footer(app) and "Escaleer" in footer(app)


async def test_ctrl_l_switches_english_dutch_english_without_a_restart(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "day 5 of the rollout" in panel(app)
        assert row(app).rstrip().endswith("due today")
        assert "Sat 7 Nov" in row(app)
        await pilot.press("slash", "escape")  # the filter box, made in English, closed
        await settle(pilot)

        await pilot.press("ctrl+l")
        await settle(pilot)
        assert i18n.language() == "nl"
        assert "dag 5 van de uitrol" in panel(app)
        assert "day 5 of the rollout" not in panel(app)
        assert row(app).rstrip().endswith("deadline vandaag")
        assert "Dagelijkse check-in" in row(app) and "za 7 nov" in row(app)
        assert app.screen.query_one("#checklist-filter").placeholder.startswith("filter: tekst")

        await pilot.press("ctrl+l")
        await settle(pilot)
        assert i18n.language() == "en"
        assert "day 5 of the rollout" in panel(app)
        assert row(app).rstrip().endswith("due today")
        assert "Daily check-in" in row(app)


async def test_switching_redraws_the_tab_and_the_dialog_on_screen(make_app, plain_db):
    from .test_issues_pilot import seed_issues

    seed_issues(plain_db)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        pane = app.screen.query_one(IssuesPane)
        assert str(pane.query_one("#issue-header").render()).split()[1] == "severity"
        await pilot.press("enter")
        detail = await shown(pilot, IssueDetail)
        await settle(pilot)
        assert "timeline:" in str(detail.query_one("#issue-text").render())
        app.set_language("nl")
        await wait_until(
            pilot,
            lambda: "tijdlijn:" in str(detail.query_one("#issue-text").render()),
            what="the open dialog in Dutch",
        )
        await wait_until(pilot, lambda: "Sluit" in footer(app), what="the footer in Dutch")
        await pilot.press("escape")
        await wait_until(
            pilot,
            lambda: str(pane.query_one("#issue-header").render()).split()[1] == "ernst",
            what="the issues tab in Dutch",
        )
        assert "2 meldingen" in str(pane.query_one("#issue-filters").render())


async def test_the_command_palette_offers_the_language(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Language" in titles and "Theme" in titles
        app.set_language("nl")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Taal" in titles and "Thema" in titles


async def test_the_gate_tab_names_its_criteria_in_dutch(make_app):
    from launchtui.text.i18n import set_language
    from launchtui.tui.widgets.gate_pane import GatePane

    app = make_app()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.set_language("nl")
            await pilot.press("g")

            def text() -> str:
                return str(app.screen.query_one(GatePane).query_one("#gate-text").render())

            # The gate is worded as it is evaluated: by the reload the switch starts.
            await wait_until(pilot, lambda: "tevredenheid" in text(), what="the gate in Dutch")
            assert "satisfaction" not in text()
    finally:
        set_language("en")
