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

from launchtui.services.demo import build_demo
from launchtui.services.settings import Settings
from launchtui.services.workspace import Workspace
from launchtui.store import Store

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
        wait_for(lambda s=session: "of the rollout" in screen(s), what=f"the app in {session}")
    assert "zoe ·" not in screen(yan)

    # Zoe ticks the highlighted item; Yan's screen shows it.
    tmux("send-keys", "-t", zoe, "space")
    ticked = wait_for(lambda: last_event(db, "zoe"), what="zoe's tick in the database", step=0.05)
    committed = time.monotonic()
    wait_for(lambda: "zoe ·" in screen(yan), timeout=LIVE_WITHIN, what="zoe's tick on yan's screen")
    assert time.monotonic() - committed < LIVE_WITHIN
    assert ticked.action == "tick"
    wait_for(lambda: "zoe ·" in screen(zoe), what="zoe's tick on her own screen")

    # Yan's cursor is on the same item: space asks (it is zoe's tick), y takes it back;
    # Zoe's screen follows.
    tmux("send-keys", "-t", yan, "space")
    wait_for(lambda: "Untick" in screen(yan), what="the question on yan's screen")
    tmux("send-keys", "-t", yan, "y")
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


def latest_notes(db: Path, key: str):
    store = Store.open(db, read_only=True)
    try:
        return store.notes(key)
    finally:
        store.close()


def history_text(db: Path, key: str) -> str:
    import subprocess

    command = [sys.executable, "-m", "launchtui", "--db", str(db), "--today", TODAY.isoformat()]
    done = subprocess.run(
        [*command, "history", key], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


def test_ana_ticks_bob_notes_and_bobs_undo_removes_only_his_note(sessions, tmp_path):
    """Issue 14: Bob's note on Ana's tick used to re-record the tick as his, and his `u`
    then took back "his tick". Now the row keeps saying ana throughout. (The sample
    rollout has ticks by "ana" and "bob" already: these two are "ana-k" and "bob-k".)"""
    db = tmp_path / "shared.db"
    ws = Workspace(Settings.resolve(db=str(db), user="setup", today=TODAY))
    try:
        build_demo(ws)
    finally:
        ws.close()
    (ana, bob) = sessions
    for session, user in ((ana, "ana-k"), (bob, "bob-k")):
        app = [sys.executable, "-m", "launchtui", "--db", str(db), "--user", user]
        command = shlex.join([*app, "--today", TODAY.isoformat()])
        tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "24", command)
    for session in sessions:
        wait_for(lambda s=session: "of the rollout" in screen(s), what=f"the app in {session}")

    tmux("send-keys", "-t", ana, "space")
    ticked = wait_for(lambda: last_event(db, "ana-k"), what="ana's tick in the database", step=0.05)
    wait_for(lambda: "ana-k ·" in screen(bob), what="ana's tick on bob's screen")

    # Bob's cursor is on the same item: `n` adds his note; the tick stays Ana's.
    tmux("send-keys", "-t", bob, "n")
    wait_for(lambda: "Add a note" in screen(bob), what="the note prompt on bob's screen")
    tmux("send-keys", "-t", bob, "-l", "checked with IT")
    tmux("send-keys", "-t", bob, "Enter")
    notes = wait_for(lambda: latest_notes(db, ticked.key), what="bob's note in the database")
    assert [(n.actor.name, n.text) for n in notes] == [("bob-k", "checked with IT")]
    wait_for(lambda: "Note saved" in screen(bob), what="bob's note saved")
    wait_for(lambda: "ana-k ·" in screen(bob), what="ana's tick still on bob's row")
    assert "bob-k ·" not in screen(bob)
    assert last_event(db, "bob-k") is None, "a note is no tick"
    said = history_text(db, ticked.key)
    assert "bob-k" in said and '"checked with IT"' in said and "note" in said

    # Bob's `u` removes his note, and only that.
    tmux("send-keys", "-t", bob, "u")
    wait_for(lambda: "Undid your note" in screen(bob), what="the undo on bob's screen")
    assert [n.undo_of for n in latest_notes(db, ticked.key)] == [None, notes[0].id]
    assert last_event(db, "bob-k") is None
    store = Store.open(db, read_only=True)
    try:
        assert store.latest(ticked.key) == ticked
    finally:
        store.close()
    # The toast may cover the row's right end for a moment: wait until it has gone.
    wait_for(lambda: "ana-k ·" in screen(bob), what="ana's tick still on bob's row")
    assert "bob-k ·" not in screen(bob)
    assert "ana-k ·" in screen(ana)
