"""`launchtui doctor`: one line per check of the database file, its folder and the machine."""

from __future__ import annotations

import click

from launchtui.services.doctor import exit_code, run_checks


@click.command()
@click.pass_context
def doctor(ctx: click.Context) -> None:
    """Check permissions, journal mode, integrity, schema and free disk of the database.

    Prints "ok|WARN|FAIL  check: detail — what to do" per check; exits 1 on any FAIL.
    Reads only: it never changes the database.
    """
    checks = run_checks(ctx.obj.settings.db_path)
    for check in checks:
        click.echo(check.line())
    ctx.exit(exit_code(checks))
