"""First run: set up a rollout, or open the sample rollout."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.validation import Function
from textual.widgets import Button, Input, Label, Select

from launchtui.domain.checklist import ChecklistSet
from launchtui.domain.locations import validate_name, validate_tz
from launchtui.domain.phases import TEMPLATES
from launchtui.domain.rollout import Rollout
from launchtui.services.entry import read_date
from launchtui.services.settings import default_db_path
from launchtui.services.workspace import UserError
from launchtui.text.i18n import n_, t
from launchtui.tui.messages import Written
from launchtui.tui.requests.plan import SetupRequested
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.quiet_footer import QuietFooter
from launchtui.tui.widgets.translated import N_, Said, TranslatedBindings

# What each timeline does, in a line (the guide's examples, in our words).
TEMPLATE_LINES = {
    "solo": N_("One person: switch on day 1, adjust in week 1, done."),
    "small-team": N_("5-10 people: half in week 1, the rest in week 2, old system off in week 4."),
    "growing-business": N_(
        "10-25 people: a pilot in weeks 1-2, two departments, everyone by week 8."
    ),
    "phased": N_("Early adopters weeks 1-2, core team 3-4, the rest 5-6, old system off in 7."),
}


def template_line(template: str) -> str:
    return t(TEMPLATE_LINES[template]) if template in TEMPLATE_LINES else ""


def overdue_at_start(
    checklists: ChecklistSet, launch: dt.date, template: str, today: dt.date
) -> int:
    """Checklist items a rollout launched on `launch` has due before `today`."""
    try:
        schedule = checklists.schedule(Rollout("-", launch, template))
    except (OverflowError, ValueError):
        return 0
    return sum(1 for instance in schedule.instances() if instance.due < today)


def parse_locations(text: str) -> tuple[tuple[str, str, str | None], ...]:
    """'Name, Area/City, champion; …' -> (name, zone, champion) each; a ValueError names
    the one that is wrong."""
    places = []
    for part in (p for p in text.split(";") if p.strip()):
        fields = [f.strip() for f in part.split(",")]
        if len(fields) not in (2, 3):
            raise ValueError(
                t("location {text!r}: give name, time zone and champion", text=part.strip()[:40])
            )
        name, tz = validate_name(fields[0]), validate_tz(fields[1])
        places.append((name, tz, fields[2] if len(fields) == 3 and fields[2] else None))
    return tuple(places)


def _is_date(value: str) -> bool:
    """A date as typed so far: checked live under the field (and for the overdue count)."""
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


class SetupScreen(FollowsLanguage, TranslatedBindings, Screen[bool]):
    BINDINGS = [
        Binding("ctrl+d", "demo", N_("Sample rollout"), priority=True, id="setup.demo"),
        Binding("escape", "cancel", N_("Quit"), id="setup.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="setup"):
            yield Said(lambda: t("No rollout in this database yet. Set one up:"), id="setup-title")
            yield Label(self._database_line(), id="setup-db", markup=False)
            with Horizontal(id="setup-row"):
                with Vertical():
                    yield Said(lambda: t("Tool being rolled out"))
                    yield Input(
                        placeholder=t("e.g. Acme CRM"),
                        id="tool",
                        validators=[Function(lambda v: bool(v.strip()), t("name the tool"))],
                    )
                with Vertical():
                    yield Said(lambda: t("Launch date (YYYY-MM-DD)"))
                    yield Input(
                        placeholder="2026-12-01",
                        id="launch",
                        validators=[Function(_is_date, t("a date like 2026-12-01"))],
                    )
            yield Said(lambda: t("Timeline"))
            yield Select(
                [(name, name) for name in TEMPLATES],
                value="phased",
                allow_blank=False,
                id="template",
            )
            yield Label(template_line("phased"), id="setup-template", markup=False)
            yield Said(lambda: t("Locations (optional): name, time zone, champion; …"))
            yield Input(
                placeholder="Paramaribo, America/Paramaribo, ana; Georgetown, America/Guyana",
                id="locations",
            )
            yield Label("", id="setup-overdue", markup=False)
            yield Label("", id="setup-error", markup=False)
            with Horizontal(id="setup-buttons"):
                yield Button(t("Create rollout"), id="create", variant="primary")
                yield Button(t("Open the sample rollout"), id="demo")
        yield QuietFooter()

    def retranslate(self) -> None:
        self.query_one("#tool", Input).placeholder = t("e.g. Acme CRM")
        self.query_one("#create", Button).label = t("Create rollout")
        self.query_one("#demo", Button).label = t("Open the sample rollout")
        self.query_one("#setup-error", Label).update("")
        self.query_one("#setup-db", Label).update(self._database_line())
        self._describe()

    def _database_line(self) -> str:
        """Which file setup makes: over `ssh host launchtui` the profile that sets
        $LAUNCHTUI_DB is not read, and the file would land in the user's own folder."""
        settings = self.app.settings
        path = settings.shared_path
        if path == default_db_path():
            return t(
                "Creates {path}: your own file, not a shared one"
                " (set $LAUNCHTUI_DB or --db; README, Sharing)",
                path=path,
            )
        return t("Creates {path}", path=path)

    @on(Select.Changed, "#template")
    @on(Input.Changed, "#launch")
    def _describe(self) -> None:
        """The chosen timeline in a line, and how many items the date leaves overdue."""
        template = str(self.query_one("#template", Select).value)
        self.query_one("#setup-template", Label).update(template_line(template))
        note = self.query_one("#setup-overdue", Label)
        launch = self.query_one("#launch", Input).value.strip()
        if not _is_date(launch):
            note.update("")
            return
        late = overdue_at_start(
            self.app.browser.checklists,
            dt.date.fromisoformat(launch),
            template,
            self.app.settings.clock.today(),
        )
        note.update(
            n_(
                late,
                "With this launch date {n} checklist item is overdue from the start.",
                "With this launch date {n} checklist items are overdue from the start.",
            )
            if late
            else ""
        )

    def on_mount(self) -> None:
        self.query_one("#tool", Input).focus()

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "tool":
            self.query_one("#launch", Input).focus()
        else:
            self.create()

    @on(Button.Pressed, "#create")
    def create(self) -> None:
        tool = self.query_one("#tool", Input).value.strip()
        launch = self.query_one("#launch", Input).value.strip()
        error = self.query_one("#setup-error", Label)
        if not tool:
            error.update(t("Name the tool being rolled out."))
            self.query_one("#tool", Input).focus()
            return
        try:  # a date within ten years of today, either way, read as the CLI reads it
            day = read_date(launch, t("The launch date"), self.app.settings.clock.today())
        except UserError as exc:
            error.update(str(exc))
            self.query_one("#launch", Input).focus()
            return
        template = str(self.query_one("#template", Select).value)
        try:
            places = parse_locations(self.query_one("#locations", Input).value)
        except ValueError as exc:
            error.update(str(exc))
            self.query_one("#locations", Input).focus()
            return
        self.post_message(
            SetupRequested(rollout=Rollout(tool, day, template), locations=places, origin=self)
        )

    @on(Button.Pressed, "#demo")
    def action_demo(self) -> None:
        self._run(None)

    def _run(self, rollout: Rollout | None) -> None:
        """Create `rollout` (None: the demo); the screen closes once it exists."""
        self.post_message(SetupRequested(rollout=rollout, origin=self))

    def on_written(self, message: Written) -> None:
        if message.error is None and self.is_attached:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
