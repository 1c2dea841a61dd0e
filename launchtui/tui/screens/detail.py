"""The base of the screens that show one thing in full over the main screen: an issue,
a checklist item, the locations. Each is plain text in a scrolling box with the footer
below; it follows the app's data (a colleague's change shows on the open screen), is
worded again on a language switch, and escape closes it (each names its own keys)."""

from __future__ import annotations

from contextlib import suppress
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Static

from launchtui.services.workspace import UserError
from launchtui.text.present import fold
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.quiet_footer import QuietFooter
from launchtui.tui.widgets.translated import TranslatedBindings


class DetailScreen(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    """`read` fetches what is shown, `draw` shows it (with `show`); a refusal while
    reading (the thing is gone) closes the screen with the service's line."""

    BOX_ID: ClassVar[str] = "issue-detail"  # the scrolling box (its style in app.tcss)
    TEXT_IDS: ClassVar[tuple[str, ...]] = ()  # the texts in it, top to bottom

    def compose(self) -> ComposeResult:
        with VerticalScroll(id=self.BOX_ID):
            for text_id in self.TEXT_IDS:
                yield Static(id=text_id)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.reload()
        # A colleague's change (or one's own) shows on the open screen too.
        self.watch(self.app, "data", self._data_changed, init=False)

    def _data_changed(self) -> None:
        with suppress(NoMatches):  # closing: nothing to show it on
            self.reload()

    def reload(self) -> None:
        try:
            self.read()
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.dismiss(None)
            return
        self.draw()

    def read(self) -> None:
        """Fetch what is shown; by default nothing (the app's data holds it)."""

    def draw(self) -> None:
        raise NotImplementedError

    def show(self, text_id: str, text: str) -> None:
        """Plain `text` (never markup) in the Static `text_id`, as the terminal can show it."""
        self.query_one(f"#{text_id}", Static).update(Content(fold(text)))

    def retranslate(self) -> None:
        self.draw()

    def action_close(self) -> None:
        self.dismiss(None)
