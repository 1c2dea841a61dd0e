"""The adoption gate: go, watch, pause or rollback, as a pure function of the day.

`evaluate(plan, launch, figures, issues, today)` applies the guide's rules:

- every group rolled out so far reaches 80% active use (the % active weekly) within 4
  weeks (28 days) of its own start: day 28 is still within, on day 29 a group below
  80% pauses the rollout; before its deadline it only keeps the gate at watch;
- the latest satisfaction is 7/10 or more and the latest NPS above 0;
- in the decommission phase, 80% or more of everyone is on the new system;
- the support-ticket trend and training completion are advisory: shown, never blocking.

Contingency rules come first: an open critical issue means rollback, an open major
issue pause. Figures dated more than 14 days before today count as missing: a missing
figure keeps the gate at watch, never pauses it. A manual `Override` ("hold", or "go"
despite a criterion) is applied last; nothing overrides a rollback.

The sentence, each criterion's `detail` and its `label` are worded in the language of the
texts when the gate is evaluated (`launchtui.i18n`); a criterion's `name` and `threshold`
stay English, the same in every language, for scripts reading `to_json()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from launchtui.domain.metrics import Figures
from launchtui.domain.phases import Phase, PhasePlan
from launchtui.domain.rollout import Actor
from launchtui.i18n import month_name, n_, t

STATES = ("go", "watch", "pause", "rollback")
ACTIVE_USE_MIN = 80.0  # % active weekly each group needs
GROUP_DAYS = 28  # ... within this many days of its start (day 28 is still within)
FRESH_DAYS = 14  # a figure this many days old still counts; one day older is missing
SATISFACTION_MIN = 7.0
NPS_ABOVE = 0
NEW_SYSTEM_MIN = 80.0  # % of everyone on the new system before the old one goes off
TRAINING_MIN = 80.0  # advisory

OVERRIDE_KINDS = ("hold", "go")
HISTORY_KINDS = (*OVERRIDE_KINDS, "lift")
MAX_REASON = 2000
MAX_TITLE_SHOWN = 60


@dataclass(frozen=True)
class OpenIssue:
    """An unresolved issue as the gate needs it (adapt the issue log's `Issue` to this)."""

    id: int
    severity: str  # minor | major | critical
    title: str
    opened_at: dt.datetime  # aware
    also: int = 0  # how many more of this severity stand behind it, when not all are given


@dataclass(frozen=True)
class Override:
    """A coordinator's decision over the gate: `hold` the rollout, or `go` despite it.

    In the override history a `lift` entry ends the override before it.
    """

    kind: str  # hold | go | lift
    reason: str | None
    actor: Actor
    at: dt.datetime  # aware

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "reason": self.reason,
            "user": self.actor.name,
            "login": self.actor.login,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True)
class Criterion:
    """One rule of the gate with its value, threshold and verdict.

    `detail` says it in words, e.g. "Core team: active use 71%, needs 80% by 1 Dec:
    9 days left". Advisory criteria are shown but never hold the gate back. `name` and
    `threshold` are English for scripts; `label` and `threshold_label` are the same in the
    language of the texts, for people (`shown_name`, `shown_threshold`).
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

    @property
    def shown_name(self) -> str:
        return self.label or self.name

    @property
    def shown_threshold(self) -> str:
        return self.threshold_label or self.threshold

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "threshold": self.threshold,
            "ok": self.ok,
            "advisory": self.advisory,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "days_left": self.days_left,
        }


@dataclass(frozen=True)
class Gate:
    """The gate's verdict: `state` after any override, `computed_state` by the rules alone."""

    state: str  # go | watch | pause | rollback
    computed_state: str
    criteria: tuple[Criterion, ...]
    sentence: str  # why, and what is needed
    override: Override | None = None  # the override that stands, if any

    @property
    def blocking(self) -> tuple[Criterion, ...]:
        """The criteria that hold the gate back: not advisory and not met."""
        return tuple(c for c in self.criteria if not c.advisory and not c.ok)

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "computed_state": self.computed_state,
            "sentence": self.sentence,
            "override": self.override.to_json() if self.override else None,
            "criteria": [c.to_json() for c in self.criteria],
        }


