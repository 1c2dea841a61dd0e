"""The command line, run in-process through click's CliRunner (see `cli_run` in conftest).

Every run pretends today is 2026-11-07 and acts as "ana" on a fresh database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

import launchtui
from launchtui.cli.main import cli
from launchtui.domain.checklist_files import shipped_dir, validate_folder
from launchtui.services import demo
from launchtui.services.settings import os_login

from .conftest import INIT, fails

REPO = Path(launchtui.__file__).resolve().parents[1]
KEY = "launch-day/welcome-message-sent"


def items(cli_run, *args: str, **kw) -> dict[str, dict]:
    result = cli_run("checklist", *args, "--json", **kw)
    assert result.exit_code == 0, result.output
    return {item["key"]: item for item in json.loads(result.stdout)}


def status_json(cli_run, **kw) -> dict:
    result = cli_run("status", "--json", **kw)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- init ----------------------------------------------------------------------------


def test_init_creates_the_rollout(cli_run, db_path: Path):
    result = cli_run(*INIT, "--template", "small-team", "--team-size", "8")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Rollout of Acme CRM set up in {db_path}"
    data = status_json(cli_run)
    assert (data["tool"], data["launch_date"], data["template"]) == (
        "Acme CRM",
        "2026-11-03",
        "small-team",
    )


def test_init_again_changes_nothing(run, db_path: Path):
    result = run("init", "--tool", "Other", "--launch-date", "2027-01-01")
    line = fails(result)
    assert line == (
        f"Error: {db_path} already holds the rollout of Acme CRM (launch 2026-11-03); "
        "nothing was changed"
    )
    data = status_json(run)
    assert (data["tool"], data["launch_date"]) == ("Acme CRM", "2026-11-03")


def test_init_needs_a_tool_name(cli_run):
    line = fails(cli_run("init", "--tool", "  ", "--launch-date", "2026-11-03"))
    assert "--tool must not be empty" in line


def test_init_with_a_bad_date_is_a_usage_error(cli_run):
    result = cli_run("init", "--tool", "Acme", "--launch-date", "3 Nov")
    assert result.exit_code == 2
    assert "not a date like 2026-11-03" in result.stderr


# -- demo ----------------------------------------------------------------------------


def test_demo_creates_a_rollout_in_mid_flight(cli_run, db_path: Path):
    result = cli_run("demo", "--no-open")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Sample rollout created in {db_path}"
    data = status_json(cli_run)
    assert data["launch_date"] == "2026-10-21"  # 17 days before --today
    assert data["day"] == demo.DEMO_DAY == 17
    assert data["phase"]["number"] == 2  # the core team has started too
    everything = items(cli_run)
    done = [i for i in everything.values() if i["state"] == "done"]
    skipped = [i for i in everything.values() if i["state"] == "skipped"]
    assert len({i["by"] for i in done}) >= 2  # ticked by several people
    assert {i["by"] for i in done} <= {p.name for p in demo.PEOPLE}
    assert skipped and all(i["note"] for i in skipped)  # every skip has its reason
    assert everything["one-week-before/mobile-data-checked"]["state"] == "skipped"
    assert everything["launch-day/quick-wins-noted"]["state"] == "open"  # left open on purpose
    # nothing due today or later has been ticked yet
    assert all(i["due"] < "2026-11-07" for i in done + skipped)


def test_every_tab_of_the_demo_has_something_to_show(cli_run):
    """The first look: issues in several states, the gate judging two groups, a
    decision, notes of each kind, sessions held and planned, value, an objection."""
    assert cli_run("demo", "--no-open").exit_code == 0
    data = status_json(cli_run)
    assert data["gate"]["state"] == "watch"
    issues = json.loads(cli_run("issue", "list", "--json").stdout)
    states = {(i["severity"], i["status"]) for i in issues}
    assert {"minor", "major", "critical"} == {severity for severity, _ in states}
    assert {"open", "workaround", "resolved"} == {status for _, status in states}
    assert any(i["tier"] == 4 and i["status"] != "resolved" for i in issues)  # at the vendor
    gate = json.loads(cli_run("gate", "show", "--json").stdout)
    verdicts = {g["phase"]: g["verdict"] for g in gate["groups"]}
    assert verdicts == {1: "on-track", 2: "needs-work"}
    decisions = json.loads(cli_run("phases", "decisions", "--json").stdout)
    assert [(d["phase"], d["decision"]) for d in decisions] == [(2, "go")]
    notes = json.loads(cli_run("retro", "list", "--json").stdout)
    assert {n["kind"] for n in notes} == {"went-well", "lesson", "thanks", "next-step"}
    sessions = json.loads(cli_run("sessions", "list", "--json").stdout)
    assert {s["status"] for s in sessions} == {"held", "planned"}
    assert {s["location"] for s in sessions} == {"Paramaribo", "Georgetown", "Port of Spain"}
    places = json.loads(cli_run("locations", "list", "--json").stdout)
    assert all(p["champion"] and p["tz"].startswith("America/") for p in places)
    returns = json.loads(cli_run("roi", "--json").stdout)
    first = returns["phases"][0]
    assert first["phase"] == 1 and first["value_per_month"] > 0 and first["one_off"] > 0
    assert first["payback"]  # the pilot pays for itself
    assert json.loads(cli_run("objection", "list", "--json").stdout)


def test_demo_on_a_database_with_a_rollout_leaves_it_alone(run):
    result = run("demo", "--no-open")
    assert result.exit_code == 0, result.output
    assert "already holds a rollout; left as it is" in result.stdout
    assert all(i["state"] == "open" for i in items(run).values())


def test_every_key_the_demo_names_exists(cli_run):
    assert cli_run("demo", "--no-open").exit_code == 0
    everything = items(cli_run)
    for key, reason in demo.SKIPS.items():
        assert key in everything, key
        assert (everything[key]["state"], everything[key]["note"]) == ("skipped", reason)
    for key in demo.LEFT_OPEN:
        assert everything[key]["state"] == "open"


# -- status --------------------------------------------------------------------------


def test_status_plain_text(run):
    result = run("status")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Acme CRM · launch Tue 3 Nov 2026 · day 5 of the rollout"
    assert lines[1] == "Phase 1/4 Early adopters · day 5 of 14 · next: Core team in 10 days"
    assert "Window: First week (4–10 Nov)" in lines
    current = [line for line in lines if line.startswith(">")]
    assert len(current) == 1 and "First week" in current[0]


def test_status_in_dutch(run):
    result = run("--lang", "nl", "status")
    assert result.exit_code == 0, result.output
    assert "Eerste week" in result.stdout


def test_status_json(run):
    data = status_json(run)
    assert data["today"] == "2026-11-07"
    assert data["day"] == 4
    assert data["countdown"] == "day 5 of the rollout"
    assert data["phase"] == {"number": 1, "name": "Early adopters"}
    assert data["window"] == "first-week"
    windows = {c["window"]: c for c in data["checklists"]}
    assert list(windows) == [
        "two-weeks-before",
        "one-week-before",
        "launch-day",
        "first-week",
        "each-week-after",
        "post-rollout",
    ]
    for entry in data["checklists"]:
        assert {"window", "done", "total", "overdue"} <= set(entry)
        assert entry["done"] == 0
    assert windows["first-week"]["total"] == 20
    assert windows["first-week"]["overdue"] == 6
    assert windows["launch-day"]["overdue"] == windows["launch-day"]["total"] == 7
    assert data["overdue"] == sum(c["overdue"] for c in data["checklists"])


def test_status_json_before_launch_has_no_phase(run):
    data = status_json(run, today="2026-10-30")
    assert data["phase"] is None
    assert data["day"] == -4
    assert data["countdown"] == "launch in 4 days"


def test_status_counts_agree_with_the_checklist(run):
    run("tick", "first-week/daily-check-in@2026-11-04")
    run("skip", "first-week/office-hours@2026-11-04", "--reason", "holiday")
    windows = {c["window"]: c for c in status_json(run)["checklists"]}
    first_week = [i for i in items(run).values() if i["window"] == "first-week"]
    assert windows["first-week"]["total"] == len(first_week)
    assert windows["first-week"]["done"] == sum(i["state"] == "done" for i in first_week)
    assert windows["first-week"]["skipped"] == 1
    assert windows["first-week"]["overdue"] == sum(i["overdue"] for i in first_week) == 4


# -- checklist -----------------------------------------------------------------------


def test_checklist_of_one_window_as_json(run):
    found = items(run, "--window", "first-week")
    assert len(found) == 20
    assert {i["window"] for i in found.values()} == {"first-week"}
    d3 = found["first-week/daily-check-in@2026-11-06"]
    assert d3["due"] == "2026-11-06"
    assert d3["recurrence"] == "daily"
    assert d3["state"] == "open"
    assert d3["overdue"] is True
    assert d3["owner"] == "coordinator"
    assert d3["text"] == "Daily check-in with the group and champions"
    assert (d3["by"], d3["login"], d3["at"], d3["note"]) == (None, None, None, None)


def test_checklist_of_an_unknown_window(run):
    line = fails(run("checklist", "--window", "second-week"))
    assert "unknown window 'second-week'" in line
    assert "first-week" in line  # lists the known ones


def test_checklist_plain_text_marks_states(run):
    run("tick", KEY)
    run("skip", "launch-day/refresher-held", "--reason", "no pilot")
    result = run("checklist", "--window", "launch-day")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Launch day (Tue 3 Nov)  1/7"
    assert any(line.startswith(f"  [x] {KEY}  ") and "ana · " in line for line in lines)
    assert any(line.startswith("  [-] launch-day/refresher-held  ") for line in lines)
    assert any(line.startswith("  [ ] launch-day/issues-logged  ") for line in lines)
    assert any("overdue 4 days" in line for line in lines)


# -- tick, untick, skip, undo --------------------------------------------------------


def test_tick_untick_skip_undo_round_trip(run):
    result = run("tick", KEY, "--note", "sent at 8")
    assert (result.exit_code, result.stdout.strip()) == (0, f"Ticked {KEY}")
    item = items(run)[KEY]
    assert (item["state"], item["by"], item["login"], item["note"]) == (
        "done",
        "ana",
        os_login(),
        "sent at 8",
    )
    assert item["overdue"] is False
    assert item["at"].startswith("2026-11-0")

    result = run("untick", KEY)
    assert (result.exit_code, result.stdout.strip()) == (0, f"Reopened {KEY}")
    item = items(run)[KEY]
    assert (item["state"], item["by"], item["note"]) == ("open", None, None)

    result = run("undo")
    assert (result.exit_code, result.stdout.strip()) == (0, f"Undid your untick of {KEY}")
    item = items(run)[KEY]
    assert (item["state"], item["by"], item["note"]) == ("done", "ana", "sent at 8")

    other = "launch-day/refresher-held"
    result = run("skip", other, "--reason", "no pilot users")
    assert (result.exit_code, result.stdout.strip()) == (0, f"Skipped {other}")
    item = items(run)[other]
    assert (item["state"], item["by"], item["note"]) == ("skipped", "ana", "no pilot users")


def test_someone_else_sees_the_tick_with_the_real_login(run):
    assert run("tick", KEY, user="rob").exit_code == 0
    item = items(run)[KEY]
    assert (item["by"], item["login"]) == ("rob", os_login())
    line = fails(run("tick", KEY))
    assert f"'{KEY}' is already ticked by rob at 2026-11-0" in line


def test_undo_with_nothing_to_undo(run):
    line = fails(run("undo"))
    assert line == "Error: nothing of yours to undo"


def test_undo_leaves_another_persons_change(run):
    run("tick", KEY)
    run("untick", KEY, user="rob")
    fails(run("undo"))
    assert items(run)[KEY]["state"] == "open"


def test_tick_at_an_explicit_time(run):
    result = run("tick", KEY, "--at", "2026-11-05T08:15+00:00")
    assert result.exit_code == 0, result.output
    assert items(run)[KEY]["at"] == "2026-11-05T08:15:00+00:00"


def test_tick_at_a_bad_time_is_a_usage_error(run):
    result = run("tick", KEY, "--at", "quarter past eight")
    assert result.exit_code == 2
    assert "not a time like 14:05" in result.stderr


def test_skip_without_reason_is_a_usage_error(run):
    result = run("skip", KEY)
    assert result.exit_code == 2
    assert "--reason" in result.stderr


def test_tick_of_an_unknown_key_is_one_clear_line(run):
    result = run("tick", "launch-day/welcome-mesage-sent")
    line = fails(result)
    assert line == (
        f"Error: unknown checklist item 'launch-day/welcome-mesage-sent'; did you mean '{KEY}'?"
    )
    assert result.stdout == ""


def test_an_impossible_today_is_a_usage_error(run):
    result = run("status", today="2026-13-01")
    assert result.exit_code == 2
    assert "Invalid value for --today" in result.stderr
    assert "Traceback" not in result.output


# -- checklists validate -------------------------------------------------------------


def test_validate_the_shipped_folder(cli_run):
    result = cli_run("checklists", "validate")
    assert result.exit_code == 0, result.output
    checklists, _ = validate_folder(shipped_dir())
    count = sum(len(w.items) for w in checklists.windows)
    assert result.stdout.strip() == f"{shipped_dir()}: 6 windows, {count} items, no faults"
    assert result.stderr == ""


BROKEN = """\
[window]
id = "first-week"
title = { en = "First week", nl = "Eerste week" }
start = 1
end = 7

