"""What a careless or hostile coordinator may type, and what launchtui answers: one line.

Dates far from today, a database path that names nothing, a name 100,000 characters long
or full of control characters, a location the rollout does not know, a checklist file
nested 100,000 deep: each is refused with one line on standard error ("Error: ..." or,
in Dutch, "Fout: ...") and exit 1 (a usage error: 2), never a traceback, and nothing
already saved is lost. The permission and full-disk cases are in tests/unit/test_faults.py.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from launchtui.cli.main import cli
from launchtui.store import Store
from launchtui.text import i18n

from .conftest import INIT, fails, ok

KEY = "first-week/daily-check-in@2026-11-07"


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def launch_in(db: Path) -> str:
    store = Store.open(db, read_only=True)
    try:
        return store.rollout().launch.isoformat()
    finally:
        store.close()


def latest(db: Path, key: str = KEY):
    """The deciding event of `key` in `db` (None: never touched)."""
    store = Store.open(db, read_only=True)
    try:
        return store.latest(key)
    finally:
        store.close()


def store_launch(db: Path, launch: str) -> None:
    """What an older launchtui could write: any date at all, straight into the log."""
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO rollout_events (at, user, login, tool, launch_date, template, team_size,"
        " reason) SELECT at, user, login, tool, ?, template, team_size, 'older launchtui'"
        " FROM rollout_events ORDER BY id DESC LIMIT 1",
        [launch],
    )
    conn.commit()
    conn.close()


# -- dates far from today -------------------------------------------------------------------


@pytest.mark.parametrize("launch", ["0001-01-01", "9999-12-31", "2016-11-06", "2036-11-08"])
def test_init_refuses_a_launch_more_than_ten_years_from_today(cli_run, db_path, launch):
    line = fails(cli_run("init", "--tool", "Acme", "--launch-date", launch))
    assert line == (
        f"Error: --launch-date {launch} is more than 10 years from today (2026-11-07);"
        " use a date from 2016-11-07 to 2036-11-07"
    )
    assert not db_path.exists()


def test_init_takes_a_launch_up_to_ten_years_either_way(cli_run, db_path, tmp_path):
    ok(cli_run("init", "--tool", "Acme", "--launch-date", "2036-11-07"))
    other = tmp_path / "other.db"
    ok(cli_run("init", "--tool", "Acme", "--launch-date", "2016-11-07", db=other))
    assert launch_in(other) == "2016-11-07"


@pytest.mark.parametrize("launch", ["9999-12-31", "0001-01-01"])
def test_reschedule_refuses_an_extreme_launch_and_keeps_the_date(run, db_path, launch):
    line = fails(run("reschedule", "--launch-date", launch))
    assert line.startswith(f"Error: --launch-date {launch} is more than 10 years from today")
    assert launch_in(db_path) == "2026-11-03"
    assert ok(run("status")).startswith("Acme CRM")


def test_the_bounds_follow_the_pretended_today(run, db_path):
    ok(run("reschedule", "--launch-date", "2040-01-01", today="2031-01-01"))
    assert launch_in(db_path) == "2040-01-01"
    fails(run("reschedule", "--launch-date", "2040-01-01"))  # from 2026-11-07: too far


@pytest.mark.parametrize("today", ["0001-01-01", "9999-12-31", "1926-11-06"])
def test_a_pretended_today_far_from_the_real_one_is_one_line(run, today):
    line = fails(run("status", today=today))
    assert line.startswith(f"Error: --today {today} is more than 100 years from the real date")


@pytest.mark.parametrize(
    "at",
    ["0001-01-01T00:00", "0001-01-01", "9999-12-31T23:59", "2016-11-06T12:00", "1900-01-01 00:00"],
)
def test_tick_at_a_time_far_away_is_one_line(run, db_path, at):
    line = fails(run("tick", KEY, "--at", at))
    assert line.startswith(f"Error: --at {at} is more than 10 years from today (2026-11-07)")
    assert latest(db_path) is None


def test_tick_at_a_time_that_is_no_time_is_a_usage_error(run):
    text = fails(run("tick", KEY, "--at", "2026-11-07T10:00+25:00"), code=2)
    assert "is not a time like 14:05" in text


@pytest.mark.parametrize(
    "args",
    [
        ("metrics", "record", "--active", "50", "--date", "0001-01-01"),
        ("metrics", "record", "--active", "50", "--date", "9999-12-31"),
        ("phases", "decide", "2", "go", "--reason", "ready", "--date", "0001-01-01"),
        ("phases", "decide", "2", "go", "--reason", "ready", "--date", "9999-12-31"),
    ],
)
def test_every_date_option_refuses_a_date_far_away(run, db_path, args):
    line = fails(run(*args))
    assert line.startswith(f"Error: --date {args[-1]} is more than 10 years from today")
    store = Store.open(db_path)
    assert store.adoption.figures() == [] and store.adoption.decisions() == []
    store.close()


def test_a_date_far_away_in_dutch(run):
    line = fails(run("--lang", "nl", "reschedule", "--launch-date", "9999-12-31"), prefix="Fout: ")
    assert line == (
        "Fout: --launch-date 9999-12-31 ligt meer dan 10 jaar van vandaag (2026-11-07) af;"
        " kies een datum van 2016-11-07 tot en met 2036-11-07"
    )


@pytest.mark.parametrize("launch", ["9999-12-31", "0001-01-01"])
def test_an_extreme_launch_already_in_the_database_locks_nobody_out(run, db_path, launch):
    ok(run("tick", "first-week/office-hours@2026-11-06"))
    store_launch(db_path, launch)
    said = (
        f"Error: {db_path} holds the launch date {launch}, more than 100 years from today;"
        " set the right one with `launchtui reschedule --launch-date YYYY-MM-DD`"
    )
    for args in (("status",), ("status", "--json"), ("checklist",), ("gate", "show"), ()):
        assert fails(run(*args)) == said, args  # () is the TUI: it does not start
    moved = ok(run("reschedule", "--launch-date", "2026-11-03", "--reason", "repair"))
    old = {"9999-12-31": "31 Dec 9999", "0001-01-01": "1 Jan 0001"}[launch]
    assert moved == f"Launch moved from {old} to 3 Nov\n"
    assert ok(run("status")).startswith("Acme CRM")
    ticked = json.loads(ok(run("checklist", "--json")))
    assert [i["state"] for i in ticked if i["key"] == "first-week/office-hours@2026-11-06"] == [
        "done"
    ]


def test_a_launch_far_but_workable_in_the_database_still_reads(run, db_path):
    store_launch(db_path, "2040-06-01")  # 14 years ahead: no longer accepted, still read
    assert ok(run("status")).startswith("Acme CRM")
    assert json.loads(ok(run("status", "--json")))["launch_date"] == "2040-06-01"


# -- the database file ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("status", "--json"),
        ("checklist",),
        ("tick", KEY),
        ("undo",),
        ("history",),
        ("issue", "list"),
        ("metrics", "list"),
        ("gate", "show"),
        ("locations", "list"),
        ("reschedule", "--launch-date", "2026-11-10"),
        ("export", "issues", "--format", "csv"),
    ],
)
def test_a_read_command_never_creates_a_database(cli_run, tmp_path, args):
    db = tmp_path / "nodir" / "sub" / "x.db"
    line = fails(cli_run(*args, db=db))
    assert line == (
        f"Error: no database at {db}: run `launchtui init` or `launchtui demo`,"
        " or point --db or $LAUNCHTUI_DB at the shared file"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_missing_database_in_an_existing_folder_is_not_created_either(cli_run, db_path):
    fails(cli_run("status"))
    assert list(db_path.parent.iterdir()) == []


def test_init_and_demo_create_the_database(cli_run, tmp_path):
    ok(cli_run(*INIT, db=tmp_path / "a.db"))
    ok(cli_run("demo", "--no-open", db=tmp_path / "b.db"))
    assert ok(cli_run("status", db=tmp_path / "b.db"))


def launchtui(*args: str):
    """The command line with only the options given (the `cli_run` fixture adds --db)."""
    return CliRunner().invoke(cli, ["--today", "2026-11-07", *args])


@pytest.fixture
def elsewhere(tmp_path, monkeypatch) -> Path:
    """The working folder and the user data folder (the default database's): both empty."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


@pytest.mark.parametrize("db", ["", "   "])
def test_an_empty_db_option_is_one_line(elsewhere, db):
    for args in (("status",), INIT, ()):
        line = fails(launchtui("--db", db, *args))
        assert line == "Error: --db is empty: name the database file"
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("value", ["", " "])
def test_an_empty_launchtui_db_is_one_line(elsewhere, monkeypatch, value):
    monkeypatch.setenv("LAUNCHTUI_DB", value)
    line = fails(launchtui("status"))
    assert line == "Error: $LAUNCHTUI_DB is set but empty: name the database file, or unset it"
    assert list(elsewhere.iterdir()) == []


def test_an_empty_db_option_in_dutch(elsewhere):
    line = fails(launchtui("--lang", "nl", "--db", " ", "status"), prefix="Fout: ")
    assert line == "Fout: --db is leeg: geef het databasebestand op"


# -- who you are -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "x" * 100_000,
        "x" * 61,
        "ana\x1b]0;pwned\x07",
        "ana\nbob",
        "ana\x00",
        "ana\x9b2J",
        "a\u202eb",
    ],
)
def test_a_bad_user_name_is_refused_and_nothing_is_saved(run, db_path, name):
    line = fails(run("tick", KEY, user=name))
    assert line == (
        "Error: --user: a name must be one line of at most 60 characters, without control"
        " characters"
    )
    assert latest(db_path) is None


