"""The main screen: the status panel on top, then the checklists or the issues."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from launchtui.domain.gate import Gate
from launchtui.domain.locations import LocationStatus
from launchtui.domain.progress import RolloutStatus
from launchtui.services.adoption import AdoptionService
from launchtui.services.settings import Settings
from launchtui.services.workspace import Workspace
from launchtui.text.i18n import t
from launchtui.text.present import fold
from launchtui.text.safe import one_line
from launchtui.tui.messages import DataChanged
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.checklist_pane import ChecklistPane
from launchtui.tui.widgets.quiet_footer import QuietFooter
from launchtui.tui.widgets.status_panel import StatusPanel
from launchtui.tui.widgets.translated import N_, TranslatedBindings
from launchtui.tui.widgets.view_tabs import ViewTabs


class RehearsalBanner(Static):
    """One line on every screen while rehearsing: the pretend date, and whose copy."""

    def __init__(self, copy: Path, today: dt.date) -> None:
        super().__init__(classes="rehearsal-banner")
        self.copy = copy
        self.today = today

    def on_mount(self) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        from launchtui.services.rehearsal import banner

        self.update(Content(one_line(banner(self.copy, self.today))))


class MainScreen(FollowsLanguage, TranslatedBindings, Screen):
    BINDINGS = [
        Binding(
            "c",
            "switch('checklists')",
            N_("Checklists"),
            show=False,
            tooltip=N_("Show the checklists"),
            id="main.checklists",
        ),
        Binding(
            "i",
            "switch('issues')",
            N_("Issues"),
            show=False,
            tooltip=N_("Show the issues"),
            id="main.issues",
        ),
        Binding(
            "g",
            "switch('gate')",
            N_("Gate"),
            show=False,
            tooltip=N_("Show the gate"),
            id="main.gate",
        ),
        Binding(
            "r",
            "switch('retro')",
            N_("Retro"),
            show=False,
            tooltip=N_("Show the retrospective"),
            id="main.retro",
        ),
        Binding(
            "ctrl+n",
            "quick_note",
            N_("Quick note"),
            show=False,
            tooltip=N_("Write a quick note from anywhere"),
            id="main.quick_note",
        ),
    ]

    def __init__(
        self,
        settings: Settings,
        workspace: Workspace,
        search_workspace: Workspace,
        *,
        first: DataChanged | None = None,
    ) -> None:
        """`workspace` reads on the UI thread for the tabs; `search_workspace`, on a
        connection of its own, counts the issue filter's matches in a worker."""
        super().__init__()
        self._first = first  # shown as the screen mounts, so the first paint has data
        self.settings = settings
        self.workspace = workspace
        self.search_workspace = search_workspace
        self.now = dt.datetime.now(dt.UTC)
        self.gate: Gate | None = None
        self._stale = {"issues", "gate", "retro"}

    def compose(self) -> ComposeResult:
        s = self.settings
        if s.rehearsal:
            yield RehearsalBanner(s.db_path, s.clock.today())
        yield Static(id="read-only")
        yield StatusPanel(s.actor.name, s.host, id="status")
        yield ViewTabs(id="tabs")
        with ContentSwitcher(initial="checklists", id="views"):
            yield ChecklistPane(id="checklists")  # the other tabs are built when first shown

    def _new_pane(self, view: str):
        # The other tabs' widgets and services load when first shown, not before the
        # first paint.
        ws = self.workspace
        if view == "issues":
            from launchtui.services.issues import IssueService
            from launchtui.tui.widgets.issues_pane import IssuesPane

            return IssuesPane(IssueService(ws), IssueService(self.search_workspace), id="issues")
        if view == "gate":
            from launchtui.tui.widgets.gate_pane import GatePane

            return GatePane(AdoptionService(ws), id="gate")
        from launchtui.services.retro import RetroService
        from launchtui.tui.widgets.retro_pane import RetroPane

        return RetroPane(RetroService(ws), id="retro")

    def on_mount(self) -> None:
        self.query_one(ChecklistPane).focus_list()
        if self._first is not None:
            self.show_data(self._first)
            self._first = None
        self.watch(self.app, "data", self._data_changed, init=False)
        self.mount(QuietFooter(keys_now=True))  # now the list has the focus: with its keys

    def _data_changed(self, data: DataChanged | None) -> None:
        if data is None:
            return
        try:
            self.show_data(data)
        except NoMatches:
            return  # the app is closing and its widgets are gone: nowhere to show it

    def show_data(self, data: DataChanged) -> None:
        self.show(data.status, data.gate, data.open_issues, data.now, data.locations)
        self.query_one(StatusPanel).show_upcoming(data.upcoming)
        self.show_read_only(data.read_only)

    def show(
        self,
        status: RolloutStatus,
        gate: Gate,
        open_issues: dict[str, int],
        now: dt.datetime,
        locations: tuple[LocationStatus, ...] = (),
    ) -> None:
        """New data: the panel and the checklists at once; other tabs when they are seen."""
        self.now, self.gate = now, gate
        self.query_one(StatusPanel).show(status, gate, open_issues, now, locations)
        self.query_one(ChecklistPane).show(status, now)
        self._stale = {"issues", "gate", "retro"}
        self._refresh_tab(self.query_one(ContentSwitcher).current)

    def _refresh_tab(self, view: str | None) -> None:
        if view not in self._stale:
            return
        self._stale.discard(view)
        if view == "gate" and self.gate is None:
            return
        pane: Any = self.query_one(f"#{view}")  # built by `_new_pane`, loaded by then
        if view == "gate":
            pane.show(self.gate, self.now)
        else:
            pane.show(self.now)

    def action_quick_note(self) -> None:
        from launchtui.tui.screens.quick_note import QuickNote

        self.app.push_screen(QuickNote())

    async def run_on_tab(self, view: str, action: str | None, owner: type | None = None) -> None:
        """Show `view` ("" for none) and run `action` there, on the node of class `owner`
        (its pane, or a widget in it; this screen or the app when `view` is ""): for
        the command palette."""
        node: object = self
        if view:
            await self.action_switch(view)
            node = pane = self.query_one(f"#{view}")
            if action is not None and owner is not None and not isinstance(pane, owner):
                node = pane.query_one(owner)
        elif owner is not None and isinstance(self.app, owner):
            node = self.app
        if action is not None:
            await self.app.run_action(action, node)  # type: ignore[arg-type]

    def show_read_only(self, reason: str | None) -> None:
        """A banner while the database is read-only for this user: every change is refused."""
        banner = self.query_one("#read-only", Static)
        banner.display = reason is not None
        if reason is not None:
            text = t("READ-ONLY: {reason}; nothing you do here can be saved", reason=reason)
            banner.update(Content(fold(one_line(text))))

    async def action_switch(self, view: str) -> None:
        switcher = self.query_one(ContentSwitcher)
        if not switcher.query(f"#{view}"):
            await switcher.mount(self._new_pane(view))
        switcher.current = view
        self.query_one(ViewTabs).select(view)
        self._refresh_tab(view)
        self.query_one(f"#{view}").focus_list()
