"""Edit one phase of the plan: its name, group, share and days; kept with history."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from launchtui.domain.phases import PhasePlan
from launchtui.text.i18n import t
from launchtui.text.present import phase_choice
from launchtui.tui.requests.plan import PhaseEditRequested
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.translated import N_, Said, TranslatedBindings

FIELDS = (
    ("name", N_("name")),
    ("group", N_("group")),
    ("share", N_("% of the team")),
    ("start", N_("first day (days from launch)")),
    ("end", N_("last day (days from launch)")),
)


class PhaseForm(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="phase_form.save"),
        Binding("escape", "cancel", N_("Cancel"), id="phase_form.cancel"),
    ]

    def __init__(self, plan: PhasePlan, phase: int) -> None:
        super().__init__()
        self.plan = plan
        self.phase = phase

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="form"):
            yield Said(lambda: t("Edit a phase"), classes="form-title")
            with Grid(id="figures-grid"):
                yield Said(lambda: t("phase"))
                yield Select(
                    [(Content(phase_choice(p)), p.number) for p in self.plan.phases],
                    value=self.phase,
                    allow_blank=False,
                    id="phase",
                    compact=True,
                )
                for field, label in FIELDS:
                    yield Said(lambda label=label: t(label))
                    yield Input(id=f"phase-{field}", compact=True)
                yield Said(lambda: t("reason"))
                yield Input(placeholder=t("why the plan changes"), id="phase-reason", compact=True)
            yield Label("", id="form-error")
            yield Said(lambda: t("ctrl+s save · escape cancel"), classes="hint")

    def retranslate(self) -> None:
        self.query_one("#phase-reason", Input).placeholder = t("why the plan changes")

    def on_mount(self) -> None:
        self._fill(self.phase)
        self.query_one("#phase-name", Input).focus()

    @on(Select.Changed, "#phase")
    def _phase_changed(self, event: Select.Changed) -> None:
        self._fill(int(event.value))  # type: ignore[arg-type]

    def _fill(self, number: int) -> None:
        phase = self.plan.phase(number)
        if phase is None:
            return
        for field, _ in FIELDS:
            self.query_one(f"#phase-{field}", Input).value = str(getattr(phase, field))

    def action_save(self) -> None:
        number = int(self.query_one("#phase", Select).value)  # type: ignore[arg-type]
        values = {f: self.query_one(f"#phase-{f}", Input).value.strip() for f, _ in FIELDS}
        reason = self.query_one("#phase-reason", Input).value.strip() or None
        try:
            numbers = {f: int(values[f]) for f in ("share", "start", "end")}
        except ValueError:
            self.query_one("#form-error", Label).update(
                Content(t("share, first day and last day are whole numbers"))
            )
            return
        fields = {"name": values["name"], "group": values["group"], "reason": reason, **numbers}
        self.app.post_message(PhaseEditRequested(number=number, values=fields))
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
