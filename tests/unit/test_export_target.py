"""`launchtui.exporters.target`: where an export may be written, and writing it safely.

Issue 13: an export must never land on the shared database or its journals, however the
path is spelt; a file is replaced atomically; devices are written, not
replaced; a symlink's target is written; nothing world-writable is created. A named pipe
or a terminal is refused at once, never waited on (`-` is standard output).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
import threading
from contextlib import suppress
from pathlib import Path

import pytest

from launchtui.exporters.target import (
    ExportTarget,
    ExportTargetError,
    resolve_target,
    write_export,
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A real SQLite database in WAL mode holding one row."""
    path = tmp_path / "shared" / "rollout.db"
    path.parent.mkdir()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    return path


def still_whole(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]
    finally:
        conn.close()


def hello(stream) -> int:
    stream.write("a,b\r\n1,2\r\n")
    return 1


def refused(target, db: Path) -> str:
    with pytest.raises(ExportTargetError) as caught:
        write_export(target, hello, database=db)
    message = str(caught.value)
    assert "\n" not in message
    return message


def temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# -- the database and its journals ----------------------------------------------------


def test_the_database_itself_is_refused(db: Path):
    message = refused(db, db)
    assert message.startswith(f"will not write {db}: it is the shared database {db}")
    assert "destroy" in message
    still_whole(db)


def test_the_database_through_a_symlink_dotdot_relative_path_and_hard_link(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    link = tmp_path / "looks-harmless.csv"
    link.symlink_to(db)
    (tmp_path / "sub").mkdir()
    hard = tmp_path / "hard.csv"
    os.link(db, hard)
    folder_link = tmp_path / "exports"
    folder_link.symlink_to(db.parent, target_is_directory=True)
    monkeypatch.chdir(db.parent)
    for target in (
        link,
        tmp_path / "sub" / ".." / "shared" / "rollout.db",
        f"{tmp_path}/sub/../shared/rollout.db",
        "rollout.db",
        "./rollout.db",
        hard,
        folder_link / "rollout.db",
    ):
        message = refused(target, db)
        assert "shared database" in message, target
    assert hard.read_bytes() == db.read_bytes()
    still_whole(db)


def test_the_journals_are_refused_there_or_not(db: Path, tmp_path: Path):
    keep = sqlite3.connect(db)  # an open connection keeps -wal and -shm in place
    try:
        keep.execute("SELECT * FROM t").fetchall()
        assert Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists()
        for suffix in ("-wal", "-shm", "-journal"):
            message = refused(Path(f"{db}{suffix}"), db)
            assert f"it is the {suffix} file of the shared database {db}" in message
            assert "destroy the database" in message
        refused(tmp_path / "shared" / ".." / "shared" / "rollout.db-wal", db)
        hard = tmp_path / "wal-link"
        os.link(f"{db}-wal", hard)
        refused(hard, db)
    finally:
        keep.close()
    still_whole(db)


def test_a_database_named_through_a_symlink_still_guards_the_real_files(db: Path, tmp_path: Path):
    alias = tmp_path / "alias.db"
    alias.symlink_to(db)
    refused(db, alias)
    refused(f"{db}-wal", alias)
    refused(f"{alias}-shm", alias)
    refused(f"{db}-journal", alias)
    still_whole(db)


def test_other_files_beside_the_database_are_fine(db: Path):
    for name in ("rollout.db.csv", "rollout.db-wal.csv", "rollout.csv"):
        assert write_export(db.parent / name, hello, database=db) == 1
    still_whole(db)


# -- regular files: atomic, modes ----------------------------------------------------


def test_a_file_is_written_and_no_temporary_file_stays(tmp_path: Path):
    target = tmp_path / "out.csv"
    assert write_export(target, hello, database=None) == 1
    assert target.read_bytes() == b"a,b\r\n1,2\r\n"
    write_export(target, lambda s: s.write("new\n"), database=None)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert temps(tmp_path) == []


@pytest.mark.parametrize("error", [OSError(errno.EIO, "I/O error"), RuntimeError("boom")])
def test_a_failing_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path, error):
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")

    def half(stream) -> int:
        stream.write("x" * 200_000)  # past the buffer: part of it is on disk already
        raise error

    expected = ExportTargetError if isinstance(error, OSError) else RuntimeError
    with pytest.raises(expected) as caught:
        write_export(target, half, database=None)
    if expected is ExportTargetError:
        assert str(caught.value) == f"cannot write {target}: I/O error"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert temps(tmp_path) == []


def test_a_full_disk_at_fsync_leaves_the_old_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportTargetError) as caught:
        write_export(target, hello, database=None)
    assert str(caught.value) == f"cannot write {target}: the disk is full"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert temps(tmp_path) == []


def test_an_interrupted_write_leaves_the_old_file(tmp_path: Path):
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")

    def interrupted(stream):
        stream.write("new")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_export(target, interrupted, database=None)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert temps(tmp_path) == []


