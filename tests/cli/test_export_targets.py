"""Issue 13: `-o` can neither destroy the shared database nor replace what the path names.

Every export (`export issues|retro|checklists`, `comms announcement|weekly`) refuses
the database and its `-wal`, `-shm` and `-journal` files however the path is spelt,
writes a file atomically, writes devices and pipes directly, writes a symlink's target,
never creates a world-writable file, and says what is wrong in one line.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import launchtui
from launchtui.services.issues import IssueService

from .conftest import Run, fails, ok

REPO = Path(launchtui.__file__).resolve().parents[1]

EXPORTS = {
    "issues": ("export", "issues", "--format", "csv"),
    "retro": ("export", "retro", "--format", "md"),
    "checklists": ("export", "checklists", "--format", "md"),
    "announcement": ("comms", "announcement"),
}


@pytest.fixture
def logged(run: Run) -> Run:
    """The Acme CRM rollout with two issues and a retro note."""
    ok(run("issue", "add", "--title", "Login fails", "--severity", "major"))
    ok(run("issue", "add", "--title", "Typo", "--severity", "minor"))
    ok(run("retro", "add", "--kind", "lesson", "Train the champions first"))
    return run


def titles(run: Run) -> list[str]:
    """The database still opens and holds its issues."""
    return [i["title"] for i in json.loads(ok(run("issue", "list", "--json")))]


def assert_intact(run: Run, db: Path, before: bytes) -> None:
    assert titles(run) == ["Login fails", "Typo"]
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    assert db.read_bytes()[:16] == before[:16] == b"SQLite format 3\x00"


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- the database and its journals ----------------------------------------------------


@pytest.mark.parametrize("what", list(EXPORTS))
def test_o_the_database_itself_is_refused(logged: Run, db_path: Path, what: str):
    before = db_path.read_bytes()
    line = fails(logged(*EXPORTS[what], "-o", str(db_path)))
    assert line == (
        f"Error: will not write {db_path}: it is the shared database {db_path};"
        " the export would destroy it"
    )
    assert_intact(logged, db_path, before)


@pytest.mark.parametrize("what", list(EXPORTS))
def test_o_the_database_by_another_name_is_refused(
    logged: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str
):
    before = db_path.read_bytes()
    link = tmp_path / "report.csv"
    link.symlink_to(db_path)
    hard = tmp_path / "hard-link.csv"
    os.link(db_path, hard)
    (tmp_path / "dir").mkdir()
    monkeypatch.chdir(tmp_path / "dir")
    for target in (str(link), f"{tmp_path}/dir/../{db_path.name}", f"../{db_path.name}", str(hard)):
        line = fails(logged(*EXPORTS[what], "-o", target, db=db_path))
        assert line.startswith(f"Error: will not write {target}: it is the shared database "), line
        assert_intact(logged, db_path, before)
    assert link.is_symlink()


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
@pytest.mark.parametrize("what", ["issues", "retro", "checklists"])
def test_o_a_journal_of_the_database_is_refused(logged: Run, db_path: Path, what: str, suffix: str):
    before = db_path.read_bytes()
    keep = sqlite3.connect(db_path)  # a session still open: -wal and -shm are there
    try:
        keep.execute("SELECT count(*) FROM issues").fetchone()
        assert Path(f"{db_path}-wal").exists() and Path(f"{db_path}-shm").exists()
        target = f"{db_path}{suffix}"
        line = fails(logged(*EXPORTS[what], "-o", target))
        assert line == (
            f"Error: will not write {target}: it is the {suffix} file of the shared database"
            f" {db_path}; the export would destroy the database"
        )
        assert keep.execute("SELECT count(*) FROM issues").fetchone() == (2,)
    finally:
        keep.close()
    assert not Path(f"{db_path}-journal").exists()
    assert_intact(logged, db_path, before)


# -- files: atomic, symlinks, modes ---------------------------------------------------


def test_a_failing_export_leaves_the_old_file_and_no_temporary_file(
    logged: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = tmp_path / "issues.csv"
    target.write_text("the export of yesterday\n", encoding="utf-8")
    real_export = IssueService.export

    def fails_half_way(self, fmt, stream, *args, **kwargs):
        real_export(self, fmt, stream, *args, **kwargs)
        stream.write("x" * 200_000)  # past any buffer: part of it reached the disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(IssueService, "export", fails_half_way)
    line = fails(logged("export", "issues", "--format", "csv", "-o", str(target)))
    assert line == f"Error: cannot write {target}: the disk is full"
    assert target.read_text(encoding="utf-8") == "the export of yesterday\n"
    assert temps(tmp_path) == []


def test_a_symlink_gets_its_target_written_and_stays_a_link(logged: Run, tmp_path: Path):
    real = tmp_path / "shared-exports" / "issues.csv"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    out = ok(logged("export", "issues", "--format", "csv", "-o", str(link)))
    assert out == f"Wrote 2 issues to {link}\n"
    assert link.is_symlink() and os.readlink(link) == str(real)
    rows = list(csv.DictReader(io.StringIO(real.read_text(encoding="utf-8"), newline="")))
    assert [r["title"] for r in rows] == ["Login fails", "Typo"]
    assert temps(tmp_path) == [] and temps(real.parent) == []


@pytest.mark.parametrize("what", list(EXPORTS))
def test_under_umask_000_the_export_is_not_world_writable(logged: Run, tmp_path: Path, what: str):
    target = tmp_path / f"{what}.out"
    before = os.umask(0)
    try:
        ok(logged(*EXPORTS[what], "-o", str(target)))
    finally:
        os.umask(before)
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_a_world_writable_file_written_over_loses_world_write(logged: Run, tmp_path: Path):
    target = tmp_path / "issues.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o666)
    ok(logged("export", "issues", "--format", "csv", "-o", str(target)))
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


# -- devices and pipes ----------------------------------------------------------------


@pytest.fixture
def real_devices(logged: Run, tmp_path: Path) -> None:
    """Tests that name /dev/null, /dev/full or /dev/stdout run only once a symlink to
    /dev/null is written through and kept: code that replaces what `-o` names would,
    run as root, turn the machine's devices into regular files."""
    if not stat.S_ISCHR(os.stat("/dev/null").st_mode):
        pytest.skip("/dev/null on this machine is not a character device (damaged before)")
    link = tmp_path / "null-link"
    link.symlink_to("/dev/null")
    result = logged("export", "issues", "--format", "csv", "-o", str(link))
    if result.exit_code != 0 or not link.is_symlink():
        pytest.fail("-o replaces a symlink to /dev/null: /dev itself is left untried")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("what", list(EXPORTS))
