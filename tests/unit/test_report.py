"""The rollout report: built from a known rollout and checked field by field, its pure
parts (verdicts from the gate, medians, longest open) on their own, and the Markdown, JSON
and CSV writers.

The known rollout is the fixture's Acme CRM (launch 2026-11-03, phased: phase 1 from
3 Nov, 2 from 17 Nov, 3 from 1 Dec, decommission from 15 Dec), with figures, issues,
ticks and notes entered on the days they happened; the report is made on 10 Dec.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import time
from collections.abc import Callable, Iterator

import pytest

from launchtui.domain.clock import Clock
from launchtui.domain.decisions import Decision
from launchtui.domain.gate import evaluate
from launchtui.domain.groups import Reading
from launchtui.domain.issues import IssueEvent
from launchtui.domain.issues import fold as fold_issue
from launchtui.domain.metrics import Figures
from launchtui.domain.phases import TEMPLATES
from launchtui.domain.progress import RolloutStatus
from launchtui.domain.report import (
    LatestFigure,
    OpenIssueReport,
    SeverityReport,
    build_report,
    duration_text,
    latest_figures,
    longest_open,
    median_to_resolve,
)
from launchtui.domain.retro import NOTE_FIELDS, NoteEvent
from launchtui.domain.retro import fold as fold_note
from launchtui.domain.rollout import Actor, Rollout
from launchtui.domain.ticks import RuleException, TickEvent
from launchtui.exporters.report import (
    decision_cell,
    report_dict,
    verdict_cell,
    verdict_phrase,
    write_notes_csv,
    write_report_json,
    write_report_markdown,
)
from launchtui.services.adoption import AdoptionService
from launchtui.services.issues import IssueService
from launchtui.services.retro import RetroService
from launchtui.services.workspace import UserError, Workspace
from launchtui.text import i18n
from launchtui.text.safe import clean

LAUNCH = dt.date(2026, 11, 3)
REPORT_DAY = "2026-12-10"
ITEM = "launch-day/refresher-held"
SWITCH_OFF = "post-rollout/old-system-switched-off"
ANA = Actor("ana", "ana")
ROB = Actor("rob", "rsmith")
HOSTILE = "# [x](http://e) | *b* <i> `c` \x1b[2J =SUM(A1) a\u202eb"

On = Callable[..., Workspace]


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def utc_at(day: str, hhmm: str) -> dt.datetime:
    return dt.datetime.combine(d(day), dt.time.fromisoformat(hhmm), dt.UTC)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run in UTC, so a pinned local time of day is that time in UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def on(workspace: Workspace, utc) -> Iterator[On]:
    """`on(day, hhmm, user)`: a workspace on the fixture's database at that moment."""
    opened: list[Workspace] = []

    def make(day: str, hhmm: str = "12:00", user: str = "ana") -> Workspace:
        clock = Clock(d(day), dt.time.fromisoformat(hhmm))
        actor = dataclasses.replace(workspace.settings.actor, name=user)
        ws = Workspace(dataclasses.replace(workspace.settings, clock=clock, actor=actor))
        opened.append(ws)
        return ws

    yield make
    for ws in opened:
        ws.close()


def record(on: On, day: str, phase: int, **figures) -> None:
    AdoptionService(on(day)).record(phase=phase, **figures)


def build_known_rollout(on: On) -> None:
    """Figures, issues, ticks and notes of the known rollout, each on its own day."""
    record(on, "2026-11-10", 1, active=60)
    record(on, "2026-11-17", 1, active=82, satisfaction=7.5, nps=10)
    record(on, "2026-11-24", 1, active=78)
    record(on, "2026-11-24", 2, active=50, accounts=90)
    record(on, "2026-12-01", 2, active=85, satisfaction=8, nps=20)
    record(on, "2026-12-08", 3, active=70, old_system=30, tickets=12)

    def log(day: str, hhmm: str, title: str, severity: str) -> int:
        return IssueService(on(day, hhmm)).add(title, severity).id

    def resolve(issue_id: int, day: str, hhmm: str) -> None:
        IssueService(on(day, hhmm)).resolve(issue_id, "fixed")

    resolve(log("2026-11-04", "10:00", "Login fails for pilots", "major"), "2026-11-05", "10:00")
    resolve(log("2026-11-05", "10:00", "Typo on the start page", "minor"), "2026-11-05", "14:00")
    resolve(log("2026-11-06", "10:00", "Data lost on save", "critical"), "2026-11-06", "12:00")
    log("2026-11-10", "12:00", "Export button hidden", "minor")
    log("2026-11-12", "12:00", "Slow search", "minor")
    IssueService(on("2026-11-13")).workaround(5, "Search by customer number")
    log("2026-11-20", "12:00", "SSO loops for the core team", "major")
    log("2026-11-25", "12:00", "Dates shown in US format", "minor")
    log("2026-12-01", "12:00", "Mobile app drains data", "minor")
    resolve(log("2026-12-02", "12:00", "Wrong logo in emails", "minor"), "2026-12-09", "12:00")

    today = on(REPORT_DAY)
    today.tick("two-weeks-before/pilot-complete")
    today.tick("two-weeks-before/announcement-sent")
    today.skip("one-week-before/quick-reference-printed", "PDF only")

    RetroService(on("2026-11-05", "10:00")).add("went-well", "Refresher made day one easy")
    RetroService(on("2026-11-20", "12:00", "rob")).add("lesson", "Check SSO first", issue="6")
    RetroService(on("2026-12-08")).add(
        "thanks", "Thanks, Mei,\nfor the evening sessions", item=ITEM
    )
    RetroService(on(REPORT_DAY)).add("next-step", "Plan advanced-features training")
    RetroService(on("2026-12-09")).edit(2, "Check SSO before each group moves")


