"""Every key and every mark on one page, readable without colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from launchtui.present import fold

HELP = """\
Anywhere   c checklists · i issues · g gate · ? help · ctrl+p palette · q quit

Checklists
  space  tick or untick        n  tick with a note / add a note
  -      skip, with a reason   u  undo your own latest change
  /      filter (esc clears)   enter, left, right  fold a window

Issues
  n      log a new issue       enter  open it with its timeline
  +      escalate a tier       w      record a workaround
  x      resolve or reopen     e      export csv, json or md
  /      filter by text        f v t  status, severity, tier filter
  o      change the order      esc    clear the filters

Gate (g)
  n      record figures        p      edit a phase
  h      hold the rollout      o      go despite the gate
  l      lift the override

Marks
  [x] done   [ ] open   [-] skipped   !  overdue   › highlighted
  ▲ CRITICAL   ● major   ○ minor
  ✓ GO   ◐ WATCH   ‖ PAUSE / HELD   ✖ ROLLBACK

Colleagues' changes from other sessions appear within a second.
escape closes this help."""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Content(fold(HELP)))

    def action_close(self) -> None:
        self.dismiss(None)
