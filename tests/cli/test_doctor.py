"""`launchtui doctor`: one line per check, "ok|WARN|FAIL  check: detail — what to do".

Exit 0 when every check is ok or WARN, 1 on any FAIL. It reads only: the file is never
changed, not even switched to WAL.
"""

from __future__ import annotations

import re
import shutil
import stat
from collections import namedtuple
from pathlib import Path

import pytest
from sqlite_utils.utils import sqlite3

from launchtui.services import doctor as doctor_module
from launchtui.store import Store
from launchtui.store.schema import SCHEMA_VERSION

LINE = re.compile(r"^(ok  |WARN|FAIL)  ([a-z/]+): (.+)$")  # the levels line up
CHECKS = ["file", "wal/shm", "folder", "filesystem", "journal", "integrity", "schema", "disk"]


def run_doctor(cli_run, **kw) -> tuple[int, dict[str, tuple[str, str]]]:
    """The exit code and {check: (level, rest of the line)}; every line well formed."""
    result = cli_run("doctor", **kw)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    found = {}
    for line in lines:
        match = LINE.match(line)
        assert match, f"badly formed: {line!r}"
        level, name, rest = match.groups()
        level = level.strip()
        if level == "ok":
            assert " — " not in rest, line  # advice only where something is to be done
        else:
            assert " — " in rest, f"no advice: {line!r}"
        found[name] = (level, rest)
    assert len(found) == len(lines)  # one line per check
    return result.exit_code, found


@pytest.fixture
def demo_db(cli_run, db_path: Path) -> Path:
    result = cli_run("demo", "--no-open")
    assert result.exit_code == 0, result.output
    return db_path


def test_a_healthy_database_is_all_ok(cli_run, demo_db: Path):
    before = demo_db.read_bytes()
    code, found = run_doctor(cli_run)
    assert code == 0
    assert set(found) == {*CHECKS, "sqlite"}
    assert {name: level for name, (level, _) in found.items()} == dict.fromkeys(found, "ok")
    assert found["journal"][1] == "wal"
    assert found["integrity"][1] == "ok"
    assert found["schema"][1] == f"{SCHEMA_VERSION} of {SCHEMA_VERSION} migrations applied"
    assert found["file"][1].startswith(f"{demo_db} 0")
    assert demo_db.read_bytes() == before  # the doctor only reads


def test_no_database_is_a_failure_that_says_what_to_do(cli_run, db_path: Path):
    code, found = run_doctor(cli_run)
    assert code == 1
    level, rest = found["file"]
    assert level == "FAIL" and rest.startswith(f"no database at {db_path}")
    assert "launchtui init" in rest
    assert "integrity" not in found and "disk" in found
    assert not db_path.exists()  # and it made none


def test_a_world_writable_file_fails(cli_run, demo_db: Path):
    demo_db.chmod(0o666)
    code, found = run_doctor(cli_run)
    assert code == 1
    level, rest = found["file"]
    assert level == "FAIL" and "writable by everyone" in rest and f"chmod o-w {demo_db}" in rest


def test_a_world_writable_wal_fails(cli_run, demo_db: Path):
    store = Store.open(demo_db)  # kept open, so the -wal and -shm exist
    try:
        Path(f"{demo_db}-wal").chmod(0o666)
        code, found = run_doctor(cli_run)
    finally:
        store.close()
    assert code == 1
    assert (
        found["wal/shm"][0] == "FAIL"
        and "rollout.db-wal is writable by everyone" in (found["wal/shm"][1])
    )


def test_a_world_writable_folder_fails(cli_run, demo_db: Path):
    demo_db.parent.chmod(0o777)
    try:
        code, found = run_doctor(cli_run)
    finally:
        demo_db.parent.chmod(0o700)
    assert code == 1
    assert found["folder"][0] == "FAIL" and "anyone can delete or replace" in found["folder"][1]