@pytest.fixture
def known(on: On) -> tuple[RetroService, Workspace]:
    build_known_rollout(on)
    ws = on(REPORT_DAY)
    return RetroService(ws), ws


# -- the known rollout, field by field --------------------------------------------------


def test_the_dates_of_the_known_rollout(known):
    report = known[0].report()
    assert (report.tool, report.template) == ("Acme CRM", "phased")
    assert (report.launch, report.end, report.today) == (LAUNCH, d("2026-12-28"), d(REPORT_DAY))
    assert (report.day, report.current_phase) == (37, 3)


def test_each_phase_carries_the_gates_verdict(known):
    report = known[0].report()
    phases = report.phases
    assert [(p.number, p.name, p.group, p.share) for p in phases] == [
        (1, "Early adopters", "Pilot users and volunteers", 15),
        (2, "Core team", "Core team", 35),
        (3, "Remaining users", "Everyone else", 50),
        (4, "Decommission", "Everyone", 100),
    ]
    assert [(p.start, p.end, p.deadline, p.started) for p in phases] == [
        (d("2026-11-03"), d("2026-11-16"), d("2026-12-01"), True),
        (d("2026-11-17"), d("2026-11-30"), d("2026-12-15"), True),
        (d("2026-12-01"), d("2026-12-14"), d("2026-12-29"), True),
        (d("2026-12-15"), d("2026-12-28"), None, False),
    ]
    first, second, third, last = phases
    # 60% on 10 Nov, 82% on 17 Nov, 78% on 24 Nov: met on 17 Nov and stays met, slipping.
    assert (first.verdict, first.met_on, first.met_value) == ("met", d("2026-11-17"), 82.0)
    assert first.slipping == Reading(78.0, d("2026-11-24"))
    assert (first.survey, first.satisfaction, first.nps) == (
        "ok",
        Reading(7.5, d("2026-11-17")),
        Reading(10.0, d("2026-11-17")),
    )
    assert (second.verdict, second.met_on, second.slipping) == ("met", d("2026-12-01"), None)
    assert (third.verdict, third.met, third.deciding) == (
        "on-track",
        None,
        Reading(70.0, d("2026-12-08")),
    )
    assert (third.survey, third.days_left) == ("pending", 19)
    assert (last.verdict, last.survey, last.decision) == (None, None, None)
    # No decision is recorded: the phases whose start has come say so.
    assert [p.decision_missing for p in phases] == [False, True, True, False]
    assert first.latest == (
        LatestFigure("active_weekly", 78, d("2026-11-24")),
        LatestFigure("satisfaction", 7.5, d("2026-11-17")),
        LatestFigure("nps", 10, d("2026-11-17")),
    )
    assert third.figure("tickets") == LatestFigure("tickets", 12, d("2026-12-08"))
    assert [verdict_phrase(p) for p in phases] == [
        "met on 2026-11-17 with 82% active use, inside its 4-week window (on time)",
        "met on 2026-12-01 with 85% active use, inside its 4-week window (on time)",
        "on track: 70% active use on 2026-12-08; needs 80% by 2026-12-29 (19 days left)",
        "not started yet: starts 2026-12-15",
    ]
    assert [verdict_cell(p) for p in phases] == [
        "met 2026-11-17 (82%), slipping",
        "met 2026-12-01 (85%)",
        "on track (70%)",
        "not started",
    ]
    assert [decision_cell(p) for p in phases] == ["-", "none yet", "none yet", "-"]


def test_the_report_says_what_the_gate_says(known):
    """Every verdict in the report is the gate's own, on the same day."""
    service, ws = known
    report = service.report()
    gate = AdoptionService(ws).gate()
    assert (report.gate.state, report.gate.sentence) == (gate.state, gate.sentence)
    assert report.gate.state == "pause"  # the core team's SSO issue (#6) is still open
    judged = {v.phase: v for v in gate.groups}
    for phase in report.phases:
        verdict = judged.get(phase.number)
        if verdict is None:
            assert phase.verdict is None
            continue
        assert (phase.verdict, phase.met, phase.slipping, phase.survey) == (
            verdict.adoption.verdict,
            verdict.adoption.met,
            verdict.adoption.slipping,
            verdict.survey,
        )