# -- overrides -----------------------------------------------------------------


def new_override(kind: str, reason: str | None, actor: Actor, at: dt.datetime) -> Override:
    """A validated hold or go override; raises ValueError saying what is missing."""
    kind = (kind or "").strip().lower()
    if kind not in OVERRIDE_KINDS:
        raise ValueError(t("unknown override {kind}; use hold or go", kind=repr(kind)))
    text = (reason or "").strip()
    if not text:
        if kind == "hold":
            raise ValueError(t("a hold override needs a reason: say why"))
        raise ValueError(t("a go override needs a reason: say why"))
    if len(text) > MAX_REASON:
        raise ValueError(
            t(
                "the reason is {n} characters; at most {most} fit",
                n=f"{len(text):,}",
                most=f"{MAX_REASON:,}",
            )
        )
    if at.tzinfo is None:
        raise ValueError("override times must be aware datetimes")
    return Override(kind, text, actor, at)


def standing_override(history: Iterable[Override]) -> Override | None:
    """The override that stands after `history` (oldest first): None once lifted."""
    latest: Override | None = None
    for entry in history:
        latest = entry
    return latest if latest is not None and latest.kind != "lift" else None


# -- evaluation ----------------------------------------------------------------


def evaluate(
    plan: PhasePlan,
    launch: dt.date,
    figures: Iterable[Figures],
    issues: Iterable[OpenIssue],
    today: dt.date,
    override: Override | None = None,
    now: dt.datetime | None = None,
) -> Gate:
    """The gate on `today` for a rollout launching on `launch`.

    `figures` may come in any order. `issues` must be the unresolved ones only (open or
    worked around): the gate judges every one it is given by its severity. `override` is
    the one that stands (a `lift` counts as none). `now` (aware) words an issue's age in
    hours; without it the age is counted in days from `today`.
    """
    day = (today - launch).days
    issues = tuple(issues)
    usable = _usable(figures, today)
    groups = tuple(p for p in plan.started(day) if not p.decommission)
    current = _current(plan, day)

    if not groups:
        # Contingency rules hold from day one: a critical issue before launch still means
        # rolling back (or not going ahead).
        criteria: tuple[Criterion, ...] = ()
        computed, sentence = _contingency(issues, today, now) or (
            "watch",
            _not_started(plan, launch, today),
        )
    else:
        criteria = tuple(_criteria(plan, groups, current, launch, usable, today))
        computed, sentence = _state(plan, current, launch, criteria, issues, today, now)
    if override is not None and override.kind not in OVERRIDE_KINDS:
        override = None  # a lift: nothing stands
    state, sentence = _apply_override(computed, sentence, override, today)
    return Gate(state, computed, criteria, sentence, override)


def _usable(figures: Iterable[Figures], today: dt.date) -> list[Figures]:
    """Figures dated up to today, oldest first; same date: higher id, then later given."""
    indexed = [(f, i) for i, f in enumerate(figures) if f.date <= today]
    indexed.sort(key=lambda pair: (pair[0].date, pair[0].id or 0, pair[1]))
    return [f for f, _ in indexed]


def _fresh(figure: Figures, today: dt.date) -> bool:
    return (today - figure.date).days <= FRESH_DAYS


def _current(plan: PhasePlan, day: int) -> Phase | None:
    """The running phase; after the last one, the last one (its rules still apply)."""
    phase = plan.current(day)
    if phase is None and plan.phases and day > plan.end_offset:
        phase = max(plan.phases, key=lambda p: (p.end, p.number))
    return phase


def _latest(usable: Sequence[Figures], field: str, phase: int | None = None) -> Figures | None:
    for figure in reversed(usable):
        if getattr(figure, field) is not None and (phase is None or figure.phase == phase):
            return figure
    return None


def _criteria(
    plan: PhasePlan,
    groups: tuple[Phase, ...],
    current: Phase | None,
    launch: dt.date,
    usable: list[Figures],
    today: dt.date,
) -> Iterable[Criterion]:
    for phase in groups:
        yield _group(phase, launch, usable, today)
    yield _satisfaction(usable, today)
    yield _nps(usable, today)
    if current is not None and current.decommission:
        yield _decommission(usable, today)
    yield _tickets(usable, today)
    yield _training(usable, today)