def test_o_dev_null_works_and_says_so_on_stderr(logged: Run, real_devices, what: str):
    result = logged(*EXPORTS[what], "-o", "/dev/null")
    assert ok(result) == ""
    assert "/dev/null" in result.stderr.splitlines()[0]
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("what", list(EXPORTS))
def test_o_dev_full_is_one_line_and_stays_a_device(logged: Run, real_devices, what: str):
    if not stat.S_ISCHR(os.stat("/dev/full").st_mode):
        pytest.skip("/dev/full on this machine is not a character device (damaged before)")
    line = fails(logged(*EXPORTS[what], "-o", "/dev/full"))
    assert line == "Error: cannot write /dev/full: the disk is full"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def launchtui_process(
    db: Path, *args: str, stdout=subprocess.PIPE, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAUNCHTUI_")}
    env["PYTHONPATH"] = str(REPO)
    options = ["--db", str(db), "--user", "ana", "--today", "2026-11-07"]
    return subprocess.run(
        [sys.executable, "-m", "launchtui", *options, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        check=False,
        timeout=60,  # an export that waits on its target fails, it does not hang the run
    )


def test_o_dev_stdout_writes_the_data_to_standard_output(logged: Run, real_devices, db_path: Path):
    done = launchtui_process(db_path, "export", "issues", "--format", "csv", "-o", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode(), newline="")))
    assert [r["title"] for r in rows] == ["Login fails", "Typo"]  # nothing else in the data
    assert done.stderr.decode() == "Wrote 2 issues to /dev/stdout\n"


