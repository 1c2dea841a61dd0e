"""Pure writers of the issue log to a text stream: CSV, JSON and Markdown.

No Textual, no Rich, no SQL: they take rows or `Issue` objects and a stream.

- CSV keeps the stored text, except that a cell a spreadsheet would run as a formula
  gets a leading single quote (OWASP, CSV injection) and control characters show as
  U+FFFD (`launchtui.text.safe.clean`: line breaks and tabs stay), so that printing or
  `cat`-ing it cannot steer a terminal; SQLite renders the issue rows
  (`launchtui.store.csv_lines`), this module cleans and writes them.
- JSON keeps every field and the timeline exactly; `issue_from_dict` loads it back. The
  characters that would act on a terminal are `\\u` escapes (`launchtui.text.json_text`).
- Markdown is a report to read: grouped by severity, critical first, each issue with
  its timeline; control characters are replaced and Markdown syntax is escaped so
  user text can neither steer the terminal nor break the layout. Its headings and
  labels are in the current language (`launchtui.text.i18n`); CSV and JSON keep the stored
  values and English keys, so scripts read them alike in every language.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from launchtui.domain.issues import (
    ISSUE_FIELDS,
    SEVERITIES,
    Issue,
    IssueEvent,
    event_summary,
    severity_meaning,
    severity_rank,
    tier_name,
)
from launchtui.domain.rollout import Actor
from launchtui.exporters.events import event_dict, event_from_dict
from launchtui.text import json_text
from launchtui.text.i18n import t
from launchtui.text.issue_words import severity_name, status_name
from launchtui.text.safe import clean, clean_crlf_lines, one_line
from launchtui.text.times import iso, utc_stamp

JSON_FORMAT = "launchtui-issues"
JSON_VERSION = 1

# -- CSV -----------------------------------------------------------------------


def write_csv_lines(
    batches: Iterable[list[str]], stream: TextIO, header: tuple[str, ...] = ISSUE_FIELDS
) -> int:
    """One header line, then the rows, already rendered as CSV lines without their line
    ends (`IssueLog.iter_csv_batches`), their control characters replaced as
    `safe_text.clean` does (a line break in a quoted cell stays); returns how many rows.

    Lines end in CRLF, as `csv.writer`'s do; open files with ``newline=""`` so that a
    line break inside a quoted cell is written as stored.
    """
    stream.write(",".join(header) + "\r\n")
    count = 0
    for batch in batches:
        stream.write(clean_crlf_lines(batch))
        count += len(batch)
    return count


# -- JSON ----------------------------------------------------------------------


def issue_dict(issue: Issue, *, timeline: bool = True) -> dict[str, Any]:
    """Every field of `issue` under its `ISSUE_FIELDS` name, plus `timeline` if asked."""
    data: dict[str, Any] = {
        "id": issue.id,
        "title": issue.title,
        "detail": issue.detail,
        "severity": issue.severity,
        "tier": issue.tier,
        "status": issue.status,
        "workaround": issue.workaround,
        "resolution": issue.resolution,
        "phase": issue.phase,
        "window": issue.window,
        "location": issue.location,
        "assignee": issue.assignee,
        "reporter": issue.reporter.name,
        "reporter_login": issue.reporter.login,
        "created_at": iso(issue.created_at),
        "updated_at": iso(issue.updated_at),
        "resolved_at": iso(issue.resolved_at),
    }
    if timeline:
        data["timeline"] = [event_dict(e) for e in issue.timeline]
    return data


def issue_from_dict(data: Mapping[str, Any]) -> Issue:
    """The `Issue` that `issue_dict` wrote (the JSON export read back)."""

    def moment(key: str) -> dt.datetime | None:
        value = data.get(key)
        return dt.datetime.fromisoformat(value) if value else None

    return Issue(
        id=data["id"],
        title=data["title"],
        detail=data.get("detail"),
        severity=data["severity"],
        tier=data["tier"],
        status=data["status"],
        workaround=data.get("workaround"),
        resolution=data.get("resolution"),
        phase=data.get("phase"),
        window=data.get("window"),
        location=data.get("location"),
        assignee=data.get("assignee"),
        reporter=Actor(data["reporter"], data["reporter_login"]),
        created_at=moment("created_at"),
        updated_at=moment("updated_at"),
        resolved_at=moment("resolved_at"),
        timeline=tuple(event_from_dict(IssueEvent, e) for e in data.get("timeline", ())),
    )


def write_issues_json(
    issues: Iterable[Issue], stream: TextIO, meta: Mapping[str, Any] | None = None
) -> int:
    """{"format", "version", **meta, "issues": [...]}, streamed `_JSON_BATCH` issues at a
    time, each batch made safe to print at once (`json_text.escape_unsafe`).

    Returns the count."""
    head = {"format": JSON_FORMAT, "version": JSON_VERSION, **(meta or {})}
    lines = [f"  {_ENCODE(key)}: {_ENCODE(value)},\n" for key, value in head.items()]
    stream.write(json_text.escape_unsafe("{\n" + "".join(lines) + '  "issues": ['))
    count = 0
    pending: list[str] = []
    for issue in issues:
        pending.append(("," if count else "") + "\n    " + _issue_json(issue_dict(issue)))
        count += 1
        if len(pending) == _JSON_BATCH:
            stream.write(json_text.escape_unsafe("".join(pending)))
            pending.clear()
    stream.write(json_text.escape_unsafe("".join(pending)))
    stream.write("\n  ]\n}\n" if count else "]\n}\n")
    return count


# The C encoder, as `json_text.dumps` would use it without indent; its output is escaped a
# batch of issues at a time: a fraction of the cost of escaping each issue on its own, and
# a batch small enough to stay in the CPU's cache.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_JSON_BATCH = 64


def _issue_json(data: dict[str, Any]) -> str:
    """An issue's fields on one line, then its timeline one event a line.

    `json.dumps(indent=...)` falls back to the pure-Python encoder, several times slower
    over 100,000 issues; this layout needs only the C encoder.
    """
    if "timeline" not in data:
        return _ENCODE(data)
    fields = _ENCODE({k: v for k, v in data.items() if k != "timeline"})
    events = ",\n".join("      " + _ENCODE(e) for e in data["timeline"])
    tail = f"[\n{events}\n    ]" if events else "[]"
    return f'{fields[:-1]}, "timeline": {tail}}}'


# -- Markdown ------------------------------------------------------------------

# Inline syntax (emphasis, code, links, HTML, tables, strike-through, headings' closing
# hashes) anywhere; entity references; block syntax at the start of a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~#])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_LINE_START = re.compile(r"^([-+=>]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """One line of user text made literal in Markdown (control characters already replaced)."""
    text = _MD_ENTITY.sub(r"\\&", _MD_INLINE.sub(r"\\\1", text))
    return _MD_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    mark = match.group(1)
    return mark + "\\" if mark[0].isdigit() else "\\" + mark


def md_inline(text: str | None) -> str:
    """User text for a heading or list item: one line, cleaned, escaped."""
    return md_escape(one_line(text or ""))


def md_block(text: str) -> str:
    """Multi-line user text as paragraphs whose line breaks stay line breaks."""
    lines = [md_escape(line.strip()) for line in clean(text).split("\n")]
    out = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        out.append(line + "\\" if line and following else line)
    return "\n".join(out).strip("\n")


def _who(actor: Actor) -> str:
    return md_inline(actor.label())


def write_issues_markdown(
    issues: Iterable[Issue], stream: TextIO, title: str, subtitle: str | None = None
) -> int:
    """A report grouped by severity, critical first; in each group unresolved first, then
    oldest first; every issue with its timeline. Returns the count."""
    by_severity: dict[str, list[Issue]] = {s: [] for s in SEVERITIES}
    for issue in issues:
        by_severity[issue.severity].append(issue)
    total = sum(len(group) for group in by_severity.values())
    unresolved = sum(1 for group in by_severity.values() for i in group if i.is_open)
    stream.write(f"# {md_inline(title)}\n\n")
    if subtitle:
        stream.write(f"{md_inline(subtitle)}\n\n")
    counts = t(
        "{n} issues: {unresolved} unresolved, {resolved} resolved.",
        n=total,
        unresolved=unresolved,
        resolved=total - unresolved,
    )
    stream.write(counts + "\n")
    none = {
        "critical": t("No critical issues."),
        "major": t("No major issues."),
        "minor": t("No minor issues."),
    }
    for severity in sorted(SEVERITIES, key=severity_rank):
        group = sorted(by_severity[severity], key=lambda i: (not i.is_open, i.created_at, i.id))
        open_here = sum(1 for i in group if i.is_open)
        head = t(
            "{severity} ({n}, {unresolved} unresolved)",
            severity=severity_name(severity).capitalize(),
            n=len(group),
            unresolved=open_here,
        )
        stream.write(f"\n## {head}\n\n")
        stream.write(t("Guide: {meaning}.", meaning=severity_meaning(severity)) + "\n")
        if not group:
            stream.write(f"\n{none.get(severity, severity)}\n")
        for issue in group:
            _write_issue(issue, stream)
    return total


def _write_issue(issue: Issue, stream: TextIO) -> None:
    w = stream.write
    w(f"\n### #{issue.id} {md_inline(issue.title)}\n\n")
    status = status_name(issue.status)
    if issue.resolved_at is not None:
        status += f" ({utc_stamp(issue.resolved_at)})"
    w(f"- {t('Status')}: {status}\n")
    w(f"- {t('Support tier')}: {issue.tier} ({tier_name(issue.tier)})\n")
    w(f"- {t('Reported by')}: {_who(issue.reporter)}, {utc_stamp(issue.created_at)}\n")
    logged_in = [t("phase {n}", n=issue.phase) if issue.phase is not None else t("before phase 1")]
    if issue.window:
        logged_in.append(t("window {id}", id=md_inline(issue.window)))
    w(f"- {t('Logged in')}: {', '.join(logged_in)}\n")
    if issue.location:
        w(f"- {t('Location')}: {md_inline(issue.location)}\n")
    if issue.assignee:
        w(f"- {t('Assignee')}: {md_inline(issue.assignee)}\n")
    w(f"- {t('Last change')}: {utc_stamp(issue.updated_at)}\n")
    for label, text in (
        (t("Detail:"), issue.detail),
        (t("Workaround:"), issue.workaround),
        (t("Resolution:"), issue.resolution),
    ):
        if text:
            w(f"\n**{label}**\n\n{md_block(text)}\n")
    if issue.timeline:
        w(f"\n**{t('Timeline:')}**\n\n")
        for event in issue.timeline:
            summary = md_inline(event_summary(event))
            w(f"- {utc_stamp(event.at)} · {_who(event.actor)} · {summary}\n")
