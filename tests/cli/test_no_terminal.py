"""`launchtui` with no terminal (issue 13): one line suggesting `ssh -t`, exit 1.

`ssh host launchtui` without -t used to draw into the pipes and, once the client went,
spin at a full core with the database open. Click's test runner has no terminal, which
is just that situation; the TUI's own tests run it through `App.run_test`, not here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import fails

REFUSAL = "Error: the TUI needs a terminal: over SSH, connect with `ssh -t`"


def test_no_command_without_a_terminal_is_one_line_and_exit_1(run):
    assert fails(run()) == REFUSAL


def test_the_refusal_in_dutch(run):
    line = fails(run("--lang", "nl"), prefix="Fout: ")
    assert line == "Fout: de TUI heeft een terminal nodig: maak over SSH verbinding met `ssh -t`"


def test_demo_makes_the_sample_then_says_it_needs_a_terminal(cli_run, db_path: Path):
    result = cli_run("demo")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stdout.startswith("Sample rollout created in ")
    assert result.stderr.strip() == REFUSAL
    again = cli_run("demo", "--no-open")  # the sample stays; nothing else broke
    assert again.exit_code == 0, again.output


def test_over_ssh_without_t_the_real_process_ends_at_once(db_path: Path):
    """What sshd hands the command without -t: pipes, and no terminal anywhere."""
    done = subprocess.run(
        [sys.executable, "-m", "launchtui", "--db", str(db_path), "--today", "2026-11-07"],
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == REFUSAL + "\n"


def test_opening_the_app_on_a_missing_file_makes_none(cli_run, db_path: Path, monkeypatch):
    """The app opens on setup; the file is made only once setup or the demo is confirmed
    (opening it made one, and Esc on setup then left a stray database behind)."""
    import launchtui.tui.app
    import launchtui.tui.terminal

    opened: list[bool] = []
    monkeypatch.setattr(launchtui.tui.terminal, "require_terminal", lambda *_: None)
    monkeypatch.setattr(launchtui.tui.app.LaunchApp, "run", lambda app: opened.append(True))
    result = cli_run()
    assert result.exit_code == 0, result.output
    assert opened == [True]
    assert not db_path.exists()
