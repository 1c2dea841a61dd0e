"""The main screen: the status panel on top, the checklists below."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input

from launchtui.domain.progress import RolloutStatus
from launchtui.safe_text import one_line
from launchtui.settings import Settings
from launchtui.widgets.checklist_view import ChecklistView
from launchtui.widgets.status_panel import StatusPanel
from launchtui.workspace import Workspace


class MainScreen(Screen):
    BINDINGS = [
        Binding("n", "note", "Note"),
        Binding("minus", "skip", "Skip", key_display="-"),
        Binding("u", "undo", "Undo"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("c", "checklists", "Checklists", show=False),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        yield StatusPanel(
            self.settings.actor.name, self.settings.host, self.settings.lang, id="status"
        )
        yield ChecklistView(self.settings.lang, id="checklist")
        yield Input(placeholder="filter: text, key, owner, person", id="filter")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ChecklistView).focus()

    def show(self, status: RolloutStatus, now: dt.datetime) -> None:
        self.query_one(StatusPanel).show(status, now)
        self.query_one(ChecklistView).show(status, now)

    # -- ticking -----------------------------------------------------------------

    def on_checklist_view_toggle_requested(self, message: ChecklistView.ToggleRequested) -> None:
        key = message.key

        def toggle(ws: Workspace) -> None:
            ws.toggle(key)

        self.app.write(toggle)

    def action_note(self) -> None:
        item = self.query_one(ChecklistView).highlighted
        if item is None:
            self.notify("Move to an item first to add a note to it", severity="warning")
            return
        from launchtui.screens.text_prompt import TextPrompt

        key = item.key
        verb = "Tick with a note" if item.is_open else "Add a note"
        label = one_line(item.instance.label(self.settings.lang))

        def save(note: str | None) -> None:
            if note:
                self.app.write(lambda ws: _note(ws, key, note))

        self.app.push_screen(TextPrompt(f"{verb}: {label}", "note"), save)

    def action_skip(self) -> None:
        item = self.query_one(ChecklistView).highlighted
        if item is None:
            return
        from launchtui.screens.text_prompt import TextPrompt

        key = item.key
        label = one_line(item.instance.label(self.settings.lang))

        def save(reason: str | None) -> None:
            if reason:
                self.app.write(lambda ws: _skip(ws, key, reason))

        self.app.push_screen(TextPrompt(f"Skip as not applicable: {label}", "reason"), save)

    def action_undo(self) -> None:
        self.app.write(_undo)

    def action_checklists(self) -> None:
        self.query_one(ChecklistView).focus()

    # -- filtering ---------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.add_class("-shown")
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.remove_class("-shown")
        self.query_one(ChecklistView).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.query_one(ChecklistView).filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one(ChecklistView).focus()
            if not event.value:
                event.input.remove_class("-shown")


def _note(ws: Workspace, key: str, note: str) -> str:
    event = ws.annotate(key, note)
    return f"Note saved on {event.key}"


def _skip(ws: Workspace, key: str, reason: str) -> str:
    event = ws.skip(key, reason)
    return f"Skipped {event.key}"


def _undo(ws: Workspace) -> str:
    result = ws.undo()
    if result is None:
        return "Nothing of yours to undo"
    undone, _ = result
    return f"Undid your {undone.action} of {undone.key}"
