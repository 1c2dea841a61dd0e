"""The rollout's locations (issue 16): each with its zone, champion, working days and
today; `n` adds one, `e` edits one, `x` removes one, as `launchtui locations` does."""

from __future__ import annotations

from textual.binding import Binding

from launchtui.domain.locations import DAY_CODES, Location
from launchtui.text.i18n import t
from launchtui.text.present import location_row
from launchtui.tui.messages import DataChanged
from launchtui.tui.requests.plan import LocationRequested
from launchtui.tui.screens.detail import DetailScreen
from launchtui.tui.screens.form import Field, FormScreen
from launchtui.tui.widgets.translated import N_

WORKDAYS_HINT = N_("mon-fri (blank), sun-thu or mon,tue,thu")


def locations_text(data: DataChanged | None) -> str:
    """One line per location, as `locations list` prints it."""
    statuses = data.locations if data is not None else ()
    if not statuses:
        return t("No locations yet: n adds one")
    return "\n".join(location_row(s) for s in statuses)


def day_codes(location: Location) -> str:
    """The working days as `--workdays` takes them, for an edit to start from."""
    return ",".join(DAY_CODES[d] for d in location.workdays)


class LocationsScreen(DetailScreen):
    BINDINGS = [
        Binding("n", "add", N_("Add"), id="locations.add"),
        Binding("e", "edit", N_("Edit"), id="locations.edit"),
        Binding("x", "remove", N_("Remove"), id="locations.remove"),
        Binding("escape,q", "close", N_("Close"), id="locations.close"),
    ]
    TEXT_IDS = ("locations-title", "locations-text")

    def draw(self) -> None:
        self.show("locations-title", t("Locations: zone, champion, working days, today"))
        self.show("locations-text", locations_text(self.app.data))  # type: ignore[attr-defined]

    def _locations(self) -> list[Location]:
        data = self.app.data  # type: ignore[attr-defined]
        return [s.location for s in data.locations] if data is not None else []

    def action_add(self) -> None:
        def make(v: dict[str, str]) -> LocationRequested:
            return LocationRequested(
                change="add",
                name=v["name"],
                tz=v["tz"],
                champion=v["champion"],
                workdays=v["workdays"],
            )

        fields = [
            Field("name", N_("name")),
            Field("tz", N_("time zone"), placeholder=N_("Europe/Amsterdam")),
            Field("champion", N_("champion (optional)")),
            Field("workdays", N_("working days"), placeholder=WORKDAYS_HINT),
        ]
        self.app.push_screen(FormScreen(N_("Add a location"), fields, make))

    def _choices(self) -> list[tuple[str, str]] | None:
        places = self._locations()
        if not places:
            self.notify(t("No locations yet: n adds one"), severity="warning")
            return None
        return [(p.name, p.name) for p in places]

    def action_edit(self) -> None:
        choices = self._choices()
        if choices is None:
            return
        first = self._locations()[0]

        def make(v: dict[str, str]) -> LocationRequested:
            return LocationRequested(
                change="edit",
                name=v["name"],
                tz=v["tz"],
                champion=v["champion"],
                workdays=v["workdays"],
            )

        fields = [
            Field("name", N_("location"), options=choices),
            Field("tz", N_("time zone"), first.tz),
            Field("champion", N_("champion (blank: none)"), first.champion or ""),
            Field("workdays", N_("working days"), day_codes(first), placeholder=WORKDAYS_HINT),
        ]
        self.app.push_screen(LocationEdit(N_("Edit a location"), fields, make))

    def action_remove(self) -> None:
        choices = self._choices()
        if choices is None:
            return

        def make(v: dict[str, str]) -> LocationRequested:
            return LocationRequested(change="remove", name=v["name"])

        fields = [Field("name", N_("location"), options=choices)]
        note = lambda: t("Its history stays; ctrl+s removes it")  # noqa: E731
        self.app.push_screen(FormScreen(N_("Remove a location"), fields, make, note=note))


class LocationEdit(FormScreen):
    """The edit form: choosing another location fills in what it holds now."""

    def on_select_changed(self, event) -> None:
        data = self.app.data  # type: ignore[attr-defined]
        found = [s.location for s in data.locations if s.location.name == event.value]
        if not found:
            return
        place = found[0]
        self.query_one("#field-tz").value = place.tz  # type: ignore[attr-defined]
        self.query_one("#field-champion").value = place.champion or ""  # type: ignore[attr-defined]
        self.query_one("#field-workdays").value = day_codes(place)  # type: ignore[attr-defined]
