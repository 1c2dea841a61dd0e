"""The command line of the issue log: `issue ...` and `export issues`.

Registered on `launchtui.cli.cli` at the end of that module. Nothing here imports
`launchtui.cli` at import time (that would be a cycle); its helpers are fetched when a
command runs. Every piece of user text printed passes through `safe_text` first.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import click

from launchtui.domain.issues import SEVERITY_MEANINGS, TIERS, Issue, event_summary
from launchtui.export import issue_dict
from launchtui.issue_desk import EXPORT_FORMATS, IssueDesk
from launchtui.safe_text import clean, one_line
from launchtui.workspace import UserError


def _desk(ctx: click.Context) -> IssueDesk:
    from launchtui.cli import workspace

    return IssueDesk(workspace(ctx))


def _since(ctx, param, value):
    if value is None:
        return None
    from launchtui.cli import parse_date

    return parse_date(value, "--since")


def _local(moment: dt.datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def _tier(tier: int) -> str:
    return f"tier {tier} ({TIERS[tier]})"


# -- issue ---------------------------------------------------------------------


@click.group()
def issue() -> None:
    """Log issues, record workarounds, escalate through the support tiers, resolve them."""


@issue.command("add")
@click.option("--title", required=True, help="One line saying what goes wrong.")
@click.option("--severity", required=True, metavar="minor|major|critical", help="How bad it is.")
@click.option("--tier", default="1", metavar="1-4", show_default=True, help="Support tier.")
@click.option("--detail", help="What happens, for whom, how to reproduce (several lines).")
@click.option("--location", help="Where it happens (office, region).")
@click.option("--assignee", help="Who works on it.")
@click.pass_context
def issue_add(ctx, title, severity, tier, detail, location, assignee) -> None:
    """Log a new issue in the current phase and checklist window."""
    new = _desk(ctx).add(title, severity, tier, detail, location, assignee)
    click.echo(f"Logged issue #{new.id} ({new.severity}, {_tier(new.tier)}): {one_line(new.title)}")
    if new.severity != "minor":
        click.echo(f"Guide for {new.severity} issues: {SEVERITY_MEANINGS[new.severity]}")


@issue.command("list")
@click.option(
    "--status",
    metavar="open|workaround|resolved|unresolved",
    help="Only issues in this status (unresolved: open or worked around).",
)
@click.option("--severity", metavar="minor|major|critical", help="Only issues of this severity.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def issue_list(ctx, status, severity, as_json) -> None:
    """The issues: unresolved first, critical first, oldest first."""
    found = _desk(ctx).list(status=status, severity=severity)
    if as_json:
        data = [issue_dict(i, timeline=False) for i in found]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo("No issues" + (" match" if status or severity else " logged yet"))
        return
    width = max(len(str(i.id)) for i in found) + 1
    click.echo(f"{'#':>{width}}  severity  status      tier  logged            title")
    for i in found:
        click.echo(
            f"{'#' + str(i.id):>{width}}  {i.severity:<8}  {i.status:<10}  {i.tier:>4}"
            f"  {_local(i.created_at)}  {one_line(i.title)}"
        )
    unresolved = sum(1 for i in found if i.is_open)
    click.echo(f"{len(found)} issues, {unresolved} unresolved")


@issue.command("show")
@click.argument("issue_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def issue_show(ctx, issue_id, as_json) -> None:
    """One issue with its whole timeline."""
    found = _desk(ctx).get(issue_id)
    if as_json:
        click.echo(json.dumps(issue_dict(found), indent=2, ensure_ascii=False))
        return
    for line in show_lines(found):
        click.echo(line)


def show_lines(i: Issue) -> list[str]:
    """An issue as plain lines, user text cleaned."""
    lines = [
        f"#{i.id} {one_line(i.title)}",
        f"Severity: {i.severity} (guide: {i.meaning})",
        f"Status: {i.status} · {_tier(i.tier)}",
        f"Reported by {one_line(i.reporter.label())} on {_local(i.created_at)}"
        + (f" · phase {i.phase}" if i.phase is not None else " · before phase 1")
        + (f" · window {one_line(i.window)}" if i.window else ""),
    ]
    if i.location:
        lines.append(f"Location: {one_line(i.location)}")
    if i.assignee:
        lines.append(f"Assignee: {one_line(i.assignee)}")
    if i.resolved_at:
        lines.append(f"Resolved on {_local(i.resolved_at)}")
    for label, text in (("Detail", i.detail), ("Workaround", i.workaround)):
        if text:
            lines.append(f"{label}:")
            lines.extend("  " + line for line in clean(text).splitlines())
    if i.resolution:
        lines.append("Resolution:")
        lines.extend("  " + line for line in clean(i.resolution).splitlines())
    lines.append("Timeline:")
    for event in i.timeline:
        lines.append(
            f"  {_local(event.at)}  {one_line(event.actor.label())}  "
            f"{one_line(event_summary(event))}"
        )
    return lines


@issue.command("edit")
@click.argument("issue_id", metavar="ID")
@click.option("--title", help="New title.")
@click.option("--detail", help="New detail ('' clears it).")
@click.option("--severity", metavar="minor|major|critical", help="New severity.")
@click.option("--location", help="New location ('' clears it).")
@click.option("--assignee", help="New assignee ('' clears it).")
@click.pass_context
def issue_edit(ctx, issue_id, title, detail, severity, location, assignee) -> None:
    """Change an issue's title, detail, severity, location or assignee."""
    desk = _desk(ctx)
    edited = desk.edit(
        issue_id,
        title=title,
        detail=detail,
        severity=severity,
        location=location,
        assignee=assignee,
    )
    fields = ", ".join(edited.timeline[-1].changes)
    click.echo(f"Edited #{edited.id}: {fields}")


