"""`launchtui metrics import FILE.csv` of a large file: progress on a terminal only, and a
failed import says in one line that nothing was saved.

Every run pretends today is 2026-11-07 and acts as "ana" on the Acme CRM rollout
(launch 2026-11-03, phased template). Batches are made tiny so a few rows make several.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import launchtui.cli.adoption as cli_adoption
import launchtui.services.adoption as adoption_service
from launchtui.store.adoption_log import FigureImport
from launchtui.store.database import FULL, StoreError

from .conftest import Run, fails, ok

ROWS = 7


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    path = tmp_path / "survey.csv"
    lines = ["date,phase,active,nps\n"]
    lines += [f"2026-11-0{3 + n % 5},1,{80 + n},{n}\n" for n in range(ROWS)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(adoption_service, "BATCH_ROWS", 2)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Standard error is a terminal, and the import has run for long enough: progress shows.

    Returns the clock's readings to come (seconds); each read takes the next one, the last
    one stays."""
    readings = [0.0]
    monkeypatch.setattr(cli_adoption, "_stderr_is_terminal", lambda: True)

    def clock() -> float:
        return readings.pop(0) if len(readings) > 1 else readings[0]

    monkeypatch.setattr(cli_adoption, "_clock", clock)
    monkeypatch.setattr(cli_adoption, "_terminal_width", lambda: 500)  # a long tmp_path fits
    return readings


def percent_read(path: Path, lines: int) -> int:
    """How much of the file its first `lines` lines are, in whole percent (rounded down)."""
    text = path.read_text(encoding="utf-8")
    return 100 * len("".join(text.splitlines(keepends=True)[:lines])) // len(text)


def listed(run: Run) -> list[dict]:
    return json.loads(ok(run("metrics", "list", "--json")))


# -- output stays as it was ---------------------------------------------------------------


def test_not_on_a_terminal_nothing_but_the_count(run: Run, survey: Path, small_batches):
    result = run("metrics", "import", str(survey))
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"saved {ROWS} rows\n", "")
    assert len(listed(run)) == ROWS


def test_bad_rows_are_reported_as_before(run: Run, tmp_path: Path, small_batches):
    path = tmp_path / "s.csv"
    path.write_text("active,nps\n80,1\n101,1\n81,2\n82,x\n83,3\n", encoding="utf-8")
    result = run("metrics", "import", str(path))
    assert result.exit_code == 1
    assert result.stdout == "saved 3 rows\n"
    assert result.stderr.splitlines() == [
        f"{path}:3: active_weekly: 101 is not between 0 and 100",
        f"{path}:5: nps: x is not a number",
    ]


def test_more_bad_rows_than_shown_are_counted(run: Run, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(adoption_service, "MAX_ERRORS_KEPT", 3)
    monkeypatch.setattr(cli_adoption, "MAX_ERRORS_SHOWN", 2)
    path = tmp_path / "s.csv"
    path.write_text("active\n" + "101\n" * 6 + "80\n", encoding="utf-8")
    result = run("metrics", "import", str(path))
    assert result.exit_code == 1
    assert result.stdout == "saved 1 row\n"
    assert result.stderr.splitlines()[2:] == [f"{path}: 4 more bad rows not shown"]


# -- progress --------------------------------------------------------------------------------


def test_a_quick_import_on_a_terminal_shows_no_progress(
    run: Run, survey: Path, small_batches, terminal
):
    terminal[:] = [0.0]  # the clock stands still: well within the first second
    result = run("metrics", "import", str(survey))
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"saved {ROWS} rows\n", "")


def test_a_long_import_on_a_terminal_shows_progress_in_place_and_clears_it(
    run: Run, survey: Path, small_batches, terminal
):
    terminal[:] = [0.0, 1.5, 1.6, 2.0, 2.5]  # start; then after each batch
    result = run("metrics", "import", str(survey))
    assert result.exit_code == 0
    assert result.stdout == f"saved {ROWS} rows\n"
    shown = result.stderr.split("\r")
    assert shown[0] == ""
    # 1.5 s: shown; 1.6 s: too soon after the last; 2.0 s and 2.5 s: shown; then cleared.
    assert shown[1:] == [
        f"importing {survey}: 2 rows, {percent_read(survey, 3)}%\x1b[K",
        f"importing {survey}: 6 rows, {percent_read(survey, 7)}%\x1b[K",
        f"importing {survey}: 7 rows, 100%\x1b[K",
        "\x1b[K",
    ]


def test_progress_fits_the_terminal(run: Run, tmp_path: Path, small_batches, terminal, monkeypatch):
    monkeypatch.setattr(cli_adoption, "_terminal_width", lambda: 30)
    path = tmp_path / ("a-rather-long-folder-name-" * 3) / "survey.csv"
    path.parent.mkdir()
    path.write_text("active\n80\n81\n82\n", encoding="utf-8")
    terminal[:] = [0.0, 5.0]
    result = run("metrics", "import", str(path))
    assert result.exit_code == 0
    lines = [part.removesuffix("\x1b[K") for part in result.stderr.split("\r")[1:]]
    assert lines[0].endswith(f"2 rows, {percent_read(path, 3)}%") and len(lines[0]) == 29
    assert lines[0].startswith("...")
    assert lines[-1] == ""


def test_progress_in_dutch(run: Run, survey: Path, small_batches, terminal):
    terminal[:] = [0.0, 5.0]
    result = run("--lang", "nl", "metrics", "import", str(survey))
    assert result.exit_code == 0
    assert f"\r{survey} importeren: 2 rijen, {percent_read(survey, 3)}%\x1b[K" in result.stderr


# -- a failed import ---------------------------------------------------------------------------


def failing_write(monkeypatch: pytest.MonkeyPatch, error: BaseException, at: int = 2) -> None:
    """The `at`-th batch's transaction fails with `error` (rolled back, as SQLite does)."""
    real = FigureImport._write
    calls = []

    def write(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == at:
            raise error
        return real(self, *args, **kwargs)

    monkeypatch.setattr(FigureImport, "_write", write)


def test_ctrl_c_half_way_saves_nothing_and_says_so(
    run: Run, survey: Path, small_batches, terminal, monkeypatch
):
    terminal[:] = [0.0, 5.0]
    failing_write(monkeypatch, KeyboardInterrupt())
    result = run("metrics", "import", str(survey))
    assert result.exit_code == 130
    assert result.stdout == ""
    # The progress line is cleared before the one line that tells what happened.
    assert result.stderr.endswith(
        f"\r\x1b[KError: {survey}: import interrupted; nothing was saved\n"
    )
    assert listed(run) == []


def test_a_full_disk_half_way_saves_nothing_and_says_so(
    run: Run, survey: Path, small_batches, monkeypatch
):
    failing_write(monkeypatch, StoreError(FULL), at=3)
    line = fails(run("metrics", "import", str(survey)))
    assert line == f"Error: {survey}: import failed (the disk is full); nothing was saved"
    assert listed(run) == []


def test_a_failed_import_in_dutch(run: Run, survey: Path, small_batches, monkeypatch):
    failing_write(monkeypatch, KeyboardInterrupt())
    result = run("--lang", "nl", "metrics", "import", str(survey))
    assert result.exit_code == 130
    assert result.stderr == f"Fout: {survey}: import onderbroken; er is niets opgeslagen\n"
