"""The adoption gate: go, watch, pause or rollback, as a pure function of the day.

`evaluate(plan, launch, figures, issues, today, ...)` is the one evaluator: the status
panel, the gate tab, `status`, `--json`, `gate show`, the weekly update, the report and the
decision records all take their verdict from it.

- every group rolled out so far is judged on its own (`launchtui.domain.groups`): adoption
  met, on track, needs work or missed; its latest survey ok, pending or failing;
- every phase after the first needs a recorded decision once its start date has come
  (`launchtui.domain.decisions`); a hold or a stop pauses the rollout;
- in the decommission phase, 80% or more of everyone is on the new system;
- the support-ticket trend and training completion are advisory: shown, never blocking.

States: an open critical issue means rollback, an open major issue pause; then a held or
stopped phase, or a group that missed its adoption or survey rule, pauses; a criterion not
met yet (or a phase due without a decision) watches; otherwise go. A manual `Override`
("hold", or "go" despite the rules) is applied last; nothing overrides a rollback.

The sentence, each criterion's `detail` and its `label` are worded in the language of the
texts when the gate is evaluated (`launchtui.text.i18n`); a criterion's `name`, `threshold` and
`status` stay English, the same in every language, for scripts reading `to_json()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from launchtui.domain import groups as g
from launchtui.domain.decisions import Decision, latest_by_phase
from launchtui.domain.groups import (
    ACTIVE_USE_MIN,
    FRESH_DAYS,
    NPS_ABOVE,
    SATISFACTION_MIN,
    Adoption,
    Reading,
    Survey,
)
from launchtui.domain.metrics import Figures
from launchtui.domain.overrides import OVERRIDE_KINDS, Override
from launchtui.domain.phases import Phase, PhasePlan
from launchtui.text import numbers
from launchtui.text.i18n import N_, day_month, n_, t

STATES = ("go", "watch", "pause", "rollback")
NEW_SYSTEM_MIN = 80.0  # % of everyone on the new system before the old one goes off
TRAINING_MIN = 80.0  # advisory
MAX_TITLE_SHOWN = 60
PAUSING = ("missed", "failing", "hold", "stop")  # a criterion in one of these pauses


class OpenIssue(NamedTuple):
    """An unresolved issue as the gate needs it (adapt the issue log's `Issue` to this)."""

    id: int
    severity: str  # minor | major | critical
    title: str
    opened_at: dt.datetime  # aware
    also: int = 0  # how many more of this severity stand behind it, when not all are given


class Criterion(NamedTuple):
    """One rule of the gate with its value, threshold and verdict.

    `detail` says it in words, e.g. "Core team: active use 71%, needs 80% by 1 Dec:
    9 days left". Advisory criteria are shown but never hold the gate back. `name`,
    `threshold` and `status` are English for scripts; `label` and `threshold_label` are the
    same in the language of the texts, for people (`shown_name`, `shown_threshold`).
    `status` says how it stands: met, on-track, needs-work, missed (adoption); ok, pending,
    failing (surveys, the new system, advisory figures); go, hold, stop, none (decisions).
    """

    name: str
    value: float | None
    threshold: str
    ok: bool
    advisory: bool = False
    deadline: dt.date | None = None
    days_left: int | None = None  # negative once the deadline has passed
    detail: str = ""
    label: str = ""
    threshold_label: str = ""
    status: str = ""
    phase: int | None = None  # the phase whose group or decision this is
    as_of: dt.date | None = None  # the date of `value`
    kind: str = ""  # active | satisfaction | nps | decision | new-system | tickets | training
    warning: str = ""  # shown beside a criterion that holds, e.g. slipping after a pass
    stale: bool = False  # its latest figure is older than FRESH_DAYS: measure again
    subject: str = ""  # the group (or, for a decision, the phase name) it is about

    @property
    def shown_name(self) -> str:
        return self.label or self.name

    @property
    def shown_threshold(self) -> str:
        return self.threshold_label or self.threshold

    @property
    def pausing(self) -> bool:
        return not self.advisory and self.status in PAUSING

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "threshold": self.threshold,
            "ok": self.ok,
            "advisory": self.advisory,
            "status": self.status,
            "phase": self.phase,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "days_left": self.days_left,
            "warning": self.warning or None,
            "stale": self.stale,
        }


