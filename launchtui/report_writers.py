"""Pure writers of the rollout report to a text stream: Markdown, JSON and CSV.

No Textual, no Rich, no SQL: they take a `RolloutReport` (and notes) and a stream.

- Markdown is the report to read, in a terminal as plain text or rendered: the summary
  (dates, phases and their gates, final figures, checklists, issues) in short aligned
  tables and lists, then the notes by kind. User text has its control characters
  replaced and its Markdown syntax escaped (`launchtui.export.md_inline` / `md_block`).
  Its headings and words are in the language of the texts (`launchtui.i18n`).
- JSON holds every field of the report, notes with their edit history; its keys and
  values are the same in every language (bar the checklist titles the report was built in).
- CSV is the notes, one row each, text kept exactly except for `csv_safe`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from launchtui.domain.gate import NEW_SYSTEM_MIN
from launchtui.domain.groups import ACTIVE_USE_MIN, GROUP_DAYS
from launchtui.domain.issues import severity_name, status_name
from launchtui.domain.report import (
    LatestFigure,
    PhaseReport,
    RolloutReport,
    SeverityReport,
    duration_text,
    figure_text,
)
from launchtui.domain.retro import KINDS, NOTE_FIELDS, Note, NoteEvent, kind_label
from launchtui.export import md_block, md_inline
from launchtui.i18n import day_name, language, month_name, n_, t
from launchtui.spreadsheet import csv_safe

JSON_FORMAT = "launchtui-retro"
JSON_VERSION = 1


# -- shared words --------------------------------------------------------------


def _date(day: dt.date) -> str:
    return day.isoformat()


def _day(day: dt.date) -> str:
    """'Tue 3 Nov 2026' ('di 3 nov 2026' in Dutch)."""
    return f"{day_name(day)} {day.day} {month_name(day)} {day.year}"


def _when(moment: dt.datetime) -> str:
    return f"{moment.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def day_phrase(report: RolloutReport) -> str:
    """'day 4 after launch', 'launch day', '3 days before launch'."""
    day = report.day
    if day < 0:
        return n_(-day, "{n} day before launch", "{n} days before launch")
    if day == 0:
        return t("launch day")
    return t("day {n} after launch", n=day)


def gate_phrase(phase: PhaseReport) -> str:
    """When a phase passed its gate: '2026-11-20 (84% active use), on time'; 'not yet'."""
    if phase.passed_on is None:
        return t("not yet")
    value = f"{phase.passed_value:.1f}".removesuffix(".0") + "%"
    if phase.decommission:
        text = t("{date} ({value} on the new system)", date=_date(phase.passed_on), value=value)
    else:
        text = t("{date} ({value} active use)", date=_date(phase.passed_on), value=value)
    if phase.deadline is not None:
        if phase.on_time:
            text += ", " + t("on time")
        else:
            late = (phase.passed_on - phase.deadline).days
            text += ", " + n_(late, "{n} day after its deadline", "{n} days after its deadline")
    return text


def figure_names() -> dict[str, str]:
    """Figures as the report names them, in `FIGURE_FIELDS` order, translated."""
    return {
        "accounts": t("accounts"),
        "active_weekly": t("active use"),
        "active_daily": t("daily use"),
        "workflows": t("key workflows"),
        "old_system": t("still on the old system"),
        "satisfaction": t("satisfaction"),
        "nps": t("NPS"),
        "tickets": t("support tickets"),
        "training": t("training done"),
    }


def duration_words(span: dt.timedelta | None) -> str:
    """`duration_text` in the language of the texts: '45 min', '5 h 10 min', '2 d 3 h'."""
    if span is None:
        return "-"
    minutes = int(span.total_seconds() // 60)
    if minutes < 60:
        return t("{n} min", n=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        if minutes:
            return t("{h} h {m} min", h=hours, m=minutes)
        return t("{n} h", n=hours)
    days, hours = divmod(hours, 24)
    return t("{d} d {h} h", d=days, h=hours) if hours else t("{n} d", n=days)


def _figures_phrase(latest: Sequence[LatestFigure]) -> str:
    """'active use 84% (2026-11-20), satisfaction 7.5/10 (2026-11-20)'."""
    names = figure_names()
    return ", ".join(
        f"{names[f.field]} {figure_text(f.field, f.value)} ({_date(f.date)})" for f in latest
    )


def _severity_name(row: SeverityReport) -> str:
    return t("All") if row.severity == "all" else severity_name(row.severity).capitalize()


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
    w(f"# {t('Rollout report: {tool}', tool=md_inline(report.tool))}\n\n")
    if subtitle:
        w(f"{md_inline(subtitle)}\n\n")
    w(f"## {t('Summary')}\n\n")
    _write_dates(report, w)
    _write_phases(report, w)
    _write_figures(report, w)
    _write_windows(report, w)
    _write_issues(report, w)
    _write_notes(report, w)
    return len(report.notes)


def _write_dates(report: RolloutReport, w) -> None:
    running = (
        ", "
        + t(
            "phase {n} of {total} running",
            n=report.current_phase,
            total=len(report.phases),
        )
        if report.current_phase is not None
        else ""
    )
    w(f"### {t('Dates')}\n\n")
    w(f"- {t('Launch: {date}', date=_day(report.launch))}\n")
    w(f"- {t('Rollout end: {date} (last day of the last phase)', date=_day(report.end))}\n")
    today = t("Today: {date}, {when}", date=_day(report.today), when=day_phrase(report))
    w(f"- {today}{running}\n\n")


def _write_phases(report: RolloutReport, w) -> None:
    w(f"### {t('Phases and their gates')}\n\n")
    rule = t(
        "A group passes its gate on the first date its figures show {active} "
        "active use (due within {weeks} weeks of its start); the old system "
        "goes off once {moved} of everyone works in the new one.",
        active=f"{ACTIVE_USE_MIN:g}%",
        weeks=GROUP_DAYS // 7,
        moved=f"{NEW_SYSTEM_MIN:g}%",
    )
    w(f"{rule}\n\n")
    rows = [
        [
            f"{p.number} {md_inline(p.name)}",
            md_inline(p.group),
            f"{_date(p.start)} – {_date(p.end)}",
            gate_phrase(p),
        ]
        for p in report.phases
    ]
    head = [t("Phase"), t("Group"), t("Runs"), t("Gate passed")]
    w(_table(head, rows) + "\n\n")


def _write_figures(report: RolloutReport, w) -> None:
    w(f"### {t('Final figures (latest per group)')}\n\n")
    for p in report.phases:
        head = f"- {md_inline(p.group)} ({t('phase {n}', n=p.number)}): "
        w(head + (_figures_phrase(p.latest) if p.latest else t("no figures recorded")) + "\n")
    w("\n")


def _write_windows(report: RolloutReport, w) -> None:
    w(f"### {t('Checklists')}\n\n")
    if not report.windows:
        w(t("No checklist windows.") + "\n\n")
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
    rows.append([t("All"), "", str(done), str(skipped), str(total), str(overdue)])
    head = [t("Window"), t("Dates"), t("Done"), t("Skipped"), t("Total"), t("Overdue")]
    w(_table(head, rows, right=(2, 3, 4, 5)) + "\n\n")


def _write_issues(report: RolloutReport, w) -> None:
    w(f"### {t('Issues')}\n\n")
    every = report.issues
    if not every.total:
        w(t("No issues were logged.") + "\n\n")
    else:
        median = (
            t("median time to resolve: {time}", time=duration_words(every.median_to_resolve))
            if every.median_to_resolve is not None
            else t("none resolved yet")
        )
        counts = t(
            "{n} logged, {unresolved} unresolved, {resolved} resolved; {median}.",
            n=every.total,
            unresolved=every.unresolved,
            resolved=every.resolved,
            median=median,
        )
        w(f"{counts}\n\n")
        rows = [
            [
                _severity_name(row),
                str(row.total),
                str(row.unresolved),
                str(row.resolved),
                duration_words(row.median_to_resolve),
            ]
            for row in (*report.severities, every)
        ]
        head = [
            t("Severity"),
            t("Logged"),
            t("Unresolved"),
            t("Resolved"),
            t("Median time to resolve"),
        ]
        w(_table(head, rows, right=(1, 2, 3, 4)) + "\n\n")
    w(f"#### {t('Longest open')}\n\n")
    if not report.longest_open:
        w((t("None: every issue is resolved.") if every.total else t("None.")) + "\n\n")
        return
    for i in report.longest_open:
        age = n_(i.age_days, "{n} day", "{n} days") if i.age_days else t("less than a day")
        about = t(
            "{severity}, {status}, tier {tier}",
            severity=severity_name(i.severity),
            status=status_name(i.status),
            tier=i.tier,
        )
        since = t(
            "open {age}, since {date}",
            age=age,
            date=_date(i.opened_at.astimezone(dt.UTC).date()),
        )
        w(f"- #{i.id} {md_inline(i.title)} ({about}): {since}\n")
    w("\n")


def _write_notes(report: RolloutReport, w) -> None:
    w(f"## {t('Retrospective notes')}\n")
    groups = report.notes_by_kind()
    for kind in KINDS:
        notes = groups[kind]
        w(f"\n### {kind_label(kind, language())} ({len(notes)})\n\n")
        if not notes:
            w(t("No notes yet.") + "\n")
            continue
        for note in notes:
            w(_note_item(note, report.issue_titles, report.item_labels))


def note_byline(note: Note, issue_titles: Mapping[int, str], item_labels: Mapping[str, str]) -> str:
    """'note 3 by ana (a.smith), 2026-11-07 10:00 UTC, phase 1, first-week; about issue
    #4 "Login fails"; edited twice, last by rob' (user text escaped for Markdown)."""
    head = t(
        "note {id} by {who}, {when}",
        id=note.id,
        who=md_inline(note.author.label()),
        when=_when(note.created_at),
    )
    head += ", " + (t("phase {n}", n=note.phase) if note.phase is not None else t("before launch"))
    if note.window:
        head += f", {md_inline(note.window)}"
    parts = [head]
    if note.issue_id is not None:
        title = issue_titles.get(note.issue_id)
        about = t("about issue #{id}", id=note.issue_id)
        parts.append(f"{about} “{md_inline(title)}”" if title else about)
    if note.item_key:
        label = item_labels.get(note.item_key)
        about = t("about checklist item {key}", key=md_inline(note.item_key))
        parts.append(f"{about} “{md_inline(label)}”" if label else about)
    if note.edits:
        if note.edits == 1:
            edited = t("edited once")
        elif note.edits == 2:
            edited = t("edited twice")
        else:
            edited = t("edited {n} times", n=note.edits)
        if note.editor:
            edited += ", " + t("last by {who}", who=md_inline(note.editor.label()))
        parts.append(edited)
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
