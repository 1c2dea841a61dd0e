"""What goes wrong with a shared file, and how launchtui tells it: one clear line, nothing lost.

- read-only: on request, by ``$LAUNCHTUI_READONLY``, and by real file permissions (a file
  mode 0444; a folder mode 0555 with and without the -wal/-shm files). Tests run as root
  here, and root ignores permissions, so the real-permission cases run in a child process
  without CAP_DAC_OVERRIDE (``setpriv``); as an ordinary user they run as they are.
- a damaged file, a file that is not a database, another program's database and one from
  a newer launchtui: refused (or read where possible) with a line naming the file.
- a full disk: `PRAGMA max_page_count` makes SQLite's own "full" (always), and a real
  full file system, a 256 KB tmpfs (when this process may mount one).
- the shared folder: a setgid, group-writable folder gets 0660 files, -wal/-shm too.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils.utils import sqlite3

from launchtui.domain.rollout import Actor, Rollout
from launchtui.services.doctor import FAIL, exit_code, run_checks
from launchtui.store import Store, StoreError
from launchtui.store.database import BUSY, DAMAGED, FULL, describe, sidecars

REPO = Path(__file__).resolve().parents[2]
ANA = Actor("ana", "ana")
T0 = dt.datetime(2026, 11, 7, 9, 0, tzinfo=dt.UTC)
KEY = "first-week/daily-check-in@2026-11-07"


def seeded(path: Path, ticks: int = 3) -> Store:
    store = Store.open(path)
    store.create_rollout(Rollout("Acme CRM", dt.date(2026, 11, 3)), ANA, T0)
    for n in range(ticks):
        store.record(f"first-week/item-{n}", "tick", ANA, T0)
    return store


def tick_count(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM tick_events").fetchone()[0]


def one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


# -- read-only ---------------------------------------------------------------------------


def every_write(store: Store) -> list:
    return [
        lambda: store.record(KEY, "tick", ANA, T0),
        lambda: store.record_many([(KEY, "tick", ANA, T0, None)]),
        lambda: store.update_rollout(Rollout("Acme CRM", dt.date(2026, 11, 4)), ANA, T0),
        lambda: store.undo_last(ANA, T0),
        lambda: store.issues.add("printer offline", "minor", ANA, T0),
    ]


def test_a_database_opened_read_only_reads_and_refuses_every_write(db_path: Path):
    seeded(db_path).close()
    store = Store.open(db_path, read_only=True)
    try:
        assert store.read_only
        assert store.read_only_reason == "it was opened read-only on request"
        assert store.rollout().tool == "Acme CRM" and tick_count(store) == 3
        for write in every_write(store):
            with pytest.raises(StoreError) as caught:
                write()
            assert str(caught.value) == (
                f"the database {db_path} is read-only for you: it was opened read-only on"
                " request; nothing was saved"
            )
            assert not store.db.conn.in_transaction
        assert tick_count(store) == 3
    finally:
        store.close()
    writable = Store.open(db_path)
    assert not writable.read_only and writable.read_only_reason is None
    writable.close()


def test_launchtui_readonly_makes_the_cli_read_only(cli_run, db_path, monkeypatch):
    seeded(db_path).close()
    monkeypatch.setenv("LAUNCHTUI_READONLY", "1")
    assert cli_run("status").exit_code == 0
    line = one_error_line(cli_run("issue", "add", "--title", "printer", "--severity", "minor"))
    assert line == (
        f"Error: the database {db_path} is read-only for you: $LAUNCHTUI_READONLY is set;"
        " nothing was saved"
    )
    store = Store.open(db_path)
    assert store.read_only and store.issues.open_counts()["minor"] == 0
    store.close()


def test_a_missing_database_is_not_created_read_only(db_path: Path):
    with pytest.raises(StoreError, match="no such database file"):
        Store.open(db_path, read_only=True)
    assert not db_path.exists()


def test_a_read_only_database_that_was_never_set_up_says_so(db_path: Path):
    db_path.touch()  # an empty file: a database with no tables
    with pytest.raises(StoreError) as caught:
        Store.open(db_path, read_only=True)
    assert str(caught.value).startswith(f"the database {db_path} is read-only for you")
    assert "open it once with write access" in str(caught.value)


PROBE = r"""
import datetime as dt, json, sys
from pathlib import Path
from launchtui.domain.rollout import Actor
from launchtui.store import Store, StoreError

