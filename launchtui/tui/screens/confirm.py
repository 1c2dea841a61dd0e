"""One generic yes/no question before a change that is hard to take back or is someone
else's: escalating an issue, unticking a colleague's tick, lifting a hold."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from launchtui.text.i18n import t
from launchtui.text.present import fold
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.translated import N_, Said, TranslatedBindings


class ConfirmScreen(FollowsLanguage, TranslatedBindings, ModalScreen[bool]):
    """`question` comes translated (and user text in it made safe) from the caller;
    `y` answers yes, `n` or escape no. Nothing happens until one of them is pressed."""

    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes"),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(fold(self.question)), id="confirm-question")
            yield Said(lambda: t("y yes · n or escape no"), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