@issue.command("escalate")
@click.argument("issue_id", metavar="ID")
@click.pass_context
def issue_escalate(ctx, issue_id) -> None:
    """Move an issue one support tier up (1 self-service ... 4 vendor)."""
    escalated = _desk(ctx).escalate(issue_id)
    click.echo(f"Escalated #{escalated.id} to {_tier(escalated.tier)}")


@issue.command("workaround")
@click.argument("issue_id", metavar="ID")
@click.argument("text")
@click.pass_context
def issue_workaround(ctx, issue_id, text) -> None:
    """Record how people get around an issue; its status becomes `workaround`."""
    changed = _desk(ctx).workaround(issue_id, text)
    click.echo(f"Recorded a workaround for #{changed.id}; status: {changed.status}")


@issue.command("resolve")
@click.argument("issue_id", metavar="ID")
@click.option("--resolution", help="What fixed it.")
@click.pass_context
def issue_resolve(ctx, issue_id, resolution) -> None:
    """Mark an issue resolved."""
    resolved = _desk(ctx).resolve(issue_id, resolution)
    click.echo(f"Resolved #{resolved.id}")


@issue.command("reopen")
@click.argument("issue_id", metavar="ID")
@click.pass_context
def issue_reopen(ctx, issue_id) -> None:
    """Open a resolved issue again."""
    reopened = _desk(ctx).reopen(issue_id)
    click.echo(f"Reopened #{reopened.id}")


# -- export --------------------------------------------------------------------


@click.group()
def export() -> None:
    """Export the issue log as CSV, JSON or a Markdown report."""


@export.command("issues")
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="File format."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (else to standard output).",
)
@click.option(
    "--status",
    metavar="open|workaround|resolved|unresolved",
    help="Only issues in this status (unresolved: open or worked around).",
)
@click.option(
    "--since", metavar="YYYY-MM-DD", callback=_since, help="Only issues logged or changed since."
)
@click.pass_context
def export_issues(ctx, fmt, output, status, since) -> None:
    """Every issue (one row each in CSV; with its timeline in JSON and Markdown)."""
    desk = _desk(ctx)
    if output is None:
        desk.export(fmt, click.get_text_stream("stdout"), status, since)
        return
    count = _write_file(output, lambda stream: desk.export(fmt, stream, status, since))
    click.echo(f"Wrote {count} issues to {one_line(str(output))}")


def _write_file(path: Path, write) -> int:
    """Write through a temporary file beside `path`, then put it in place: never half a file."""
    folder = path.parent
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"{path}: {exc.strerror or exc}") from None
    try:
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            count = write(stream)
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise UserError(f"{path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