class GroupVerdict(NamedTuple):
    """One started group: its adoption, its latest survey and the decision it moved on."""

    phase: int
    name: str
    group: str
    adoption: Adoption
    satisfaction: Survey
    nps: Survey
    decision: Decision | None

    @property
    def survey(self) -> str:
        verdicts = (self.satisfaction.verdict, self.nps.verdict)
        for word in (g.FAILING, g.PENDING):
            if word in verdicts:
                return word
        return g.OK

    def to_json(self) -> dict[str, Any]:
        a = self.adoption

        def reading(r: Reading | None) -> dict[str, object] | None:
            return r.to_json() if r else None

        return {
            "phase": self.phase,
            "name": self.name,
            "group": self.group,
            "start": a.start.isoformat(),
            "window_end": a.deadline.isoformat(),
            "days_left": a.days_left,
            "verdict": a.verdict,
            "met": reading(a.met),
            "latest": reading(a.latest),
            "stale": a.stale,
            "slipping": reading(a.slipping),
            "survey": self.survey,
            "satisfaction": reading(self.satisfaction.latest),
            "nps": reading(self.nps.latest),
            "decision": self.decision.decision if self.decision else None,
        }


class PhaseCall(NamedTuple):
    """Whether a phase's group may start: the decision that stands for it, if any."""

    phase: int
    name: str
    starts: dt.date
    needed: bool  # phases after the first need one
    due: bool  # its start date has come
    decision: Decision | None

    def to_json(self) -> dict[str, Any]:
        return {
            "phase": self.phase,
            "name": self.name,
            "starts": self.starts.isoformat(),
            "needed": self.needed,
            "due": self.due,
            "decision": self.decision.to_json() if self.decision else None,
        }


class Gate(NamedTuple):
    """The gate's verdict: `state` after any override, `computed_state` by the rules alone."""

    state: str  # go | watch | pause | rollback
    computed_state: str
    criteria: tuple[Criterion, ...]
    sentence: str  # why, and what is needed
    override: Override | None = None  # the override that stands, if any
    groups: tuple[GroupVerdict, ...] = ()
    calls: tuple[PhaseCall, ...] = ()
    complete: bool = False  # past the plan, every phase decided, the old system off
    still_open: tuple[str, ...] = ()  # what keeps a rollout past its plan from complete

    @property
    def blocking(self) -> tuple[Criterion, ...]:
        """The criteria that hold the gate back: not advisory and not met."""
        return tuple(c for c in self.criteria if not c.advisory and not c.ok)

    def criterion(self, name: str) -> Criterion | None:
        return next((c for c in self.criteria if c.name == name), None)

    def state_for_decision(self, phase: int) -> str:
        """The state a decision on `phase` is taken against: by the rules alone, and go
        when this very decision is all the gate waits for."""
        own = next((c for c in self.criteria if c.kind == "decision" and c.phase == phase), None)
        blocking = [c for c in self.criteria if c is not own and not c.advisory and not c.ok]
        if own is not None and self.computed_state == "watch" and not blocking:
            return "go"
        return self.computed_state

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "computed_state": self.computed_state,
            "sentence": self.sentence,
            "override": self.override.to_json() if self.override else None,
            "criteria": [c.to_json() for c in self.criteria],
            "groups": [v.to_json() for v in self.groups],
            "decisions": [c.to_json() for c in self.calls],
            "complete": self.complete,
            "still_open": list(self.still_open),
        }


def criterion_label(kind: str, subject: str = "") -> str:
    """A criterion's name for people, in the language of the texts: 'active use: Core team'.

    `subject` is the group (or, for a decision, the phase name) the criterion is about."""
    labels = {
        "active": lambda: t("active use: {group}", group=subject),
        "satisfaction": lambda: t("satisfaction: {group}", group=subject),
        "nps": lambda: t("NPS: {group}", group=subject),
        "decision": lambda: t("decision: {name}", name=subject),
        "new-system": lambda: t("on the new system"),
        "tickets": lambda: t("support tickets"),
        "training": lambda: t("training completion"),
    }
    return labels[kind]() if kind in labels else subject


# -- evaluation ----------------------------------------------------------------


