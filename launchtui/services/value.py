"""The value of each phase: the actions, for the command line and the TUI.

Every input is checked by the domain's rules (`launchtui.domain.value`) and a rule broken
becomes one `UserError` line naming what and where. `returns` is the one place the
evaluator is fed from the store: `roi`, the value screen, the reviews, the decision record
and the report all show what it gives.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from launchtui.domain.phases import Phase
from launchtui.domain.rollout import Rollout
from launchtui.domain.value import (
    BASELINE,
    IMPACT,
    OBJECTION_KINDS,
    Cost,
    Measure,
    Objection,
    Reading,
    Returned,
    check_currency,
    check_name,
    combined,
    latest_savings,
    new_cost,
    parse_helped,
    parse_number,
    parse_objection_id,
    returned,
)
from launchtui.services.workspace import UserError, Workspace, checked, read_user_text
from launchtui.text.i18n import t
from launchtui.text.safe import one_line

MAX_IMPORT_BYTES = 5 * 1024 * 1024  # tens of thousands of rows; a survey of figures is less
MAX_TEXT = 500
CURRENCY, HOURLY = "currency", "hourly-cost"


@dataclass(frozen=True)
class Returns:
    """What each started phase returned, and the rollout in total, on `as_of`."""

    as_of: dt.date
    phases: tuple[Returned, ...]
    total: Returned


class ValueService:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace

    @property
    def log(self):
        return self.workspace.store.value

    # -- settings ------------------------------------------------------------------

    def settings(self) -> dict[str, str]:
        self.workspace.rollout()  # a clear error on an empty database
        return self.log.settings()

    def set_settings(self, currency: str | None = None, hourly_cost: str | None = None) -> None:
        """The organisation's currency (ISO 4217) and the hourly cost of a person's time in it."""
        ws = self.workspace
        ws.rollout()
        if currency is not None:
            code = checked(check_currency, currency, "--currency")
            self.log.set(CURRENCY, code, ws.actor, ws.now())
        if hourly_cost is not None:
            number = checked(parse_number, hourly_cost, "--hourly-cost")
            if number <= 0:
                raise UserError(t("--hourly-cost: {value} must be above 0", value=hourly_cost))
            self.log.set(HOURLY, repr(number), ws.actor, ws.now())

    def currency(self) -> str | None:
        return self.log.settings().get(CURRENCY)

    # -- measures and figures ------------------------------------------------------

    def add_measure(self, name: str, unit: str, lower_is_better: bool) -> Measure:
        ws = self.workspace
        ws.rollout()
        measure = Measure(
            checked(check_name, name, "NAME"), checked(check_name, unit, "--unit"), lower_is_better
        )
        return self.log.add_measure(measure, ws.actor, ws.now())

    def measures(self) -> list[Measure]:
        self.workspace.rollout()
        return self.log.measures()

    def measure(self, name: str, measures: Sequence[Measure] | None = None) -> Measure:
        known = list(measures if measures is not None else self.measures())
        wanted = " ".join(name.split()).casefold()
        for m in known:
            if m.name.casefold() == wanted:
                return m
        names = ", ".join(one_line(m.name) for m in known) or t(
            "none yet: launchtui measure add NAME --unit U"
        )
        raise UserError(
            t("unknown measure {name!r}; known: {names}", name=one_line(name)[:60], names=names)
        )

    def add_reading(
        self,
        kind: str,
        measure: str,
        value: str | float,
        phase: int | None = None,
        date: dt.date | None = None,
    ) -> Reading:
        """A baseline or impact figure of `measure` for `phase`'s group (default: the
        current phase, today). An impact figure needs the measure's baseline first."""
        reading = self._reading(kind, measure, value, phase, date, self.log.readings())
        ws = self.workspace
        return self.log.add_readings([reading], ws.actor, ws.now())[0]

    def _reading(
        self,
        kind: str,
        measure: str,
        value: str | float,
        phase: int | str | None,
        date: dt.date | None,
        known: Sequence[Reading],
        measures: Sequence[Measure] | None = None,
        prefix: str = "",
    ) -> Reading:
        ws = self.workspace
        rollout = ws.rollout()
        m = self.measure(measure, measures)
        number = checked(parse_number, value, prefix + "value")
        phase_no = self._phase(rollout, phase, prefix + "phase")
        day = date or ws.today()
        if day > ws.today():
            raise UserError(
                t("{what}: {date} lies in the future", what=prefix + "date", date=day.isoformat())
            )
        if kind == IMPACT and not any(
            r.kind == BASELINE and r.measure.casefold() == m.name.casefold() and r.phase == phase_no
            for r in known
        ):
            raise UserError(
                t(
                    "{measure}: no baseline for phase {n} yet; record one first"
                    " (launchtui baseline add)",
                    measure=m.name,
                    n=phase_no,
                )
            )
        return Reading(m.name, phase_no, kind, day, number)

    def _phase(self, rollout: Rollout, phase: int | str | None, what: str = "--phase") -> int:
        plan = rollout.plan
        if phase is None or (isinstance(phase, str) and not phase.strip()):
            day = rollout.day(self.workspace.today())
            running = plan.current(day)
            started = plan.started(day)
            if running is not None:
                return running.number
            if started:
                return max(started, key=lambda p: (p.start, p.number)).number
            return min(plan.phases, key=lambda p: (p.start, p.number)).number
        text = str(phase).strip()
        if not text.isdigit() or plan.phase(int(text)) is None:
            numbers = ", ".join(str(p.number) for p in plan.phases)
            raise UserError(
                t(
                    "{what}: no phase {value} (phases: {numbers})",
                    what=what,
                    value=text[:20],
                    numbers=numbers,
                )
            )
        return int(text)

    def readings(self) -> list[Reading]:
        self.workspace.rollout()
        return self.log.readings()

    def import_readings(self, path: str | Path, kind: str = IMPACT) -> tuple[int, list[str]]:
        """Figures from a CSV file (columns measure, value, and optionally phase, date):
        the good rows are saved together; one "FILE:LINE: field: what" per bad row."""
        shown = one_line(str(path))
        text = read_user_text(
            Path(path),
            MAX_IMPORT_BYTES,
            lambda f: t(
                "{file}: larger than {n} MB; split it", file=f, n=MAX_IMPORT_BYTES // 1024 // 1024
            ),
            lambda f, n: t(
                "{file}: not UTF-8 text (byte {n}); save it as 'CSV UTF-8'", file=f, n=n
            ),
        )
        first = text.split("\n", 1)[0]
        reader = csv.reader(
            io.StringIO(text, newline=""),
            delimiter=";" if first.count(";") > first.count(",") else ",",
        )
        measures = self.measures()
        known = list(self.log.readings())
        good: list[Reading] = []
        errors: list[str] = []
        header: list[str] | None = None
        try:
            for row in reader:
                line = reader.line_num
                if not "".join(row).strip():
                    continue
                if header is None:
                    header = [h.strip().lower() for h in row]
                    lacking = [c for c in ("measure", "value") if c not in header]
                    if lacking:
                        errors.append(
                            f"{shown}:{line}: "
                            + t(
                                "the header needs the columns measure and value (found: {found})",
                                found=one_line(", ".join(row))[:120],
                            )
                        )
                        break
                    continue
                cells = dict(zip(header, (c.strip() for c in row), strict=False))
                try:
                    day = None
                    if cells.get("date"):
                        try:
                            day = dt.date.fromisoformat(cells["date"])
                        except ValueError:
                            raise UserError(
                                t(
                                    "date: {value!r} is not a date like 2026-11-07",
                                    value=cells["date"][:30],
                                )
                            ) from None
                    if not cells.get("measure"):
                        raise UserError(t("measure: empty"))
                    reading = self._reading(
                        kind,
                        cells["measure"],
                        cells.get("value", ""),
                        cells.get("phase"),
                        day,
                        known + good,
                        measures,
                    )
                except UserError as exc:
                    errors.append(f"{shown}:{line}: {one_line(str(exc))}")
                else:
                    good.append(reading)
        except csv.Error as exc:
            errors.append(
                f"{shown}:{reader.line_num}: "
                + t("unreadable CSV ({error}); the rest was not read", error=exc)
            )
        if header is None and not errors:
            errors.append(
                f"{shown}:1: "
                + t("the file is empty; expected a header row like measure,value,phase,date")
            )
        if good:
            ws = self.workspace
            self.log.add_readings(good, ws.actor, ws.now(), source=shown)
        return len(good), errors

    # -- costs ---------------------------------------------------------------------

    def add_cost(
        self,
        label: str,
        amount: str | float,
        *,
        currency: str | None = None,
        rate: str | float | None = None,
        per: str | None = None,
        date: dt.date | None = None,
        phase: int | None = None,
    ) -> Cost:
        """A one-off cost (no `per`) or a recurring one (`per` month or year), in the currency
        paid (default USD) with the rate to the organisation's recorded with it."""
        ws = self.workspace
        rollout = ws.rollout()
        number = None if phase is None else self._phase(rollout, phase)
        cost = checked(
            new_cost,
            label,
            amount,
            currency,
            rate,
            "recurring" if per else "one-off",
            date or ws.today(),
            period=per,
            phase=number,
            home=self.currency(),
        )
        return self.log.add_cost(cost, ws.actor, ws.now())

    def costs(self) -> list[Cost]:
        self.workspace.rollout()
        return self.log.costs()

    # -- the one evaluator, fed ----------------------------------------------------

    def returns(self, as_of: dt.date | None = None) -> Returns:
        """What each started phase returned by `as_of` (default today), and in total."""
        ws = self.workspace
        rollout = ws.rollout()
        day = as_of or ws.today()
        settings = self.log.settings()
        currency = settings.get(CURRENCY)
        hourly = float(settings[HOURLY]) if HOURLY in settings else None
        measures = self.log.measures()
        readings = self.log.readings()
        costs = self.log.costs()
        parts = []
        for phase in _valued(rollout, day):
            parts.append(
                self._phase_return(rollout, phase, day, currency, hourly, measures, readings, costs)
            )
        total = _total(rollout, parts, day, currency, hourly, costs)
        return Returns(day, tuple(parts), total)

    def returned_by(self, number: int, as_of: dt.date | None = None) -> Returned | None:
        """What phase `number` returned, when any of its figures or costs exist."""
        for part in self.returns(as_of).phases:
            if part.phase == number and (part.savings or part.costs):
                return part
        return None

    def _phase_return(self, rollout, phase, day, currency, hourly, measures, readings, costs):
        savings, missing = latest_savings(measures, readings, phase.number, day)
        return returned(
            phase=phase.number,
            as_of=day,
            currency=currency,
            start=rollout.launch + dt.timedelta(days=phase.start),
            group_size=phase.people(rollout.team_size),
            hourly_cost=hourly,
            savings=savings,
            costs=[c for c in costs if c.phase == phase.number],
            missing=missing,
        )

    # -- objections ----------------------------------------------------------------

    def add_objection(
        self,
        kind: str,
        *,
        phase: int | None = None,
        location: str | None = None,
        person: str | None = None,
        said: str | None = None,
        response: str | None = None,
        helped: bool | None = None,
        date: dt.date | None = None,
    ) -> Objection:
        """Resistance heard: its kind, the group (phase) and location it came from, a
        person's name only when given, the response used and whether it helped."""
        ws = self.workspace
        rollout = ws.rollout()
        if kind not in OBJECTION_KINDS:
            raise UserError(
                t(
                    "--kind: {kind!r} is not one of {kinds}",
                    kind=kind[:30],
                    kinds=", ".join(OBJECTION_KINDS),
                )
            )
        place = None
        if location:
            from launchtui.domain.locations import find

            found = find(ws.store.locations.all(), location)
            place = found.name if found else _text(location, "--location", 60)
        objection = Objection(
            kind=kind,
            phase=self._phase(rollout, phase),
            location=place,
            said=_text(said, "--said"),
            response=_text(response, "--response"),
            helped=helped,
            date=date or ws.today(),
            person=_text(person, "--person", 60),
        )
        return self.log.add_objection(objection, ws.actor, ws.now())

    def objections(self) -> list[Objection]:
        """Every objection, oldest first, each with the latest word on whether it helped."""
        self.workspace.rollout()
        return self.log.objections()

    def set_outcome(
        self, objection_id: str | int, helped: str | bool, note: str | None = None
    ) -> Objection:
        """Record later whether the response to objection `objection_id` helped: a new row,
        the objection itself stays as logged; the latest verdict is the one shown."""
        ws = self.workspace
        ws.rollout()
        number = checked(parse_objection_id, objection_id)
        answer = helped if isinstance(helped, bool) else checked(parse_helped, helped)
        text = _text(note, "--note")
        if not self.log.add_outcome(number, answer, text, ws.today(), ws.actor, ws.now()):
            raise UserError(
                t(
                    "there is no objection #{id}; `launchtui objection list` shows them",
                    id=number,
                )
            )
        return next(o for o in self.log.objections() if o.id == number)


