"""The rollout's locations: add, change, remove, and each one's own view of today."""

from __future__ import annotations

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

    def save(self, name: str, tz: str, champion: str | None = None) -> Location:
        location = Location(
            checked(rules.validate_name, name), checked(rules.validate_tz, tz), champion
        )
        if champion is not None and not champion.strip():
            location = Location(location.name, location.tz, None)
        ws = self.workspace
        return ws.store.locations.save(location, ws.actor, ws.now())

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
