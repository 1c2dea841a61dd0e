"""Issue timelines and note histories, pinned: the exports (CSV, JSON, Markdown), `issue
show` and `retro show` (plain and --json), byte for byte, in English and Dutch.

Why: issues and retro notes were given one event-log base (issue 15): one event type,
one event-to-dict and one event-lines renderer, one store reader. Exported files and
what the command line prints must not move by a byte. Rewrite the expected text only for
an intended change: `LAUNCHTUI_WRITE_GOLDEN=1 pytest tests/cli/test_event_log_characterisation.py`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .conftest import Run, ok

GOLDEN = Path(__file__).parent / "golden" / "event_logs.txt"
CLOCK = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?|\b\d\d:\d\d\b")


@pytest.fixture(autouse=True)
def _login(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same login on every machine: it shows beside each name."""
    monkeypatch.setenv("LOGNAME", "coord")
    monkeypatch.setenv("USER", "coord")


def build(run: Run) -> None:
    ok(run("issue", "add", "--title", "SSO fails, \"often\"", "--severity", "major",
           "--detail", "line one\nline *two* | pipe", "--location", "Paramaribo",
           today="2026-11-05"))  # fmt: skip
    ok(run("issue", "add", "--title", "=cmd|' /C calc'!A0", "--severity", "minor",
           today="2026-11-05"))  # fmt: skip
    ok(run("issue", "escalate", "1", today="2026-11-06"))
    ok(run("issue", "workaround", "1", "use the web login", today="2026-11-06"))
    ok(run("issue", "edit", "1", "--assignee", "mei", "--severity", "critical"))
    ok(run("issue", "resolve", "1", "--resolution", "vendor patch 2.1"))
    ok(run("issue", "reopen", "1"))
    ok(run("retro", "add", "--kind", "went-well", "pilot group were champions # by day 2",
           today="2026-11-05"))  # fmt: skip
    ok(run("retro", "add", "--kind", "lesson", "--issue", "1", "book rooms\nearlier <b>"))
    ok(run("retro", "edit", "2", "--kind", "next-step", "book the rooms a month ahead"))
    ok(run("retro", "edit", "1", "pilot group were champions by day 3"))


def test_the_event_logs_read_as_they_did(run: Run, tmp_path: Path):
    build(run)
    parts = []
    for lang in ("en", "nl"):
        for args in (
            ("issue", "show", "1"),
            ("issue", "show", "1", "--json"),
            ("retro", "show", "2"),
            ("retro", "show", "2", "--json"),
            ("retro", "show", "1"),
            ("export", "issues", "--format", "csv"),
            ("export", "issues", "--format", "json"),
            ("export", "issues", "--format", "md"),
            ("export", "retro", "--format", "csv"),
            ("export", "retro", "--format", "json"),
            ("export", "retro", "--format", "md"),
        ):
            result = run("--lang", lang, *args)
            parts.append(f"== {lang} {' '.join(args)} (exit {result.exit_code})\n{result.stdout}")
    text = CLOCK.sub("<clock>", "".join(parts))
    if os.environ.get("LAUNCHTUI_WRITE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
