"""`launchtui issue ...` and `launchtui export issues` from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from launchtui.cli.main import cli
from launchtui.domain.issues import ISSUE_FIELDS
from launchtui.exporters.issues import issue_from_dict

from .conftest import Run, fails, ok

MARKUP = "[bold]x[/"
CLICK = "[@click=app.quit]x[/]"
ESCAPE = "\x1b[2J"


def add(run: Run, title: str = "Login fails", severity: str = "major", *more: str) -> str:
    return ok(run("issue", "add", "--title", title, "--severity", severity, *more))


# -- issue add / list / show -------------------------------------------------------------


def test_add_says_what_was_logged_and_the_guides_advice(run: Run):
    out = add(run, "Login fails", "major", "--tier", "2", "--detail", "since 9:00\nall users")
    assert out.splitlines() == [
        "Logged issue #1 (major, tier 2 (internal champion)): Login fails",
        "Guide for major issues: pause the rollout, fix, resume",
    ]
    assert add(run, "Typo", "minor") == "Logged issue #2 (minor, tier 1 (self-service)): Typo\n"


def test_list_shows_unresolved_then_critical_first(run: Run):
    add(run, "Typo on login page", "minor")
    add(run, "Data loss", "critical")
    add(run, "Slow search", "major")
    ok(run("issue", "resolve", "2"))
    lines = ok(run("issue", "list")).splitlines()
    assert lines[0].split() == ["#", "severity", "status", "tier", "logged", "title"]
    assert [line.split()[0] for line in lines[1:4]] == ["#3", "#1", "#2"]
    assert "Slow search" in lines[1] and "open" in lines[1]
    assert lines[-1] == "3 issues, 2 unresolved"
    assert [
        line.split()[0]
        for line in ok(run("issue", "list", "--status", "resolved")).splitlines()[1:-1]
    ] == ["#2"]
    assert "#1" in ok(run("issue", "list", "--severity", "MINOR"))
    assert (
        ok(run("issue", "list", "--severity", "critical", "--status", "open"))
        == "No issues match\n"
    )


def test_list_of_an_empty_log(run: Run):
    assert ok(run("issue", "list")) == "No issues logged yet\n"
    assert json.loads(ok(run("issue", "list", "--json"))) == []


def test_list_json_is_a_list_of_flat_issues(run: Run):
    add(run, "Login fails", "major", "--location", "Paramaribo", "--assignee", "mei")
    add(run, "Printer", "minor")
    data = json.loads(ok(run("issue", "list", "--json")))
    assert isinstance(data, list) and len(data) == 2
    first = data[0]
    assert list(first) == list(ISSUE_FIELDS)  # no timeline in the listing
    assert first["id"] == 1
    assert first["title"] == "Login fails"
    assert (first["severity"], first["tier"], first["status"]) == ("major", 1, "open")
    assert (first["phase"], first["window"]) == (1, "first-week")
    assert (first["location"], first["assignee"]) == ("Paramaribo", "mei")
    assert first["reporter"] == "ana"
    assert first["created_at"].startswith("2026-11-0")
    assert first["resolved_at"] is None


def test_show_prints_the_issue_and_its_timeline(run: Run):
    add(run, "Login fails", "major", "--detail", "line 1\nline 2", "--location", "Nickerie")
    ok(run("issue", "escalate", "1", user="rob"))
    out = ok(run("issue", "show", "#1"))
    lines = out.splitlines()
    assert lines[0] == "#1 Login fails"
    assert "Severity: major (guide: pause the rollout, fix, resume)" in lines
    assert "Status: open · tier 2 (internal champion)" in lines
    assert "Location: Nickerie" in lines
    assert lines[lines.index("Detail:") + 1 : lines.index("Detail:") + 3] == [
        "  line 1",
        "  line 2",
    ]
    timeline = lines[lines.index("Timeline:") + 1 :]
    assert len(timeline) == 2
    assert "ana" in timeline[0] and timeline[0].endswith("logged as major, tier 1")
    assert "rob" in timeline[1] and timeline[1].endswith("escalated to tier 2 (internal champion)")


def test_show_json_holds_the_timeline(run: Run):
    add(run)
    ok(run("issue", "workaround", "1", "use the web form", user="rob"))
    data = json.loads(ok(run("issue", "show", "1", "--json")))
    assert list(data) == [*ISSUE_FIELDS, "timeline"]
    assert data["status"] == "workaround"
    assert [(e["kind"], e["by"]) for e in data["timeline"]] == [
        ("logged", "ana"),
        ("workaround", "rob"),
    ]
    assert data["timeline"][1]["changes"] == {
        "workaround": "use the web form",
        "status": "workaround",
    }
    assert issue_from_dict(data).workaround == "use the web form"


# -- transitions -------------------------------------------------------------------------


def test_an_issue_through_its_whole_life(run: Run):
    add(run, "Sync stalls", "minor")
    assert ok(run("issue", "escalate", "1")) == "Escalated #1 to tier 2 (internal champion)\n"
    assert ok(run("issue", "escalate", "1")) == "Escalated #1 to tier 3 (IT/admin)\n"
    assert ok(run("issue", "escalate", "1")) == "Escalated #1 to tier 4 (vendor)\n"
    line = fails(run("issue", "escalate", "1"))
    assert line == (
        "Error: issue #1 is already at tier 4 (vendor), the last support tier;"
        " it cannot be escalated further"
    )
    out = ok(run("issue", "workaround", "1", "restart the client"))
    assert out == "Recorded a workaround for #1; status: workaround\n"
    assert ok(run("issue", "resolve", "1", "--resolution", "patched")) == "Resolved #1\n"
    assert "already resolved" in fails(run("issue", "resolve", "1"))
    assert ok(run("issue", "reopen", "1")) == "Reopened #1\n"
    assert "not resolved" in fails(run("issue", "reopen", "1"))
    data = json.loads(ok(run("issue", "show", "1", "--json")))
    assert [e["kind"] for e in data["timeline"]] == [
        "logged",
        "escalated",
        "escalated",
        "escalated",
        "workaround",
        "resolved",
        "reopened",
    ]
    assert (data["status"], data["tier"], data["resolution"]) == ("open", 4, None)


def test_edit_changes_only_the_given_fields(run: Run):
    add(run, "Login fails", "major", "--location", "Paramaribo")
    out = ok(
        run("issue", "edit", "1", "--title", "Login fails on Safari", "--severity", "critical")
    )
    assert out == "Edited #1: title, severity\n"
    assert ok(run("issue", "edit", "1", "--location", "")) == "Edited #1: location\n"
    data = json.loads(ok(run("issue", "show", "1", "--json")))
    assert (data["title"], data["severity"], data["location"]) == (
        "Login fails on Safari",
        "critical",
        None,
    )
    assert "nothing to change" in fails(run("issue", "edit", "1"))
    assert "nothing changed" in fails(run("issue", "edit", "1", "--severity", "critical"))
    assert "title must not be empty" in fails(run("issue", "edit", "1", "--title", " "))


def test_unknown_issues_are_named(run: Run):
    for args in (("show", "9"), ("escalate", "9"), ("resolve", "9"), ("workaround", "9", "x")):
        assert fails(run("issue", *args)) == (
            "Error: there is no issue #9; `launchtui issue list` shows them"
        )
    assert "not an issue number" in fails(run("issue", "show", "nine"))


# -- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--title", "", "--severity", "minor"), "the title must not be empty"),
        (("--title", "   ", "--severity", "minor"), "the title must not be empty"),
        (("--title", "x", "--severity", "blocker"), "unknown severity 'blocker'"),
        (("--title", "x", "--severity", "minor", "--tier", "0"), "the tier must be 1-4"),
        (("--title", "x", "--severity", "minor", "--tier", "5"), "the tier must be 1-4"),
        (("--title", "x", "--severity", "minor", "--tier", "two"), "a number 1-4"),
        (("--title", "t" * 50_000, "--severity", "minor"), "50,000 characters; at most 200"),
        (
            ("--title", "x", "--severity", "minor", "--detail", "d" * 50_000),
            "the detail is 50,000 characters; at most 10,000 fit",
        ),
        (
            ("--title", "x", "--severity", "minor", "--assignee", "a" * 1000),
            "the assignee is 1,000 characters",
        ),
    ],
)
def test_bad_input_gets_one_clear_line(run: Run, args, message):
    assert message in fails(run("issue", "add", *args))
    assert json.loads(ok(run("issue", "list", "--json"))) == []


def test_long_workaround_and_resolution_are_refused(run: Run):
    add(run)
    assert "at most 10,000" in fails(run("issue", "workaround", "1", "w" * 50_000))
    assert "at most 10,000" in fails(run("issue", "resolve", "1", "--resolution", "r" * 10_001))
    assert "must not be empty" in fails(run("issue", "workaround", "1", "  "))


def test_bad_filters_are_refused(run: Run):
    assert "unknown status 'closed'" in fails(run("issue", "list", "--status", "closed"))
    assert "unknown severity 'high'" in fails(run("issue", "list", "--severity", "high"))
    assert "unknown status" in fails(run("export", "issues", "--format", "csv", "--status", "x"))


def test_a_missing_severity_is_a_usage_error(run: Run):
    assert "--severity" in fails(run("issue", "add", "--title", "x"), code=2)


def test_hostile_text_is_stored_exactly_and_shown_literally(run: Run):
    title = f"{MARKUP} {CLICK} {ESCAPE}"
    detail = f"{ESCAPE}\x1b]0;pwned\x07\n{CLICK}\u202eevil"
    out = add(run, title, "critical", "--detail", detail, "--location", ESCAPE + "x")
    assert "\x1b" not in out
    assert f"{MARKUP} {CLICK} \ufffd[2J" in out
    shown = ok(run("issue", "show", "1"))
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert f"#1 {MARKUP} {CLICK} \ufffd[2J" in shown
    assert f"  {CLICK}\ufffdevil" in shown
    listed = ok(run("issue", "list"))
    assert "\x1b" not in listed and MARKUP in listed
    stored = json.loads(ok(run("issue", "show", "1", "--json")))
    assert (stored["title"], stored["detail"], stored["location"]) == (title, detail, ESCAPE + "x")
    ok(run("issue", "workaround", "1", f"{CLICK}\n{ESCAPE}"))
    assert "\x1b" not in ok(run("issue", "show", "1"))


# -- export issues -----------------------------------------------------------------------


@pytest.fixture
def logged(run: Run) -> Run:
    add(run, '=HYPERLINK("http://evil")', "major", "--detail", "line 1\nline 2\n=cmd")
    add(run, "Data loss", "critical", "--location", "@home")
    add(run, f"{MARKUP} {ESCAPE}", "minor")
    ok(run("issue", "escalate", "2"))
    ok(run("issue", "resolve", "3", "--resolution", "-fixed"))
    return run


def test_export_csv_to_stdout_reads_back_safely(logged: Run):
    out = ok(logged("export", "issues", "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert list(rows[0]) == list(ISSUE_FIELDS)
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["detail"] == "line 1\nline 2\n=cmd"  # only a cell's first character counts
    assert rows[1]["location"] == "'@home"
    assert rows[1]["tier"] == "2"
    assert rows[2]["title"] == f"{MARKUP} \ufffd[2J"  # the stored text, ESC shown as U+FFFD
    assert rows[2]["resolution"] == "'-fixed"
    assert rows[2]["status"] == "resolved"


def test_export_to_a_file_prints_one_line(logged: Run, tmp_path: Path):
    target = tmp_path / "issues.csv"
    out = ok(logged("export", "issues", "--format", "csv", "-o", str(target)))
    assert out == f"Wrote 3 issues to {target}\n"
    with target.open(encoding="utf-8", newline="") as f:
        assert len(list(csv.reader(f))) == 4
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_export_json_loads_back_with_timelines(logged: Run, tmp_path: Path):
    target = tmp_path / "issues.json"
    ok(logged("export", "issues", "--format", "json", "-o", str(target)))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "launchtui-issues"
    issues = [issue_from_dict(d) for d in data["issues"]]
    assert [i.id for i in issues] == [1, 2, 3]
    assert issues[2].title == f"{MARKUP} {ESCAPE}"
    assert [e.kind for e in issues[1].timeline] == ["logged", "escalated"]
    assert [e.kind for e in issues[2].timeline] == ["logged", "resolved"]
    shown = json.loads(ok(logged("issue", "show", "2", "--json")))
    assert data["issues"][1] == shown


def test_export_markdown_is_grouped_and_escaped(logged: Run):
    out = ok(logged("export", "issues", "--format", "md"))
    assert out.startswith("# Issue log — Acme CRM\n")
    assert out.index("## Critical") < out.index("## Major") < out.index("## Minor")
    assert "### #2 Data loss" in out
    assert "\x1b" not in out
    assert "\\[bold\\]x\\[/ \ufffd\\[2J" in out
    assert "escalated to tier 2 (internal champion)" in out


def test_export_filters_by_status_and_since(logged: Run):
    out = ok(logged("export", "issues", "--format", "csv", "--status", "open"))
    assert [r["id"] for r in csv.DictReader(io.StringIO(out, newline=""))] == ["1", "2"]
    out = ok(logged("export", "issues", "--format", "csv", "--since", "2026-11-08"))
    assert list(csv.DictReader(io.StringIO(out, newline=""))) == []
    out = ok(logged("export", "issues", "--format", "json", "--since", "2026-11-07"))
    assert len(json.loads(out)["issues"]) == 3


def test_export_filters_as_the_issues_tab_does(logged: Run):
    """--severity, --tier and --search keep what `issue list` and the issues tab keep."""

    def ids(*args: str) -> list[str]:
        out = ok(logged("export", "issues", "--format", "csv", *args))
        return [r["id"] for r in csv.DictReader(io.StringIO(out, newline=""))]

    assert ids("--severity", "critical") == ["2"]
    assert ids("--tier", "2") == ["2"]
    assert ids("--search", "HOME") == ["2"]  # the location, any case
    assert ids("--status", "unresolved", "--severity", "minor") == []
    data = json.loads(ok(logged("export", "issues", "--format", "json", "--severity", "major")))
    assert [d["id"] for d in data["issues"]] == [1]
    assert data["severity"] == "major" and "tier" not in data and "text" not in data
    md = ok(logged("export", "issues", "--format", "md", "--status", "open", "--tier", "2"))
    assert "only open, tier 2" in md and "Data loss" in md and "HYPERLINK" not in md


FILTERS = [
    (),
    ("--tier", "2"),
    ("--tier", " 1 "),
    ("--search", "HOME"),  # the location, any case
    ("--search", "line 2"),  # the detail
    ("--search", "-FIXED"),  # the resolution
    ("--search", "%"),  # a LIKE wildcard is only a per cent sign
    ("--search", "_"),
    ("--search", ""),  # no filter
    ("--status", "unresolved", "--tier", "1"),
    ("--severity", "critical", "--tier", "2", "--search", "data"),
    ("--tier", "3"),
]


@pytest.mark.parametrize("args", FILTERS)
def test_issue_list_filters_as_export_issues_does(logged: Run, args):
    """`issue list` (text and --json) keeps what `export issues` keeps with the same
    --status, --severity, --tier and --search, in the list's order."""
    ok(logged("issue", "add", "--title", "100% broken_link", "--severity", "minor"))
    out = ok(logged("export", "issues", "--format", "csv", *args))
    exported = {int(r["id"]) for r in csv.DictReader(io.StringIO(out, newline=""))}
    listed = [d["id"] for d in json.loads(ok(logged("issue", "list", "--json", *args)))]
    assert set(listed) == exported and len(listed) == len(exported)
    text = ok(logged("issue", "list", *args)).splitlines()
    if not exported:
        assert text == ["No issues match"]
        return
    assert [int(line.split()[0][1:]) for line in text[1:-1]] == listed
    assert text[-1].startswith(f"{len(listed)} issues, ")


