"""Pure writers of the rollout report to a text stream: Markdown, JSON and CSV.

No Textual, no Rich, no SQL: they take a `RolloutReport` (and notes) and a stream.

- Markdown is the report to read, in a terminal as plain text or rendered: the summary
  (dates, the gate today, each phase's verdict and decision, final figures, checklists,
  issues, objections heard by kind and phase, and what each phase returned when any has
  figures or costs) in short aligned tables and lists, then the notes by kind. The
  returns are `launchtui.text.value_text`'s lines, the ones `roi` prints. User text has its
  control characters replaced and its Markdown syntax escaped
  (`launchtui.exporters.issues.md_inline` / `md_block`). Its headings and words are in the language
  of the texts (`launchtui.text.i18n`); every number is written by `launchtui.text.numbers`,
  and the gate's states, decisions, evidence and rule exceptions by
  `launchtui.text.gate_text`, as everywhere else.
- JSON holds every field of the report, notes with their edit history; its keys and
  values are the same in every language (bar the checklist titles the report was built in
  and the gate's sentence, worded when the gate was evaluated). The characters that would
  act on a terminal are `\\u` escapes (`launchtui.text.json_text`).
- CSV is the notes, one row each, text kept except for `csv_safe` and control
  characters, which show as U+FFFD (`launchtui.text.safe.clean`; line breaks stay).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, TextIO

from launchtui.domain.decisions import Decision, decision_word
from launchtui.domain.gate import NEW_SYSTEM_MIN
from launchtui.domain.groups import ACTIVE_USE_MIN, GROUP_DAYS, NPS_ABOVE, SATISFACTION_MIN, Reading
from launchtui.domain.report import (
    LatestFigure,
    ObjectionCount,
    PhaseReport,
    RolloutReport,
    SeverityReport,
    SwitchOff,
    duration_text,
)
from launchtui.domain.retro import KINDS, NOTE_FIELDS, Note, kind_label
from launchtui.domain.rollout import Actor, day_number
from launchtui.domain.value import OBJECTION_KINDS
from launchtui.domain.value import kind_label as objection_kind
from launchtui.exporters.events import event_dict
from launchtui.exporters.issues import md_block, md_inline
from launchtui.exporters.spreadsheet import csv_safe
from launchtui.text import gate_text, json_text, numbers
from launchtui.text.i18n import day_name, language, month_name, n_, t
from launchtui.text.issue_words import severity_name, status_name
from launchtui.text.safe import clean, one_line
from launchtui.text.times import iso, utc_stamp
from launchtui.text.value_text import result_lines
from launchtui.text.value_text import title as value_title
from launchtui.text.value_text import to_json as returned_json

JSON_FORMAT = "launchtui-retro"
JSON_VERSION = 2  # 2: each phase's verdict, survey and decision come from the gate


# -- shared words --------------------------------------------------------------


def _date(day: dt.date) -> str:
    return day.isoformat()


def _day(day: dt.date) -> str:
    """'Tue 3 Nov 2026' ('di 3 nov 2026' in Dutch)."""
    return f"{day_name(day)} {day.day} {month_name(day)} {day.year}"


def day_phrase(report: RolloutReport) -> str:
    """'day 5 of the rollout', 'launch day', '3 days before launch': counted as the
    status panel counts (`day_number`)."""
    day = report.day
    if day < 0:
        return n_(-day, "{n} day before launch", "{n} days before launch")
    if day == 0:
        return t("launch day")
    return t("day {n} of the rollout", n=day_number(0, day))


def _left(days: int | None) -> str:
    if days is None or days < 0:
        return ""
    if days == 0:
        return t("last day")
    return n_(days, "{n} day left", "{n} days left")


def verdict_phrase(phase: PhaseReport) -> str:
    """The gate's verdict on a phase in words: 'met on 2026-11-17 with 82% active use,
    inside its 4-week window (on time)', 'missed: no figure of 80% active use by its
    deadline, 2026-12-01; 85% on 2026-12-08 came after its window and does not count',
    'not started yet: starts 2026-12-15'."""
    if phase.verdict is None:
        return _unjudged(phase)
    if phase.decommission:
        return _new_system_phrase(phase)
    minimum = numbers.percent(ACTIVE_USE_MIN)
    shown = phase.deciding
    fields: dict[str, object] = {"minimum": minimum, "weeks": GROUP_DAYS // 7}
    if phase.deadline is not None:
        fields["deadline"] = _date(phase.deadline)
    if shown is not None:
        fields.update(value=numbers.percent(shown.value), date=_date(shown.date))
    if phase.verdict == "met" and phase.met is not None:
        return t(
            "met on {date} with {value} active use, inside its {weeks}-week window (on time)",
            date=_date(phase.met.date),
            value=numbers.percent(phase.met.value),
            weeks=GROUP_DAYS // 7,
        )
    if phase.verdict == "missed":
        if shown is None:
            text = t(
                "missed: no figure of {minimum} active use by its deadline, {deadline}", **fields
            )
        else:
            text = t(
                "missed: {value} active use on {date}, the last by its deadline, {deadline}; "
                "needed {minimum}",
                **fields,
            )
        late = phase.after_window
        if late is not None:
            text += "; " + t(
                "{value} on {date} came after its window and does not count",
                value=numbers.percent(late.value),
                date=_date(late.date),
            )
        return text
    left = _left(phase.days_left)
    if shown is None:
        text = t("needs work: no active-use figure yet; needs {minimum} by {deadline}", **fields)
    elif phase.stale:
        text = t(
            "needs work: {value} active use on {date} is stale, measure again; "
            "needs {minimum} by {deadline}",
            **fields,
        )
    elif phase.verdict == "on-track":
        text = t("on track: {value} active use on {date}; needs {minimum} by {deadline}", **fields)
    else:
        text = t(
            "needs work: {value} active use on {date}; needs {minimum} by {deadline}", **fields
        )
    return f"{text} ({left})" if left else text


def _new_system_phrase(phase: PhaseReport) -> str:
    minimum = numbers.percent(NEW_SYSTEM_MIN)
    shown = phase.deciding
    if shown is None:
        if phase.verdict == "failing":
            return t(
                "FAILING: no figure of everyone on the new system; needs {minimum}", minimum=minimum
            )
        return t(
            "not yet: no figure of everyone on the new system; needs {minimum}", minimum=minimum
        )
    fields = {"value": numbers.percent(shown.value), "date": _date(shown.date), "minimum": minimum}
    if phase.verdict == "ok":
        return t("{value} of everyone on the new system on {date}", **fields)
    if phase.stale:
        return t(
            "not yet: {value} of everyone on the new system on {date} is stale, measure again",
            **fields,
        )
    if phase.verdict == "failing":
        return t(
            "FAILING: {value} of everyone on the new system on {date}; needs {minimum}", **fields
        )
    return t("not yet: {value} of everyone on the new system on {date}; needs {minimum}", **fields)


def _unjudged(phase: PhaseReport) -> str:
    """Why the gate does not judge a phase: not started, or held or stopped."""
    if not phase.started:
        return t("not started yet: starts {date}", date=_date(phase.start))
    decision = phase.decision
    if decision is not None and decision.decision == "hold":
        return t("on hold: not judged while the hold stands")
    if decision is not None and decision.decision == "stop":
        return t("stopped: not judged")
    return t("not judged by the gate")


def verdict_cell(phase: PhaseReport) -> str:
    """The verdict in a table cell: 'met 2026-11-17 (82%)', 'needs work (35%)', 'MISSED'."""
    if phase.verdict is None:
        if not phase.started:
            return t("not started")
        decision = phase.decision
        if decision is not None and decision.decision == "hold":
            return t("HOLD")
        if decision is not None and decision.decision == "stop":
            return t("STOP")
        return "-"
    if phase.verdict == "met" and phase.met is not None:
        text = f"{t('met')} {_date(phase.met.date)} ({numbers.percent(phase.met.value)})"
        return text + ", " + t("slipping") if phase.slipping is not None else text
    word = gate_text.verdict_word(phase.verdict, phase.stale)
    shown = phase.deciding
    return f"{word} ({numbers.percent(shown.value)})" if shown is not None else word


def survey_cell(phase: PhaseReport) -> str:
    return "-" if phase.survey is None else gate_text.verdict_word(phase.survey)


def survey_phrase(phase: PhaseReport) -> str:
    """'survey ok: satisfaction 7.5/10 (2026-11-17), NPS +10 (2026-11-17)'."""
    readings = [("satisfaction", phase.satisfaction), ("nps", phase.nps)]
    figures = _readings_phrase([(f, r) for f, r in readings if r is not None])
    if phase.survey == "ok":
        return t("survey ok: {figures}", figures=figures)
    if phase.survey == "failing":
        if not figures:
            return t("survey FAILING: no survey by the end of its window")
        return t("survey FAILING: {figures}", figures=figures)
    if not figures:
        return t("no survey yet")
    return t("survey not met yet: {figures}", figures=figures)


def slipping_phrase(phase: PhaseReport) -> str:
    """'slipping: 78% on 2026-11-24, below 80% since it met the rule'."""
    s = phase.slipping
    if s is None:
        return ""
    return t(
        "slipping: {value} on {date}, below {minimum} since it met the rule",
        value=numbers.percent(s.value),
        date=_date(s.date),
        minimum=numbers.percent(ACTIVE_USE_MIN),
    )


def decision_cell(phase: PhaseReport) -> str:
    """'go', 'go, against the gate', 'hold', 'none yet', '-' (none needed or not due)."""
    decision = phase.decision
    if decision is None:
        return t("none yet") if phase.decision_missing else "-"
    word = decision_word(decision.decision)
    return t("{decision}, against the gate", decision=word) if decision.against_gate else word


def decision_text(phase: PhaseReport) -> str:
    """The decision that stands, as the gate's renderer writes it, user text escaped."""
    decision = phase.decision
    if decision is None:
        return ""
    return gate_text.decision_line(_escaped_decision(decision), md_inline(phase.name))


