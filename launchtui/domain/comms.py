"""The communication plan: the announcement two weeks ahead and the weekly update.

Both are `string.Template` texts with ``${placeholders}``, filled from the rollout's own
data (tool, each group's date, the gate and its verdict on each group, this week's
figures, resolved issues, success notes) and from "comms facts" that the data cannot
hold (why, training sessions, support contact), which the coordinator sets as key/value
pairs. Nothing is left unfilled: a fact or a
figure that is missing becomes a marker naming it and how to add it, such as
``[missing: support contact — set with `launchtui comms set support-contact ...`]``,
and the `Draft` lists what was missing.

Pure: the facts, figures, issues, notes and the gate come in as values; dates are
calendar dates of the rollout (a moment is turned into a date in the `tz` given, UTC by
default). Week 1 is launch day and the six days after it, as in the phase plans. Every
number is written by `launchtui.text.numbers` in the template's language; the verdicts
are the gate's (`launchtui.domain.gate.evaluate`), never judged here again. The gate's
sentence is the gate's own, worded in the language of the texts when it was evaluated.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from launchtui.domain.gate import Gate, GroupVerdict
from launchtui.domain.groups import ACTIVE_USE_MIN, Reading
from launchtui.domain.issues import Issue
from launchtui.domain.metrics import Figures
from launchtui.domain.phases import Phase, PhasePlan
from launchtui.domain.report import LatestFigure, latest_figures
from launchtui.domain.retro import Note
from launchtui.domain.rollout import Actor, Rollout
from launchtui.domain.value import OBJECTION_KINDS, Objection, kind_label, starter_text
from launchtui.text import numbers
from launchtui.text.gate_text import state_text
from launchtui.text.i18n import (
    LANGS,
    N_,
    day_name,
    in_language,
    language,
    long_day_name,
    long_month_name,
    month_name,
    n_,
    p_,
    t,
)
from launchtui.text.issue_words import severity_name

TEMPLATE_NAMES = ("announcement", "weekly")

# -- facts ---------------------------------------------------------------------

FACT_KEYS = ("benefit", "problem", "training", "support-contact", "pilot-results", "signature")
# What each fact is called, and what it should say (marked for the catalogue; drawn with `t`).
FACT_LABELS = {
    "benefit": N_("benefit"),
    "problem": N_("problem it solves"),
    "training": N_("training sessions"),
    "support-contact": N_("support contact"),
    "pilot-results": N_("pilot results"),
    "signature": N_("signature"),
}
FACT_HELP = {
    "benefit": N_("what gets better with the new tool"),
    "problem": N_("the problem it solves: why we change"),
    "training": N_("the training sessions: when, where, how to sign up"),
    "support-contact": N_("who to ask for help, and how to reach them"),
    "pilot-results": N_("what the pilot group found"),
    "signature": N_("the name (and role) the messages are signed with"),
}
MAX_FACT = 4000


def fact_label(key: str) -> str:
    """A fact's name in the language of the texts."""
    return t(FACT_LABELS[key]) if key in FACT_LABELS else key


def fact_help(key: str) -> str:
    """What a fact should say, in the language of the texts."""
    return t(FACT_HELP[key]) if key in FACT_HELP else key


@dataclass(frozen=True)
class Fact:
    """The value a comms fact was last set to; `value` None means it was cleared."""

    key: str
    value: str | None
    actor: Actor
    at: dt.datetime  # aware, UTC
    lang: str = "en"  # the language the value is written in


def parse_fact_key(value: str | None) -> str:
    """'support-contact', 'support_contact', 'Support contact' -> a key of FACT_KEYS."""
    text = "-".join((value or "").strip().lower().replace("_", " ").replace("-", " ").split())
    if text not in FACT_KEYS:
        shown = (value or "").strip()[:40]
        raise ValueError(
            t("unknown comms fact {fact}; use {keys}", fact=repr(shown), keys=", ".join(FACT_KEYS))
        )
    return text


