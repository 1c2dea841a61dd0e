"""`issue list --json` streamed batch by batch, and `issue list --limit N`."""

from __future__ import annotations

import json

import pytest

from launchtui.cli import issues as cli_issues
from launchtui.domain.issues import Issue
from launchtui.exporters.issues import issue_dict
from launchtui.store.issue_log import IssueLog
from launchtui.text import json_text

HOSTILE = (
    "\x1b[2J\x1b]0;pwned\x07 clear",
    "a\u202eb\r\nc\td \u009b31m",
    '=HYPERLINK("http://evil") \u2028 \\ "quoted"',
    "[bold]x[/ ünïcødé",
)


@pytest.fixture
def logged(cli_run, workspace):
    for n, title in enumerate(HOSTILE * 3):
        severity = ("minor", "major", "critical")[n % 3]
        result = cli_run("issue", "add", "--title", title, "--severity", severity)
        assert result.exit_code == 0, result.output
    assert cli_run("issue", "resolve", "2").exit_code == 0
    assert cli_run("issue", "workaround", "4", "try again \x1b[31m").exit_code == 0
    return 12


def old_output(issues: list[Issue]) -> str:
    """What `issue list --json` printed before it streamed: one `dumps` of the list."""
    return json_text.dumps([issue_dict(i, timeline=False) for i in issues]) + "\n"


@pytest.mark.parametrize("size", [1, 5, 2000])
def test_json_is_the_old_output_byte_for_byte(cli_run, workspace, logged, monkeypatch, size):
    real = IssueLog.iter_list

    def small_batches(self, *args, size=size, **filters):
        return real(self, *args, size=size, **filters)

    monkeypatch.setattr(IssueLog, "iter_list", small_batches)
    result = cli_run("issue", "list", "--json")
    assert result.exit_code == 0, result.output
    assert result.stdout == old_output(workspace.store.issues.list())
    data = json.loads(result.stdout)
    assert len(data) == logged
    assert {d["title"] for d in data} == set(HOSTILE)


def test_json_escapes_hostile_text(cli_run, logged):
    out = cli_run("issue", "list", "--json").stdout
    for raw in ("\x1b", "\u202e", "\u009b", "\u2028", "\x07", "\r"):
        assert raw not in out
    assert "\\u001b" in out and "\\u202e" in out and "\\u009b" in out


def test_json_filters_and_empty(cli_run, workspace, logged):
    result = cli_run("issue", "list", "--json", "--severity", "critical", "--status", "unresolved")
    expected = workspace.store.issues.list("unresolved", "critical")
    assert result.stdout == old_output(expected)
    empty = cli_run("issue", "list", "--json", "--status", "resolved", "--severity", "minor")
    assert empty.exit_code == 0
    assert empty.stdout == "[]\n" == old_output([])
    bad = cli_run("issue", "list", "--json", "--severity", "awful")
    assert bad.exit_code != 0 and bad.stdout == ""


def test_json_limit(cli_run, workspace, logged):
    result = cli_run("issue", "list", "--json", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert result.stdout == old_output(workspace.store.issues.list(limit=3))
    assert len(json.loads(result.stdout)) == 3


def test_text_limit(cli_run, workspace, logged):
    full = cli_run("issue", "list").stdout.splitlines()
    assert full[-1] == "12 issues, 11 unresolved"
    short = cli_run("issue", "list", "--limit", "4").stdout.splitlines()
    assert short[:5] == full[:5]  # the head and the first four, in the same order
    assert short[-1] == "the first 4 of 12 issues, 4 of them unresolved"
    assert len(short) == 6
    exact = cli_run("issue", "list", "--limit", "12").stdout.splitlines()
    assert exact == full
    some = cli_run("issue", "list", "--limit", "2", "--severity", "major").stdout.splitlines()
    assert some[-1] == "the first 2 of 4 issues, 2 of them unresolved"


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_limit_must_be_a_positive_number(cli_run, logged, value):
    result = cli_run("issue", "list", "--limit", value)
    assert result.exit_code == 2
    assert "--limit" in result.stderr


def test_items_are_those_of_indented_dumps():
    nested = {"id": 1, "timeline": [{"a": 1}], "t": "x"}
    flat = {"id": 1, "title": 'x "y" \\ é', "detail": None, "tier": 4, "f": 1.5}
    for data, write in ((flat, cli_issues._json_item), (nested, cli_issues._json_nested)):
        text = json.dumps([data, data], indent=2, ensure_ascii=False)
        assert "[\n" + ",\n".join([write(data)] * 2) + "\n]" == text
    assert cli_issues._flat(flat) and not cli_issues._flat(nested)