def test_a_bad_launchtui_user_is_refused(cli_run, db_path, monkeypatch):
    ok(cli_run(*INIT))
    monkeypatch.setenv("LAUNCHTUI_USER", "mei\x1b[2J")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "--today", "2026-11-07", "tick", KEY])
    assert fails(result).startswith("Error: $LAUNCHTUI_USER: a name must be one line")
    monkeypatch.setenv("LAUNCHTUI_USER", "Mei Ling")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "--today", "2026-11-07", "tick", KEY])
    ok(result)
    assert latest(db_path).actor.name == "Mei Ling"


def test_a_name_of_sixty_characters_is_kept_trimmed(run, db_path):
    name = "Ana María da Silva " + "x" * 41
    assert len(name) == 60
    ok(run("tick", KEY, user=f"  {name}  "))
    assert latest(db_path).actor.name == name


def test_a_bad_user_name_in_dutch(run):
    line = fails(run("--lang", "nl", "status", user="x" * 100), prefix="Fout: ")
    assert line == (
        "Fout: --user: een naam is één regel van hoogstens 60 tekens, zonder stuurtekens"
    )


# -- where you are -------------------------------------------------------------------------


@pytest.fixture
def placed(run):
    ok(run("locations", "add", "Paramaribo", "--tz", "America/Paramaribo"))
    ok(run("locations", "add", "Amsterdam", "--tz", "Europe/Amsterdam"))
    return run


