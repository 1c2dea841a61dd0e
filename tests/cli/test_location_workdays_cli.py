"""`locations add/edit --workdays`: each location's working days, shown and kept, and the
days `sessions plan` puts its trainings and office hours on (issue 17)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from .conftest import Run, fails, ok


def _locations(run: Run) -> dict[str, dict]:
    return {loc["name"]: loc for loc in json.loads(ok(run("locations", "list", "--json")))}


def test_add_with_workdays_is_listed_and_in_json(run: Run):
    said = ok(run("locations", "add", "Dubai", "--tz", "Asia/Dubai", "--workdays", "sun-thu"))
    assert "Location Dubai saved (Asia/Dubai, Sun–Thu)" in said
    ok(run("locations", "add", "Georgetown", "--tz", "America/Guyana"))
    listed = _locations(run)
    assert listed["Dubai"]["workdays"] == ["mon", "tue", "wed", "thu", "sun"]
    assert listed["Georgetown"]["workdays"] == ["mon", "tue", "wed", "thu", "fri"]
    text = ok(run("locations", "list"))
    assert "Dubai (Asia/Dubai) · Sun–Thu · " in text
    assert "Georgetown (America/Guyana) · Mon–Fri · " in text


def test_the_list_in_dutch_names_the_days_in_dutch(run: Run):
    ok(run("locations", "add", "Dubai", "--tz", "Asia/Dubai", "--workdays", "zo-do"))
    assert "Dubai (Asia/Dubai) · zo–do · " in ok(run("--lang", "nl", "locations", "list"))


def test_a_bad_day_in_dutch_is_one_dutch_line(run: Run):
    line = fails(
        run(
            "--lang", "nl", "locations", "add", "X", "--tz", "Asia/Dubai", "--workdays", "weekdagen"
        ),
        prefix="Fout: ",
    )
    assert "'weekdagen'" in line and "geen dag of reeks dagen" in line


def test_edit_changes_only_what_is_given(run: Run):
    ok(run("locations", "add", "Dubai", "--tz", "Asia/Dubai", "--champion", "sam"))
    ok(run("locations", "edit", "dubai", "--workdays", "sun-thu"))
    dubai = _locations(run)["Dubai"]
    assert (dubai["tz"], dubai["champion"]) == ("Asia/Dubai", "sam")
    assert dubai["workdays"] == ["mon", "tue", "wed", "thu", "sun"]
    ok(run("locations", "edit", "Dubai", "--champion", "lee"))
    dubai = _locations(run)["Dubai"]
    assert (dubai["champion"], dubai["workdays"][-1]) == ("lee", "sun")
    # add again without --workdays keeps the days it had
    ok(run("locations", "add", "Dubai", "--tz", "Asia/Dubai", "--champion", "lee"))
    assert _locations(run)["Dubai"]["workdays"][-1] == "sun"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("add", "X", "--tz", "Asia/Dubai", "--workdays", "weekdays"), "'weekdays'"),
        (("add", "X", "--tz", "Asia/Dubai", "--workdays", ""), "at least one day"),
        (("add", "X", "--tz", "Asia/Dubai", "--workdays", "mon-fri-sat"), "'mon-fri-sat'"),
        (("edit", "Nowhere", "--workdays", "mon-fri"), "there is no location 'Nowhere'"),
        (("edit", "Dubai"), "nothing to change"),
        (("edit", "Dubai", "--workdays", "mon;tue"), "'mon;tue'"),
        (("edit", "Dubai", "--tz", "Mars/Olympus"), "unknown time zone"),
    ],
)
def test_bad_workdays_or_edits_are_one_line_and_change_nothing(run: Run, args, said):
    ok(run("locations", "add", "Dubai", "--tz", "Asia/Dubai", "--workdays", "sun-thu"))
    before = _locations(run)
    line = fails(run("locations", *args))
    assert said in line
    assert _locations(run) == before


def test_sessions_plan_uses_each_locations_working_days(run: Run):
    ok(run("locations", "add", "Dubai", "--tz", "Asia/Dubai", "--workdays", "sun-thu"))
    ok(run("locations", "add", "Georgetown", "--tz", "America/Guyana"))
    ok(run("sessions", "plan", "--yes"))
    planned = json.loads(ok(run("sessions", "list", "--json")))
    days: dict[str, set[int]] = {}
    for s in planned:
        start = dt.datetime.fromisoformat(s["start"])
        days.setdefault(s["location"], set()).add(start.weekday())
    assert days["Dubai"] == {6, 0, 1, 2, 3}  # Sunday to Thursday, Friday and Saturday off
    assert days["Georgetown"] <= {0, 1, 2, 3, 4}


def test_add_again_without_champion_keeps_the_champion(run: Run):
    """`add` of a name that exists changes only what is given, as `edit` does: a champion
    not named is kept, never erased; one named empty is none, as with `edit`."""
    ok(run("locations", "add", "Paramaribo", "--tz", "America/Paramaribo", "--champion", "mei"))
    ok(run("locations", "edit", "Paramaribo", "--workdays", "mon-thu"))
    ok(run("locations", "add", "paramaribo", "--tz", "America/Paramaribo"))
    place = _locations(run)["Paramaribo"]
    assert (place["tz"], place["champion"]) == ("America/Paramaribo", "mei")
    assert place["workdays"] == ["mon", "tue", "wed", "thu"]
    ok(run("locations", "add", "Paramaribo", "--tz", "America/Guyana"))
    assert (_locations(run)["Paramaribo"]["tz"], _locations(run)["Paramaribo"]["champion"]) == (
        "America/Guyana",
        "mei",
    )
    ok(run("locations", "add", "Paramaribo", "--tz", "America/Guyana", "--champion", ""))
    assert _locations(run)["Paramaribo"]["champion"] is None