def test_issue_list_filters_with_a_limit_count_what_the_filters_keep(logged: Run):
    for n in range(3):
        ok(logged("issue", "add", "--title", f"tier two {n}", "--severity", "minor", "--tier", "2"))
    text = ok(logged("issue", "list", "--tier", "2", "--limit", "2")).splitlines()
    assert text[-1] == "the first 2 of 4 issues, 2 of them unresolved"
    listed = json.loads(ok(logged("issue", "list", "--json", "--tier", "2", "--limit", "3")))
    assert [d["tier"] for d in listed] == [2, 2, 2]
    found = json.loads(ok(logged("issue", "list", "--json", "--search", "TWO", "--limit", "2")))
    assert [d["title"] for d in found] == ["tier two 0", "tier two 1"]


@pytest.mark.parametrize("as_json", [(), ("--json",)])
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--tier", "9"), "the tier must be 1-4"),
        (("--tier", "two"), "the tier must be a number 1-4"),
        (("--tier", ""), "the tier must be a number 1-4"),
    ],
)
def test_issue_list_bad_tier_is_one_line_as_in_export(logged: Run, as_json, args, said):
    assert said in fails(logged("issue", "list", *as_json, *args))
    assert said in fails(logged("export", "issues", "--format", "csv", *args))


def test_issue_list_filter_help_is_that_of_export_and_dutch(run: Run):
    for lang, tier, search in (
        ("en", "Only issues at this support tier.", "Only issues with this text"),
        ("nl", "Alleen meldingen op deze", "Alleen meldingen met deze tekst"),
    ):
        for command in (("issue", "list"), ("export", "issues")):
            shown = " ".join(ok(run("--lang", lang, *command, "--help")).split())
            assert "--tier 1-4" in shown and tier in shown
            assert "--search TEXT" in shown and search in shown


