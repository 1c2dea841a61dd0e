"""The TUI's terminal (issue 13): refused without one, and left when it goes away.

`ssh host launchtui` without -t drew into pipes, and once the client went the process
spun at a full core with the database open. These pin the pieces: the start-up check,
the watch that notices a hang-up or end of input, the SIGCONT guard, the way out.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from launchtui.services.workspace import UserError
from launchtui.text import i18n
from launchtui.tui.terminal import (
    HANGUP_EXIT,
    TerminalWatch,
    guard_resume,
    is_terminal,
    require_terminal,
)

ON_LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="poll() on ttys")


class Stream:
    def __init__(self, tty: bool | Exception) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        if isinstance(self.tty, Exception):
            raise self.tty
        return self.tty


TTY, PIPE = Stream(True), Stream(False)


@pytest.fixture
def dutch() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("nl")
    yield
    i18n.set_language(before)


# -- require_terminal -------------------------------------------------------------------


def test_two_terminals_pass():
    require_terminal(TTY, TTY)


@pytest.mark.parametrize(
    ("stdin", "stdout"),
    [
        (PIPE, TTY),  # ssh host launchtui: input from the connection
        (TTY, PIPE),  # launchtui | less
        (PIPE, PIPE),
        (None, TTY),  # no stdin at all (pythonw, closed by a daemon)
        (TTY, None),
        (io.StringIO(), TTY),  # click's test runner, a redirected file
        (Stream(ValueError("I/O operation on closed file")), TTY),
        (TTY, Stream(OSError("gone"))),
        (object(), TTY),  # no isatty at all
    ],
)
def test_anything_but_two_terminals_is_refused_with_one_line(stdin, stdout):
    with pytest.raises(UserError) as refused:
        require_terminal(stdin, stdout)
    message = str(refused.value)
    assert message == "the TUI needs a terminal: over SSH, connect with `ssh -t`"
    assert "\n" not in message


def test_the_refusal_in_dutch(dutch):
    with pytest.raises(UserError, match=r"^de TUI heeft een terminal nodig: .*`ssh -t`$"):
        require_terminal(PIPE, TTY)


def test_is_terminal_on_real_descriptors():
    master, slave = os.openpty()
    read, write = os.pipe()
    try:
        with open(slave, closefd=False) as tty, open(read, closefd=False) as pipe:
            assert is_terminal(tty)
            assert not is_terminal(pipe)
    finally:
        for fd in (master, slave, read, write):
            os.close(fd)


# -- the watch ----------------------------------------------------------------------------


def watch(fds: list[int]) -> tuple[TerminalWatch, threading.Event]:
    gone = threading.Event()
    return TerminalWatch(gone.set, fds=fds, interval=0.05).start(), gone


def test_end_of_input_on_a_pipe_is_noticed():
    read, write = os.pipe()
    try:
        watcher, gone = watch([read])
        assert not gone.wait(0.2)  # an open pipe with nothing in it: still there
        os.write(write, b"q")
        assert not gone.wait(0.2)  # a key waiting to be read is no hang-up either
        os.close(write)
        write = -1
        assert gone.wait(5)
        watcher.stop()
    finally:
        os.close(read)
        if write != -1:
            os.close(write)


@ON_LINUX
def test_a_closed_pty_is_noticed():
    master, slave = os.openpty()
    try:
        watcher, gone = watch([slave])
        assert not gone.wait(0.2)
        os.close(master)
        master = -1
        assert gone.wait(5)
        watcher.stop()
    finally:
        os.close(slave)
        if master != -1:
            os.close(master)


def test_a_stopped_watch_says_nothing():
    read, write = os.pipe()
    try:
        watcher, gone = watch([read])
        watcher.stop()
        time.sleep(0.1)  # let the thread see the stop before the pipe closes
        os.close(write)
        write = -1
        assert not gone.wait(0.3)
    finally:
        os.close(read)
        if write != -1:
            os.close(write)


def test_a_closed_descriptor_is_not_watched():
    read, write = os.pipe()
    os.close(read)
    os.close(write)
    watcher = TerminalWatch(lambda: None, fds=[read])
    assert not watcher.gone()


# -- SIGCONT ------------------------------------------------------------------------------


@pytest.fixture
def sigcont() -> Iterator[list[int]]:
    """A stand-in for Textual's SIGCONT handler, recording its calls; put back after."""
    before = signal.getsignal(signal.SIGCONT)
    calls: list[int] = []
    signal.signal(signal.SIGCONT, lambda signum, frame: calls.append(signum))
    yield calls
    signal.signal(signal.SIGCONT, before)


def continued(calls: list[int]) -> bool:
    os.kill(os.getpid(), signal.SIGCONT)
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and not calls:
        time.sleep(0.01)  # the handler runs on the main thread between bytecodes
    return bool(calls)


def test_sigcont_reaches_textual_while_the_terminal_lives(sigcont):
    master, slave = os.openpty()
    try:
        guard_resume(slave)
        assert continued(sigcont)
    finally:
        os.close(master)
        os.close(slave)


@ON_LINUX
def test_sigcont_after_a_hang_up_does_not_restart_on_the_dead_terminal(sigcont):
    master, slave = os.openpty()
    guard_resume(slave)
    os.close(master)  # the slave is hung up: no longer a terminal
    try:
        assert not continued(sigcont)
    finally:
        os.close(slave)


def test_sigcont_guard_is_installed_once(sigcont):
    read, write = os.pipe()
    try:
        guard_resume(read)
        guarded = signal.getsignal(signal.SIGCONT)
        guard_resume(read)
        assert signal.getsignal(signal.SIGCONT) is guarded
    finally:
        os.close(read)
        os.close(write)


# -- the way out --------------------------------------------------------------------------

LEAVE = """
import sys, time
from launchtui.tui.terminal import leave_terminal
print("before", flush=True)
leave_terminal(grace={grace}, code={code})
print("after: to /dev/null", flush=True)
print("after: to /dev/null", file=sys.stderr, flush=True)
time.sleep(30)  # stuck on the way out: the deadline ends it
"""


def test_leaving_the_terminal_writes_nowhere_and_ends_a_stuck_process():
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", LEAVE.format(grace=0.3, code=HANGUP_EXIT)],
        capture_output=True,
        text=True,
        timeout=25,
    )
    assert done.returncode == HANGUP_EXIT
    assert done.stdout == "before\n"
    assert done.stderr == ""
    assert time.monotonic() - started < 20


# -- the app ------------------------------------------------------------------------------


async def test_the_app_closes_with_129_when_its_terminal_goes(workspace):
    from launchtui.tui.app import LaunchApp

    app = LaunchApp(workspace.settings, poll=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.hang_up()
        app.hang_up()  # SIGHUP and the watch may both report it: once is enough
        await pilot.pause()
    assert app.return_code == HANGUP_EXIT