def _text(value: str | None, what: str, limit: int = MAX_TEXT) -> str | None:
    text = " ".join((value or "").split())
    if len(text) > limit:
        raise UserError(t("{what}: longer than {n} characters", what=what, n=limit))
    return text or None


def _valued(rollout: Rollout, day: dt.date) -> list[Phase]:
    """The phases whose group has started by `day`; switching off the old system has no
    group of its own (it is everyone again), so it is not valued apart."""
    started = rollout.plan.started(rollout.day(day))
    return [p for p in started if not p.decommission]


def _total(
    rollout: Rollout,
    parts: Sequence[Returned],
    day: dt.date,
    currency: str | None,
    hourly: float | None,
    costs: Sequence[Cost],
) -> Returned:
    """The whole rollout: every started group's value, every cost (shared ones too)."""
    return combined(
        parts,
        as_of=day,
        currency=currency,
        hourly_cost=hourly,
        team_size=None if rollout.team_size is None else float(rollout.team_size),
        costs=costs,
    )


def returned_evidence(workspace: Workspace, phase: int) -> tuple[dict[str, object], ...]:
    """For a decision on `phase`: what phase N-1 returned, when any of its figures or costs
    exist (the second source document: fund the next phase from the last one's results)."""
    from launchtui.text.value_text import summary, to_json

    if phase <= 1:
        return ()
    part = ValueService(workspace).returned_by(phase - 1)
    if part is None:
        return ()
    return (
        {
            "kind": "returned",
            "name": f"phase {phase - 1} returned",
            "subject": str(phase - 1),
            "value": part.roi_to_date,
            "threshold": summary(part),
            "ok": part.roi_to_date is not None and part.roi_to_date >= 0,
            "advisory": True,
            "status": "complete" if part.complete else "incomplete",
            "returned": to_json(part),
        },
    )
