"""Every key and every mark on one page, readable without colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

HELP = """\
Keys
  space   tick or untick the highlighted item
  n       tick with a note, or add a note to a ticked item
  -       skip as not applicable, with a reason
  u       undo your own latest tick, untick or skip
  /       filter by text, key, owner or person (escape clears)
  enter   fold or unfold a window; left / right fold and unfold
  c       back to the checklists      ctrl+p  command palette
  ?       this help                   q       quit

Marks
  [x] done    [ ] open    [-] skipped as not applicable
  !   overdue             ›   the highlighted row

Colleagues' ticks from other sessions appear within a second.
escape closes this help."""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Content(HELP))

    def action_close(self) -> None:
        self.dismiss(None)
