"""The command line of value: `measure`, `baseline`, `impact`, `cost`, `roi`, `value`,
`review` and `objection`.

Registered lazily in `launchtui.cli.main.LAZY_COMMANDS`. Every figure is drawn by
`launchtui.text.value_text` from `ValueService.returns` (the one evaluator), so `roi`,
`roi --json`, the value screen and the review report show the same numbers.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from launchtui.domain.value import BASELINE, IMPACT, OBJECTION_KINDS, kind_label, starter_text
from launchtui.services.value import ValueService
from launchtui.text import json_text, numbers
from launchtui.text.i18n import day_month, n_, t
from launchtui.text.safe import one_line
from launchtui.text.value_text import cost_line, result_lines, title, to_json


def _value_service(ctx: click.Context) -> ValueService:
    from launchtui.cli.main import workspace

    return ValueService(workspace(ctx))


def _date(ctx, param, value):
    if value is None:
        return None
    from launchtui.cli.main import parse_date

    return parse_date(value, "--" + param.name)


PHASE = click.option("--phase", metavar="N", help="The phase's group (default: the current one).")
DATE = click.option(
    "--date", metavar="YYYY-MM-DD", callback=_date, help="Measured on (default: today)."
)


# -- measures ------------------------------------------------------------------


@click.group()
def measure() -> None:
    """Named measures of the work (minutes a task takes, errors a week), each with its unit."""


@measure.command("add")
@click.argument("name")
@click.option("--unit", required=True, help="min/week or h/week (time per user) count as money.")
@click.option("--lower-is-better/--higher-is-better", default=True, help="Which way is better.")
@click.pass_context
def measure_add(ctx, name, unit, lower_is_better) -> None:
    """Define a measure, or change its unit or direction."""
    m = _value_service(ctx).add_measure(name, unit, lower_is_better)
    click.echo(t("Measure {name} saved ({unit})", name=one_line(m.name), unit=one_line(m.unit)))


@measure.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def measure_list(ctx, as_json) -> None:
    """Every measure with its unit and direction."""
    found = _value_service(ctx).measures()
    if as_json:
        click.echo(
            json_text.dumps(
                [
                    {"name": m.name, "unit": m.unit, "lower_is_better": m.lower_is_better}
                    for m in found
                ]
            )
        )
        return
    if not found:
        click.echo(t("No measures yet: launchtui measure add NAME --unit U"))
    for m in found:
        way = t("lower is better") if m.lower_is_better else t("higher is better")
        click.echo(f"{one_line(m.name)} ({one_line(m.unit)}, {way})")


# -- figures -------------------------------------------------------------------


def _record(ctx: click.Context, kind: str, name: str, value: str, phase, date) -> None:
    service = _value_service(ctx)
    r = service.add_reading(kind, name, value, phase, date)
    said = t("Baseline") if kind == BASELINE else t("Impact")
    click.echo(
        t(
            "{kind} of {measure} for phase {n} on {date}: {value}",
            kind=said,
            measure=one_line(r.measure),
            n=r.phase,
            date=day_month(r.date, service.workspace.today()),
            value=numbers.decimal(r.value),
        )
    )


@click.group()
def baseline() -> None:
    """Baseline figures per group, measured before its launch."""


@baseline.command("add")
@click.argument("measure_name", metavar="MEASURE")
@click.argument("value")
@PHASE
@DATE
@click.pass_context
def baseline_add(ctx, measure_name, value, phase, date) -> None:
    """Record a baseline figure of MEASURE for a group."""
    _record(ctx, BASELINE, measure_name, value, phase, date)


@baseline.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def baseline_import(ctx, file) -> None:
    """Import baseline figures from CSV (measure, value, phase, date)."""
    _import(ctx, file, BASELINE)


@click.group()
def impact() -> None:
    """Impact figures per group after launch, on the measures that have a baseline."""


@impact.command("add")
@click.argument("measure_name", metavar="MEASURE")
@click.argument("value")
@PHASE
@DATE
@click.pass_context
def impact_add(ctx, measure_name, value, phase, date) -> None:
    """Record an impact figure of MEASURE for a group (its baseline comes first)."""
    _record(ctx, IMPACT, measure_name, value, phase, date)


@impact.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def impact_import(ctx, file) -> None:
    """Import impact figures from CSV (measure, value, phase, date); bad rows are named."""
    _import(ctx, file, IMPACT)


def _import(ctx: click.Context, file: Path, kind: str) -> None:
    saved, errors = _value_service(ctx).import_readings(file, kind)
    click.echo(n_(saved, "saved {n} row", "saved {n} rows"))
    for error in errors[:100]:
        click.echo(error, err=True)
    if errors:
        ctx.exit(1)


@impact.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def impact_list(ctx, as_json) -> None:
    """Every baseline and impact figure, oldest first."""
    service = _value_service(ctx)
    found = service.readings()
    if as_json:
        click.echo(
            json_text.dumps(
                [
                    {
                        "measure": r.measure,
                        "phase": r.phase,
                        "kind": r.kind,
                        "date": r.date.isoformat(),
                        "value": r.value,
                    }
                    for r in found
                ]
            )
        )
        return
    if not found:
        click.echo(t("No figures yet"))
    today = service.workspace.today()
    days = [day_month(r.date, today) for r in found]
    width = max(map(len, days), default=0)
    for r, day in zip(found, days, strict=True):
        kind = t("Baseline") if r.kind == BASELINE else t("Impact")
        click.echo(
            f"{day:<{width}}  {r.phase:>2}  {kind:<9} {numbers.decimal(r.value):>10}  "
            f"{one_line(r.measure)}"
        )


# -- costs ---------------------------------------------------------------------


@click.group()
def cost() -> None:
    """One-off and recurring costs, each in the currency paid, with its rate."""


@cost.command("add")
@click.argument("label")
@click.option("--amount", required=True, help="0 or more, in the currency paid.")
@click.option("--currency", metavar="CODE", help="ISO 4217 code it is paid in (default USD).")
@click.option("--rate", help="Units of the organisation's currency per unit paid (e.g. 36.5).")
@click.option(
    "--per", type=click.Choice(["month", "year"]), help="A recurring cost: per month or year."
)
@click.option("--date", metavar="YYYY-MM-DD", callback=_date, help="Paid on, or counted from.")
@click.option("--phase", metavar="N", help="The phase it belongs to (default: shared).")
@click.pass_context
def cost_add(ctx, label, amount, currency, rate, per, date, phase) -> None:
    """Record a cost: one-off, or recurring with --per."""
    service = _value_service(ctx)
    c = service.add_cost(
        label, amount, currency=currency, rate=rate, per=per, date=date, phase=phase
    )
    line = cost_line(c, service.currency(), service.workspace.today())
    click.echo(t("Cost #{id} saved: {line}", id=c.id, line=one_line(line)))


@cost.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def cost_list(ctx, as_json) -> None:
    """Every cost, in the currency paid and in the organisation's."""
    service = _value_service(ctx)
    found = service.costs()
    home = service.currency()
    if as_json:
        click.echo(json_text.dumps(to_json(service.returns().total)["inputs"]["costs"]))
        return
    if not found:
        click.echo(t("No costs yet: launchtui cost add LABEL --amount X --currency USD --rate R"))
    today = service.workspace.today()
    for c in found:
        click.echo(f"#{c.id}  {one_line(cost_line(c, home, today))}")