def test_o_dev_stdout_into_a_file_writes_that_file_in_place(
    logged: Run, real_devices, db_path: Path, tmp_path: Path
):
    out = tmp_path / "redirected.csv"
    with out.open("wb") as stdout:
        inode = os.fstat(stdout.fileno()).st_ino
        args = ("export", "issues", "--format", "csv", "-o", "/dev/stdout")
        done = launchtui_process(db_path, *args, stdout=stdout)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_ino == inode  # the shell's file, not a new one renamed over it
    assert out.read_bytes().startswith(b"id,title,")
    assert temps(tmp_path) == []


def test_o_dev_stdout_onto_the_database_is_refused(logged: Run, real_devices, db_path: Path):
    before = db_path.read_bytes()
    with db_path.open("ab") as stdout:  # `launchtui ... -o /dev/stdout >> rollout.db`
        done = launchtui_process(
            db_path, "export", "issues", "--format", "csv", "-o", "/dev/stdout", stdout=stdout
        )
    assert done.returncode == 1
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and "it is the shared database" in lines[0], lines
    assert_intact(logged, db_path, before)


def test_o_dash_writes_the_data_to_standard_output_not_a_file_named_dash(
    logged: Run, db_path: Path, tmp_path: Path
):
    folder = tmp_path / "here"
    folder.mkdir()
    done = launchtui_process(db_path, "export", "issues", "--format", "csv", "-o", "-", cwd=folder)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode(), newline="")))
    assert [r["title"] for r in rows] == ["Login fails", "Typo"]
    assert done.stderr.decode() == "Wrote 2 issues to -\n"
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("what", list(EXPORTS))
def test_o_a_named_pipe_is_one_line_at_once_not_a_wait_for_a_reader(
    logged: Run, db_path: Path, tmp_path: Path, what: str
):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    before = db_path.read_bytes()
    try:
        done = launchtui_process(db_path, *EXPORTS[what], "--output", str(fifo))
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):  # free the waiting writer
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        pytest.fail(f"-o {fifo} waited for a reader")
    assert done.returncode == 1
    assert done.stdout == b""
    assert done.stderr.decode().splitlines() == [
        f"Error: cannot write {fifo}: it is a named pipe, not a regular file"
    ]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "rollout.db") == ["fifo"]
    assert_intact(logged, db_path, before)


# -- paths that name no file ----------------------------------------------------------


@pytest.mark.parametrize("what", list(EXPORTS))
@pytest.mark.parametrize("empty", ["", "  "])
def test_o_empty_is_one_clear_line(logged: Run, what: str, empty: str):
    line = fails(logged(*EXPORTS[what], "-o", empty))
    assert line == "Error: no file name given: name the file to write the export to"


def test_o_a_folder_is_one_clear_line(logged: Run, tmp_path: Path):
    line = fails(logged("export", "issues", "--format", "csv", "-o", str(tmp_path)))
    assert line == f"Error: cannot write {tmp_path}: it is a folder; name a file in it"
    assert tmp_path.is_dir()


def test_o_in_a_missing_folder_names_the_folder(logged: Run, tmp_path: Path):
    target = tmp_path / "no" / "x.csv"
    line = fails(logged("export", "checklists", "-o", str(target)))
    assert f"there is no folder {tmp_path / 'no'}" in line
    assert not (tmp_path / "no").exists()


def test_refusals_are_in_dutch_too(logged: Run, db_path: Path):
    args = ("--lang", "nl", "export", "issues", "--format", "csv", "-o", str(db_path))
    line = fails(logged(*args), prefix="Fout: ")
    assert line == (
        f"Fout: {db_path} wordt niet overschreven: dat is de gedeelde database {db_path};"
        " de export zou hem vernielen"
    )
