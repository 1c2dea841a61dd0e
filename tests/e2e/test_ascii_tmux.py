"""ASCII on terminals that cannot draw our symbols, read from a real terminal (tmux):
vt100, NO_COLOR, LANG=C (where Python still reports UTF-8) and a Latin-1 locale. Every
glyph on screen, ours and Textual's (the rule, the scrollbar, the footer), is ASCII."""

from __future__ import annotations

import shlex
import subprocess
import sys
import uuid

import pytest

from .tmux_driver import kill, require_tmux, screen, tmux, wait_for

pytestmark = pytest.mark.e2e

TODAY = "2026-11-07"
UNSET = ("LC_ALL", "LC_CTYPE", "LANG", "NO_COLOR", "PYTHONUTF8")


@pytest.fixture
def demo(tmp_path):
    db = tmp_path / "demo.db"
    seed = subprocess.run(
        [sys.executable, "-m", "launchtui", "--db", str(db), "--today", TODAY, "demo", "--no-open"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert seed.returncode == 0, seed.stderr
    return db


def _drawn(text: str, *needles: str) -> str | None:
    """`text` once it shows every one of `needles`."""
    return text if all(needle in text for needle in needles) else None


@pytest.mark.parametrize(
    "env",
    [
        {"TERM": "vt100", "LANG": "C.UTF-8"},
        {"NO_COLOR": "1", "LANG": "C.UTF-8"},
        {"LANG": "C"},
        {"LC_ALL": "en_US.ISO-8859-1"},
    ],
    ids=["vt100", "NO_COLOR", "LANG=C", "Latin-1"],
)
def test_every_glyph_is_ascii(demo, env):
    require_tmux()
    session = f"launchtui-ascii-{uuid.uuid4().hex[:8]}"
    app = [sys.executable, "-m", "launchtui", "--db", str(demo), "--user", "tess"]
    unset = [arg for name in UNSET for arg in ("-u", name)]
    settings = [f"{name}={value}" for name, value in env.items()]
    command = shlex.join(["env", *unset, *settings, *app, "--today", TODAY])
    try:
        tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", f"{command}; sleep 60")
        shown = wait_for(
            lambda: _drawn(screen(session), "of the rollout", "palette"),
            what="the app and its footer",
        )
        tmux("send-keys", "-t", session, "?")  # the help: a framed box with a scrollbar
        helped = wait_for(lambda: _drawn(screen(session), "Anywhere"), what="the help")
    finally:
        kill(session)
    for text in (shown, helped):
        odd = sorted({ch for ch in text if ord(ch) > 126})
        assert odd == [], f"not ASCII: {odd}\n{text}"
        assert "\\u" not in text, text  # no escaped code points either
    assert "GATE [" in shown and "-----" in shown and "|^p" in shown.replace(" ", "")
    assert "+---" in helped
