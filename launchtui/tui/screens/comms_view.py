"""The announcement or weekly update, filled from the rollout's data, for review before sending."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from launchtui.domain.comms import Draft
from launchtui.services.comms import CommsService
from launchtui.services.workspace import UserError, Workspace
from launchtui.store import StoreError
from launchtui.text.i18n import language, t
from launchtui.text.safe import clean
from launchtui.tui.messages import ExportRequested
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.quiet_footer import QuietFooter
from launchtui.tui.widgets.translated import N_, TranslatedBindings


class CommsView(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("s", "save", N_("Save to file"), id="comms_view.save"),
        Binding("escape,q", "close", N_("Close"), id="comms_view.close"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.kind = name  # announcement | weekly
        self.draft: Draft | None = None
        self.lang = language()  # the mail's language, whose facts it shows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="comms"):
            yield Static(t("Filling in from the rollout's data…"), id="comms-text")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._fill()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _fill(self) -> None:
        """Off the event loop: with many issues the weekly update takes a moment."""
        ws = Workspace(self.app.settings)
        try:
            service = CommsService(ws)
            lang = self.lang
            make = (
                service.announcement_draft if self.kind == "announcement" else service.weekly_draft
            )
            draft = make(lang=lang)
        except (UserError, StoreError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        finally:
            ws.close()
        self.app.call_from_thread(self._shown, draft)

    def _failed(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)
        self.dismiss(None)

    def _shown(self, draft: Draft) -> None:
        self.draft = draft
        text = clean(draft.text)
        if draft.missing_facts:  # the facts of this mail's language (each has its own)
            facts = ", ".join(draft.missing_facts)
            note = t(
                "Missing facts: {facts}; add them with "
                "`launchtui comms set KEY VALUE --lang {lang}`.",
                facts=facts,
                lang=self.lang,
            )
            text += "\n\n" + note
        self.query_one("#comms-text", Static).update(Content(text))

    def action_save(self) -> None:
        if self.draft is None:
            return
        today = self.app.settings.clock.today().isoformat()
        path = Path.cwd() / f"launchtui-{self.kind}-{today}.txt"
        text = self.draft.text

        def writer(_ws: Workspace, _fmt: str, stream: TextIO, path: str) -> str:
            stream.write(text)
            return t("Wrote {path}", path=path)

        self.post_message(ExportRequested(path=str(path), fmt="txt", writer=writer))

    def action_close(self) -> None:
        self.dismiss(None)
