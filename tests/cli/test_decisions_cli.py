"""Issue 12 on the command line: missed groups pause, decisions per phase, the switch-off guard.

The rollout launches on 2026-11-03 (phased template: core team from 17 Nov, everyone else
from 1 Dec, decommission 15-28 Dec); each test pretends today with `today=`.
"""

from __future__ import annotations

import json

import pytest

from .conftest import Run, fails, ok

SWITCH_OFF = "post-rollout/old-system-switched-off"


def status(run: Run, today: str, lang: str | None = None) -> dict:
    args = ("--lang", lang) if lang else ()
    return json.loads(ok(run(*args, "status", "--json", today=today)))


def exit_code(run: Run, today: str) -> int:
    result = run("status", "--exit-code", today=today)
    assert "Traceback" not in result.output
    return result.exit_code


# -- missing data is not good data -------------------------------------------------------


def test_fifty_six_days_without_a_figure_pause_and_exit_3(run: Run):
    """The reproduced defect: no figure at all said WATCH and 'Rollout complete'."""
    data = status(run, "2026-12-29")
    assert data["gate"]["state"] == "pause"
    missed = [c["name"] for c in data["gate"]["criteria"] if c["status"] == "missed"]
    assert "active use: Pilot users and volunteers" in missed
    assert exit_code(run, "2026-12-29") == 3
    lines = ok(run("status", today="2026-12-29")).splitlines()
    assert lines[1].startswith("Past the plan (4 phases), not complete: phase 2 not decided go")
    assert not any("Rollout complete" in line for line in lines)


@pytest.mark.parametrize(("active", "code"), [("40", 3), (None, 3), ("85", 0)])
def test_a_missed_group_exits_3_whether_its_figure_is_low_or_absent(run: Run, active, code):
    if active:
        ok(run("metrics", "record", "--active", active, "--satisfaction", "8", "--nps", "5"))
    assert exit_code(run, "2026-12-02") == code  # day 29: pilot window over


def test_a_pass_is_not_taken_back_when_its_figure_ages(run: Run):
    ok(run("metrics", "record", "--active", "85", "--satisfaction", "8", "--nps", "5"))
    later = status(run, "2026-12-07")
    pilot = later["gate"]["groups"][0]
    assert (pilot["verdict"], pilot["met"]) == ("met", {"value": 85.0, "date": "2026-11-07"})


def test_satisfaction_is_judged_per_group(run: Run):
    ok(run("phases", "decide", "2", "go", "--reason", "pilot went well", today="2026-11-16"))
    core = ("--phase", "2", "--active", "60", "--satisfaction", "5", "--nps", "-10")
    ok(run("metrics", "record", *core, today="2026-11-20"))
    pilot = ("--phase", "1", "--active", "90", "--satisfaction", "9", "--nps", "30")
    ok(run("metrics", "record", *pilot, today="2026-11-21"))
    groups = {g["phase"]: g["survey"] for g in status(run, "2026-11-21")["gate"]["groups"]}
    assert groups == {1: "ok", 2: "pending"}


def test_the_same_figure_reads_the_same_in_every_view(run: Run):
    ok(run("metrics", "record", "--active", "71.25", "--satisfaction", "8", "--nps", "5"))
    gate_show = ok(run("gate", "show"))
    plain = ok(run("status"))
    assert "71.25%" in gate_show and "71.2%" not in gate_show
    assert "71.25%" in plain and "71.2%" not in plain
    assert "71.25%" in status(run, "2026-11-07")["gate"]["sentence"]


# -- decisions ---------------------------------------------------------------------------


def test_a_phase_due_without_a_decision_watches_and_says_so(run: Run):
    ok(run("metrics", "record", "--active", "85", "--satisfaction", "8", "--nps", "5"))
    assert status(run, "2026-11-16")["gate"]["state"] == "go"  # the day before
    due = status(run, "2026-11-17")["gate"]
    assert due["state"] == "watch"
    assert due["sentence"].startswith("Core team due to start 17 Nov: no decision yet")


def test_decide_records_who_when_verdict_and_evidence(run: Run):
    ok(run("metrics", "record", "--active", "85", "--satisfaction", "8", "--nps", "5"))
    ok(run("issue", "add", "--title", "Typo", "--severity", "minor"))
    out = ok(run("phases", "decide", "2", "go", "--reason", "pilot passed", today="2026-11-14"))
    assert out.startswith("Recorded 2 Core team: go by ana")
    assert out.splitlines()[0].endswith('on 14 Nov (gate was go): "pilot passed"')
    found = json.loads(ok(run("phases", "decisions", "--json")))
    assert len(found) == 1
    made = found[0]
    assert (made["phase"], made["decision"], made["user"], made["on"]) == (
        2,
        "go",
        "ana",
        "2026-11-14",
    )
    assert (made["gate_state"], made["against_gate"]) == ("go", False)
    assert made["open_issues"] == {"critical": 0, "major": 0, "minor": 1}
    evidence = {c["name"]: (c["value"], c["threshold"], c["ok"]) for c in made["evidence"]}
    assert evidence["active use: Pilot users and volunteers"] == (85.0, ">= 80%", True)
    listed = ok(run("phases", "decisions")).splitlines()
    assert listed[0].startswith("2 Core team: go by ana")
    assert "    ✓ active use: Pilot users and volunteers: 85% (>= 80%)" in listed
    assert status(run, "2026-11-17")["gate"]["state"] != "pause"
    decisions = status(run, "2026-11-17")["gate"]["decisions"]
    assert decisions[1]["decision"]["decision"] == "go"


