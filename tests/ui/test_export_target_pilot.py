"""Issue 13: the TUI's export dialog cannot write over the shared database or its journals,
and writes its file the way `-o` does (atomically, a symlink's target, never 0666)."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import sqlite3
import stat
from pathlib import Path

from launchtui.services.issues import IssueService
from launchtui.services.workspace import Workspace
from launchtui.tui.screens.export_dialog import ExportDialog

from .conftest import export_to, settle, ui_settings


def issue_titles(db: Path) -> list[str]:
    ws = Workspace(ui_settings(db, "rob"))
    try:
        return sorted(i.title for i in IssueService(ws).list())
    finally:
        ws.close()


def seed_issues(db: Path) -> None:
    ws = Workspace(ui_settings(db, "rob"))
    try:
        service = IssueService(ws)
        service.add("SSO fails for Paramaribo office", "major", tier=2)
        service.add("login page slow on mobile data", "minor")
    finally:
        ws.close()


def errors(app) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def refused(pilot, key: str, target: Path | str) -> str:
    """The dialog refuses `target` at once and stays open; escape closes it."""
    app = pilot.app
    app._notifications.clear()
    await export_to(pilot, key, Path(target))
    assert isinstance(app.screen, ExportDialog)  # still open: correct the path
    said = errors(app)
    assert len(said) == 1 and "\n" not in said[0], said
    await pilot.press("escape")
    await settle(pilot)
    assert not isinstance(app.screen, ExportDialog)
    return said[0]


async def test_the_export_dialog_refuses_the_database_by_any_name(make_app, plain_db, tmp_path):
    seed_issues(plain_db)
    before = issue_titles(plain_db)
    assert len(before) == 2
    link = tmp_path / "issues.csv"
    link.symlink_to(plain_db)
    hard = tmp_path / "hard.csv"
    os.link(plain_db, hard)
    (tmp_path / "sub").mkdir()
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        for target in (plain_db, link, tmp_path / "sub" / ".." / plain_db.name, hard):
            said = await refused(pilot, "e", target)
            assert said == (
                f"will not write {target}: it is the shared database {plain_db};"
                " the export would destroy it"
            )
        # The app holds the database open: its -wal and -shm are there.
        for suffix in ("-wal", "-shm"):
            assert Path(f"{plain_db}{suffix}").exists()
            said = await refused(pilot, "e", f"{plain_db}{suffix}")
            assert f"it is the {suffix} file of the shared database {plain_db}" in said
        await pilot.press("r")  # the rollout report and the paper checklists alike
        await settle(pilot)
        await refused(pilot, "e", plain_db)
        await pilot.press("c")
        await settle(pilot)
        await refused(pilot, "e", f"{plain_db}-wal")
    assert issue_titles(plain_db) == before
    conn = sqlite3.connect(plain_db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


async def test_an_empty_path_and_a_folder_are_one_line_each(make_app, tmp_path, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        said = await refused(pilot, "e", "   ")
        assert said == "no file name given: name the file to write the export to"
        said = await refused(pilot, "e", tmp_path)
        assert said == f"cannot write {tmp_path}: it is a folder; name a file in it"


async def test_standard_output_is_the_apps_own_screen_and_refused(make_app, plain_db):
    """`-` or /dev/stdout prints an export on the command line; in the app it would be
    drawn over the screen: one line, and the dialog stays open for a file name."""
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for path in ("-", "/dev/stdout"):
            said = await refused(pilot, "e", path)
            assert said == f"cannot write {path}: in the app that is its own screen; name a file"


async def test_the_dialog_writes_a_symlinks_target_atomically_never_world_writable(
    make_app, plain_db, tmp_path
):
    real = tmp_path / "shared" / "issues.csv"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o666)
    link = tmp_path / "issues.csv"
    link.symlink_to(real)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        messages = await export_to(pilot, "e", link)
        assert any(m.startswith("Wrote ") and str(link) in m for m in messages), messages
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("id,title,")
    assert stat.S_IMODE(real.stat().st_mode) == 0o664
    assert [p.name for p in real.parent.iterdir()] == ["issues.csv"]  # no temporary file


async def test_a_failing_export_leaves_the_old_file_whole(
    make_app, tmp_path, monkeypatch, plain_db
):
    target = tmp_path / "issues.csv"
    target.write_text("the export of yesterday\n", encoding="utf-8")
    real_export = IssueService.export

    def fails_half_way(self, fmt, stream, *args, **kwargs):
        real_export(self, fmt, stream, *args, **kwargs)
        stream.write("x" * 200_000)  # past any buffer: part of it reached the disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(IssueService, "export", fails_half_way)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await export_to(pilot, "e", target)
        said = errors(app)
    assert target.read_text(encoding="utf-8") == "the export of yesterday\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert said == [f"cannot write {target}: the disk is full"]


async def test_a_named_pipe_is_one_line_and_the_export_worker_does_not_wait(
    make_app, plain_db, tmp_path
):
    """The dialog's worker used to open the pipe and wait for a reader for ever."""
    seed_issues(plain_db)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        try:
            said = await asyncio.wait_for(refused(pilot, "e", fifo), timeout=10)
        except BaseException:
            with contextlib.suppress(OSError):  # free a worker waiting for a reader
                os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
            raise
        assert said == f"cannot write {fifo}: it is a named pipe, not a regular file"
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("fifo")) == ["fifo"]
    assert len(issue_titles(plain_db)) == 2
