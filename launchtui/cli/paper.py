"""The offline plan on the command line: `export checklists` to paper, `history` of ticks.

Ticks made on paper are typed in later with `tick KEY --at TIME`; `history` shows them
as entered late, with both times.
"""

from __future__ import annotations

import sys

import click

from launchtui.cli.issues import OUTPUT_OPTION, export, write_output
from launchtui.domain.ticks import TickEvent, TickNote
from launchtui.exporters.paper import PAPER_FORMATS, write_paper
from launchtui.services.workspace import UserError
from launchtui.text import json_text
from launchtui.text.i18n import t


@export.command("checklists")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(PAPER_FORMATS),
    default="md",
    show_default=True,
    help="Markdown, or HTML to print from a browser.",
)
@click.option("--window", "window_id", metavar="ID", help="Only this window (e.g. first-week).")
@OUTPUT_OPTION
@click.pass_context
def export_checklists(ctx, fmt, window_id, output) -> None:
    """The checklists on paper: boxes, owners, due dates and keys, for an outage."""
    from launchtui.cli.main import workspace

    ws = workspace(ctx)
    status = ws.status()
    windows = list(status.windows)
    if window_id is not None:
        windows = [w for w in windows if w.id == window_id]
        if not windows:
            known = ", ".join(w.id for w in status.windows)
            raise UserError(
                t("unknown window '{id}' (windows: {known})", id=window_id, known=known)
            )
    lang = ws.settings.lang
    if output is None:
        write_paper(fmt, status, windows, lang, sys.stdout)
        return
    write_output(
        ctx,
        output,
        lambda stream: write_paper(fmt, status, windows, lang, stream),
        lambda count, path: t("Wrote {n} items to {path}", n=count, path=path),
    )


@click.command()
@click.argument("key", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def history(ctx, key, as_json) -> None:
    """Every tick, untick and skip (of KEY), with who, when, and when it was entered."""
    from launchtui.cli.main import local_zone, workspace
    from launchtui.text.tick_history import history_lines

    ws = workspace(ctx)
    log = ws.history(key)
    zone = local_zone(ws)
    if as_json:
        click.echo(json_text.dumps([_row(e) for e in log]))
        return
    if not log:
        click.echo(t("Nothing ticked yet"))
    for line in history_lines(log, zone):
        click.echo(line)


def _row(e: TickEvent | TickNote) -> dict[str, object]:
    """One line of `history --json`: a tick event, a note, or the undo of a note."""
    if isinstance(e, TickNote):
        return {
            "id": e.id,
            "key": e.key,
            "action": "note-undo" if e.undo_of else "note",
            "by": e.actor.name,
            "login": e.actor.login,
            "at": e.at.isoformat(),
            "recorded_at": e.at.isoformat(),
            "entered_late": False,
            "note": e.text,
            "undo_of": e.undo_of,
            "location": e.location,
            "exception": None,
        }
    return {
        "id": e.id,
        "key": e.key,
        "action": e.action,
        "by": e.actor.name,
        "login": e.actor.login,
        "at": e.at.isoformat(),
        "recorded_at": e.recorded_at.isoformat(),
        "entered_late": e.entered_late,
        "note": e.note,
        "undo_of": e.undo_of,
        "location": e.location,
        "exception": e.exception.to_json() if e.exception else None,
    }