def test_a_go_against_a_failing_gate_is_marked(run: Run):
    ok(run("metrics", "record", "--active", "40"))
    result = run("phases", "decide", "2", "go", "--reason", "board wants speed", today="2026-11-16")
    assert result.exit_code == 0
    assert "AGAINST THE GATE" in result.stdout
    assert result.stderr.startswith("Warning: a go against the gate (watch)")
    made = json.loads(ok(run("phases", "decisions", "--json")))[0]
    assert (made["gate_state"], made["against_gate"]) == ("watch", True)
    gate = status(run, "2026-11-17")["gate"]
    decision = next(c for c in gate["criteria"] if c["name"] == "decision: Core team")
    assert decision["status"] == "go"


def test_a_hold_pauses_until_a_later_go(run: Run):
    ok(run("metrics", "record", "--active", "85", "--satisfaction", "8", "--nps", "5"))
    ok(run("phases", "decide", "2", "hold", "--reason", "SSO not ready", today="2026-11-16"))
    assert exit_code(run, "2026-11-17") == 3
    assert status(run, "2026-11-17")["gate"]["sentence"].startswith("Core team on hold since")
    ok(run("phases", "decide", "2", "go", "--reason", "SSO fixed", today="2026-11-18"))
    assert exit_code(run, "2026-11-18") == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("9", "go", "--reason", "x"),
            "Error: there is no phase 9; the plan has phases 1, 2, 3, 4",
        ),
        (("2", "go", "--reason", "  "), "Error: a go decision needs a reason: say why"),
        (("2", "go", "--reason", "x", "--date", "2026-11-08"), "Error: --date 2026-11-08 lies in"),
    ],
)
def test_bad_decisions_are_one_line_and_save_nothing(run: Run, args, message):
    line = fails(run("phases", "decide", *args))
    assert line.startswith(message)
    assert json.loads(ok(run("phases", "decisions", "--json"))) == []


def test_a_missing_reason_is_a_usage_error(run: Run):
    assert "Missing option '--reason'" in fails(run("phases", "decide", "2", "go"), code=2)


def test_a_phase_already_decided_cannot_be_decided_again(run: Run):
    ok(run("phases", "decide", "2", "stop", "--reason", "budget cut"))
    line = fails(run("phases", "decide", "2", "go", "--reason", "budget back", user="rob"))
    assert line == "Error: phase 2 is already decided: stop by ana on 7 Nov"
    assert len(json.loads(ok(run("phases", "decisions", "--json")))) == 1
    assert json.loads(ok(run("phases", "decisions", "--json")))[0]["on"] == "2026-11-07"
    line = fails(
        run("--lang", "nl", "phases", "decide", "2", "go", "--reason", "x"), prefix="Fout: "
    )
    assert line.endswith("stoppen door ana op 7 nov"), line


def test_already_decided_names_the_year_of_a_decision_from_another_year(run: Run):
    ok(run("phases", "decide", "2", "stop", "--reason", "budget cut", today="2026-12-30"))
    line = fails(run("phases", "decide", "2", "go", "--reason", "back", today="2027-01-04"))
    assert line == "Error: phase 2 is already decided: stop by ana on 30 Dec 2026"


def test_decisions_in_dutch(run: Run):
    ok(run("phases", "decide", "2", "hold", "--reason", "SSO"))
    out = ok(run("--lang", "nl", "phases", "decisions"))
    assert out.startswith("2 Core team: aanhouden door ana")
    assert "op 7 nov (poort stond op let op)" in out.splitlines()[0]
    line = fails(
        run("--lang", "nl", "phases", "decide", "2", "go", "--reason", " "), prefix="Fout: "
    )
    assert "heeft een reden nodig" in line


# -- the old system's switch-off ---------------------------------------------------------


def test_switching_off_below_80_percent_is_refused_without_a_reason(run: Run):
    today = "2026-12-30"
    everyone = ("--phase", "4", "--active", "75", "--old-system", "30", "--date", "2026-12-28")
    ok(run("metrics", "record", *everyone, today=today))
    line = fails(run("tick", SWITCH_OFF, today=today))
    assert line.startswith(f"Error: '{SWITCH_OFF}' needs 80% of everyone on the new system:")
    assert "70% of everyone on the new system on 28 Dec" in line
    assert status(run, today)["checklists"][-1]["done"] == 0
    out = ok(run("tick", SWITCH_OFF, "--reason", "licence ends Friday", today=today))
    assert out.splitlines() == [
        f"Ticked {SWITCH_OFF}",
        'Done against the rule: 70% on the new system, needs 80%: "licence ends Friday"',
    ]
    history = ok(run("history", SWITCH_OFF, today=today)).splitlines()
    assert history[1] == (
        '    Done against the rule: 70% on the new system, needs 80%: "licence ends Friday"'
    )
    rows = json.loads(ok(run("history", SWITCH_OFF, "--json", today=today)))
    assert rows[0]["exception"] == {
        "rule": "new-system",
        "reason": "licence ends Friday",
        "value": 70.0,
        "threshold": 80.0,
    }


def test_switching_off_at_80_percent_needs_no_reason(run: Run):
    today = "2026-12-30"
    everyone = ("--phase", "4", "--active", "85", "--old-system", "20", "--date", "2026-12-28")
    ok(run("metrics", "record", *everyone, today=today))
    assert ok(run("tick", SWITCH_OFF, today=today)) == f"Ticked {SWITCH_OFF}\n"


def test_switching_off_with_no_figure_is_refused_too(run: Run):
    line = fails(run("tick", SWITCH_OFF, today="2026-12-30"))
    assert "no figure yet of everyone on the old system" in line
