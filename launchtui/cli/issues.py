"""The command line of the issue log: `issue ...` and `export issues`.

Registered on `launchtui.cli.main.cli` at the end of that module. Nothing here imports
`launchtui.cli.main` at import time (that would be a cycle); its helpers are fetched when a
command runs. Every piece of user text printed passes through `safe_text` first.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterable
from typing import TextIO, TypeVar

import click

from launchtui.domain.issues import (
    SEVERITIES,
    STATUSES,
    Issue,
    event_summary,
    field_name,
    severity_meaning,
    tier_name,
)
from launchtui.exporters.issues import issue_dict
from launchtui.exporters.target import ExportTargetError, resolve_target
from launchtui.services.issues import EXPORT_FORMATS, IssueService
from launchtui.services.workspace import UserError
from launchtui.text import json_text
from launchtui.text.events import event_lines
from launchtui.text.i18n import t
from launchtui.text.issue_words import severity_name, status_name
from launchtui.text.safe import clean, one_line
from launchtui.text.times import local_time

T = TypeVar("T")


def _issues(ctx: click.Context) -> IssueService:
    from launchtui.cli.main import workspace

    return IssueService(workspace(ctx))


def _since(ctx, param, value):
    if value is None:
        return None
    from launchtui.cli.main import parse_date

    return parse_date(value, "--since")


def _tier(tier: int) -> str:
    return t("tier {n} ({name})", n=tier, name=tier_name(tier))


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
    new = _issues(ctx).add(title, severity, tier, detail, location, assignee)
    click.echo(
        t(
            "Logged issue #{id} ({severity}, {tier}): {title}",
            id=new.id,
            severity=severity_name(new.severity),
            tier=_tier(new.tier),
            title=one_line(new.title),
        )
    )
    if new.severity != "minor":
        click.echo(
            t(
                "Guide for {severity} issues: {meaning}",
                severity=severity_name(new.severity),
                meaning=severity_meaning(new.severity),
            )
        )


# The filters `issue list` and `export issues` share, defined once: `IssueService.filters`
# checks them, for both, and for the issues tab.
FILTER_OPTIONS = (
    click.option(
        "--status",
        metavar="open|workaround|resolved|unresolved",
        help="Only issues in this status (unresolved: open or worked around).",
    ),
    click.option(
        "--severity", metavar="minor|major|critical", help="Only issues of this severity."
    ),
    click.option("--tier", metavar="1-4", help="Only issues at this support tier."),
    click.option(
        "--search",
        metavar="TEXT",
        help="Only issues with this text in the title, detail, workaround, resolution, "
        "location or assignee.",
    ),
)


def filter_options(command: Callable[..., T]) -> Callable[..., T]:
    """--status, --severity, --tier and --search, in that order in the help."""
    for option in reversed(FILTER_OPTIONS):
        command = option(command)
    return command


@issue.command("list")
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    help="Only the first N issues in this order.",
)
@click.pass_context
def issue_list(ctx, status, severity, tier, search, as_json, limit) -> None:
    """The issues: unresolved first, critical first, oldest first."""
    service = _issues(ctx)
    filters = service.filters(status, severity, tier, search)  # checked before any output
    if as_json:
        _echo_json_array(service.iter_list(**filters, limit=limit))
        return
    found = service.list(**filters, limit=limit)
    if not found:
        filtered = any(v is not None for v in filters.values())
        click.echo(t("No issues match") if filtered else t("No issues logged yet"))
        return
    width = max(len(str(i.id)) for i in found) + 1
    # Every column as wide as its head or its widest word, in the language shown.
    heads = (t("severity"), t("status"), t("tier"), t("logged"), t("title"))
    sev = max(len(heads[0]), *(len(severity_name(s)) for s in SEVERITIES))
    stat = max(len(heads[1]), *(len(status_name(s)) for s in STATUSES))
    tier_width = len(heads[2])
    logged = max(len(heads[3]), len(local_time(found[0].created_at)))
    click.echo(
        f"{'#':>{width}}  {heads[0]:<{sev}}  {heads[1]:<{stat}}  {heads[2]:>{tier_width}}"
        f"  {heads[3]:<{logged}}  {heads[4]}"
    )
    for i in found:
        click.echo(
            f"{'#' + str(i.id):>{width}}  {severity_name(i.severity):<{sev}}"
            f"  {status_name(i.status):<{stat}}  {i.tier:>{tier_width}}"
            f"  {local_time(i.created_at)}  {one_line(i.title)}"
        )
    unresolved = sum(1 for i in found if i.is_open)
    total = len(found) if limit is None or len(found) < limit else service.count(**filters)
    if total > len(found):
        click.echo(
            t(
                "the first {n} of {total} issues, {unresolved} of them unresolved",
                n=len(found),
                total=total,
                unresolved=unresolved,
            )
        )
        return
    click.echo(t("{n} issues, {unresolved} unresolved", n=len(found), unresolved=unresolved))


def _echo_json_array(batches: Iterable[list[Issue]]) -> None:
    """Write the issues as `json_text.dumps([issue_dict(i, timeline=False), ...])` does,
    byte for byte, one batch at a time: never the whole list, nor the whole text, in memory.

    Each item is `dumps`'s indented object ("  {" + a line per field + "  }"), items
    joined by ",\n" inside "[\n" ... "\n]" (an empty list is "[]")."""
    started = False
    for batch in batches:
        if not batch:
            continue
        rows = [issue_dict(i, timeline=False) for i in batch]
        items = ",\n".join(map(_json_item if _flat(rows[0]) else _json_nested, rows))
        click.echo(json_text.escape_unsafe((",\n" if started else "[\n") + items), nl=False)
        started = True
    click.echo("\n]" if started else "[]")


def _flat(data: dict) -> bool:
    """Whether every field is text, a number or null (an issue without its timeline)."""
    return not any(isinstance(v, dict | list | tuple) for v in data.values())


def _json_item(data: dict) -> str:
    """Flat `data` as an item of an array indented by two, exactly as `json.dumps(...,
    indent=2)` writes it there: the C encoder with the line break and the indent in its
    item separator writes the same text, several times faster than the indenting (pure
    Python) encoder."""
    flat = json.dumps(data, ensure_ascii=False, separators=(",\n    ", ": "))
    return "  {\n    " + flat[1:-1] + "\n  }"


def _json_nested(data: dict) -> str:
    return "  " + json.dumps(data, indent=2, ensure_ascii=False).replace("\n", "\n  ")


@issue.command("show")
@click.argument("issue_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def issue_show(ctx, issue_id, as_json) -> None:
    """One issue with its whole timeline."""
    found = _issues(ctx).get(issue_id)
    if as_json:
        click.echo(json_text.dumps(issue_dict(found)))
        return
    for line in show_lines(found):
        click.echo(line)


def show_lines(i: Issue) -> list[str]:
    """An issue as plain lines, user text cleaned."""
    reported = t(
        "Reported by {who} on {when}",
        who=one_line(i.reporter.label()),
        when=local_time(i.created_at),
    )
    reported += " · " + (t("phase {n}", n=i.phase) if i.phase is not None else t("before phase 1"))
    if i.window:
        reported += " · " + t("window {id}", id=one_line(i.window))
    lines = [
        f"#{i.id} {one_line(i.title)}",
        t(
            "Severity: {severity} (guide: {meaning})",
            severity=severity_name(i.severity),
            meaning=severity_meaning(i.severity),
        ),
        t("Status: {status} · {tier}", status=status_name(i.status), tier=_tier(i.tier)),
        reported,
    ]
    if i.location:
        lines.append(t("Location: {text}", text=one_line(i.location)))
    if i.assignee:
        lines.append(t("Assignee: {text}", text=one_line(i.assignee)))
    if i.resolved_at:
        lines.append(t("Resolved on {when}", when=local_time(i.resolved_at)))
    for label, text in ((t("Detail:"), i.detail), (t("Workaround:"), i.workaround)):
        if text:
            lines.append(label)
            lines.extend("  " + line for line in clean(text).splitlines())
    if i.resolution:
        lines.append(t("Resolution:"))
        lines.extend("  " + line for line in clean(i.resolution).splitlines())
    lines.append(t("Timeline:"))
    for event in i.timeline:
        lines.extend(event_lines(event, [(one_line(event_summary(event)), ())]))
    return lines


@issue.command("edit")
@click.argument("issue_id", metavar="ID")
@click.option("--title", help="New title.")
@click.option("--detail", help="New detail ('' clears it).")
@click.option("--severity", metavar="minor|major|critical", help="New severity.")
@click.option("--location", help="New location ('' clears it).")
@click.option("--assignee", help="New assignee ('' clears it).")
@click.option("--tier", metavar="1-4", help="Correct the support tier (escalate moves it up).")
@click.pass_context
def issue_edit(ctx, issue_id, title, detail, severity, location, assignee, tier) -> None:
    """Change an issue's title, detail, severity, tier, location or assignee."""
    service = _issues(ctx)
    edited = service.edit(
        issue_id,
        title=title,
        detail=detail,
        severity=severity,
        location=location,
        assignee=assignee,
        tier=tier,
    )
    fields = ", ".join(field_name(name) for name in edited.timeline[-1].changes)
    click.echo(t("Edited #{id}: {fields}", id=edited.id, fields=fields))


