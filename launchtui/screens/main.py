"""The main screen: the status panel on top, then the checklists or the issues."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer

from launchtui.domain.progress import RolloutStatus
from launchtui.issue_desk import IssueDesk
from launchtui.settings import Settings
from launchtui.widgets.checklist_pane import ChecklistPane
from launchtui.widgets.issues_pane import IssuesPane
from launchtui.widgets.status_panel import StatusPanel
from launchtui.widgets.view_tabs import ViewTabs


class MainScreen(Screen):
    BINDINGS = [
        Binding("c", "switch('checklists')", "Checklists", show=False),
        Binding("i", "switch('issues')", "Issues", show=False),
    ]

    def __init__(self, settings: Settings, desk: IssueDesk) -> None:
        super().__init__()
        self.settings = settings
        self.desk = desk
        self.now = dt.datetime.now(dt.UTC)
        self._issues_stale = True

    def compose(self) -> ComposeResult:
        s = self.settings
        yield StatusPanel(s.actor.name, s.host, s.lang, id="status")
        yield ViewTabs(id="tabs")
        with ContentSwitcher(initial="checklists", id="views"):
            yield ChecklistPane(s.lang, id="checklists")
            yield IssuesPane(self.desk, id="issues")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ChecklistPane).focus_list()

    def show(self, status: RolloutStatus, open_issues: dict[str, int], now: dt.datetime) -> None:
        self.now = now
        self.query_one(StatusPanel).show(status, open_issues, now)
        self.query_one(ChecklistPane).show(status, now)
        if self.query_one(ContentSwitcher).current == "issues":
            self.query_one(IssuesPane).show(now)
        else:
            self._issues_stale = True

    def action_switch(self, view: str) -> None:
        self.query_one(ContentSwitcher).current = view
        self.query_one(ViewTabs).select(view)
        pane = self.query_one(f"#{view}")
        if view == "issues" and self._issues_stale:
            self._issues_stale = False
            self.query_one(IssuesPane).show(self.now)
        pane.focus_list()