def test_checklist_completion_per_window(known):
    report = known[0].report()
    status = known[1].status()
    by_id = {w.id: w for w in report.windows}
    assert [w.id for w in report.windows] == [w.id for w in status.windows]
    assert (by_id["two-weeks-before"].done, by_id["two-weeks-before"].skipped) == (2, 0)
    assert (by_id["one-week-before"].done, by_id["one-week-before"].skipped) == (0, 1)
    for window in status.windows:
        mine = by_id[window.id]
        assert mine.total == len(window.window.instances)
        assert (mine.first, mine.last) == (window.window.first, window.window.last)
        assert mine.title == window.window.spec.label("en")
        assert mine.open == mine.total - mine.done - mine.skipped
    assert sum(w.done for w in report.windows) == 2
    assert sum(w.skipped for w in report.windows) == 1


def test_issues_by_severity_with_the_median_time_to_resolve(known):
    report = known[0].report()
    hours = dt.timedelta(hours=1)
    assert report.severities == (
        SeverityReport("critical", 1, 0, 1, 2 * hours),
        SeverityReport("major", 2, 1, 1, 24 * hours),
        SeverityReport("minor", 6, 4, 2, 86 * hours),  # 4 h and 7 days: their middle
    )
    assert report.issues == SeverityReport("all", 9, 5, 4, 14 * hours)  # 2, 4, 24, 168 h


def test_the_longest_open_issues(known):
    report = known[0].report()
    assert report.longest_open == (
        OpenIssueReport(
            4, "Export button hidden", "minor", "open", 1, utc_at("2026-11-10", "12:00"), 30
        ),
        OpenIssueReport(
            5, "Slow search", "minor", "workaround", 1, utc_at("2026-11-12", "12:00"), 28
        ),
        OpenIssueReport(
            6, "SSO loops for the core team", "major", "open", 1, utc_at("2026-11-20", "12:00"), 20
        ),
        OpenIssueReport(
            7, "Dates shown in US format", "minor", "open", 1, utc_at("2026-11-25", "12:00"), 15
        ),
        OpenIssueReport(
            8, "Mobile app drains data", "minor", "open", 1, utc_at("2026-12-01", "12:00"), 9
        ),
    )


def test_the_notes_with_where_and_by_whom_they_were_written(known):
    service, ws = known
    report = service.report()
    notes = report.notes
    assert [(n.id, n.kind, n.phase, n.window) for n in notes] == [
        (1, "went-well", 1, "first-week"),
        (2, "lesson", 2, "each-week-after"),
        (3, "thanks", 3, "each-week-after"),
        (4, "next-step", 3, "each-week-after"),
    ]
    assert [n.author.name for n in notes] == ["ana", "rob", "ana", "ana"]
    assert notes[1].text == "Check SSO before each group moves"
    assert notes[1].earlier_texts() == ("Check SSO first",)
    assert (notes[1].edits, notes[1].editor.name) == (1, "ana")
    assert notes[0].created_at == utc_at("2026-11-05", "10:00")
    assert report.issue_titles == {6: "SSO loops for the core team"}
    assert report.item_labels == {ITEM: ws.item(ITEM).instance.label("en")}
    assert report.note_counts() == {"went-well": 1, "lesson": 1, "thanks": 1, "next-step": 1}


def test_the_report_follows_the_language_for_window_titles(known):
    report = known[0].report(lang="nl")
    assert report.windows[0].title == "2 weken vooraf"
    with pytest.raises(UserError, match="unknown language"):
        known[0].report(lang="fr")