@issue.command("escalate")
@click.argument("issue_id", metavar="ID")
@click.pass_context
def issue_escalate(ctx, issue_id) -> None:
    """Move an issue one support tier up (1 self-service ... 4 vendor)."""
    escalated = _issues(ctx).escalate(issue_id)
    click.echo(t("Escalated #{id} to {tier}", id=escalated.id, tier=_tier(escalated.tier)))


@issue.command("comment")
@click.argument("issue_id", metavar="ID")
@click.argument("text")
@click.pass_context
def issue_comment(ctx, issue_id, text) -> None:
    """Add a comment to an issue's timeline: what was tried, who was called."""
    commented = _issues(ctx).comment(issue_id, text)
    click.echo(t("Comment added to #{id}", id=commented.id))


@issue.command("workaround")
@click.argument("issue_id", metavar="ID")
@click.argument("text")
@click.pass_context
def issue_workaround(ctx, issue_id, text) -> None:
    """Record how people get around an issue; its status becomes `workaround`."""
    changed = _issues(ctx).workaround(issue_id, text)
    click.echo(
        t(
            "Recorded a workaround for #{id}; status: {status}",
            id=changed.id,
            status=status_name(changed.status),
        )
    )


@issue.command("resolve")
@click.argument("issue_id", metavar="ID")
@click.option("--resolution", help="What fixed it.")
@click.pass_context
def issue_resolve(ctx, issue_id, resolution) -> None:
    """Mark an issue resolved."""
    resolved = _issues(ctx).resolve(issue_id, resolution)
    click.echo(t("Resolved #{id}", id=resolved.id))