def evaluate(
    plan: PhasePlan,
    launch: dt.date,
    figures: Iterable[Figures],
    issues: Iterable[OpenIssue],
    today: dt.date,
    override: Override | None = None,
    now: dt.datetime | None = None,
    decisions: Iterable[Decision] = (),
    switched_off: bool | None = False,
    training: Criterion | None = None,
) -> Gate:
    """The gate on `today` for a rollout launching on `launch`.

    `figures` may come in any order; those dated after `today` are not known yet, nor are
    decisions recorded for a later day. `issues` must be the unresolved ones only. `override`
    is the one that stands (a `lift` counts as none). `now` (aware) words an issue's age in
    hours. `switched_off`: the old system's switch-off has been ticked (None: the checklists
    have no switch-off item, so nothing can say it was done). `training`: the training
    criterion worked out from held sessions (`launchtui.domain.sessions`), standing in for
    the typed training figure.
    """
    day = (today - launch).days
    issues = tuple(issues)
    usable = _usable(figures, today)
    standing = latest_by_phase(decisions, today)
    calls = _calls(plan, launch, day, standing)
    moving = {c.phase for c in calls if c.decision is None or c.decision.decision == "go"}
    started = [p for p in plan.started(day) if not p.decommission]
    verdicts = tuple(
        _group(p, launch, usable, today, standing.get(p.number))
        for p in sorted(started, key=lambda p: (p.start, p.number))
        if p.number in moving
    )
    scene = Scene(plan, launch, usable, today)
    criteria = [
        judge(DECISION, scene._replace(call=call))
        for call in calls
        if call.due and (call.needed or call.decision is not None)
    ]
    for verdict in verdicts:
        criteria.extend(judge(spec, scene._replace(verdict=verdict)) for spec in GROUP_CRITERIA)
    decommission = _decommission_phase(plan)
    if decommission is not None and decommission.start <= day and decommission.number in moving:
        criteria.append(judge(NEW_SYSTEM, scene))
    if verdicts:
        criteria.extend(
            training if spec.kind == "training" and training is not None else judge(spec, scene)
            for spec in ADVISORY
        )
    criteria_t = tuple(criteria)

    contingency = _contingency(issues, today, now)
    if contingency is not None:
        computed, sentence = contingency
    elif not verdicts and not any(c.kind == "decision" for c in criteria_t):
        computed, sentence = "watch", _not_started(plan, launch, today)
    else:
        computed, sentence = _state(plan, launch, criteria_t, calls, today)
    if override is not None and override.kind not in OVERRIDE_KINDS:
        override = None  # a lift: nothing stands
    state, sentence = _apply_override(computed, sentence, override, today)
    still_open = _still_open(plan, day, calls, switched_off)
    complete = bool(plan.phases) and day > plan.end_offset and not still_open
    return Gate(
        state, computed, criteria_t, sentence, override, verdicts, calls, complete, still_open
    )


def _usable(figures: Iterable[Figures], today: dt.date) -> list[Figures]:
    """Figures dated up to today, oldest first; same date: higher id, then later given."""
    indexed = [(f, i) for i, f in enumerate(figures) if f.date <= today]
    indexed.sort(key=lambda pair: (pair[0].date, pair[0].id or 0, pair[1]))
    return [f for f, _ in indexed]


def _decommission_phase(plan: PhasePlan) -> Phase | None:
    return next((p for p in plan.phases if p.decommission), None)


def _calls(
    plan: PhasePlan, launch: dt.date, day: int, standing: dict[int, Decision]
) -> tuple[PhaseCall, ...]:
    ordered = sorted(plan.phases, key=lambda p: (p.start, p.number))
    return tuple(
        PhaseCall(
            phase=p.number,
            name=p.name,
            starts=launch + dt.timedelta(days=p.start),
            needed=index > 0,
            due=p.start <= day,
            decision=standing.get(p.number),
        )
        for index, p in enumerate(ordered)
    )


def _group(
    phase: Phase, launch: dt.date, usable: list[Figures], today: dt.date, decision
) -> GroupVerdict:
    own = [f for f in usable if f.phase == phase.number]
    return GroupVerdict(
        phase=phase.number,
        name=phase.name,
        group=phase.group,
        adoption=g.judge_adoption(phase, launch, own, today),
        satisfaction=g.judge_survey("satisfaction", phase, launch, own, today),
        nps=g.judge_survey("nps", phase, launch, own, today),
        decision=decision,
    )


# -- criteria: the table -------------------------------------------------------
#
# Every criterion is a row of `CRITERIA`: what it is about, the figure it reads, its
# threshold, whether it may hold the gate back, and the rule that judges it. `judge` is the
# one function that turns a row and a scene into a `Criterion`; a rule only says what it
# found (`Judged`), the row says the rest.


class Scene(NamedTuple):
    """What a rule may look at: the plan, the figures known today, and the group or the
    phase call a per-group or per-phase criterion is about."""

    plan: PhasePlan
    launch: dt.date
    usable: Sequence[Figures]  # dated up to today, oldest first (`_usable`)
    today: dt.date
    verdict: GroupVerdict | None = None
    call: PhaseCall | None = None


