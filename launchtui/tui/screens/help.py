"""Every key and every mark on one page, readable without colour; the keys are read
from the bindings, never listed by hand."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from launchtui.text.i18n import t
from launchtui.text.present import fold
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.translated import N_, TranslatedBindings

# What the keys draw, and how other sessions show: the keys themselves are read from the
# bindings (launchtui/tui/keys.py), so this page lists every key there is.
MARKS = N_("""\
Marks
  [x] done   [ ] open   [-] skipped   !  overdue   › highlighted
  ▲ CRITICAL   ● major   ○ minor
  ✓ GO   ◐ WATCH   ‖ PAUSE / HELD   ✖ ROLLBACK

Colleagues' changes from other sessions appear within a second.
escape closes this help.""")


def help_text() -> str:
    """The whole page in the current language: every key, then the marks."""
    from launchtui.tui.keys import help_lines

    return "\n".join([*help_lines(), "", t(MARKS)])


class HelpScreen(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "close", N_("Close"), id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Content(fold(help_text())), id="help-text")

    def retranslate(self) -> None:
        self.query_one("#help-text", Static).update(Content(fold(help_text())))

    def action_close(self) -> None:
        self.dismiss(None)
