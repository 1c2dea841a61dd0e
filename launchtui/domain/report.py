"""The rollout report: a summary drawn from the data, and the retrospective notes.

`build_report` is pure: the rollout, its checklist status, the adoption figures, the
issues and the notes go in, with the day; a frozen `RolloutReport` comes out. The
writers (`launchtui.report_writers`) turn it into Markdown, JSON or CSV.

What it derives:

- each phase's gate, passed on the first date its group's recorded figures reached
  80% active use (for the decommission phase: 80% of everyone on the new system);
  None ("not yet") otherwise. Figures dated after `today` do not count;
- the final figures: the latest value of every figure, per group;
- checklist completion per window (done, skipped, total);
- issues per severity, with the median time from logging to resolving;
- the longest-open issues: the oldest unresolved ones.

Times are kept as they are stored (UTC); dates of times (an issue's age) are UTC dates.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from launchtui.domain.gate import NEW_SYSTEM_MIN
from launchtui.domain.groups import ACTIVE_USE_MIN, GROUP_DAYS
from launchtui.domain.issues import SEVERITIES, Issue, severity_rank
from launchtui.domain.metrics import FIGURE_FIELDS, Figures, figure_label
from launchtui.domain.phases import Phase
from launchtui.domain.progress import RolloutStatus
from launchtui.domain.retro import KINDS, Note, by_kind
from launchtui.domain.rollout import Rollout

LONGEST_OPEN = 5  # unresolved issues the report names


@dataclass(frozen=True)
class LatestFigure:
    """The latest recorded value of one figure of one group, and its date."""

    field: str  # one of FIGURE_FIELDS
    value: float | int
    date: dt.date

    @property
    def label(self) -> str:
        """What the figure means, in the language of the texts."""
        return figure_label(self.field)


@dataclass(frozen=True)
class PhaseReport:
    """One phase: when it runs, when its gate was passed, its group's latest figures."""

    number: int
    name: str
    group: str
    share: int
    start: dt.date
    end: dt.date
    decommission: bool
    started: bool  # its first day is today or earlier
    deadline: dt.date | None  # 80% active use is due by then (None: decommission)
    passed_on: dt.date | None  # the first date the gate's figure was met; None: not yet
    passed_value: float | None  # the figure that met it, on `passed_on`
    latest: tuple[LatestFigure, ...] = ()  # measured figures only, in FIGURE_FIELDS order

    @property
    def passed(self) -> bool:
        return self.passed_on is not None

    @property
    def on_time(self) -> bool | None:
        """Passed by its 4-week deadline; None when not passed or there is no deadline."""
        if self.passed_on is None or self.deadline is None:
            return None
        return self.passed_on <= self.deadline

    def figure(self, field: str) -> LatestFigure | None:
        return next((f for f in self.latest if f.field == field), None)


@dataclass(frozen=True)
class WindowReport:
    """How far one checklist window got."""

    id: str
    title: str
    first: dt.date
    last: dt.date
    done: int
    skipped: int
    total: int
    overdue: int

    @property
    def open(self) -> int:
        return self.total - self.done - self.skipped


@dataclass(frozen=True)
class SeverityReport:
    """The issues of one severity (or of all: severity "all")."""

    severity: str
    total: int
    unresolved: int
    resolved: int
    median_to_resolve: dt.timedelta | None  # None when none is resolved


@dataclass(frozen=True)
class OpenIssueReport:
    """An unresolved issue and how long it has been open, in whole days."""

    id: int
    title: str
    severity: str
    status: str
    tier: int
    opened_at: dt.datetime
    age_days: int


@dataclass(frozen=True)
class RolloutReport:
    """Everything the rollout report says, built by `build_report`."""

    tool: str
    template: str
    launch: dt.date
    end: dt.date  # the last day of the last phase
    today: dt.date
    day: int  # days since launch (negative before)
    current_phase: int | None  # the phase running today; None before launch or after the end
    phases: tuple[PhaseReport, ...]
    windows: tuple[WindowReport, ...]
    severities: tuple[SeverityReport, ...]  # critical, major, minor
    issues: SeverityReport  # all severities together
    longest_open: tuple[OpenIssueReport, ...]
    notes: tuple[Note, ...]  # oldest first
    issue_titles: Mapping[int, str] = field(default_factory=dict)  # for notes that point at one
    item_labels: Mapping[str, str] = field(default_factory=dict)  # for notes that point at one

    def notes_by_kind(self) -> dict[str, tuple[Note, ...]]:
        """Every kind (all present, in `KINDS` order) with its notes, oldest first."""
        return by_kind(self.notes)

    def note_counts(self) -> dict[str, int]:
        groups = self.notes_by_kind()
        return {kind: len(groups[kind]) for kind in KINDS}

    def phase(self, number: int) -> PhaseReport | None:
        return next((p for p in self.phases if p.number == number), None)


# -- building ------------------------------------------------------------------