[[items]]
id = "Bad_Id"
text = { en = "A" }
"""


def test_validate_a_broken_folder_prints_each_fault_on_its_own_line(cli_run, tmp_path: Path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "a.toml").write_text(BROKEN, encoding="utf-8")
    (folder / "b.toml").write_text("[window\n", encoding="utf-8")
    result = cli_run("checklists", "validate", str(folder))
    assert result.exit_code == 1
    assert result.stdout == ""
    a, b = folder / "a.toml", folder / "b.toml"
    assert result.stderr.splitlines() == [
        f"{a}:7: item 'Bad_Id': bad id 'Bad_Id': use lowercase letters, digits and dashes",
        f"{a}:7: item 'Bad_Id': missing text in 'nl'",
        f"{b}:1: TOML syntax: Expected ']' at the end of a table declaration",
    ]


def test_a_broken_folder_stops_init_before_anything_is_written(cli_run, tmp_path: Path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "a.toml").write_text(BROKEN, encoding="utf-8")
    result = cli_run("--checklists", str(folder), *INIT)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert len(result.stderr.splitlines()) == 2
    assert all(line.startswith(f"{folder / 'a.toml'}:7: ") for line in result.stderr.splitlines())
    line = fails(cli_run("status"))
    assert "run `launchtui init` or `launchtui demo`" in line


# -- reschedule ----------------------------------------------------------------------


def test_reschedule_moves_due_dates_and_keeps_ticks(run):
    run("tick", KEY, "--note", "done early")
    result = run("reschedule", "--launch-date", "2026-11-10", "--reason", "vendor")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Launch moved from 3 Nov to 10 Nov",
        "Done items moved with the launch (1):",
        f"  {KEY}  Tue 3 Nov → Tue 10 Nov",
    ]
    found = items(run)
    assert (found[KEY]["state"], found[KEY]["note"], found[KEY]["due"]) == (
        "done",
        "done early",
        "2026-11-10",
    )
    other = found["launch-day/issues-logged"]
    assert (other["due"], other["overdue"]) == ("2026-11-10", False)
    assert "first-week/daily-check-in@2026-11-06" not in found  # now before the first week
    assert found["first-week/daily-check-in@2026-11-13"]["due"] == "2026-11-13"
    data = status_json(run)
    assert (data["day"], data["countdown"]) == (-3, "launch in 3 days")


# -- a database that cannot be used --------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("status",), ("checklist",), ("tick", KEY), ("reschedule", "--launch-date", "2026-11-10")],
)
def test_a_command_on_a_missing_database_asks_for_init_or_demo(cli_run, db_path: Path, args):
    line = fails(cli_run(*args))
    assert line == (
        f"Error: no database at {db_path}: run `launchtui init` or `launchtui demo`, "
        "or point --db or $LAUNCHTUI_DB at the shared file"
    )
    assert not db_path.exists()  # a read or a tick creates nothing


def test_a_file_that_is_not_a_database(cli_run, tmp_path: Path):
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"These are my meeting notes, not SQLite.\n" * 200)
    line = fails(cli_run("status", db=bogus))
    assert line == f"Error: {bogus}: not a launchtui database, or the file is damaged"
    assert bogus.read_bytes().startswith(b"These are my meeting notes")  # left untouched


# -- help ----------------------------------------------------------------------------


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # loads the lazily registered groups too
        command = group.get_command(ctx, name)
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


COMMANDS = list(_commands(cli))


def test_the_walk_finds_the_commands():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"init", "demo", "status", "checklist", "tick", "untick", "skip", "undo"} <= names
    assert {"reschedule", "checklists", "checklists validate"} <= names
    lazy = {"issue add", "export issues", "export retro", "export checklists", "locations add"}
    assert lazy | {"doctor", "gate show", "metrics record", "comms weekly"} <= names


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(path) for path, _ in COMMANDS]
)
def test_every_command_has_help_text(cli_run, path, command):
    assert command.help and command.help.strip(), f"{' '.join(path)} has no help text"
    result = cli_run(*path, "--help")
    assert result.exit_code == 0, result.output
    first_line = command.help.strip().splitlines()[0]
    assert " ".join(first_line.split()[:3]) in " ".join(result.stdout.split())


def _options():
    for path, command in COMMANDS:
        for param in command.params:
            if isinstance(param, click.Option):
                name = f"{' '.join(path)} {param.opts[0]}"
                yield pytest.param(param, id=name)


@pytest.mark.parametrize("option", list(_options()))
def test_every_option_has_help_text(option: click.Option):
    assert option.help and option.help.strip()


def test_the_top_level_help_describes_the_app(cli_run):
    result = cli_run("--help")
    assert result.exit_code == 0
    assert "Run the rollout of a new tool" in result.stdout
    for option in ("--db", "--user", "--lang", "--checklists", "--today"):
        assert option in result.stdout


# -- import hygiene ------------------------------------------------------------------


def _modules_after(imports: str) -> set[str]:
    """Import `imports` in a fresh interpreter and return what ended up in sys.modules."""
    code = f"import sys, json\n{imports}\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, check=False
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout))


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_the_command_line_does_not_import_textual():
    modules = _modules_after(
        "import launchtui.cli.main, launchtui.services.workspace, launchtui.domain.progress, "
        "launchtui.store"
    )
    assert "launchtui.cli.main" in modules  # the import really happened
    assert "textual" not in _top(modules)
    # Start-up weight for cron jobs: numpy (which sqlite-utils would pull in) and the
    # subcommand groups load only when used.
    assert "numpy" not in _top(modules)
    assert not {"launchtui.cli.retro", "launchtui.cli.issues", "launchtui.cli.doctor"} & modules


def test_domain_store_and_safe_text_import_neither_rich_nor_textual():
    modules = _modules_after(
        "import pkgutil, importlib, launchtui.domain, launchtui.store\n"
        "for package in (launchtui.domain, launchtui.store):\n"
        "    for info in pkgutil.iter_modules(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "import launchtui.text.safe"
    )
    assert {"launchtui.domain.progress", "launchtui.store.store", "launchtui.text.safe"} <= modules
    assert "rich" not in _top(modules)
    assert "textual" not in _top(modules)


def test_locations_from_the_command_line(cli_run, workspace):
    import json as _json

    assert cli_run("locations", "add", "Paramaribo", "--tz", "America/Paramaribo").exit_code == 0
    bad = cli_run("locations", "add", "Mars", "--tz", "Mars/Olympus")
    assert bad.exit_code == 1 and "unknown time zone" in bad.stderr
    assert "Traceback" not in bad.stderr
    data = _json.loads(cli_run("status", "--json").stdout)
    assert [p["name"] for p in data["locations"]] == ["Paramaribo"]
    assert data["locations"][0]["tz"] == "America/Paramaribo"
    ticked = cli_run("--location", "Paramaribo", "tick", "first-week/office-hours@2026-11-06")
    assert ticked.exit_code == 0, ticked.stderr
    assert workspace.store.latest("first-week/office-hours@2026-11-06").location == "Paramaribo"
    added = cli_run(
        "--location", "Paramaribo", "issue", "add", "--title", "x", "--severity", "minor"
    )
    assert added.exit_code == 0, added.stderr
    assert workspace.store.issues.get(1).location == "Paramaribo"
    listed = cli_run("locations", "list").stdout
    assert listed.startswith("Paramaribo (America/Paramaribo)")


def test_a_phase_can_belong_to_a_location(cli_run, workspace):
    cli_run("locations", "add", "Georgetown", "--tz", "America/Guyana")
    done = cli_run("phases", "edit", "2", "--location", "georgetown")
    assert done.exit_code == 0, done.stderr
    assert 'phase 2 location: "-" -> "Georgetown"' in done.stdout
    assert workspace.rollout().plan.phase(2).location == "Georgetown"
    bad = cli_run("phases", "edit", "2", "--location", "Atlantis")
    assert bad.exit_code == 1 and "unknown location 'Atlantis'" in bad.stderr