def test_the_markdown_report_of_the_known_rollout(known):
    out = io.StringIO()
    assert known[0].export("md", out) == 4
    text = out.getvalue()
    lines = text.splitlines()
    assert lines[0] == "# Rollout report: Acme CRM"
    assert lines[2] == "Exported 2026-12-10 12:00 UTC by " + known[1].actor.label()
    for expected in (
        "- Launch: Tue 3 Nov 2026",
        "- Rollout end: Mon 28 Dec 2026 (last day of the last phase)",
        "- Today: Thu 10 Dec 2026, day 38 of the rollout, phase 3 of 4 running",
        "- Pilot users and volunteers (phase 1): active use 78% (2026-11-24), "
        "satisfaction 7.5/10 (2026-11-17), NPS +10 (2026-11-17)",
        "- Everyone (phase 4): no figures recorded",
        "9 logged, 5 unresolved, 4 resolved; median time to resolve: 14 h.",
        "- #4 Export button hidden (minor, open, tier 1): open 30 days, since 2026-11-10",
        "### What went well (1)",
        "- Check SSO before each group moves\\",
        "- Thanks, Mei,\\",
        "  for the evening sessions\\",
    ):
        assert expected in lines, expected
    assert sum(1 for line in lines if line.startswith("- #")) == 5  # the top 5, no more
    assert (
        'Gate today: PAUSE — major issue \\#6 open 20 days: "SSO loops for the core team"' in lines
    )
    assert "Still open" not in text  # the plan still runs
    assert (
        "- 1 Early adopters (Pilot users and volunteers): met on 2026-11-17 with 82% active "
        "use, inside its 4-week window (on time)"
    ) in lines
    assert "  - slipping: 78% on 2026-11-24, below 80% since it met the rule" in lines
    assert "  - survey ok: satisfaction 7.5/10 (2026-11-17), NPS +10 (2026-11-17)" in lines
    assert "  - no decision recorded; its group was due to start on 2026-11-17" in lines
    assert "- 2 Core team: met on 2026-12-01 with 85% active use" in text  # name = group
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines if "|" in line]
    assert ["Phase", "Group", "Runs", "Verdict", "Survey", "Decision"] in cells
    assert [
        "1 Early adopters",
        "Pilot users and volunteers",
        "2026-11-03 – 2026-11-16",
        "met 2026-11-17 (82%), slipping",
        "ok",
        "-",
    ] in cells
    assert [
        "3 Remaining users",
        "Everyone else",
        "2026-12-01 – 2026-12-14",
        "on track (70%)",
        "not yet",
        "none yet",
    ] in cells
    assert ["4 Decommission", "Everyone", "2026-12-15 – 2026-12-28", "not started", "-", "-"] in (
        cells
    )
    assert ["Minor", "6", "4", "2", "3 d 14 h"] in cells
    assert ["All", "9", "5", "4", "14 h"] in cells
    assert ["Critical", "1", "0", "1", "2 h"] in cells
    byline = next(line for line in lines if "note 2 by" in line)
    assert byline == (
        "  — note 2 by rob ("
        + known[1].actor.login
        + "), 2026-11-20 12:00 UTC, phase 2, each-week-after; about issue #6 "
        "“SSO loops for the core team”; edited once, last by " + known[1].actor.label()
    )
    # Every table lines up as plain text: each row of a table as long as its head.
    tables: list[list[str]] = []
    for line in lines:
        if line.startswith("|"):
            if not tables or not lines[lines.index(line) - 1].startswith("|"):
                tables.append([])
            tables[-1].append(line)
    assert len(tables) == 3
    for table in tables:
        assert len({len(row) for row in table}) == 1, table


def test_the_json_report_of_the_known_rollout(known):
    out = io.StringIO()
    known[0].export("json", out)
    data = json.loads(out.getvalue())
    assert (data["format"], data["version"]) == ("launchtui-retro", 2)
    assert data["exported_at"] == "2026-12-10T12:00:00+00:00"
    report = data["report"]
    assert (report["launch"], report["end"], report["today"]) == (
        "2026-11-03",
        "2026-12-28",
        REPORT_DAY,
    )
    assert report["gate"]["state"] == "pause"
    assert report["gate"]["sentence"].startswith("major issue #6 open 20 days")
    assert (report["gate"]["complete"], report["gate"]["still_open"]) == (False, [])
    first = report["phases"][0]
    assert (first["verdict"], first["met_on"], first["met_value"]) == ("met", "2026-11-17", 82.0)
    assert first["slipping"] == {"value": 78.0, "date": "2026-11-24"}
    assert (first["survey"], first["satisfaction"]) == ("ok", {"value": 7.5, "date": "2026-11-17"})
    assert (first["decision"], first["switch_off_exceptions"]) == (None, [])
    assert first["latest"]["active_weekly"] == {"value": 78, "date": "2026-11-24"}
    assert [p["verdict"] for p in report["phases"]] == ["met", "met", "on-track", None]
    assert [p["decision_missing"] for p in report["phases"]] == [False, True, True, False]
    assert report["phases"][3]["met_on"] is None
    assert "gate_passed_on" not in first and "on_time" not in first
    assert report["issues"]["median_seconds_to_resolve"] == 14 * 3600
    minor = report["issues"]["by_severity"][2]
    assert (minor["severity"], minor["median_to_resolve"]) == ("minor", "3 d 14 h")
    assert [i["id"] for i in report["issues"]["longest_open"]] == [4, 5, 6, 7, 8]
    assert report["notes"][1]["history"][0]["changes"]["text"] == "Check SSO first"
    assert report["issue_titles"] == {"6": "SSO loops for the core team"}
    checklists = {c["window"]: c for c in report["checklists"]}
    assert (checklists["two-weeks-before"]["done"], checklists["one-week-before"]["skipped"]) == (
        2,
        1,
    )
    assert report == report_dict(known[0].report())