class Judged(NamedTuple):
    """What a rule found: the figure it judged, its verdict and the sentence saying so."""

    value: float | None
    ok: bool
    status: str
    detail: str
    as_of: dt.date | None = None
    deadline: dt.date | None = None
    days_left: int | None = None
    warning: str = ""
    stale: bool = False


class CriterionSpec(NamedTuple):
    """One row of the gate: `kind` (also the key of its label), the English `name` for
    scripts ("{subject}" is the group or phase), the `field` of `Figures` it reads, the
    English `threshold` and the one people read, whether it is `advisory` (shown, never
    blocking), what it is `about` (a group, a phase call, the decommission phase or the
    whole rollout) and the rule that `judges` it."""

    kind: str
    name: str
    field: str | None
    threshold: Callable[[], str]
    threshold_label: Callable[[], str]
    advisory: bool
    about: str  # group | call | decommission | rollout
    judges: Callable[[CriterionSpec, Scene], Judged]


def judge(spec: CriterionSpec, scene: Scene) -> Criterion:
    """The one evaluator of a criterion: the row's rule applied to the scene."""
    found = spec.judges(spec, scene)
    phase: int | None = None
    subject = ""
    if spec.about == "group" and scene.verdict is not None:
        phase, subject = scene.verdict.phase, scene.verdict.group
    elif spec.about == "call" and scene.call is not None:
        phase, subject = scene.call.phase, scene.call.name
    elif spec.about == "decommission":
        decommission = _decommission_phase(scene.plan)
        phase = decommission.number if decommission else None
    return Criterion(
        spec.name.format(subject=subject),
        found.value,
        spec.threshold(),
        found.ok,
        advisory=spec.advisory,
        deadline=found.deadline,
        days_left=found.days_left,
        detail=found.detail,
        label=criterion_label(spec.kind, subject),
        threshold_label=spec.threshold_label(),
        status=found.status,
        phase=phase,
        as_of=found.as_of,
        kind=spec.kind,
        warning=found.warning,
        stale=found.stale,
        subject=subject,
    )


def _percent_at_least(minimum: float) -> tuple[Callable[[], str], Callable[[], str]]:
    """'>= 80%' for scripts and '>= 80%' (or '>= 80 %') for people."""
    return (
        lambda: f">= {numbers.decimal(minimum, 'en')}%",
        lambda: f">= {numbers.percent(minimum)}",
    )


# -- criteria: the rules -------------------------------------------------------


def _judge_decision(spec: CriterionSpec, scene: Scene) -> Judged:
    """A phase due to start needs a go; a hold or a stop pauses."""
    call = scene.call
    assert call is not None
    today = scene.today
    d = call.decision
    status = d.decision if d else "none"
    starts = day_month(call.starts, today)
    if d is None:
        detail = t("{name} due to start {date}: no decision yet", name=call.name, date=starts)
    elif d.decision == "go":
        detail = t(
            "{name}: go by {who} on {date}",
            name=call.name,
            who=d.actor.name,
            date=day_month(d.on, today),
        )
        if d.against_gate:
            detail += " " + t("(against the gate)")
    else:
        held = (
            N_('{name} on hold since {date} ({who}): "{reason}"')
            if d.decision == "hold"
            else N_('{name} stopped on {date} ({who}): "{reason}"')
        )
        detail = t(
            held, name=call.name, date=day_month(d.on, today), who=d.actor.name, reason=d.reason
        )
    return Judged(None, status == "go", status, detail, as_of=d.on if d else None)


