"""The app in a real terminal: open at 80x24 in tmux, tick, quit, find the tick, reopen."""

from __future__ import annotations

import shlex
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from launchtui.domain.clock import Clock
from launchtui.domain.rollout import Actor
from launchtui.services.settings import Settings
from launchtui.services.workspace import Workspace

from .tmux_driver import kill, require_tmux, screen, tmux, wait_for

pytestmark = pytest.mark.e2e

TODAY = "2026-11-07"


@pytest.fixture
def session():
    require_tmux()
    name = f"launchtui-test-{uuid.uuid4().hex[:8]}"
    yield name
    kill(name)


def open_app(session: str, db: Path, *, new: bool) -> None:
    command = shlex.join(
        [sys.executable, "-m", "launchtui", "--db", str(db), "--user", "tess", "--today", TODAY]
    )
    script = f"{command}; echo LAUNCHTUI-EXITED; sleep 60"
    if new:
        tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", script)
    else:
        tmux("respawn-pane", "-k", "-t", session, script)


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
    first = wait_for(
        lambda: "of the rollout" in screen(session) and screen(session), what="the app"
    )
    assert "Acme CRM" in first and "day 18 of the rollout" in first
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
            "each-week-after",
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
