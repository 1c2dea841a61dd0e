"""The retro tab: notes by kind, filters, the review walk, the report and the comms drafts."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from launchtui.domain.retro import KINDS, kind_label
from launchtui.services.retro import RetroService
from launchtui.text.i18n import language, n_, t
from launchtui.text.present import fold
from launchtui.tui.widgets.note_list import NoteList
from launchtui.tui.widgets.row_list import next_option
from launchtui.tui.widgets.translated import N_


class RetroPane(Vertical):
    BINDINGS = [
        Binding(
            "n",
            "new",
            N_("New note"),
            tooltip=N_("Write a retrospective note"),
            id="retro_pane.new",
        ),
        Binding(
            "enter",
            "edit",
            N_("Edit"),
            tooltip=N_("Edit the highlighted note"),
            id="retro_pane.edit",
        ),
        Binding(
            "v",
            "review",
            N_("Review"),
            tooltip=N_("Review the notes of a phase"),
            id="retro_pane.review",
        ),
        Binding(
            "e",
            "export",
            N_("Report"),
            tooltip=N_("Export the rollout report"),
            id="retro_pane.export",
        ),
        Binding(
            "a",
            "comms('announcement')",
            N_("Announcement"),
            show=False,
            tooltip=N_("Draft the announcement"),
            id="retro_pane.announcement",
        ),
        Binding(
            "w",
            "comms('weekly')",
            N_("Weekly update"),
            show=False,
            tooltip=N_("Draft the weekly update"),
            id="retro_pane.weekly",
        ),
        Binding(
            "slash",
            "filter",
            N_("Filter"),
            key_display="/",
            tooltip=N_("Filter the notes by text"),
            id="retro_pane.filter",
        ),
        Binding(
            "f",
            "cycle_kind",
            N_("Kind"),
            show=False,
            tooltip=N_("Filter the notes by kind"),
            id="retro_pane.cycle_kind",
        ),
        Binding(
            "p",
            "cycle_phase",
            N_("Phase"),
            show=False,
            tooltip=N_("Filter the notes by phase"),
            id="retro_pane.cycle_phase",
        ),
        Binding(
            "escape", "clear_filter", N_("Clear filters"), show=False, id="retro_pane.clear_filter"
        ),
    ]

    def __init__(self, service: RetroService, **kwargs) -> None:
        super().__init__(**kwargs)
        self.service = service
        self.kind: str | None = None
        self.phase: int | None = None
        self.text = ""
        self.now = dt.datetime.now(dt.UTC)

    def compose(self) -> ComposeResult:
        yield Static(id="retro-filters")
        yield NoteList(id="note-list")
        yield Input(placeholder=t("filter notes by text"), id="retro-filter")

    @property
    def notes(self) -> NoteList:
        return self.query_one(NoteList)

    def focus_list(self) -> None:
        self.notes.focus()

    def show(self, now: dt.datetime) -> None:
        self.now = now
        found = self.service.list(kind=self.kind, phase=self.phase, text=self.text or None)
        self.notes.show(found, now)
        parts = [
            n_(len(found), "{n} note", "{n} notes"),
            "f:" + (kind_label(self.kind, language()) if self.kind else t("every kind")),
            "p:" + (t("phase {n}", n=self.phase) if self.phase else t("every phase")),
        ]
        if self.text:
            parts.append(f'/"{self.text}"')
        hint = t("v review · a announcement · w weekly update")
        self.query_one("#retro-filters", Static).update(Content(fold(" · ".join([*parts, hint]))))

    # -- filters -----------------------------------------------------------------

    def action_cycle_kind(self) -> None:
        self.kind = next_option((None, *KINDS), self.kind)
        self.show(self.now)

    def action_cycle_phase(self) -> None:
        numbers = tuple(p.number for p in self.service.workspace.rollout().plan.phases)
        self.phase = next_option((None, *numbers), self.phase)
        self.show(self.now)

    def action_filter(self) -> None:
        box = self.query_one("#retro-filter", Input)
        box.add_class("-shown")
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#retro-filter", Input)
        box.value = ""
        box.remove_class("-shown")
        self.kind = self.phase = None
        self.text = ""
        self.show(self.now)
        self.notes.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.text = event.value.strip()
        self.show(self.now)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.notes.focus()
        if not event.value:
            event.input.remove_class("-shown")

    # -- acting ------------------------------------------------------------------

    def action_new(self) -> None:
        from launchtui.tui.screens.note_form import NoteForm

        self.app.push_screen(NoteForm())

    def action_edit(self) -> None:
        from launchtui.tui.screens.note_form import NoteForm

        note = self.notes.highlighted
        if note is not None:
            self.app.push_screen(NoteForm(note))

    def action_review(self) -> None:
        from launchtui.tui.screens.review import ReviewScreen

        phase = self.phase or self.service.workspace.status().phase
        number = phase if isinstance(phase, int) else (phase.number if phase else None)
        notes = self.service.list(phase=number) if number else self.service.list()
        if not notes:
            self.notify(t("No notes to review yet"), severity="warning", markup=False)
            return
        self.app.push_screen(ReviewScreen(notes, number))

    def action_export(self) -> None:
        from launchtui.tui.screens.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog("retro"))

    def action_comms(self, name: str = "announcement") -> None:
        from launchtui.tui.screens.comms_view import CommsView

        self.app.push_screen(CommsView(name))

    def action_weekly(self) -> None:
        self.action_comms("weekly")

    def action_facts(self) -> None:
        """The announcement with its facts form open: set a fact in either language."""
        self._comms_then("announcement", "action_facts")

    def action_weekly_week(self) -> None:
        """The weekly update, asking which week."""
        self._comms_then("weekly", "action_week")

    def _comms_then(self, name: str, action: str) -> None:
        from launchtui.tui.screens.comms_view import CommsView

        view = CommsView(name)
        self.app.push_screen(view)
        view.call_after_refresh(getattr(view, action))