def _judge_adoption(spec: CriterionSpec, scene: Scene) -> Judged:
    """A group's active use: 80% within its 4-week window (`groups.judge_adoption`)."""
    v = scene.verdict
    assert v is not None
    today = scene.today
    a = v.adoption
    group = v.group
    minimum = numbers.percent(ACTIVE_USE_MIN)
    deadline = day_month(a.deadline, today)
    need = t("needs {minimum} by {date}", minimum=minimum, date=deadline)
    warning = ""
    shown = a.deciding
    if a.verdict == g.MET:
        met = a.met
        assert met is not None
        detail = t(
            "{group}: met, active use {value} on {date}",
            group=group,
            value=numbers.percent(met.value),
            date=day_month(met.date, today),
        )
        if a.slipping is not None:
            warning = t(
                "slipping: {value} on {date}",
                value=numbers.percent(a.slipping.value),
                date=day_month(a.slipping.date, today),
            )
            detail += "; " + warning
    elif a.verdict == g.MISSED:
        inside = a.latest_inside
        shown = inside
        if inside is None:
            detail = t(
                "{group}: missed: no active-use figure by the 4-week deadline, {date}",
                group=group,
                date=deadline,
            )
        else:
            detail = t(
                "{group}: missed: active use {value} by the 4-week deadline, {date}; "
                "needed {minimum}",
                group=group,
                value=numbers.percent(inside.value),
                date=deadline,
                minimum=minimum,
            )
    elif a.latest is None or a.latest.date < a.start:
        shown = None
        detail = t(
            "{group}: no active-use figure yet; {need}: {left}",
            group=group,
            need=need,
            left=_left(a.days_left),
        )
    elif a.stale:
        detail = t(
            "{group}: last figure {value} on {date} is stale, measure again; {need}: {left}",
            group=group,
            value=numbers.percent(a.latest.value),
            date=day_month(a.latest.date, today),
            need=need,
            left=_left(a.days_left),
        )
    elif a.verdict == g.ON_TRACK:
        detail = t(
            "{group}: active use {value}, on track; {need}: {left}",
            group=group,
            value=numbers.percent(a.latest.value),
            need=need,
            left=_left(a.days_left),
        )
    else:
        detail = t(
            "{group}: active use {value}, {need}: {left}",
            group=group,
            value=numbers.percent(a.latest.value),
            need=need,
            left=_left(a.days_left),
        )
    return Judged(
        shown.value if shown else None,
        a.verdict == g.MET,
        a.verdict,
        detail,
        as_of=shown.date if shown else None,
        deadline=a.deadline,
        days_left=a.days_left,
        warning=warning,
        stale=a.stale and a.verdict != g.MET and shown is not None,
    )


def _judge_survey(spec: CriterionSpec, scene: Scene) -> Judged:
    """A group's latest survey (`spec.field`: satisfaction or nps), within its window."""
    v = scene.verdict
    assert v is not None
    today = scene.today
    s: Survey = getattr(v, spec.field or "")
    deadline = v.adoption.deadline
    if s.field == "satisfaction":
        what = t("satisfaction")
        value = numbers.score(s.latest.value) if s.latest else ""
        need = t("needs {minimum} or more", minimum=numbers.score(SATISFACTION_MIN))
    else:
        what = t("NPS")
        value = numbers.nps(s.latest.value) if s.latest else ""
        need = t("needs above {minimum}", minimum=NPS_ABOVE)
    fields = {"group": v.group, "what": what, "value": value, "need": need}
    if s.latest is not None:
        fields["date"] = day_month(s.latest.date, today)
    if s.latest is None and s.verdict == g.FAILING:
        detail = t(
            "{group}: no {what} survey by the end of its window, {end}",
            end=day_month(deadline, today),
            **fields,
        )
    elif s.latest is None:
        detail = t(
            "{group}: no {what} survey yet; {need} by {end}",
            end=day_month(deadline, today),
            **fields,
        )
    elif s.verdict == g.OK:
        detail = t("{group}: {what} {value} on {date}", **fields)
    elif s.stale:
        detail = t("{group}: {what} {value} on {date} is stale, measure again", **fields)
    elif s.verdict == g.FAILING:
        detail = t("{group}: {what} {value} on {date}, {need}; its window is over", **fields)
    else:
        detail = t("{group}: {what} {value} on {date}, {need}", **fields)
    return Judged(
        s.latest.value if s.latest else None,
        s.ok,
        s.verdict,
        detail,
        as_of=s.latest.date if s.latest else None,
        deadline=deadline,
        days_left=(deadline - today).days,
        stale=s.stale,
    )


def _judge_new_system(spec: CriterionSpec, scene: Scene) -> Judged:
    """80% or more of everyone on the new system by the decommission phase's end. A stale
    figure does not count inside the phase; once the phase is over, a figure below 80% or
    none at all fails."""
    plan, today = scene.plan, scene.today
    minimum = numbers.percent(NEW_SYSTEM_MIN)
    phase = _decommission_phase(plan)
    end = scene.launch + dt.timedelta(days=phase.end if phase else plan.end_offset)
    over = today > end
    values = g.readings(everyone_figures(plan, scene.usable), spec.field or "")
    latest = values[-1] if values else None
    window = {"deadline": end, "days_left": (end - today).days}
    if latest is None:
        detail = t(
            "no figure yet of everyone on the old system; switching it off needs {minimum} "
            "of everyone moved",
            minimum=minimum,
        )
        return Judged(None, False, g.FAILING if over else g.PENDING, detail, **window)
    value = latest.value
    stale = not over and not g.is_fresh(latest, today)
    ok = value >= NEW_SYSTEM_MIN and not stale
    fields = {
        "value": numbers.percent(value),
        "date": day_month(latest.date, today),
        "minimum": minimum,
    }
    if stale:
        detail = t(
            "{value} of everyone on the new system on {date} is stale, measure again", **fields
        )
    elif ok:
        detail = t("{value} of everyone on the new system on {date}", **fields)
    else:
        detail = t(
            "{value} of everyone on the new system on {date}; "
            "switching the old system off needs {minimum}",
            **fields,
        )
    status = g.OK if ok else (g.FAILING if over else g.PENDING)
    return Judged(value, ok, status, detail, as_of=latest.date, stale=stale, **window)


