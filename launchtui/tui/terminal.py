"""The TUI's terminal: refuse to start without one, and notice when it goes away.

Over SSH without `-t` there is no terminal: the TUI would draw into pipes, and when the
client went, Textual's input thread would read end-of-file over and over (its loop
`break`s out of one batch of events on an empty read and selects again, at once) and
spin at a full core, holding the database open, until someone killed it. So the TUI
refuses to start on anything but a terminal, and a running TUI watches its terminal:
a hang-up (SIGHUP), end of input, or the terminal no longer being one ends it.

No Textual here: the command line checks before it imports the app.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterable

from launchtui.services.workspace import UserError
from launchtui.text.i18n import t

HANGUP_EXIT = 129  # 128 + SIGHUP: what a shell reports for a job whose terminal hung up
GRACE_SECONDS = 5.0  # a clean exit after a hang-up takes well under a second
WATCH_SECONDS = 1.0  # how often the watch looks again when nothing woke it

# Always reported by poll(): the other end is gone, an error, or the descriptor closed.
_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL if hasattr(select, "poll") else 0
# A socket on stdin (sshd can use one) whose other end stopped sending.
_RDHUP = getattr(select, "POLLRDHUP", 0)


def is_terminal(stream: object) -> bool:
    """True when `stream` is an open terminal; None, closed or odd streams are not."""
    isatty = getattr(stream, "isatty", None)
    if not callable(isatty):
        return False
    try:
        return bool(isatty())
    except (OSError, ValueError):  # ValueError: I/O operation on closed file
        return False


def require_terminal(stdin: object, stdout: object) -> None:
    """Raise UserError (one line) unless both standard input and output are terminals."""
    if not (is_terminal(stdin) and is_terminal(stdout)):
        raise UserError(t("the TUI needs a terminal: over SSH, connect with `ssh -t`"))


class TerminalWatch:
    """Calls `on_gone` once, from its own thread, when the terminal goes away.

    Gone means: poll() reports a hang-up or an error on standard input, output or error
    (a closed pty, a dropped SSH connection, a pipe whose writer went), or one of them
    that was a terminal is one no more (a revoked tty). Nothing is read: the keys stay
    Textual's. It sleeps in poll() and wakes once every `interval` seconds.
    """

    def __init__(
        self,
        on_gone: Callable[[], object],
        fds: Iterable[int] = (0, 1, 2),
        interval: float = WATCH_SECONDS,
    ) -> None:
        self._on_gone = on_gone
        self._fds = [fd for fd in fds if _is_open(fd)]
        self._ttys = [fd for fd in self._fds if os.isatty(fd)]
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="launchtui-terminal", daemon=True)
        self._poll = None
        if _GONE and sys.platform.startswith("linux"):  # macOS's poll() fails on ttys
            self._poll = select.poll()
            for fd in self._fds:
                self._poll.register(fd, _RDHUP if fd == 0 else 0)

    def start(self) -> TerminalWatch:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Watch no more (the app is closing anyway); returns at once."""
        self._stop.set()

    def gone(self, timeout: float = 0.0) -> bool:
        """Is the terminal gone? Waits up to `timeout` seconds for it to go."""
        if self._poll is not None:
            try:
                events = self._poll.poll(timeout * 1000)
            except InterruptedError:  # pragma: no cover - Python retries since 3.5
                events = []
            if any(mask & (_GONE | _RDHUP) for _, mask in events):
                return True
        elif timeout:
            self._stop.wait(timeout)
        return any(not os.isatty(fd) for fd in self._ttys)

    def _run(self) -> None:
        while not self._stop.is_set():
            if self.gone(self._interval):
                if not self._stop.is_set():
                    self._on_gone()
                return


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def guard_resume(fd: int = 0) -> None:
    """Let the SIGCONT handler in place (Textual's) run only while `fd` is a terminal.

    Textual starts its terminal mode again on every SIGCONT, and a hang-up brings one:
    the kernel sends SIGHUP and SIGCONT together. Restarting on the dead terminal, from
    inside a signal handler, left the app stuck on its own output queue or crashing on
    the way out. Call from the main thread, after the driver has started.
    """
    handler = signal.getsignal(signal.SIGCONT)
    if not callable(handler) or getattr(handler, "launchtui_guard", False):
        return

    def on_continue(signum: int, frame: object) -> None:
        if os.isatty(fd):
            handler(signum, frame)

    on_continue.launchtui_guard = True  # type: ignore[attr-defined]
    signal.signal(signal.SIGCONT, on_continue)


def leave_terminal(grace: float = GRACE_SECONDS, code: int = HANGUP_EXIT) -> None:
    """The terminal is gone: let the way out neither fail nor block on it.

    Standard input, output and error are pointed at /dev/null, so the escape codes that
    restore a terminal, and the last flush, go nowhere instead of failing. Should the
    process still be alive `grace` seconds later (a thread stuck on the dead terminal),
    it ends there with `code`: SQLite keeps every committed change, as after a crash.
    """
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            with contextlib.suppress(OSError):
                os.dup2(null, fd)
        if null > 2:
            os.close(null)

    def end() -> None:
        os._exit(code)

    timer = threading.Timer(grace, end)
    timer.daemon = True
    timer.name = "launchtui-hangup-deadline"
    timer.start()
