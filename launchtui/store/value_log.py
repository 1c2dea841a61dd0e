"""Measures, baseline and impact figures, costs, value settings and objections (m011),
and later verdicts on whether a response to an objection helped (m012).

All append-only: a measure redefined is a newer row of its name; a figure or cost
corrected is a newer row beside the old one (the evaluator takes the latest figure).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from launchtui.domain.rollout import Actor
from launchtui.domain.value import Cost, Measure, Objection, Reading
from launchtui.store.database import Database, immediate
from launchtui.text.times import aware_utc


class ValueLog:
    """The value tables of one database connection (`Store.value`)."""

    def __init__(self, db: Database):
        self.db = db

    def _who(self, actor: Actor, now: dt.datetime) -> list[Any]:
        return [actor.name, actor.login, aware_utc(now).isoformat()]

    # -- measures ----------------------------------------------------------------

    def add_measure(self, measure: Measure, actor: Actor, now: dt.datetime) -> Measure:
        with immediate(self.db):
            cursor = self.db.execute(
                "INSERT INTO value_measures (name, unit, lower_is_better, user, login, at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [measure.name, measure.unit, int(measure.lower_is_better), *self._who(actor, now)],
            )
        return replace(measure, id=cursor.lastrowid)

    def measures(self) -> list[Measure]:
        """Every measure as last defined, by name."""
        rows = self.db.execute(
            "SELECT id, name, unit, lower_is_better FROM value_measures m WHERE id = ("
            " SELECT max(id) FROM value_measures WHERE name = m.name COLLATE NOCASE)"
            " ORDER BY name COLLATE NOCASE"
        )
        return [Measure(name, unit, bool(lower), id=id_) for id_, name, unit, lower in rows]

    # -- readings ----------------------------------------------------------------

    def add_readings(
        self, readings: Iterable[Reading], actor: Actor, now: dt.datetime, source: str | None = None
    ) -> list[Reading]:
        """Append figures in one transaction: all of them or none."""
        saved = []
        with immediate(self.db):
            for r in readings:
                cursor = self.db.execute(
                    "INSERT INTO value_readings (measure, phase, kind, date, value, source,"
                    " user, login, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        r.measure,
                        r.phase,
                        r.kind,
                        r.date.isoformat(),
                        r.value,
                        source,
                        *self._who(actor, now),
                    ],
                )
                saved.append(replace(r, id=cursor.lastrowid))
        return saved

    def readings(self) -> list[Reading]:
        rows = self.db.execute(
            "SELECT id, measure, phase, kind, date, value FROM value_readings ORDER BY date, id"
        )
        return [
            Reading(measure, phase, kind, dt.date.fromisoformat(date), value, id=id_)
            for id_, measure, phase, kind, date, value in rows
        ]

    # -- costs -------------------------------------------------------------------

    def add_cost(self, cost: Cost, actor: Actor, now: dt.datetime) -> Cost:
        with immediate(self.db):
            cursor = self.db.execute(
                "INSERT INTO value_costs (label, amount, currency, rate, kind, period, date,"
                " phase, user, login, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    cost.label,
                    cost.amount,
                    cost.currency,
                    cost.rate,
                    cost.kind,
                    cost.period,
                    cost.date.isoformat(),
                    cost.phase,
                    *self._who(actor, now),
                ],
            )
        return replace(cost, id=cursor.lastrowid)

    def costs(self) -> list[Cost]:
        rows = self.db.execute(
            "SELECT id, label, amount, currency, rate, kind, period, date, phase"
            " FROM value_costs ORDER BY date, id"
        )
        return [
            Cost(
                label, amount, currency, rate, kind, dt.date.fromisoformat(date), period, phase, id_
            )
            for id_, label, amount, currency, rate, kind, period, date, phase in rows
        ]

    # -- settings ----------------------------------------------------------------

    def set(self, key: str, value: str | None, actor: Actor, now: dt.datetime) -> None:
        with immediate(self.db):
            self.db.execute(
                "INSERT INTO value_settings (key, value, user, login, at) VALUES (?, ?, ?, ?, ?)",
                [key, value, *self._who(actor, now)],
            )

    def settings(self) -> dict[str, str]:
        """Each key's latest value (a cleared one is left out)."""
        rows = self.db.execute(
            "SELECT key, value FROM value_settings s WHERE id = ("
            " SELECT max(id) FROM value_settings WHERE key = s.key)"
        )
        return {key: value for key, value in rows if value is not None}

    # -- objections --------------------------------------------------------------

    def add_objection(self, o: Objection, actor: Actor, now: dt.datetime) -> Objection:
        helped = None if o.helped is None else int(o.helped)
        with immediate(self.db):
            cursor = self.db.execute(
                "INSERT INTO objections (kind, phase, location, person, said, response, helped,"
                " date, user, login, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    o.kind,
                    o.phase,
                    o.location,
                    o.person,
                    o.said,
                    o.response,
                    helped,
                    o.date.isoformat(),
                    *self._who(actor, now),
                ],
            )
        return replace(o, id=cursor.lastrowid)

    def add_outcome(
        self,
        objection_id: int,
        helped: bool,
        note: str | None,
        date: dt.date,
        actor: Actor,
        now: dt.datetime,
    ) -> bool:
        """Record later whether the response helped; False when there is no such objection
        (checked in the same transaction, so nothing dangles)."""
        with immediate(self.db):
            known = self.db.execute(
                "SELECT 1 FROM objections WHERE id = ?", [objection_id]
            ).fetchone()
            if known is None:
                return False
            self.db.execute(
                "INSERT INTO objection_outcomes (objection_id, helped, note, date, user, login,"
                " at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [objection_id, int(helped), note, date.isoformat(), *self._who(actor, now)],
            )
        return True

    def objections(self) -> list[Objection]:
        """Every objection, oldest first, with the latest later verdict on whether the
        response helped standing in for the one given when it was logged."""
        rows = self.db.execute(
            "SELECT o.id, o.kind, o.phase, o.location, o.person, o.said, o.response,"
            " o.helped, o.date, u.helped, u.note, u.date"
            " FROM objections o LEFT JOIN objection_outcomes u ON u.id = ("
            "  SELECT max(id) FROM objection_outcomes WHERE objection_id = o.id)"
            " ORDER BY o.date, o.id"
        )
        found = []
        for (
            id_,
            kind,
            phase,
            location,
            person,
            said,
            response,
            helped,
            date,
            later,
            note,
            judged,
        ) in rows:
            if later is not None:
                helped = later
            found.append(
                Objection(
                    kind=kind,
                    phase=phase,
                    location=location,
                    said=said,
                    response=response,
                    helped=None if helped is None else bool(helped),
                    date=dt.date.fromisoformat(date),
                    person=person,
                    id=id_,
                    outcome_note=note,
                    outcome_date=dt.date.fromisoformat(judged) if judged else None,
                )
            )
        return found