def _group(phase: Phase, launch: dt.date, usable: list[Figures], today: dt.date) -> Criterion:
    start = launch + dt.timedelta(days=phase.start)
    deadline = start + dt.timedelta(days=GROUP_DAYS)
    days_left = (deadline - today).days
    latest = _latest(usable, "active_weekly", phase.number)
    name = f"active use: {phase.group}"
    label = t("active use: {group}", group=phase.group)
    threshold = f">= {ACTIVE_USE_MIN:g}%"
    minimum = f"{ACTIVE_USE_MIN:g}%"
    group = phase.group
    need = t("needs {minimum} by {date}", minimum=minimum, date=_day(deadline, today))
    if latest is None or not _fresh(latest, today):
        if latest is None:
            missing = t("no active-use figure recorded")
        else:
            missing = t(
                "last active-use figure is from {date}, too old", date=_day(latest.date, today)
            )
        if days_left < 0:
            detail = t(
                "{group}: {missing}; the figure is needed, 4-week deadline passed on {date}",
                group=group,
                missing=missing,
                date=_day(deadline, today),
            )
        else:
            detail = f"{group}: {missing}; {need}: {_left(days_left)}"
        return Criterion(
            name, None, threshold, False, False, deadline, days_left, detail, label=label
        )
    value = float(latest.active_weekly)  # type: ignore[arg-type]
    ok = value >= ACTIVE_USE_MIN
    if ok:
        detail = t(
            "{group}: active use {value} on {date}",
            group=group,
            value=_pct(value),
            date=_day(latest.date, today),
        )
    elif days_left < 0:
        detail = t(
            "{group}: active use {value}, 4-week deadline passed on {date}: needs {minimum}",
            group=group,
            value=_pct(value),
            date=_day(deadline, today),
            minimum=minimum,
        )
    else:
        detail = t(
            "{group}: active use {value}, {need}: {left}",
            group=group,
            value=_pct(value),
            need=need,
            left=_left(days_left),
        )
    return Criterion(name, value, threshold, ok, False, deadline, days_left, detail, label=label)


def _satisfaction(usable: list[Figures], today: dt.date) -> Criterion:
    threshold = f">= {SATISFACTION_MIN:g}/10"
    label = t("satisfaction")
    minimum = f"{SATISFACTION_MIN:g}"
    latest = _latest(usable, "satisfaction")
    if latest is None or not _fresh(latest, today):
        detail = t(
            "{missing}; needs {minimum}/10 or more",
            missing=_missing("satisfaction", latest, today),
            minimum=minimum,
        )
        return Criterion("satisfaction", None, threshold, False, detail=detail, label=label)
    value = float(latest.satisfaction)  # type: ignore[arg-type]
    ok = value >= SATISFACTION_MIN
    when = _day(latest.date, today)
    if ok:
        detail = t("satisfaction {value}/10 on {date}", value=f"{value:g}", date=when)
    else:
        detail = t(
            "satisfaction {value}/10 on {date}, needs {minimum} or more",
            value=f"{value:g}",
            date=when,
            minimum=minimum,
        )
    return Criterion("satisfaction", value, threshold, ok, detail=detail, label=label)


def _nps(usable: list[Figures], today: dt.date) -> Criterion:
    threshold = f"> {NPS_ABOVE}"
    label = t("NPS")
    latest = _latest(usable, "nps")
    if latest is None or not _fresh(latest, today):
        detail = t(
            "{missing}; needs above {minimum}",
            missing=_missing("NPS", latest, today),
            minimum=NPS_ABOVE,
        )
        return Criterion("NPS", None, threshold, False, detail=detail, label=label)
    value = int(latest.nps)  # type: ignore[arg-type]
    ok = value > NPS_ABOVE
    when = _day(latest.date, today)
    if ok:
        detail = t("NPS {value} on {date}", value=f"{value:+d}", date=when)
    else:
        detail = t(
            "NPS {value} on {date}, needs above {minimum}",
            value=f"{value:+d}",
            date=when,
            minimum=NPS_ABOVE,
        )
    return Criterion("NPS", value, threshold, ok, detail=detail, label=label)


