"""The rollout report: a summary drawn from the data, and the retrospective notes.

`build_report` is pure: the rollout, its checklist status, the adoption figures, the
issues, the notes and the gate (`launchtui.domain.gate.evaluate`, for the same day) go in,
with the day; a frozen `RolloutReport` comes out. The writers (`launchtui.exporters.report`)
turn it into Markdown, JSON or CSV.

What it derives:

- each phase's verdict, taken from the gate and from nowhere else, so that the report can
  never say a group passed while the gate pauses: a group *met* its adoption rule with a
  figure of 80% active use dated inside its 4-week window (on time by definition), is on
  track or needs work inside it, or *missed* it; its survey is ok, pending or failing; a
  drop after a pass is a warning (`slipping`). The decommission phase's verdict is the
  gate's "on the new system" rule. A phase on hold or stopped is not judged: its decision
  says why. Each phase carries the decision that stands for it (who, when, the gate's
  state then, its reason and evidence) and, for the switch-off, every tick made against
  the rule;
- the gate's state and sentence on the day, and what still keeps it from complete;
- the final figures: the latest value of every figure, per group;
- checklist completion per window (done, skipped, total);
- issues per severity, with the median time from logging to resolving;
- the longest-open issues: the oldest unresolved ones;
- the objections heard, counted by kind and phase, and whether the responses helped;
- what each phase returned (value, costs, ROI), cited from the value evaluator.

Times are kept as they are stored (UTC); dates of times (an issue's age) are UTC dates.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from launchtui.domain.decisions import Decision
from launchtui.domain.gate import Criterion, Gate, GroupVerdict, PhaseCall
from launchtui.domain.groups import Adoption, Reading, window
from launchtui.domain.issues import SEVERITIES, Issue, severity_rank
from launchtui.domain.metrics import FIGURE_FIELDS, Figures, figure_label
from launchtui.domain.phases import Phase
from launchtui.domain.progress import RolloutStatus
from launchtui.domain.retro import KINDS, Note, by_kind
from launchtui.domain.rollout import Actor, Rollout
from launchtui.domain.ticks import RuleException, TickEvent, latest_by_key
from launchtui.domain.value import OBJECTION_KINDS, Objection, Returned

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
class SwitchOff:
    """A tick of the old system's switch-off made against the rule (80% of everyone on the
    new system first): who, when, the figure at that moment and the reason given."""

    key: str
    actor: Actor
    at: dt.datetime  # aware: when it happened
    exception: RuleException
    standing: bool  # the item is still ticked by this very tick (not unticked since)


@dataclass(frozen=True)
class PhaseReport:
    """One phase: when it runs, the gate's verdict on its group, the decision that stands
    for it, and its group's latest figures. Every verdict here is the gate's own."""

    number: int
    name: str
    group: str
    share: int
    start: dt.date
    end: dt.date
    decommission: bool
    started: bool  # its first day is today or earlier
    deadline: dt.date | None  # the last day of its 4-week window (None: decommission)
    # The gate's verdict: met | on-track | needs-work | missed for a group; ok | pending |
    # failing for the decommission phase (80% of everyone on the new system); None when the
    # gate does not judge it (not started yet, or on hold or stopped by its decision).
    verdict: str | None = None
    met: Reading | None = None  # the figure that met the adoption rule, inside the window
    deciding: Reading | None = None  # the figure the verdict rests on, as the gate shows it
    slipping: Reading | None = None  # met, and a later figure fell below 80%: a warning
    after_window: Reading | None = None  # missed, and a later figure came after its window
    stale: bool = False  # not met, and its latest figure is too old: measure again
    days_left: int | None = None  # to the deadline; negative once it has passed
    survey: str | None = None  # ok | pending | failing (satisfaction and NPS together)
    satisfaction: Reading | None = None  # the group's latest survey figures
    nps: Reading | None = None
    call: PhaseCall | None = None  # whether it needs a decision, and the one that stands
    switch_offs: tuple[SwitchOff, ...] = ()  # ticks made against the switch-off rule
    latest: tuple[LatestFigure, ...] = ()  # measured figures only, in FIGURE_FIELDS order

    @property
    def met_on(self) -> dt.date | None:
        """The date of the figure that met the adoption rule: always inside the window."""
        return self.met.date if self.met else None

    @property
    def met_value(self) -> float | None:
        return self.met.value if self.met else None

    @property
    def decision(self) -> Decision | None:
        """The decision that stands for this phase on the report's day."""
        return self.call.decision if self.call else None

    @property
    def decision_missing(self) -> bool:
        """Its start date has come, it needs a decision, and none is recorded."""
        call = self.call
        return call is not None and call.needed and call.due and call.decision is None

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
class ObjectionCount:
    """How often one kind of objection was heard from one phase's group, and whether the
    response helped (by the latest word on each)."""

    kind: str
    phase: int | None
    heard: int
    helped: int
    did_not_help: int

    @property
    def not_known(self) -> int:
        return self.heard - self.helped - self.did_not_help


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
    gate: Gate  # the gate on `today`: its state, its sentence, what is still open
    issue_titles: Mapping[int, str] = field(default_factory=dict)  # for notes that point at one
    item_labels: Mapping[str, str] = field(default_factory=dict)  # for notes that point at one
    objections: tuple[ObjectionCount, ...] = ()  # by phase, then kind (`OBJECTION_KINDS`)
    # What each phase returned, as `roi` shows it (the one evaluator): only the phases with
    # figures or costs of their own, and the rollout in total when any is shown.
    returned: tuple[Returned, ...] = ()
    returned_total: Returned | None = None

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
    gate: Gate,
    switch_off_ticks: Iterable[TickEvent] = (),
    objections: Iterable[Objection] = (),
    returned: Sequence[Returned] = (),
    returned_total: Returned | None = None,
    lang: str = "en",
    tz: dt.tzinfo = dt.UTC,
) -> RolloutReport:
    """The report on `today`. `gate` is the gate evaluated for the same rollout and day
    (`launchtui.services.adoption.AdoptionService.gate`): every phase's verdict and decision come
    from it. `switch_off_ticks` are the tick events of the old system's switch-off (its
    whole history: those made after `today`, a day counted in `tz`, are left out).
    `issues` may come without timelines (a listing will do); `lang` picks the checklist
    windows' and items' titles. `objections` are counted by kind and phase (those heard
    after `today` left out); `returned` and `returned_total` are what the value evaluator
    (`launchtui.domain.value.returned`) gave for `today`, cited as they are."""
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
    ordered = sorted(rollout.plan.phases, key=lambda p: (p.start, p.number))
    switching = _switch_off_phase(ordered)
    offs = switch_offs(switch_off_ticks, today, tz)
    return RolloutReport(
        tool=rollout.tool,
        template=rollout.template,
        launch=rollout.launch,
        end=rollout.end,
        today=today,
        day=day,
        current_phase=running.number if running else None,
        phases=tuple(
            phase_report(
                p,
                rollout.launch,
                usable,
                today,
                gate,
                offs if switching is not None and p.number == switching.number else (),
            )
            for p in ordered
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
        gate=gate,
        issue_titles={i.id: i.title for i in issues if i.id in wanted_issues},
        item_labels=item_labels,
        objections=count_objections(objections, today),
        returned=tuple(p for p in returned if p.savings or p.costs),
        returned_total=returned_total if any(p.savings or p.costs for p in returned) else None,
    )


def count_objections(objections: Iterable[Objection], today: dt.date) -> tuple[ObjectionCount, ...]:
    """The objections heard up to `today`, counted by phase and kind (in the guide's order,
    an unknown kind last), each with how often the response helped and did not."""
    counts: dict[tuple[int | None, str], list[int]] = {}
    for o in objections:
        if o.date > today:
            continue
        row = counts.setdefault((o.phase, o.kind), [0, 0, 0])
        row[0] += 1
        row[1] += o.helped is True
        row[2] += o.helped is False
    order = {kind: i for i, kind in enumerate(OBJECTION_KINDS)}

    def key(item: tuple[int | None, str]) -> tuple[int, int, str]:
        phase, kind = item
        return (phase if phase is not None else 0, order.get(kind, len(order)), kind)

    return tuple(
        ObjectionCount(kind, phase, *counts[(phase, kind)])
        for phase, kind in sorted(counts, key=key)
    )


def _usable(figures: Iterable[Figures], today: dt.date) -> list[Figures]:
    """Figures dated up to today, oldest first; on one date, as recorded."""
    indexed = [(f, i) for i, f in enumerate(figures) if f.date <= today]
    indexed.sort(key=lambda pair: (pair[0].date, pair[0].id or 0, pair[1]))
    return [f for f, _ in indexed]


def _switch_off_phase(ordered: Sequence[Phase]) -> Phase | None:
    """The phase the old system's switch-off belongs to: the decommission phase, or with
    none (a one-group plan) the last one."""
    return next((p for p in ordered if p.decommission), ordered[-1] if ordered else None)


def phase_report(
    phase: Phase,
    launch: dt.date,
    figures: Sequence[Figures],
    today: dt.date,
    gate: Gate,
    switch_offs: tuple[SwitchOff, ...] = (),
) -> PhaseReport:
    """One phase of the plan with the gate's verdict on it and its group's latest figures
    (`figures` oldest first). Nothing here judges a figure: the gate did."""
    start, window_end = window(phase, launch)
    own = [f for f in figures if f.phase == phase.number]
    group: GroupVerdict | None = next((v for v in gate.groups if v.phase == phase.number), None)
    rule = _rule(gate, phase)
    adoption = group.adoption if group is not None else None
    deciding = None
    if rule is not None and rule.value is not None and rule.as_of is not None:
        deciding = Reading(float(rule.value), rule.as_of)
    return PhaseReport(
        number=phase.number,
        name=phase.name,
        group=phase.group,
        share=phase.share,
        start=start,
        end=launch + dt.timedelta(days=phase.end),
        decommission=phase.decommission,
        started=start <= today,
        deadline=None if phase.decommission else window_end,
        verdict=rule.status if rule is not None else None,
        met=adoption.met if adoption else None,
        deciding=deciding,
        slipping=adoption.slipping if adoption else None,
        after_window=_after_window(adoption),
        stale=rule.stale if rule is not None else False,
        days_left=rule.days_left if rule is not None else None,
        survey=group.survey if group is not None else None,
        satisfaction=group.satisfaction.latest if group is not None else None,
        nps=group.nps.latest if group is not None else None,
        call=next((c for c in gate.calls if c.phase == phase.number), None),
        switch_offs=switch_offs,
        latest=latest_figures(own),
    )


def _after_window(adoption: Adoption | None) -> Reading | None:
    """A missed group's latest figure when it is dated after its window: it counts for
    nothing, and the report says so."""
    if adoption is None or adoption.verdict != "missed" or adoption.latest is None:
        return None
    return adoption.latest if adoption.latest.date > adoption.deadline else None


def _rule(gate: Gate, phase: Phase) -> Criterion | None:
    """The gate's criterion that judges `phase`: its group's active use, or for the
    decommission phase everyone on the new system; None when the gate does not judge it."""
    kind = "new-system" if phase.decommission else "active"
    return next((c for c in gate.criteria if c.kind == kind and c.phase == phase.number), None)


def switch_offs(
    events: Iterable[TickEvent], today: dt.date, tz: dt.tzinfo = dt.UTC
) -> tuple[SwitchOff, ...]:
    """The ticks made against the switch-off rule up to `today` (in `tz`), oldest first;
    `events` are the switch-off item's tick events (any order)."""
    known = sorted((e for e in events if e.at.astimezone(tz).date() <= today), key=lambda e: e.id)
    standing = latest_by_key(known)
    return tuple(
        SwitchOff(e.key, e.actor, e.at, e.exception, standing.get(e.key) is e)
        for e in known
        if e.action == "tick" and e.exception is not None
    )


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
    JSON export keeps it (`launchtui.exporters.report.duration_words` translates it)."""
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