def test_a_go_against_the_gate_is_marked_with_its_evidence(on: On):
    record(on, "2026-11-10", 1, active=60)
    IssueService(on("2026-11-12")).add("Slow search", "minor")
    # The day before the core team starts, the pilot is on track but not met: watch.
    made = AdoptionService(on("2026-11-16")).decide(2, "go", "Pilot | went *fine*\x1b[2J")
    assert (made.gate_state, made.against_gate) == ("watch", True)
    record(on, "2026-11-17", 1, active=82, satisfaction=7.5, nps=10)
    ws = on("2026-11-20")
    report = RetroService(ws).report()
    core = report.phases[1]
    assert core.decision is not None
    assert (core.decision.decision, core.decision.against_gate, core.decision.on) == (
        "go",
        True,
        d("2026-11-16"),
    )
    assert (core.decision_missing, decision_cell(core)) == (False, "go, against the gate")
    out = io.StringIO()
    write_report_markdown(report, out)
    text = out.getvalue()
    lines = text.splitlines()
    assert "\x1b" not in text
    assert (
        f"  - 2 Core team: go by ana ({ws.actor.login}) on 16 Nov (gate was watch) "
        'AGAINST THE GATE: "Pilot \\| went \\*fine\\*\ufffd\\[2J"'
    ) in lines
    assert "    - ✗ active use: Pilot users and volunteers: 60% (>= 80%)" in lines
    assert "    - open issues: 0 critical, 0 major, 1 minor" in lines
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines if "|" in line]
    assert next(row for row in cells if row[0] == "2 Core team")[-1] == "go, against the gate"
    data = report_dict(report)["phases"][1]["decision"]
    assert (data["decision"], data["user"], data["gate_state"], data["against_gate"]) == (
        "go",
        "ana",
        "watch",
        True,
    )
    assert data["reason"] == "Pilot | went *fine*\x1b[2J"  # JSON keeps it exactly
    evidence = {c["name"]: c for c in data["evidence"]}
    assert evidence["active use: Pilot users and volunteers"]["value"] == 60
    assert data["open_issues"] == {"critical": 0, "major": 0, "minor": 1}


def test_a_switch_off_below_80_percent_shows_the_figure_and_the_reason(on: On):
    record(on, "2026-12-20", 4, old_system=29.5)  # 70.5% of everyone on the new system
    with pytest.raises(UserError, match="give a reason"):
        on("2026-12-29", "10:00").tick(SWITCH_OFF)
    ws = on("2026-12-29", "10:00")
    ws.tick(SWITCH_OFF, reason="Licence ends | 31 Dec")
    report = RetroService(on("2026-12-30")).report()
    last = report.phases[-1]
    assert (last.decommission, last.verdict) == (True, "failing")
    (off,) = last.switch_offs
    assert (off.key, off.actor.name, off.standing) == (SWITCH_OFF, "ana", True)
    assert (off.exception.value, off.exception.threshold) == (70.5, 80.0)
    assert off.exception.reason == "Licence ends | 31 Dec"
    assert all(p.switch_offs == () for p in report.phases[:-1])
    out = io.StringIO()
    write_report_markdown(report, out)
    lines = out.getvalue().splitlines()
    assert (
        f"  - {SWITCH_OFF} ticked by ana ({ws.actor.login}), 2026-12-29 10:00 UTC: "
        'Done against the rule: 70.5% on the new system, needs 80%: "Licence ends \\| 31 Dec"'
    ) in lines
    assert (
        "- 4 Decommission (Everyone): FAILING: 70.5% of everyone on the new system on "
        "2026-12-20; needs 80%"
    ) in lines
    # Past the plan: every phase after the first still waits for its decision.
    assert (
        "Still open: phase 2 not decided go; phase 3 not decided go; phase 4 not decided go."
    ) in lines
    (data,) = report_dict(report)["phases"][3]["switch_off_exceptions"]
    assert data == {
        "key": SWITCH_OFF,
        "user": "ana",
        "login": ws.actor.login,
        "at": "2026-12-29T10:00:00+00:00",
        "standing": True,
        "rule": "new-system",
        "reason": "Licence ends | 31 Dec",
        "value": 70.5,
        "threshold": 80.0,
    }
    # Unticked since: the exception stays on record, marked as such.
    on("2026-12-31").untick(SWITCH_OFF)
    later = RetroService(on("2026-12-31")).report().phases[-1]
    assert [o.standing for o in later.switch_offs] == [False]
    out = io.StringIO()
    write_report_markdown(RetroService(on("2026-12-31")).report(), out)
    assert '"Licence ends \\| 31 Dec" (unticked since)' in out.getvalue()
    # A report for a day before the tick does not know it yet.
    assert RetroService(on("2026-12-28")).report().phases[-1].switch_offs == ()


@pytest.fixture
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("en")


def test_the_dutch_report_writes_a_decimal_comma(on: On, dutch):
    record(on, "2026-11-10", 1, active=61.5)
    record(on, "2026-11-17", 1, active=82.5, satisfaction=7.25, nps=10)
    record(on, "2026-11-24", 1, active=71.25)
    report = RetroService(on("2026-11-26")).report()
    out = io.StringIO()
    write_report_markdown(report, out)
    text = out.getvalue()
    lines = text.splitlines()
    assert "82.5" not in text and "71.25" not in text and "7.25" not in text
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines if "|" in line]
    assert ["Fase", "Groep", "Loopt", "Oordeel", "Enquête", "Besluit"] in cells
    row = next(r for r in cells if r[0] == "1 Early adopters")
    assert row[3:] == ["gehaald 2026-11-17 (82,5%), zakt terug", "ok", "-"]
    assert (
        "- 1 Early adopters (Pilot users and volunteers): gehaald op 2026-11-17 met 82,5% "
        "actief gebruik, binnen de 4 weken (op tijd)"
    ) in lines
    assert "  - zakt terug: 71,25% op 2026-11-24, onder 80% sinds de groep de regel haalde" in (
        lines
    )
    assert "  - enquête ok: tevredenheid 7,25/10 (2026-11-17), NPS +10 (2026-11-17)" in lines


