"""`launchtui locations ...`: where the rollout happens, each with its clock and champion."""

from __future__ import annotations

import click

from launchtui.domain.locations import DAY_CODES, Location
from launchtui.services.locations import LocationService
from launchtui.text import json_text
from launchtui.text.i18n import t
from launchtui.text.present import location_row, workdays_label
from launchtui.text.safe import one_line


def _locations(ctx: click.Context) -> LocationService:
    from launchtui.cli.main import workspace

    return LocationService(workspace(ctx))


@click.group()
def locations() -> None:
    """The rollout's locations: time zone and local champion of each."""


WORKDAYS_HELP = "Working days, e.g. mon-fri (the default), sun-thu or mon,tue,thu."


@locations.command("add")
@click.argument("name")
@click.option("--tz", required=True, metavar="AREA/CITY", help="IANA time zone.")
@click.option("--champion", metavar="NAME", help="The local champion (empty: none).")
@click.option("--workdays", metavar="DAYS", help=WORKDAYS_HELP)
@click.pass_context
def locations_add(ctx, name, tz, champion, workdays) -> None:
    """Add a location, or change its time zone, champion or working days; what is not
    given stays."""
    saved = _locations(ctx).save(name, tz, champion, workdays)
    _said(saved)


@locations.command("edit")
@click.argument("name")
@click.option("--tz", metavar="AREA/CITY", help="IANA time zone.")
@click.option("--champion", metavar="NAME", help="The local champion (empty: none).")
@click.option("--workdays", metavar="DAYS", help=WORKDAYS_HELP)
@click.pass_context
def locations_edit(ctx, name, tz, champion, workdays) -> None:
    """Change a location's time zone, champion or working days; the rest stays."""
    _said(_locations(ctx).edit(name, tz, champion, workdays))


def _said(saved: Location) -> None:
    click.echo(
        t(
            "Location {name} saved ({tz}, {days})",
            name=one_line(saved.name),
            tz=saved.tz,
            days=workdays_label(saved.workdays),
        )
    )


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
        click.echo(location_row(s))


def statuses_data(statuses) -> list[dict]:
    return [
        {
            "name": s.location.name,
            "tz": s.location.tz,
            "champion": s.location.champion,
            "workdays": [DAY_CODES[d] for d in s.location.workdays],
            "local_time": s.local_now.isoformat(timespec="minutes"),
            "today": s.today.isoformat(),
            "due_today": s.due_today,
            "overdue": s.overdue,
            "ticks": s.ticks,
        }
        for s in statuses
    ]
