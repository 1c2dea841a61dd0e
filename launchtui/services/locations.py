"""The rollout's locations: add, change, remove, and each one's own view of today."""

from __future__ import annotations

from dataclasses import replace

from launchtui.domain import locations as rules
from launchtui.domain.locations import Location, LocationStatus, location_statuses
from launchtui.domain.progress import RolloutStatus
from launchtui.services.workspace import UserError, Workspace, checked
from launchtui.text.i18n import t


class LocationService:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace

    def all(self) -> list[Location]:
        return self.workspace.store.locations.all()

    def save(
        self, name: str, tz: str, champion: str | None = None, workdays: str | None = None
    ) -> Location:
        """Add a location, or change what is given of one that exists (matched as `find`
        does; it keeps its name as it was written), as `edit` does: a champion or working
        days not given are kept, never erased. A champion given empty is none. A new
        location without working days works Monday to Friday."""
        name = checked(rules.validate_name, name)
        tz = checked(rules.validate_tz, tz)
        days = checked(rules.parse_workdays, workdays) if workdays is not None else None
        named = (champion.strip() or None) if champion is not None else None

        def merged(locations: list[Location]) -> Location:
            current = rules.find(locations, name)
            if current is None:
                return Location(name, tz, named, days if days is not None else rules.WORKDAYS)
            return replace(
                current,
                tz=tz,
                champion=named if champion is not None else current.champion,
                workdays=days if days is not None else current.workdays,
            )

        ws = self.workspace
        return ws.store.locations.change(merged, ws.actor, ws.now())

    def edit(
        self,
        name: str,
        tz: str | None = None,
        champion: str | None = None,
        workdays: str | None = None,
    ) -> Location:
        """Change what is given of a location (zone, champion, working days); the rest
        stays. A champion given empty is none."""
        if tz is None and champion is None and workdays is None:
            raise UserError(
                t("nothing to change: give --tz, --champion or --workdays (or more of them)")
            )
        zone = checked(rules.validate_tz, tz) if tz is not None else None
        days = checked(rules.parse_workdays, workdays) if workdays is not None else None

        def changed(locations: list[Location]) -> Location:
            current = rules.find(locations, name)
            if current is None:
                raise UserError(t("there is no location {name!r}", name=name))
            return replace(
                current,
                tz=zone if zone is not None else current.tz,
                champion=(champion.strip() or None) if champion is not None else current.champion,
                workdays=days if days is not None else current.workdays,
            )

        ws = self.workspace
        return ws.store.locations.change(changed, ws.actor, ws.now())

    def remove(self, name: str) -> Location:
        ws = self.workspace
        removed = ws.store.locations.remove(name, ws.actor, ws.now())
        if removed is None:
            raise UserError(t("there is no location {name!r}", name=name))
        return removed

    def statuses(self, status: RolloutStatus | None = None) -> list[LocationStatus]:
        """Each location's own today. Given the `status` just loaded, nothing is read twice;
        without locations, nothing more is read at all."""
        locations = self.all()
        if not locations:
            return []
        ws = self.workspace
        if status is None:
            status = ws.status()
        state = {i.key: i.event for w in status.windows for i in w.items if i.event is not None}
        return location_statuses(
            locations,
            status.rollout,
            ws.schedule(status.rollout),
            state,
            ws.now(),
            ws.store.locations.ticks_by_location(),
        )