def _decommission(usable: list[Figures], today: dt.date) -> Criterion:
    name = "on the new system"
    label = t("on the new system")
    threshold = f">= {NEW_SYSTEM_MIN:g}%"
    minimum = f"{NEW_SYSTEM_MIN:g}%"
    latest = _latest(usable, "old_system")
    if latest is None or not _fresh(latest, today):
        detail = t(
            "{missing}; switching the old system off needs {minimum} of everyone moved",
            missing=_missing("old-system", latest, today),
            minimum=minimum,
        )
        return Criterion(name, None, threshold, False, detail=detail, label=label)
    value = 100.0 - float(latest.old_system)  # type: ignore[arg-type]
    ok = value >= NEW_SYSTEM_MIN
    when = _day(latest.date, today)
    if ok:
        detail = t("{value} of everyone on the new system on {date}", value=_pct(value), date=when)
    else:
        detail = t(
            "{value} of everyone on the new system on {date}; "
            "switching the old system off needs {minimum}",
            value=_pct(value),
            date=when,
            minimum=minimum,
        )
    return Criterion(name, value, threshold, ok, detail=detail, label=label)


def _tickets(usable: list[Figures], today: dt.date) -> Criterion:
    name = "support tickets"
    threshold = "down or flat"
    words = {"label": t("support tickets"), "threshold_label": t("down or flat")}
    with_tickets = [f for f in usable if f.tickets is not None]
    if not with_tickets or not _fresh(with_tickets[-1], today):
        detail = _missing("ticket", with_tickets[-1] if with_tickets else None, today)
        return Criterion(name, None, threshold, False, advisory=True, detail=detail, **words)
    latest = with_tickets[-1]
    count = int(latest.tickets)  # type: ignore[arg-type]
    when = _day(latest.date, today)
    if len(with_tickets) < 2:
        detail = t("{count} tickets on {date}; no earlier count yet", count=count, date=when)
        return Criterion(name, count, threshold, False, advisory=True, detail=detail, **words)
    previous = with_tickets[-2]
    before = int(previous.tickets)  # type: ignore[arg-type]
    ok = count <= before
    fields = {"count": count, "date": when, "before": before, "then": _day(previous.date, today)}
    if count < before:
        detail = t("{count} tickets on {date}, down from {before} on {then}", **fields)
    elif ok:
        detail = t("{count} tickets on {date}, flat from {before} on {then}", **fields)
    else:
        detail = t("{count} tickets on {date}, up from {before} on {then}", **fields)
    return Criterion(name, count, threshold, ok, advisory=True, detail=detail, **words)


def _training(usable: list[Figures], today: dt.date) -> Criterion:
    name = "training completion"
    label = t("training completion")
    threshold = f">= {TRAINING_MIN:g}%"
    latest = _latest(usable, "training")
    if latest is None or not _fresh(latest, today):
        detail = _missing("training", latest, today)
        return Criterion(name, None, threshold, False, advisory=True, detail=detail, label=label)
    value = float(latest.training)  # type: ignore[arg-type]
    ok = value >= TRAINING_MIN
    detail = t(
        "training {value} completed on {date}", value=_pct(value), date=_day(latest.date, today)
    )
    return Criterion(name, value, threshold, ok, advisory=True, detail=detail, label=label)


def _missing(what: str, latest: Figures | None, today: dt.date) -> str:
    """'no NPS figure recorded', 'last NPS figure is from 1 Nov, older than 14 days'."""
    if latest is None:
        none = {
            "satisfaction": t("no satisfaction figure recorded"),
            "NPS": t("no NPS figure recorded"),
            "old-system": t("no old-system figure recorded"),
            "ticket": t("no ticket figure recorded"),
            "training": t("no training figure recorded"),
        }
        return none[what]
    fields = {"date": _day(latest.date, today), "days": FRESH_DAYS}
    old = {
        "satisfaction": t(
            "last satisfaction figure is from {date}, older than {days} days", **fields
        ),
        "NPS": t("last NPS figure is from {date}, older than {days} days", **fields),
        "old-system": t("last old-system figure is from {date}, older than {days} days", **fields),
        "ticket": t("last ticket figure is from {date}, older than {days} days", **fields),
        "training": t("last training figure is from {date}, older than {days} days", **fields),
    }
    return old[what]


