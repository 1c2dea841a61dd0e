"""Rehearsal is a separate world (issue 14): `--today` on another day than the real one
works on a copy beside the shared database, says so once on stderr, and leaves the shared
file untouched byte for byte until `launchtui rehearsal discard`.

The tests' clock hook makes 2026-11-07 the real date (tests/conftest.py); these tests
pass another `--today` on purpose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from launchtui.cli.main import cli
from launchtui.domain.rollout import Actor
from launchtui.services.rehearsal import copy_path
from launchtui.services.settings import os_login
from tests.cli.conftest import fails, ok

PRETEND = "2026-12-17"
KEY = "launch-day/welcome-message-sent"
NOTICE = (
    "REHEARSAL in {copy}, your copy of {db}, pretending today is 2026-12-17; nothing"
    " reaches the shared database. `launchtui rehearsal discard` deletes it."
)


def rehearse(
    db: Path, *args: str, today: str = PRETEND, lang: str = "en", user: str = "bob"
) -> Result:
    options = ["--db", str(db), "--user", user, "--lang", lang, "--today", today]
    return CliRunner().invoke(cli, [*options, *args], catch_exceptions=True)


def own_copy(db: Path, user: str = "bob") -> Path:
    """The rehearsal copy of `user` (run by this process's login)."""
    return copy_path(db, Actor(user, os_login()))


def snapshot(db: Path) -> dict[str, bytes]:
    """The bytes of the shared file and of its -wal, when there is one."""
    files = [db, db.with_name(db.name + "-wal")]
    return {path.name: path.read_bytes() for path in files if path.exists()}


def test_a_rehearsal_session_leaves_the_shared_file_unchanged_byte_for_byte(run, db_path):
    before = snapshot(db_path)
    assert ok(rehearse(db_path, "tick", KEY, "--note", "dry run")) == f"Ticked {KEY}\n"
    ok(rehearse(db_path, "issue", "add", "--title", "rehearsal issue", "--severity", "major"))
    ok(rehearse(db_path, "retro", "add", "--kind", "lesson", "rehearsed the launch"))
    ok(rehearse(db_path, "untick", KEY))
    ok(rehearse(db_path, "tick", KEY))
    assert snapshot(db_path) == before
    # back on the real date nothing of it shows
    assert ok(run("history", KEY)).strip() == "" or "bob" not in ok(run("history", KEY))
    assert "rehearsal issue" not in ok(run("issue", "list"))
    assert "rehearsed the launch" not in ok(run("retro", "list"))
    copy = own_copy(db_path)
    assert copy.parent == db_path.parent and copy.name.startswith("rollout.rehearsal.bob")
    assert copy.exists()
    assert copy.stat().st_mode & 0o777 == db_path.stat().st_mode & 0o777


def test_every_command_says_it_once_on_stderr_and_json_stays_clean(run, db_path):
    result = rehearse(db_path, "status", "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr == NOTICE.format(copy=own_copy(db_path), db=db_path) + "\n"
    assert json.loads(result.stdout)["today"] == PRETEND
    assert rehearse(db_path, "checklist").stderr.count("REHEARSAL") == 1


def test_the_notice_is_dutch_under_lang_nl(run, db_path):
    result = rehearse(db_path, "status", lang="nl")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"REPETITIE in {own_copy(db_path)}, je eigen kopie van")
    assert PRETEND in result.stderr


def test_a_second_rehearsal_command_reuses_the_copy(run, db_path):
    ok(rehearse(db_path, "tick", KEY))
    seen = ok(rehearse(db_path, "history", KEY))
    assert "bob" in seen
    assert "bob" not in ok(run("history", KEY))


def test_discard_deletes_the_copy_and_the_next_rehearsal_starts_afresh(run, db_path):
    ok(rehearse(db_path, "tick", KEY))
    copy = own_copy(db_path)
    out = ok(run("rehearsal", "discard", user="bob"))
    assert out == f"Rehearsal discarded: {copy} deleted\n"
    for side in ("", "-wal", "-shm", "-journal"):
        assert not copy.with_name(copy.name + side).exists()
    assert "bob" not in ok(rehearse(db_path, "history", KEY))


def test_discard_with_no_rehearsal_is_one_line_exit_1(run, db_path):
    line = fails(run("rehearsal", "discard"))
    assert line.startswith("Error: no rehearsal to discard")


def test_rehearsal_status_says_where_the_copy_is(run, db_path):
    assert ok(run("rehearsal", "status", user="bob")).startswith("No rehearsal copy of")
    ok(rehearse(db_path, "status"))
    assert str(own_copy(db_path)) in ok(run("rehearsal", "status", user="bob"))


def test_today_equal_to_the_real_date_is_no_rehearsal(run, db_path):
    result = rehearse(db_path, "tick", KEY, today="2026-11-07")
    assert ok(result) == f"Ticked {KEY}\n"
    assert result.stderr == ""
    assert not own_copy(db_path).exists()
    assert "bob" in ok(run("history", KEY))


def test_a_rehearsed_init_makes_only_the_copy(db_path):
    made = rehearse(db_path, "init", "--tool", "Acme CRM", "--launch-date", "2026-12-10")
    assert made.exit_code == 0, made.output
    assert not db_path.exists()
    assert own_copy(db_path).exists()
    assert "REHEARSAL" in made.stderr


def test_a_rehearsal_without_a_shared_database_is_refused_like_any_command(db_path):
    result = rehearse(db_path, "status")
    assert result.exit_code == 1
    assert not db_path.exists()
    assert not own_copy(db_path).exists()


@pytest.mark.parametrize("which", ["copy", "shared"])
def test_an_export_never_writes_over_the_copy_or_the_shared_database(run, db_path, which):
    ok(rehearse(db_path, "status"))
    copy = own_copy(db_path)
    before = {path: path.read_bytes() for path in (copy, db_path)}
    target = copy if which == "copy" else db_path
    result = rehearse(db_path, "export", "issues", "--format", "csv", "-o", str(target))
    assert result.exit_code == 1, result.output
    assert {path: path.read_bytes() for path in (copy, db_path)} == before


def test_without_the_clock_hook_the_system_date_is_the_real_one(run, db_path, monkeypatch):
    import datetime as dt

    from launchtui.services.rehearsal import TEST_CLOCK

    monkeypatch.delenv(TEST_CLOCK)
    real = rehearse(db_path, "status", today=dt.date.today().isoformat())
    assert real.exit_code == 0, real.output
    assert real.stderr == ""
    assert not own_copy(db_path).exists()
    other = dt.date.today() + dt.timedelta(days=3)
    assert "REHEARSAL" in rehearse(db_path, "status", today=other.isoformat()).stderr
    assert own_copy(db_path).exists()


# -- one copy per coordinator ---------------------------------------------------------

OTHER = "launch-day/accounts-activated"


def test_two_coordinators_rehearsing_at_once_each_have_a_copy_of_their_own(run, db_path):
    before = snapshot(db_path)
    ok(rehearse(db_path, "tick", KEY, "--note", "ana's dry run", user="ana"))
    ok(rehearse(db_path, "tick", OTHER, user="bob"))
    ok(rehearse(db_path, "issue", "add", "--title", "bob's outage", "--severity", "major"))
    # each sees their own rehearsal, never the other's
    assert "ana" in ok(rehearse(db_path, "history", KEY, user="ana"))
    assert "ana" not in ok(rehearse(db_path, "history", KEY, user="bob"))
    assert "bob" in ok(rehearse(db_path, "history", OTHER, user="bob"))
    assert "bob" not in ok(rehearse(db_path, "history", OTHER, user="ana"))
    assert "bob's outage" not in ok(rehearse(db_path, "issue", "list", user="ana"))
    assert own_copy(db_path, "ana") != own_copy(db_path, "bob")
    assert own_copy(db_path, "ana").exists() and own_copy(db_path, "bob").exists()
    assert snapshot(db_path) == before


def test_each_notice_names_the_coordinators_own_copy(run, db_path):
    for user in ("ana", "bob"):
        result = rehearse(db_path, "status", user=user)
        assert result.exit_code == 0, result.output
        assert result.stderr == NOTICE.format(copy=own_copy(db_path, user), db=db_path) + "\n"


def test_discarding_a_rehearsal_leaves_the_other_coordinators_copy(run, db_path):
    ok(rehearse(db_path, "tick", KEY, user="ana"))
    ok(rehearse(db_path, "tick", OTHER, user="bob"))
    ours = ok(run("rehearsal", "status", user="bob"))
    assert str(own_copy(db_path, "bob")) in ours and str(own_copy(db_path, "ana")) not in ours
    assert ok(run("rehearsal", "discard", user="bob")) == (
        f"Rehearsal discarded: {own_copy(db_path, 'bob')} deleted\n"
    )
    assert not own_copy(db_path, "bob").exists()
    assert "ana" in ok(rehearse(db_path, "history", KEY, user="ana"))
    assert str(own_copy(db_path, "ana")) in ok(run("rehearsal", "status", user="ana"))


def test_the_same_name_under_two_logins_is_two_copies(run, db_path, monkeypatch):
    """Whose copy it is goes by the name and the login, as `undo`'s "your own" does."""
    copies = set()
    for login in ("ana", "carl"):
        monkeypatch.setenv("LOGNAME", login)
        assert os_login() == login
        ok(rehearse(db_path, "status", user="ana"))
        copies.add(copy_path(db_path, Actor("ana", login)))
    assert len(copies) == 2 and all(copy.exists() for copy in copies)
    assert copy_path(db_path, Actor("ana", "ana")).name == "rollout.rehearsal.ana.db"


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "a/b", "Ana de Vries", "..", "Zoë", "名前", "x" * 60, "ana+bob"]
)
def test_any_name_gives_a_copy_beside_the_shared_database(db_path, name):
    copy = copy_path(db_path, Actor(name, "ana"))
    assert copy.parent == db_path.parent
    assert copy.name.startswith("rollout.rehearsal.") and copy.name.endswith(".db")
    assert "/" not in copy.name and len(copy.name) < 100
    assert copy != copy_path(db_path, Actor(name + "!", "ana"))
    assert copy != db_path


def test_a_copy_that_is_a_link_to_the_shared_database_is_refused(run, db_path):
    """A planted `rollout.rehearsal.bob…db -> rollout.db` must not turn a rehearsal into
    writes on the shared database."""
    own_copy(db_path).symlink_to(db_path.name)
    before = snapshot(db_path)
    line = fails(rehearse(db_path, "tick", KEY))
    assert str(own_copy(db_path)) in line and "shared database" in line
    assert snapshot(db_path) == before
    assert "bob" not in ok(run("history", KEY))
