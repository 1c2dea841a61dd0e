"""Write or edit a retrospective note: its kind and its text (several lines)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Select, TextArea

from launchtui.domain.retro import KINDS, Note, kind_label
from launchtui.text.i18n import language, t
from launchtui.text.safe import clean
from launchtui.tui.requests.retro import RetroNoteRequested
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.translated import N_, TranslatedBindings


class NoteForm(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="note_form.save"),
        Binding("escape", "cancel", N_("Cancel"), id="note_form.cancel"),
    ]

    def __init__(
        self, note: Note | None = None, kind: str = "lesson", issue_id: int | None = None
    ) -> None:
        super().__init__()
        self.note = note
        self.kind = note.kind if note else kind
        self.issue_id = issue_id

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="form"):
            if self.note:
                title = t("Edit note #{n}", n=self.note.id)
            elif self.issue_id:
                title = t("A retrospective note about issue #{n}", n=self.issue_id)
            else:
                title = t("A retrospective note")
            yield Label(Content(title), classes="form-title")
            yield Select(
                [(kind_label(k, language()), k) for k in KINDS],
                value=self.kind,
                allow_blank=False,
                id="note-kind",
                compact=True,
            )
            # Stored text is edited as shown: control characters appear as U+FFFD, never act.
            yield TextArea(clean(self.note.text) if self.note else "", id="note-text", compact=True)
            yield Label("", id="form-error")
            yield Label(t("ctrl+s save · escape cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#note-text", TextArea).focus()

    def action_save(self) -> None:
        text = self.query_one("#note-text", TextArea).text
        if not text.strip():
            self.query_one("#form-error", Label).update(t("Write something first."))
            return
        kind = str(self.query_one("#note-kind", Select).value)
        note, issue_id = self.note, self.issue_id
        note_id = None if note is None else note.id
        self.app.post_message(
            RetroNoteRequested(kind=kind, text=text, issue_id=issue_id, note_id=note_id)
        )
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
