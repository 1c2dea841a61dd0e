"""Every key and every mark on one page, readable without colour."""

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

HELP = N_("""\
Anywhere   c i g r tabs · ctrl+n note · ? help · q quit
           ctrl+p palette · ctrl+l English / Nederlands

Checklists
  space  tick or untick        n  tick with a note / add a note
  -      skip, with a reason   u  undo your own latest change
  /      filter (esc clears)   enter  who, when, where, notes
  e      print on paper        left, right  fold a window

Issues
  n      log a new issue       enter  open it with its timeline
  +      escalate a tier       w      record a workaround
  x      resolve or reopen     e      export csv, json or md
  /      filter by text        f v t  status/severity/tier
  o      change the order      esc    clear the filters

Gate (g)
  n      record figures        p      edit a phase
  d      decide on a phase     h      hold the rollout
  o      go despite the gate   l      lift the override

Retro (r) · ctrl+n writes a quick note from anywhere
  n      write a note          enter  edit it
  v      review a phase        e      export the report
  a      announcement draft    w      weekly update draft
  f p /  kind, phase, text filter

Marks
  [x] done   [ ] open   [-] skipped   !  overdue   › highlighted
  ▲ CRITICAL   ● major   ○ minor
  ✓ GO   ◐ WATCH   ‖ PAUSE / HELD   ✖ ROLLBACK

Colleagues' changes from other sessions appear within a second.
escape closes this help.""")


class HelpScreen(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "close", N_("Close"), id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Content(fold(t(HELP))), id="help-text")

    def retranslate(self) -> None:
        self.query_one("#help-text", Static).update(Content(fold(t(HELP))))

    def action_close(self) -> None:
        self.dismiss(None)
