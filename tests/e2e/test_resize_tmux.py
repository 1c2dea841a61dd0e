"""The status panel in a real terminal that is resized: 80x24 -> 120x40 -> 80x24 (issue 16).

Each time the panel is read off the screen: it must lay itself out again for the new
width (at 120 columns no line cut at column 80; back at 80 columns as many lines as
at the start, not wrapped).
"""

from __future__ import annotations

import shlex
import sys
import uuid
from pathlib import Path

import pytest

from launchtui.services.demo import build_demo
from launchtui.services.settings import Settings
from launchtui.services.workspace import Workspace

from .tmux_driver import kill, require_tmux, screen, tmux, wait_for

pytestmark = pytest.mark.e2e

TODAY = "2026-11-07"
RULE = "─" * 20  # the rule under the panel


@pytest.fixture
def session():
    require_tmux()
    name = f"launchtui-resize-{uuid.uuid4().hex[:8]}"
    yield name
    kill(name)


def panel(session: str) -> list[str]:
    """The panel's lines: everything above the rule, trailing blanks dropped."""
    lines = screen(session).splitlines()
    below = next(n for n, line in enumerate(lines) if RULE in line)
    return [line.rstrip() for line in lines[:below]]


def resize(session: str, columns: int, rows: int) -> list[str]:
    tmux("resize-window", "-t", session, "-x", str(columns), "-y", str(rows))

    def drawn():
        lines = screen(session).splitlines()
        rule = next((line for line in lines if RULE in line), "")
        return len(lines) == rows and len(rule.rstrip()) == columns and panel(session)

    try:
        return wait_for(drawn, what=f"the app redrawn at {columns}x{rows}")
    except AssertionError:
        print(screen(session))  # what was on screen instead, for the report
        raise


def test_the_panel_lays_itself_out_again_on_each_resize(session, tmp_path: Path):
    db = tmp_path / "resize.db"
    ws = Workspace(Settings.resolve(db=str(db), user="setup", today=None))
    try:
        build_demo(ws)
    finally:
        ws.close()
    command = shlex.join(
        [sys.executable, "-m", "launchtui", "--db", str(db), "--user", "ana", "--today", TODAY]
    )
    # COLUMNS and LINES, when set (the test run's environment can carry them into the
    # tmux server), pin the size Textual reads: the app must read the terminal's own.
    script = f"env -u COLUMNS -u LINES {command}; sleep 60"
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", script)
    tmux("set-option", "-t", session, "window-size", "manual")
    wait_for(lambda: "of the rollout" in screen(session), what="the app")
    first = resize(session, 80, 24)
    assert "GATE" in "\n".join(first)

    wide = resize(session, 120, 40)
    assert "GATE" in "\n".join(wide)
    assert not any(len(line) <= 80 and line.endswith("…") for line in wide), wide
    assert len(wide) <= len(first)

    again = resize(session, 80, 24)
    assert len(again) == len(first), (first, again)
    assert all(len(line) <= 80 for line in again)
