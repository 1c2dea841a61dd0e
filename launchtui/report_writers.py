"""Pure writers of the rollout report to a text stream: Markdown, JSON and CSV.

No Textual, no Rich, no SQL: they take a `RolloutReport` (and notes) and a stream.

- Markdown is the report to read, in a terminal as plain text or rendered: the summary
  (dates, phases and their gates, final figures, checklists, issues) in short aligned
  tables and lists, then the notes by kind. User text has its control characters
  replaced and its Markdown syntax escaped (`launchtui.export.md_inline` / `md_block`).
- JSON holds every field of the report, notes with their edit history.
- CSV is the notes, one row each, text kept exactly except for `csv_safe`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from launchtui.domain.gate import ACTIVE_USE_MIN, GROUP_DAYS, NEW_SYSTEM_MIN
from launchtui.domain.report import (
    LatestFigure,
    PhaseReport,
    RolloutReport,
    SeverityReport,
    duration_text,
    figure_text,
)
from launchtui.domain.retro import KINDS, NOTE_FIELDS, Note, NoteEvent, kind_label
from launchtui.export import csv_safe, md_block, md_inline

JSON_FORMAT = "launchtui-retro"
JSON_VERSION = 1


# -- shared words --------------------------------------------------------------


def _date(day: dt.date) -> str:
    return day.isoformat()


def _day(day: dt.date) -> str:
    """'Tue 3 Nov 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def _when(moment: dt.datetime) -> str:
    return f"{moment.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def day_phrase(report: RolloutReport) -> str:
    """'day 4 after launch', 'launch day', '3 days before launch'."""
    day = report.day
    if day < 0:
        return f"{-day} day{'s' if day != -1 else ''} before launch"
    if day == 0:
        return "launch day"
    return f"day {day} after launch"


def gate_phrase(phase: PhaseReport) -> str:
    """When a phase passed its gate: '2026-11-20 (84% active use), on time'; 'not yet'."""
    if phase.passed_on is None:
        return "not yet"
    value = f"{phase.passed_value:.1f}".removesuffix(".0") + "%"
    what = "on the new system" if phase.decommission else "active use"
    text = f"{_date(phase.passed_on)} ({value} {what})"
    if phase.deadline is not None:
        if phase.on_time:
            text += ", on time"
        else:
            late = (phase.passed_on - phase.deadline).days
            text += f", {late} day{'s' if late != 1 else ''} after its deadline"
    return text


# Figures as the report names them, in `FIGURE_FIELDS` order.
FIGURE_NAMES = {
    "accounts": "accounts",
    "active_weekly": "active use",
    "active_daily": "daily use",
    "workflows": "key workflows",
    "old_system": "still on the old system",
    "satisfaction": "satisfaction",
    "nps": "NPS",
    "tickets": "support tickets",
    "training": "training done",
}


def _figures_phrase(latest: Sequence[LatestFigure]) -> str:
    """'active use 84% (2026-11-20), satisfaction 7.5/10 (2026-11-20)'."""
    return ", ".join(
        f"{FIGURE_NAMES[f.field]} {figure_text(f.field, f.value)} ({_date(f.date)})" for f in latest
    )


def _severity_name(row: SeverityReport) -> str:
    return "All" if row.severity == "all" else row.severity.capitalize()


