"""`launchtui sessions ...`: training sessions and office hours, per location and zone."""

from __future__ import annotations

import sys
from typing import Any

import click

from launchtui.cli.issues import OUTPUT_OPTION, export, write_output
from launchtui.domain.sessions import Session
from launchtui.services.sessions import SessionService
from launchtui.services.workspace import UserError
from launchtui.text import json_text
from launchtui.text.i18n import n_, t
from launchtui.text.safe import one_line
from launchtui.text.schedule_text import session_line, session_said, status_word


def _sessions_service(ctx: click.Context) -> SessionService:
    from launchtui.cli.main import workspace

    return SessionService(workspace(ctx))


def _date(ctx, param, value):
    from launchtui.cli.main import _date_option

    return _date_option(ctx, param, value)


@click.group()
def sessions() -> None:
    """Training sessions and office hours: plan, add, move, cancel, mark held, list."""


@sessions.command("plan")
@click.option("--time", "at", default="10:00", metavar="HH:MM", help="Local start time.")
@click.option("--yes", is_flag=True, help="Save without asking (for scripts).")
@click.pass_context
def sessions_plan(ctx, at, yes) -> None:
    """Propose the guide's schedule (a training per phase and location, office hours in each
    phase's first two weeks) and save it once confirmed."""
    service = _sessions_service(ctx)
    proposed = service.propose(at)
    if not proposed:
        click.echo(t("Nothing to add: every session of the plan is saved already"))
        return
    click.echo("\n".join(plan_lines(proposed)))  # a year's plan: one write, not 2,000
    question = n_(len(proposed), "Save this {n} session?", "Save these {n} sessions?")
    if not yes:
        try:
            ok = click.confirm(question, default=False)
        except click.Abort:
            click.echo("", err=True)
            raise UserError(
                t("not saved: nobody answered; run it again with --yes to save without asking")
            ) from None
        if not ok:
            click.echo(t("Not saved"))
            return
    saved = service.save_plan(proposed)
    click.echo(n_(len(saved), "Saved {n} session", "Saved {n} sessions"))


def plan_lines(proposed: list[Session]) -> list[str]:
    """The proposal per location: its zone and host, then each session on its own line."""
    lines: list[str] = []
    by_place: dict[str, list[Session]] = {}
    for s in proposed:
        by_place.setdefault(s.location, []).append(s)
    for place, items in by_place.items():
        host = items[0].host or t("no champion")
        lines.append(f"{one_line(place)} ({items[0].tz}) · {one_line(host)}")
        lines.extend("  " + session_line(s) for s in items)
    return lines


@sessions.command("add")
@click.argument("kind", metavar="training|office-hour")
@click.option("--location", "location", required=True, metavar="NAME", help="Where.")
@click.option("--date", "date", required=True, callback=_date, help="The day (YYYY-MM-DD).")
@click.option("--time", "at", required=True, metavar="HH:MM", help="Local start time there.")
@click.option("--phase", type=int, help="The phase whose group it serves.")
@click.option("--minutes", type=int, help="Length (training 90, office hour 60).")
@click.option("--host", metavar="NAME", help="Who hosts it (else the location's champion).")
@click.option("--place", metavar="TEXT", help="A room or a meeting link.")
@click.pass_context
def sessions_add(ctx, kind, location, date, at, phase, minutes, host, place) -> None:
    """Add one training session or office hour."""
    saved = _sessions_service(ctx).add(
        kind, location, date, at, phase=phase, minutes=minutes, host=host, place=place
    )
    click.echo(t("Added session #{id}: {what}", id=saved.id, what=session_said(saved)))


@sessions.command("move")
@click.argument("session_id", metavar="ID", type=int)
@click.option("--date", "date", required=True, callback=_date, help="The new day.")
@click.option("--time", "at", required=True, metavar="HH:MM", help="The new local time.")
@click.pass_context
def sessions_move(ctx, session_id, date, at) -> None:
    """Move a planned session to another day or time (its own location's clock)."""
    moved = _sessions_service(ctx).move(session_id, date, at)
    click.echo(t("Moved session #{id}: {what}", id=moved.id, what=session_said(moved)))


@sessions.command("cancel")
@click.argument("session_id", metavar="ID", type=int)
@click.pass_context
def sessions_cancel(ctx, session_id) -> None:
    """Cancel a planned session (calendars show it cancelled)."""
    cancelled = _sessions_service(ctx).cancel(session_id)
    click.echo(t("Cancelled session #{id}: {what}", id=cancelled.id, what=session_said(cancelled)))


@sessions.command("held")
@click.argument("session_id", metavar="ID", type=int)
@click.option("--attended", type=int, help="How many of the phase's group came.")
@click.pass_context
def sessions_held(ctx, session_id, attended) -> None:
    """Mark a session held; a training's attendance counts towards training completion."""
    session, tick = _sessions_service(ctx).held(session_id, attended)
    click.echo(t("Session #{id} held: {what}", id=session.id, what=session_said(session)))
    if tick is not None:
        click.echo(t("Ticked {key}", key=tick.key))


@sessions.command("list")
@click.option("--location", metavar="NAME", help="Only this location's sessions.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def sessions_list(ctx, location, as_json) -> None:
    """Every session in start order, each in its location's own time."""
    found = _sessions_service(ctx).all(location)
    if as_json:
        click.echo(json_text.dumps([session_data(s) for s in found]))
        return
    if not found:
        click.echo(t("No sessions yet: `launchtui sessions plan` proposes the guide's schedule"))
    for s in found:
        status = "" if s.status == "planned" else f"  [{status_word(s.status)}]"
        attended = "" if s.attended is None else "  " + t("{n} attended", n=s.attended)
        host = f"  {one_line(s.host)}" if s.host else ""
        click.echo(f"#{s.id}  {one_line(s.location)}  {session_line(s)}{host}{status}{attended}")


@sessions.command("headcount")
@click.argument("headcount", type=int)
@click.pass_context
def sessions_headcount(ctx, headcount) -> None:
    """How many people the rollout moves: each group's size is its share of it."""
    rollout = _sessions_service(ctx).set_headcount(headcount)
    click.echo(t("Headcount set to {n}", n=rollout.team_size))


def session_data(s: Session) -> dict[str, Any]:
    return {
        "id": s.id,
        "phase": s.phase,
        "location": s.location,
        "kind": s.kind,
        "start": s.start.isoformat(timespec="minutes"),
        "tz": s.tz,
        "start_utc": s.start_utc.isoformat(timespec="minutes"),
        "minutes": s.minutes,
        "host": s.host,
        "place": s.place,
        "status": s.status,
        "attended": s.attended,
    }


@export.command("calendar")
@click.option("--location", metavar="NAME", help="Only this location's sessions.")
@OUTPUT_OPTION
@click.pass_context
def export_calendar(ctx, location, output) -> None:
    """The calendar (.ics): sessions in their own zones, phase starts, decisions, due dates.

    Import it into Outlook or Google Calendar; importing it again updates the events."""
    service = _sessions_service(ctx)
    if output is None:
        service.write_calendar(sys.stdout, location)
        return
    write_output(
        ctx,
        output,
        lambda stream: service.write_calendar(stream, location),
        lambda count, path: n_(
            count, "Wrote {n} event to {path}", "Wrote {n} events to {path}", path=path
        ),
    )
