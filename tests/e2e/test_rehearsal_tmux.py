"""A rehearsal end to end in real terminals (issue 14): the banner with the pretend date at
80x24 in English and Dutch, ticks and notes and issues go to the copy, the shared file is
unchanged byte for byte, and `rehearsal discard` removes the copy.

The tests' clock hook makes 2026-11-07 the real date; `--today 2026-11-10` rehearses.
"""

from __future__ import annotations

import datetime as dt
import shlex
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from launchtui.domain.rollout import Actor
from launchtui.services.demo import build_demo
from launchtui.services.rehearsal import copy_path
from launchtui.services.settings import Settings, os_login
from launchtui.services.workspace import Workspace
from launchtui.store.driver import sqlite3

from .tmux_driver import TMUX, kill, require_tmux, screen, tmux, wait_for

pytestmark = pytest.mark.e2e

TODAY = dt.date(2026, 11, 7)
PRETEND = "2026-11-10"


@pytest.fixture
def session():
    require_tmux()
    name = f"launchtui-rehearsal-{uuid.uuid4().hex[:8]}"
    yield name
    kill(name)


def snapshot(db: Path) -> dict[str, bytes]:
    files = [db, db.with_name(db.name + "-wal")]
    return {path.name: path.read_bytes() for path in files if path.exists()}


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def launchtui(db: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "launchtui", "--db", str(db), "--user", "bob", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=30)


def gone(session: str) -> bool:
    found = subprocess.run([*TMUX, "has-session", "-t", session], capture_output=True)
    return found.returncode != 0


def open_app(session: str, db: Path, lang: str, banner: str) -> str:
    app = [sys.executable, "-m", "launchtui", "--db", str(db), "--user", "bob", "--lang", lang]
    command = "exec " + shlex.join([*app, "--today", PRETEND])
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    return wait_for(lambda: banner in screen(session) and screen(session), what="the banner")


BOBS_TICKS = "SELECT count(*) FROM tick_events WHERE user = 'bob'"
BOBS_NOTES = "SELECT count(*) FROM retro_notes WHERE author = 'bob'"
BOBS_ISSUES = "SELECT count(*) FROM issues WHERE title = 'rehearsed outage'"


def test_a_rehearsal_session_leaves_the_shared_file_as_it_was(session, tmp_path):
    db = tmp_path / "shared.db"
    ws = Workspace(Settings.resolve(db=str(db), user="setup", today=TODAY))
    try:
        build_demo(ws)
    finally:
        ws.close()
    before = snapshot(db)
    copy = copy_path(db, Actor("bob", os_login()))  # bob's own copy

    shown = open_app(session, db, "en", "REHEARSAL 2026-11-10,")
    assert f"REHEARSAL 2026-11-10, not the shared database: {copy.name}" in shown
    tmux("send-keys", "-t", session, "space")
    wait_for(lambda: count(copy, BOBS_TICKS) == 1, what="bob's tick in the copy")
    tmux("send-keys", "-t", session, "C-n")
    wait_for(lambda: "REHEARSAL" in screen(session), what="the quick note")
    tmux("send-keys", "-t", session, "-l", "rehearsed")
    tmux("send-keys", "-t", session, "Enter")
    wait_for(lambda: count(copy, BOBS_NOTES) == 1, what="bob's note in the copy")
    tmux("send-keys", "-t", session, "q")
    wait_for(lambda: gone(session), what="the app to quit")

    # a later rehearsal command works on the same copy, and says so once on stderr
    added = launchtui(
        db, "--today", PRETEND, "issue", "add", "--title", "rehearsed outage", "--severity", "major"
    )
    assert added.returncode == 0, added.stderr
    assert added.stderr.count(f"REHEARSAL in {copy}, your copy of {db}") == 1
    assert count(copy, BOBS_TICKS) == 1 and count(copy, BOBS_ISSUES) == 1

    assert snapshot(db) == before
    for sql in (BOBS_TICKS, BOBS_NOTES, BOBS_ISSUES):
        assert count(db, sql) == 0

    discarded = launchtui(db, "rehearsal", "discard")
    assert discarded.returncode == 0, discarded.stderr
    assert not copy.exists()
    again = launchtui(db, "rehearsal", "discard")
    assert again.returncode == 1
    assert again.stderr.strip().splitlines() == [
        f"Error: no rehearsal to discard ({copy} does not exist)"
    ]


def test_the_dutch_banner_fits_80x24(session, tmp_path):
    db = tmp_path / "shared.db"
    ws = Workspace(Settings.resolve(db=str(db), user="setup", today=TODAY))
    try:
        build_demo(ws)
    finally:
        ws.close()
    shown = open_app(session, db, "nl", "REPETITIE 2026-11-10,")
    first = shown.splitlines()[0]
    copy = copy_path(db, Actor("bob", os_login())).name
    assert first.strip() == f"REPETITIE 2026-11-10, niet de gedeelde database: {copy}"
    assert len(shown.splitlines()) <= 24
