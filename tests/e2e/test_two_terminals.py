"""Two coordinators, two terminals, one database: each sees the other's tick within 2 s.

Two tmux sessions run the TUI on the same file as two users, as two local champions
would over SSH. A tick made in one must show in the other (it polls `data_version`
once a second) within two seconds of reaching the database; and the other way round.
"""

from __future__ import annotations

import datetime as dt
import shlex
import sys
import time
import uuid
from pathlib import Path

import pytest

from launchtui.demo import build_demo
from launchtui.settings import Settings
from launchtui.store import Store
from launchtui.workspace import Workspace

from .tmux_driver import kill, require_tmux, screen, tmux, wait_for

pytestmark = pytest.mark.e2e

TODAY = dt.date(2026, 11, 7)
LIVE_WITHIN = 2.0  # seconds from the commit to the other screen


@pytest.fixture
def sessions():
    require_tmux()
    names = [f"launchtui-pair-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    yield names
    for name in names:
        kill(name)


def last_event(db: Path, user: str):
    store = Store.open(db, read_only=True)
    try:
        events = [e for e in store.history() if e.actor.name == user]
        return events[-1] if events else None
    finally:
        store.close()


def test_a_tick_in_one_terminal_shows_in_the_other(sessions, tmp_path):
    db = tmp_path / "shared.db"
    ws = Workspace(Settings.resolve(db=str(db), user="setup", today=TODAY))
    try:
        build_demo(ws)
    finally:
        ws.close()
    (zoe, yan) = sessions
    for session, user in ((zoe, "zoe"), (yan, "yan")):
        app = [sys.executable, "-m", "launchtui", "--db", str(db), "--user", user]
        command = shlex.join([*app, "--today", TODAY.isoformat()])
        tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    for session in sessions:
        wait_for(lambda s=session: "due today" in screen(s), what=f"the app in {session}")
    assert "zoe ·" not in screen(yan)

    # Zoe ticks the highlighted item; Yan's screen shows it.
    tmux("send-keys", "-t", zoe, "space")
    ticked = wait_for(lambda: last_event(db, "zoe"), what="zoe's tick in the database", step=0.05)
    committed = time.monotonic()
    wait_for(lambda: "zoe ·" in screen(yan), timeout=LIVE_WITHIN, what="zoe's tick on yan's screen")
    assert time.monotonic() - committed < LIVE_WITHIN
    assert ticked.action == "tick"
    wait_for(lambda: "zoe ·" in screen(zoe), what="zoe's tick on her own screen")

    # Yan's cursor is on the same item: space takes the tick back; Zoe's screen follows.
    tmux("send-keys", "-t", yan, "space")
    untick = wait_for(
        lambda: (e := last_event(db, "yan")) and e.action == "untick" and e,
        what="yan's untick in the database",
        step=0.05,
    )
    assert untick.key == ticked.key
    committed = time.monotonic()
    wait_for(
        lambda: "zoe ·" not in screen(zoe), timeout=LIVE_WITHIN, what="yan's untick on zoe's screen"
    )
    assert time.monotonic() - committed < LIVE_WITHIN