def _judge_trend(spec: CriterionSpec, scene: Scene) -> Judged:
    """Advisory: the latest fresh count of `spec.field` is no higher than the one before."""
    today = scene.today
    counted = [f for f in scene.usable if getattr(f, spec.field or "") is not None]
    if not counted or not _fresh(counted[-1], today):
        detail = _missing(spec.kind, counted[-1] if counted else None, today)
        return Judged(None, False, g.PENDING, detail)
    latest = counted[-1]
    count = int(getattr(latest, spec.field or ""))
    when = day_month(latest.date, today)
    if len(counted) < 2:
        detail = t("{count} tickets on {date}; no earlier count yet", count=count, date=when)
        return Judged(count, False, g.PENDING, detail, as_of=latest.date)
    previous = counted[-2]
    before = int(getattr(previous, spec.field or ""))
    ok = count <= before
    fields = {
        "count": count,
        "date": when,
        "before": before,
        "then": day_month(previous.date, today),
    }
    if count < before:
        detail = t("{count} tickets on {date}, down from {before} on {then}", **fields)
    elif ok:
        detail = t("{count} tickets on {date}, flat from {before} on {then}", **fields)
    else:
        detail = t("{count} tickets on {date}, up from {before} on {then}", **fields)
    return Judged(count, ok, g.OK if ok else g.FAILING, detail, as_of=latest.date)


def _judge_share(spec: CriterionSpec, scene: Scene) -> Judged:
    """Advisory: the latest fresh share in `spec.field` reaches `TRAINING_MIN`."""
    today = scene.today
    latest = next(
        (f for f in reversed(scene.usable) if getattr(f, spec.field or "") is not None), None
    )
    if latest is None or not _fresh(latest, today):
        return Judged(None, False, g.PENDING, _missing(spec.kind, latest, today))
    value = float(getattr(latest, spec.field or ""))
    ok = value >= TRAINING_MIN
    detail = t(
        "training {value} completed on {date}",
        value=numbers.percent(value),
        date=day_month(latest.date, today),
    )
    return Judged(value, ok, g.OK if ok else g.PENDING, detail, as_of=latest.date)


DECISION = CriterionSpec(
    "decision", "decision: {subject}", None, lambda: "go", lambda: t("go"), False, "call",
    _judge_decision,
)  # fmt: skip
ACTIVE = CriterionSpec(
    "active", "active use: {subject}", "active_weekly", *_percent_at_least(ACTIVE_USE_MIN),
    False, "group", _judge_adoption,
)  # fmt: skip
SATISFACTION = CriterionSpec(
    "satisfaction", "satisfaction: {subject}", "satisfaction",
    lambda: f">= {numbers.decimal(SATISFACTION_MIN, 'en')}/10",
    lambda: f">= {numbers.score(SATISFACTION_MIN)}", False, "group", _judge_survey,
)  # fmt: skip
NPS = CriterionSpec(
    "nps", "NPS: {subject}", "nps", lambda: f"> {NPS_ABOVE}", lambda: f"> {NPS_ABOVE}",
    False, "group", _judge_survey,
)  # fmt: skip
NEW_SYSTEM = CriterionSpec(
    "new-system", "on the new system", "new_system", *_percent_at_least(NEW_SYSTEM_MIN),
    False, "decommission", _judge_new_system,
)  # fmt: skip
TICKETS = CriterionSpec(
    "tickets", "support tickets", "tickets", lambda: "down or flat", lambda: t("down or flat"),
    True, "rollout", _judge_trend,
)  # fmt: skip
TRAINING = CriterionSpec(
    "training", "training completion", "training", *_percent_at_least(TRAINING_MIN),
    True, "rollout", _judge_share,
)  # fmt: skip