def test_the_csv_export_is_the_notes(known):
    out = io.StringIO(newline="")
    assert known[0].export("csv", out) == 4
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert tuple(rows[0]) == NOTE_FIELDS
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]
    assert rows[3][2] == "Thanks, Mei,\nfor the evening sessions"  # one row, line break inside
    assert rows[2][NOTE_FIELDS.index("issue_id")] == "6"


def test_an_export_in_an_unknown_format_is_refused(known):
    with pytest.raises(UserError, match="unknown export format 'pdf'"):
        known[0].export("pdf", io.StringIO())


# -- the pure parts ---------------------------------------------------------------------


def fig(day: str, phase: int = 1, **values) -> Figures:
    return Figures(phase=phase, date=d(day), **values)


def issue(issue_id: int, opened: dt.datetime, resolved: dt.datetime | None = None, **more):
    logged = {
        "title": more.pop("title", f"Issue {issue_id}"),
        "detail": None,
        "severity": more.pop("severity", "minor"),
        "tier": 1,
        "status": "open",
        "phase": 1,
        "window": None,
        "location": None,
        "assignee": None,
    }
    events = [IssueEvent(issue_id * 10, issue_id, "logged", ANA, opened, logged)]
    if resolved is not None:
        change = {"status": "resolved", "resolution": None}
        events.append(IssueEvent(issue_id * 10 + 1, issue_id, "resolved", ANA, resolved, change))
    return fold_issue(events)


def note(note_id: int, kind: str, text: str, when: dt.datetime, **more):
    changes = {
        "kind": kind,
        "text": text,
        "phase": 1,
        "window": "first-week",
        "issue_id": None,
        "item_key": None,
    }
    changes.update(more)
    return fold_note([NoteEvent(note_id, note_id, "written", ANA, when, changes)])


def bare_status(rollout: Rollout, today: dt.date) -> RolloutStatus:
    return RolloutStatus(rollout, today, (), None)


def pure_report(rollout: Rollout, figures, today: dt.date, issues=(), notes=(), **more):
    """The report of `rollout` on `today`, with the gate evaluated from the same figures."""
    gate = evaluate(rollout.plan, rollout.launch, figures, (), today)
    status = bare_status(rollout, today)
    return build_report(rollout, status, figures, issues, notes, today, gate=gate, **more)


def test_exactly_80_percent_meets_the_rule_and_later_dates_do_not_count():
    rollout = Rollout("Tool", LAUNCH, "phased")
    today = d("2026-11-20")
    figures = [
        fig("2026-11-30", active_weekly=95),  # after today: a rehearsal's figure, left out
        fig("2026-11-19", active_weekly=80),
        fig("2026-11-12", active_weekly=79.9),
    ]
    report = pure_report(rollout, figures, today)
    assert (report.phases[0].verdict, report.phases[0].met_on) == ("met", d("2026-11-19"))
    assert report.phases[0].figure("active_weekly") == LatestFigure(
        "active_weekly", 80, d("2026-11-19")
    )


# Phase 1 of the phased plan runs from 3 Nov; its 4-week window ends on 1 Dec (day 28).
@pytest.mark.parametrize(
    ("figures", "verdict", "met_on", "phrase"),
    [
        (
            [("2026-12-01", 85)],  # day 28: the window's last day
            "met",
            "2026-12-01",
            "met on 2026-12-01 with 85% active use, inside its 4-week window (on time)",
        ),
        (
            [("2026-12-02", 85)],  # day 29: one day late
            "missed",
            None,
            "missed: no figure of 80% active use by its deadline, 2026-12-01; "
            "85% on 2026-12-02 came after its window and does not count",
        ),
        (
            [("2026-11-13", 60), ("2026-12-08", 85)],  # day 35: after the window
            "missed",
            None,
            "missed: 60% active use on 2026-11-13, the last by its deadline, 2026-12-01; "
            "needed 80%; 85% on 2026-12-08 came after its window and does not count",
        ),
        (
            [("2026-11-24", 79.99)],
            "missed",
            None,
            "missed: 79.99% active use on 2026-11-24, the last by its deadline, 2026-12-01; "
            "needed 80%",
        ),
        (
            [],
            "missed",
            None,
            "missed: no figure of 80% active use by its deadline, 2026-12-01",
        ),
    ],
)
def test_only_a_figure_inside_the_window_meets_the_rule(figures, verdict, met_on, phrase):
    rollout = Rollout("Tool", LAUNCH, "phased")
    today = d("2026-12-10")  # day 37
    given = [fig(day, active_weekly=value) for day, value in figures]
    report = pure_report(rollout, given, today)
    first = report.phases[0]
    assert (first.verdict, first.met_on) == (verdict, d(met_on) if met_on else None)
    assert verdict_phrase(first) == phrase
    gate = evaluate(rollout.plan, rollout.launch, given, (), today)
    assert gate.groups[0].adoption.verdict == verdict  # the gate says the same
    if verdict == "missed":
        assert report_dict(report)["phases"][0]["met_on"] is None
        assert verdict_cell(first).startswith("MISSED")


