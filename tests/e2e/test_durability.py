"""An acknowledged tick survives the app being killed: `kill -9`, or the SSH line dropping.

The TUI runs in tmux as a coordinator would over SSH. Space ticks the highlighted item;
once another connection reads the tick from the database, it is acknowledged. Then the
app dies without a chance to clean up: SIGKILL, or SIGHUP as when the connection drops
(`tmux kill-session` hangs up the pane). The database must then pass `integrity_check`
and still hold the tick.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import signal
import sys
import uuid
from pathlib import Path

import pytest

from launchtui.services.demo import build_demo
from launchtui.services.settings import Settings
from launchtui.services.workspace import Workspace
from launchtui.store import Store
from launchtui.store.database import sidecars

from .tmux_driver import kill, require_tmux, tmux, wait_for

pytestmark = pytest.mark.e2e

TODAY = dt.date(2026, 11, 7)
USER = "kim"


@pytest.fixture
def session():
    require_tmux()
    name = f"launchtui-durable-{uuid.uuid4().hex[:8]}"
    yield name
    kill(name)


def demo_database(path: Path) -> None:
    """What `launchtui demo --no-open` makes, built in-process (faster than a subprocess)."""
    ws = Workspace(Settings.resolve(db=str(path), user="setup", today=TODAY))
    try:
        build_demo(ws)
    finally:
        ws.close()


def ticks_by(db: Path, user: str | None) -> list:
    """`user`'s tick events (everyone's for None), read by a connection of our own."""
    store = Store.open(db, read_only=True)  # what another connection sees is acknowledged
    try:
        return [e for e in store.history() if user is None or e.actor.name == user]
    finally:
        store.close()


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:  # gone (ENOENT), or going while we read (ESRCH)
        return False


@pytest.mark.parametrize("death", ["kill -9", "hangup"])
def test_an_acknowledged_tick_survives_the_app_dying(session, tmp_path, death):
    db = tmp_path / "shared.db"
    demo_database(db)
    before = {e.id for e in ticks_by(db, None)}
    app = [sys.executable, "-m", "launchtui", "--db", str(db), "--user", USER]
    command = "exec " + shlex.join([*app, "--today", TODAY.isoformat()])  # the pane IS the app
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    pid = int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())
    wait_for(lambda: "of the rollout" in tmux("capture-pane", "-p", "-t", session), what="the app")

    tmux("send-keys", "-t", session, "space")
    acknowledged = wait_for(lambda: ticks_by(db, USER), what="the tick in the database")
    assert [e.action for e in acknowledged] == ["tick"]
    assert sidecars(db)[0].stat().st_size > 0  # the tick sits in the -wal, not checkpointed yet

    if death == "kill -9":
        os.kill(pid, signal.SIGKILL)
    else:
        tmux("kill-session", "-t", session)  # SIGHUP, as when the SSH connection drops
    wait_for(lambda: not alive(pid), timeout=10, what=f"the app to die of {death}")

    raw = Store.open(db, read_only=True)
    try:
        assert raw.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        raw.close()
    store = Store.open(db)  # and the next coordinator opens it as usual
    try:
        after = [e for e in store.history() if e.id not in before]
        assert [(e.key, e.action, e.actor.name) for e in after] == [
            (acknowledged[0].key, "tick", USER)
        ]
    finally:
        store.close()
