"""`launchtui locations ...`: where the rollout happens, each with its clock and champion."""

from __future__ import annotations

import click

from launchtui.services.locations import LocationService
from launchtui.text import json_text
from launchtui.text.i18n import n_, t
from launchtui.text.present import day_label
from launchtui.text.safe import one_line


def _locations(ctx: click.Context) -> LocationService:
    from launchtui.cli.main import workspace

    return LocationService(workspace(ctx))


@click.group()
def locations() -> None:
    """The rollout's locations: time zone and local champion of each."""


@locations.command("add")
@click.argument("name")
@click.option("--tz", required=True, metavar="AREA/CITY", help="IANA time zone.")
@click.option("--champion", metavar="NAME", help="The local champion.")
@click.pass_context
def locations_add(ctx, name, tz, champion) -> None:
    """Add a location, or change its time zone or champion."""
    saved = _locations(ctx).save(name, tz, champion)
    click.echo(t("Location {name} saved ({tz})", name=one_line(saved.name), tz=saved.tz))


@locations.command("remove")
@click.argument("name")
@click.pass_context
def locations_remove(ctx, name) -> None:
    """Remove a location (its history stays)."""
    removed = _locations(ctx).remove(name)
    click.echo(t("Location {name} removed", name=one_line(removed.name)))


@locations.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def locations_list(ctx, as_json) -> None:
    """Each location with its local time, its today, and what is due there."""
    statuses = _locations(ctx).statuses()
    if as_json:
        click.echo(json_text.dumps(statuses_data(statuses)))
        return
    if not statuses:
        click.echo(
            t("No locations yet: add one with `launchtui locations add NAME --tz AREA/CITY`")
        )
    for s in statuses:
        champion = f" · {one_line(s.location.champion)}" if s.location.champion else ""
        click.echo(
            f"{one_line(s.location.name)} ({s.location.tz}{champion}) · "
            f"{s.local_now:%H:%M} {day_label(s.today)} · "
            + n_(
                s.ticks,
                "{due} due · {overdue} overdue · {ticks} tick",
                "{due} due · {overdue} overdue · {ticks} ticks",
                due=s.due_today,
                overdue=s.overdue,
                ticks=s.ticks,
            )
        )


def statuses_data(statuses) -> list[dict]:
    return [
        {
            "name": s.location.name,
            "tz": s.location.tz,
            "champion": s.location.champion,
            "local_time": s.local_now.isoformat(timespec="minutes"),
            "today": s.today.isoformat(),
            "due_today": s.due_today,
            "overdue": s.overdue,
            "ticks": s.ticks,
        }
        for s in statuses
    ]