def validate_fact_value(value: str | None) -> str | None:
    """A fact's value: several lines allowed, trimmed; empty means "clear it" (None)."""
    lines = (value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(line.rstrip() for line in lines).strip()
    if len(text) > MAX_FACT:
        raise ValueError(
            t(
                "the value is {n} characters; at most {most} fit",
                n=f"{len(text):,}",
                most=f"{MAX_FACT:,}",
            )
        )
    return text or None


def placeholder(key: str) -> str:
    """The placeholder a fact fills: 'support-contact' -> 'support_contact'."""
    return key.replace("-", "_")


# -- placeholders --------------------------------------------------------------

PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "announcement": (
        "tool",
        "launch_date",
        "group_dates",
        "first_group",
        "first_group_date",
        *(placeholder(k) for k in FACT_KEYS),
    ),
    "weekly": (
        "tool",
        "launch_date",
        "week",
        "week_start",
        "week_end",
        "phase",
        "gate",
        "group_verdicts",
        "figures",
        "resolved_count",
        "resolved_issues",
        "successes",
        "questions",
        "coming_up",
        "sessions",  # next week's sessions per location (launchtui.domain.sessions.week_text)
        "objections",  # the week's objections heard, else the guide's four (`objections_text`)
        *(placeholder(k) for k in FACT_KEYS),
    ),
}
_FACT_OF = {placeholder(k): k for k in FACT_KEYS}


@dataclass(frozen=True)
class Missing:
    """Something a template needs that the data does not hold yet, and how to add it."""

    name: str  # the placeholder
    what: str
    how: str
    fact: str | None = None  # the comms fact that fills it, if one does

    @property
    def marker(self) -> str:
        return t("[missing: {what} — {how}]", what=self.what, how=self.how)


def missing_for(name: str, untranslated: Collection[str] = ()) -> Missing:
    """The marker of placeholder `name` when it has no value, in the language of the texts
    (that of the template being filled). A fact in `untranslated` is set in another language
    but not in this one: its marker says so, and how to add it in this one."""
    fact = _FACT_OF.get(name)
    if fact is not None and fact in untranslated:
        what = t("{fact}, not yet in this language", fact=fact_label(fact))
        how = t(
            "set with `launchtui comms set {fact} ... --lang {lang}`", fact=fact, lang=language()
        )
        return Missing(name, what, how, fact)
    if fact is not None:
        how = t("set with `launchtui comms set {fact} ...`", fact=fact)
        return Missing(name, fact_label(fact), how, fact)
    if name == "figures":
        return Missing(
            name,
            t("this week's figures"),
            t("record them with `launchtui metrics record --active PCT`"),
        )
    if name == "successes":
        return Missing(
            name,
            t("a success story from this week"),
            t("add one with `launchtui retro add --kind went-well TEXT`"),
        )
    return Missing(name, name.replace("_", " "), t("not known for this rollout"))


@dataclass(frozen=True)
class Draft:
    """A filled template: the text, and what it marks as missing (in order of use)."""

    text: str
    missing: tuple[Missing, ...] = ()

    @property
    def missing_facts(self) -> tuple[str, ...]:
        return tuple(m.fact for m in self.missing if m.fact is not None)


def check_template(text: str, known: Sequence[str], source: str) -> tuple[str, ...]:
    """The placeholders `text` uses, in order of first use; ValueError naming the line
    ('announcement.en.txt:4: ...') for a stray `$` or a placeholder not in `known`."""
    used: list[str] = []
    for match in string.Template.pattern.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if match.group("invalid") is not None:
            # No fields given, so `t` leaves ${name} as it is.
            problem = t(
                "a '$' that starts no placeholder; "
                "write ${name} for a placeholder or $$ for a dollar sign"
            )
            raise ValueError(f"{source}:{line}: {problem}")
        name = match.group("named") or match.group("braced")
        if name is None:
            continue
        if name not in known:
            problem = t(
                "unknown placeholder {placeholder}; known: {known}",
                placeholder="${" + name + "}",
                known=", ".join(known),
            )
            raise ValueError(f"{source}:{line}: {problem}")
        if name not in used:
            used.append(name)
    return tuple(used)


