"""Dates, countdowns and who-did-what as short phrases, for the command line and the TUI."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import humanize

from launchtui.domain.locations import LocationStatus, workdays_spans
from launchtui.domain.phases import Phase
from launchtui.domain.progress import ItemStatus, RolloutStatus
from launchtui.domain.rollout import Rollout, day_number
from launchtui.domain.ticks import TickEvent
from launchtui.text.i18n import day_month, day_name, month_name, n_, p_, t
from launchtui.text.issue_words import severity_name, status_name
from launchtui.text.safe import one_line

if TYPE_CHECKING:
    from launchtui.domain.gate import Gate


def day_label(day: dt.date) -> str:
    return f"{day_name(day)} {day.day} {month_name(day)}"


def workdays_label(days: tuple[int, ...]) -> str:
    """'Mon–Fri', 'Sun–Thu', 'Mon, Wed, Fri' ('ma–vr' in Dutch): a location's working days."""
    monday = dt.date(2024, 1, 1)

    def name(day: int) -> str:
        return day_name(monday + dt.timedelta(days=day))

    return ", ".join(
        name(first) if first == last else f"{name(first)}–{name(last)}"
        for first, last in workdays_spans(days)
    )


def date_range(first: dt.date, last: dt.date) -> str:
    if first == last:
        return day_label(first)
    if (first.month, first.year) == (last.month, last.year):
        return f"{first.day}–{last.day} {month_name(last)}"
    return f"{first.day} {month_name(first)}–{last.day} {month_name(last)}"


def days(n: int) -> str:
    return n_(n, "{n} day", "{n} days")


def launch_moved(before: dt.date, after: dt.date, today: dt.date) -> str:
    """What a reschedule says, on the command line and in the TUI alike."""
    return t(
        "Launch moved from {before} to {after}",
        before=day_month(before, today),
        after=day_month(after, today),
    )


def countdown(rollout: Rollout, today: dt.date) -> str:
    """'launch in 3 days', 'launch day', 'day 5 of the rollout' (launch day is day 1, as
    in the phase's 'day 5 of 14')."""
    day = rollout.day(today)
    if day < 0:
        return t("launch tomorrow") if day == -1 else t("launch in {days}", days=days(-day))
    if day == 0:
        return t("launch day")
    return t("day {n} of the rollout", n=day_number(0, day))


def relative_day(day: dt.date, today: dt.date) -> str:
    delta = (day - today).days
    if delta == 0:
        return t("today")
    if delta == 1:
        return t("tomorrow")
    if delta == -1:
        return t("yesterday")
    return t("in {days}", days=days(delta)) if delta > 0 else t("{days} ago", days=days(-delta))


def due_phrase(item: ItemStatus) -> str:
    """'overdue 3 days', 'due today', 'due in 2 days': short, so a row keeps its name."""
    due = item.instance.due
    if item.overdue:
        late = (item.today - due).days
        return n_(late, "overdue {n} day", "overdue {n} days")
    if item.due_today:
        return t("due today")
    if item.is_open:
        return t("due {when}", when=relative_day(due, item.today))
    return ""


def who_when(
    event: TickEvent,
    now: dt.datetime,
    zone: dt.tzinfo | None = None,
    where: dt.tzinfo | None = None,
) -> str:
    """'ana · 5 minutes ago'; a change made in a location (`where`, its zone) whose clock
    differs from the viewer's (`zone`, else the system's) adds its time there, with the
    zone's abbreviation: 'joel · 2 hours ago · 09:00 CET'."""
    # A change made a moment ago can carry a later time than the `now` it is drawn with.
    when = humanize.naturaltime(max(now - event.at, dt.timedelta(0)))
    late = " " + t("(entered late)") if event.entered_late else ""
    there = ""
    if where is not None:
        mine = event.at.astimezone(zone) if zone is not None else event.at.astimezone()
        theirs = event.at.astimezone(where)
        if theirs.utcoffset() != mine.utcoffset():
            there = f" · {theirs:%H:%M %Z}"
    return f"{one_line(event.actor.name)} · {when}{late}{there}"


