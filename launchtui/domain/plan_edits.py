"""Editing a phase plan: what a coordinator may type, and how the phases move along.

Pure rules, no store: the service reads the plan, asks these, and saves what they return.
A broken rule is a `ValueError` of one line (the service makes it the user's error).

Editing a phase keeps the phases back to back: moving a phase's start moves the end of
the phase before it to the day before, and moving its end moves the start of the phase
after it to the day after. The first phase always starts on launch day (day 0): a
rollout that starts later is a new launch date (`launchtui reschedule`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from launchtui.domain.phases import PhasePlan
from launchtui.text.i18n import N_, t
from launchtui.text.safe import one_line

MAX_PHASE_TEXT = 60  # characters of a phase's name or group
MAX_DAY = 730  # a phase may end at most two years after launch


def plan_changes(before: PhasePlan, after: PhasePlan) -> list[str]:
    """What changed between two plans, one phrase per field: 'phase 2 start: day 14 -> 4'."""
    changes: list[str] = []
    words = {
        "name": t("name"),
        "group": t("group"),
        "start": t("start"),
        "end": t("end"),
        "location": t("location"),
    }
    for new in after.phases:
        old = before.phase(new.number)
        if old is None:
            changes.append(t("phase {n} added", n=new.number))
            continue
        for field in ("name", "group", "share", "start", "end", "location"):
            was, now = getattr(old, field), getattr(new, field)
            if was == now:
                continue
            if field in ("start", "end"):
                changes.append(
                    t(
                        "phase {n} {field}: day {was} -> {now}",
                        n=new.number,
                        field=words[field],
                        was=was,
                        now=now,
                    )
                )
            elif field == "share":
                changes.append(
                    t("phase {n} share: {was}% -> {now}%", n=new.number, was=was, now=now)
                )
            else:
                changes.append(
                    t(
                        'phase {n} {field}: "{was}" -> "{now}"',
                        n=new.number,
                        field=words[field],
                        was=one_line(was or "-"),
                        now=one_line(now or "-"),
                    )
                )
    return changes


def moved(plan: PhasePlan, number: int, changes: Mapping[str, Any]) -> PhasePlan:
    """`plan` with phase `number` changed and its neighbours moved to stay back to back.

    Why a rule and not a setter: a start or end that would leave a gap, an overlap or a
    phase of no days is refused here, so no saved plan ever has one."""
    order = sorted(plan.phases, key=lambda p: (p.start, p.number))
    index = next(i for i, p in enumerate(order) if p.number == number)
    phase = order[index]
    start = changes.get("start", phase.start)
    end = changes.get("end", phase.end)
    if end < start:
        raise ValueError(
            t(
                "phase {n} would end on day {end}, before it starts (day {start})",
                n=number,
                end=end,
                start=start,
            )
        )
    updated = {number: replace(phase, **changes)}
    if start != phase.start:
        if index == 0:
            raise ValueError(
                t(
                    "phase {n} is the first: it starts on launch day (day 0); "
                    "to start later, move the launch date (`launchtui reschedule`)",
                    n=number,
                )
            )
        before = order[index - 1]
        if start <= before.start:
            raise ValueError(
                t(
                    "phase {n} cannot start on day {start}: phase {other} starts on "
                    "day {other_start} and keeps at least one day before it",
                    n=number,
                    start=start,
                    other=before.number,
                    other_start=before.start,
                )
            )
        updated[before.number] = replace(before, end=start - 1)
    if end != phase.end and index + 1 < len(order):
        after = order[index + 1]
        if end >= after.end:
            raise ValueError(
                t(
                    "phase {n} cannot end on day {end}: phase {other} ends on "
                    "day {other_end} and keeps at least one day after it",
                    n=number,
                    end=end,
                    other=after.number,
                    other_end=after.end,
                )
            )
        updated[after.number] = replace(after, start=end + 1)
    return PhasePlan(plan.template, tuple(updated.get(p.number, p) for p in plan.phases))


# What is wrong with a phase's name or group: (empty, too long), by which it is.
_TEXT_FAULTS = {
    "name": (
        N_("the phase's name must not be empty"),
        N_("the phase's name is {n} characters; at most {most} fit"),
    ),
    "group": (
        N_("the phase's group must not be empty"),
        N_("the phase's group is {n} characters; at most {most} fit"),
    ),
}


def phase_text(value: str, what: str) -> str:
    """A phase's `what` ("name" or "group"), white space folded: never empty, never longer
    than fits on a line of the plan."""
    text = " ".join(str(value).split())
    empty, too_long = _TEXT_FAULTS["name" if what == "name" else "group"]
    if not text:
        raise ValueError(t(empty))
    if len(text) > MAX_PHASE_TEXT:
        raise ValueError(t(too_long, n=len(text), most=MAX_PHASE_TEXT))
    return text


def share(value: int | str) -> int:
    """A phase's share of the team: a whole percentage from 1 to 100 ("40%" also reads).

    Shares need not sum to 100: the decommission phase is everyone (100) again."""
    text = str(value).strip().removesuffix("%").strip()
    try:
        number = int(text)
    except ValueError:
        raise ValueError(
            t("share: {value} is not a whole percentage", value=repr(one_line(text)[:20]))
        ) from None
    if not 1 <= number <= 100:
        raise ValueError(t("share: {value} is not between 1 and 100 (% of the team)", value=number))
    return number


def day_offset(value: int | str | dt.date, launch: dt.date, what: str) -> int:
    """Days from launch: 7, 'D+7', 'd-0' or a date like 2026-11-10; from launch day (0)
    to `MAX_DAY`."""
    if isinstance(value, dt.date):
        day = (value - launch).days
    elif isinstance(value, int):
        day = value
    else:
        text = str(value).strip()
        bare = text.upper().removeprefix("D") if text[:1] in "dD" else text
        try:
            day = int(bare) if bare else int("x")
        except ValueError:
            try:
                if len(text) != 10:
                    raise ValueError from None
                day = (dt.date.fromisoformat(text) - launch).days
            except ValueError:
                raise ValueError(
                    t(
                        "{what}: {value} is not a day from launch like 14 or D+14, "
                        "nor a date like 2026-11-17",
                        what=what,
                        value=repr(one_line(text)[:20]),
                    )
                ) from None
    if not 0 <= day <= MAX_DAY:
        raise ValueError(
            t(
                "{what}: day {day} is outside the rollout; use 0 (launch day) to {last}",
                what=what,
                day=day,
                last=MAX_DAY,
            )
        )
    return day


def no_phase(number: object, plan: PhasePlan) -> str:
    """The line that says `number` is not a phase of `plan`, and which ones are."""
    numbers = sorted(p.number for p in plan.phases)
    known = ", ".join(str(n) for n in numbers)
    return t("there is no phase {n}; the plan has phases {known}", n=number, known=known)