def fill(
    text: str,
    values: Mapping[str, str | None],
    known: Sequence[str],
    source: str,
    untranslated: Collection[str] = (),
) -> Draft:
    """`text` with every placeholder filled: its value, or the marker of what is missing
    (`untranslated`: the facts set only in another language, see `missing_for`)."""
    used = check_template(text, known, source)
    filled: dict[str, str] = {}
    missing: list[Missing] = []
    for name in used:
        value = values.get(name)
        if value is None or not str(value).strip():
            gap = missing_for(name, untranslated)
            missing.append(gap)
            filled[name] = gap.marker
        else:
            filled[name] = str(value)
    return Draft(string.Template(text).substitute(filled), tuple(missing))


def needed_facts(text: str, known: Sequence[str], source: str) -> tuple[str, ...]:
    """The comms facts a template uses, in order of first use."""
    return tuple(_FACT_OF[n] for n in check_template(text, known, source) if n in _FACT_OF)


# -- words ---------------------------------------------------------------------
# Every word of the texts is a gettext message (`launchtui.text.i18n`), drawn in the
# template's language with `in_language`, so a Dutch mail is Dutch whatever the screen speaks.

MAX_QUESTIONS = 5


def _lang(lang: str) -> str:
    return lang if lang in LANGS else "en"


def long_date(day: dt.date, lang: str = "en") -> str:
    """'Tuesday 3 November 2026' / 'dinsdag 3 november 2026'."""
    with in_language(_lang(lang)):
        return f"{long_day_name(day)} {day.day} {long_month_name(day)} {day.year}"


def short_date(day: dt.date, lang: str = "en") -> str:
    """'Tue 3 Nov' / 'di 3 nov'."""
    with in_language(_lang(lang)):
        return f"{day_name(day)} {day.day} {month_name(day)}"


def figure_word(field: str) -> str:
    """An adoption figure as the texts name it ('active use'), in the language of the texts."""
    words = {
        "accounts": p_("figure in a mail", "with an account"),
        "active_weekly": p_("figure in a mail", "active use"),
        "active_daily": p_("figure in a mail", "active daily"),
        "workflows": p_("figure in a mail", "key workflows done"),
        "old_system": p_("figure in a mail", "still on the old system"),
        "satisfaction": p_("figure in a mail", "satisfaction"),
        "nps": p_("figure in a mail", "NPS"),
        "tickets": p_("figure in a mail", "support tickets"),
        "training": p_("figure in a mail", "training completed"),
    }
    return words.get(field, field)


def _line(text: str) -> str:
    """User text on one line: runs of whitespace (line breaks too) become one space."""
    return " ".join(text.split())