def test_a_new_file_is_never_world_writable(tmp_path: Path):
    before = os.umask(0)
    try:
        write_export(tmp_path / "open.csv", hello, database=None)
        os.umask(0o022)
        write_export(tmp_path / "usual.csv", hello, database=None)
        os.umask(0o077)
        write_export(tmp_path / "private.csv", hello, database=None)
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "open.csv").stat().st_mode) == 0o664
    assert stat.S_IMODE((tmp_path / "usual.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "private.csv").stat().st_mode) == 0o600


def test_a_file_written_over_keeps_its_mode_less_world_write(tmp_path: Path):
    kept, opened = tmp_path / "kept.csv", tmp_path / "opened.csv"
    for path, mode in ((kept, 0o640), (opened, 0o666)):
        path.write_text("old", encoding="utf-8")
        path.chmod(mode)
        write_export(path, hello, database=None)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert stat.S_IMODE(opened.stat().st_mode) == 0o664


def test_a_symlink_gets_its_target_written_and_stays_a_link(tmp_path: Path):
    real = tmp_path / "real" / "issues.csv"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_export(link, hello, database=None)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"a,b\r\n1,2\r\n"
    assert temps(real.parent) == [] and temps(tmp_path) == []
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "real" / "new.csv")
    write_export(dangling, hello, database=None)
    assert dangling.is_symlink() and (tmp_path / "real" / "new.csv").read_text() == "a,b\n1,2\n"


# -- devices, pipes, descriptors ------------------------------------------------------


def devices_intact(*paths: str) -> None:
    """Skip, rather than write into, device files that something turned into files."""
    for path in paths:
        if not stat.S_ISCHR(os.stat(path).st_mode):
            pytest.skip(f"{path} on this machine is not a character device (damaged before)")


def test_dev_null_is_written_and_stays_a_device(tmp_path: Path):
    devices_intact("/dev/null")
    assert write_export("/dev/null", hello, database=tmp_path / "x.db") == 1
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert resolve_target("/dev/null", database=None).direct


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_dev_full_says_the_disk_is_full_and_stays_a_device():
    devices_intact("/dev/full")
    with pytest.raises(ExportTargetError) as caught:
        write_export("/dev/full", hello, database=None)
    assert str(caught.value) == "cannot write /dev/full: the disk is full"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def export_in_a_thread(target, write=None) -> list[object]:
    """Run `write_export(target)` (or `write()`) in a thread and wait (5 s at most) for
    it to end: what it returned or raised. An export that still waits fails the test,
    after a reader freed it (the thread would hang the test run)."""
    outcome: list[object] = []

    def export() -> None:
        try:
            outcome.append(write() if write else write_export(target, hello, database=None))
        except Exception as exc:
            outcome.append(exc)

    worker = threading.Thread(target=export, daemon=True)
    worker.start()
    worker.join(5)
    if worker.is_alive():
        with suppress(OSError):
            os.close(os.open(target, os.O_RDONLY | os.O_NONBLOCK))
        worker.join(5)
        pytest.fail(f"write_export({target}) waited for a reader that never came")
    return outcome


@pytest.mark.parametrize("spelt", ["path", "symlink", "proc"])
def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path, spelt: str):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    target = {"path": fifo, "symlink": tmp_path / "export.csv"}.get(spelt)
    if spelt == "symlink":
        target.symlink_to(fifo)
    held = None
    if spelt == "proc":  # another process's descriptor of a pipe: opened by its path
        held = subprocess.Popen(["sleep", "30"], stdin=subprocess.PIPE)
        target = Path(f"/proc/{held.pid}/fd/0")
        if not target.exists():
            held.kill()
            pytest.skip("no /proc here")
    try:
        [outcome] = export_in_a_thread(target)
    finally:
        if held is not None:
            held.kill()
            held.wait()
    assert isinstance(outcome, ExportTargetError)
    assert str(outcome) == f"cannot write {target}: it is a named pipe, not a regular file"
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["pipe"] + (["export.csv"] if spelt == "symlink" else [])
    )