def report(store):
    out = {"read_only": store.read_only, "reason": store.read_only_reason,
           "keys": [e.key for e in store.history()]}
    try:
        store.record("first-week/probe", "tick", Actor("pat", "pat"), dt.datetime.now(dt.UTC))
        out["write"] = "saved"
    except StoreError as exc:
        out["write"] = str(exc)
    print(json.dumps(out), flush=True)

try:
    store = Store.open(Path(sys.argv[1]))
except StoreError as exc:
    print(json.dumps({"error": str(exc)}), flush=True)
    raise SystemExit(0)
report(store)
if len(sys.argv) > 2:  # once more, after the test wrote something
    sys.stdin.readline()
    report(store)
"""


def unprivileged(db: Path, *, again: bool = False) -> subprocess.Popen:
    """Run PROBE on `db` as a process that file permissions apply to."""
    command = [sys.executable, "-c", PROBE, str(db), *(["again"] if again else [])]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        drop = ["--bounding-set", "-dac_override,-dac_read_search"]
        if setpriv is None or subprocess.run([setpriv, *drop, "true"]).returncode != 0:
            pytest.skip("running as root without setpriv: file permissions do not apply")
        command = [setpriv, *drop, *command]
    env = {k: v for k, v in os.environ.items() if k != "LAUNCHTUI_READONLY"}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env,
    )  # fmt: skip


def probe(db: Path) -> dict:
    proc = unprivileged(db)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return json.loads(out)


@pytest.fixture
def folder(tmp_path: Path):
    """A folder for the database whose mode the test may change; made writable again after."""
    path = tmp_path / "shared"
    path.mkdir()
    yield path
    path.chmod(0o755)
    for file in path.iterdir():
        file.chmod(0o644)


def test_a_file_you_may_not_write_opens_read_only(folder: Path):
    db = folder / "rollout.db"
    seeded(db).close()
    db.chmod(0o444)
    seen = probe(db)
    assert seen["read_only"] and seen["reason"] == "you may not write to the file"
    assert len(seen["keys"]) == 3
    assert seen["write"].startswith(f"the database {db} is read-only for you")
    store = Store.open(db, read_only=True)
    assert tick_count(store) == 3  # nothing was written
    store.close()


def test_a_folder_you_may_not_write_without_wal_and_shm_opens_as_a_snapshot(folder: Path):
    db = folder / "rollout.db"
    seeded(db).close()  # the last connection to close removes -wal and -shm
    assert not any(s.exists() for s in sidecars(db))
    folder.chmod(0o555)
    seen = probe(db)
    assert seen["read_only"], seen
    assert seen["reason"] == (
        f"you may not create files in its folder {folder}, where SQLite keeps -wal and -shm"
    )
    assert len(seen["keys"]) == 3
    assert "is read-only for you" in seen["write"]
    assert sorted(p.name for p in folder.iterdir()) == ["rollout.db"]  # nothing left behind


def test_a_folder_you_may_not_write_with_wal_and_shm_reads_live(folder: Path):
    db = folder / "rollout.db"
    writer = seeded(db)  # kept open: -wal and -shm stay, the ticks are still in the -wal
    try:
        assert sidecars(db)[0].stat().st_size > 0
        db.chmod(0o444)
        folder.chmod(0o555)
        proc = unprivileged(db, again=True)
        first = json.loads(proc.stdout.readline())
        assert first["read_only"] and first["reason"] == "you may not write to the file"
        assert len(first["keys"]) == 3  # read from the -wal
        writer.record("first-week/later", "tick", ANA, T0)  # root may still write
        out, err = proc.communicate("\n", timeout=60)
        assert proc.returncode == 0, err
        second = json.loads(out)
        assert second["keys"][-1] == "first-week/later"  # live: a later commit is seen
    finally:
        writer.close()


def test_a_folder_you_may_not_write_with_a_wal_but_no_shm_says_why_it_cannot_read(
    folder: Path,
):
    db = folder / "rollout.db"
    writer = seeded(db)
    try:  # a copy of the file and its -wal as they stand: changes in the -wal, no -shm
        copy = folder / "copy.db"
        shutil.copyfile(db, copy)
        shutil.copyfile(sidecars(db)[0], sidecars(copy)[0])
    finally:
        writer.close()
    folder.chmod(0o555)
    seen = probe(copy)
    assert seen["error"].startswith(f"cannot read {copy}: you may not create files in its folder")
    assert "ask someone who may write there to open it once" in seen["error"]


def test_no_database_can_be_made_in_a_folder_you_may_not_write(folder: Path):
    folder.chmod(0o555)
    seen = probe(folder / "new.db")
    assert seen == {
        "error": f"cannot create the database {folder / 'new.db'}: you may not create files"
        f" in {folder}"
    }


# -- a shared folder ---------------------------------------------------------------------


def test_a_shared_folder_gets_group_writable_files_never_world_writable(tmp_path: Path):
    shared = tmp_path / "srv"
    shared.mkdir()
    shared.chmod(0o2770)
    db = shared / "rollout.db"
    store = seeded(db)  # kept open: -wal and -shm exist
    try:
        for file in (db, *sidecars(db)):
            mode = stat.S_IMODE(file.stat().st_mode)
            assert mode == 0o660, f"{file.name}: {mode:o}"
            assert file.stat().st_gid == shared.stat().st_gid
    finally:
        store.close()
    report = {c.name: c for c in run_checks(db)}
    assert report["file"].level == "ok" and report["folder"].level == "ok"


def test_a_private_folder_keeps_the_users_umask(tmp_path: Path):
    db = tmp_path / "mine.db"
    seeded(db).close()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(db.stat().st_mode) == 0o644 & ~umask  # SQLite's default, untouched


# -- damaged, foreign, newer -------------------------------------------------------------


def damaged(path: Path) -> None:
    """A real launchtui database with garbage written over pages in its middle."""
    store = seeded(path, ticks=0)
    store.issues.bulk_add(
        [{"title": f"issue {n} " + "x" * 300, "severity": "minor"} for n in range(1500)], ANA, T0
    )
    store.record_many([(f"first-week/k{n}", "tick", ANA, T0, "n" * 200) for n in range(1500)])
    store.close()
    size = path.stat().st_size
    with open(path, "r+b") as file:
        file.seek(size // 2 // 4096 * 4096)
        file.write(random.Random(20261107).randbytes(3 * 4096))


def test_a_damaged_database_fails_the_doctor_and_never_shows_a_traceback(db_path, cli_run):
    damaged(db_path)
    checks = {c.name: c for c in run_checks(db_path)}
    assert checks["integrity"].level == FAIL
    assert exit_code(list(checks.values())) == 1

    refused = []
    try:
        store = Store.open(db_path)
    except StoreError as exc:
        refused.append(str(exc))
    else:
        for read in (store.history, lambda: list(store.issues.iter_csv_batches())):
            try:
                read()
            except StoreError as exc:
                refused.append(str(exc))
        store.close()
    assert refused, "the damage should show on some read"
    for message in refused:
        assert message.startswith(f"{db_path}: {DAMAGED}"), message

    for args in (
        ("status",),
        ("checklist", "--json"),
        ("issue", "list"),
        ("export", "issues", "--format", "csv"),
    ):
        result = cli_run(*args)
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        if result.exit_code:
            assert one_error_line(result).startswith(f"Error: {db_path}: {DAMAGED}")


def test_a_file_that_is_not_a_database_is_named_and_left_alone(db_path, cli_run):
    garbage = random.Random(7).randbytes(16384)
    db_path.write_bytes(garbage)
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert str(caught.value) == f"{db_path}: {DAMAGED}"
    assert one_error_line(cli_run("tick", KEY)) == f"Error: {db_path}: {DAMAGED}"
    assert [c.level for c in run_checks(db_path) if c.name == "integrity"] == [FAIL]
    assert db_path.read_bytes() == garbage
    assert not any(s.exists() for s in sidecars(db_path))


def test_another_programs_database_is_refused_and_left_alone(db_path: Path):
    other = sqlite3.connect(str(db_path))
    other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    other.commit()
    other.close()
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert str(caught.value) == (
        f"{db_path}: not a launchtui database (it holds other tables: invoices);"
        " nothing was changed"
    )
    check = sqlite3.connect(str(db_path))
    assert check.execute("SELECT name FROM sqlite_master").fetchall() == [("invoices",)]
    check.close()


@pytest.mark.parametrize("how", ["migration", "user_version"])
def test_a_database_from_a_newer_launchtui_is_refused_everywhere(db_path, cli_run, how):
    store = seeded(db_path)
    if how == "migration":
        store.db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('launchtui', 'm999_future', '2027-01-01')"
        )
    else:
        store.db.execute("PRAGMA user_version = 999")
    store.close()
    for opening in (lambda: Store.open(db_path), lambda: Store.open(db_path, read_only=True)):
        with pytest.raises(StoreError, match="made by a newer launchtui") as caught:
            opening()
        assert str(caught.value).startswith(f"{db_path}: ")
    line = one_error_line(cli_run("status"))
    assert line.startswith(f"Error: {db_path}: made by a newer launchtui")
    assert line.endswith("upgrade launchtui to open it")
    schema = next(c for c in run_checks(db_path) if c.name == "schema")
    assert schema.level == FAIL and "newer launchtui" in schema.detail


# -- a full disk -------------------------------------------------------------------------


def write_until_full(store: Store) -> tuple[int, StoreError]:
    written = tick_count(store)
    for n in range(10_000):
        try:
            store.record(f"first-week/full-{n}", "tick", ANA, T0, note="x" * 1900)
        except StoreError as exc:
            return written, exc
        written += 1
    raise AssertionError("the disk never filled up")


def test_a_full_database_fails_the_write_and_keeps_everything_before(db_path: Path):
    """SQLite's own "full": `max_page_count` caps the file where it stands."""
    store = seeded(db_path)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 2}")
    written, error = write_until_full(store)
    assert str(error) == FULL == "the disk is full; nothing was saved"
    assert error.__suppress_context__
    with pytest.raises(StoreError, match="the disk is full"):
        store.issues.add("printer offline", "minor", ANA, T0, detail="y" * 20_000)
    assert not store.db.conn.in_transaction
    assert tick_count(store) == written and store.issues.open_counts()["minor"] == 0
    store.close()
    again = Store.open(db_path)
    try:
        assert tick_count(again) == written
        assert again.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        again.close()


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 384 KB tmpfs, mounted for the test (needs root and mount rights, else skipped)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tiny file system needs root")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=384k,mode=0755", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_file_system_fails_the_write_visibly_and_loses_nothing(tiny_disk, cli_run):
    db = tiny_disk / "rollout.db"
    filler = tiny_disk / "filler"
    store = seeded(db)
    filler.write_bytes(b"\0" * 32 * 1024)  # room to free later
    written, error = write_until_full(store)
    assert str(error) == FULL
    assert shutil.disk_usage(tiny_disk).free < 8192  # really the file system, not SQLite
    assert tick_count(store) == written
    line = one_error_line(
        cli_run("issue", "add", "--title", "printer", "--severity", "minor", db=db)
    )
    assert line == f"Error: {FULL}"
    filler.unlink()  # space again: writing works, and everything acknowledged is there
    store.record("first-week/after", "tick", ANA, T0)
    assert tick_count(store) == written + 1
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    store.close()


