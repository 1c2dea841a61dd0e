"""The launchtui App: owns the data, polls the database, and does every write off the event loop."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

from textual import work
from textual.app import App
from textual.binding import Binding

from launchtui.adoption_desk import AdoptionDesk
from launchtui.commands import LaunchCommands
from launchtui.domain.checklist_files import ChecklistError
from launchtui.issue_desk import IssueDesk
from launchtui.messages import DataChanged, NoRolloutYet
from launchtui.present import set_ascii
from launchtui.screens.main import MainScreen
from launchtui.settings import Settings
from launchtui.store import StoreError
from launchtui.workspace import NoRollout, UserError, Workspace

POLL_SECONDS = 1.0
REFRESH_AT_LEAST_EVERY = 60.0  # "5 minutes ago" must not go stale


class LaunchApp(App):
    """Timed checklists, status panel and (later) issues, gate and retro, on one database."""

    CSS_PATH = ["tcss/app.tcss"]
    COMMANDS = App.COMMANDS | {LaunchCommands}
    TITLE = "launchtui"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, settings: Settings, *, poll: bool = True) -> None:
        super().__init__()
        self.settings = settings
        set_ascii(settings.ascii)
        self.poll = poll
        self.reader = Workspace(settings)  # only the poll worker uses it
        self.writer = Workspace(settings)  # only write workers use it, one at a time
        self.browser = Workspace(settings)  # the UI thread's paged reads (the issue table)
        self._write_lock = threading.Lock()
        self._seen: tuple[int, dt.date] | None = None
        self._last_load = 0.0

    def on_mount(self) -> None:
        self.push_screen(
            MainScreen(self.settings, IssueDesk(self.browser), AdoptionDesk(self.browser))
        )
        self.refresh_data(force=True)
        if self.poll:
            self.set_interval(POLL_SECONDS, self.refresh_data)

    def on_unmount(self) -> None:
        self.reader.close()
        self.writer.close()
        self.browser.close()

    # -- reading -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def refresh_data(self, force: bool = False) -> None:
        """Load the rollout if anything changed: another process's commit, or the date."""
        ws = self.reader
        try:
            seen = (ws.store.data_version(), ws.today())
            stale = time.monotonic() - self._last_load > REFRESH_AT_LEAST_EVERY
            if not force and seen == self._seen and not stale:
                return
            status = ws.status()
            gate = AdoptionDesk(ws).gate()
            open_issues = ws.store.issues.open_counts()
        except NoRollout:
            self.post_message(NoRolloutYet())
            return
        except (StoreError, ChecklistError) as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self._seen, self._last_load = seen, time.monotonic()
        self.post_message(DataChanged(status, gate, open_issues, ws.now()))

    def on_data_changed(self, message: DataChanged) -> None:
        from launchtui.screens.issue_detail import IssueDetail

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.show(message.status, message.gate, message.open_issues, message.now)
            elif isinstance(screen, IssueDetail):
                screen.reload()

    def on_no_rollout_yet(self, _: NoRolloutYet) -> None:
        from launchtui.screens.setup import SetupScreen

        if not isinstance(self.screen, SetupScreen):
            self.push_screen(SetupScreen(), self._after_setup)

    def _after_setup(self, created: bool | None) -> None:
        if created:
            self.refresh_data(force=True)
        else:
            self.exit()

    # -- writing -----------------------------------------------------------------

    def write(self, change: Callable[[Workspace], str | None], refresh: bool = True) -> None:
        """Run `change` on the writer workspace in a thread; say what happened."""
        self._write(change, refresh)

    @work(thread=True, group="write", exit_on_error=False)
    def _write(self, change: Callable[[Workspace], str | None], refresh: bool) -> None:
        try:
            with self._write_lock:
                said = change(self.writer)
        except (UserError, StoreError) as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        if said:
            self.call_from_thread(self.notify, said, markup=False, timeout=3)
        if refresh:
            self.call_from_thread(self.refresh_data, True)

    # -- actions -----------------------------------------------------------------

    def action_help(self) -> None:
        from launchtui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
