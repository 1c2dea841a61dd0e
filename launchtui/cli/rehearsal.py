"""`launchtui rehearsal ...`: your own rehearsal copy, the one `--today` on another day
works on (each coordinator has theirs: `launchtui.services.rehearsal.copy_path`)."""

from __future__ import annotations

from pathlib import Path

import click

from launchtui.services import rehearsal as copies
from launchtui.services.workspace import UserError
from launchtui.text.i18n import t


def _copy(ctx: click.Context) -> tuple[Path, Path]:
    settings = ctx.find_root().obj.settings
    return settings.shared_path, settings.rehearsal_copy


@click.group()
def rehearsal() -> None:
    """The rehearsal copy that --today on another day than today works on."""


@rehearsal.command("discard")
@click.pass_context
def rehearsal_discard(ctx) -> None:
    """Delete the rehearsal copy; the next rehearsal starts from the shared database."""
    _shared, copy = _copy(ctx)
    try:
        found = copies.discard(copy)
    except copies.RehearsalError as exc:
        raise UserError(str(exc)) from None
    if not found:
        raise UserError(t("no rehearsal to discard ({path} does not exist)", path=str(copy)))
    click.echo(t("Rehearsal discarded: {path} deleted", path=str(copy)))


@rehearsal.command("status")
@click.pass_context
def rehearsal_status(ctx) -> None:
    """Say whether there is a rehearsal copy, and where."""
    shared, copy = _copy(ctx)
    if copy.exists():
        click.echo(t("A rehearsal copy of {db} is in {path}", db=str(shared), path=str(copy)))
    else:
        click.echo(t("No rehearsal copy of {db}", db=str(shared)))
