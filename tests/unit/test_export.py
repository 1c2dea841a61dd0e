"""The pure export writers: CSV (formula-safe), JSON (loads back), Markdown (readable, escaped)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from launchtui.domain.issues import (
    ISSUE_FIELDS,
    Issue,
    IssueEvent,
    fold,
    validate_text,
    validate_title,
)
from launchtui.domain.rollout import Actor
from launchtui.exporters.issues import (
    issue_dict,
    issue_from_dict,
    md_block,
    md_escape,
    write_csv_lines,
    write_issues_json,
    write_issues_markdown,
)
from launchtui.exporters.spreadsheet import FORMULA_STARTS, csv_safe
from launchtui.store import Store
from launchtui.store.issue_log import IssueLog
from launchtui.text.safe import clean

ANA = Actor("ana", "ana")
ROB = Actor("rob", "rsmith")
T0 = dt.datetime(2026, 11, 7, 9, 0, tzinfo=dt.UTC)
MARKUP = "[bold]x[/"
CLICK = "[@click=app.quit]x[/]"
ESCAPE = "\x1b[2J"
HUGE = "é" * 50_000


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def issue(issue_id: int, severity: str = "major", title: str = "Login fails", **changes) -> Issue:
    first = {
        "title": title,
        "detail": changes.pop("detail", None),
        "severity": severity,
        "tier": 1,
        "status": "open",
        "phase": 1,
        "window": "first-week",
        "location": changes.pop("location", None),
        "assignee": None,
    }
    events = [IssueEvent(issue_id * 10, issue_id, "logged", ANA, at(issue_id), first)]
    if changes.pop("escalated", False):
        events.append(
            IssueEvent(issue_id * 10 + 1, issue_id, "escalated", ROB, at(30), {"tier": 2})
        )
    if "workaround" in changes:
        text = changes.pop("workaround")
        events.append(
            IssueEvent(
                issue_id * 10 + 2,
                issue_id,
                "workaround",
                ROB,
                at(40),
                {"workaround": text, "status": "workaround"},
            )
        )
    if "resolution" in changes:
        events.append(
            IssueEvent(
                issue_id * 10 + 3,
                issue_id,
                "resolved",
                ANA,
                at(50),
                {"status": "resolved", "resolution": changes.pop("resolution")},
            )
        )
    assert not changes
    return fold(events)


# -- CSV -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+41 22", "'+41 22"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        (" =1", " =1"),
        ("", ""),
        (None, None),
        (7, 7),
        ("plain", "plain"),
    ],
)
def test_csv_safe(cell, safe):
    assert csv_safe(cell) == safe


@pytest.fixture
def log(tmp_path: Path) -> Iterator[IssueLog]:
    store = Store.open(tmp_path / "export.db")
    yield store.issues
    store.close()


def export_csv(log: IssueLog, **filters) -> tuple[int, str]:
    out = io.StringIO(newline="")
    count = write_csv_lines(log.iter_csv_batches(**filters, size=2), out)
    return count, out.getvalue()


HOSTILE = [
    '=HYPERLINK("http://evil","click")',
    "line 1\nline 2\r\nline 3",
    "@cmd",
    "-Nickerie",
    "+1 call",
    "\tTab first",
    "\rCR first",
    'say "hi", then, leave',
    f"{MARKUP} {CLICK} {ESCAPE}",
    "naïve Ünïcode — 中文 🚀",
    "'already quoted",
    " =not first",
    HUGE,
]


def test_csv_reads_back_every_stored_text_exactly_with_formulas_neutralised(log: IssueLog):
    """The SQL-rendered CSV, read by the csv module, gives back each stored value, with
    `csv_safe` applied and control characters shown as U+FFFD (`clean`, issue 13): the
    oracle is the issue itself, folded from its events."""
    reporters = [Actor("=evil", "+login"), ANA]
    for n, text in enumerate(HOSTILE):
        issue = log.add(
            text,
            "major",
            reporters[n % 2],
            at(n),
            tier=1 + n % 4,
            detail=HOSTILE[-1 - n] if n % 3 else None,
            location=text[:80] if n % 2 else None,
            assignee="@service" if n % 2 else None,
            phase=n if n % 2 else None,
            window="=w" if n == 1 else "first-week",
        )
        if n % 4 == 1:
            log.apply(
                issue.id, "workaround", {"workaround": text, "status": "workaround"}, ROB, at(30)
            )
        if n % 4 == 2:
            log.apply(issue.id, "resolved", {"status": "resolved", "resolution": text}, ROB, at(40))
    count, text = export_csv(log)
    assert count == len(HOSTILE)
    assert text.startswith(",".join(ISSUE_FIELDS) + "\r\n")
    assert text.endswith("\r\n")
    back = list(csv.DictReader(io.StringIO(text, newline="")))
    expected = []
    for issue in log.iter_issues():
        data = issue_dict(issue, timeline=False)
        expected.append({k: "" if v is None else clean(str(csv_safe(v))) for k, v in data.items()})
    assert back == expected
    assert back[0]["title"] == '\'=HYPERLINK("http://evil","click")'
    assert back[0]["reporter"] == "'=evil" and back[0]["reporter_login"] == "'+login"
    assert back[1]["title"] == "line 1\nline 2\nline 3"  # one row, line breaks intact
    assert back[1]["window"] == "'=w"
    assert back[2]["resolved_at"] == at(40).isoformat() and back[0]["resolved_at"] == ""
    for record in back:
        for value in record.values():
            assert not value or value[0] not in "=+-@\t\r"


def test_every_formula_start_sorts_before_a_letter():
    """The SQL guard skips cells >= 'A' without looking further (`store.csv_lines`)."""
    assert max(FORMULA_STARTS) < "A"


def test_a_nul_character_never_reaches_the_export():
    """`printf()` would end a cell at a NUL; the validators drop it on the way in."""
    assert validate_title("Crash\0 on save") == "Crash on save"
    assert validate_text("a\0b") == "ab"
    assert validate_text("\0") is None


def test_csv_of_nothing_is_just_the_header(log: IssueLog):
    assert export_csv(log) == (0, ",".join(ISSUE_FIELDS) + "\r\n")
    assert list(csv.reader(io.StringIO(export_csv(log)[1]))) == [list(ISSUE_FIELDS)]


# -- JSON ------------------------------------------------------------------------------


def test_json_holds_every_field_and_the_timeline_and_loads_back():
    issues = [
        issue(1, title=CLICK, detail=f"{ESCAPE}\n{HUGE}", escalated=True, workaround=MARKUP),
        issue(2, "critical", resolution="vendor patch"),
    ]
    out = io.StringIO()
    assert write_issues_json(issues, out, {"exported_at": T0.isoformat()}) == 2
    data = json.loads(out.getvalue())
    assert data["format"] == "launchtui-issues" and data["version"] == 1
    assert data["exported_at"] == T0.isoformat()
    first = data["issues"][0]
    assert list(first) == [*ISSUE_FIELDS, "timeline"]
    assert first["title"] == CLICK
    assert first["detail"] == f"{ESCAPE}\n{HUGE}"
    assert first["workaround"] == MARKUP
    assert first["tier"] == 2
    assert [(e["kind"], e["by"], e["login"], e["at"]) for e in first["timeline"]] == [
        ("logged", "ana", "ana", at(1).isoformat()),
        ("escalated", "rob", "rsmith", at(30).isoformat()),
        ("workaround", "rob", "rsmith", at(40).isoformat()),
    ]
    assert first["timeline"][1]["changes"] == {"tier": 2}
    assert data["issues"][1]["resolved_at"] == at(50).isoformat()
    assert [issue_from_dict(d) for d in data["issues"]] == issues
    assert "\x1b" not in out.getvalue()  # JSON escapes control characters itself


def test_json_of_nothing_is_valid():
    out = io.StringIO()
    assert write_issues_json([], out) == 0
    assert json.loads(out.getvalue())["issues"] == []


# -- Markdown --------------------------------------------------------------------------


def test_markdown_groups_by_severity_critical_first_each_with_its_timeline():
    issues = [
        issue(1, "minor", title="Printer"),
        issue(2, "major", title="Slow search", escalated=True),
        issue(3, "critical", title="Old data lost", resolution="restored"),
        issue(4, "critical", title="Crash on save"),
    ]
    out = io.StringIO()
    assert write_issues_markdown(issues, out, "Issue log — Acme CRM", "Exported today") == 4
    text = out.getvalue()
    assert text.startswith("# Issue log — Acme CRM\n\nExported today\n")
    assert "4 issues: 3 unresolved, 1 resolved." in text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Issue log — Acme CRM",
        "## Critical (2, 1 unresolved)",
        "### #4 Crash on save",
        "### #3 Old data lost",
        "## Major (1, 1 unresolved)",
        "### #2 Slow search",
        "## Minor (1, 1 unresolved)",
        "### #1 Printer",
    ]
    assert "Guide: roll back to the old system if possible." in text
    major = text[text.index("### #2") : text.index("## Minor")]
    assert "- Support tier: 2 (internal champion)" in major
    assert "**Timeline:**" in major
    assert "- 2026-11-07 09:02 UTC · ana · logged as major, tier 1" in major
    assert (
        "- 2026-11-07 09:30 UTC · rob (rsmith) · escalated to tier 2 (internal champion)" in major
    )
    resolved = text[text.index("### #3") : text.index("## Major")]
    assert "- Status: resolved (2026-11-07 09:50 UTC)" in resolved
    assert "**Resolution:**\n\nrestored\n" in resolved


def test_markdown_says_when_a_severity_has_no_issues():
    out = io.StringIO()
    write_issues_markdown([issue(1, "minor")], out, "Log")
    assert "## Critical (0, 0 unresolved)" in out.getvalue()
    assert "No critical issues." in out.getvalue()


def test_markdown_escapes_user_text_and_replaces_control_characters():
    hostile = issue(
        1,
        title=f"# {MARKUP} *bold* <script>x</script> | a | `code` ###",
        detail=f"- not a list\n1. not a list\n> not a quote\n\n{CLICK} {ESCAPE}\n    not code\n---",
        location="&amp; _under_ ![img](http://x)",
    )
    out = io.StringIO()
    write_issues_markdown([hostile], out, "Log *of* [issues]")
    text = out.getvalue()
    assert "\x1b" not in text
    assert "\ufffd[2J" not in text  # the bracket after the replaced ESC is escaped too
    assert "\ufffd\\[2J" in text
    assert "# Log \\*of\\* \\[issues\\]" in text
    heading = (
        "### #1 \\# \\[bold\\]x\\[/ \\*bold\\* \\<script\\>x\\</script\\>"
        " \\| a \\| \\`code\\` \\#\\#\\#"
    )
    assert heading in text
    assert "- Location: \\&amp; \\_under\\_ !\\[img\\](http://x)" in text
    detail = text[text.index("**Detail:**") :]
    assert "\\- not a list\\\n1\\. not a list\\\n\\> not a quote\n\n" in detail
    assert "\\[@click=app.quit\\]x\\[/\\]" in detail
    assert "\nnot code\\\n\\---" in detail  # no indented code block, no rule or heading


def test_md_helpers():
    assert md_escape("2) two") == "2\\) two"
    assert md_escape("+ x") == "\\+ x"
    assert md_escape("= x") == "\\= x"
    assert md_escape("a - b") == "a - b"
    assert md_escape("C:\\path") == "C:\\\\path"
    assert md_block("a\nb\n\nc") == "a\\\nb\n\nc"
    assert md_block("end\\\n") == "end\\\\"  # a trailing backslash stays literal


def test_markdown_of_huge_text_stays_whole():
    out = io.StringIO()
    write_issues_markdown([issue(1, detail=HUGE)], out, "Log")
    assert HUGE in out.getvalue()


def test_the_writers_import_neither_textual_nor_rich():
    code = (
        "import sys, launchtui.exporters.issues, launchtui.services.issues, "
        "launchtui.store.issue_log, launchtui.domain.issues, launchtui.cli.issues; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
