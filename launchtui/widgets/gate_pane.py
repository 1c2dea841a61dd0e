"""The gate tab: every criterion in full, the weekly trend per group, and the keys to act."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from launchtui.adoption_desk import AdoptionDesk
from launchtui.domain.gate import Gate
from launchtui.domain.metrics import Figures
from launchtui.domain.phases import PhasePlan
from launchtui.present import criterion_line, day_label, fold, gate_word, sparkline
from launchtui.safe_text import one_line
from launchtui.workspace import Workspace


def weekly(figures: list[Figures], field: str) -> list[float]:
    """The last value of `field` in each ISO week, oldest first: one mark per week."""
    by_week: dict[tuple[int, int], float] = {}
    for figure in sorted(figures, key=lambda f: (f.date, f.id or 0)):
        value = getattr(figure, field)
        if value is not None:
            by_week[figure.date.isocalendar()[:2]] = float(value)
    return [by_week[week] for week in sorted(by_week)]


def gate_text(gate: Gate, plan: PhasePlan, figures: list[Figures]) -> str:
    lines = [f"GATE {gate_word(gate)}", one_line(gate.sentence), ""]
    if gate.override is not None:
        o = gate.override
        lines.append(
            f"Override: {o.kind} by {one_line(o.actor.name)} on {day_label(o.at.astimezone())}"
            f' — "{one_line(o.reason)}"   (l lifts it)'
        )
        if gate.computed_state != gate.state:
            lines.append(f"By the rules alone the gate would be {gate.computed_state.upper()}.")
        lines.append("")
    lines.append("Criteria")
    lines.extend("  " + criterion_line(c) for c in gate.criteria)
    lines += ["", "Trend by week (active use 0-100% · satisfaction 0-10)"]
    by_phase: dict[int, list[Figures]] = defaultdict(list)
    for figure in figures:
        by_phase[figure.phase].append(figure)
    for phase in plan.phases:
        rows = by_phase.get(phase.number, [])
        active = weekly(rows, "active_weekly")
        sat = weekly(rows, "satisfaction")
        if not active and not sat:
            lines.append(f"  {phase.number} {one_line(phase.group)[:24]:<24} no figures yet")
            continue
        lines.append(
            f"  {phase.number} {one_line(phase.group)[:24]:<24}"
            f" active {sparkline(active, 0, 100):<8} {_last(active, '%')}"
            f"   sat {sparkline(sat, 0, 10):<8} {_last(sat, '')}"
        )
    lines += ["", "Phases"]
    for phase in plan.phases:
        lines.append(
            f"  {phase.number} {one_line(phase.name)}: {one_line(phase.group)}, {phase.share}%,"
            f" days {phase.start} to {phase.end}"
        )
    return "\n".join(lines)


def _last(values: list[float], unit: str) -> str:
    return f"{values[-1]:g}{unit}" if values else "-"


class GatePane(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("n", "record", "Figures"),
        Binding("h", "hold", "Hold"),
        Binding("o", "go", "Go anyway"),
        Binding("l", "lift", "Lift"),
        Binding("p", "edit_phase", "Phases"),
    ]

    def __init__(self, desk: AdoptionDesk, **kwargs) -> None:
        super().__init__(**kwargs)
        self.desk = desk

    def compose(self) -> ComposeResult:
        yield Static(id="gate-text")

    def focus_list(self) -> None:
        self.focus()

    def show(self, gate: Gate, now: dt.datetime) -> None:
        text = gate_text(gate, self.desk.plan(), self.desk.figures())
        self.query_one("#gate-text", Static).update(Content(fold(text)))

    def action_record(self) -> None:
        from launchtui.screens.figures_form import FiguresForm

        self.app.push_screen(FiguresForm(self.desk.plan(), self.desk.current_phase().number))

    def action_hold(self) -> None:
        self._override("hold", "Hold the rollout: why?")

    def action_go(self) -> None:
        self._override("go", "Go despite the gate: why?")

    def _override(self, kind: str, question: str) -> None:
        from launchtui.screens.text_prompt import TextPrompt

        def save(reason: str | None) -> None:
            if reason:
                self.app.write(lambda ws: _set_override(ws, kind, reason))

        self.app.push_screen(TextPrompt(question, "reason"), save)

    def action_lift(self) -> None:
        def lift(ws: Workspace) -> str:
            AdoptionDesk(ws).lift()
            return "Override lifted: the gate follows the rules again"

        self.app.write(lift)

    def action_edit_phase(self) -> None:
        from launchtui.screens.phase_form import PhaseForm

        self.app.push_screen(PhaseForm(self.desk.plan(), self.desk.current_phase().number))


def _set_override(ws: Workspace, kind: str, reason: str) -> str:
    desk = AdoptionDesk(ws)
    (desk.hold if kind == "hold" else desk.go)(reason)
    return "Rollout held" if kind == "hold" else "Gate set to go by override"
