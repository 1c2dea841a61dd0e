"""The command line of adoption: `metrics ...`, `gate ...` and `phases ...`.

Registered on `launchtui.cli.main.cli` at the end of that module. Nothing here imports
`launchtui.cli.main` at import time (that would be a cycle); its helpers are fetched when a
command runs. Every piece of user text printed passes through `safe_text` first. The
gate's lines (`gate_lines`) are shared with `launchtui status`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import click

from launchtui.domain.gate import Gate
from launchtui.domain.metrics import FIGURE_FIELDS, Figures
from launchtui.domain.overrides import Override
from launchtui.domain.phases import Phase, PhasePlan
from launchtui.domain.plan_edits import plan_changes
from launchtui.services.adoption import AdoptionService, ImportProgress, ImportStopped
from launchtui.services.workspace import UserError
from launchtui.text import json_text, numbers
from launchtui.text.gate_text import (
    criterion_line,
    decision_line,
    evidence_lines,
    group_rows,
    state_text,
)
from launchtui.text.i18n import day_month, n_, t
from launchtui.text.safe import one_line
from launchtui.text.times import local_time

# Option of `metrics record` -> the figure it records (the error messages name the option).
RECORD_OPTIONS = {
    "active": "active_weekly",
    "accounts": "accounts",
    "daily": "active_daily",
    "workflows": "workflows",
    "old_system": "old_system",
    "satisfaction": "satisfaction",
    "nps": "nps",
    "tickets": "tickets",
    "training": "training",
}
_OPTION_NAMES = {field: "--" + option.replace("_", "-") for option, field in RECORD_OPTIONS.items()}
_OPTION_NAMES.update(phase="--phase", date="--date")
MAX_ERRORS_SHOWN = 100

HEAD_WIDTH = 7  # a column of the figures table


def _heads() -> dict[str, str]:
    """Short column heads of the figures table, in `FIGURE_FIELDS` order, translated."""
    return {
        "accounts": t("accts"),
        "active_weekly": t("active"),
        "active_daily": t("daily"),
        "workflows": t("wflows"),
        "old_system": t("old"),
        "satisfaction": t("sat"),
        "nps": t("nps"),
        "tickets": t("tickets"),
        "training": t("train"),
    }


def _adoption(ctx: click.Context) -> AdoptionService:
    from launchtui.cli.main import workspace

    return AdoptionService(workspace(ctx))


def _date(ctx, param, value):
    if value is None:
        return None
    from launchtui.cli.main import parse_date

    return parse_date(value, "--date")


# -- the gate's lines ----------------------------------------------------------


def gate_line(gate: Gate) -> str:
    """'Gate: WATCH — <why and what is needed>': the state as a word, readable without colour."""
    return t(
        "Gate: {state} — {sentence}", state=state_text(gate.state), sentence=one_line(gate.sentence)
    )


def override_kind(kind: str) -> str:
    """'hold', 'go', 'lift', translated."""
    return {"hold": t("hold"), "go": t("go"), "lift": t("lift")}.get(kind, kind)


def override_line(override: Override) -> str:
    reason = f': "{one_line(override.reason)}"' if override.reason else ""
    line = t(
        "{kind} by {who} on {when}",
        kind=override_kind(override.kind),
        who=one_line(override.actor.label()),
        when=local_time(override.at),
    )
    return line + reason


def gate_lines(gate: Gate, counts: dict[str, int] | None = None) -> list[str]:
    """The gate for a short report: its line, what the rollout still lacks, each criterion
    not met (or met with a warning), the open issues."""
    from launchtui.text.present import open_issues_line

    lines = [gate_line(gate)]
    if gate.still_open:
        lines.append(t("Still open: {what}", what="; ".join(gate.still_open)))
    lines.extend("  " + criterion_line(c) for c in gate.criteria if not c.ok or c.warning)
    if counts is not None:
        lines.append(open_issues_line(counts))
    return lines


def gate_data(gate: Gate) -> dict[str, Any]:
    """`Gate.to_json()` with each criterion's sentence (`detail`) besides."""
    data = gate.to_json()
    for entry, criterion in zip(data["criteria"], gate.criteria, strict=True):
        entry["detail"] = criterion.detail
    return data


# -- metrics -------------------------------------------------------------------


@click.group()
def metrics() -> None:
    """Record adoption and satisfaction figures per phase's group; list or import them."""