def build_report(
    rollout: Rollout,
    status: RolloutStatus,
    figures: Iterable[Figures],
    issues: Iterable[Issue],
    notes: Iterable[Note],
    today: dt.date,
    *,
    lang: str = "en",
) -> RolloutReport:
    """The report on `today`. `issues` may come without timelines (a listing will do);
    `lang` picks the checklist windows' and items' titles."""
    usable = _usable(figures, today)
    issues = tuple(issues)
    notes = tuple(sorted(notes, key=lambda n: (n.created_at, n.id)))
    day = rollout.day(today)
    running = rollout.plan.current(day)
    wanted_issues = {n.issue_id for n in notes if n.issue_id is not None}
    wanted_items = {n.item_key for n in notes if n.item_key is not None}
    item_labels = {}
    for key in sorted(wanted_items):
        item = status.item(key)
        if item is not None:
            item_labels[key] = item.instance.label(lang)
    return RolloutReport(
        tool=rollout.tool,
        template=rollout.template,
        launch=rollout.launch,
        end=rollout.end,
        today=today,
        day=day,
        current_phase=running.number if running else None,
        phases=tuple(
            phase_report(p, rollout.launch, usable, today)
            for p in sorted(rollout.plan.phases, key=lambda p: (p.start, p.number))
        ),
        windows=tuple(
            WindowReport(
                id=w.id,
                title=w.window.spec.label(lang),
                first=w.window.first,
                last=w.window.last,
                done=w.done,
                skipped=w.skipped,
                total=w.total,
                overdue=w.overdue,
            )
            for w in status.windows
        ),
        severities=tuple(
            severity_report(severity, [i for i in issues if i.severity == severity])
            for severity in sorted(SEVERITIES, key=severity_rank)
        ),
        issues=severity_report("all", issues),
        longest_open=longest_open(issues, today),
        notes=notes,
        issue_titles={i.id: i.title for i in issues if i.id in wanted_issues},
        item_labels=item_labels,
    )


def _usable(figures: Iterable[Figures], today: dt.date) -> list[Figures]:
    """Figures dated up to today, oldest first; on one date, as recorded."""
    indexed = [(f, i) for i, f in enumerate(figures) if f.date <= today]
    indexed.sort(key=lambda pair: (pair[0].date, pair[0].id or 0, pair[1]))
    return [f for f, _ in indexed]


def phase_report(
    phase: Phase, launch: dt.date, figures: Sequence[Figures], today: dt.date
) -> PhaseReport:
    """One phase of the plan with its gate and latest figures (`figures` oldest first)."""
    start = launch + dt.timedelta(days=phase.start)
    own = [f for f in figures if f.phase == phase.number]
    if phase.decommission:
        passed = first_met(figures, "new_system", NEW_SYSTEM_MIN)
        deadline = None
    else:
        passed = first_met(own, "active_weekly", ACTIVE_USE_MIN)
        deadline = start + dt.timedelta(days=GROUP_DAYS)
    return PhaseReport(
        number=phase.number,
        name=phase.name,
        group=phase.group,
        share=phase.share,
        start=start,
        end=launch + dt.timedelta(days=phase.end),
        decommission=phase.decommission,
        started=start <= today,
        deadline=deadline,
        passed_on=passed[0] if passed else None,
        passed_value=passed[1] if passed else None,
        latest=latest_figures(own),
    )


def first_met(
    figures: Iterable[Figures], field: str, threshold: float
) -> tuple[dt.date, float] | None:
    """The first (date, value) on which `field` was `threshold` or more; None if never."""
    for figure in sorted(figures, key=lambda f: (f.date, f.id or 0)):
        value = getattr(figure, field)
        if value is not None and value >= threshold:
            return figure.date, float(value)
    return None


def latest_figures(figures: Iterable[Figures]) -> tuple[LatestFigure, ...]:
    """The latest value of every measured figure (`figures` oldest first), in field order."""
    latest: dict[str, LatestFigure] = {}
    for figure in figures:
        for name in FIGURE_FIELDS:
            value = getattr(figure, name)
            if value is not None:
                latest[name] = LatestFigure(name, value, figure.date)
    return tuple(latest[name] for name in FIGURE_FIELDS if name in latest)


def time_to_resolve(issue: Issue) -> dt.timedelta | None:
    """From logging to (the last) resolving; None for an unresolved issue."""
    if issue.is_open or issue.resolved_at is None:
        return None
    return max(issue.resolved_at - issue.created_at, dt.timedelta(0))


def median_to_resolve(issues: Iterable[Issue]) -> dt.timedelta | None:
    """The median time to resolve of the resolved ones among `issues`; None if none is."""
    spans = [span for span in map(time_to_resolve, issues) if span is not None]
    if not spans:
        return None
    seconds = statistics.median(span.total_seconds() for span in spans)
    return dt.timedelta(seconds=round(seconds))


def severity_report(severity: str, issues: Sequence[Issue]) -> SeverityReport:
    unresolved = sum(1 for i in issues if i.is_open)
    return SeverityReport(
        severity=severity,
        total=len(issues),
        unresolved=unresolved,
        resolved=len(issues) - unresolved,
        median_to_resolve=median_to_resolve(issues),
    )


def longest_open(
    issues: Iterable[Issue], today: dt.date, limit: int = LONGEST_OPEN
) -> tuple[OpenIssueReport, ...]:
    """The `limit` oldest unresolved issues, oldest first (same moment: lower number)."""
    found = sorted((i for i in issues if i.is_open), key=lambda i: (i.created_at, i.id))
    return tuple(
        OpenIssueReport(
            id=i.id,
            title=i.title,
            severity=i.severity,
            status=i.status,
            tier=i.tier,
            opened_at=i.created_at,
            age_days=max(0, (today - i.created_at.astimezone(dt.UTC).date()).days),
        )
        for i in found[:limit]
    )


# -- words ---------------------------------------------------------------------


def duration_text(span: dt.timedelta | None) -> str:
    """'45 min', '5 h 10 min', '2 d 3 h'; '-' for None. English in every language: the
    JSON export keeps it (`launchtui.report_writers.duration_words` translates it)."""
    if span is None:
        return "-"
    minutes = int(span.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def figure_text(field: str, value: float | int) -> str:
    """A figure as people write it: '84%', '7.5/10', '+12', '14'."""
    if field == "satisfaction":
        return f"{value:g}/10"
    if field == "nps":
        return f"{int(value):+d}"
    if field == "tickets":
        return str(int(value))
    return f"{float(value):.1f}".removesuffix(".0") + "%"