@pytest.mark.parametrize(
    "args", [("status",), ("tick", KEY), ("issue", "list"), ("checklist",), ()]
)
def test_an_unknown_location_is_refused_with_the_known_names(placed, db_path, args):
    line = fails(placed("--location", "Atlantis", *args))
    assert line == "Error: --location: unknown location 'Atlantis'; known: Amsterdam, Paramaribo"
    assert latest(db_path) is None


def test_an_unknown_launchtui_location_is_refused(placed, monkeypatch):
    monkeypatch.setenv("LAUNCHTUI_LOCATION", "Atlantis")
    line = fails(placed("status"))
    assert line == (
        "Error: $LAUNCHTUI_LOCATION: unknown location 'Atlantis'; known: Amsterdam, Paramaribo"
    )
    assert ok(placed("--location", "Amsterdam", "status"))  # the option wins


def test_a_location_in_other_letters_is_the_known_one(placed, db_path):
    ok(placed("--location", "  paramaribo ", "tick", KEY))
    assert latest(db_path).location == "Paramaribo"


def test_a_rollout_without_locations_says_how_to_add_one(run):
    line = fails(run("--location", "Atlantis", "status"))
    assert line == (
        "Error: --location: unknown location 'Atlantis'; this rollout has no locations yet:"
        " add one with `launchtui locations add NAME --tz AREA/CITY`"
    )


