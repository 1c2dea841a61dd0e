"""The app in a real terminal: open at 80x24 in tmux, tick, quit, find the tick, reopen."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from launchtui.domain.clock import Clock
from launchtui.domain.rollout import Actor
from launchtui.settings import Settings
from launchtui.workspace import Workspace

pytestmark = pytest.mark.e2e

TODAY = "2026-11-07"


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", *args], check=True, capture_output=True, text=True, timeout=10
    ).stdout


def wait_for(predicate, timeout: float = 20.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def session():
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing; .ci/run should have installed it")
        pytest.skip("tmux is not installed")
    name = f"launchtui-test-{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def open_app(session: str, db: Path, *, new: bool) -> None:
    command = shlex.join(
        [sys.executable, "-m", "launchtui", "--db", str(db), "--user", "tess", "--today", TODAY]
    )
    script = f"{command}; echo LAUNCHTUI-EXITED; sleep 60"
    if new:
        tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", script)
    else:
        tmux("respawn-pane", "-k", "-t", session, script)


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def test_tick_in_a_real_terminal_lands_in_the_database(session, tmp_path):
    db = tmp_path / "e2e.db"
    settings = Settings(db, Actor("setup", "setup"), clock=Clock(fixed_today=None))
    seed = subprocess.run(
        [sys.executable, "-m", "launchtui", "--db", str(db), "--today", TODAY, "demo", "--no-open"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert seed.returncode == 0, seed.stderr

    open_app(session, db, new=True)
    first = wait_for(lambda: "due today" in screen(session) and screen(session), what="the app")
    assert "Acme CRM" in first and "day 4 after launch" in first
    assert "›" in first  # the cursor sits on an item

    tmux("send-keys", "-t", session, "space")

    def ticked_by_tess():
        ws = Workspace(settings)
        try:
            return [e for e in ws.store.history() if e.actor.name == "tess"]
        finally:
            ws.close()

    events = wait_for(ticked_by_tess, what="the tick in the database")
    assert [e.action for e in events] == ["tick"]
    key = events[0].key
    wait_for(lambda: "tess ·" in screen(session), what="the tick on screen")

    tmux("send-keys", "-t", session, "q")
    wait_for(lambda: "LAUNCHTUI-EXITED" in screen(session), what="the app to quit")

    status = subprocess.run(
        [
            sys.executable,
            "-m",
            "launchtui",
            "--db",
            str(db),
            "--today",
            TODAY,
            "checklist",
            "--window",
            "first-week",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert f'"key": "{key}"' in status.stdout
    assert '"by": "tess"' in status.stdout

    open_app(session, db, new=False)
    reopened = wait_for(lambda: "tess ·" in screen(session) and screen(session), what="reopen")
    assert "Acme CRM" in reopened
