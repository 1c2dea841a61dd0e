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

from launchtui.domain.phases import TEMPLATES
from launchtui.domain.rollout import Rollout
from launchtui.services.workspace import UserError, check_launch
from launchtui.text.i18n import t
from launchtui.tui.messages import SetupRequested, Written
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.quiet_footer import QuietFooter
from launchtui.tui.widgets.translated import N_, Said, TranslatedBindings


def _is_date(value: str) -> bool:
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
            yield Said(lambda: t("Tool being rolled out"))
            yield Input(
                placeholder=t("e.g. Acme CRM"),
                id="tool",
                validators=[Function(lambda v: bool(v.strip()), t("name the tool"))],
            )
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
            yield Label("", id="setup-error")
            with Horizontal(id="setup-buttons"):
                yield Button(t("Create rollout"), id="create", variant="primary")
                yield Button(t("Open the sample rollout"), id="demo")
        yield QuietFooter()

    def retranslate(self) -> None:
        self.query_one("#tool", Input).placeholder = t("e.g. Acme CRM")
        self.query_one("#create", Button).label = t("Create rollout")
        self.query_one("#demo", Button).label = t("Open the sample rollout")
        self.query_one("#setup-error", Label).update("")

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
        if not _is_date(launch):
            error.update(t("The launch date must be a date like 2026-12-01."))
            self.query_one("#launch", Input).focus()
            return
        day = dt.date.fromisoformat(launch)
        try:  # within ten years of today, either way (as `launchtui init`)
            check_launch(day, self.app.settings.clock.today(), t("The launch date"))
        except UserError as exc:
            error.update(str(exc))
            self.query_one("#launch", Input).focus()
            return
        template = str(self.query_one("#template", Select).value)
        rollout = Rollout(tool, day, template)
        self._run(rollout)

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