def _percent(name: str, what: str):
    return click.option(f"--{name}", metavar="PCT", help=what)


@metrics.command("record")
@click.option(
    "--phase", type=int, metavar="N", help="The phase whose group this is (default: current)."
)
@click.option(
    "--date", callback=_date, metavar="YYYY-MM-DD", help="When measured (default: today)."
)
@click.option(
    "--active",
    required=True,
    metavar="PCT",
    help="% of the group active weekly (the gate's figure).",
)
@_percent("accounts", "% of the group with accounts.")
@_percent("daily", "% of the group active daily.")
@_percent("workflows", "% completing the key workflows.")
@_percent("old-system", "% still using the old system.")
@click.option("--satisfaction", metavar="X", help="Latest survey average, 0-10.")
@click.option("--nps", metavar="N", help="Net promoter score, -100 to 100.")
@click.option("--tickets", metavar="N", help="Support tickets this week.")
@_percent("training", "% who completed the training.")
@click.pass_context
def metrics_record(ctx, phase, date, **options) -> None:
    """Record one set of figures of a phase's group (the latest counts for the gate)."""
    service = _adoption(ctx)
    figures = {RECORD_OPTIONS[name]: value for name, value in options.items()}
    try:
        saved = service.record(phase, date, **figures)
    except UserError as exc:
        raise UserError(_option_named(str(exc))) from None
    heads = _heads()
    shown = ", ".join(
        f"{heads[field]} {_figure(field, value)}"
        for field, value in saved.values().items()
        if value is not None
    )
    click.echo(
        t(
            "Recorded phase {phase} on {date}: {figures}",
            phase=saved.phase,
            date=day_month(saved.date, service.workspace.today()),
            figures=shown,
        )
    )
    click.echo(gate_line(service.gate()))


def _option_named(message: str) -> str:
    """'active_weekly: 120 is not ...' -> '--active: 120 is not ...'."""
    field, sep, rest = message.partition(":")
    if sep and field in _OPTION_NAMES:
        return _OPTION_NAMES[field] + sep + rest
    return message


def _figure(field: str, value: float | int | None) -> str:
    return numbers.figure(field, value)


def figures_dict(figures: Figures) -> dict[str, Any]:
    return {
        "id": figures.id,
        "phase": figures.phase,
        "date": figures.date.isoformat(),
        **figures.values(),
        "user": figures.recorded_by.name if figures.recorded_by else None,
        "login": figures.recorded_by.login if figures.recorded_by else None,
        "recorded_at": figures.recorded_at.isoformat() if figures.recorded_at else None,
    }