# -- describe() ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "text", "said"),
    [
        (5, "database is locked", BUSY),
        (517, "database is locked", BUSY),  # SQLITE_BUSY_SNAPSHOT
        (6, "database table is locked", BUSY),
        (13, "database or disk is full", FULL),
        (8, "attempt to write a readonly database", "the database is read-only for you"),
        (1288, "attempt to write a readonly database", "the database is read-only for you"),
        (11, "database disk image is malformed", DAMAGED),
        (26, "file is not a database", DAMAGED),
        (19, "CHECK constraint failed: action", "CHECK constraint failed: action"),
    ],
)
def test_describe_tells_sqlite_errors_in_plain_words(code, text, said):
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorcode = code
    assert describe(exc).startswith(said)


def test_a_write_on_a_read_only_connection_is_described_as_read_only(db_path: Path):
    seeded(db_path).close()
    raw = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        raw.execute("DELETE FROM rollout_events")
    raw.close()
    assert describe(caught.value) == "the database is read-only for you; nothing was saved"


# -- a full disk with nobody connected: reading goes on -------------------------------------


def fill(mount: Path) -> Path:
    """Write a file until the file system is full; return it (unlink it to free the space)."""
    filler = mount / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for size in (65536, 4096, 512, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_with_nobody_connected_still_reads(tiny_disk, tmp_path, cli_run):
    made = tmp_path / "made.db"
    seeded(made).close()  # nobody connected: no -wal, no -shm, and no room to make them
    db = tiny_disk / "rollout.db"
    shutil.copyfile(made, db)
    filler = fill(tiny_disk)
    assert shutil.disk_usage(tiny_disk).free < 4096
    store = Store.open(db)
    try:
        assert store.read_only and store.read_only_reason == "the disk is full"
        assert store.rollout().tool == "Acme CRM" and tick_count(store) == 3
        with pytest.raises(StoreError) as caught:
            store.record(KEY, "tick", ANA, T0)
        assert str(caught.value) == FULL
    finally:
        store.close()
    status = cli_run("status", db=db)
    assert status.exit_code == 0, status.output
    assert status.stdout.startswith("Acme CRM")
    assert cli_run("checklist", "--json", db=db).exit_code == 0
    assert one_error_line(cli_run("tick", KEY, db=db)) == f"Error: {FULL}"
    checks = {c.name: c for c in run_checks(db)}
    assert checks["integrity"].level == "ok" and checks["schema"].level == "ok"
    assert checks["disk"].level == "WARN"
    filler.unlink()  # room again: it opens for writing, and nothing was lost
    again = Store.open(db)
    try:
        assert not again.read_only
        again.record(KEY, "tick", ANA, T0)
        assert tick_count(again) == 4
        assert again.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        again.close()


def test_a_new_database_on_a_full_disk_says_the_disk_is_full(tiny_disk, cli_run):
    fill(tiny_disk)
    line = one_error_line(cli_run("init", "--tool", "Acme", "--launch-date", "2026-11-03",
                                  db=tiny_disk / "new.db"))  # fmt: skip
    assert "the disk is full" in line


# -- a coordinator outside the folder's group --------------------------------------------------

OUTSIDERS = 65534  # nobody:nogroup here; any uid and gid this process is not


def as_outsider(db: Path, *args: str) -> subprocess.CompletedProcess:
    """`launchtui --db DB ARGS` as root without its power over file permissions: for files
    owned by someone else, root is then an ordinary user outside their group."""
    drop = ["--bounding-set", "-dac_override,-dac_read_search"]
    setpriv = shutil.which("setpriv")
    if setpriv is None or subprocess.run([setpriv, *drop, "true"]).returncode != 0:
        pytest.skip("setpriv cannot drop root's power over file permissions here")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAUNCHTUI_")}
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-m", "launchtui", "--db", str(db), "--today", "2026-11-07"]
    return subprocess.run(
        [setpriv, *drop, *command, *args],
        capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.fixture
def group_folder(tmp_path: Path):
    """/srv/launchtui as the README sets it up (setgid, 2770), owned by a user and group
    this process is not: the database in it, 0660."""
    if os.geteuid() != 0 or OUTSIDERS in os.getgroups():
        pytest.skip("needs root, to give a folder to another user and group")
    folder = tmp_path / "srv"
    folder.mkdir()
    seeded(folder / "rollout.db").close()
    for path in (folder, *folder.iterdir()):
        os.chown(path, OUTSIDERS, OUTSIDERS)
        path.chmod(0o660)
    folder.chmod(0o2770)
    return folder


def names(uid: int, gid: int) -> tuple[str, str]:
    import grp
    import pwd

    return pwd.getpwuid(uid).pw_name, grp.getgrgid(gid).gr_name


@pytest.mark.parametrize("args", [("status",), ("tick", KEY), ("issue", "list"), ()])
def test_a_folder_of_a_group_you_are_not_in_is_one_line(group_folder: Path, args):
    db = group_folder / "rollout.db"
    result = as_outsider(db, *args)  # () opens the TUI: it does not start
    assert "Traceback" not in result.stderr
    assert result.returncode == 1 and result.stdout == ""
    owner, group = names(OUTSIDERS, OUTSIDERS)
    assert result.stderr.splitlines() == [
        f"Error: cannot open {db}: you may not enter the folder {group_folder}"
        f" (2770 {owner}:{group}), and you are not in its group {group}"
        f" — ask to be added (sudo usermod -aG {group} root), then log in again"
    ]


def test_a_file_of_a_group_you_are_not_in_is_one_line(group_folder: Path):
    group_folder.chmod(0o2775)  # the folder is open to all; the file is not
    db = group_folder / "rollout.db"
    result = as_outsider(db, "status")
    assert "Traceback" not in result.stderr and result.returncode == 1
    owner, group = names(OUTSIDERS, OUTSIDERS)
    assert result.stderr.splitlines() == [
        f"Error: cannot open {db}: you may not read it (0660 {owner}:{group}), and you are"
        f" not in its group {group} — ask to be added (sudo usermod -aG {group} root),"
        " then log in again"
    ]


def test_the_doctor_says_you_are_not_in_the_group(group_folder: Path):
    result = as_outsider(group_folder / "rollout.db", "doctor")
    assert "Traceback" not in result.stderr and result.stderr == ""
    assert result.returncode == 1
    owner, group = names(OUTSIDERS, OUTSIDERS)
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"FAIL  access: you may not enter the folder {group_folder} (2770 {owner}:{group}),"
        f" and you are not in its group {group}"
        f" — ask to be added (sudo usermod -aG {group} root), then log in again"
    )
    assert [line.split(":")[0] for line in lines] == ["FAIL  access", "ok    sqlite"]


def test_added_to_the_group_after_logging_in_says_log_in_again(tmp_path, monkeypatch, cli_run):
    """Simulated in-process: the folder refuses us, and the group lists us as a member."""
    import grp
    import pwd

    from launchtui.services.doctor import run_checks as checks_of

    folder = tmp_path / "srv"
    folder.mkdir()
    db = folder / "rollout.db"
    seeded(db).close()
    real_stat, real_access = os.stat, os.access

    def stat_(path, *args, **kwargs):
        if str(path).startswith(str(folder) + os.sep):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    def access(path, mode, *args, **kwargs):
        if str(path) == str(folder):
            return False
        return real_access(path, mode, *args, **kwargs)

    member = grp.struct_group(("rollout", "x", 4242, [pwd.getpwuid(os.getuid()).pw_name]))
    monkeypatch.setattr(os, "stat", stat_)
    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "getgroups", lambda: [4343])  # not the folder's group
    monkeypatch.setattr(os, "getegid", lambda: 4343)
    monkeypatch.setattr(grp, "getgrgid", lambda gid: member)
    line = one_error_line(cli_run("status", db=db))
    assert line.startswith(f"Error: cannot open {db}: you may not enter the folder {folder}")
    assert line.endswith(
        "; you were added to its group rollout after you logged in — log out and in again"
    )
    access_check = checks_of(db)[0]
    assert access_check.name == "access" and access_check.level == FAIL
    assert "log out and in again" in access_check.line()
