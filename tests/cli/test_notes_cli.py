"""`launchtui note`, `history` with notes and locations, `undo` of a note, and the
locations' tick counts (issue 14)."""

from __future__ import annotations

import json

from .conftest import fails, ok

KEY = "launch-day/welcome-message-sent"


def test_bobs_note_on_anas_tick_keeps_the_tick_as_ana_made_it(run):
    ok(run("tick", KEY))
    said = ok(run("note", KEY, "customers confirmed", user="bob"))
    assert said == f"Note saved on {KEY}\n"
    items = {i["key"]: i for i in json.loads(ok(run("checklist", "--json")))}
    assert items[KEY]["state"] == "done" and items[KEY]["by"] == "ana"
    rows = json.loads(ok(run("history", KEY, "--json")))
    assert [(r["action"], r["by"]) for r in rows] == [("tick", "ana"), ("note", "bob")]
    assert rows[1]["note"] == "customers confirmed"
    lines = ok(run("history", KEY)).splitlines()
    assert len(lines) == 2
    assert "tick" in lines[0] and "ana" in lines[0]
    assert "note" in lines[1] and "bob" in lines[1] and '"customers confirmed"' in lines[1]


def test_bobs_undo_removes_only_his_note(run):
    ok(run("tick", KEY))
    ok(run("note", KEY, "mine", user="bob"))
    assert ok(run("undo", user="bob")) == f"Undid your note on {KEY}\n"
    rows = json.loads(ok(run("history", KEY, "--json")))
    assert [(r["action"], r["by"]) for r in rows] == [
        ("tick", "ana"),
        ("note", "bob"),
        ("note-undo", "bob"),
    ]
    assert rows[2]["undo_of"] == rows[1]["id"]
    assert "(removes note #" in ok(run("history", KEY)).splitlines()[-1]
    items = {i["key"]: i for i in json.loads(ok(run("checklist", "--json")))}
    assert items[KEY]["by"] == "ana"
    assert fails(run("undo", user="bob")) == "Error: nothing of yours to undo"


def test_a_note_on_an_unknown_key_or_an_empty_note_is_one_line(run):
    assert "unknown checklist item 'no/such'" in fails(run("note", "no/such", "hi"))
    assert fails(run("note", KEY, "  ")) == "Error: the note is empty"


def test_the_second_tick_is_refused_with_who(run):
    ok(run("tick", KEY))
    line = fails(run("tick", KEY, user="bob"))
    assert line.startswith(f"Error: '{KEY}' is already ticked by ana at ")


def test_history_and_checklist_json_show_each_ticks_location(run):
    ok(run("locations", "add", "Paramaribo", "--tz", "America/Paramaribo"))
    ok(run("--location", "Paramaribo", "tick", KEY))
    ok(run("--location", "Paramaribo", "note", KEY, "from here"))
    rows = json.loads(ok(run("history", KEY, "--json")))
    assert [r["location"] for r in rows] == ["Paramaribo", "Paramaribo"]
    assert all("in Paramaribo" in line for line in ok(run("history", KEY)).splitlines())
    items = {i["key"]: i for i in json.loads(ok(run("checklist", "--json")))}
    assert items[KEY]["location"] == "Paramaribo"


def test_locations_list_counts_only_ticks_that_stand_with_the_right_plural(run):
    ok(run("locations", "add", "Paramaribo", "--tz", "America/Paramaribo"))
    other = "first-week/next-phase-prepared"
    ok(run("--location", "Paramaribo", "tick", KEY))
    assert "· 1 tick" in ok(run("locations", "list"))
    assert "1 ticks" not in ok(run("locations", "list"))
    ok(run("--location", "Paramaribo", "tick", other))
    assert ok(run("locations", "list")).rstrip().endswith("· 2 ticks")
    ok(run("--location", "Paramaribo", "undo"))
    assert ok(run("locations", "list")).rstrip().endswith("· 1 tick")
    data = json.loads(ok(run("locations", "list", "--json")))
    assert data[0]["ticks"] == 1
    ok(run("untick", KEY))
    assert ok(run("locations", "list")).rstrip().endswith("· 0 ticks")
