"""Quick capture from anywhere: a key, a line, enter. Tab changes the kind."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from launchtui.domain.retro import KINDS, kind_label
from launchtui.text.i18n import language, t
from launchtui.tui.requests.retro import RetroNoteRequested
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.translated import N_, TranslatedBindings


class QuickNote(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("tab", "next_kind", N_("Kind"), priority=True, id="quick_note.next_kind"),
        Binding("escape", "cancel", N_("Cancel"), id="quick_note.cancel"),
    ]

    def __init__(self, kind: str = "lesson") -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(id="quick-kind")
            yield Input(placeholder=t("one line; enter saves"), id="quick-text")
            yield Label(t("tab changes the kind · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self._show_kind()
        self.query_one(Input).focus()

    def _show_kind(self) -> None:
        text = t("Note: {kind}", kind=kind_label(self.kind, language()))
        self.query_one("#quick-kind", Label).update(Content(text))

    def action_next_kind(self) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self._show_kind()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text, kind = event.value, self.kind
        if text.strip():
            self.app.post_message(RetroNoteRequested(kind=kind, text=text))
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