def _indented(text: str) -> str:
    """Multi-line user text under a '- ' bullet: following lines indented by two spaces."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n  ".join(line for line in lines if line.strip())


# -- weeks ---------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    """Week `number` of the rollout: launch day + 7(n-1) to 6 days later."""

    number: int
    start: dt.date
    end: dt.date  # its last day

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def week_span(launch: dt.date, number: int) -> Week:
    if number < 1:
        raise ValueError(t("week {n}: weeks count from 1 (launch day starts week 1)", n=number))
    start = launch + dt.timedelta(days=7 * (number - 1))
    return Week(number, start, start + dt.timedelta(days=6))


def week_number(launch: dt.date, day: dt.date) -> int:
    """The week `day` falls in; 1 on and before launch day's week."""
    return max(1, (day - launch).days // 7 + 1)


@dataclass(frozen=True)
class GroupWeek:
    """One group's figures recorded in one week: the latest of each, and the active use
    the week before (its latest figure dated before the week), to compare."""

    phase: int
    name: str
    group: str
    latest: tuple[LatestFigure, ...]
    previous_active: float | None = None

    @property
    def as_of(self) -> dt.date:
        return max(f.date for f in self.latest)

    def figure(self, field: str) -> LatestFigure | None:
        return next((f for f in self.latest if f.field == field), None)


def week_figures(
    plan: PhasePlan, figures: Iterable[Figures], week: Week, today: dt.date
) -> tuple[GroupWeek, ...]:
    """Per group (in plan order) the figures dated in `week` and not after `today`."""
    ordered = sorted((f for f in figures if f.date <= today), key=lambda f: (f.date, f.id or 0))
    out = []
    for phase in sorted(plan.phases, key=lambda p: (p.start, p.number)):
        own = [f for f in ordered if f.phase == phase.number]
        inside = [f for f in own if week.contains(f.date)]
        if not inside:
            continue
        before = [
            f.active_weekly for f in own if f.date < week.start and f.active_weekly is not None
        ]
        out.append(
            GroupWeek(
                phase=phase.number,
                name=phase.name,
                group=phase.group,
                latest=latest_figures(inside),
                previous_active=float(before[-1]) if before else None,
            )
        )
    return tuple(out)


def _date_of(moment: dt.datetime, tz: dt.tzinfo) -> dt.date:
    return moment.astimezone(tz).date()


def resolved_in(issues: Iterable[Issue], week: Week, tz: dt.tzinfo = dt.UTC) -> tuple[Issue, ...]:
    """Issues resolved (and still resolved) within `week`, in the order they were resolved."""
    found = [
        i
        for i in issues
        if not i.is_open
        and i.resolved_at is not None
        and week.contains(_date_of(i.resolved_at, tz))
    ]
    return tuple(sorted(found, key=lambda i: (i.resolved_at, i.id)))


def notes_in(
    notes: Iterable[Note], kind: str, week: Week, tz: dt.tzinfo = dt.UTC
) -> tuple[Note, ...]:
    """Notes of `kind` written within `week`, oldest first."""
    found = [n for n in notes if n.kind == kind and week.contains(_date_of(n.created_at, tz))]
    return tuple(sorted(found, key=lambda n: (n.created_at, n.id)))


def answered_questions(issues: Iterable[Issue], limit: int = MAX_QUESTIONS) -> tuple[Issue, ...]:
    """Unresolved issues people can get around: a workaround recorded; latest first."""
    found = [i for i in issues if i.is_open and i.workaround]
    return tuple(sorted(found, key=lambda i: (i.updated_at, i.id), reverse=True)[:limit])


# -- the values of the placeholders --------------------------------------------


def _fact_values(facts: Mapping[str, str | None]) -> dict[str, str | None]:
    return {placeholder(key): facts.get(key) for key in FACT_KEYS}


def _who(phase: Phase) -> str:
    """'Core team', or 'Pilot users and volunteers (Early adopters)' when the phase's name
    differs from its group's."""
    group, name = _line(phase.group), _line(phase.name)
    return group if group.casefold() == name.casefold() else f"{group} ({name})"


def _groups(plan: PhasePlan) -> list[Phase]:
    return sorted(plan.phases, key=lambda p: (p.start, p.number))


def group_dates(rollout: Rollout, lang: str = "en") -> str:
    """One line per group: who moves from which date; the switch-off last."""
    lines = []
    with in_language(_lang(lang)):
        for phase in _groups(rollout.plan):
            day = long_date(rollout.launch + dt.timedelta(days=phase.start), lang)
            if phase.decommission:
                lines.append(
                    t(
                        "- The old system is switched off: planned from {date}, once 80% of us "
                        "work in the new one",
                        date=day,
                    )
                )
            else:
                lines.append(t("- {who}: from {date}", who=_who(phase), date=day))
    return "\n".join(lines)


def announcement_values(
    rollout: Rollout, facts: Mapping[str, str | None], lang: str = "en"
) -> dict[str, str | None]:
    """Every announcement placeholder's value; None where a fact is missing."""
    first = next((p for p in _groups(rollout.plan) if not p.decommission), None)
    first_date = rollout.launch + dt.timedelta(days=first.start) if first else rollout.launch
    return {
        "tool": _line(rollout.tool),
        "launch_date": long_date(rollout.launch, lang),
        "group_dates": group_dates(rollout, lang),
        "first_group": _line(first.group) if first else None,
        "first_group_date": long_date(first_date, lang),
        **_fact_values(facts),
    }


def phase_text(rollout: Rollout, day: dt.date, lang: str = "en") -> str:
    """Where the rollout stands on `day`, as a phrase."""
    offset = rollout.day(day)
    with in_language(_lang(lang)):
        if offset < 0:
            return t("getting ready: launch is on {date}", date=long_date(rollout.launch, lang))
        phase = rollout.plan.current(offset)
        if phase is None:
            return t("the rollout is complete")
        return t(
            "phase {number} of {total}, {who}, since {date}",
            number=phase.number,
            total=len(rollout.plan.phases),
            who=_who(phase),
            date=long_date(rollout.launch + dt.timedelta(days=phase.start), lang),
        )


def coming_up(rollout: Rollout, day: dt.date, lang: str = "en") -> str:
    """The next phase to start after `day`, as a phrase."""
    offset = rollout.day(day)
    following = [p for p in _groups(rollout.plan) if p.start > offset]
    with in_language(_lang(lang)):
        if not following:
            return t("the rollout is complete: thank you all for making the switch")
        nxt = following[0]
        date = long_date(rollout.launch + dt.timedelta(days=nxt.start), lang)
        if nxt.decommission:
            return t("the old system is planned to be switched off on {date}", date=date)
        return t("{who}, from {date}", who=_who(nxt), date=date)


def figures_text(groups: Sequence[GroupWeek], lang: str = "en") -> str | None:
    """One line per group with its figures of the week; None when there are none."""
    if not groups:
        return None
    lang = _lang(lang)
    lines = []
    with in_language(lang):
        for group in groups:
            parts = []
            for figure in group.latest:
                value = numbers.figure(figure.field, figure.value, lang)
                part = f"{figure_word(figure.field)} {value}"
                if figure.field == "active_weekly" and group.previous_active is not None:
                    before, now = group.previous_active, float(figure.value)
                    shown = numbers.figure("active_weekly", before, lang)
                    if now > before:
                        part += f" ({t('up from {value}', value=shown)})"
                    elif now < before:
                        part += f" ({t('down from {value}', value=shown)})"
                    else:
                        part += f" ({t('unchanged')})"
                parts.append(part)
            as_of = t("as of {date}", date=short_date(group.as_of, lang))
            lines.append(f"- {_line(group.group)}: {', '.join(parts)} ({as_of})")
    return "\n".join(lines)


def gate_line(gate: Gate, lang: str = "en") -> str:
    """The gate's state and sentence: 'WATCH: Core team: active use 35%, needs 80% by 15 Dec'."""
    with in_language(_lang(lang)):
        return f"{state_text(gate.state)}: {_line(gate.sentence)}"


def verdict_line(gate: Gate, group: GroupVerdict, lang: str = "en") -> str:
    """One group as the gate judges it: its adoption verdict with the figure it rests on,
    a slip after a pass, its survey. The figure shown is the gate's own (its criterion)."""
    lang = _lang(lang)
    with in_language(lang):
        return _verdict_line(gate, group, lang) + _survey_text(group, lang)


def _verdict_line(gate: Gate, group: GroupVerdict, lang: str) -> str:
    a = group.adoption
    rule = next((c for c in gate.criteria if c.kind == "active" and c.phase == group.phase), None)
    shown = (
        Reading(float(rule.value), rule.as_of)
        if rule is not None and rule.value is not None and rule.as_of is not None
        else None
    )
    fields: dict[str, object] = {
        "who": _line(group.group),
        "minimum": numbers.percent(ACTIVE_USE_MIN, lang),
        "deadline": short_date(a.deadline, lang),
    }
    if shown is not None:
        fields.update(value=numbers.percent(shown.value, lang), date=short_date(shown.date, lang))
    if a.verdict == "met" and a.met is not None:
        met = {"value": numbers.percent(a.met.value, lang), "date": short_date(a.met.date, lang)}
        line = t(
            "- {who}: met the goal of {minimum} active use on {date} ({value})",
            **{**fields, **met},
        )
        if a.slipping is not None:
            line += t(
                "; since then {value} on {date}: slipping",
                value=numbers.percent(a.slipping.value, lang),
                date=short_date(a.slipping.date, lang),
            )
        return line
    if a.verdict == "missed":
        line = t("- {who}: missed the goal of {minimum} active use by {deadline}", **fields)
        if shown is not None:
            line += t(" (the last figure by then: {value} on {date})", **fields)
        return line
    if shown is None:
        return t("- {who}: no active-use figure yet; {minimum} is due by {deadline}", **fields)
    if rule is not None and rule.stale:
        return t(
            "- {who}: the last figure, {value} on {date}, is out of date: measure again; "
            "{minimum} is due by {deadline}",
            **fields,
        )
    if a.verdict == "on-track":
        return t(
            "- {who}: on track, {value} active use on {date}; {minimum} is due by {deadline}",
            **fields,
        )
    return t(
        "- {who}: needs work, {value} active use on {date}; {minimum} is due by {deadline}",
        **fields,
    )


def _survey_text(group: GroupVerdict, lang: str) -> str:
    parts = [
        f"{figure_word(s.field)} {numbers.figure(s.field, s.latest.value, lang)}"
        for s in (group.satisfaction, group.nps)
        if s.latest is not None
    ]
    figures = f" ({', '.join(parts)})" if parts else ""
    verdict = group.survey
    if verdict == "failing" and not parts:
        return t("; no survey by the end of its 4 weeks")
    if verdict == "ok":
        return t("; survey ok{figures}", figures=figures)
    if verdict == "pending":
        return t("; survey not met yet{figures}", figures=figures)
    return t("; survey below target{figures}", figures=figures)


def verdicts_text(gate: Gate, lang: str = "en") -> str:
    """One line per group the gate judges, in the order it judges them."""
    if not gate.groups:
        with in_language(_lang(lang)):
            return t("No group has started yet.")
    return "\n".join(verdict_line(gate, group, lang) for group in gate.groups)


def resolved_text(issues: Sequence[Issue], lang: str = "en", tz: dt.tzinfo = dt.UTC) -> str:
    lang = _lang(lang)
    with in_language(lang):
        if not issues:
            return t("None this week.")
        return "\n".join(
            t(
                "- #{id} {title} ({severity}), resolved {date}",
                id=i.id,
                title=_line(i.title),
                severity=severity_name(i.severity),
                date=short_date(_date_of(i.resolved_at, tz), lang),  # type: ignore[arg-type]
            )
            for i in issues
        )


def successes_text(notes: Sequence[Note]) -> str | None:
    if not notes:
        return None
    return "\n".join(f"- {_indented(n.text)}" for n in notes)


def questions_text(issues: Sequence[Issue], lang: str = "en") -> str:
    with in_language(_lang(lang)):
        if not issues:
            return t("No open questions this week; keep asking.")
        lines = []
        for issue in issues:
            lines.append(f"- {_line(issue.title)}")
            lines.append(t("  Answer: {text}", text=_line(issue.workaround or "")))
        return "\n".join(lines)


def objections_in(
    objections: Iterable[Objection], week: Week, today: dt.date
) -> tuple[Objection, ...]:
    """The objections heard within `week` (and not after `today`), oldest first."""
    found = [o for o in objections if week.contains(o.date) and o.date <= today]
    return tuple(sorted(found, key=lambda o: (o.date, o.id or 0)))


def _starter_answer(kind: str, response: str, lang: str) -> str | None:
    """The suggested response in the mail's language when `response` is that suggestion
    as logged in any language (the default of `objection add`); None for words of one's own."""
    for other in LANGS:
        with in_language(other):
            pair = starter_text(kind)
        if pair is not None and pair[1] == response.strip():
            with in_language(_lang(lang)):
                return starter_text(kind)[1]  # type: ignore[index]
    return None


def objections_text(
    objections: Sequence[Objection],
    plan: PhasePlan,
    lang: str = "en",
    limit: int = MAX_QUESTIONS,
) -> str:
    """The week's objections heard: each one's kind and what was said (else the kind's
    usual wording), the group and location it came from, the response used and whether it
    helped (the latest word on it). A person's name is never put in a mail. With none
    heard, the guide's four common objections with their suggested responses, so the
    section still answers something. User text is kept literally, on one line each; the
    rest is in the mail's language."""
    with in_language(_lang(lang)):
        if not objections:
            lines = [t("None heard this week. Ones people often raise, with our answer:")]
            for kind in OBJECTION_KINDS:
                pair = starter_text(kind)
                if pair is not None:
                    lines.append(f"- {pair[0]}")
                    lines.append(t("  Our answer: {text}", text=pair[1]))
            return "\n".join(lines)
        lines = []
        for o in objections[-limit:]:
            starter = starter_text(o.kind)
            said = _line(o.said or "")
            if said:  # the kind, then the words as heard
                said = f"{kind_label(o.kind)}: {said}"
            else:  # the kind's usual wording
                said = starter[0] if starter else kind_label(o.kind)
            phase = plan.phase(o.phase) if o.phase is not None else None
            where = [_line(x) for x in (phase.group if phase else None, o.location) if x]
            lines.append(f"- {said}" + (f" ({', '.join(where)})" if where else ""))
            if o.response:
                answer = _starter_answer(o.kind, o.response, lang) or _line(o.response)
                lines.append(t("  Our answer: {text}", text=answer))
            lines.append(
                {
                    True: t("  It helped."),
                    False: t("  It did not help (yet)."),
                    None: t("  Whether it helped: not known yet."),
                }[o.helped]
            )
        hidden = len(objections) - limit
        if hidden > 0:
            lines.append(
                n_(hidden, "And one more heard this week.", "And {n} more heard this week.")
            )
        return "\n".join(lines)


def weekly_values(
    rollout: Rollout,
    facts: Mapping[str, str | None],
    week: Week,
    figures: Iterable[Figures],
    issues: Iterable[Issue],
    notes: Iterable[Note],
    today: dt.date,
    gate: Gate,
    lang: str = "en",
    tz: dt.tzinfo = dt.UTC,
) -> dict[str, str | None]:
    """Every weekly-update placeholder's value; None where a fact or figure is missing.

    `gate` is the gate today (`launchtui.services.adoption.AdoptionService.gate`): its state and
    sentence, and its verdict on each group, are said as it says them.

    The week's figures are those dated within it (and not after `today`); its resolved
    issues those resolved within it and not reopened since; its successes the went-well
    notes written within it. The phase and what comes next are as on the week's last
    day, or today if that is earlier.
    """
    issues = tuple(issues)
    day = min(week.end, today)
    resolved = resolved_in(issues, week, tz)
    groups = week_figures(rollout.plan, figures, week, today)
    return {
        "tool": _line(rollout.tool),
        "launch_date": long_date(rollout.launch, lang),
        "week": str(week.number),
        "week_start": long_date(week.start, lang),
        "week_end": long_date(week.end, lang),
        "phase": phase_text(rollout, day, lang),
        "gate": gate_line(gate, lang),
        "group_verdicts": verdicts_text(gate, lang),
        "figures": figures_text(groups, lang),
        "resolved_count": str(len(resolved)),
        "resolved_issues": resolved_text(resolved, lang, tz),
        "successes": successes_text(notes_in(notes, "went-well", week, tz)),
        "questions": questions_text(answered_questions(issues), lang),
        "coming_up": coming_up(rollout, day, lang),
        **_fact_values(facts),
    }