def clock_time(now: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """'14:00' on the wall clock of `zone` (else the system's)."""
    return f"{(now.astimezone(zone) if zone is not None else now.astimezone()):%H:%M}"


def field_line(name: str, value: str) -> str:
    """'severity   value': a detail screen's field, the name padded so the values line up."""
    return f"{name:<10} {value}"


def state_mark(item: ItemStatus) -> str:
    return {"done": "[x]", "skipped": "[-]"}.get(item.state, "[ ]")


def headline(status: RolloutStatus, short: int = 0) -> str:
    """'Acme CRM · launch Tue 3 Nov 2026 · day 5 of the rollout'; `short` 1 drops the year,
    2 the weekday too: for a header that must leave room for who and the clock."""
    rollout = status.rollout
    day = rollout.launch
    launch = {0: f"{day_label(day)} {day.year}", 1: day_label(day)}.get(
        short, f"{day.day} {month_name(day)}"
    )
    return (
        f"{one_line(rollout.tool)} · {t('launch {date}', date=launch)}"
        f" · {countdown(rollout, status.today)}"
    )


def phase_line(status: RolloutStatus, gate: Gate) -> str:
    """Where the rollout stands: before it, in phase N, complete, or past its plan with
    what is still open (complete only when every phase was decided and the old system is
    off: the gate says so)."""
    plan = status.rollout.plan
    phase = status.phase
    total = len(plan.phases)
    if phase is None:
        if status.day < 0:
            first = one_line(plan.phases[0].name)
            return t(
                "Before phase 1/{total} · {name} starts on launch day", total=total, name=first
            )
        if gate.complete:
            return t("Rollout complete ({total} phases) · post-rollout reviews", total=total)
        return t(
            "Past the plan ({total} phases), not complete: {what}",
            total=total,
            what="; ".join(gate.still_open) or t("nothing"),
        )
    line = t(
        "Phase {number}/{total} {name} · day {day} of {length}",
        number=phase.number,
        total=total,
        name=one_line(phase.name),
        day=day_number(phase.start, status.day),
        length=phase.length,
    )
    following = next((p for p in plan.phases if p.number == phase.number + 1), None)
    if following is not None:
        left = days(following.start - status.day)
        line += " · " + t("next: {name} in {days}", name=one_line(following.name), days=left)
    return line


def today_line(status: RolloutStatus) -> str:
    overdue = status.overdue
    shown = t("! {n} overdue", n=overdue) if overdue else t("{n} overdue", n=0)
    return t("Today: {due} due · {overdue}", due=status.due_today, overdue=shown)


SEVERITY_MARKS = {"critical": "▲", "major": "●", "minor": "○"}


def severity_label(severity: str) -> str:
    """A word and a mark, so severity reads without colour."""
    mark = SEVERITY_MARKS.get(severity, "?")
    return f"{mark} {severity_word(severity, shout=severity == 'critical')}"


def severity_word(severity: str, shout: bool = False) -> str:
    word = severity_name(severity)
    return word.upper() if shout else word


def status_word(status: str) -> str:
    return status_name(status)


def tier_label(tier: int) -> str:
    short = {1: t("1 self"), 2: t("2 chmp"), 3: t("3 IT"), 4: t("4 vnd")}
    return short.get(tier, str(tier))


def issue_age(since: dt.datetime, now: dt.datetime) -> str:
    """'5m', '3h', '2d', '6w': how long an issue has been in the log."""
    seconds = max((now - since).total_seconds(), 0)
    units = (("{n}w", 604800), ("{n}d", 86400), ("{n}h", 3600), ("{n}m", 60))
    for unit, size in units:
        if seconds >= size:
            return t(unit, n=int(seconds // size))
    return t("now")


def open_issues_line(counts: dict[str, int]) -> str:
    """Open issues by severity; a critical one is shouted, so it stands out without colour."""
    critical = counts.get("critical", 0)
    return t(
        "Issues ▲ {critical} {critical_word}  ● {major} major  ○ {minor} minor",
        critical=critical,
        critical_word=severity_word("critical", shout=critical > 0),
        major=counts.get("major", 0),
        minor=counts.get("minor", 0),
    )


GATE_SYMBOLS = {"go": "✓", "watch": "◐", "pause": "‖", "rollback": "✖", "held": "‖"}
SPARK = "▁▂▃▄▅▆▇█"
ASCII_SPARK = "_.-=+*#@"
# What each symbol becomes on a terminal that cannot draw it (vt100, NO_COLOR, non-UTF-8).
ASCII_FOLD = str.maketrans(
    {
        "·": "-",
        "›": ">",
        "▾": "-",
        "▸": "+",
        "…": "...",
        "–": "-",
        "—": "-",
        "✓": "+",
        "✗": "x",
        "▲": "!",
        "●": "*",
        "○": "o",
        "◐": "~",
        "‖": "=",
        "✖": "X",
        "→": "->",
        "↑": "^",
        "↓": "v",
        "⏎": "enter",
    }
)
_ascii = False


def set_ascii(on: bool) -> None:
    """Draw with ASCII only: set once at start-up from the terminal's abilities."""
    global _ascii
    _ascii = on


def fold(text: str) -> str:
    """`text` as the terminal can show it: unchanged, or with every symbol in ASCII."""
    return text.translate(ASCII_FOLD) if _ascii else text


def state_text(state: str) -> str:
    """'GO', 'WATCH', 'PAUSE', 'ROLLBACK' (and 'HELD'), translated: the gate's state as a
    word, in the panel, the gate tab, the command line, the mails and the report."""
    words = {
        "go": p_("gate state", "GO"),
        "watch": p_("gate state", "WATCH"),
        "pause": p_("gate state", "PAUSE"),
        "rollback": p_("gate state", "ROLLBACK"),
        "held": p_("gate state", "HELD"),
    }
    return words.get(state, state.upper())


def gate_word(gate: Gate) -> str:
    """The state as a symbol and a word; a standing hold reads HELD."""
    held = gate.override is not None and gate.override.kind == "hold" and gate.state == "pause"
    state = "held" if held else gate.state
    word = state_text(state)
    if _ascii:
        return f"[{word}]"
    return f"{GATE_SYMBOLS[state]} {word}"


def gate_line(gate: Gate) -> str:
    return f"{t('GATE')} {gate_word(gate)}  {one_line(gate.sentence)}"


def sparkline(values: list[float], low: float, high: float) -> str:
    """Values as block characters between `low` and `high`: a trend that needs no colour."""
    span = (high - low) or 1
    marks = ASCII_SPARK if _ascii else SPARK
    out = []
    for value in values:
        level = round((min(max(value, low), high) - low) / span * (len(marks) - 1))
        out.append(marks[level])
    return "".join(out)


def phase_choice(phase: Phase, *, group: bool = False) -> str:
    """'2 Core team': a phase as a choice in a form, by its name (or its group's)."""
    return f"{phase.number} {one_line(phase.group if group else phase.name)}"


def location_row(s: LocationStatus) -> str:
    """One location in full, as `locations list` and the TUI's locations screen show it:
    name, zone and champion, working days, its clock and date, its work."""
    champion = f" · {one_line(s.location.champion)}" if s.location.champion else ""
    days = workdays_label(s.location.workdays)
    return (
        f"{one_line(s.location.name)} ({s.location.tz}{champion}) · {days} · "
        f"{s.local_now:%H:%M} {day_label(s.today)} · "
        + n_(
            s.ticks,
            "{due} due · {overdue} overdue · {ticks} tick",
            "{due} due · {overdue} overdue · {ticks} ticks",
            due=s.due_today,
            overdue=s.overdue,
            ticks=s.ticks,
        )
    )


def locations_line(locations: tuple[LocationStatus, ...]) -> str:
    """'Paramaribo 23:30 2 due · Amsterdam 03:30 2 due ! 3': each place's clock and work."""
    parts = []
    for s in locations:
        part = f"{one_line(s.location.name)} {s.local_now:%H:%M} " + t("{n} due", n=s.due_today)
        if s.overdue:
            part += " " + t("! {n} overdue", n=s.overdue)
        parts.append(part)
    return " · ".join(parts)
