"""Record go, hold or stop for a phase's group, with a reason: saved with ctrl+s.

Before it is saved the form shows the gate as it stands and how a go would be marked:
against the gate when the gate is not at go. The reason is required; a rule broken (no
reason, a phase already decided) is shown in the form as the service words it, and the form
stays open.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from launchtui.domain.decisions import (
    DECISIONS,
    FINAL,
    MAX_REASON,
    already_decided_message,
    check_kind,
    clean_reason,
    decision_word,
)
from launchtui.domain.gate import Gate
from launchtui.domain.phases import PhasePlan
from launchtui.text.gate_text import state_text
from launchtui.text.i18n import t
from launchtui.text.present import fold, gate_word, phase_choice
from launchtui.text.safe import one_line
from launchtui.tui.messages import Written
from launchtui.tui.requests.adoption import DecisionRequested
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.gate_pane import call_line
from launchtui.tui.widgets.translated import N_, Said, TranslatedBindings


def default_phase(gate: Gate, current: int) -> int:
    """The first phase after the first with no decision yet; else the current one."""
    waiting = next((c for c in gate.calls if c.needed and c.decision is None), None)
    return waiting.phase if waiting is not None else current


class DecisionForm(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="decision_form.save"),
        Binding("escape", "cancel", N_("Cancel"), id="decision_form.cancel"),
    ]

    def __init__(self, plan: PhasePlan, gate: Gate, current: int) -> None:
        super().__init__()
        self.plan = plan
        self.gate = gate
        self.phase = default_phase(gate, current)
        self._saving = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="form"):
            yield Said(lambda: t("Decide on a phase"), classes="form-title")
            with Grid(id="figures-grid"):
                yield Said(lambda: t("phase"))
                yield Select(
                    [(Content(phase_choice(p)), p.number) for p in self.plan.phases],
                    value=self.phase,
                    allow_blank=False,
                    id="decision-phase",
                    compact=True,
                )
                yield Said(lambda: t("decision"))
                yield Select(
                    _decision_options(),
                    value="go",
                    allow_blank=False,
                    id="decision-kind",
                    compact=True,
                )
                yield Said(lambda: t("reason"))
                yield Input(
                    placeholder=_placeholder(),
                    max_length=MAX_REASON,
                    id="decision-reason",
                    compact=True,
                )
            yield Static(id="decision-preview")
            yield Label("", id="form-error")
            yield Said(lambda: t("ctrl+s save · escape cancel"), classes="hint")

    def on_mount(self) -> None:
        self._preview()
        self.query_one("#decision-reason", Input).focus()

    def retranslate(self) -> None:
        self.query_one("#decision-reason", Input).placeholder = _placeholder()
        kind = self.query_one("#decision-kind", Select)
        chosen = kind.value
        kind.set_options(_decision_options())
        kind.value = chosen
        self._preview()

    @on(Select.Changed)
    def _changed(self) -> None:
        self._preview()
        self.query_one("#form-error", Label).update("")

    def _number(self) -> int:
        return int(self.query_one("#decision-phase", Select).value)  # type: ignore[arg-type]

    def _kind(self) -> str:
        return str(self.query_one("#decision-kind", Select).value)

    def _preview(self) -> None:
        """The gate now, what stands for the phase, and how this decision would be marked."""
        gate, number = self.gate, self._number()
        lines = [t("Gate now: {state}", state=gate_word(gate)), one_line(gate.sentence)]
        call = next((c for c in gate.calls if c.phase == number), None)
        if call is not None:
            lines.append(t("So far: {line}", line=call_line(call)[1]))
        state = gate.state_for_decision(number)
        kind = self._kind()
        if kind == "go" and state != "go":
            lines.append(
                t(
                    "A go now is recorded AGAINST THE GATE ({state}); the reason says why.",
                    state=state_text(state).lower(),
                )
            )
        elif kind == "go":
            lines.append(t("A go now follows the gate ({state}).", state=state_text(state).lower()))
        elif kind == "hold":
            lines.append(t("A hold keeps this group from moving until a later decision."))
        else:
            lines.append(t("A stop settles it: this group does not move on."))
        self.query_one("#decision-preview", Static).update(Content(fold("\n".join(lines))))

    def _error(self, message: str) -> None:
        self.query_one("#form-error", Label).update(Content(one_line(message)))

    def action_save(self) -> None:
        if self._saving:
            return
        number, kind = self._number(), self._kind()
        reason = self.query_one("#decision-reason", Input).value
        call = next((c for c in self.gate.calls if c.phase == number), None)
        try:
            check_kind(kind)
            clean_reason(reason, kind)
        except ValueError as exc:
            self._error(str(exc))
            return
        if call is not None and call.decision is not None and call.decision.decision in FINAL:
            self._error(already_decided_message(call.decision))
            return
        self._saving = True
        self.post_message(
            DecisionRequested(phase=number, decision=kind, reason=reason, origin=self)
        )

    def on_written(self, message: Written) -> None:
        """Recorded: close. Refused: the reason stays in the form, on its error line."""
        self._saving = False
        if not self.is_attached or self.app.screen is not self:
            return
        if message.error is not None:
            self._error(message.error)
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _decision_options() -> list[tuple[str, str]]:
    return [(decision_word(kind), kind) for kind in DECISIONS]


def _placeholder() -> str:
    return t("why: what the results so far say")
