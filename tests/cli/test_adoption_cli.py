"""`launchtui metrics ...`, `gate ...`, `phases ...` and the gate in `status`.

Every run pretends today is 2026-11-07 and acts as "ana" on the Acme CRM rollout
(launch 2026-11-03, phased template): day 4, phase 1 (early adopters) the only group
started, its 4 weeks running until 1 Dec.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Run, fails, ok

GOOD = ("--active", "80", "--satisfaction", "7", "--nps", "1")


def status_json(run: Run, **kw) -> dict:
    return json.loads(ok(run("status", "--json", **kw)))


def gate_json(run: Run, **kw) -> dict:
    return json.loads(ok(run("gate", "show", "--json", **kw)))


def state(run: Run, **kw) -> str:
    return status_json(run, **kw)["gate"]["state"]


def exit_code(run: Run, **kw) -> int:
    result = run("status", "--exit-code", **kw)
    assert "Traceback" not in result.output
    assert result.stdout.startswith("Acme CRM · launch")  # printed as usual first
    return result.exit_code


def add_issue(run: Run, severity: str, title: str = "Login fails") -> None:
    ok(run("issue", "add", "--title", title, "--severity", severity))


# -- status ------------------------------------------------------------------------------


def test_status_json_has_phase_gate_checklists_and_issues(run: Run):
    add_issue(run, "minor", "Typo")
    add_issue(run, "minor", "Other typo")
    data = status_json(run)
    assert data["phase"] == {"number": 1, "name": "Early adopters"}
    assert {"window", "done", "total", "overdue"} <= set(data["checklists"][0])
    assert data["issues"] == {"open": {"minor": 2, "major": 0, "critical": 0}}
    gate = data["gate"]
    assert {"state", "criteria", "sentence", "override"} <= set(gate)
    assert gate["state"] == "watch"
    assert gate["override"] is None
    names = [c["name"] for c in gate["criteria"]]
    assert names == [
        "active use: Pilot users and volunteers",
        "satisfaction: Pilot users and volunteers",
        "NPS: Pilot users and volunteers",
        "support tickets",
        "training completion",
    ]
    first = gate["criteria"][0]
    assert first["value"] is None and first["ok"] is False
    assert (first["threshold"], first["status"]) == (">= 80%", "needs-work")
    assert (first["deadline"], first["days_left"]) == ("2026-12-01", 24)
    assert "no active-use figure yet" in gate["sentence"]
    assert [g["verdict"] for g in gate["groups"]] == ["needs-work"]
    assert [(d["phase"], d["needed"], d["decision"]) for d in gate["decisions"]] == [
        (1, False, None),
        (2, True, None),
        (3, True, None),
        (4, True, None),
    ]


def test_status_json_gate_agrees_with_gate_show(run: Run):
    ok(run("metrics", "record", "--active", "60", "--nps", "5"))
    shown = gate_json(run)
    for criterion in shown["criteria"]:
        assert criterion.pop("detail")
    assert status_json(run)["gate"] == shown


def test_status_before_launch_has_no_phase_and_a_watching_gate(run: Run):
    data = status_json(run, today="2026-10-30")
    assert data["phase"] is None
    assert data["gate"]["state"] == "watch"
    assert data["gate"]["criteria"] == []
    assert "the gate starts on launch day" in data["gate"]["sentence"]


def test_plain_status_reports_the_gate_criteria_not_met_and_the_issues(run: Run):
    add_issue(run, "minor", "Typo")
    ok(run("metrics", "record", "--active", "71", "--satisfaction", "8", "--nps", "4"))
    lines = ok(run("status")).splitlines()
    assert lines[0] == "Acme CRM · launch Tue 3 Nov 2026 · day 5 of the rollout"
    gate = [line for line in lines if line.startswith("Gate: ")]
    assert gate == [
        "Gate: WATCH — Pilot users and volunteers: active use 71%, on track; "
        "needs 80% by 1 Dec: 24 days left"
    ]
    assert (
        "  ✗ active use: Pilot users and volunteers: 71%  on track  (needs >= 80%, 24 days left)"
        in lines
    )
    assert not any("satisfaction" in line for line in lines)  # met: not listed
    assert "  · training completion: no figure  advisory  (needs >= 80%)" in lines
    assert "Issues ▲ 0 critical  ● 0 major  ○ 1 minor" in lines
    assert any(line.startswith("> First week") for line in lines)  # the checklists stay


def test_exit_codes_follow_the_gate(run: Run):
    assert exit_code(run) == 0  # watch
    add_issue(run, "minor", "Typo")
    assert exit_code(run) == 0
    add_issue(run, "major", "Slow search")  # 2
    assert exit_code(run) == 3
    assert state(run) == "pause"
    add_issue(run, "critical", "Data loss")  # 3
    assert exit_code(run) == 4
    assert state(run) == "rollback"
    assert status_json(run)["issues"]["open"] == {"minor": 1, "major": 1, "critical": 1}
    ok(run("issue", "resolve", "3"))
    assert exit_code(run) == 3
    ok(run("issue", "workaround", "2", "use the old search"))  # worked around is not fixed
    assert exit_code(run) == 3
    ok(run("issue", "resolve", "2"))
    assert exit_code(run) == 0
    ok(run("metrics", "record", *GOOD))
    assert exit_code(run) == 0  # go


def test_exit_code_with_json_prints_the_json(run: Run):
    add_issue(run, "critical", "Data loss")
    result = run("status", "--json", "--exit-code")
    assert result.exit_code == 4
    assert json.loads(result.stdout)["gate"]["state"] == "rollback"


def test_without_exit_code_status_exits_0_even_on_rollback(run: Run):
    add_issue(run, "critical", "Data loss")
    assert run("status").exit_code == 0


# -- metrics -----------------------------------------------------------------------------


def test_recording_figures_moves_the_gate_from_watch_to_go(run: Run):
    assert state(run) == "watch"
    out = ok(run("metrics", "record", *GOOD))
    assert out.splitlines() == [
        "Recorded phase 1 on 7 Nov: active 80%, sat 7/10, nps +1",
        "Gate: GO — every criterion met: "
        "may move on to Core team (17 Nov) once its decision is recorded",
    ]
    assert state(run) == "go"
    assert exit_code(run) == 0


def test_79_9_percent_active_use_stays_watch(run: Run):
    ok(run("metrics", "record", "--active", "79.9", "--satisfaction", "7", "--nps", "1"))
    gate = status_json(run)["gate"]
    assert gate["state"] == "watch"
    assert gate["criteria"][0]["value"] == 79.9
    assert gate["criteria"][0]["ok"] is False


def test_a_pass_stays_met_and_a_later_drop_is_a_warning(run: Run):
    ok(run("metrics", "record", *GOOD, "--date", "2026-11-05"))
    assert state(run) == "go"
    ok(run("metrics", "record", "--active", "75"))
    gate = status_json(run)["gate"]
    assert gate["state"] == "go"
    first = gate["criteria"][0]
    assert (first["status"], first["value"], first["warning"]) == (
        "met",
        80,
        "slipping: 75% on 7 Nov",
    )
    assert (
        "  ! active use: Pilot users and volunteers: 80%  met  (needs >= 80%)"
        in ok(run("status")).splitlines()
    )


def test_metrics_list(run: Run):
    assert ok(run("metrics", "list")) == "No figures recorded yet\n"
    ok(run("metrics", "record", *GOOD, "--tickets", "12", "--date", "2026-11-06"))
    ok(run("metrics", "record", "--active", "50%", "--old-system", "40", "--training", "7,5"))
    found = json.loads(ok(run("metrics", "list", "--json")))
    assert [(f["date"], f["phase"], f["active_weekly"]) for f in found] == [
        ("2026-11-06", 1, 80.0),
        ("2026-11-07", 1, 50.0),
    ]
    assert (found[0]["tickets"], found[0]["nps"], found[0]["user"]) == (12, 1, "ana")
    assert (found[1]["old_system"], found[1]["training"]) == (40.0, 7.5)
    lines = ok(run("metrics", "list")).splitlines()
    assert lines[0].split() == [
        "date",
        "ph",
        "accts",
        "active",
        "daily",
        "wflows",
        "old",
        "sat",
        "nps",
        "tickets",
        "train",
        "by",
    ]
    assert lines[1].split() == [
        *("6", "Nov"),
        *("1", "-", "80%", "-", "-", "-", "7/10", "+1", "12", "-"),
        "ana",
    ]
    assert json.loads(ok(run("metrics", "list", "--phase", "2", "--json"))) == []


def test_figures_for_a_later_phase(run: Run):
    ok(run("metrics", "record", "--phase", "2", "--active", "90"))
    assert [f["phase"] for f in json.loads(ok(run("metrics", "list", "--json")))] == [2]
    assert state(run) == "watch"  # phase 1's group still has no figure


def test_metrics_import_keeps_good_rows_and_reports_bad_ones(run: Run, tmp_path: Path):
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "Date,Phase,Active weekly %,Satisfaction,NPS,Comment\n"
        "2026-11-05,1,85,8,10,fine\n"
        "\n"
        "2026-11-06,1,120,8,10,typo\n"
        "2026-11-06,9,50,,,wrong phase\n"
        "2026-11-06,1,82,7.5,3,\n"
        "2026-11-06,1,82,7.5,two hundred,\n",
        encoding="utf-8",
    )
    result = run("metrics", "import", str(survey))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stdout == "saved 2 rows\n"
    assert result.stderr.splitlines() == [
        f"{survey}:4: active_weekly: 120 is not between 0 and 100",
        f"{survey}:5: phase: there is no phase 9; the plan has phases 1, 2, 3, 4",
        f"{survey}:7: nps: two hundred is not a number",
    ]
    found = json.loads(ok(run("metrics", "list", "--json")))
    assert [(f["date"], f["active_weekly"], f["nps"]) for f in found] == [
        ("2026-11-05", 85.0, 10),
        ("2026-11-06", 82.0, 3),
    ]
    assert state(run) == "go"


def test_metrics_import_of_a_clean_file_exits_0(run: Run, tmp_path: Path):
    survey = tmp_path / "week2.csv"
    survey.write_text("active;satisfaction;nps\n81;7,5;4\n", encoding="utf-8")
    result = run("metrics", "import", str(survey), "--phase", "1")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "saved 1 row\n", "")
    found = json.loads(ok(run("metrics", "list", "--json")))
    assert [(f["phase"], f["date"], f["satisfaction"]) for f in found] == [(1, "2026-11-07", 7.5)]


def test_metrics_import_of_a_missing_file(run: Run, tmp_path: Path):
    missing = tmp_path / "nope.csv"
    line = fails(run("metrics", "import", str(missing)))
    assert line == f"Error: {missing}: No such file or directory"


def test_metrics_import_of_a_file_that_is_not_text(run: Run, tmp_path: Path):
    binary = tmp_path / "survey.xlsx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00garbage")
    line = fails(run("metrics", "import", str(binary)))
    assert line.startswith(f"Error: {binary}: not UTF-8 text")
    assert json.loads(ok(run("metrics", "list", "--json"))) == []


# -- gate --------------------------------------------------------------------------------


def test_gate_show_lists_every_criterion(run: Run):
    ok(run("metrics", "record", "--active", "71", "--satisfaction", "7.5", "--nps", "-3"))
    lines = ok(run("gate", "show")).splitlines()
    assert lines[0].startswith("Gate: WATCH — Pilot users and volunteers: active use 71%")
    start = lines.index("Criteria:")
    criteria = [line for line in lines[start:] if line.startswith("  ") and line[2] != " "]
    assert criteria == [
        "  ✗ active use: Pilot users and volunteers: 71%  on track  (needs >= 80%, 24 days left)",
        "  ✓ satisfaction: Pilot users and volunteers: 7.5/10  ok  (needs >= 7/10)",
        "  ✗ NPS: Pilot users and volunteers: -3  not yet  (needs > 0, 24 days left)",
        "  · support tickets: no figure  advisory  (needs down or flat)",
        "  · training completion: no figure  advisory  (needs >= 80%)",
    ]
    groups = lines[lines.index("Groups (verdict, figure, window ends, survey):") + 1]
    assert groups.split() == [
        "1",
        "Pilot",
        "users",
        "and",
        "volunteers",
        "on",
        "track",
        "71%",
        "1",
        "Dec",
        "not",
        "yet",
    ]
    data = gate_json(run)
    assert data["criteria"][2]["detail"] == (
        "Pilot users and volunteers: NPS -3 on 7 Nov, needs above 0"
    )


def test_a_hold_pauses_with_its_reason_and_lift_restores(run: Run):
    ok(run("metrics", "record", *GOOD))
    out = ok(run("gate", "hold", "--reason", "Vendor outage in Paramaribo"))
    assert out.startswith('Gate: PAUSE — held by ana 7 Nov: "Vendor outage in Paramaribo"')
    gate = status_json(run)["gate"]
    assert (gate["state"], gate["computed_state"]) == ("pause", "go")
    assert gate["override"]["kind"] == "hold"
    assert gate["override"]["reason"] == "Vendor outage in Paramaribo"
    assert gate["override"]["user"] == "ana"
    assert exit_code(run) == 3
    shown = ok(run("gate", "show"))
    assert "By the rules alone: GO" in shown
    assert run("gate", "lift").exit_code == 2  # --reason is required
    line = fails(run("gate", "lift", "--reason", "  "))
    assert line == "Error: lifting an override needs a reason: say why"
    assert status_json(run)["gate"]["override"]["kind"] == "hold"  # still held
    out = ok(run("gate", "lift", "--reason", "vendor is back"))
    assert out.splitlines()[0].startswith("Lifted the hold by ana")
    assert out.splitlines()[1].startswith("Gate: GO")
    assert status_json(run)["gate"]["override"] is None
    assert exit_code(run) == 0
    history = json.loads(ok(run("gate", "history", "--json")))
    assert [(h["kind"], h["reason"]) for h in history][-1] == ("lift", "vendor is back")
    line = fails(run("gate", "lift", "--reason", "again"))
    assert line == "Error: no hold or go stands; there is nothing to lift"


def test_go_overrides_a_pause_but_never_a_critical_issue(run: Run):
    add_issue(run, "major", "Slow search")
    assert state(run) == "pause"
    out = ok(run("gate", "go", "--reason", "the board accepts the risk"))
    assert out.startswith("Gate: GO — go by ana 7 Nov despite pause")
    assert exit_code(run) == 0
    add_issue(run, "critical", "Data loss")
    gate = status_json(run)["gate"]
    assert gate["state"] == "rollback"
    assert gate["override"]["kind"] == "go"
    assert "does not apply" in gate["sentence"]
    assert exit_code(run) == 4
    result = run("gate", "go", "--reason", "again")
    assert result.exit_code == 0
    assert result.stdout.startswith("Gate: ROLLBACK")
    assert "critical issue still rolls back" in result.stderr


def test_gate_history_keeps_every_hold_go_and_lift(run: Run):
    assert ok(run("gate", "history")) == "No hold or go yet\n"
    ok(run("gate", "hold", "--reason", "wait for training"))
    ok(run("gate", "lift", "--reason", "trained"))
    ok(run("gate", "go", "--reason", "deadline", user="rob"))
    history = json.loads(ok(run("gate", "history", "--json")))
    assert [(h["kind"], h["reason"], h["user"]) for h in history] == [
        ("hold", "wait for training", "ana"),
        ("lift", "trained", "ana"),
        ("go", "deadline", "rob"),
    ]
    lines = ok(run("gate", "history")).splitlines()
    assert len(lines) == 3 and "hold" in lines[0] and "wait for training" in lines[0]


def test_control_characters_in_a_reason_are_shown_harmless(run: Run):
    ok(run("gate", "hold", "--reason", "wait\x1b[2J\nfor it"))
    for args in (("status",), ("gate", "show"), ("gate", "history")):
        out = ok(run(*args))
        assert "\x1b" not in out
        assert "wait\ufffd[2J for it" in out


# -- phases ------------------------------------------------------------------------------


def test_phases_list(run: Run):
    lines = ok(run("phases", "list")).splitlines()
    assert lines == [
        "> 1  Early adopters · Pilot users and volunteers 15% · days 0-13 (3–16 Nov)",
        "  2  Core team · Core team 35% · days 14-27 (17–30 Nov)",
        "  3  Remaining users · Everyone else 50% · days 28-41 (1–14 Dec)",
        "  4  Decommission · Everyone 100% · days 42-55 (15–28 Dec) · old system off",
    ]
    data = json.loads(ok(run("phases", "list", "--json")))
    assert data[0] == {
        "number": 1,
        "name": "Early adopters",
        "group": "Pilot users and volunteers",
        "share": 15,
        "start": 0,
        "end": 13,
        "first": "2026-11-03",
        "last": "2026-11-16",
        "decommission": False,
        "current": True,
    }
    assert [p["current"] for p in data] == [True, False, False, False]


def test_editing_a_phase_changes_the_plan_and_the_current_phase(run: Run):
    out = ok(run("phases", "edit", "2", "--start", "4", "--reason", "core team is ready"))
    assert out.splitlines()[0] == "Changed phase 1 end: day 13 -> 3; phase 2 start: day 14 -> 4"
    data = status_json(run)
    assert data["phase"] == {"number": 2, "name": "Core team"}
    active = [c for c in data["gate"]["criteria"] if c["name"].startswith("active use")]
    names = [c["name"] for c in active]
    assert names == ["active use: Pilot users and volunteers", "active use: Core team"]
    assert active[1]["deadline"] == "2026-12-05"  # 4 weeks from 7 Nov
    assert data["gate"]["criteria"][0]["name"] == "decision: Core team"  # due today
    assert ok(run("status")).splitlines()[1].startswith("Phase 2/4 Core team · day 1 of 24")

    ok(run("phases", "edit", "2", "--name", "Sales and support", "--share", "40", user="rob"))
    phases = json.loads(ok(run("phases", "list", "--json")))
    assert [(p["number"], p["name"], p["share"], p["start"], p["end"]) for p in phases[:2]] == [
        (1, "Early adopters", 15, 0, 3),
        (2, "Sales and support", 40, 4, 27),
    ]
    history = ok(run("phases", "history")).splitlines()
    assert history[0].split()[2] == "ana"  # date, time, who (and the login when it differs)
    assert history[0].endswith(": core team is ready")
    assert history[1:3] == ["  phase 1 end: day 13 -> 3", "  phase 2 start: day 14 -> 4"]
    assert history[3].split()[2] == "rob"
    assert history[4:] == [
        '  phase 2 name: "Core team" -> "Sales and support"',
        "  phase 2 share: 35% -> 40%",
    ]


def test_phase_days_may_be_dates(run: Run):
    ok(run("phases", "edit", "3", "--end", "2026-12-20"))
    phases = json.loads(ok(run("phases", "list", "--json")))
    assert (phases[2]["end"], phases[2]["last"]) == (47, "2026-12-20")
    assert (phases[3]["start"], phases[3]["first"]) == (48, "2026-12-21")


def test_phases_history_before_any_edit(run: Run):
    assert ok(run("phases", "history")) == "The plan follows the phased template; no edits yet\n"


# -- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("metrics", "record", "--active", "120"), "--active: 120 is not between 0 and 100"),
        (("metrics", "record", "--active", "80", "--nps", "200"), "--nps: 200 is not between"),
        (("metrics", "record", "--active", "80", "--satisfaction", "11"), "--satisfaction: 11"),
        (("metrics", "record", "--active", "eighty"), "--active: eighty is not a number"),
        (("metrics", "record", "--active", "80", "--tickets", "-1"), "--tickets: -1 is negative"),
        (
            ("metrics", "record", "--active", "80", "--date", "2026-11-08"),
            "--date: 2026-11-08 lies in the future",
        ),
        (("metrics", "record", "--phase", "9", "--active", "80"), "there is no phase 9"),
        (("metrics", "list", "--phase", "9"), "there is no phase 9"),
        (("metrics", "import", "x.csv", "--phase", "9"), "there is no phase 9"),
        (("phases", "edit", "9", "--name", "X"), "there is no phase 9"),
        (("gate", "hold", "--reason", ""), "a hold override needs a reason"),
        (("gate", "hold", "--reason", "   "), "a hold override needs a reason"),
        (("gate", "go", "--reason", ""), "a go override needs a reason"),
        (("phases", "edit", "2", "--share", "120"), "share: 120 is not between 1 and 100"),
        (("phases", "edit", "2", "--start", "soon"), "start: 'soon' is not a day"),
        (("phases", "edit", "2", "--name", "  "), "the phase's name must not be empty"),
        (("phases", "edit", "2", "--start", "30"), "phase 2 would end on day 27, before"),
        (("phases", "edit", "2", "--start", "0"), "phase 2 cannot start on day 0"),
        (("phases", "edit", "1", "--start", "3"), "phase 1 is the first"),
        (("phases", "edit", "2"), "nothing to change"),
        (("phases", "edit", "2", "--name", "Core team"), "already reads so"),
    ],
)
def test_bad_input_is_one_error_line(run: Run, args, message):
    before = (ok(run("metrics", "list", "--json")), ok(run("phases", "list", "--json")))
    line = fails(run(*args))
    assert message in line, line
    after = (ok(run("metrics", "list", "--json")), ok(run("phases", "list", "--json")))
    assert after == before
    assert ok(run("gate", "history", "--json")) == "[]\n"


def test_record_requires_active_as_the_product_says(run: Run):
    result = run("metrics", "record", "--satisfaction", "8")
    assert result.exit_code == 2
    assert "--active" in result.stderr


@pytest.mark.parametrize(
    "args",
    [("metrics", "list"), ("gate", "show"), ("gate", "hold", "--reason", "x"), ("phases", "list")],
)
def test_an_empty_database_asks_for_init(cli_run: Run, args):
    assert "run `launchtui init` or `launchtui demo`" in fails(cli_run(*args))


def test_phases_add_between_two_and_after_the_last(run: Run):
    out = ok(
        run(
            "phases",
            "add",
            "--name",
            "Night shift",
            "--group",
            "Warehouse",
            "--share",
            "10",
            "--start",
            "28",
            "--end",
            "D+34",
            "--reason",
            "late joiners",
        )
    )
    assert out.splitlines()[0] == "Changed phase 5 added; phase 3 start: day 28 -> 35"
    data = json.loads(ok(run("phases", "list", "--json")))
    assert [(p["number"], p["start"], p["end"]) for p in data] == [
        (1, 0, 13),
        (2, 14, 27),
        (5, 28, 34),
        (3, 35, 41),
        (4, 42, 55),
    ]
    ok(
        run(
            "phases",
            "add",
            "--name",
            "Stragglers",
            "--group",
            "Everyone else",
            "--share",
            "5",
            "--start",
            "2026-12-29",
            "--end",
            "2027-01-04",
        )
    )
    data = json.loads(ok(run("phases", "list", "--json")))
    assert (data[-1]["number"], data[-1]["start"], data[-1]["end"]) == (6, 56, 62)
    assert "late joiners" in ok(run("phases", "history"))


def test_phases_remove_a_phase_to_come(run: Run):
    out = ok(run("phases", "remove", "3"))
    assert out.splitlines()[0] == "Removed phase 3"
    assert "phase 3 removed" in ok(run("phases", "history"))
    data = json.loads(ok(run("phases", "list", "--json")))
    assert [(p["number"], p["start"], p["end"]) for p in data] == [
        (1, 0, 13),
        (2, 14, 41),
        (4, 42, 55),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("remove", "1"), "Error: phase 1 started on day 0; only a phase still to come"),
        (("remove", "9"), "Error: there is no phase 9"),
        (
            ("add", "--name", "X", "--group", "Y", "--share", "10", "--start", "0", "--end", "3"),
            "Error: a new phase cannot start on day 0",
        ),
        (
            ("add", "--name", "X", "--group", "Y", "--share", "10", "--start", "60", "--end", "70"),
            "Error: a new phase cannot start on day 60",
        ),
        (
            ("add", "--name", "X", "--group", "Y", "--share", "0", "--start", "56", "--end", "60"),
            "Error: share: 0 is not between 1 and 100",
        ),
        (
            ("add", "--name", " ", "--group", "Y", "--share", "5", "--start", "56", "--end", "60"),
            "Error: the phase's name must not be empty",
        ),
    ],
)
def test_phases_add_and_remove_refuse_with_one_line(run: Run, args, message):
    line = fails(run("phases", *args))
    assert line.startswith(message) and "\n" not in line.strip()


def test_a_decided_phase_cannot_be_removed(run: Run):
    ok(run("phases", "decide", "3", "hold", "--reason", "not yet"))
    assert "phase 3 has a recorded decision" in fails(run("phases", "remove", "3"))
