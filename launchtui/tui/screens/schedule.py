"""The schedule: training sessions and office hours per location, today first (issue 17)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from launchtui.domain.sessions import Session
from launchtui.services.sessions import SessionService
from launchtui.services.workspace import UserError, Workspace
from launchtui.store import StoreError
from launchtui.text.i18n import t
from launchtui.text.present import fold
from launchtui.text.schedule_text import schedule_lines, session_said
from launchtui.tui.requests.plan import SessionRequested
from launchtui.tui.screens.form import Field, FormScreen
from launchtui.tui.widgets.quiet_footer import QuietFooter
from launchtui.tui.widgets.translated import N_, TranslatedBindings


class ScheduleScreen(TranslatedBindings, ModalScreen[None]):
    """The sessions in each location's time; `a` adds one, `m` moves, `x` cancels and
    `h` marks one held, as `launchtui sessions add/move/cancel/held` do (the plan of
    the guide's whole schedule stays `launchtui sessions plan`)."""

    CSS_PATH = "../tcss/schedule.tcss"
    BINDINGS = [
        Binding("a", "add", N_("Add"), id="schedule.add"),
        Binding("m", "move", N_("Move"), id="schedule.move"),
        Binding("x", "cancel_session", N_("Cancel session"), id="schedule.cancel"),
        Binding("h", "held", N_("Held"), id="schedule.held"),
        Binding("e", "export", N_("Export calendar"), id="schedule.export"),
        Binding("escape,q", "close", N_("Close"), id="schedule.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="schedule"):
            yield Static(t("Loading the schedule…"), id="schedule-title")
            yield Static("", id="schedule-text")
        yield QuietFooter()

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[Session] = []

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        """Off the event loop, on a connection of its own, like every worker here."""
        ws = Workspace(self.app.settings)
        try:
            service = SessionService(ws)
            sessions = service.all()
            lines = schedule_lines(sessions, ws.store.locations.all(), ws.now())
        except (UserError, StoreError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        finally:
            ws.close()
        self.app.call_from_thread(self._shown, lines, sessions)

    def _failed(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)
        self.dismiss(None)

    def _shown(self, lines: list[str], sessions: list[Session]) -> None:
        self.sessions = sessions
        title = t("Schedule: training and office hours, in each location's own time")
        self.query_one("#schedule-title", Static).update(Content(fold(title)))
        self.query_one("#schedule-text", Static).update(Content(fold("\n".join(lines))))

    def action_export(self) -> None:
        from launchtui.tui.screens.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog("calendar"))

    def _form(self, title: str, fields: list[Field], change: str) -> None:
        def make(v: dict[str, str]) -> SessionRequested:
            number = int(v.pop("session", "0") or 0)
            return SessionRequested(change=change, session_id=number, values=v)

        def saved(result: object) -> None:
            if result is not None:
                self._load()

        self.app.push_screen(FormScreen(title, fields, make), saved)

    def _choices(self, *statuses: str) -> list[tuple[str, str]] | None:
        """The sessions one may change, '#12 Paramaribo Mon 9 Nov 10:00…' each."""
        found = [
            (f"#{s.id} {session_said(s)}", str(s.id)) for s in self.sessions if s.status in statuses
        ]
        if not found:
            self.notify(t("No session to change here"), severity="warning")
            return None
        return found

    def action_add(self) -> None:
        data = self.app.data  # type: ignore[attr-defined]
        places = [(s.location.name, s.location.name) for s in (data.locations if data else ())]
        kinds = [(t("training"), "training"), (t("office hour"), "office-hour")]
        fields = [
            Field("kind", N_("kind"), options=kinds),
            Field("location", N_("location")),
            Field("date", N_("date"), placeholder=N_("2026-11-03")),
            Field("time", N_("local start time"), placeholder=N_("10:00")),
            Field("phase", N_("phase (blank: the one it serves)")),
            Field("minutes", N_("minutes (blank: 90 training, 60 office hour)")),
            Field("host", N_("host (blank: the champion)")),
            Field("place", N_("room or meeting link")),
        ]
        if places:
            fields[1] = Field("location", N_("location"), options=places)
        self._form(N_("Add a session"), fields, "add")

    def action_move(self) -> None:
        choices = self._choices("planned")
        if choices is not None:
            fields = [
                Field("session", N_("session"), options=choices),
                Field("date", N_("new date"), placeholder=N_("2026-11-03")),
                Field("time", N_("new local time"), placeholder=N_("10:00")),
            ]
            self._form(N_("Move a session"), fields, "move")

    def action_cancel_session(self) -> None:
        choices = self._choices("planned")
        if choices is not None:
            fields = [Field("session", N_("session"), options=choices)]
            self._form(N_("Cancel a session"), fields, "cancel")

    def action_held(self) -> None:
        choices = self._choices("planned", "held")
        if choices is not None:
            fields = [
                Field("session", N_("session"), options=choices),
                Field("attended", N_("how many came (optional)")),
            ]
            self._form(N_("Mark a session held"), fields, "held")

    def action_close(self) -> None:
        self.dismiss(None)