# The table, in the order the criteria are listed: per phase call, per group, then the
# decommission phase's rule and the advisory figures of the whole rollout.
CRITERIA: tuple[CriterionSpec, ...] = (
    DECISION, ACTIVE, SATISFACTION, NPS, NEW_SYSTEM, TICKETS, TRAINING
)  # fmt: skip
GROUP_CRITERIA = tuple(c for c in CRITERIA if c.about == "group")
ADVISORY = tuple(c for c in CRITERIA if c.about == "rollout")


def everyone_figures(plan: PhasePlan, figures: Iterable[Figures]) -> list[Figures]:
    """The figures that speak for everyone: the decommission phase's, or with no such phase
    (a one-group plan) every figure."""
    phase = _decommission_phase(plan)
    if phase is None:
        return list(figures)
    return [f for f in figures if f.phase == phase.number]


def new_system(
    plan: PhasePlan, launch: dt.date, figures: Iterable[Figures], today: dt.date
) -> Criterion:
    """80% or more of everyone on the new system: the decommission phase's rule, and the
    guard on switching the old system off."""
    return judge(NEW_SYSTEM, Scene(plan, launch, _usable(figures, today), today))


def _fresh(figure: Figures, today: dt.date) -> bool:
    return (today - figure.date).days <= FRESH_DAYS


def _missing(kind: str, latest: Figures | None, today: dt.date) -> str:
    """'no ticket figure recorded', 'last ticket figure is from 1 Nov, older than 14 days'."""
    if latest is None:
        if kind == "tickets":
            return t("no ticket figure recorded")
        return t("no training figure recorded")
    fields = {"date": day_month(latest.date, today), "days": FRESH_DAYS}
    if kind == "tickets":
        return t("last ticket figure is from {date}, older than {days} days", **fields)
    return t("last training figure is from {date}, older than {days} days", **fields)


# -- the state and its sentence ------------------------------------------------


def _state(
    plan: PhasePlan,
    launch: dt.date,
    criteria: tuple[Criterion, ...],
    calls: tuple[PhaseCall, ...],
    today: dt.date,
) -> tuple[str, str]:
    held = [c for c in criteria if c.kind == "decision" and c.status in ("hold", "stop")]
    if held:
        return "pause", held[0].detail + _more(len(held) - 1, "criterion")
    missed = [c for c in criteria if c.pausing]
    if missed:
        return "pause", missed[0].detail + _more(len(missed) - 1, "criterion")
    blocking = [c for c in criteria if not c.advisory and not c.ok]
    if not blocking:
        return "go", _go_sentence(plan, launch, criteria, calls, today)
    # The most pressing first: a phase waiting for its decision, then groups by deadline,
    # a group's adoption before its survey.
    order = ("decision", "active", "satisfaction", "nps", "new-system")
    blocking.sort(
        key=lambda c: (c.kind != "decision", c.deadline or dt.date.max, order.index(c.kind))
    )
    return "watch", blocking[0].detail + _more(len(blocking) - 1, "criterion")


def _contingency(
    issues: tuple[OpenIssue, ...], today: dt.date, now: dt.datetime | None
) -> tuple[str, str] | None:
    """The guide's contingency rules: critical -> rollback, major -> pause; else None."""
    for severity, state in (("critical", "rollback"), ("major", "pause")):
        found = sorted((i for i in issues if i.severity == severity), key=_issue_order)
        if found:
            return state, _issue_sentence(found, today, now)
    return None


def _issue_order(issue: OpenIssue) -> tuple[dt.datetime, int]:
    return (issue.opened_at, issue.id)


def _issue_sentence(found: list[OpenIssue], today: dt.date, now: dt.datetime | None) -> str:
    first = found[0]
    title = first.title.strip()
    if len(title) > MAX_TITLE_SHOWN:
        title = title[: MAX_TITLE_SHOWN - 1] + "…"
    fields = {"id": first.id, "age": _age(first.opened_at, today, now), "title": title}
    more = sum(1 + issue.also for issue in found) - 1
    if first.severity == "critical":
        sentence = t('critical issue #{id} open {age}: "{title}"', **fields)
        if more:
            sentence += " " + t("(+{n} more critical)", n=more)
    elif first.severity == "major":
        sentence = t('major issue #{id} open {age}: "{title}"', **fields)
        if more:
            sentence += " " + t("(+{n} more major)", n=more)
    else:
        sentence = t('minor issue #{id} open {age}: "{title}"', **fields)
        if more:
            sentence += " " + t("(+{n} more minor)", n=more)
    return sentence


