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
from launchtui.i18n import t
from launchtui.present import criterion_line, day_label, fold, gate_word, sparkline
from launchtui.safe_text import one_line
from launchtui.widgets.translated import N_
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
    lines = [f"{t('GATE')} {gate_word(gate)}", one_line(gate.sentence), ""]
    if gate.override is not None:
        o = gate.override
        kind = {"hold": t("hold"), "go": t("go")}.get(o.kind, o.kind)
        lines.append(
            t(
                'Override: {kind} by {name} on {date} — "{reason}"   (l lifts it)',
                kind=kind,
                name=one_line(o.actor.name),
                date=day_label(o.at.astimezone()),
                reason=one_line(o.reason),
            )
        )
        if gate.computed_state != gate.state:
            computed = {
                "go": t("GO"),
                "watch": t("WATCH"),
                "pause": t("PAUSE"),
                "rollback": t("ROLLBACK"),
            }.get(gate.computed_state, gate.computed_state.upper())
            lines.append(t("By the rules alone the gate would be {state}.", state=computed))
        lines.append("")
    lines.append(t("Criteria"))
    lines.extend("  " + criterion_line(c) for c in gate.criteria)
    lines += ["", t("Trend by week (active use 0-100% · satisfaction 0-10)")]
    by_phase: dict[int, list[Figures]] = defaultdict(list)
    for figure in figures:
        by_phase[figure.phase].append(figure)
    for phase in plan.phases:
        rows = by_phase.get(phase.number, [])
        active = weekly(rows, "active_weekly")
        sat = weekly(rows, "satisfaction")
        if not active and not sat:
            lines.append(f"  {phase.number} {one_line(phase.group)[:24]:<24} {t('no figures yet')}")
            continue
        lines.append(
            f"  {phase.number} {one_line(phase.group)[:24]:<24} "
            + t(
                "active {active} {active_last}   sat {sat} {sat_last}",
                active=f"{sparkline(active, 0, 100):<8}",
                active_last=_last(active, "%"),
                sat=f"{sparkline(sat, 0, 10):<8}",
                sat_last=_last(sat, ""),
            )
        )
    lines += ["", t("Phases")]
    for phase in plan.phases:
        lines.append(
            f"  {phase.number} {one_line(phase.name)}: {one_line(phase.group)}, {phase.share}%, "
            + t("days {start} to {end}", start=phase.start, end=phase.end)
            + (f" · {one_line(phase.location)}" if phase.location else "")
        )
    return "\n".join(lines)


def _last(values: list[float], unit: str) -> str:
    return f"{values[-1]:g}{unit}" if values else "-"


class GatePane(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("n", "record", N_("Figures")),
        Binding("h", "hold", N_("Hold")),
        Binding("o", "go", N_("Go anyway")),
        Binding("l", "lift", N_("Lift")),
        Binding("p", "edit_phase", N_("Phases")),
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
        self._override("hold", t("Hold the rollout: why?"))

    def action_go(self) -> None:
        self._override("go", t("Go despite the gate: why?"))

    def _override(self, kind: str, question: str) -> None:
        from launchtui.screens.text_prompt import TextPrompt

        def save(reason: str | None) -> None:
            if reason:
                self.app.write(lambda ws: _set_override(ws, kind, reason))

        self.app.push_screen(TextPrompt(question, t("reason")), save)

    def action_lift(self) -> None:
        def lift(ws: Workspace) -> str:
            AdoptionDesk(ws).lift()
            return t("Override lifted: the gate follows the rules again")

        self.app.write(lift)

    def action_edit_phase(self) -> None:
        from launchtui.screens.phase_form import PhaseForm

        self.app.push_screen(PhaseForm(self.desk.plan(), self.desk.current_phase().number))


def _set_override(ws: Workspace, kind: str, reason: str) -> str:
    desk = AdoptionDesk(ws)
    (desk.hold if kind == "hold" else desk.go)(reason)
    return t("Rollout held") if kind == "hold" else t("Gate set to go by override")
