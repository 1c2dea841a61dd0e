"""The launchtui App: owns the data, polls the database, and does every write off the event loop."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import signal
import threading
import time
from collections.abc import Iterable

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.reactive import var
from textual.screen import Screen

from launchtui.domain.checklist_files import ChecklistError
from launchtui.services.adoption import AdoptionService
from launchtui.services.locations import LocationService
from launchtui.services.sessions import SessionService
from launchtui.services.settings import Settings
from launchtui.services.workspace import NoRollout, UserError, Workspace
from launchtui.startup import resume_collector
from launchtui.store import StoreError
from launchtui.text import i18n
from launchtui.text.i18n import t
from launchtui.text.present import set_ascii
from launchtui.text.schedule_text import next_session_line
from launchtui.text.times import to_next_minute
from launchtui.tui.messages import DataChanged, NoRolloutYet, WriteRequest, Written
from launchtui.tui.screens.main import MainScreen
from launchtui.tui.terminal import HANGUP_EXIT, TerminalWatch, guard_resume, leave_terminal
from launchtui.tui.tui_internals import (
    app_loop,
    draw_ascii,
    open_command_palette,
    retitle_system_commands,
    system_command_words,
)
from launchtui.tui.widgets.translated import N_

POLL_SECONDS = 1.0
REFRESH_AT_LEAST_EVERY = 60.0  # "5 minutes ago" must not go stale


def _launch_commands() -> type[Provider]:
    """Our palette commands, loaded when the palette first opens, not before the first paint."""
    from launchtui.tui.commands import LaunchCommands

    return LaunchCommands


class LaunchApp(App):
    """Timed checklists, issues, the gate and the retro under one status panel, on one database."""

    # App-wide state, watched by the screens (launchtui/tui/state.py): nothing pushes it.
    data: var[DataChanged | None] = var(None, always_update=True)  # the latest load
    lang: var[str] = var("en")  # "en" or "nl"

    CSS_PATH = ["tcss/app.tcss"]
    COMMANDS = App.COMMANDS | {_launch_commands}
    TITLE = "launchtui"
    BINDINGS = [
        Binding("q", "quit", N_("Quit"), id="app.quit"),
        Binding(
            "question_mark",
            "help",
            N_("Help"),
            key_display="?",
            tooltip=N_("Show every key and mark"),
            id="app.help",
        ),
        Binding("ctrl+l", "switch_language", N_("Language"), show=False, id="app.switch_language"),
    ]

    def __init__(
        self, settings: Settings, *, poll: bool = True, workspace: Workspace | None = None
    ) -> None:
        """`workspace`, opened on this thread (the command line's), becomes the UI
        thread's: its checklists are parsed and its database is open already."""
        super().__init__()
        self.settings = settings
        i18n.set_language(settings.lang)
        self.set_reactive(LaunchApp.lang, settings.lang)
        set_ascii(settings.ascii)  # our texts
        if settings.ascii:
            draw_ascii()  # and Textual's borders and scrollbars
        self.poll = poll
        # The UI thread's paged reads (the issue table) and the first load. Only the
        # writer makes the database file, once setup or the demo asks for it: reading
        # never does, so a first run left with Esc leaves nothing behind.
        self.browser = workspace or Workspace(settings, create=False)
        self.browser.create = False
        try:
            checklists = self.browser.checklists
        except ChecklistError:
            checklists = None  # each workspace meets the fault in its turn, and says it
        self._checklists = checklists
        # Only the poll worker's:
        self.reader = Workspace(settings, checklists=checklists, create=False)
        self.writer = Workspace(settings, checklists=checklists)  # write workers', in turn
        self._write_lock = threading.Lock()
        self._reading = threading.Lock()  # the poll worker's load, on `reader`
        # Counts a filter's matches in the issue tab's worker (never on the UI thread).
        self.search_workspace = Workspace(settings, checklists=checklists, create=False)
        self._seen: tuple[int, dt.date] | None = None
        self._last_load = 0.0
        self._frozen = False
        self._first: DataChanged | NoRolloutYet | str | None = None  # until mounted
        self._terminal_watch: TerminalWatch | None = None
        self._hung_up = False
        self._hang_up_lock = threading.Lock()

    def get_default_screen(self) -> Screen:
        """The main screen is the base of the stack: no empty screen to style beneath it.

        The first screen is worth little without its data, and a worker loading it would
        wait for the interpreter behind the first layout (70 ms, measured): it is loaded
        here, uncontended, and shown as the screen mounts.
        """
        self._first = self._load(self.browser, force=True)
        self.main_screen = MainScreen(
            self.settings,
            self.browser,
            self.search_workspace,
            first=self._first if isinstance(self._first, DataChanged) else None,
        )
        return self.main_screen

    def push_screen(self, screen, *args, **kwargs):  # type: ignore[override]
        """Every screen pushed while rehearsing shows the rehearsal banner too."""
        shown = super().push_screen(screen, *args, **kwargs)
        if self.settings.rehearsal:
            self.call_after_refresh(self._rehearsal_banner, self.screen)
        return shown

    def _rehearsal_banner(self, screen: Screen) -> None:
        from launchtui.tui.screens.main import RehearsalBanner

        if screen.is_attached and not screen.query(RehearsalBanner):
            screen.mount(RehearsalBanner(self.settings.db_path, self.settings.clock.today()))

    def _rehearsal_title(self) -> None:
        if self.settings.rehearsal:
            from launchtui.services.rehearsal import banner

            self.sub_title = banner(self.settings.db_path, self.settings.clock.today())

    def on_mount(self) -> None:
        self._rehearsal_title()
        first, self._first = self._first, None
        self.call_after_refresh(self._freeze)  # once the first screen is painted
        if isinstance(first, DataChanged):
            self.set_reactive(LaunchApp.data, first)  # the main screen was built with it
        elif isinstance(first, str):
            self.notify(first, severity="error", markup=False)
        elif first is not None:
            self.post_message(first)
        if self.poll:
            self.set_interval(POLL_SECONDS, self.refresh_data)
            self._wait_for_minute()
        if not self.is_headless:
            self._watch_terminal()

    def _wait_for_minute(self) -> None:
        """Each whole minute, load and draw again: the clock and every "who · when" age
        move on the minute, in every session, also when nothing was written."""
        wait = to_next_minute(dt.datetime.now(dt.UTC))
        self.set_timer(wait + 0.05, self._on_minute)

    def _on_minute(self) -> None:
        self.refresh_data(force=True)
        self._wait_for_minute()

    def on_unmount(self) -> None:
        if self._terminal_watch is not None:
            self._terminal_watch.stop()
        # A worker may still be reading or writing on these connections: closing one
        # under a running query crashed the process (a segfault in SQLite).
        with self._reading:
            self.reader.close()
        with self._write_lock:
            self.writer.close()
        self.browser.close()
        self.search_workspace.close()

    # -- the terminal ------------------------------------------------------------

    def _watch_terminal(self) -> None:
        """End the app when its terminal goes: a hang-up, end of input, a revoked tty.

        Left alone, Textual's input thread spins on end-of-file at a full core and the
        process outlives its terminal with the database open (issue 13).
        """
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGHUP, self.hang_up)
        with contextlib.suppress(ValueError):  # not the main thread: no signals to guard
            guard_resume()
        self._terminal_watch = TerminalWatch(self.hang_up).start()

    def hang_up(self) -> None:
        """The terminal is gone: close down as on `q`, writing nothing to it, and end
        the process with 129 (128 + SIGHUP); forced if that takes more than 5 s.

        Called on the event loop (SIGHUP) or from the terminal watch's thread: the
        deadline is set there too, in case the loop itself is stuck on the dead terminal.
        """
        with self._hang_up_lock:
            if self._hung_up:
                return
            self._hung_up = True
        if not self.is_headless:
            leave_terminal()
        loop = app_loop(self)
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: all done
            loop.call_soon_threadsafe(lambda: self.exit(return_code=HANGUP_EXIT))

    # -- reading -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def refresh_data(self, force: bool = False) -> None:
        """Load the rollout if anything changed: another process's commit, or the date."""
        with self._reading:
            if not self.is_running:
                return  # closing: its connection is (being) closed
            loaded = self._load(self.reader, force)
        if isinstance(loaded, str):
            self.call_from_thread(self.notify, loaded, severity="error", markup=False)
        elif loaded is not None:
            self.post_message(loaded)

    def _load(self, ws: Workspace, force: bool) -> DataChanged | NoRolloutYet | str | None:
        """What to show from `ws`: the data, no rollout yet, a one-line error, or None
        when nothing changed since the last load (and it is not `force`d)."""
        try:
            seen = (ws.store.data_version(), ws.today())
            stale = time.monotonic() - self._last_load > REFRESH_AT_LEAST_EVERY
            if not force and seen == self._seen and not stale:
                return None
            status = ws.status()
            # One count of the unresolved issues serves the panel and the gate beside it.
            open_issues = ws.store.issues.open_counts()
            gate = AdoptionService(ws).gate(
                status.rollout, today=status.today, open_issues=open_issues
            )
        except NoRollout:
            return NoRolloutYet()
        except (StoreError, ChecklistError) as exc:
            return str(exc)
        self._last_load = time.monotonic()
        if ws is self.reader:  # data_version counts per connection: only the poll's compare
            self._seen = seen
        read_only = ws.store.read_only_reason
        locations = tuple(LocationService(ws).statuses(status))
        now = ws.now()  # one instant for the panel's clock, the ages and "in 8 h"
        upcoming = next_session_line(SessionService(ws).next(), now)
        return DataChanged(status, gate, open_issues, now, read_only, locations, upcoming)

    def on_data_changed(self, message: DataChanged) -> None:
        self.data = message  # the screens watching it show it
        self._freeze()

    def _freeze(self) -> None:
        if not self._frozen:
            # What is loaded by now lives as long as the app: keep the collector from
            # walking it again and again (pauses of 30-40 ms every few ticks otherwise),
            # and turn it back on if start-up paused it (launchtui/startup.py).
            self._frozen = True
            resume_collector()

    def on_no_rollout_yet(self, _: NoRolloutYet) -> None:
        from launchtui.tui.screens.setup import SetupScreen

        if not isinstance(self.screen, SetupScreen):
            self.push_screen(SetupScreen(), self._after_setup)

    def _after_setup(self, created: bool | None) -> None:
        if created:
            self.refresh_data(force=True)
        else:
            self.exit()

    # -- writing -----------------------------------------------------------------

    @on(WriteRequest)
    def _on_write_request(self, request: WriteRequest) -> None:
        """Every change the user asks for, from any screen: off the event loop."""
        request.stop()
        if request.own_connection:
            self._export(request)
        else:
            self._write(request)

    @work(thread=True, group="write", exit_on_error=False)
    def _write(self, request: WriteRequest) -> None:
        """One change at a time on the writer workspace (the write lock keeps it so)."""
        try:
            with self._write_lock:
                from launchtui.tui.handlers import perform  # loaded at the first change

                said, result = perform(request, self.writer)
        except (UserError, StoreError) as exc:
            self.call_from_thread(self._refused, request, str(exc))
            return
        self.call_from_thread(self._written, request, said, result)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, request: WriteRequest) -> None:
        """An export (or an import) works on a connection of its own, outside the write
        lock: however long it takes, ticks here and in other sessions go on (WAL readers
        never block; an import writes in short batches)."""
        ws = Workspace(self.settings, checklists=self._checklists)
        try:
            from launchtui.tui.handlers import perform

            said, result = perform(request, ws)
        except (UserError, StoreError, ChecklistError) as exc:
            self.call_from_thread(self._refused, request, str(exc))
            return
        finally:
            ws.close()
        self.call_from_thread(self._written, request, said, result)

    def _refused(self, request: WriteRequest, error: str) -> None:
        """The one place a refused change becomes an error line: the origin's own
        (a form that stays open) or a toast."""
        if request.own_errors and request.origin is not None:
            request.origin.post_message(Written(request, error=error))
        else:
            self.notify(error, severity="error", markup=False)

    def _written(self, request: WriteRequest, said: str | None, result: object) -> None:
        """Committed: the origin hears first (a tick repaints its row at once), then the
        toast, then the reload that brings every view up to date."""
        origin = request.origin
        if origin is not None:
            origin.post_message(Written(request, result=result))
        if said:
            self.notify(said, markup=False, timeout=3)
        if request.refresh:
            if origin is not None:  # queued behind the `Written`: the row first, then the rest
                origin.call_later(self.refresh_data, True)
            else:
                self.refresh_data(True)

    # -- language ----------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Show every text in `lang` ("en" or "nl") from now on: no restart needed."""
        i18n.set_language(lang)
        self._rehearsal_title()
        self.lang = lang  # every screen words its texts again
        self.data = self.data  # and draws the data again in the new language
        # The gate's sentences are worded when it is evaluated: evaluate it again.
        self.refresh_data(force=True)

    def action_switch_language(self) -> None:
        lang = "en" if i18n.language() == "nl" else "nl"
        self.set_language(lang)
        self.notify(t("Language: {name}", name=i18n.LANG_NAMES[lang]), timeout=2)

    def action_command_palette(self) -> None:
        open_command_palette(self, t("Search for commands…"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands (theme, quit, keys…) in the current language, and ours."""
        yield from retitle_system_commands(
            super().get_system_commands(screen), system_command_words()
        )
        yield SystemCommand(
            t("Language"),
            t("Switch between English and Dutch (ctrl+l)"),
            self.action_switch_language,
        )

    # -- actions -----------------------------------------------------------------

    def action_help(self) -> None:
        from launchtui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
