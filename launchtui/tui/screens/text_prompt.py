"""A one-line question in a small dialog: enter saves, escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from launchtui.services.workspace import MAX_NOTE
from launchtui.text.i18n import t
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.translated import N_, Said, TranslatedBindings


class TextPrompt(FollowsLanguage, TranslatedBindings, ModalScreen[str | None]):
    """`title` and `placeholder` come translated from the caller."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="text_prompt.cancel")]

    def __init__(self, title: str, placeholder: str, required: str | None = None) -> None:
        """`required`: the error line shown, with the dialog left open, when the answer
        is empty (a skip needs its reason); without it an empty answer cancels."""
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(self.title_text), id="prompt-title")
            yield Input(placeholder=self.placeholder, max_length=MAX_NOTE, id="prompt-input")
            error = Label("", id="form-error")
            error.display = False  # takes a line only when there is something to say
            yield error
            yield Said(lambda: t("enter save · escape cancel"), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answer = event.value.strip()
        if not answer and self.required:
            error = self.query_one("#form-error", Label)
            error.update(Content(self.required))
            error.display = True
            return
        self.dismiss(answer or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