def test_export_bad_filters_get_one_line(logged: Run):
    assert "tier" in fails(logged("export", "issues", "--format", "csv", "--tier", "9"))
    line = fails(logged("export", "issues", "--format", "csv", "--severity", "huge"))
    assert "huge" in line


def test_export_usage_errors(logged: Run, tmp_path: Path):
    fails(logged("export", "issues", "--format", "xlsx"), code=2)
    fails(logged("export", "issues", "--format", "csv", "--since", "last week"), code=2)
    line = fails(
        logged("export", "issues", "--format", "csv", "-o", str(tmp_path / "no" / "x.csv"))
    )
    assert "No such file or directory" in line


def test_every_issue_command_has_help(run: Run):
    for args in (
        ("issue",),
        ("export",),
        ("export", "issues"),
        *(
            ("issue", c)
            for c in ("add", "list", "show", "edit", "escalate", "workaround", "resolve", "reopen")
        ),
    ):
        result = CliRunner().invoke(cli, [*args, "--help"])
        assert result.exit_code == 0, args
        assert "Usage:" in result.output
        doc = result.output.split("\n\n")[1].strip()
        assert doc and not doc.startswith("Options"), args


def test_comment_adds_to_the_timeline_and_edit_corrects_the_tier(run: Run):
    add(run, "Login fails", "major")
    assert ok(run("issue", "comment", "1", "called the vendor")) == "Comment added to #1\n"
    assert "a comment needs some text" in fails(run("issue", "comment", "1", "  "))
    assert "there is no issue #9" in fails(run("issue", "comment", "9", "x"))
    assert ok(run("issue", "edit", "1", "--tier", "3")) == "Edited #1: tier\n"
    assert "tier must be 1-4" in fails(run("issue", "edit", "1", "--tier", "5"))
    data = json.loads(ok(run("issue", "show", "1", "--json")))
    assert data["tier"] == 3 and data["status"] == "open"
    shown = ok(run("issue", "show", "1"))
    assert "comment: called the vendor" in shown and "tier → 3" in shown