@metrics.command("list")
@click.option("--phase", type=int, metavar="N", help="Only this phase's group.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def metrics_list(ctx, phase, as_json) -> None:
    """Every recorded set of figures, oldest first."""
    found = _adoption(ctx).figures(phase)
    if as_json:
        click.echo(json_text.dumps([figures_dict(f) for f in found]))
        return
    if not found:
        if phase:
            click.echo(t("No figures recorded yet for phase {n}", n=phase))
        else:
            click.echo(t("No figures recorded yet"))
        return
    names = _heads()
    heads = "  ".join(f"{names[f]:>{HEAD_WIDTH}}" for f in FIGURE_FIELDS)
    today = _adoption(ctx).workspace.today()
    days = [day_month(f.date, today) for f in found]
    width = max(len(t("date")), *map(len, days))
    click.echo(f"{t('date'):<{width}}  {t('ph'):>2}  {heads}  {t('by')}")
    for f, day in zip(found, days, strict=True):
        cells = "  ".join(
            f"{_figure(name, value):>{HEAD_WIDTH}}" for name, value in f.values().items()
        )
        by = one_line(f.recorded_by.name) if f.recorded_by else ""
        click.echo(f"{day:<{width}}  {f.phase:>2}  {cells}  {by}")


@metrics.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--phase", type=int, metavar="N", help="Phase of rows without a phase column.")
@click.pass_context
def metrics_import(ctx, file, phase) -> None:
    """Import figures from a CSV survey export; good rows are kept, bad ones reported."""
    shown = _ProgressLine(one_line(str(file)))
    try:
        result = _adoption(ctx).import_figures(file, phase, progress=shown.update)
    except ImportStopped as exc:
        shown.clear()
        if not exc.interrupted:
            raise
        click.echo(t("Error: {message}", message=str(exc)), err=True)
        ctx.exit(130)
    except BaseException:
        shown.clear()
        raise
    shown.clear()
    click.echo(n_(result.saved, "saved {n} row", "saved {n} rows"))
    for error in result.errors[:MAX_ERRORS_SHOWN]:
        click.echo(error, err=True)
    if result.bad > MAX_ERRORS_SHOWN:
        more = result.bad - MAX_ERRORS_SHOWN
        click.echo(
            t("{file}: {n} more bad rows not shown", file=one_line(str(file)), n=more), err=True
        )
    if result.bad:
        ctx.exit(1)


PROGRESS_AFTER_S = 1.0  # an import that takes longer shows how far it is
PROGRESS_EVERY_S = 0.25  # ... at most this often


def _stderr_is_terminal() -> bool:
    stream = sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal_width() -> int:
    return shutil.get_terminal_size().columns


def _clock() -> float:
    return time.monotonic()


class _ProgressLine:
    """ "importing FILE: N rows, P%" on standard error, rewritten in place, once an import
    has run `PROGRESS_AFTER_S`, and only when standard error is a terminal (never in a
    pipe, a log or cron); `clear` wipes it before anything else is printed."""

    def __init__(self, file: str):
        self.file = file
        self.on = _stderr_is_terminal()
        self.began = _clock() if self.on else 0.0
        self.last: float | None = None  # when it was last drawn

    def update(self, step: ImportProgress) -> None:
        if not self.on:
            return
        now = _clock()
        if now - self.began < PROGRESS_AFTER_S:
            return
        if self.last is not None and now - self.last < PROGRESS_EVERY_S:
            return
        self.last = now
        if step.fraction is None:
            text = t("importing {file}: {rows} rows", file=self.file, rows=step.rows)
        else:
            percent = int(step.fraction * 100)
            text = t(
                "importing {file}: {rows} rows, {percent}%",
                file=self.file,
                rows=step.rows,
                percent=percent,
            )
        width = max(_terminal_width() - 1, 10)
        if len(text) > width:
            text = "..." + text[-(width - 3) :]
        # color=True: keep the erase-line sequence (click drops escapes it deems not for a
        # terminal); this line is only ever drawn on one.
        click.echo(f"\r{text}\x1b[K", nl=False, err=True, color=True)

    def clear(self) -> None:
        if self.last is not None:
            click.echo("\r\x1b[K", nl=False, err=True, color=True)
            self.last = None


# -- gate ----------------------------------------------------------------------


@click.group()
def gate() -> None:
    """The adoption gate: go, watch, pause or rollback; hold it or go despite it."""


@gate.command("show")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def gate_show(ctx, as_json) -> None:
    """Every criterion with its value, threshold, verdict and days left, and why."""
    found = _adoption(ctx).gate()
    if as_json:
        click.echo(json_text.dumps(gate_data(found)))
        return
    click.echo(gate_line(found))
    if found.override is not None:
        click.echo(t("Override: {override}", override=override_line(found.override)))
    if found.state != found.computed_state:
        click.echo(t("By the rules alone: {state}", state=state_text(found.computed_state)))
    if found.groups:
        click.echo(t("Groups (verdict, figure, window ends, survey):"))
        for row in group_rows(found):
            click.echo(f"  {row}")
    click.echo(t("Criteria:"))
    for criterion in found.criteria:
        click.echo("  " + criterion_line(criterion))
        if criterion.detail:
            click.echo(f"      {one_line(criterion.detail)}")


@gate.command("hold")
@click.option("--reason", required=True, help="Why the rollout is held.")
@click.pass_context
def gate_hold(ctx, reason) -> None:
    """Hold the rollout: the gate shows pause until `gate lift`."""
    service = _adoption(ctx)
    service.hold(reason)
    click.echo(gate_line(service.gate()))


@gate.command("go")
@click.option("--reason", required=True, help="Why the rollout goes on despite the gate.")
@click.pass_context
def gate_go(ctx, reason) -> None:
    """Go on despite the gate until `gate lift` (never despite an open critical issue)."""
    service = _adoption(ctx)
    service.go(reason)
    now = service.gate()
    click.echo(gate_line(now))
    if now.state == "rollback":
        click.echo(
            t("Warning: an open critical issue still rolls back; resolve it for the go to apply"),
            err=True,
        )


@gate.command("lift")
@click.option("--reason", required=True, help="Why the hold or go ends.")
@click.pass_context
def gate_lift(ctx, reason) -> None:
    """End the hold or go that stands: the gate follows the rules again."""
    service = _adoption(ctx)
    ended = service.override()
    service.lift(reason)
    if ended is not None:
        click.echo(t("Lifted the {override}", override=override_line(ended)))
    click.echo(gate_line(service.gate()))


@gate.command("history")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def gate_history(ctx, as_json) -> None:
    """Every hold, go and lift, oldest first."""
    entries = _adoption(ctx).override_history()
    if as_json:
        click.echo(json_text.dumps([e.to_json() for e in entries]))
        return
    if not entries:
        click.echo(t("No hold or go yet"))
        return
    width = max(len(override_kind(kind)) for kind in ("hold", "go", "lift"))
    for entry in entries:
        reason = one_line(entry.reason) if entry.reason else ""
        kind = override_kind(entry.kind)
        line = f"{local_time(entry.at)}  {kind:<{width}}  {one_line(entry.actor.label())}  {reason}"
        click.echo(line.rstrip())


# -- phases --------------------------------------------------------------------


@click.group()
def phases() -> None:
    """The phase plan: which group moves when; edit a phase, see every change."""


def phase_dict(phase: Phase, launch: dt.date, current: Phase | None) -> dict[str, Any]:
    return {
        "number": phase.number,
        "name": phase.name,
        "group": phase.group,
        "share": phase.share,
        "start": phase.start,
        "end": phase.end,
        "first": (launch + dt.timedelta(days=phase.start)).isoformat(),
        "last": (launch + dt.timedelta(days=phase.end)).isoformat(),
        "decommission": phase.decommission,
        "current": current is not None and phase.number == current.number,
    }


def _span(phase: Phase, launch: dt.date) -> str:
    from launchtui.text.present import date_range

    first = launch + dt.timedelta(days=phase.start)
    last = launch + dt.timedelta(days=phase.end)
    return t(
        "days {start}-{end} ({dates})",
        start=phase.start,
        end=phase.end,
        dates=date_range(first, last),
    )


def _plan_lines(plan: PhasePlan, launch: dt.date, current: Phase | None) -> list[str]:
    lines = []
    for p in plan.phases:
        marker = ">" if current is not None and p.number == current.number else " "
        extra = " · " + t("old system off") if p.decommission else ""
        lines.append(
            f"{marker} {p.number}  {one_line(p.name)} · {one_line(p.group)} {p.share}%"
            f" · {_span(p, launch)}{extra}"
        )
    return lines


@phases.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def phases_list(ctx, as_json) -> None:
    """The phases with their groups, shares and days (the current one marked >)."""
    service = _adoption(ctx)
    ws = service.workspace
    rollout = ws.rollout()
    plan = rollout.plan
    current = plan.current(rollout.day(ws.today()))
    if as_json:
        data = [phase_dict(p, rollout.launch, current) for p in plan.phases]
        click.echo(json_text.dumps(data))
        return
    for line in _plan_lines(plan, rollout.launch, current):
        click.echo(line)


@phases.command("edit")
@click.argument("number", type=int, metavar="N")
@click.option("--name", help="New name of the phase.")
@click.option("--group", help="New name of the group that moves in it.")
@click.option("--share", metavar="PCT", help="% of the team in the group.")
@click.option("--start", metavar="DAY", help="First day: days from launch (0, 14, D+14) or a date.")
@click.option("--end", metavar="DAY", help="Last day: days from launch or a date.")
@click.option("--location", metavar="NAME", help="The location whose group this is (- clears).")
@click.option("--reason", help="Why the plan changes (kept in the history).")
@click.pass_context
def phases_edit(ctx, number, name, group, share, start, end, location, reason) -> None:
    """Change a phase; the phases before and after move along to stay back to back."""
    service = _adoption(ctx)
    before = service.plan()
    after = service.edit_phase(number, name, group, share, start, end, reason, location)
    click.echo(t("Changed {changes}", changes="; ".join(plan_changes(before, after))))
    ws = service.workspace
    rollout = ws.rollout()
    current = after.current(rollout.day(ws.today()))
    for line in _plan_lines(after, rollout.launch, current):
        click.echo(line)


@phases.command("add")
@click.option("--name", required=True, help="Name of the new phase.")
@click.option("--group", required=True, help="The group that moves in it.")
@click.option("--share", required=True, metavar="PCT", help="% of the team in the group.")
@click.option(
    "--start",
    required=True,
    metavar="DAY",
    help="First day: days from launch (14, D+14) or a date.",
)
@click.option("--end", required=True, metavar="DAY", help="Last day: days from launch or a date.")
@click.option("--reason", help="Why the plan changes (kept in the history).")
@click.pass_context
def phases_add(ctx, name, group, share, start, end, reason) -> None:
    """Add a phase after the last or between two; the neighbours give up its days."""
    service = _adoption(ctx)
    before = service.plan()
    after = service.add_phase(name, group, share, start, end, reason)
    click.echo(t("Changed {changes}", changes="; ".join(plan_changes(before, after))))
    _echo_plan(service, after)


@phases.command("remove")
@click.argument("number", metavar="N")
@click.option("--reason", help="Why the plan changes (kept in the history).")
@click.pass_context
def phases_remove(ctx, number, reason) -> None:
    """Remove a phase still to come that has no decision; its days go to the one before."""
    service = _adoption(ctx)
    after = service.remove_phase(number, reason)
    click.echo(t("Removed phase {n}", n=str(number).strip().removeprefix("#")))
    _echo_plan(service, after)


def _echo_plan(service, plan: PhasePlan) -> None:
    ws = service.workspace
    rollout = ws.rollout()
    current = plan.current(rollout.day(ws.today()))
    for line in _plan_lines(plan, rollout.launch, current):
        click.echo(line)


@phases.command("history")
@click.pass_context
def phases_history(ctx) -> None:
    """Every change to the phase plan: who, when, why and what."""
    service = _adoption(ctx)
    revisions = service.plan_history()
    if not revisions:
        click.echo(
            t(
                "The plan follows the {template} template; no edits yet",
                template=service.plan().template,
            )
        )
        return
    before = service.template_plan()
    for revision in revisions:
        why = f": {one_line(revision.reason)}" if revision.reason else ""
        click.echo(f"{local_time(revision.at)}  {one_line(revision.actor.label())}{why}")
        for change in plan_changes(before, revision.plan) or [t("no change")]:
            click.echo(f"  {change}")
        before = revision.plan


@phases.command("decide")
@click.argument("number", type=int, metavar="N")
@click.argument("decision", type=click.Choice(["go", "hold", "stop"], case_sensitive=False))
@click.option("--reason", required=True, help="Why: what the results so far say.")
@click.option(
    "--date", callback=_date, metavar="YYYY-MM-DD", help="When it was decided (default: today)."
)
@click.pass_context
def phases_decide(ctx, number, decision, reason, date) -> None:
    """Record go, hold or stop for phase N's group, with the gate's evidence as it stands."""
    service = _adoption(ctx)
    made = service.decide(number, decision, reason, date)
    phase = service.plan().phase(made.phase)
    click.echo(t("Recorded {line}", line=decision_line(made, phase.name if phase else "")))
    if made.against_gate:
        click.echo(
            t(
                "Warning: a go against the gate ({state}); it is marked so in every view",
                state=state_text(made.gate_state).lower(),
            ),
            err=True,
        )
    click.echo(gate_line(service.gate()))


@phases.command("decisions")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def phases_decisions(ctx, as_json) -> None:
    """Every decision recorded, oldest first, with the evidence it rested on."""
    service = _adoption(ctx)
    found = service.decisions()
    if as_json:
        click.echo(json_text.dumps([d.to_json() for d in found]))
        return
    if not found:
        click.echo(t("No decisions recorded yet"))
    plan = service.plan()
    for made in found:
        phase = plan.phase(made.phase)
        click.echo(decision_line(made, phase.name if phase else ""))
        for line in evidence_lines(made):
            click.echo(f"    {line}")
    gate_now = service.gate()
    for call in gate_now.calls:
        if call.needed and call.decision is None:
            click.echo(
                t(
                    "Phase {n} {name} starts {date}: no decision yet",
                    n=call.phase,
                    name=one_line(call.name),
                    date=day_month(call.starts, service.workspace.today()),
                )
            )