def _go_sentence(
    plan: PhasePlan,
    launch: dt.date,
    criteria: tuple[Criterion, ...],
    calls: tuple[PhaseCall, ...],
    today: dt.date,
) -> str:
    parts = [t("every criterion met")]
    for criterion in criteria:
        if criterion.kind == "new-system" and criterion.value is not None:
            parts.append(t("{value} on the new system", value=numbers.percent(criterion.value)))
    day = (today - launch).days
    following = [c for c in calls if c.starts > today]
    if following:
        nxt = following[0]
        step = t("may move on to {name} ({date})", name=nxt.name, date=day_month(nxt.starts, today))
        if nxt.needed and nxt.decision is None:
            step += " " + t("once its decision is recorded")
    elif day <= plan.end_offset and any(p.decommission and p.start <= day for p in plan.phases):
        step = t("the old system may be switched off")
    else:
        step = t("the rollout may be completed")
    return ", ".join(parts) + ": " + step


def _not_started(plan: PhasePlan, launch: dt.date, today: dt.date) -> str:
    if today < launch:
        return t(
            "the gate starts on launch day, {date} (in {days})",
            date=day_month(launch, today),
            days=_days((launch - today).days),
        )
    first = min((p for p in plan.phases if not p.decommission), key=lambda p: p.start, default=None)
    if first is None:
        return t("the plan has no group to roll out; the gate has nothing to judge")
    starts = launch + dt.timedelta(days=first.start)
    return t(
        "the gate starts when {group} starts, {date}",
        group=first.group,
        date=day_month(starts, today),
    )


def _still_open(
    plan: PhasePlan, day: int, calls: tuple[PhaseCall, ...], switched_off: bool | None
) -> tuple[str, ...]:
    """What still stands between a rollout past its plan and 'complete'; () before then."""
    if not plan.phases or day <= plan.end_offset:
        return ()
    found = []
    for call in calls:
        if call.needed and (call.decision is None or call.decision.decision != "go"):
            found.append(t("phase {n} not decided go", n=call.phase))
    # Every plan ends with the old system off, a decommission phase or not (the solo
    # template switches on day 1): unticked, the rollout is not complete.
    if switched_off is False:
        found.append(t("old system still on"))
    return tuple(found)


def _apply_override(
    computed: str, sentence: str, override: Override | None, today: dt.date
) -> tuple[str, str]:
    if override is None:
        return computed, sentence
    by = f"{override.actor.name} {day_month(override.at.date(), today)}"
    if computed == "rollback":  # an open critical issue always wins
        if override.kind == "hold":
            ignored = t("(hold override by {by} does not apply)", by=by)
        else:
            ignored = t("(go override by {by} does not apply)", by=by)
        return computed, f"{sentence} {ignored}"
    if override.kind == "hold":
        held = t(
            'held by {by}: "{reason}" (by the rules: {state})',
            by=by,
            reason=override.reason,
            state=state_word(computed),
        )
        return "pause", held
    if computed == "go":
        return "go", sentence
    despite = t(
        'go by {by} despite {state}: "{reason}"; {sentence}',
        by=by,
        state=state_word(computed),
        reason=override.reason,
        sentence=sentence,
    )
    return "go", despite


# -- words ---------------------------------------------------------------------


def state_word(state: str) -> str:
    """A gate state as a word in a sentence: 'go', 'watch', 'pause', 'rollback', translated."""
    words = {"go": t("GO"), "watch": t("WATCH"), "pause": t("PAUSE"), "rollback": t("ROLLBACK")}
    return words[state].lower() if state in words else state


def _days(count: int) -> str:
    return n_(count, "{n} day", "{n} days")


def _left(days: int) -> str:
    if days == 0:
        return t("last day")
    return n_(days, "{n} day left", "{n} days left")


def _more(count: int, what: str) -> str:
    """' (+2 more criteria not met)'; '' for none."""
    if count <= 0:
        return ""
    return " " + n_(count, "(+{n} more criterion not met)", "(+{n} more criteria not met)")


def _age(opened_at: dt.datetime, today: dt.date, now: dt.datetime | None) -> str:
    if now is None:
        days = (today - opened_at.date()).days
        return t("since today") if days <= 0 else _days(days)
    seconds = max(0, int((now - opened_at).total_seconds()))
    if seconds < 3600:
        return t("{n} min", n=seconds // 60)
    if seconds < 86400:
        return t("{n} h", n=seconds // 3600)
    return _days(seconds // 86400)