# -- ROI and settings ----------------------------------------------------------


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--date", metavar="YYYY-MM-DD", callback=_date, help="As of this day (default today)."
)
@click.pass_context
def roi(ctx, as_json, date) -> None:
    """What each started phase returned, and the rollout in total, with the inputs."""
    service = _value_service(ctx)
    returns = service.returns(date)
    if not any(s for p in returns.phases for s in p.savings) and not any(
        r.kind == BASELINE for r in service.readings()
    ):
        from launchtui.services.workspace import UserError

        raise UserError(
            t("no baseline recorded yet: launchtui baseline add MEASURE VALUE [--phase N]")
        )
    if as_json:
        click.echo(
            json_text.dumps(
                {
                    "as_of": returns.as_of.isoformat(),
                    "phases": [to_json(p) for p in returns.phases],
                    "total": to_json(returns.total),
                }
            )
        )
        return
    for part in (*returns.phases, returns.total):
        click.echo(title(part))
        for line in result_lines(part):
            click.echo("  " + one_line(line))


@click.group()
def value() -> None:
    """Settings the value of a phase is worked out with."""


@value.command("settings")
@click.option(
    "--currency", metavar="CODE", help="The organisation's currency (ISO 4217, e.g. SRD)."
)
@click.option(
    "--hourly-cost", metavar="AMOUNT", help="What an hour of a person's time costs, in it."
)
@click.pass_context
def value_settings(ctx, currency, hourly_cost) -> None:
    """Show or set the organisation's currency and the hourly cost."""
    service = _value_service(ctx)
    if currency is not None or hourly_cost is not None:
        service.set_settings(currency, hourly_cost)
    found = service.settings()
    home = found.get("currency")
    click.echo(t("currency: {code}", code=home or t("not set")))
    hourly = found.get("hourly-cost")
    shown = numbers.money(float(hourly), home) if hourly else t("not set")
    click.echo(t("hourly cost: {money}", money=shown))


# -- reviews -------------------------------------------------------------------


