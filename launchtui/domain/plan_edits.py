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
from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import Any

from launchtui.domain.phases import Phase, PhasePlan
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
    for old in before.phases:
        if after.phase(old.number) is None:
            changes.append(t("phase {n} removed", n=old.number))
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


def added(plan: PhasePlan, name: str, group: str, share_: int, start: int, end: int) -> PhasePlan:
    """`plan` with a new phase on days `start`..`end`, after the last or between two.

    It takes the next free number (numbers name figures and decisions, so none is
    reused or shifted) and its place by its days: the phase it starts in (or right
    after) ends the day before, and the phase after it starts the day after its end, so
    the phases stay back to back. Why refused: before or on day 0 (phase 1 starts on
    launch day), a gap after the last phase, or a neighbour left with no days."""
    if end < start:
        raise ValueError(
            t(
                "the new phase would end on day {end}, before it starts (day {start})",
                end=end,
                start=start,
            )
        )
    order = sorted(plan.phases, key=lambda p: (p.start, p.number))
    earlier = [p for p in order if p.start < start]
    if not earlier:
        first = order[0]
        raise ValueError(
            t(
                "a new phase cannot start on day {start}: phase {other} starts on day "
                "{other_start} and keeps at least one day; start the new one later",
                start=start,
                other=first.number,
                other_start=first.start,
            )
        )
    before = earlier[-1]
    index = order.index(before)
    after = order[index + 1] if index + 1 < len(order) else None
    if after is None and start > before.end + 1:
        raise ValueError(
            t(
                "a new phase cannot start on day {start}: the last phase ({other}) ends on "
                "day {other_end}, so it starts on day {next} at the latest",
                start=start,
                other=before.number,
                other_end=before.end,
                next=before.end + 1,
            )
        )
    if after is not None and end >= after.end:
        raise ValueError(
            t(
                "a new phase cannot end on day {end}: phase {other} ends on day "
                "{other_end} and keeps at least one day after it",
                end=end,
                other=after.number,
                other_end=after.end,
            )
        )
    number = max(p.number for p in plan.phases) + 1
    new = Phase(number, name, group, share_, start, end)
    updated = {before.number: replace(before, end=min(before.end, start - 1))}
    if after is not None:
        updated[after.number] = replace(after, start=end + 1)
    phases = [updated.get(p.number, p) for p in order]
    phases.insert(index + 1, new)
    return PhasePlan(plan.template, tuple(phases))


def removed(plan: PhasePlan, number: int, day: int, decided: Collection[int]) -> PhasePlan:
    """`plan` without phase `number`; the phase before takes its days (for the first,
    the phase after starts on its day; without the last, the plan ends sooner), so the
    phases stay back to back.

    Refused with one line: the only phase, a phase with a recorded decision (it is in
    the record), or one that has started by `day` (days since launch): its group moved."""
    phase = plan.phase(number)
    if phase is None:
        raise ValueError(no_phase(number, plan))
    if len(plan.phases) == 1:
        raise ValueError(t("phase {n} is the only phase; a plan keeps at least one", n=number))
    if number in decided:
        raise ValueError(
            t("phase {n} has a recorded decision; a decided phase stays in the plan", n=number)
        )
    if phase.start <= day:
        raise ValueError(
            t(
                "phase {n} started on day {start}; only a phase still to come can be removed",
                n=number,
                start=phase.start,
            )
        )
    order = sorted(plan.phases, key=lambda p: (p.start, p.number))
    index = order.index(phase)
    updated: dict[int, Phase] = {}
    if index > 0:
        before = order[index - 1]
        if index + 1 < len(order):
            updated[before.number] = replace(before, end=phase.end)
    else:
        after = order[1]
        updated[after.number] = replace(after, start=phase.start)
    return PhasePlan(
        plan.template,
        tuple(updated.get(p.number, p) for p in plan.phases if p.number != number),
    )
