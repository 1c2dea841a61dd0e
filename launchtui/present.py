"""Dates, countdowns and who-did-what as short phrases, for the command line and the TUI."""

from __future__ import annotations

import datetime as dt

import humanize

from launchtui.domain.gate import Criterion, Gate
from launchtui.domain.progress import ItemStatus, RolloutStatus
from launchtui.domain.rollout import Rollout
from launchtui.domain.ticks import TickEvent
from launchtui.safe_text import one_line


def day_label(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def date_range(first: dt.date, last: dt.date) -> str:
    if first == last:
        return day_label(first)
    if (first.month, first.year) == (last.month, last.year):
        return f"{first.day}–{last.day} {last:%b}"
    return f"{first.day} {first:%b}–{last.day} {last:%b}"


def days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def countdown(rollout: Rollout, today: dt.date) -> str:
    """'launch in 3 days', 'launch day', 'day 4 after launch'."""
    day = rollout.day(today)
    if day < 0:
        return "launch tomorrow" if day == -1 else f"launch in {days(-day)}"
    if day == 0:
        return "launch day"
    return f"day {day} after launch"


def relative_day(day: dt.date, today: dt.date) -> str:
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    return f"in {days(delta)}" if delta > 0 else f"{days(-delta)} ago"


def due_phrase(item: ItemStatus) -> str:
    due = item.instance.due
    if item.overdue:
        return f"OVERDUE since {relative_day(due, item.today)}"
    if item.due_today:
        return "due today"
    if item.is_open:
        return f"due {relative_day(due, item.today)}"
    return ""


def who_when(event: TickEvent, now: dt.datetime) -> str:
    when = humanize.naturaltime(now - event.at)
    late = " (entered late)" if event.entered_late else ""
    return f"{one_line(event.actor.name)} · {when}{late}"


def state_mark(item: ItemStatus) -> str:
    return {"done": "[x]", "skipped": "[-]"}.get(item.state, "[ ]")


def headline(status: RolloutStatus) -> str:
    rollout = status.rollout
    return (
        f"{one_line(rollout.tool)} · launch {day_label(rollout.launch)} {rollout.launch.year}"
        f" · {countdown(rollout, status.today)}"
    )


def phase_line(status: RolloutStatus) -> str:
    plan = status.rollout.plan
    phase = status.phase
    total = len(plan.phases)
    if phase is None:
        if status.day < 0:
            return f"Before phase 1/{total} · {plan.phases[0].name} starts on launch day"
        return f"Rollout complete ({total} phases) · post-rollout reviews"
    length = phase.length
    in_phase = status.day - phase.start + 1
    line = f"Phase {phase.number}/{total} {phase.name} · day {in_phase} of {length}"
    following = next((p for p in plan.phases if p.number == phase.number + 1), None)
    if following is not None:
        left = following.start - status.day
        line += f" · next: {following.name} in {days(left)}"
    return line


def today_line(status: RolloutStatus) -> str:
    overdue = f"! {status.overdue} overdue" if status.overdue else "0 overdue"
    return f"Today: {status.due_today} due · {overdue}"


SEVERITY_MARKS = {"critical": "▲ CRITICAL", "major": "● major", "minor": "○ minor"}
TIER_SHORT = {1: "1 self", 2: "2 chmp", 3: "3 IT", 4: "4 vnd"}


def severity_label(severity: str) -> str:
    """A word and a mark, so severity reads without colour."""
    return SEVERITY_MARKS.get(severity, severity)


def tier_label(tier: int) -> str:
    return TIER_SHORT.get(tier, str(tier))


def issue_age(since: dt.datetime, now: dt.datetime) -> str:
    """'5m', '3h', '2d', '6w': how long an issue has been in the log."""
    seconds = max((now - since).total_seconds(), 0)
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{int(seconds // size)}{unit}"
    return "now"


def open_issues_line(counts: dict[str, int]) -> str:
    """Open issues by severity; a critical one is shouted, so it stands out without colour."""
    critical = counts.get("critical", 0)
    word = "CRITICAL" if critical else "critical"
    return (
        f"Issues ▲ {critical} {word}  ● {counts.get('major', 0)} major"
        f"  ○ {counts.get('minor', 0)} minor"
    )


GATE_MARKS = {"go": "✓ GO", "watch": "◐ WATCH", "pause": "‖ PAUSE", "rollback": "✖ ROLLBACK"}
ASCII_GATE_MARKS = {"go": "[GO]", "watch": "[WATCH]", "pause": "[PAUSE]", "rollback": "[ROLLBACK]"}
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


def gate_word(gate: Gate) -> str:
    """The state as a symbol and a word; a standing hold reads HELD."""
    held = gate.override is not None and gate.override.kind == "hold" and gate.state == "pause"
    if _ascii:
        return "[HELD]" if held else ASCII_GATE_MARKS[gate.state]
    return "‖ HELD" if held else GATE_MARKS[gate.state]


def gate_line(gate: Gate) -> str:
    return f"GATE {gate_word(gate)}  {one_line(gate.sentence)}"


def criterion_value(criterion: Criterion) -> str:
    value = criterion.value
    if value is None:
        return "no figure"
    if criterion.name == "NPS":
        return f"{value:+g}"
    if criterion.name in ("satisfaction", "support tickets"):
        return f"{value:g}"
    return f"{value:g}%"


def criterion_line(criterion: Criterion) -> str:
    """'✓ active use: Core team  84%  needs >= 80%  by 1 Dec (9 days left)'."""
    mark = "✓" if criterion.ok else ("·" if criterion.advisory else "✗")
    line = f"{mark} {criterion.name}  {criterion_value(criterion)}  needs {criterion.threshold}"
    if criterion.deadline is not None and criterion.days_left is not None:
        left = criterion.days_left
        when = f"{days(left)} left" if left >= 0 else f"passed {days(-left)} ago"
        line += f"  by {day_label(criterion.deadline)} ({when})"
    if criterion.advisory:
        line += "  (advisory)"
    return line


def sparkline(values: list[float], low: float, high: float) -> str:
    """Values as block characters between `low` and `high`: a trend that needs no colour."""
    span = (high - low) or 1
    marks = ASCII_SPARK if _ascii else SPARK
    out = []
    for value in values:
        level = round((min(max(value, low), high) - low) / span * (len(marks) - 1))
        out.append(marks[level])
    return "".join(out)
