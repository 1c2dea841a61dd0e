"""`launchtui note KEY TEXT`: a note on a checklist item, by its own author.

A note never re-records the tick: who ticked it, when and where stay as they were.
"""

from __future__ import annotations

import click

from launchtui.text.i18n import t


@click.command()
@click.argument("key")
@click.argument("text")
@click.pass_context
def note(ctx, key, text) -> None:
    """Add a note to a checklist item (anyone's tick or skip, or an open item)."""
    from launchtui.cli.main import workspace

    saved = workspace(ctx).note(key, text)
    click.echo(t("Note saved on {key}", key=saved.key))