def test_managing_locations_and_creating_a_rollout_take_any_location(cli_run, db_path):
    ok(cli_run("--location", "Atlantis", *INIT))
    ok(cli_run("--location", "Atlantis", "locations", "list"))
    ok(cli_run("--location", "Atlantis", "locations", "add", "Atlantis", "--tz", "UTC"))
    ok(cli_run("--location", "Atlantis", "tick", KEY))
    assert latest(db_path).location == "Atlantis"


@pytest.mark.parametrize("name", ["x" * 61, "Para\x1bmaribo"])
def test_a_location_that_is_no_name_is_one_line(run, name):
    line = fails(run("--location", name, "status"))
    assert line == "Error: --location: the location name must be one line of at most 60 characters"


def test_an_unknown_location_in_dutch(placed):
    line = fails(placed("--lang", "nl", "--location", "Atlantis", "status"), prefix="Fout: ")
    assert line == "Fout: --location: onbekende locatie 'Atlantis'; bekend: Amsterdam, Paramaribo"


# -- checklist files ----------------------------------------------------------------------


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "deep.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    return folder


def test_a_checklist_file_nested_too_deep_is_one_line(cli_run, nested):
    result = cli_run("checklists", "validate", str(nested))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"{nested / 'deep.toml'}: nested too deeply to read (tables and arrays inside each other)"
    ]


def refused_for_nesting(result, nested: Path) -> None:
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"{nested / 'deep.toml'}: nested too deeply")


@pytest.mark.parametrize("args", [("status",), ("tick", KEY), ()])
def test_the_app_and_commands_refuse_a_checklist_file_nested_too_deep(run, db_path, nested, args):
    refused_for_nesting(run("--checklists", str(nested), *args), nested)
    assert latest(db_path) is None


@pytest.mark.parametrize("args", [INIT, ("demo", "--no-open")])
def test_no_rollout_is_made_on_a_checklist_file_nested_too_deep(cli_run, db_path, nested, args):
    refused_for_nesting(cli_run("--checklists", str(nested), *args), nested)
    assert not db_path.exists()


# -- the app's first run ------------------------------------------------------------------


async def test_the_first_run_refuses_a_launch_far_away(db_path):
    from textual.widgets import Label

    from launchtui.services.settings import Settings
    from launchtui.services.workspace import Workspace
    from launchtui.tui.app import LaunchApp
    from launchtui.tui.screens.setup import SetupScreen

    settings = Settings.resolve(db=str(db_path), user="ana", today=dt.date(2026, 11, 7))
    app = LaunchApp(settings, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press(*"Acme", "enter", *"9999-12-31", "enter")
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        said = str(app.screen.query_one("#setup-error", Label).render())
        assert "more than 10 years from today" in said.replace("\n", " ")
    ws = Workspace(settings)
    assert ws.store.rollout() is None
    ws.close()


def test_a_checklist_folder_you_may_not_read_is_one_line(run, tmp_path, monkeypatch):
    import os

    folder = tmp_path / "checklists"
    folder.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, *a, **k: Path(p) != folder and real(p, *a, **k))
    result = run("--checklists", str(folder), "status")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [f"{folder}: you may not read this checklist folder"]


def test_an_empty_checklists_option_is_one_line(cli_run):
    line = fails(cli_run("--checklists", " ", "checklists", "validate"))
    assert line == "Error: --checklists is empty: name the folder of checklist files"


def test_the_app_without_a_terminal_makes_no_database(cli_run, db_path):
    result = cli_run()  # click's runner has no terminal: the app does not start
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not db_path.exists()