def evidence_texts(decision: Decision) -> list[str]:
    """What the decision rested on, one line each (`gate_text.evidence_lines`), escaped."""
    return gate_text.evidence_lines(_escaped_decision(decision))


def switch_off_text(off: SwitchOff) -> str:
    """'post-rollout/old-system-switched-off ticked by ana, 2026-12-29 10:00 UTC: Done
    against the rule: 70% on the new system, needs 80%: "contract ends"'."""
    line = gate_text.exception_line(replace(off.exception, reason=md_inline(off.exception.reason)))
    head = t(
        "{key} ticked by {who}, {when}",
        key=md_inline(off.key),
        who=md_inline(off.actor.label()),
        when=utc_stamp(off.at),
    )
    text = f"{head}: {line}"
    return text if off.standing else f"{text} {t('(unticked since)')}"


def _escaped_decision(decision: Decision) -> Decision:
    """`decision` with its user text escaped for Markdown (the renderer folds it to one line)."""
    evidence = tuple({**c, "name": md_inline(str(c.get("name")))} for c in decision.evidence)
    actor = Actor(md_inline(decision.actor.name), md_inline(decision.actor.login))
    return replace(decision, reason=md_inline(decision.reason), actor=actor, evidence=evidence)


def gate_line(report: RolloutReport) -> str:
    """'Gate today: PAUSE — major issue #6 open 20 days: "SSO loops for the core team"'."""
    gate = report.gate
    head = t("Gate today: {state}", state=gate_text.state_text(gate.state))
    return f"{head} — {md_inline(gate.sentence)}"


