"""The rollout's locations: append-only snapshots, the latest per name counting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from launchtui.domain.locations import Location, workdays_code, workdays_from_code
from launchtui.domain.rollout import Actor
from launchtui.store.database import Database, immediate


class LocationLog:
    def __init__(self, db: Database):
        self.db = db

    def save(self, location: Location, actor: Actor, now: dt.datetime) -> Location:
        """Add a location, or record its new time zone or champion (the name identifies it)."""
        with immediate(self.db):
            self._append(location, actor, now, removed=False)
        return location

    def change(
        self, apply: Callable[[list[Location]], Location], actor: Actor, now: dt.datetime
    ) -> Location:
        """Save what `apply` makes of the locations as they stand, read and written in one
        transaction: a colleague's change in between is never written over."""
        with immediate(self.db):
            location = apply(self.all())
            self._append(location, actor, now, removed=False)
        return location

    def remove(self, name: str, actor: Actor, now: dt.datetime) -> Location | None:
        with immediate(self.db):
            current = {loc.name.casefold(): loc for loc in self.all()}.get(name.casefold())
            if current is not None:
                self._append(current, actor, now, removed=True)
            return current

    def _append(self, loc: Location, actor: Actor, now: dt.datetime, removed: bool) -> None:
        self.db.execute(
            "INSERT INTO location_events (name, tz, champion, workdays, removed, user, login,"
            " at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                loc.name,
                loc.tz,
                loc.champion,
                workdays_code(loc.workdays),
                int(removed),
                actor.name,
                actor.login,
                now.isoformat(),
            ],
        )

    def all(self) -> list[Location]:
        """Every location that stands, by name."""
        rows = self.db.execute(
            "SELECT name, tz, champion, workdays, removed FROM location_events e WHERE id = ("
            " SELECT max(id) FROM location_events WHERE name = e.name COLLATE NOCASE)"
            " ORDER BY name COLLATE NOCASE"
        )
        return [
            Location(name, tz, champion, workdays_from_code(days))
            for name, tz, champion, days, removed in rows
            if not removed
        ]

    def ticks_by_location(self, since: dt.datetime | None = None) -> dict[str, int]:
        """How many ticks that stand each location made (since `since`): its own share of
        the work. A tick stands while it is its key's latest event: one taken back, undone
        or replaced by a skip no longer counts; notes never do."""
        sql = (
            "SELECT location, count(*) FROM tick_events"
            " WHERE id IN (SELECT max(id) FROM tick_events GROUP BY key)"
            " AND action = 'tick' AND location IS NOT NULL"
        )
        params: list[str] = []
        if since is not None:
            sql += " AND at >= ?"
            params.append(since.astimezone(dt.UTC).isoformat())
        return dict(self.db.execute(sql + " GROUP BY location", params).fetchall())
