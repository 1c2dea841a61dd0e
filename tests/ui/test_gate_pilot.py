"""Pilot tests of the gate: the panel's state follows figures, issues and overrides, live."""

from __future__ import annotations

import subprocess
import sys

from textual.command import CommandPalette

from launchtui.services.adoption import AdoptionService
from launchtui.services.issues import IssueService
from launchtui.services.workspace import Workspace
from launchtui.tui.screens.confirm import ConfirmScreen
from launchtui.tui.screens.figures_form import FiguresForm
from launchtui.tui.screens.text_prompt import TextPrompt
from launchtui.tui.widgets.gate_pane import GatePane
from launchtui.tui.widgets.status_panel import StatusPanel

from .conftest import (
    NOON,
    TODAY,
    form_error,
    palette_offers,
    settle,
    shown,
    ui_settings,
    wait_until,
)


def panel(app) -> str:
    return str(app.screen.query_one(StatusPanel).render())


def with_services(db, act, user="rob"):
    ws = Workspace(ui_settings(db, user))
    try:
        return act(IssueService(ws), AdoptionService(ws))
    finally:
        ws.close()


async def test_no_figures_yet_reads_watch_and_g_shows_every_criterion(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "GATE ◐ WATCH" in panel(app)
        await pilot.press("g")
        await settle(pilot)
        pane = app.screen.query_one(GatePane)
        assert app.focused is pane
        text = str(pane.query_one("#gate-text").render())
        assert "active use" in text and "satisfaction" in text and "NPS" in text
        assert "no figure" in text


async def test_recording_figures_in_the_form_turns_the_gate_to_go(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("n")
        await shown(pilot, FiguresForm)
        app.screen.query_one("#active_weekly").value = "85"
        app.screen.query_one("#satisfaction").value = "8"
        app.screen.query_one("#nps").value = "12"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "GATE ✓ GO" in panel(app)
        saved = with_services(plain_db, lambda i, a: a.figures())
        assert [(f.phase, f.active_weekly, f.nps) for f in saved] == [(1, 85, 12)]


async def test_the_form_names_a_bad_figure_and_saves_nothing(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g", "n")
        form = await shown(pilot, FiguresForm)
        form.query_one("#satisfaction").value = "11"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: form_error(form), what="the error line")
        assert app.screen is form and "satisfaction" in form_error(form)
    assert with_services(plain_db, lambda i, a: a.figures()) == []


async def test_resolving_the_major_issue_lifts_the_pause(make_app, plain_db):
    with_services(plain_db, lambda i, a: i.add("SSO fails for Paramaribo", "major"))
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "GATE ‖ PAUSE" in panel(app)
        await pilot.press("i", "x")
        await shown(pilot, TextPrompt)  # how was it fixed?
        await pilot.press("enter")
        await settle(pilot)
        assert "GATE ◐ WATCH" in panel(app)


async def test_hold_needs_a_reason_shows_held_and_lift_ends_it(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", "h")
        await shown(pilot, TextPrompt)
        await pilot.press(*"waiting on vendor patch", "enter")
        await settle(pilot)
        assert "GATE ‖ HELD" in panel(app)
        override = with_services(plain_db, lambda i, a: a.override())
        assert (override.kind, override.reason, override.actor.name) == (
            "hold",
            "waiting on vendor patch",
            "ana",
        )
        await pilot.press("l")
        await shown(pilot, ConfirmScreen)
        await pilot.press("y")  # the confirm screen names the hold
        await shown(pilot, TextPrompt)
        await pilot.press(*"patch arrived", "enter")
        await settle(pilot)
        assert "GATE ◐ WATCH" in panel(app)


async def test_another_process_write_shows_without_a_key_press(plain_db):
    from launchtui.tui.app import LaunchApp

    app = LaunchApp(ui_settings(plain_db), poll=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "▲ 0 critical" in panel(app)
        command = [sys.executable, "-m", "launchtui", "--db", str(plain_db), "--user", "rob"]
        command += ["--today", TODAY.isoformat(), "issue", "add", "--title", "orders lost"]
        command += ["--severity", "critical"]
        subprocess.run(command, check=True, capture_output=True, timeout=60)
        await wait_until(pilot, lambda: "ROLLBACK" in panel(app), what="the poll to show it")
        assert "GATE ✖ ROLLBACK" in panel(app)
        assert "▲ 1 CRITICAL" in panel(app)


# -- issue 12: per-group verdicts, decisions, a reason to lift, the switch-off guard -------


def gate_tab_text(app) -> str:
    return str(app.screen.query_one(GatePane).query_one("#gate-text").render())


def assert_fits(app) -> None:
    """Every line of the gate tab fits its width: none is wrapped by the widget."""
    pane = app.screen.query_one(GatePane)
    static = pane.query_one("#gate-text")
    lines = str(static.render()).splitlines()
    assert pane.text_width() == 77  # 80 columns less the padding and the scrollbar
    assert max(len(line) for line in lines) <= pane.text_width()
    assert static.size.height == len(lines), "a line was wrapped by the widget"


def pilot_passed_and_core_team_decided(db) -> None:
    """Phase 1's group met its rule today; phase 2 has a go recorded by rob."""

    def act(issues, adoption):
        adoption.record(1, TODAY, active_weekly="84", satisfaction="8.1", nps="20")
        adoption.decide(2, "go", "pilot went fine")

    with_services(db, act)


async def test_the_gate_tab_shows_each_group_and_each_decision_at_80x24(make_app, plain_db):
    pilot_passed_and_core_team_decided(plain_db)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        text = gate_tab_text(app)
        lines = text.splitlines()
        groups = lines.index("Groups (verdict, figure, window ends, survey)")
        row = lines[groups + 1].split()
        assert row[:5] == ["1", "Pilot", "users", "and", "volunteers"]
        assert row[5:] == ["met", "84%", "1", "Dec", "ok"]
        decisions = lines.index("Decisions (d records one)")
        assert lines[decisions + 1].strip().startswith("2 Core team: go by rob on 7 Nov")
        assert '"pilot went fine"' in text
        assert "3 Remaining users: no decision yet; starts 1 Dec" in text
        assert "4 Decommission: no decision yet; starts 15 Dec" in text
        assert "1 3–16 Nov      Early adopters · Pilot users and volunteers · 15%" in text
        assert "2 17–30 Nov     Core team · 35%" in text  # the group named as its phase: once
        assert_fits(app)


async def test_the_gate_tab_in_dutch_at_80x24(plain_db):
    import dataclasses

    from launchtui.text import i18n
    from launchtui.tui.app import LaunchApp

    pilot_passed_and_core_team_decided(plain_db)
    app = LaunchApp(dataclasses.replace(ui_settings(plain_db), lang="nl"), poll=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("g")
            await settle(pilot)
            text = gate_tab_text(app)
            assert text.startswith("POORT")
            lines = text.splitlines()
            groups = lines.index("Groepen (oordeel, cijfer, venster tot, enquête)")
            assert "84%" in lines[groups + 1] and "1 dec" in lines[groups + 1]
            decisions = lines.index("Besluiten (d legt er een vast)")
            assert "2 Core team: doorgaan door rob op 7 nov" in lines[decisions + 1]
            assert "3 Remaining users: nog geen besluit; begint 1 dec" in text
            assert "1 3–16 nov      Early adopters · Pilot users and volunteers · 15%" in text
            assert "dagen 0 t/m 13" in text
            assert_fits(app)
    finally:
        i18n.set_language("en")


async def test_a_phase_due_without_a_decision_is_marked_on_the_gate_tab(plain_db):
    import dataclasses

    from launchtui.domain.clock import Clock
    from launchtui.tui.app import LaunchApp

    late = Clock(fixed_today=TODAY.replace(day=18), fixed_time=NOON)
    app = LaunchApp(dataclasses.replace(ui_settings(plain_db), clock=late), poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        text = gate_tab_text(app)
        assert "! 2 Core team: no decision yet; it was due to start 17 Nov" in text
        assert "Core team due to start 17 Nov: no decision yet" in text  # the gate's sentence


async def test_d_records_a_decision_marked_against_a_gate_that_is_not_go(make_app, plain_db):
    from launchtui.tui.screens.decision_form import DecisionForm

    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", "d")
        form = await shown(pilot, DecisionForm)
        assert form.query_one("#decision-phase").value == 2  # the first phase without one
        preview = str(form.query_one("#decision-preview").render())
        assert "Gate now: ◐ WATCH" in preview
        assert "A go now is recorded AGAINST THE GATE (watch)" in preview
        await pilot.press(*"pilot group is ready", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, DecisionForm)
        made = with_services(plain_db, lambda i, a: a.decisions())
        assert [(d.phase, d.decision, d.reason, d.actor.name) for d in made] == [
            (2, "go", "pilot group is ready", "ana")
        ]
        assert made[0].against_gate and made[0].gate_state == "watch"
        text = gate_tab_text(app)
        assert "! 2 Core team: go by ana on 7 Nov (gate was watch)" in text
        assert "AGAINST THE GATE" in text
        # The next d offers the next phase still waiting for its decision.
        await pilot.press("d")
        form = await shown(pilot, DecisionForm)
        assert form.query_one("#decision-phase").value == 3


async def test_a_hold_follows_the_gate_and_a_go_on_a_go_gate_is_not_marked(make_app, plain_db):
    from launchtui.tui.screens.decision_form import DecisionForm

    with_services(
        plain_db, lambda i, a: a.record(1, TODAY, active_weekly="84", satisfaction="8", nps="9")
    )
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", "d")
        await shown(pilot, DecisionForm)
        preview = app.screen.query_one("#decision-preview")
        assert "A go now follows the gate (go)." in str(preview.render())
        app.screen.query_one("#decision-kind").value = "hold"
        await wait_until(
            pilot,
            lambda: "A hold keeps this group" in str(preview.render()),
            what="the preview to follow the hold",
        )
        await pilot.press(*"wait for the second survey", "ctrl+s")
        await settle(pilot)
    made = with_services(plain_db, lambda i, a: a.decisions())
    assert [(d.phase, d.decision, d.against_gate) for d in made] == [(2, "hold", False)]


async def test_a_decision_without_a_reason_shows_the_error_and_saves_nothing(make_app, plain_db):
    from launchtui.tui.screens.decision_form import DecisionForm

    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", "d")
        await shown(pilot, DecisionForm)
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DecisionForm)
        error = str(app.screen.query_one("#form-error").render())
        assert error.startswith("a go decision needs a reason")
        await pilot.press("escape")
        await wait_until(
            pilot,
            lambda: not isinstance(app.screen, DecisionForm),
            what="the DecisionForm screen to close",
        )
    assert with_services(plain_db, lambda i, a: a.decisions()) == []


async def test_the_service_refusing_a_decision_keeps_the_form_open_with_its_line(
    make_app, plain_db
):
    """Someone else decided the phase while the form was open: the service's line shows."""
    from launchtui.tui.screens.decision_form import DecisionForm

    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", "d")
        await shown(pilot, DecisionForm)
        with_services(plain_db, lambda i, a: a.decide(2, "stop", "budget cut"))
        await pilot.press(*"go ahead", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DecisionForm)
        error = str(app.screen.query_one("#form-error").render())
        assert error == "phase 2 is already decided: stop by rob on 7 Nov"
    made = with_services(plain_db, lambda i, a: a.decisions())
    assert [(d.decision, d.actor.name) for d in made] == [("stop", "rob")]


async def test_l_asks_for_a_reason_and_an_empty_one_lifts_nothing(make_app, plain_db):
    with_services(plain_db, lambda i, a: a.hold("vendor patch pending"))
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "GATE ‖ HELD" in panel(app)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("l")
        await shown(pilot, ConfirmScreen)
        await pilot.press("y")  # the confirm screen names the hold
        await shown(pilot, TextPrompt)
        await pilot.press("enter")  # no reason: nothing happens
        await settle(pilot)
        assert with_services(plain_db, lambda i, a: a.override()) is not None
        await pilot.press("l")
        await shown(pilot, ConfirmScreen)
        await pilot.press("y")
        await shown(pilot, TextPrompt)
        await pilot.press(*"patch is live", "enter")
        await settle(pilot)
        assert "GATE ◐ WATCH" in panel(app)
    history = with_services(plain_db, lambda i, a: a.override_history())
    assert [(o.kind, o.reason, o.actor.name) for o in history][-1] == (
        "lift",
        "patch is live",
        "ana",
    )


async def test_l_with_nothing_to_lift_says_so_without_asking(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", "l")
        await wait_until(pilot, lambda: app._notifications, what="the toast")
        assert not isinstance(app.screen, TextPrompt)
        said = [n.message for n in app._notifications]
        assert said == ["no hold or go stands; there is nothing to lift"]


async def test_the_palette_and_the_help_know_d(make_app, plain_db):
    from launchtui.tui.screens.decision_form import DecisionForm
    from launchtui.tui.screens.help import HelpScreen

    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await shown(pilot, HelpScreen)
        assert "d  Decide on a phase" in str(app.screen.query_one("#help-text").render())
        await pilot.press("escape", "ctrl+p")
        await shown(pilot, CommandPalette)
        await pilot.press(*"decide on a phase")
        await palette_offers(pilot, "Decide on a phase")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DecisionForm)


# -- the old system's switch-off -------------------------------------------------------

SWITCH_OFF = "post-rollout/old-system-switched-off"


async def _space_on(pilot, key: str) -> None:
    from launchtui.tui.widgets.checklist_view import ChecklistView

    view = pilot.app.screen.query_one(ChecklistView)
    view.expanded.add(key.split("/")[0])
    view.filter("")
    view.cursor = next(y for y, row in enumerate(view.rows) if row.key == key)
    await pilot.press("space")
    await settle(pilot)


def ticks(db, key: str):
    ws = Workspace(ui_settings(db))
    try:
        return ws.store.history(key)
    finally:
        ws.close()


async def test_switching_the_old_system_off_below_80_percent_asks_why(make_app, plain_db):
    with_services(plain_db, lambda i, a: a.record(4, TODAY, old_system="30"))
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _space_on(pilot, SWITCH_OFF)
        assert isinstance(app.screen, TextPrompt)
        title = str(app.screen.query_one("#prompt-title").render())
        assert title.startswith("Old system switched off and subscription ended\n")
        assert "70% of everyone on the new system on 7 Nov" in title
        assert "It needs 80% of everyone on the new system. Tick it anyway? Say why:" in title
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, TextPrompt)
        assert ticks(plain_db, SWITCH_OFF) == []

        await _space_on(pilot, SWITCH_OFF)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"contract ends Friday", "enter")
        await settle(pilot)
        assert app.screen.query_one("ChecklistView").highlighted.state == "done"
    (tick,) = ticks(plain_db, SWITCH_OFF)
    assert (tick.action, tick.actor.name) == ("tick", "ana")
    assert tick.exception is not None
    assert (tick.exception.reason, tick.exception.value) == ("contract ends Friday", 70.0)


async def test_switching_off_at_80_percent_ticks_at_once(make_app, plain_db):
    with_services(plain_db, lambda i, a: a.record(4, TODAY, old_system="15"))
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _space_on(pilot, SWITCH_OFF)
        assert not isinstance(app.screen, TextPrompt)
        await _space_on(pilot, SWITCH_OFF)  # and space unticks it, as for any item
    assert [(e.action, e.exception) for e in ticks(plain_db, SWITCH_OFF)] == [
        ("tick", None),
        ("untick", None),
    ]


async def test_a_hostile_decision_reason_and_group_show_literally(make_app, plain_db):
    from .test_hostile_text import HOSTILE

    def act(issues, adoption):
        adoption.edit_phase(2, name="[b]Core[/b] team", reason="renamed")
        adoption.decide(2, "hold", HOSTILE)

    with_services(plain_db, act, user="mei[/]")
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        text = gate_tab_text(app)
        flat = " ".join(text.split())  # the reason is wrapped over two lines
        assert "2 [b]Core[/b] team: hold by mei[/]" in flat
        assert "[bold red]x[/" in flat and "[@click=app.quit]go[/]" in flat
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
        assert_fits(app)
        assert app.is_running


async def test_the_gate_tab_fits_in_ascii_and_after_a_resize(plain_db):
    """Cut names and user text drawn in ASCII ('…' is '...') still fit, at any width."""
    import dataclasses

    from launchtui.text.present import set_ascii
    from launchtui.tui.app import LaunchApp

    def act(issues, adoption):
        group = "Customer service → Paramaribo and Amsterdam offices, both shifts"[:60]
        adoption.edit_phase(1, group=group, reason="one group")
        adoption.record(1, TODAY, active_weekly="71.25", tickets="4")
        adoption.decide(2, "hold", "wait → see the survey… then decide")

    with_services(plain_db, act)
    app = LaunchApp(dataclasses.replace(ui_settings(plain_db), ascii=True), poll=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("g")
            await settle(pilot)
            text = gate_tab_text(app)
            assert all(ord(ch) < 128 for ch in text), text
            assert "Customer service -> Paramaribo" in text and "..." in text
            assert "71.25%  1 Dec  not yet" in text  # the group's row, cut in its name only
            assert_fits(app)
            pane = app.screen.query_one(GatePane)
            for columns in (60, 120):
                await pilot.resize_terminal(columns, 24)
                await settle(pilot)
                lines = gate_tab_text(app).splitlines()
                assert pane.text_width() == columns - 3
                assert max(len(line) for line in lines) <= columns - 3
                assert pane.query_one("#gate-text").size.height == len(lines)
    finally:
        set_ascii(False)


def plan_of(db):
    return with_services(db, lambda _issues, adoption: adoption.plan())


async def test_a_adds_a_phase_and_x_removes_one_as_the_cli_does(make_app, plain_db):
    from launchtui.tui.screens.form import FormScreen

    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), what="the add form")
        form = app.screen
        assert form.query_one("#field-start").value == "56"  # after the last phase
        for name, value in (("name", "Night shift"), ("group", "Warehouse"), ("share", "10")):
            form.query_one(f"#field-{name}").value = value
        form.query_one("#field-start").value = "0"
        await pilot.press("ctrl+s")
        error = form.query_one("#form-error")
        await wait_until(pilot, lambda: "cannot start on day 0" in str(error.render()))
        assert app.screen is form  # refused: the form stays with what was typed
        form.query_one("#field-start").value = "56"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, FormScreen), what="saved")
        await wait_until(pilot, lambda: "Night shift" in gate_tab_text(app), what="the new phase")
        assert [p.number for p in plan_of(plain_db).phases] == [1, 2, 3, 4, 5]

        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), what="the remove form")
        app.screen.query_one("#field-phase").value = "1"
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#form-error")
        await wait_until(pilot, lambda: "phase 1 started on day 0" in str(error.render()))
        app.screen.query_one("#field-phase").value = "5"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, FormScreen), what="removed")
        await wait_until(pilot, lambda: "Night shift" not in gate_tab_text(app), what="it gone")
        assert [p.number for p in plan_of(plain_db).phases] == [1, 2, 3, 4]


async def test_adding_and_removing_phases_are_in_the_palette(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Remove a phase")
        await palette_offers(pilot, "Remove a phase")