# -- Markdown ------------------------------------------------------------------


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """A pipe table padded to line up as plain text; columns in `right` align right."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(head, *rows, strict=True)]
    widths = [max(w, 3) for w in widths]

    def line(cells: Sequence[str]) -> str:
        padded = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "| "
        + " | ".join("-" * (w - 1) + ":" if i in right else "-" * w for i, w in enumerate(widths))
        + " |"
    )
    return "\n".join([line(head), rule, *(line(r) for r in rows)])


def write_report_markdown(
    report: RolloutReport, stream: TextIO, subtitle: str | None = None
) -> int:
    """The report as Markdown that reads as plain text too; returns the number of notes."""
    w = stream.write
    w(f"# Rollout report: {md_inline(report.tool)}\n\n")
    if subtitle:
        w(f"{md_inline(subtitle)}\n\n")
    w("## Summary\n\n")
    _write_dates(report, w)
    _write_phases(report, w)
    _write_figures(report, w)
    _write_windows(report, w)
    _write_issues(report, w)
    _write_notes(report, w)
    return len(report.notes)


def _write_dates(report: RolloutReport, w) -> None:
    running = (
        f", phase {report.current_phase} of {len(report.phases)} running"
        if report.current_phase is not None
        else ""
    )
    w("### Dates\n\n")
    w(f"- Launch: {_day(report.launch)}\n")
    w(f"- Rollout end: {_day(report.end)} (last day of the last phase)\n")
    w(f"- Today: {_day(report.today)}, {day_phrase(report)}{running}\n\n")


def _write_phases(report: RolloutReport, w) -> None:
    w("### Phases and their gates\n\n")
    w(
        f"A group passes its gate on the first date its figures show {ACTIVE_USE_MIN:g}% "
        f"active use (due within {GROUP_DAYS // 7} weeks of its start); the old system "
        f"goes off once {NEW_SYSTEM_MIN:g}% of everyone works in the new one.\n\n"
    )
    rows = [
        [
            f"{p.number} {md_inline(p.name)}",
            md_inline(p.group),
            f"{_date(p.start)} – {_date(p.end)}",
            gate_phrase(p),
        ]
        for p in report.phases
    ]
    w(_table(["Phase", "Group", "Runs", "Gate passed"], rows) + "\n\n")


def _write_figures(report: RolloutReport, w) -> None:
    w("### Final figures (latest per group)\n\n")
    for p in report.phases:
        head = f"- {md_inline(p.group)} (phase {p.number}): "
        w(head + (_figures_phrase(p.latest) if p.latest else "no figures recorded") + "\n")
    w("\n")


def _write_windows(report: RolloutReport, w) -> None:
    w("### Checklists\n\n")
    if not report.windows:
        w("No checklist windows.\n\n")
        return
    rows = [
        [
            md_inline(x.title),
            f"{_date(x.first)} – {_date(x.last)}",
            str(x.done),
            str(x.skipped),
            str(x.total),
            str(x.overdue),
        ]
        for x in report.windows
    ]
    done = sum(x.done for x in report.windows)
    skipped = sum(x.skipped for x in report.windows)
    total = sum(x.total for x in report.windows)
    overdue = sum(x.overdue for x in report.windows)
    rows.append(["All", "", str(done), str(skipped), str(total), str(overdue)])
    head = ["Window", "Dates", "Done", "Skipped", "Total", "Overdue"]
    w(_table(head, rows, right=(2, 3, 4, 5)) + "\n\n")


def _write_issues(report: RolloutReport, w) -> None:
    w("### Issues\n\n")
    every = report.issues
    if not every.total:
        w("No issues were logged.\n\n")
    else:
        median = (
            f"median time to resolve: {duration_text(every.median_to_resolve)}"
            if every.median_to_resolve is not None
            else "none resolved yet"
        )
        w(
            f"{every.total} logged, {every.unresolved} unresolved, {every.resolved} resolved; "
            f"{median}.\n\n"
        )
        rows = [
            [
                _severity_name(row),
                str(row.total),
                str(row.unresolved),
                str(row.resolved),
                duration_text(row.median_to_resolve),
            ]
            for row in (*report.severities, every)
        ]
        head = ["Severity", "Logged", "Unresolved", "Resolved", "Median time to resolve"]
        w(_table(head, rows, right=(1, 2, 3, 4)) + "\n\n")
    w("#### Longest open\n\n")
    if not report.longest_open:
        w("None: every issue is resolved.\n\n" if every.total else "None.\n\n")
        return
    for i in report.longest_open:
        age = (
            f"{i.age_days} day{'s' if i.age_days != 1 else ''}" if i.age_days else "less than a day"
        )
        w(
            f"- #{i.id} {md_inline(i.title)} ({i.severity}, {i.status}, tier {i.tier}): "
            f"open {age}, since {_date(i.opened_at.astimezone(dt.UTC).date())}\n"
        )
    w("\n")


def _write_notes(report: RolloutReport, w) -> None:
    w("## Retrospective notes\n")
    groups = report.notes_by_kind()
    for kind in KINDS:
        notes = groups[kind]
        w(f"\n### {kind_label(kind)} ({len(notes)})\n\n")
        if not notes:
            w("No notes yet.\n")
            continue
        for note in notes:
            w(_note_item(note, report.issue_titles, report.item_labels))


def note_byline(note: Note, issue_titles: Mapping[int, str], item_labels: Mapping[str, str]) -> str:
    """'note 3 by ana (a.smith), 2026-11-07 10:00 UTC, phase 1, first-week; about issue
    #4 "Login fails"; edited twice, last by rob' (user text escaped for Markdown)."""
    parts = [f"note {note.id} by {md_inline(note.author.label())}, {_when(note.created_at)}"]
    parts[0] += f", phase {note.phase}" if note.phase is not None else ", before launch"
    if note.window:
        parts[0] += f", {md_inline(note.window)}"
    if note.issue_id is not None:
        title = issue_titles.get(note.issue_id)
        about = f"about issue #{note.issue_id}"
        parts.append(f"{about} “{md_inline(title)}”" if title else about)
    if note.item_key:
        label = item_labels.get(note.item_key)
        about = f"about checklist item {md_inline(note.item_key)}"
        parts.append(f"{about} “{md_inline(label)}”" if label else about)
    if note.edits:
        times = {1: "once", 2: "twice"}.get(note.edits, f"{note.edits} times")
        by = f", last by {md_inline(note.editor.label())}" if note.editor else ""
        parts.append(f"edited {times}{by}")
    return "; ".join(parts)


