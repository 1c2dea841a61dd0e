"""The first look: on the sample rollout every tab shows what it is for when first opened
(issue 16), in English and in Dutch."""

from __future__ import annotations

import dataclasses

from launchtui.text import i18n
from launchtui.tui.app import LaunchApp
from launchtui.tui.widgets.gate_pane import GatePane
from launchtui.tui.widgets.issue_table import IssueTable
from launchtui.tui.widgets.note_list import KindRow, NoteList
from launchtui.tui.widgets.status_panel import StatusPanel

from .conftest import settle, ui_settings


async def _tabs(app: LaunchApp) -> dict[str, object]:
    """What the panel and each tab show on first open."""
    seen: dict[str, object] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen["panel"] = str(app.screen.query_one(StatusPanel).render())
        await pilot.press("i")
        await settle(pilot)
        table = app.screen.query_one(IssueTable)
        seen["issues"] = [table.issue_at(n) for n in range(table.total)]
        await pilot.press("g")
        await settle(pilot)
        seen["gate"] = str(app.screen.query_one(GatePane).query_one("#gate-text").render())
        await pilot.press("r")
        await settle(pilot)
        notes = app.screen.query_one(NoteList)
        seen["kinds"] = [row.kind for row in notes.rows if isinstance(row, KindRow)]
    return seen


async def test_every_tab_of_the_sample_has_something_to_show(make_app):
    seen = await _tabs(make_app())
    assert "GATE ◐ WATCH" in seen["panel"] and "Phase 2/4 Core team" in seen["panel"]
    issues = seen["issues"]
    assert {i.status for i in issues} == {"open", "workaround"}  # unresolved by default
    assert any(i.tier == 4 for i in issues), "one is with the vendor"
    assert "on track" in seen["gate"] and "needs work" in seen["gate"]
    assert "Core team: go by joel" in seen["gate"]
    assert seen["kinds"] == ["went-well", "lesson", "thanks", "next-step"]


async def test_the_sample_made_in_dutch_speaks_dutch_on_every_tab(dutch_demo_db):
    app = LaunchApp(dataclasses.replace(ui_settings(dutch_demo_db), lang="nl"), poll=False)
    try:
        seen = await _tabs(app)
    finally:
        i18n.set_language("en")
    assert "POORT ◐ LET OP" in seen["panel"] and "Kernteam" in seen["panel"]
    titles = {i.title for i in seen["issues"]}
    assert "Inlogpagina traag via mobiele data" in titles
    assert "op koers" in seen["gate"] and "werk nodig" in seen["gate"]
    assert "Pilot op schema" in seen["gate"]
    assert seen["kinds"] == ["went-well", "lesson", "thanks", "next-step"]