@pytest.mark.parametrize(
    ("later", "slipping"),
    [
        (72, Reading(72.0, d("2026-11-24"))),  # a drop: a warning, still met
        (80, None),  # 80% is no drop
        (90, None),
    ],
)
def test_a_pass_followed_by_a_drop_stays_met_with_a_warning(later, slipping):
    rollout = Rollout("Tool", LAUNCH, "phased")
    today = d("2026-12-10")  # after the window: the pass still stands
    figures = [fig("2026-11-17", active_weekly=82), fig("2026-11-24", active_weekly=later)]
    report = pure_report(rollout, figures, today)
    first = report.phases[0]
    assert (first.verdict, first.met_on, first.met_value) == ("met", d("2026-11-17"), 82.0)
    assert first.slipping == slipping
    out = io.StringIO()
    write_report_markdown(report, out)
    warning = "  - slipping: 72% on 2026-11-24, below 80% since it met the rule"
    assert (warning in out.getvalue().splitlines()) == (slipping is not None)
    assert report_dict(report)["phases"][0]["slipping"] == (
        {"value": 72.0, "date": "2026-11-24"} if slipping else None
    )


def test_two_groups_with_opposite_surveys_each_get_their_own_verdict():
    rollout = Rollout("Tool", LAUNCH, "phased")
    today = d("2026-12-16")  # both windows are over (1 Dec and 15 Dec)
    figures = [
        fig("2026-11-17", 1, active_weekly=85, satisfaction=8.5, nps=20),
        fig("2026-12-01", 2, active_weekly=84, satisfaction=6.25, nps=-4),
    ]
    report = pure_report(rollout, figures, today)
    pilot, core = report.phases[:2]
    assert (pilot.survey, pilot.satisfaction) == ("ok", Reading(8.5, d("2026-11-17")))
    assert (core.survey, core.satisfaction, core.nps) == (
        "failing",
        Reading(6.25, d("2026-12-01")),
        Reading(-4.0, d("2026-12-01")),
    )
    out = io.StringIO()
    write_report_markdown(report, out)
    lines = out.getvalue().splitlines()
    assert "  - survey ok: satisfaction 8.5/10 (2026-11-17), NPS +20 (2026-11-17)" in lines
    assert "  - survey FAILING: satisfaction 6.25/10 (2026-12-01), NPS -4 (2026-12-01)" in lines
    assert [p["survey"] for p in report_dict(report)["phases"]] == [
        "ok",
        "failing",
        "pending",  # the third group's window runs to 29 Dec
        None,
    ]


def test_the_decommission_phase_is_judged_on_everyone_on_the_new_system():
    rollout = Rollout("Tool", LAUNCH, "small-team")  # phase 4 switches off: 24-30 Nov
    figures = [fig("2026-11-25", phase=4, old_system=25), fig("2026-11-27", phase=4, old_system=20)]
    report = pure_report(rollout, figures, d("2026-11-28"))
    last = report.phases[-1]
    assert last.decommission and last.deadline is None
    assert (last.verdict, last.deciding) == ("ok", Reading(80.0, d("2026-11-27")))
    assert verdict_phrase(last) == "80% of everyone on the new system on 2026-11-27"
    low = pure_report(rollout, figures[:1], d("2026-11-28")).phases[-1]
    assert (low.verdict, verdict_cell(low)) == ("pending", "not yet (75%)")
    assert verdict_phrase(low) == (
        "not yet: 75% of everyone on the new system on 2026-11-25; needs 80%"
    )


def test_latest_figures():
    figures = [fig("2026-11-10", active_weekly=85, nps=5), fig("2026-11-17", nps=-3)]
    assert latest_figures(figures) == (
        LatestFigure("active_weekly", 85, d("2026-11-10")),
        LatestFigure("nps", -3, d("2026-11-17")),
    )


def test_median_to_resolve_odd_even_and_none():
    t = utc_at("2026-11-05", "09:00")
    h = dt.timedelta(hours=1)
    assert median_to_resolve([issue(1, t)]) is None
    odd = [issue(1, t, t + 1 * h), issue(2, t, t + 5 * h), issue(3, t, t + 9 * h), issue(4, t)]
    assert median_to_resolve(odd) == 5 * h
    even = odd[:2]
    assert median_to_resolve(even) == 3 * h


