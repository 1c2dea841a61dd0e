"""Driving real terminals through tmux, shared by the end-to-end tests.

Every call goes to a private tmux server (`-L`, a socket of this test process's own),
never the developer's: no test sees, or kills, anyone else's sessions.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from launchtui.services.rehearsal import TEST_CLOCK

SOCKET = f"launchtui-tests-{os.getpid()}"
TMUX = ("tmux", "-L", SOCKET)


@atexit.register
def _stop_server() -> None:
    """End the private server, and remove the socket file tmux leaves behind."""
    if shutil.which("tmux") is None:
        return
    subprocess.run([*TMUX, "kill-server"], capture_output=True, timeout=10)
    folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
    (folder / SOCKET).unlink(missing_ok=True)


def require_tmux() -> None:
    """Skip where tmux is missing, but fail in CI, whose .ci/run installs it."""
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing; .ci/run should have installed it")
        pytest.skip("tmux is not installed")


def tmux(*args: str) -> str:
    """Run tmux; a new session gets the test's clock hook, whatever the tmux server's
    environment (a server started by an earlier test keeps that test's variables)."""
    if args and args[0] == "new-session" and TEST_CLOCK in os.environ:
        args = (args[0], "-e", f"{TEST_CLOCK}={os.environ[TEST_CLOCK]}", *args[1:])
    return subprocess.run(
        [*TMUX, *args], check=True, capture_output=True, text=True, timeout=10
    ).stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def kill(session: str) -> None:
    subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def wait_for(predicate, timeout: float = 20.0, what: str = "condition", step: float = 0.2):
    """Poll `predicate` until it returns something true; that is returned."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(step)
    raise AssertionError(f"timed out waiting for {what}")