@issue.command("reopen")
@click.argument("issue_id", metavar="ID")
@click.pass_context
def issue_reopen(ctx, issue_id) -> None:
    """Open a resolved issue again."""
    reopened = _issues(ctx).reopen(issue_id)
    click.echo(t("Reopened #{id}", id=reopened.id))


# -- export --------------------------------------------------------------------


# `export issues` lives here; these load only when asked for (or listed, in --help).
_EXPORTS_ELSEWHERE = {
    "retro": "launchtui.cli.retro",
    "checklists": "launchtui.cli.paper",
    "calendar": "launchtui.cli.sessions",
}


class _ExportGroup(click.Group):
    """Loads the retro and checklist exporters only when one is asked for, so that
    `export issues` does not pay for the report and comms modules."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_EXPORTS_ELSEWHERE})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in _EXPORTS_ELSEWHERE and name not in self.commands:
            importlib.import_module(_EXPORTS_ELSEWHERE[name])  # registers on `export`
        return super().get_command(ctx, name)


# -o for every export: checked and written by `write_output`. Plain text, not a checked
# click.Path: a folder or "" gets one line of ours (exit 1), not a usage error.
OUTPUT_OPTION = click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write to this file (else to standard output).",
)


@click.group(cls=_ExportGroup)
def export() -> None:
    """Export the issue log as CSV, JSON or a Markdown report."""


@export.command("issues")
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="File format."
)
@OUTPUT_OPTION
@filter_options
@click.option(
    "--since", metavar="YYYY-MM-DD", callback=_since, help="Only issues logged or changed since."
)
@click.pass_context
def export_issues(ctx, fmt, output, status, since, severity, tier, search) -> None:
    """The issues (all, or those the filters keep); with their timelines in JSON and Markdown."""
    service = _issues(ctx)
    filters = {"severity": severity, "tier": tier, "text": search}
    if output is None:
        service.export(fmt, sys.stdout, status, since, **filters)  # CliRunner swaps stdout
        return
    write_output(
        ctx,
        output,
        lambda stream: service.export(fmt, stream, status, since, **filters),
        lambda count, path: t("Wrote {n} issues to {path}", n=count, path=path),
    )


def write_output(
    ctx: click.Context,
    output: str,
    write: Callable[[TextIO], T],
    said: Callable[[T, str], str],
) -> T:
    """Write an export to `output` (`-o`) through `launchtui.exporters.target`: never onto
    the shared database or its journals, atomically into a file, directly into a device or
    pipe. Then say so with `said(result, path)`: on standard error when the export went to
    a device, pipe or descriptor (`-o /dev/stdout`), where the line would join the data."""
    try:
        target = resolve_target(output, database=ctx.obj.settings.databases)
        result = target.write(write)
    except ExportTargetError as exc:
        raise UserError(str(exc)) from None
    click.echo(said(result, one_line(output)), err=target.direct)
    return result