# -- the state and its sentence ------------------------------------------------


def _state(
    plan: PhasePlan,
    current: Phase | None,
    launch: dt.date,
    criteria: tuple[Criterion, ...],
    issues: tuple[OpenIssue, ...],
    today: dt.date,
    now: dt.datetime | None,
) -> tuple[str, str]:
    contingency = _contingency(issues, today, now)
    if contingency is not None:
        return contingency

    groups = [c for c in criteria if c.deadline is not None]
    late = [c for c in groups if c.value is not None and not c.ok and (c.days_left or 0) < 0]
    if late:
        return "pause", late[0].detail + _more(len(late) - 1, "group")

    blocking = [c for c in criteria if not c.advisory and not c.ok]
    if not blocking:
        return "go", _go_sentence(plan, current, launch, criteria, today)
    # The most pressing first: groups by deadline (missing figures past it lead), then the rest.
    blocking.sort(
        key=lambda c: (c.deadline is None, c.deadline or dt.date.max, c.value is not None)
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
    current: Phase | None,
    launch: dt.date,
    criteria: tuple[Criterion, ...],
    today: dt.date,
) -> str:
    parts = [t("every group on track")]
    for criterion in criteria:
        if criterion.name == "satisfaction" and criterion.value is not None:
            parts.append(t("satisfaction {value}", value=f"{criterion.value:g}"))
        elif criterion.name == "NPS" and criterion.value is not None:
            parts.append(t("NPS {value}", value=f"{int(criterion.value):+d}"))
        elif criterion.name == "on the new system" and criterion.value is not None:
            parts.append(t("{value} on the new system", value=_pct(criterion.value)))
    day = (today - launch).days
    following = sorted((p for p in plan.phases if p.start > day), key=lambda p: p.start)
    if following:
        nxt = following[0]
        starts = launch + dt.timedelta(days=nxt.start)
        step = t("may move on to {name} ({date})", name=nxt.name, date=_day(starts, today))
    elif current is not None and current.decommission:
        step = t("the old system may be switched off")
    else:
        step = t("the rollout may be completed")
    return ", ".join(parts) + ": " + step


def _not_started(plan: PhasePlan, launch: dt.date, today: dt.date) -> str:
    if today < launch:
        return t(
            "the gate starts on launch day, {date} (in {days})",
            date=_day(launch, today),
            days=_days((launch - today).days),
        )
    first = min((p for p in plan.phases if not p.decommission), key=lambda p: p.start, default=None)
    if first is None:
        return t("the plan has no group to roll out; the gate has nothing to judge")
    starts = launch + dt.timedelta(days=first.start)
    return t(
        "the gate starts when {group} starts, {date}", group=first.group, date=_day(starts, today)
    )


def _apply_override(
    computed: str, sentence: str, override: Override | None, today: dt.date
) -> tuple[str, str]:
    if override is None:
        return computed, sentence
    by = f"{override.actor.name} {_day(override.at.date(), today)}"
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


def _day(date: dt.date, today: dt.date) -> str:
    """'1 Dec', with the year when it is not this year's."""
    text = f"{date.day} {month_name(date)}"
    return text if date.year == today.year else f"{text} {date.year}"


def _days(count: int) -> str:
    return n_(count, "{n} day", "{n} days")


def _left(days: int) -> str:
    if days == 0:
        return t("last day")
    return n_(days, "{n} day left", "{n} days left")


def _pct(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0") + "%"


def _more(count: int, what: str) -> str:
    """' (+2 more criteria not met)', ' (+1 more group)'; '' for none."""
    if count <= 0:
        return ""
    if what == "criterion":
        return " " + n_(count, "(+{n} more criterion not met)", "(+{n} more criteria not met)")
    return " " + n_(count, "(+{n} more group)", "(+{n} more groups)")


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
