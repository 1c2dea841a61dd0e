"""A large `metrics import` writes in short batches and shows its rows only once complete.

Each batch is its own `BEGIN IMMEDIATE` transaction, so another coordinator's write gets
in between batches instead of waiting for the whole file; the rows carry their import's
id and are shown only once the import's last transaction marks it saved, so an import
that fails, is interrupted or dies half-way shows nothing, and what it wrote is removed.

The `workspace` fixture holds the Acme CRM rollout (launch 2026-11-03, phased), today
2026-11-07, user "ana". Batch sizes here are tiny so that a few rows make many batches.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from sqlite_utils.utils import sqlite3

import launchtui.services.adoption as adoption_service
import launchtui.services.csv_source as csv_source
from launchtui.domain.metrics import Figures
from launchtui.domain.rollout import Actor
from launchtui.services.adoption import (
    AdoptionService,
    ImportProgress,
    ImportResult,
    ImportStopped,
)
from launchtui.services.csv_source import split_lines
from launchtui.services.workspace import UserError, Workspace
from launchtui.store import Store, adoption_log
from launchtui.store.database import FULL, StoreError
from launchtui.store.schema import MIGRATION_NAMES, MIGRATIONS

ANA = Actor("ana", "ana")
WAIT_S = 10  # waits for another thread end on a condition; this is only the give-up time


@pytest.fixture
def service(workspace: Workspace) -> AdoptionService:
    return AdoptionService(workspace)


@pytest.fixture
def other(workspace: Workspace) -> Iterator[Store]:
    """A second coordinator's connection to the same file, which never waits for a lock:
    its write fails at once ("busy") unless nobody holds the write lock."""
    store = Store.open(workspace.settings.db_path)
    store.db.conn.execute("PRAGMA busy_timeout = 0")
    yield store
    store.close()


def survey(tmp_path: Path, rows: int, name: str = "survey.csv") -> Path:
    """`rows` good rows after a header: line n + 1 holds row n (nps = n % 100)."""
    path = tmp_path / name
    lines = ["date,phase,active,nps\n"]
    lines += [f"2026-11-0{3 + n % 5},{1 + n % 4},{n % 101},{n % 100}\n" for n in range(rows)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def raw_figures(store: Store) -> int:
    """Rows in the figures table, shown or not."""
    return store.db.execute("SELECT count(*) FROM figures").fetchone()[0]


# -- batches ------------------------------------------------------------------------------


def test_another_writer_gets_in_between_batches(service: AdoptionService, other: Store, tmp_path):
    path = survey(tmp_path, 100)
    first_batch, other_wrote = threading.Event(), threading.Event()
    seen: list[int] = []
    outcome: dict[str, object] = {}

    def progress(step: ImportProgress) -> None:
        seen.append(step.rows)
        if len(seen) == 1:
            first_batch.set()
            assert other_wrote.wait(WAIT_S)

    def run() -> None:
        try:
            outcome["result"] = service.import_figures(path, progress=progress, batch_rows=10)
        except BaseException as exc:  # handed to the test thread
            outcome["error"] = exc

    importer = threading.Thread(target=run)
    importer.start()
    try:
        assert first_batch.wait(WAIT_S)
        # The import has committed a batch and goes on; the write lock is free meanwhile.
        issue = other.issues.add("Printer", "minor", ANA, dt.datetime.now(dt.UTC))
        assert issue.id == 1
        # ... and the import's rows are not shown before it is complete.
        assert other.adoption.figures() == []
        assert raw_figures(other) == 10
    finally:
        other_wrote.set()
        importer.join(WAIT_S)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["result"] == ImportResult(saved=100, errors=[], bad=0)
    assert seen == list(range(10, 101, 10))
    assert len(other.adoption.figures()) == 100


def test_progress_tells_rows_line_and_share_of_the_file(service: AdoptionService, tmp_path):
    path = survey(tmp_path, 25)
    steps: list[ImportProgress] = []
    result = service.import_figures(path, progress=steps.append, batch_rows=10)
    assert result.saved == 25
    assert [s.rows for s in steps] == [10, 20, 25]
    assert [s.line for s in steps] == [11, 21, 26]
    fractions = [s.fraction for s in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(0 < f <= 1 for f in fractions)


def test_a_small_import_is_one_transaction(service: AdoptionService, tmp_path):
    path = survey(tmp_path, 3)
    steps: list[ImportProgress] = []
    assert service.import_figures(path, progress=steps.append) == ImportResult(3, [], 0)
    assert [s.rows for s in steps] == [3]


def test_import_csv_still_answers_rows_saved_and_errors(service: AdoptionService, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("active,nps\n80,1\n101,1\n81,2\n", encoding="utf-8")
    assert service.import_csv(path) == (
        2,
        [f"{path}:3: active_weekly: 101 is not between 0 and 100"],
    )


def test_bad_rows_are_all_counted_but_only_the_first_are_kept(
    service: AdoptionService, tmp_path, monkeypatch
):
    monkeypatch.setattr(adoption_service, "MAX_ERRORS_KEPT", 5)
    path = tmp_path / "s.csv"
    path.write_text("active\n" + "101\n" * 40 + "80\n", encoding="utf-8")
    result = service.import_figures(path, batch_rows=10)
    assert (result.saved, result.bad, len(result.errors)) == (1, 40, 5)
    assert result.errors[0] == f"{path}:2: active_weekly: 101 is not between 0 and 100"


# -- a failed import shows nothing -----------------------------------------------------------


def test_an_interrupted_import_saves_nothing_and_removes_what_it_wrote(
    service: AdoptionService, workspace: Workspace, tmp_path
):
    path = survey(tmp_path, 100)

    def progress(step: ImportProgress) -> None:
        if step.rows == 30:
            raise KeyboardInterrupt

    with pytest.raises(ImportStopped) as stopped:
        service.import_figures(path, progress=progress, batch_rows=10)
    assert stopped.value.interrupted
    assert str(stopped.value) == f"{path}: import interrupted; nothing was saved"
    store = workspace.store
    assert store.adoption.figures() == []
    assert raw_figures(store) == 0
    ends = store.db.execute("SELECT outcome, rows FROM figure_import_ends").fetchall()
    assert ends == [("abandoned", 0)]


def test_an_interrupt_after_the_last_transaction_landed_saved_everything(
    service: AdoptionService, workspace: Workspace, tmp_path
):
    path = survey(tmp_path, 25)

    def progress(step: ImportProgress) -> None:
        if step.rows == 25:  # told after the import's last transaction committed
            raise KeyboardInterrupt

    assert service.import_figures(path, progress=progress, batch_rows=10) == ImportResult(25, [], 0)
    assert len(service.figures()) == 25


def test_a_long_file_of_bad_rows_shows_progress_too(service: AdoptionService, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("active\n" + "101\n" * 25, encoding="utf-8")
    steps: list[ImportProgress] = []
    result = service.import_figures(path, progress=steps.append, batch_rows=10)
    assert (result.saved, result.bad) == (0, 25)
    assert [(s.rows, s.line) for s in steps] == [(0, 11), (0, 21)]


def test_a_full_disk_half_way_saves_nothing_and_says_so(
    service: AdoptionService, workspace: Workspace, tmp_path
):
    path = survey(tmp_path, 100)
    # The disk fills up while the 5th batch (rows 40-49) is written.
    workspace.store.db.execute(
        "CREATE TEMP TRIGGER full BEFORE INSERT ON figures WHEN NEW.nps = 45"
        " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    steps: list[ImportProgress] = []
    with pytest.raises(ImportStopped) as stopped:
        service.import_figures(path, progress=steps.append, batch_rows=10)
    assert not stopped.value.interrupted
    assert str(stopped.value) == f"{path}: import failed (the disk is full); nothing was saved"
    assert [s.rows for s in steps] == [10, 20, 30, 40]
    assert workspace.store.adoption.figures() == []
    assert raw_figures(workspace.store) == 0


def test_a_file_that_turns_out_not_to_be_text_saves_nothing(
    service: AdoptionService, workspace: Workspace, tmp_path, monkeypatch
):
    monkeypatch.setattr(csv_source, "READ_BYTES", 16)  # read the file in small pieces
    path = tmp_path / "s.csv"
    good = "active\n" + "80\n" * 50
    path.write_bytes(good.encode() + b"8\xff0\n")
    with pytest.raises(UserError) as error:
        service.import_figures(path, batch_rows=10)
    assert str(error.value) == (
        f"{path}: not UTF-8 text (byte {len(good) + 2}); save it as 'CSV UTF-8'"
    )
    assert raw_figures(workspace.store) == 0


def test_a_file_over_the_limit_is_refused_before_anything_is_written(
    service: AdoptionService, workspace: Workspace, tmp_path, monkeypatch
):
    monkeypatch.setattr(csv_source, "MAX_IMPORT_BYTES", 1024 * 1024)
    path = survey(tmp_path, 60_000)  # ~1.2 MB
    with pytest.raises(UserError) as error:
        service.import_figures(path, batch_rows=10)
    assert str(error.value) == f"{path}: larger than 1 MB; split it"
    assert raw_figures(workspace.store) == 0


def test_the_limit_fits_a_million_rows():
    assert csv_source.MAX_IMPORT_BYTES >= 200 * 1024 * 1024


def test_an_import_that_died_half_way_is_never_shown(
    service: AdoptionService, workspace: Workspace, other: Store
):
    store = workspace.store
    job = store.adoption.start_import("dead.csv", ANA, workspace.now(), batch_rows=2)
    for n in range(5):
        job.add(Figures(1, dt.date(2026, 11, 6), active_weekly=50 + n))
    # ... and the process is killed here: 4 rows committed, never finished.
    assert raw_figures(other) == 4
    assert other.adoption.figures() == []
    assert service.figures() == []


def test_the_next_import_removes_one_that_died_a_day_ago(
    service: AdoptionService, workspace: Workspace, tmp_path, monkeypatch
):
    store = workspace.store
    now = dt.datetime.now(dt.UTC)
    # How old an import is goes by the real clock, not by --today (a rehearsal's pretend
    # date must not make someone's running import look dead).
    monkeypatch.setattr(adoption_log, "wall_clock", lambda: now - dt.timedelta(hours=25))
    job = store.adoption.start_import("dead.csv", ANA, workspace.now(), batch_rows=2)
    for n in range(5):
        job.add(Figures(1, dt.date(2026, 11, 4), active_weekly=50 + n))
    monkeypatch.setattr(adoption_log, "wall_clock", lambda: now - dt.timedelta(hours=23))
    recent = store.adoption.start_import("running.csv", ANA, workspace.now(), batch_rows=2)
    recent.add(Figures(1, dt.date(2026, 11, 4), active_weekly=1))
    recent.add(Figures(1, dt.date(2026, 11, 4), active_weekly=2))
    assert raw_figures(store) == 6
    monkeypatch.setattr(adoption_log, "wall_clock", lambda: now)
    assert service.import_figures(survey(tmp_path, 3)).saved == 3
    # The dead one's rows are gone; one that may still be running elsewhere is left alone.
    assert raw_figures(store) == 2 + 3
    assert len(service.figures()) == 3
    assert recent.finish() == 2
    assert len(service.figures()) == 5
    ends = store.db.execute("SELECT outcome, rows FROM figure_import_ends ORDER BY import_id")
    assert ends.fetchall() == [("abandoned", 0), ("saved", 2), ("saved", 3)]


def test_saved_figures_can_still_never_be_deleted(service: AdoptionService, workspace, tmp_path):
    service.record(active=80)
    service.import_figures(survey(tmp_path, 3))
    for where in ("import_id IS NULL", "import_id IS NOT NULL"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            workspace.store.db.execute(f"DELETE FROM figures WHERE {where}")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        workspace.store.db.execute("UPDATE figures SET nps = 0")
    assert len(service.figures()) == 4


def test_a_failed_write_is_a_store_error_at_the_store_level(workspace: Workspace):
    store = workspace.store
    store.db.execute(
        "CREATE TEMP TRIGGER full BEFORE INSERT ON figures"
        " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    job = store.adoption.start_import("x.csv", ANA, workspace.now(), batch_rows=2)
    job.add(Figures(1, dt.date(2026, 11, 4), active_weekly=1))
    with pytest.raises(StoreError, match=FULL):
        job.add(Figures(1, dt.date(2026, 11, 4), active_weekly=2))
    assert job.abandon() is None
    assert raw_figures(store) == 0


def test_the_migration_is_recorded():
    assert "m007_figure_imports" in MIGRATION_NAMES


def test_figures_recorded_before_the_upgrade_stay_shown_and_undeletable(tmp_path: Path):
    path = tmp_path / "older.db"
    older = sqlite_utils.Migrations("launchtui")
    for fn in MIGRATIONS:
        older()(fn)
    raw = sqlite_utils.Database(path)
    older.apply(raw, stop_before="m007_figure_imports")
    raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
    raw.execute(
        "INSERT INTO figures (phase, date, active_weekly, user, login, recorded_at)"
        " VALUES (1, '2026-11-05', 81, 'ana', 'ana', '2026-11-05T09:00:00+00:00')"
    )
    raw.conn.commit()
    raw.close()
    store = Store.open(path)
    try:
        assert [f.active_weekly for f in store.adoption.figures()] == [81]
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.db.execute("DELETE FROM figures")
    finally:
        store.close()


# -- reading the file as it comes ------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_split_lines_cuts_lines_as_open_with_newline_empty_does(seed: int):
    rng = random.Random(seed)
    pieces = ["a", "b,c", "\r", "\n", "\r\n", '"', "\x0c", "\u2028", "\x85", "\x1e", "é"]
    text = "".join(rng.choice(pieces) for _ in range(400))
    cuts = sorted(rng.sample(range(1, len(text)), 30))
    chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    assert list(split_lines(chunks)) == list(io.StringIO(text, newline=""))