def test_a_fifo_with_a_reader_is_refused_too_and_the_reader_gets_nothing(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        [outcome] = export_in_a_thread(fifo)
        assert isinstance(outcome, ExportTargetError)
        assert "named pipe" in str(outcome)
        assert os.read(reader, 100) == b""  # not a byte written
    finally:
        os.close(reader)


def test_a_fifo_put_in_place_after_the_check_is_refused_as_it_is_opened(tmp_path: Path):
    """A file checked, then swapped for a pipe before it is opened: still no waiting."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    target = ExportTarget(str(fifo), str(fifo), "device")
    [outcome] = export_in_a_thread(fifo, lambda: target.write(hello))
    assert isinstance(outcome, ExportTargetError)
    assert str(outcome) == f"cannot write {fifo}: it is a named pipe, not a regular file"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_terminal_is_refused_without_a_byte_written():
    """Decided: a terminal is no place for an export file (in the app it would be drawn
    over the screen); `-o -` or no -o prints an export in the command line."""
    master, slave = os.openpty()
    try:
        name = os.ttyname(slave)
        [outcome] = export_in_a_thread(name)
        assert isinstance(outcome, ExportTargetError)
        assert str(outcome) == f"cannot write {name}: it is a terminal, not a regular file"
        os.set_blocking(master, False)
        with pytest.raises(BlockingIOError):
            os.read(master, 100)
    finally:
        os.close(master)
        os.close(slave)


def test_dev_tty_is_one_line_with_or_without_a_terminal():
    if not os.path.exists("/dev/tty"):
        pytest.skip("no /dev/tty here")
    [outcome] = export_in_a_thread("/dev/tty")
    assert isinstance(outcome, ExportTargetError)
    assert str(outcome).startswith("cannot write /dev/tty: ")  # a terminal, or none at all


def test_a_dash_is_standard_output_not_a_file_named_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    target = resolve_target("-", database=None)
    assert (target.kind, target.fd) == ("fd", 1)
    r, w = os.pipe()
    saved = os.dup(1)
    try:
        os.dup2(w, 1)
        write_export("-", hello, database=None)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(w)
    assert os.read(r, 100) == b"a,b\r\n1,2\r\n"
    os.close(r)
    assert list(tmp_path.iterdir()) == []


def test_a_socket_is_refused_as_no_regular_file(tmp_path: Path):
    import socket

    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(ExportTargetError) as caught:
            write_export(path, hello, database=None)
    finally:
        server.close()
    assert str(caught.value) == (
        f"cannot write {path}: it is not a regular file or a character device"
    )


def test_dev_fd_writes_through_a_copy_of_the_descriptor(tmp_path: Path):
    r, w = os.pipe()
    try:
        target = resolve_target(f"/dev/fd/{w}", database=None)
        assert target.direct
        target.write(hello)
        os.write(w, b"still open")
        assert os.read(r, 100) == b"a,b\r\n1,2\r\nstill open"
    finally:
        os.close(r)
        os.close(w)


def test_dev_stdout_onto_the_database_is_refused(db: Path):
    fd = os.open(db, os.O_RDONLY)
    try:
        message = refused(f"/dev/fd/{fd}", db)
        assert "shared database" in message
    finally:
        os.close(fd)
    still_whole(db)


@pytest.mark.parametrize(
    "path", ["-", "/dev/stdout", "/dev/stderr", "/dev/fd/1", "/proc/self/fd/2", "/dev/fd/{w}"]
)
def test_the_apps_own_descriptors_are_refused_where_they_are_its_screen(path: str):
    """In the TUI the process's standard streams are its screen (and any other descriptor
    its own business): an export there would be drawn over it. The command line writes
    them, as a shell's `>` or `|` means."""
    r, w = os.pipe()
    try:
        given = path.format(w=w)
        with pytest.raises(ExportTargetError) as caught:
            write_export(given, hello, database=None, own_streams=False)
        assert str(caught.value) == (
            f"cannot write {given}: in the app that is its own screen; name a file"
        )
        assert resolve_target(given, database=None).direct  # the command line: allowed
    finally:
        os.close(r)
        os.close(w)


# -- paths that name no file ----------------------------------------------------------


@pytest.mark.parametrize("empty", ["", "   "])
def test_an_empty_path_is_one_clear_line(empty: str, db: Path):
    assert refused(empty, db) == "no file name given: name the file to write the export to"


def test_a_folder_and_a_missing_folder_are_one_clear_line(tmp_path: Path):
    with pytest.raises(ExportTargetError) as caught:
        write_export(tmp_path, hello, database=None)
    assert str(caught.value) == f"cannot write {tmp_path}: it is a folder; name a file in it"
    missing = tmp_path / "no" / "such" / "x.csv"
    with pytest.raises(ExportTargetError) as caught:
        write_export(missing, hello, database=None)
    assert str(caught.value) == (
        f"cannot write {missing}: No such file or directory"
        f" (there is no folder {tmp_path / 'no' / 'such'})"
    )
    assert not (tmp_path / "no").exists()
    (tmp_path / "plain").write_text("x")
    with pytest.raises(ExportTargetError) as caught:
        write_export(tmp_path / "plain" / "x.csv", hello, database=None)
    assert str(caught.value).endswith(f"{tmp_path / 'plain'} is not a folder")


def test_messages_are_dutch_too(db: Path):
    from launchtui.text import i18n

    before = i18n.language()
    i18n.set_language("nl")
    try:
        message = refused(db, db)
    finally:
        i18n.set_language(before)
    assert message == (
        f"{db} wordt niet overschreven: dat is de gedeelde database {db};"
        " de export zou hem vernielen"
    )
