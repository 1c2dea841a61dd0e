"""The review walk for the retrospective meeting: one note at a time, large and calm."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from launchtui.domain.retro import Note, kind_label
from launchtui.text.i18n import language, t
from launchtui.text.present import fold
from launchtui.text.safe import clean, one_line
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.translated import N_, TranslatedBindings


class ReviewScreen(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("right,space,j", "move(1)", N_("Next"), id="review.next"),
        Binding("left,k", "move(-1)", N_("Back"), id="review.previous"),
        Binding("escape,q", "close", N_("Done"), id="review.close"),
    ]

    def __init__(self, notes: list[Note], phase: int | None) -> None:
        super().__init__()
        self.walk = notes
        self.phase = phase
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="review"):
            yield Static(id="review-head")
            yield Static(id="review-text")
            yield Static(id="review-foot")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        note = self.walk[self.index]
        scope = t("phase {n}", n=self.phase) if self.phase else t("every phase")
        head = t(
            "Review of {scope} · note {i} of {total} · {kind}",
            scope=scope,
            i=self.index + 1,
            total=len(self.walk),
            kind=kind_label(note.kind, language()),
        )
        self.query_one("#review-head", Static).update(Content(fold(head)))
        self.query_one("#review-text", Static).update(Content(clean(note.text)))
        foot = f"— {one_line(note.author.name)}, {note.created_at.astimezone():%Y-%m-%d}"
        hint = t("→ next · ← back · escape done")
        self.query_one("#review-foot", Static).update(Content(fold(f"{foot}\n\n{hint}")))

    def action_move(self, step: int) -> None:
        self.index = max(0, min(self.index + step, len(self.walk) - 1))
        self._show()

    def action_close(self) -> None:
        self.dismiss(None)
