"""Fixtures shared by the unit, command-line, UI and end-to-end tests.

Every fixture pins the date (2026-11-07) and the user ("ana"), so no test depends on the
real calendar or on who runs it. The rollout they set up is "Acme CRM", launching
2026-11-03 on the phased template: today is day 4 after launch, in the first week.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from launchtui.cli.main import cli
from launchtui.domain.rollout import Rollout
from launchtui.services.rehearsal import TEST_CLOCK
from launchtui.services.settings import Settings
from launchtui.services.workspace import Workspace
from launchtui.text import i18n

TODAY = dt.date(2026, 11, 7)
LAUNCH = dt.date(2026, 11, 3)
USER = "ana"
TOOL = "Acme CRM"


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _no_launchtui_env(monkeypatch: pytest.MonkeyPatch, _cache_dir: Path) -> None:
    """Keep a developer's LAUNCHTUI_* variables from steering any test (cheap: env only).

    The clock hook `_LAUNCHTUI_TEST_REAL_TODAY` (launchtui/services/rehearsal.py, not offered to
    users) fixes the real date at 2026-11-07 for every test and every process a test
    starts: `--today 2026-11-07` is then no rehearsal, and writes reach the test's own
    database. Only the rehearsal tests pass another `--today` (a rehearsal, on a copy).
    """
    for name in ("LAUNCHTUI_DB", "LAUNCHTUI_USER", "LAUNCHTUI_LANG", "LAUNCHTUI_READONLY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(TEST_CLOCK, TODAY.isoformat())
    # Parsed checklists are cached in the tests' own folder, never the user's ~/.cache.
    monkeypatch.setenv("LAUNCHTUI_CACHE_DIR", str(_cache_dir))


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    """The language of the texts is process-wide: a test that switches the app to Dutch
    leaves the next test in the same process starting in English all the same."""
    yield
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's database lives; the file does not exist yet."""
    return tmp_path / "rollout.db"


@pytest.fixture
def settings(db_path: Path) -> Settings:
    """Settings for user "ana" on `db_path`, pretending today is 2026-11-07."""
    return Settings.resolve(db=str(db_path), user=USER, today=TODAY)


@pytest.fixture
def workspace(settings: Settings) -> Iterator[Workspace]:
    """A workspace whose database holds the Acme CRM rollout (launch 2026-11-03, phased)."""
    ws = Workspace(settings)
    ws.init(Rollout(TOOL, LAUNCH, "phased"))
    yield ws
    ws.close()


@pytest.fixture
def cli_run(db_path: Path) -> Callable[..., Result]:
    """Run the `launchtui` command line in-process and return click's Result.

    The global options come first: ``--db db_path --user ana --today 2026-11-07``;
    pass ``user=`` or ``today=`` to act as someone else or on another day, ``db=`` for
    another file. ``result.stdout`` and ``result.stderr`` are kept apart.

    ``today`` also fixes the real date for the run (the clock hook `TEST_CLOCK`), so
    the ``--today`` given equals it and is no rehearsal: the run writes to `db_path`.
    The rehearsal tests (tests/cli/test_rehearsal_cli.py) run the command line themselves.
    """

    def run(
        *args: str,
        user: str = USER,
        today: str = TODAY.isoformat(),
        db: Path | str | None = None,
        input: str | None = None,
    ) -> Result:
        options = ["--db", str(db or db_path), "--user", user, "--today", today]
        env = {TEST_CLOCK: today if _is_date(today) else TODAY.isoformat()}
        return CliRunner().invoke(
            cli, [*options, *args], input=input, env=env, catch_exceptions=True
        )

    return run


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@pytest.fixture
def utc_system(monkeypatch: pytest.MonkeyPatch):
    """The system clock in UTC, whatever zone the machine running the tests is in."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