def test_a_file_the_group_cannot_write_in_a_shared_folder_warns(cli_run, tmp_path: Path):
    shared = tmp_path / "srv"
    shared.mkdir()
    shared.chmod(0o2770)
    db = shared / "rollout.db"
    assert cli_run("demo", "--no-open", db=db).exit_code == 0
    code, found = run_doctor(cli_run, db=db)
    assert code == 0 and found["file"][0] == "ok" and "shared with group" in found["folder"][1]
    assert stat.S_IMODE(db.stat().st_mode) == 0o660
    db.chmod(0o640)
    code, found = run_doctor(cli_run, db=db)
    assert code == 0  # a warning: it works, for this user
    level, rest = found["file"]
    assert level == "WARN" and "the group may not write it" in rest and "chmod g+w" in rest


def test_a_shared_folder_without_setgid_warns(cli_run, demo_db: Path):
    demo_db.parent.chmod(0o770)
    code, found = run_doctor(cli_run)
    assert code == 0
    assert found["folder"][0] == "WARN" and "chmod g+s" in found["folder"][1]


def test_read_only_for_you_is_a_warning(cli_run, demo_db: Path, monkeypatch):
    monkeypatch.setenv("LAUNCHTUI_READONLY", "1")
    code, found = run_doctor(cli_run)
    assert code == 0
    assert found["file"][0] == "WARN" and "read-only" in found["file"][1]


def test_a_rollback_journal_fails_and_the_doctor_does_not_switch_it(cli_run, demo_db: Path):
    raw = sqlite3.connect(str(demo_db))
    assert raw.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
    raw.close()
    code, found = run_doctor(cli_run)
    assert code == 1
    level, rest = found["journal"]
    assert level == "FAIL" and rest.startswith("delete, not wal")
    assert demo_db.read_bytes()[18:20] == b"\x01\x01"  # still a rollback-journal file


def test_an_older_schema_warns_and_a_newer_one_fails(cli_run, demo_db: Path):
    raw = sqlite3.connect(str(demo_db))
    newest = raw.execute("SELECT max(id) FROM _sqlite_migrations").fetchone()[0]
    raw.execute("DELETE FROM _sqlite_migrations WHERE id = ?", [newest])
    raw.commit()
    code, found = run_doctor(cli_run)
    assert code == 0
    assert found["schema"] == (
        "WARN",
        f"{SCHEMA_VERSION - 1} of {SCHEMA_VERSION} migrations applied — the next launchtui"
        " command run with write access upgrades it",
    )
    raw.execute("PRAGMA user_version = 99")
    raw.commit()
    raw.close()
    code, found = run_doctor(cli_run)
    assert code == 1 and found["schema"][0] == "FAIL" and "newer launchtui" in found["schema"][1]


def test_an_empty_database_warns(cli_run, db_path: Path):
    db_path.touch()
    code, found = run_doctor(cli_run)
    assert code == 0
    assert found["schema"][0] == "WARN" and "launchtui init" in found["schema"][1]


def test_a_file_that_is_not_a_database_fails_on_integrity(cli_run, db_path: Path):
    db_path.write_bytes(b"These are my meeting notes, not SQLite.\n" * 200)
    code, found = run_doctor(cli_run)
    assert code == 1
    level, rest = found["integrity"]
    assert level == "FAIL" and rest.startswith("not a launchtui database, or the file is damaged")
    assert "--db" in rest  # the likelier cause: the wrong file


def test_little_free_disk_warns(cli_run, demo_db: Path, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**9, 10**9 - 50 << 20, 50 << 20))
    code, found = run_doctor(cli_run)
    assert code == 0
    level, rest = found["disk"]
    assert level == "WARN" and rest.startswith("50 MB free, below 100 MB")


def test_an_old_sqlite_warns(monkeypatch):
    monkeypatch.setattr(doctor_module._sqlite3, "sqlite_version", "3.45.1")
    check = doctor_module.check_sqlite()
    assert check.level == "WARN" and "older than 3.51.3" in check.detail


def test_a_network_file_system_fails(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(doctor_module, "_file_system", lambda folder: "nfs4")
    check = doctor_module.check_file_system(tmp_path)
    assert check.level == "FAIL" and "local disk" in check.advice
