"""The value screen: measures with baseline and impact, costs, and ROI per phase with the
inputs it came from; forms to add an impact figure, a cost and an objection.

Every figure is drawn by `launchtui.text.value_text` from `ValueService.returns`, the same
lines `roi` prints and the review report holds (one evaluator, one renderer).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from launchtui.domain.value import IMPACT, OBJECTION_KINDS
from launchtui.services.value import ValueService
from launchtui.services.workspace import UserError, Workspace
from launchtui.store import StoreError
from launchtui.text.i18n import t
from launchtui.text.safe import one_line
from launchtui.text.value_text import cost_line, result_lines, title
from launchtui.tui.widgets.quiet_footer import QuietFooter
from launchtui.tui.widgets.translated import N_, Said, TranslatedBindings


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

    def _form(self, heading: str, fields: list[tuple[str, str]], save: Callable) -> None:
        def saved(ok: bool | None) -> None:
            if ok:
                self.refresh_value()

        self.app.push_screen(ValueForm(heading, fields, save), saved)

    def action_impact(self) -> None:
        def save(service: ValueService, v: dict[str, str]) -> str:
            r = service.add_reading(IMPACT, v["measure"], v["value"], v["phase"] or None)
            return t("Saved the impact figure of {measure}", measure=r.measure)

        self._form(
            t("Add an impact figure"),
            [("measure", t("measure")), ("value", t("value")), ("phase", t("phase"))],
            save,
        )

    def action_cost(self) -> None:
        def save(service: ValueService, v: dict[str, str]) -> str:
            c = service.add_cost(
                v["label"],
                v["amount"],
                currency=v["currency"] or None,
                rate=v["rate"] or None,
                per=v["per"] or None,
                phase=v["phase"] or None,
            )
            return t("Cost #{id} saved: {line}", id=c.id, line=cost_line(c, service.currency()))

        self._form(
            t("Add a cost"),
            [
                ("label", t("label")),
                ("amount", t("amount")),
                ("currency", t("currency (USD)")),
                ("rate", t("rate")),
                ("per", t("per (month/year; blank: one-off)")),
                ("phase", t("phase (blank: shared)")),
            ],
            save,
        )

    def action_objection(self) -> None:
        def save(service: ValueService, v: dict[str, str]) -> str:
            helped = {"yes": True, "ja": True, "no": False, "nee": False}.get(v["helped"].lower())
            o = service.add_objection(
                v["kind"].strip() or "other",
                phase=v["phase"] or None,
                location=v["location"] or None,
                said=v["said"] or None,
                response=v["response"] or None,
                helped=helped,
            )
            return t("Objection #{id} logged: {kind}", id=o.id, kind=o.kind)

        self._form(
            t("Log an objection"),
            [
                ("kind", " / ".join(OBJECTION_KINDS)),
                ("phase", t("phase")),
                ("location", t("location")),
                ("said", t("what was said")),
                ("response", t("response used")),
                ("helped", t("helped? yes/no")),
            ],
            save,
        )

    def action_close(self) -> None:
        self.dismiss(None)


class ValueForm(TranslatedBindings, ModalScreen[bool]):
    """A few labelled inputs; ctrl+s saves through the service, an error shows in place."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="value_form.save"),
        Binding("escape", "cancel", N_("Cancel"), id="value_form.cancel"),
    ]

    def __init__(
        self,
        heading: str,
        fields: list[tuple[str, str]],
        save: Callable[[ValueService, dict[str, str]], str],
    ) -> None:
        super().__init__()
        self.heading = heading
        self.fields = fields
        self.save = save

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="form"):
            yield Static(Content(self.heading), classes="form-title")
            with Grid(id="value-grid"):
                for name, label in self.fields:
                    yield Static(Content(label))
                    yield Input(id=f"value-{name}", compact=True)
            yield Said(lambda: t("ctrl+s save · escape cancel"), id="value-said")

    def action_save(self) -> None:
        values = {name: self.query_one(f"#value-{name}", Input).value for name, _ in self.fields}
        ws = Workspace(self.app.settings)
        try:
            said = self.save(ValueService(ws), values)
        except (UserError, StoreError) as exc:
            self.query_one("#value-said", Said).update(Content(one_line(str(exc))))
            return
        finally:
            ws.close()
        self.notify(said, markup=False, timeout=3)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