@click.command()
@click.argument("which", type=click.Choice(["month1", "month3"]))
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html"]), help="Default: by -o's ending, else md."
)
@click.option(
    "-o", "--output", metavar="FILE", help="Write to this file (else to standard output)."
)
@click.pass_context
def review(ctx, which, fmt, output) -> None:
    """The month-1 or month-3 review: figures against the baseline, satisfaction,
    training needs, open issues, and at month 3 the ROI."""
    from launchtui.exporters.review import write_review

    service = _value_service(ctx)
    fmt = fmt or ("html" if output and output.lower().endswith((".html", ".htm")) else "md")
    if output is None:
        write_review(service, which, fmt, sys.stdout)
        return
    from launchtui.cli.issues import write_output

    write_output(
        ctx,
        output,
        lambda stream: write_review(service, which, fmt, stream),
        lambda _, path: t("Wrote the review to {path}", path=path),
    )


# -- objections ----------------------------------------------------------------


@click.group()
def objection() -> None:
    """Resistance heard: objections, the response used, whether it helped."""


@objection.command("add")
@click.option("--kind", required=True, type=click.Choice(OBJECTION_KINDS), help="Which objection.")
@PHASE
@click.option("--location", metavar="NAME", help="Where it was heard.")
@click.option("--person", metavar="NAME", help="Who said it (only if they agree to be named).")
@click.option("--said", metavar="TEXT", help="What was said, in a few words.")
@click.option("--response", metavar="TEXT", help="The response used (default: the suggested one).")
@click.option("--helped/--did-not-help", default=None, help="Whether the response helped.")
@DATE
@click.pass_context
def objection_add(ctx, kind, phase, location, person, said, response, helped, date) -> None:
    """Log an objection as you heard it."""
    starter = starter_text(kind)
    if response is None and starter is not None:
        response = starter[1]
    o = _value_service(ctx).add_objection(
        kind,
        phase=phase,
        location=location,
        person=person,
        said=said,
        response=response,
        helped=helped,
        date=date,
    )
    click.echo(t("Objection #{id} logged: {kind}", id=o.id, kind=kind_label(o.kind)))


@objection.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def objection_list(ctx, as_json) -> None:
    """Every objection heard, oldest first."""
    service = _value_service(ctx)
    found = service.objections()
    if as_json:
        click.echo(
            json_text.dumps(
                [
                    {
                        "id": o.id,
                        "kind": o.kind,
                        "phase": o.phase,
                        "location": o.location,
                        "person": o.person,
                        "said": o.said,
                        "response": o.response,
                        "helped": o.helped,
                        "date": o.date.isoformat(),
                        "outcome_date": o.outcome_date.isoformat() if o.outcome_date else None,
                        "outcome_note": o.outcome_note,
                    }
                    for o in found
                ]
            )
        )
        return
    if not found:
        click.echo(t("No objections logged yet"))
    today = service.workspace.today()
    for o in found:
        click.echo(_objection_line(o, today))
        if o.said:
            click.echo("    " + one_line(o.said))
        if o.outcome_date is not None:
            said = t(
                "{helped} (said on {date})",
                helped=_helped(o.helped),
                date=day_month(o.outcome_date, today),
            )
            note = f": {one_line(o.outcome_note)}" if o.outcome_note else ""
            click.echo(f"    {said}{note}")


def _helped(helped: bool | None) -> str:
    return {True: t("helped"), False: t("did not help"), None: t("not known")}[helped]


def _objection_line(o, today: dt.date) -> str:
    """'#3 5 Nov phase 1 · why change · helped · Nickerie': the latest word on it."""
    where = " · ".join(one_line(x) for x in (o.location, o.person) if x)
    return (
        f"#{o.id} {day_month(o.date, today)} "
        + t("phase {n}", n=o.phase)
        + f" · {kind_label(o.kind)} · {_helped(o.helped)}"
        + (f" · {where}" if where else "")
    )


@objection.command("helped")
@click.argument("objection_id", metavar="ID")
@click.argument("answer", metavar="yes|no")
@click.option("--note", metavar="TEXT", help="What you saw: why it helped or did not.")
@click.pass_context
def objection_helped(ctx, objection_id, answer, note) -> None:
    """Say later whether the response to objection ID helped (yes or no); the latest
    word stands, the earlier ones are kept."""
    o = _value_service(ctx).set_outcome(objection_id, answer, note)
    click.echo(t("Objection #{id}: {helped}", id=o.id, helped=_helped(o.helped)))


@objection.command("starters")
def objection_starters() -> None:
    """The guide's four common objections, each with a response that tends to work."""
    for kind in OBJECTION_KINDS:
        pair = starter_text(kind)
        if pair is None:
            continue
        click.echo(f"{kind}: {pair[0]}")
        click.echo(f"    {pair[1]}")