def still_open_line(report: RolloutReport) -> str:
    """'The rollout is complete.', 'Still open: phase 3 not decided go; old system still
    on.' or '' while the plan runs."""
    gate = report.gate
    if gate.complete:
        return t("The rollout is complete: every phase decided and the old system off.")
    if gate.still_open:
        return t("Still open: {items}.", items="; ".join(md_inline(x) for x in gate.still_open))
    return ""


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
    return _readings_phrase([(f.field, Reading(float(f.value), f.date)) for f in latest])


def _readings_phrase(readings: Sequence[tuple[str, Reading]]) -> str:
    names = figure_names()
    return ", ".join(
        f"{names[field]} {numbers.figure(field, r.value)} ({_date(r.date)})"
        for field, r in readings
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
    _write_objections(report, w)
    _write_returned(report, w)
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
    w(gate_line(report) + "\n\n")
    still_open = still_open_line(report)
    if still_open:
        w(still_open + "\n\n")
    rule = t(
        "A group meets its gate with a figure of {active} active use dated inside its "
        "{weeks}-week window; once met it stays met, and a later drop shows as a warning. "
        "A window that ends without such a figure is missed, whether the figures were low "
        "or absent. Each started group's latest survey needs {satisfaction} or more and an "
        "NPS above {nps}; with none by the end of its window it fails. Each phase after the "
        "first starts on a recorded decision. The old system goes off once {moved} of "
        "everyone works in the new one; switching it off sooner needs a recorded reason.",
        active=numbers.percent(ACTIVE_USE_MIN),
        weeks=GROUP_DAYS // 7,
        satisfaction=numbers.score(SATISFACTION_MIN),
        nps=NPS_ABOVE,
        moved=numbers.percent(NEW_SYSTEM_MIN),
    )
    w(f"{rule}\n\n")
    rows = [
        [
            f"{p.number} {md_inline(p.name)}",
            md_inline(p.group),
            f"{_date(p.start)} – {_date(p.end)}",
            verdict_cell(p),
            survey_cell(p),
            decision_cell(p),
        ]
        for p in report.phases
    ]
    head = [t("Phase"), t("Group"), t("Runs"), t("Verdict"), t("Survey"), t("Decision")]
    w(_table(head, rows) + "\n\n")
    for p in report.phases:
        w(_phase_item(p))
    w("\n")


def _phase_item(p: PhaseReport) -> str:
    """One phase as a list item: the verdict in words, then the warning, the survey, the
    decision with its evidence and any switch-off made against the rule."""
    who = md_inline(p.name)
    if one_line(p.group).casefold() != one_line(p.name).casefold():
        who += f" ({md_inline(p.group)})"
    lines = [f"- {p.number} {who}: {verdict_phrase(p)}"]
    if p.slipping is not None:
        lines.append(f"  - {slipping_phrase(p)}")
    if p.survey is not None:
        lines.append(f"  - {survey_phrase(p)}")
    if p.decision is not None:
        lines.append(f"  - {decision_text(p)}")
        lines.extend(f"    - {line}" for line in evidence_texts(p.decision))
    elif p.decision_missing:
        lines.append(
            "  - "
            + t("no decision recorded; its group was due to start on {date}", date=_date(p.start))
        )
    lines.extend(f"  - {switch_off_text(off)}" for off in p.switch_offs)
    return "\n".join(lines) + "\n"


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


def _write_objections(report: RolloutReport, w) -> None:
    """The objections heard, counted by kind (rows) and phase (columns), and how often the
    response helped."""
    w(f"### {t('Resistance heard')}\n\n")
    rows = report.objections
    if not rows:
        w(t("No objections were logged.") + "\n\n")
        return
    heard = sum(r.heard for r in rows)
    helped = sum(r.helped for r in rows)
    not_helped = sum(r.did_not_help for r in rows)
    said = t(
        "{heard}; the response helped {helped}, did not help {not_helped}, not known {unknown}.",
        heard=n_(heard, "{n} objection heard", "{n} objections heard"),
        helped=helped,
        not_helped=not_helped,
        unknown=heard - helped - not_helped,
    )
    w(f"{said}\n\n")
    phases = sorted({r.phase for r in rows}, key=lambda n: -1 if n is None else n)
    kinds = list(dict.fromkeys(r.kind for r in sorted(rows, key=_kind_order)))
    cells = {(r.kind, r.phase): r.heard for r in rows}
    table = []
    for kind in kinds:
        counts = [cells.get((kind, phase), 0) for phase in phases]
        table.append([objection_kind(kind), *map(str, counts), str(sum(counts))])
    totals = [sum(cells.get((kind, phase), 0) for kind in kinds) for phase in phases]
    table.append([t("All"), *map(str, totals), str(heard)])
    head = [
        t("Objection"),
        *(t("Phase {n}", n=p) if p is not None else t("No phase") for p in phases),
        t("All"),
    ]
    w(_table(head, table, right=tuple(range(1, len(head)))) + "\n\n")


def _kind_order(row: ObjectionCount) -> tuple[int, str]:
    order = {kind: i for i, kind in enumerate(OBJECTION_KINDS)}
    return (order.get(row.kind, len(order)), row.kind)


def _write_returned(report: RolloutReport, w) -> None:
    """What each phase returned, as `roi` says it (one evaluator), when any phase has
    figures or costs; each figure beside its inputs, what is missing named."""
    if report.returned_total is None:
        return
    w(f"### {t('What each phase returned')}\n\n")
    for part in (*report.returned, report.returned_total):
        w(f"#### {md_inline(value_title(part))}\n\n")
        for line in result_lines(part):
            w(f"- {md_inline(line)}\n")
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
        when=utc_stamp(note.created_at),
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
        "created_at": iso(note.created_at),
        "updated_at": iso(note.updated_at),
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


def _reading(reading: Reading | None) -> dict[str, Any] | None:
    return None if reading is None else {"value": reading.value, "date": _date(reading.date)}


def switch_off_dict(off: SwitchOff) -> dict[str, Any]:
    return {
        "key": off.key,
        "user": off.actor.name,
        "login": off.actor.login,
        "at": off.at.isoformat(),
        "standing": off.standing,
        **off.exception.to_json(),
    }


def phase_dict(p: PhaseReport) -> dict[str, Any]:
    """One phase as JSON-ready data: the gate's verdict, survey and decision on it."""
    call = p.call
    return {
        "number": p.number,
        "name": p.name,
        "group": p.group,
        "share": p.share,
        "start": _date(p.start),
        "end": _date(p.end),
        "decommission": p.decommission,
        "started": p.started,
        "deadline": _date(p.deadline) if p.deadline else None,
        "verdict": p.verdict,
        "met_on": _date(p.met_on) if p.met_on else None,
        "met_value": p.met_value,
        "deciding": _reading(p.deciding),
        "slipping": _reading(p.slipping),
        "stale": p.stale,
        "days_left": p.days_left,
        "survey": p.survey,
        "satisfaction": _reading(p.satisfaction),
        "nps": _reading(p.nps),
        "decision_needed": call.needed if call else False,
        "decision_missing": p.decision_missing,
        "decision": p.decision.to_json() if p.decision else None,
        "switch_off_exceptions": [switch_off_dict(off) for off in p.switch_offs],
        "latest": {f.field: {"value": f.value, "date": _date(f.date)} for f in p.latest},
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
        "gate": {
            "state": report.gate.state,
            "computed_state": report.gate.computed_state,
            "sentence": report.gate.sentence,
            "override": report.gate.override.to_json() if report.gate.override else None,
            "complete": report.gate.complete,
            "still_open": list(report.gate.still_open),
        },
        "phases": [phase_dict(p) for p in report.phases],
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
        "objections": [
            {
                "kind": r.kind,
                "phase": r.phase,
                "heard": r.heard,
                "helped": r.helped,
                "did_not_help": r.did_not_help,
                "not_known": r.not_known,
            }
            for r in report.objections
        ],
        "returned": None
        if report.returned_total is None
        else {
            "phases": [returned_json(p) for p in report.returned],
            "total": returned_json(report.returned_total),
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
    stream.write(json_text.dumps(data) + "\n")
    return len(report.notes)


# -- CSV -----------------------------------------------------------------------


def _csv_cell(value: Any) -> Any:
    """Formula-guarded (on the stored text), then control characters shown as U+FFFD."""
    value = csv_safe(value)
    return clean(value) if isinstance(value, str) else value


def write_notes_csv(notes: Iterable[Note], stream: TextIO) -> int:
    """One header line (`NOTE_FIELDS`), then one row per note; returns the count.

    Open `stream` with ``newline=""``: a multi-line note stays one row, inside quotes.
    """
    writer = csv.writer(stream)
    writer.writerow(NOTE_FIELDS)
    count = 0
    for note in notes:
        data = note_dict(note, history=False)
        writer.writerow([_csv_cell(data[name]) for name in NOTE_FIELDS])
        count += 1
    return count
