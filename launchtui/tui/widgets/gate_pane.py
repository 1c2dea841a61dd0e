"""The gate tab: the verdict, each group's, the decisions, every criterion, the trend, the plan.

The gate is drawn in words by `launchtui.text.gate_text` only (the one renderer); this pane
lays its parts out to the tab's width. Every line is wrapped here, never by the widget, so
a continuation is indented under its line; user text (names, reasons) is folded to one
line and shown as plain text, never as markup.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections import defaultdict

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Static

from launchtui.domain.gate import Gate, PhaseCall
from launchtui.domain.metrics import Figures
from launchtui.domain.rollout import Rollout
from launchtui.services.adoption import AdoptionService
from launchtui.text import numbers
from launchtui.text.gate_text import (
    criteria_rows,
    decision_line,
    group_rows,
    state_text,
)
from launchtui.text.i18n import day_month, t
from launchtui.text.present import date_range, day_label, fold, gate_word, phase_choice, sparkline
from launchtui.text.safe import one_line
from launchtui.tui.requests.adoption import OverrideRequested
from launchtui.tui.widgets.translated import N_

WIDTH = 77  # the tab's text width in an 80-column terminal
INDENT = "  "
DETAIL = "      "  # a criterion's detail, under its name


def weekly(figures: list[Figures], field: str) -> list[float]:
    """The last value of `field` in each ISO week, oldest first: one mark per week."""
    by_week: dict[tuple[int, int], float] = {}
    for figure in sorted(figures, key=lambda f: (f.date, f.id or 0)):
        value = getattr(figure, field)
        if value is not None:
            by_week[figure.date.isocalendar()[:2]] = float(value)
    return [by_week[week] for week in sorted(by_week)]


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """`text` as lines of at most `width` characters: `first` before the first line,
    `rest` (default: as many spaces) before each following one. A short closing
    "(...)" and "AGAINST THE GATE" are not broken over two lines."""
    rest = " " * len(first) if rest is None else rest
    text = fold(text)  # as drawn: an ASCII terminal's "..." is longer than "…"
    for phrase in (*_TAIL.findall(text), t("AGAINST THE GATE")):
        text = text.replace(phrase, phrase.replace(" ", _KEEP))
    lines = textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )
    return [line.replace(_KEEP, " ") for line in lines] or [first.rstrip()]


_KEEP = "\u00a0"  # a space that textwrap does not break at
_TAIL = re.compile(r"\([^()]{1,30}\)$")


def gate_text(gate: Gate, rollout: Rollout, figures: list[Figures], width: int = WIDTH) -> str:
    """The whole tab as text as the terminal draws it, every line at most `width` long."""
    lines = [f"{t('GATE')} {gate_word(gate)}"]
    lines += wrap(one_line(gate.sentence), width)
    if gate.still_open:
        lines += wrap(t("Still open: {what}", what="; ".join(gate.still_open)), width)
    lines.append("")
    lines += _override(gate, width)
    lines += _groups(gate, width)
    lines += _decisions(gate.calls, width)
    lines += _criteria(gate, width)
    lines += _trend(rollout, figures, width)
    lines += _phases(rollout, width)
    return "\n".join(_fit(fold(line).rstrip(), width) for line in lines).rstrip()


def _fit(line: str, width: int) -> str:
    """A line as drawn, never wider than `width`: user text folded to ASCII can grow."""
    return line if len(line) <= width else _cut(line, width)


def _override(gate: Gate, width: int) -> list[str]:
    o = gate.override
    if o is None:
        return []
    kind = {"hold": t("hold"), "go": t("go")}.get(o.kind, o.kind)
    said = t(
        'Override: {kind} by {name} on {date} — "{reason}"   (l lifts it)',
        kind=kind,
        name=one_line(o.actor.name),
        date=day_label(o.at.astimezone()),
        reason=one_line(o.reason),
    )
    lines = wrap(said, width, "", INDENT)
    if gate.computed_state != gate.state:
        computed = state_text(gate.computed_state)
        lines += wrap(t("By the rules alone the gate would be {state}.", state=computed), width)
    return [*lines, ""]


def _groups(gate: Gate, width: int) -> list[str]:
    if not gate.groups:
        return []
    lines = [t("Groups (verdict, figure, window ends, survey)")]
    lines += [INDENT + row for row in group_rows(gate, width - len(INDENT))]
    return [*lines, ""]


def _decisions(calls: tuple[PhaseCall, ...], width: int) -> list[str]:
    """Each phase after the first: the decision that stands, or that there is none yet."""
    needed = [c for c in calls if c.needed]
    if not needed:
        return []
    lines = [t("Decisions (d records one)")]
    for call in needed:
        mark, said = call_line(call)
        lines += wrap(said, width, f"{INDENT}{mark} ", DETAIL)
    return [*lines, ""]


def call_line(call: PhaseCall) -> tuple[str, str]:
    """A phase's decision in words, and its mark: '!' for a go against the gate, or for
    a phase whose start has come without a decision; else ' '."""
    d = call.decision
    if d is not None:
        return ("!" if d.against_gate else " "), decision_line(d, call.name)
    fields = {"n": call.phase, "name": one_line(call.name), "date": day_month(call.starts)}
    if call.due:
        return "!", t("{n} {name}: no decision yet; it was due to start {date}", **fields)
    return " ", t("{n} {name}: no decision yet; starts {date}", **fields)


def _criteria(gate: Gate, width: int) -> list[str]:
    """The criteria table; under a criterion not met (or met with a warning), why."""
    lines = [t("Criteria")]
    if not gate.criteria:
        lines.append(INDENT + t("none yet"))
    rows = criteria_rows(gate.criteria, width - len(INDENT))
    for criterion, row in zip(gate.criteria, rows, strict=True):
        lines.append(INDENT + row)
        note = criterion.warning if criterion.ok else criterion.detail
        if note:
            lines += wrap(one_line(note), width, DETAIL)
    return [*lines, ""]


def _trend(rollout: Rollout, figures: list[Figures], width: int) -> list[str]:
    lines = [t("Trend by week (active use 0-100% · satisfaction 0-10)")]
    by_phase: dict[int, list[Figures]] = defaultdict(list)
    for figure in figures:
        by_phase[figure.phase].append(figure)
    for phase in rollout.plan.phases:
        head = f"{INDENT}{phase.number} {_cut(one_line(phase.group), 24):<24} "
        rows = by_phase.get(phase.number, [])
        active = weekly(rows, "active_weekly")
        sat = weekly(rows, "satisfaction")
        if not active and not sat:
            lines.append(head + t("no figures yet"))
            continue
        trend = t(
            "active {active} {active_last}   sat {sat} {sat_last}",
            active=f"{sparkline(active[-8:], 0, 100):<8}",
            active_last=numbers.percent(active[-1]) if active else "-",
            sat=f"{sparkline(sat[-8:], 0, 10):<8}",
            sat_last=numbers.decimal(sat[-1]) if sat else "-",
        )
        lines.append(_cut(fold(head + trend), width))
    return [*lines, ""]


def _cut(text: str, width: int) -> str:
    ellipsis = fold("…")
    return text if len(text) <= width else text[: width - len(ellipsis)] + ellipsis


def _phases(rollout: Rollout, width: int) -> list[str]:
    """Each phase: its calendar dates first, then its name, its group (once, when named
    otherwise), share and location; the days since launch on the line below."""
    lines = [t("Phases")]
    launch = rollout.launch
    for phase in rollout.plan.phases:
        first = launch + dt.timedelta(days=phase.start)
        last = launch + dt.timedelta(days=phase.end)
        name, group = one_line(phase.name), one_line(phase.group)
        parts = [name] + ([group] if group.casefold() != name.casefold() else [])
        parts.append(f"{phase.share}%")
        if phase.location:
            parts.append(one_line(phase.location))
        days = t("days {start} to {end}", start=phase.start, end=phase.end)
        parts.append(days.replace(" ", _KEEP))  # wrapped whole, never split
        head = f"{INDENT}{phase.number} {date_range(first, last):<13} "
        lines += wrap(" · ".join(parts), width, head, DETAIL)
    return lines


class GatePane(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding(
            "n",
            "record",
            N_("Figures"),
            tooltip=N_("Record adoption figures"),
            id="gate_pane.record",
        ),
        Binding(
            "d", "decide", N_("Decide"), tooltip=N_("Decide on a phase"), id="gate_pane.decide"
        ),
        Binding("h", "hold", N_("Hold"), tooltip=N_("Hold the rollout"), id="gate_pane.hold"),
        Binding("o", "go", N_("Go anyway"), tooltip=N_("Go despite the gate"), id="gate_pane.go"),
        Binding("l", "lift", N_("Lift"), tooltip=N_("Lift the override"), id="gate_pane.lift"),
        # Listed in the help and the palette: the footer has no room for it at 80 columns.
        Binding(
            "p",
            "edit_phase",
            N_("Phases"),
            show=False,
            tooltip=N_("Edit a phase"),
            id="gate_pane.edit_phase",
        ),
        Binding(
            "a",
            "add_phase",
            N_("Add phase"),
            show=False,
            tooltip=N_("Add a phase after the last or between two"),
            id="gate_pane.add_phase",
        ),
        Binding(
            "x",
            "remove_phase",
            N_("Remove phase"),
            show=False,
            tooltip=N_("Remove a phase still to come"),
            id="gate_pane.remove_phase",
        ),
        Binding(
            "v",
            "value",
            N_("Value"),
            show=False,
            tooltip=N_("Show the value of each phase"),
            id="gate_pane.value",
        ),
        Binding(
            "s",
            "schedule",
            N_("Schedule"),
            show=False,
            tooltip=N_("Show the schedule"),
            id="gate_pane.schedule",
        ),
        Binding(
            "m",
            "reschedule",
            N_("Move launch"),
            show=False,
            tooltip=N_("Move the launch date"),
            id="gate_pane.reschedule",
        ),
        Binding(
            "L",
            "locations",
            N_("Locations"),
            show=False,
            tooltip=N_("Add, edit or remove locations"),
            id="gate_pane.locations",
        ),
        Binding(
            "i",
            "import_figures",
            N_("Import"),
            show=False,
            tooltip=N_("Import figures from a CSV file"),
            id="gate_pane.import_figures",
        ),
    ]

    def __init__(self, service: AdoptionService, **kwargs) -> None:
        super().__init__(**kwargs)
        self.service = service
        self.gate: Gate | None = None
        self._drawn: tuple[Gate, int] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="gate-text")

    def focus_list(self) -> None:
        self.focus()

    def text_width(self) -> int:
        """The width the text may use: the pane less its padding and scrollbar."""
        if self.content_region.width <= 0:
            return WIDTH  # not laid out yet
        return max(20, self.content_region.width - self.styles.scrollbar_size_vertical)

    def show(self, gate: Gate, now: dt.datetime) -> None:
        self.gate = gate
        width = self.text_width()
        rollout = self.service.workspace.rollout()
        text = gate_text(gate, rollout, self.service.log.figures(), width)
        self.query_one("#gate-text", Static).update(Content(text))
        self._drawn = (gate, width)

    def on_resize(self, _: Resize) -> None:
        if self._drawn is not None and self._drawn[1] != self.text_width():
            self.show(self._drawn[0], dt.datetime.now(dt.UTC))

    def action_record(self) -> None:
        from launchtui.tui.screens.figures_form import FiguresForm

        self.app.push_screen(FiguresForm(self.service.plan(), self.service.current_phase().number))

    def action_decide(self) -> None:
        from launchtui.tui.screens.decision_form import DecisionForm

        gate = self.gate or self.service.gate()
        self.app.push_screen(
            DecisionForm(self.service.plan(), gate, self.service.current_phase().number)
        )

    def action_hold(self) -> None:
        self._override("hold", t("Hold the rollout: why?"))

    def action_go(self) -> None:
        self._override("go", t("Go despite the gate: why?"))

    def _override(self, kind: str, question: str) -> None:
        from launchtui.tui.screens.text_prompt import TextPrompt

        def save(reason: str | None) -> None:
            if reason:
                self.post_message(OverrideRequested(kind=kind, reason=reason))

        self.app.push_screen(TextPrompt(question, t("reason")), save)

    def action_lift(self) -> None:
        """`l`: name the hold (or go) that stands and ask before lifting it, then why."""
        from launchtui.tui.screens.confirm import ConfirmScreen
        from launchtui.tui.screens.text_prompt import TextPrompt

        override = self.gate.override if self.gate is not None else None
        if self.gate is not None and override is None:
            self.notify(
                t("no hold or go stands; there is nothing to lift"),
                severity="warning",
                markup=False,
            )
            return

        def save(reason: str | None) -> None:
            if reason:
                self.post_message(OverrideRequested(kind="lift", reason=reason))

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.push_screen(TextPrompt(t("Lift the override: why?"), t("reason")), save)

        if override is None:  # not loaded yet: the service decides
            confirmed(True)
            return
        kind = {"hold": t("hold"), "go": t("go")}.get(override.kind, override.kind)
        question = t(
            'Lift the {kind} by {name} ("{reason}")?',
            kind=kind,
            name=one_line(override.actor.name),
            reason=one_line(override.reason or ""),
        )
        self.app.push_screen(ConfirmScreen(question), confirmed)

    def action_value(self) -> None:
        """What each phase returned (issue 18): figures, costs, ROI, with forms."""
        from launchtui.tui.screens.value import ValueScreen

        self.app.push_screen(ValueScreen())

    def action_schedule(self) -> None:
        """Training and office hours per location (issue 17)."""
        from launchtui.tui.screens.schedule import ScheduleScreen

        self.app.push_screen(ScheduleScreen())

    def action_export_calendar(self) -> None:
        from launchtui.tui.screens.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog("calendar"))

    def action_edit_phase(self) -> None:
        from launchtui.tui.screens.phase_form import PhaseForm

        self.app.push_screen(PhaseForm(self.service.plan(), self.service.current_phase().number))

    def action_add_phase(self) -> None:
        """A new phase after the last or between two (`phases add`); its neighbours give
        up its days. Starts after the last phase unless the days typed say otherwise."""
        from launchtui.tui.requests.plan import PhaseAddRequested
        from launchtui.tui.screens.form import Field, FormScreen

        last = max(p.end for p in self.service.plan().phases)

        def make(values: dict[str, str]) -> PhaseAddRequested:
            return PhaseAddRequested(values={**values, "reason": values["reason"] or None})

        fields = [
            Field("name", N_("name")),
            Field("group", N_("group")),
            Field("share", N_("% of the team"), placeholder=N_("10")),
            Field("start", N_("first day (days from launch)"), str(last + 1)),
            Field("end", N_("last day (days from launch)"), str(last + 7)),
            Field("reason", N_("reason (optional)")),
        ]
        self.app.push_screen(FormScreen(N_("Add a phase"), fields, make))

    def action_remove_phase(self) -> None:
        """Remove a phase still to come that has no decision (`phases remove N`)."""
        from launchtui.tui.requests.plan import PhaseRemoveRequested
        from launchtui.tui.screens.form import Field, FormScreen

        plan = self.service.plan()
        options = [(phase_choice(p), str(p.number)) for p in plan.phases]
        last = max(plan.phases, key=lambda p: (p.start, p.number))

        def make(values: dict[str, str]) -> PhaseRemoveRequested:
            return PhaseRemoveRequested(number=values["phase"], reason=values["reason"])

        fields = [
            Field("phase", N_("phase"), str(last.number), options=options),
            Field("reason", N_("reason (optional)")),
        ]

        def note() -> str:
            return t("Only a phase still to come, with no decision; its days go to the one before.")

        self.app.push_screen(FormScreen(N_("Remove a phase"), fields, make, note=note))

    def action_reschedule(self) -> None:
        """Move the launch date: due dates move along, ticks stay (`launchtui reschedule`)."""
        from launchtui.tui.requests.plan import RescheduleRequested
        from launchtui.tui.screens.form import Field, FormScreen

        launch = self.service.workspace.stored_rollout().launch.isoformat()

        def make(values: dict[str, str]) -> RescheduleRequested:
            return RescheduleRequested(launch=values["launch"], reason=values["reason"])

        fields = [
            Field("launch", N_("new launch date"), launch, placeholder=N_("2026-11-03")),
            Field("reason", N_("reason (optional)")),
        ]

        def note() -> str:
            return t("Now {date}. Due dates move along; every tick stays.", date=launch)

        self.app.push_screen(FormScreen(N_("Move the launch date"), fields, make, note=note))

    def action_locations(self) -> None:
        from launchtui.tui.screens.locations import LocationsScreen

        self.app.push_screen(LocationsScreen())

    def action_import_figures(self) -> None:
        """Figures from a CSV survey export: a path, progress as it goes, bad rows listed."""
        from launchtui.tui.screens.figures_import import FiguresImport

        self.app.push_screen(FiguresImport())
