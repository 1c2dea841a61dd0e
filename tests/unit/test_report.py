"""The rollout report: built from a known rollout and checked field by field, its pure
parts (gates, medians, longest open) on their own, and the Markdown, JSON and CSV writers.

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

from launchtui.adoption_desk import AdoptionDesk
from launchtui.domain.clock import Clock
from launchtui.domain.issues import IssueEvent
from launchtui.domain.issues import fold as fold_issue
from launchtui.domain.metrics import Figures
from launchtui.domain.progress import RolloutStatus
from launchtui.domain.report import (
    LatestFigure,
    OpenIssueReport,
    PhaseReport,
    SeverityReport,
    build_report,
    duration_text,
    first_met,
    latest_figures,
    longest_open,
    median_to_resolve,
)
from launchtui.domain.retro import NOTE_FIELDS, NoteEvent
from launchtui.domain.retro import fold as fold_note
from launchtui.domain.rollout import Actor, Rollout
from launchtui.issue_desk import IssueDesk
from launchtui.report_writers import (
    gate_phrase,
    report_dict,
    write_notes_csv,
    write_report_json,
    write_report_markdown,
)
from launchtui.retro_desk import RetroDesk
from launchtui.workspace import UserError, Workspace

LAUNCH = dt.date(2026, 11, 3)
REPORT_DAY = "2026-12-10"
ITEM = "launch-day/refresher-held"
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
    AdoptionDesk(on(day)).record(phase=phase, **figures)


def build_known_rollout(on: On) -> None:
    """Figures, issues, ticks and notes of the known rollout, each on its own day."""
    record(on, "2026-11-10", 1, active=60)
    record(on, "2026-11-17", 1, active=82, satisfaction=7.5, nps=10)
    record(on, "2026-11-24", 1, active=78)
    record(on, "2026-11-24", 2, active=50, accounts=90)
    record(on, "2026-12-01", 2, active=85, satisfaction=8, nps=20)
    record(on, "2026-12-08", 3, active=70, old_system=30, tickets=12)

    def log(day: str, hhmm: str, title: str, severity: str) -> int:
        return IssueDesk(on(day, hhmm)).add(title, severity).id

    def resolve(issue_id: int, day: str, hhmm: str) -> None:
        IssueDesk(on(day, hhmm)).resolve(issue_id, "fixed")

    resolve(log("2026-11-04", "10:00", "Login fails for pilots", "major"), "2026-11-05", "10:00")
    resolve(log("2026-11-05", "10:00", "Typo on the start page", "minor"), "2026-11-05", "14:00")
    resolve(log("2026-11-06", "10:00", "Data lost on save", "critical"), "2026-11-06", "12:00")
    log("2026-11-10", "12:00", "Export button hidden", "minor")
    log("2026-11-12", "12:00", "Slow search", "minor")
    IssueDesk(on("2026-11-13")).workaround(5, "Search by customer number")
    log("2026-11-20", "12:00", "SSO loops for the core team", "major")
    log("2026-11-25", "12:00", "Dates shown in US format", "minor")
    log("2026-12-01", "12:00", "Mobile app drains data", "minor")
    resolve(log("2026-12-02", "12:00", "Wrong logo in emails", "minor"), "2026-12-09", "12:00")

    today = on(REPORT_DAY)
    today.tick("two-weeks-before/pilot-complete")
    today.tick("two-weeks-before/announcement-sent")
    today.skip("one-week-before/quick-reference-printed", "PDF only")

    RetroDesk(on("2026-11-05", "10:00")).add("went-well", "Refresher made day one easy")
    RetroDesk(on("2026-11-20", "12:00", "rob")).add("lesson", "Check SSO first", issue="6")
    RetroDesk(on("2026-12-08")).add("thanks", "Thanks, Mei,\nfor the evening sessions", item=ITEM)
    RetroDesk(on(REPORT_DAY)).add("next-step", "Plan advanced-features training")
    RetroDesk(on("2026-12-09")).edit(2, "Check SSO before each group moves")


@pytest.fixture
def known(on: On) -> tuple[RetroDesk, Workspace]:
    build_known_rollout(on)
    ws = on(REPORT_DAY)
    return RetroDesk(ws), ws


# -- the known rollout, field by field --------------------------------------------------


def test_the_dates_of_the_known_rollout(known):
    report = known[0].report()
    assert (report.tool, report.template) == ("Acme CRM", "phased")
    assert (report.launch, report.end, report.today) == (LAUNCH, d("2026-12-28"), d(REPORT_DAY))
    assert (report.day, report.current_phase) == (37, 3)


def test_each_phase_and_when_it_passed_its_gate(known):
    phases = known[0].report().phases
    assert phases == (
        PhaseReport(
            number=1,
            name="Early adopters",
            group="Pilot users and volunteers",
            share=15,
            start=d("2026-11-03"),
            end=d("2026-11-16"),
            decommission=False,
            started=True,
            deadline=d("2026-12-01"),
            passed_on=d("2026-11-17"),  # 60% on 10 Nov, 82% on 17 Nov, 78% later: still passed
            passed_value=82.0,
            latest=(
                LatestFigure("active_weekly", 78, d("2026-11-24")),
                LatestFigure("satisfaction", 7.5, d("2026-11-17")),
                LatestFigure("nps", 10, d("2026-11-17")),
            ),
        ),
        PhaseReport(
            number=2,
            name="Core team",
            group="Core team",
            share=35,
            start=d("2026-11-17"),
            end=d("2026-11-30"),
            decommission=False,
            started=True,
            deadline=d("2026-12-15"),
            passed_on=d("2026-12-01"),
            passed_value=85.0,
            latest=(
                LatestFigure("accounts", 90, d("2026-11-24")),
                LatestFigure("active_weekly", 85, d("2026-12-01")),
                LatestFigure("satisfaction", 8, d("2026-12-01")),
                LatestFigure("nps", 20, d("2026-12-01")),
            ),
        ),
        PhaseReport(
            number=3,
            name="Remaining users",
            group="Everyone else",
            share=50,
            start=d("2026-12-01"),
            end=d("2026-12-14"),
            decommission=False,
            started=True,
            deadline=d("2026-12-29"),
            passed_on=None,
            passed_value=None,
            latest=(
                LatestFigure("active_weekly", 70, d("2026-12-08")),
                LatestFigure("old_system", 30, d("2026-12-08")),
                LatestFigure("tickets", 12, d("2026-12-08")),
            ),
        ),
        PhaseReport(
            number=4,
            name="Decommission",
            group="Everyone",
            share=100,
            start=d("2026-12-15"),
            end=d("2026-12-28"),
            decommission=True,
            started=False,
            deadline=None,
            passed_on=None,  # 70% on the new system is not 80%
            passed_value=None,
            latest=(),
        ),
    )
    assert phases[0].on_time is True and phases[2].on_time is None
    assert [gate_phrase(p) for p in phases] == [
        "2026-11-17 (82% active use), on time",
        "2026-12-01 (85% active use), on time",
        "not yet",
        "not yet",
    ]


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
    desk, ws = known
    report = desk.report()
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
        "- Today: Thu 10 Dec 2026, day 37 after launch, phase 3 of 4 running",
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
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines if "|" in line]
    assert [
        "1 Early adopters",
        "Pilot users and volunteers",
        "2026-11-03 – 2026-11-16",
        "2026-11-17 (82% active use), on time",
    ] in cells
    assert ["4 Decommission", "Everyone", "2026-12-15 – 2026-12-28", "not yet"] in cells
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
    assert (data["format"], data["version"]) == ("launchtui-retro", 1)
    assert data["exported_at"] == "2026-12-10T12:00:00+00:00"
    report = data["report"]
    assert (report["launch"], report["end"], report["today"]) == (
        "2026-11-03",
        "2026-12-28",
        REPORT_DAY,
    )
    first = report["phases"][0]
    assert (first["gate_passed_on"], first["gate_passed_value"], first["on_time"]) == (
        "2026-11-17",
        82.0,
        True,
    )
    assert first["latest"]["active_weekly"] == {"value": 78, "date": "2026-11-24"}
    assert report["phases"][3]["gate_passed_on"] is None
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


def test_exactly_80_percent_passes_and_later_dates_do_not_count():
    rollout = Rollout("Tool", LAUNCH, "phased")
    today = d("2026-11-20")
    figures = [
        fig("2026-11-30", active_weekly=95),  # after today: a rehearsal's figure, left out
        fig("2026-11-19", active_weekly=80),
        fig("2026-11-12", active_weekly=79.9),
    ]
    report = build_report(rollout, bare_status(rollout, today), figures, [], [], today)
    assert report.phases[0].passed_on == d("2026-11-19")
    assert report.phases[0].figure("active_weekly") == LatestFigure(
        "active_weekly", 80, d("2026-11-19")
    )


def test_the_decommission_gate_reads_everyones_old_system_figure():
    rollout = Rollout("Tool", LAUNCH, "small-team")
    today = d("2026-12-01")
    figures = [fig("2026-11-20", phase=3, old_system=25), fig("2026-11-27", phase=3, old_system=20)]
    report = build_report(rollout, bare_status(rollout, today), figures, [], [], today)
    last = report.phases[-1]
    assert last.decommission and (last.passed_on, last.passed_value) == (d("2026-11-27"), 80.0)
    assert last.deadline is None and last.on_time is None
    assert gate_phrase(last) == "2026-11-27 (80% on the new system)"


def test_a_late_gate_says_how_late():
    rollout = Rollout("Tool", LAUNCH, "phased")
    today = d("2026-12-10")
    figures = [fig("2026-12-04", active_weekly=81)]
    report = build_report(rollout, bare_status(rollout, today), figures, [], [], today)
    assert report.phases[0].on_time is False
    assert gate_phrase(report.phases[0]) == "2026-12-04 (81% active use), 3 days after its deadline"


def test_first_met_and_latest_figures():
    figures = [fig("2026-11-10", active_weekly=85, nps=5), fig("2026-11-17", nps=-3)]
    assert first_met(figures, "active_weekly", 80) == (d("2026-11-10"), 85.0)
    assert first_met(figures, "satisfaction", 7) is None
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
    rollout = Rollout(HOSTILE, LAUNCH, "phased")
    today = d("2026-11-07")
    when = utc_at("2026-11-06", "09:00")
    issues = [issue(1, when, title=HOSTILE)]
    notes = [
        note(1, "lesson", f"{HOSTILE}\n- not a list\n1. not a list\n\n> not a quote", when),
        note(2, "thanks", "=cmd|' /C calc'!A0", when, issue_id=1),
    ]
    return build_report(rollout, bare_status(rollout, today), [], issues, notes, today)


def test_markdown_keeps_hostile_text_literal():
    out = io.StringIO()
    write_report_markdown(hostile_report(), out)
    text = out.getvalue()
    assert "\x1b" not in text and "\u202e" not in text
    assert "# Rollout report: \\# \\[x\\](http://e) \\| \\*b\\* \\<i\\> \\`c\\`" in text
    lines = text.splitlines()
    assert "  \\- not a list\\" in lines
    assert "  1\\. not a list" in lines
    assert "  \\> not a quote\\" in lines
    assert "- #1 \\# \\[x\\](http://e)" in text  # the longest-open entry, escaped too
    # No line of user text starts a heading, list, quote or table of its own.
    for line in lines:
        if line.startswith(("#", "- ", "|", "  ")) or not line:
            continue
        assert not line.startswith((">", "1.", "* ", "+ ")), line


def test_json_keeps_hostile_text_exactly():
    out = io.StringIO()
    write_report_json(hostile_report(), out)
    data = json.loads(out.getvalue())
    assert data["report"]["tool"] == HOSTILE
    assert data["report"]["notes"][0]["text"].startswith(HOSTILE)


def test_csv_cells_are_formula_safe():
    out = io.StringIO(newline="")
    write_notes_csv(hostile_report().notes, out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[2][2] == "'=cmd|' /C calc'!A0"
    assert rows[1][2].startswith(HOSTILE)  # not a formula: kept exactly