def _note_item(note: Note, issue_titles: Mapping[int, str], item_labels: Mapping[str, str]) -> str:
    lines = md_block(note.text).split("\n")
    lines[-1] += "\\"
    lines.append("— " + note_byline(note, issue_titles, item_labels))
    body = "\n".join(("  " + line if line else "") if i else line for i, line in enumerate(lines))
    return f"- {body}\n"


# -- JSON ----------------------------------------------------------------------


def event_dict(event: NoteEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "note_id": event.note_id,
        "kind": event.kind,
        "by": event.actor.name,
        "login": event.actor.login,
        "at": event.at.isoformat(),
        "changes": dict(event.changes),
    }


def note_dict(note: Note, *, history: bool = True) -> dict[str, Any]:
    """Every field of `note` under its `NOTE_FIELDS` name, plus `history` if asked."""
    data: dict[str, Any] = {
        "id": note.id,
        "kind": note.kind,
        "text": note.text,
        "phase": note.phase,
        "window": note.window,
        "issue_id": note.issue_id,
        "item_key": note.item_key,
        "author": note.author.name,
        "author_login": note.author.login,
        "created_at": _iso(note.created_at),
        "updated_at": _iso(note.updated_at),
        "edits": note.edits,
        "editor": note.editor.name if note.editor else None,
        "editor_login": note.editor.login if note.editor else None,
    }
    if history:
        data["history"] = [event_dict(e) for e in note.history]
    return data


def _median(row: SeverityReport) -> dict[str, Any]:
    span = row.median_to_resolve
    return {
        "severity": row.severity,
        "total": row.total,
        "unresolved": row.unresolved,
        "resolved": row.resolved,
        "median_seconds_to_resolve": None if span is None else int(span.total_seconds()),
        "median_to_resolve": None if span is None else duration_text(span),
    }


def report_dict(report: RolloutReport) -> dict[str, Any]:
    """The whole report as JSON-ready data."""
    return {
        "tool": report.tool,
        "template": report.template,
        "launch": _date(report.launch),
        "end": _date(report.end),
        "today": _date(report.today),
        "day": report.day,
        "current_phase": report.current_phase,
        "phases": [
            {
                "number": p.number,
                "name": p.name,
                "group": p.group,
                "share": p.share,
                "start": _date(p.start),
                "end": _date(p.end),
                "decommission": p.decommission,
                "started": p.started,
                "deadline": _date(p.deadline) if p.deadline else None,
                "gate_passed_on": _date(p.passed_on) if p.passed_on else None,
                "gate_passed_value": p.passed_value,
                "on_time": p.on_time,
                "latest": {f.field: {"value": f.value, "date": _date(f.date)} for f in p.latest},
            }
            for p in report.phases
        ],
        "checklists": [
            {
                "window": x.id,
                "title": x.title,
                "first": _date(x.first),
                "last": _date(x.last),
                "done": x.done,
                "skipped": x.skipped,
                "open": x.open,
                "total": x.total,
                "overdue": x.overdue,
            }
            for x in report.windows
        ],
        "issues": {
            **_median(report.issues),
            "by_severity": [_median(row) for row in report.severities],
            "longest_open": [
                {
                    "id": i.id,
                    "title": i.title,
                    "severity": i.severity,
                    "status": i.status,
                    "tier": i.tier,
                    "opened_at": i.opened_at.isoformat(),
                    "age_days": i.age_days,
                }
                for i in report.longest_open
            ],
        },
        "note_counts": report.note_counts(),
        "notes": [note_dict(n) for n in report.notes],
        "issue_titles": {str(k): v for k, v in sorted(report.issue_titles.items())},
        "item_labels": dict(sorted(report.item_labels.items())),
    }


def write_report_json(
    report: RolloutReport, stream: TextIO, meta: Mapping[str, Any] | None = None
) -> int:
    """{"format", "version", **meta, "report": {...}}; returns the number of notes."""
    data = {"format": JSON_FORMAT, "version": JSON_VERSION, **(meta or {})}
    data["report"] = report_dict(report)
    stream.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return len(report.notes)


# -- CSV -----------------------------------------------------------------------


def write_notes_csv(notes: Iterable[Note], stream: TextIO) -> int:
    """One header line (`NOTE_FIELDS`), then one row per note; returns the count.

    Open `stream` with ``newline=""``: a multi-line note stays one row, inside quotes.
    """
    writer = csv.writer(stream)
    writer.writerow(NOTE_FIELDS)
    count = 0
    for note in notes:
        data = note_dict(note, history=False)
        writer.writerow([csv_safe(data[name]) for name in NOTE_FIELDS])
        count += 1
    return count
