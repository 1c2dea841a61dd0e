"""Record a group's adoption figures: each field checked as you type, saved with ctrl+s."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from launchtui.domain.metrics import FIGURE_FIELDS, parse_figures
from launchtui.domain.phases import PhasePlan
from launchtui.text.i18n import t
from launchtui.text.present import phase_choice
from launchtui.tui.requests.adoption import FiguresRequested
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.translated import N_, Said, TranslatedBindings, figure_label


def placeholder(field: str) -> str:
    """What a field takes, in the current language."""
    special = {"satisfaction": "0-10", "nps": t("-100 to 100"), "tickets": t("a count")}
    return special.get(field, "0-100")


class FiguresForm(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="figures_form.save"),
        Binding("escape", "cancel", N_("Cancel"), id="figures_form.cancel"),
    ]

    def __init__(self, plan: PhasePlan, phase: int) -> None:
        super().__init__()
        self.plan = plan
        self.phase = phase

    def compose(self) -> ComposeResult:
        today = self.app.settings.clock.today()
        with VerticalScroll(id="dialog", classes="form"):
            yield Said(
                lambda: t("Record adoption figures (blank = not measured)"), classes="form-title"
            )
            with Grid(id="figures-grid"):
                yield Said(lambda: t("group"))
                yield Select(
                    [(Content(phase_choice(p, group=True)), p.number) for p in self.plan.phases],
                    value=self.phase,
                    allow_blank=False,
                    id="phase",
                    compact=True,
                )
                yield Said(lambda: t("date"))
                yield Input(today.isoformat(), id="date", compact=True)
                for field in FIGURE_FIELDS:
                    yield Said(lambda field=field: figure_label(field))
                    yield Input(placeholder=placeholder(field), id=field, compact=True)
            yield Label("", id="form-error")
            yield Said(lambda: t("ctrl+s save · escape cancel"), classes="hint")

    def retranslate(self) -> None:
        for field in FIGURE_FIELDS:
            self.query_one(f"#{field}", Input).placeholder = placeholder(field)

    def on_mount(self) -> None:
        self.query_one("#active_weekly", Input).focus()

    def _values(self) -> dict[str, str]:
        values = {"date": self.query_one("#date", Input).value}
        for field in FIGURE_FIELDS:
            text = self.query_one(f"#{field}", Input).value.strip()
            if text:
                values[field] = text
        return values

    def _check(self) -> str | None:
        try:
            parse_figures(self._values(), self._phase(), self.app.settings.clock.today())
        except ValueError as exc:
            return str(exc)
        return None

    def _phase(self) -> int:
        return int(self.query_one("#phase", Select).value)  # type: ignore[arg-type]

    @on(Input.Changed)
    def _live_check(self) -> None:
        values = self._values()
        error = self._check() if len(values) > 1 else None
        self.query_one("#form-error", Label).update(Content(error or ""))

    def action_save(self) -> None:
        error = self._check()
        if error:
            self.query_one("#form-error", Label).update(Content(error))
            return
        values = self._values()
        phase = self._phase()
        day = dt.date.fromisoformat(values.pop("date").strip())
        self.app.post_message(FiguresRequested(phase=phase, day=day, values=values))
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
