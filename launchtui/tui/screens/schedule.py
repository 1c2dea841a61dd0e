"""The schedule: training sessions and office hours per location, today first (issue 17)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from launchtui.services.sessions import SessionService
from launchtui.services.workspace import UserError, Workspace
from launchtui.store import StoreError
from launchtui.text.i18n import t
from launchtui.text.present import fold
from launchtui.text.schedule_text import schedule_lines
from launchtui.tui.widgets.quiet_footer import QuietFooter
from launchtui.tui.widgets.translated import N_, TranslatedBindings


class ScheduleScreen(TranslatedBindings, ModalScreen[None]):
    """Read-only view; sessions are planned and changed with `launchtui sessions`."""

    CSS_PATH = "../tcss/schedule.tcss"
    BINDINGS = [
        Binding("e", "export", N_("Export calendar"), id="schedule.export"),
        Binding("escape,q", "close", N_("Close"), id="schedule.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="schedule"):
            yield Static(t("Loading the schedule…"), id="schedule-title")
            yield Static("", id="schedule-text")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        """Off the event loop, on a connection of its own, like every worker here."""
        ws = Workspace(self.app.settings)
        try:
            service = SessionService(ws)
            lines = schedule_lines(service.all(), ws.store.locations.all(), ws.now())
        except (UserError, StoreError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        finally:
            ws.close()
        self.app.call_from_thread(self._shown, lines)

    def _failed(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)
        self.dismiss(None)

    def _shown(self, lines: list[str]) -> None:
        title = t("Schedule: training and office hours, in each location's own time")
        self.query_one("#schedule-title", Static).update(Content(fold(title)))
        self.query_one("#schedule-text", Static).update(Content(fold("\n".join(lines))))

    def action_export(self) -> None:
        from launchtui.tui.screens.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog("calendar"))

    def action_close(self) -> None:
        self.dismiss(None)