def test_longest_open_keeps_the_oldest_five_and_breaks_ties_by_number():
    t = utc_at("2026-11-05", "09:00")
    found = [issue(n, t + dt.timedelta(days=n % 3)) for n in range(1, 10)]
    found.append(issue(10, t - dt.timedelta(days=1), t))  # resolved: never listed
    top = longest_open(found, d("2026-11-10"))
    assert [i.id for i in top] == [3, 6, 9, 1, 4]
    assert [i.age_days for i in top] == [5, 5, 5, 4, 4]


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (None, "-"),
        (dt.timedelta(seconds=59), "0 min"),
        (dt.timedelta(minutes=45), "45 min"),
        (dt.timedelta(hours=5), "5 h"),
        (dt.timedelta(hours=5, minutes=10), "5 h 10 min"),
        (dt.timedelta(days=2), "2 d"),
        (dt.timedelta(days=2, hours=3, minutes=59), "2 d 3 h"),
    ],
)
def test_duration_text(span, text):
    assert duration_text(span) == text


# -- the writers with hostile text -------------------------------------------------------


def hostile_report():
    """User text everywhere: the tool, a phase's name and group, a note, an issue, a
    decision's reason and actor, a switch-off's reason."""
    plan = TEMPLATES["phased"].with_phase(1, name=HOSTILE, group=HOSTILE)
    rollout = Rollout(HOSTILE, LAUNCH, "phased", phases=plan)
    today = d("2026-11-07")
    when = utc_at("2026-11-06", "09:00")
    who = Actor(HOSTILE, "ana")
    decision = Decision(
        phase=1,
        decision="go",
        reason=HOSTILE,
        actor=who,
        at=when,
        on=d("2026-11-03"),
        gate_state="watch",
        against_gate=True,
        evidence=(
            {"name": f"active use: {HOSTILE}", "value": 10.0, "threshold": ">= 80%", "ok": False},
        ),
        open_issues={"minor": 1},
    )
    tick = TickEvent(
        1,
        SWITCH_OFF,
        "tick",
        who,
        when,
        when,
        exception=RuleException("new-system", HOSTILE, 70.0, 80.0),
    )
    issues = [issue(1, when, title=HOSTILE)]
    notes = [
        note(1, "lesson", f"{HOSTILE}\n- not a list\n1. not a list\n\n> not a quote", when),
        note(2, "thanks", "=cmd|' /C calc'!A0", when, issue_id=1),
    ]
    gate = evaluate(rollout.plan, LAUNCH, [], (), today, decisions=[decision])
    status = bare_status(rollout, today)
    return build_report(
        rollout, status, [], issues, notes, today, gate=gate, switch_off_ticks=[tick]
    )


ESCAPED = "\\# \\[x\\](http://e) \\| \\*b\\* \\<i\\> \\`c\\` \ufffd\\[2J =SUM(A1) a\ufffdb"


def test_markdown_keeps_hostile_text_literal():
    out = io.StringIO()
    write_report_markdown(hostile_report(), out)
    text = out.getvalue()
    assert "\x1b" not in text and "\u202e" not in text
    assert f"# Rollout report: {ESCAPED}" in text
    lines = text.splitlines()
    assert "  \\- not a list\\" in lines
    assert "  1\\. not a list" in lines
    assert "  \\> not a quote\\" in lines
    assert "- #1 \\# \\[x\\](http://e)" in text  # the longest-open entry, escaped too
    # The phase, its decision, the evidence and the switch-off: escaped, on one line each.
    assert any(line.startswith(f"- 1 {ESCAPED}") for line in lines)
    assert any(line.startswith(f"  - 1 {ESCAPED}") and "AGAINST THE GATE" in line for line in lines)
    assert any(line.startswith(f"    - ✗ active use: {ESCAPED}") for line in lines)
    assert any(line.startswith(f"  - {SWITCH_OFF} ticked by {ESCAPED}") for line in lines)
    assert sum(1 for line in lines if line.endswith(f': "{ESCAPED}"')) == 2
    # No line of user text starts a heading, list, quote or table of its own.
    for line in lines:
        if line.startswith(("#", "- ", "|", "  ")) or not line:
            continue
        assert not line.startswith((">", "1.", "* ", "+ ")), line
    # The phases table still lines up.
    rows = [line for line in lines if line.startswith("| ")]
    assert len({len(row) for row in rows[:6]}) == 1


def test_json_keeps_hostile_text_exactly():
    out = io.StringIO()
    write_report_json(hostile_report(), out)
    data = json.loads(out.getvalue())
    assert data["report"]["tool"] == HOSTILE
    assert data["report"]["notes"][0]["text"].startswith(HOSTILE)
    first, last = data["report"]["phases"][0], data["report"]["phases"][-1]
    assert (first["name"], first["group"], first["decision"]["reason"]) == (HOSTILE,) * 3
    assert last["switch_off_exceptions"][0]["reason"] == HOSTILE


def test_csv_cells_are_formula_safe():
    out = io.StringIO(newline="")
    write_notes_csv(hostile_report().notes, out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[2][2] == "'=cmd|' /C calc'!A0"
    assert rows[1][2].startswith(clean(HOSTILE))  # not a formula: kept, controls shown as U+FFFD
