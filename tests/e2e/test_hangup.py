"""The app outlives no terminal (issue 13): when its terminal goes, it closes and ends.

A TUI whose terminal went (a dropped SSH connection, a killed tmux) used to keep
running, re-parented to init, at a full core: Textual's input thread reads end-of-file
over and over. Here the terminal is taken away for real, and the process must be gone
within seconds, having closed the database: SQLite removes the `-wal` and `-shm` files
when the last connection closes cleanly, and leaves them after a kill.
"""

from __future__ import annotations

import datetime as dt
import os
import select
import shlex
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from launchtui.services.demo import build_demo
from launchtui.services.settings import Settings
from launchtui.services.workspace import Workspace
from launchtui.tui.terminal import HANGUP_EXIT

from .tmux_driver import require_tmux, wait_for

pytestmark = pytest.mark.e2e

TODAY = dt.date(2026, 11, 7)
GONE_WITHIN = 15.0  # seconds; a clean exit takes well under one, the forced one five


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "hangup.db"
    ws = Workspace(Settings.resolve(db=str(path), user="setup", today=TODAY))
    try:
        build_demo(ws)
    finally:
        ws.close()
    return path


def app_command(db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "launchtui",
        "--db",
        str(db),
        "--user",
        "tess",
        "--today",
        TODAY.isoformat(),
    ]


def state(pid: int) -> str | None:
    """The process's state letter (R running, S sleeping, Z zombie…), None once gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return stat.rsplit(")", 1)[1].split()[0]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def assert_ends(pid: int, db: Path) -> None:
    """The process ends (a zombie nobody reaped has ended too) and closed the database."""
    try:
        wait_for(lambda: state(pid) in (None, "Z"), GONE_WITHIN, "the app to end", step=0.1)
    except AssertionError:
        if state(pid) in (None, "Z"):
            raise
        spent = cpu_seconds(pid)
        time.sleep(1)
        busy = cpu_seconds(pid) - spent
        os.kill(pid, 9)
        raise AssertionError(f"the app outlived its terminal, using {busy:.0%} of a core") from None
    left = [p.name for p in db.parent.iterdir() if p.name.startswith(db.name + "-")]
    assert left == [], f"the database was not closed cleanly: {left} left"


# -- tmux: the terminal is killed, SIGHUP ----------------------------------------------


@pytest.fixture
def tmux_server():
    """A private tmux server (its own socket): killing it touches no one else's."""
    require_tmux()
    socket = f"launchtui-hangup-{uuid.uuid4().hex[:8]}"

    def tmux(*args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", socket, *args], check=True, capture_output=True, text=True, timeout=10
        ).stdout

    yield tmux
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, timeout=10)
    # tmux leaves its socket file behind when its last session is killed
    folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
    (folder / socket).unlink(missing_ok=True)


@pytest.mark.parametrize("kill", ["kill-session", "kill-server"])
def test_killing_its_terminal_ends_the_app(tmux_server, db, kill):
    tmux = tmux_server
    # exec: the app is the pane's process, the session leader, as under `ssh -t host launchtui`
    command = "exec " + shlex.join(app_command(db))
    tmux("new-session", "-d", "-s", "app", "-x", "80", "-y", "24", command)
    pid = int(tmux("display-message", "-p", "-t", "app", "#{pane_pid}"))
    wait_for(
        lambda: "of the rollout" in tmux("capture-pane", "-p", "-t", "app"),
        what="the app on screen",
    )
    assert "launchtui" in Path(f"/proc/{pid}/cmdline").read_text()

    tmux(kill, *(["-t", "app"] if kill == "kill-session" else []))
    assert_ends(pid, db)


# -- a pty closed under the app: end of input, no signal at all -------------------------


def test_a_closed_pty_ends_the_app_without_any_signal(db):
    """The pty is not the app's controlling terminal (its own session, no ctty), so
    closing it sends no SIGHUP: only the end of input tells, where Textual spun."""
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux pty hang-up semantics")
    master, slave = os.openpty()
    os.set_blocking(master, False)
    app = subprocess.Popen(
        app_command(db),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"},
    )
    os.close(slave)
    try:
        seen = bytearray()

        def drawn() -> bool:
            while select.select([master], [], [], 0.1)[0]:
                try:
                    chunk = os.read(master, 65536)
                except (BlockingIOError, OSError):
                    break
                if not chunk:
                    break
                seen.extend(chunk)
            return b"of the rollout" in seen

        wait_for(drawn, what="the app on screen", step=0.05)
        os.close(master)
        master = -1
        assert_ends(app.pid, db)
        assert app.wait(timeout=10) == HANGUP_EXIT
    finally:
        if master != -1:
            os.close(master)
        if app.poll() is None:
            app.kill()
            app.wait()
