"""The value screen: measures with baseline and impact, costs, and ROI per phase with the
inputs it came from; forms to add an impact figure, a cost and an objection, saved through the app's
write worker like every change (launchtui/tui/handlers.py).

Every figure is drawn by `launchtui.text.value_text` from `ValueService.returns`, the same
lines `roi` prints and the review report holds (one evaluator, one renderer).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from launchtui.domain.value import OBJECTION_KINDS
from launchtui.services.value import ValueService
from launchtui.services.workspace import UserError, Workspace
from launchtui.store import StoreError
from launchtui.text.i18n import t
from launchtui.text.safe import one_line
from launchtui.text.value_text import cost_line, result_lines, title
from launchtui.tui.requests.adoption import ValueRequested
from launchtui.tui.screens.form import Field, FormScreen
from launchtui.tui.widgets.quiet_footer import QuietFooter
from launchtui.tui.widgets.translated import N_, TranslatedBindings


def value_text(service: ValueService) -> str:
    """The screen's text: ROI per phase and in total with inputs, then the costs."""
    returns = service.returns()
    lines: list[str] = []
    for part in (*returns.phases, returns.total):
        lines.append(title(part))
        lines += ["  " + one_line(line) for line in result_lines(part)]
        lines.append("")
    home = service.currency()
    costs = service.costs()
    lines.append(t("Costs"))
    lines += ["  " + one_line(cost_line(c, home)) for c in costs] or ["  -"]
    return "\n".join(lines)


class ValueScreen(TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("i", "impact", N_("Impact figure"), id="value.impact"),
        Binding("c", "cost", N_("Cost"), id="value.cost"),
        Binding("o", "objection", N_("Objection"), id="value.objection"),
        Binding("escape,q", "close", N_("Close"), id="value.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="value"):
            yield Static(id="value-text")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.refresh_value()

    def refresh_value(self) -> None:
        ws = Workspace(self.app.settings)
        try:
            text = value_text(ValueService(ws))
        except (UserError, StoreError) as exc:
            text = str(exc)
        finally:
            ws.close()
        self.query_one("#value-text", Static).update(Content(text))

    def _form(self, kind: str, heading: str, fields: list[Field]) -> None:
        """A form whose values go to the app as a `ValueRequested`; saved, the screen
        reads the figures again."""

        def make(values: dict[str, str]) -> ValueRequested:
            return ValueRequested(kind=kind, values=values)

        def saved(result: object) -> None:
            if result is not None:
                self.refresh_value()

        self.app.push_screen(FormScreen(heading, fields, make), saved)

    def action_impact(self) -> None:
        fields = [
            Field("measure", N_("measure")),
            Field("value", N_("value")),
            Field("phase", N_("phase")),
        ]
        self._form("impact", N_("Add an impact figure"), fields)

    def action_cost(self) -> None:
        fields = [
            Field("label", N_("label")),
            Field("amount", N_("amount")),
            Field("currency", N_("currency (USD)")),
            Field("rate", N_("rate")),
            Field("per", N_("per (month/year; blank: one-off)")),
            Field("phase", N_("phase (blank: shared)")),
        ]
        self._form("cost", N_("Add a cost"), fields)

    def action_objection(self) -> None:
        fields = [
            Field("kind", " / ".join(OBJECTION_KINDS)),
            Field("phase", N_("phase")),
            Field("location", N_("location")),
            Field("said", N_("what was said")),
            Field("response", N_("response used")),
            Field("helped", N_("helped? yes/no")),
        ]
        self._form("objection", N_("Log an objection"), fields)

    def action_close(self) -> None:
        self.dismiss(None)
