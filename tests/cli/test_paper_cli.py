"""The offline plan: the checklists on paper, and paper ticks entered later, shown as late."""

from __future__ import annotations

import html.parser
import json


def test_markdown_paper_has_boxes_owners_due_dates_and_keys(cli_run, workspace):
    workspace.tick("first-week/daily-check-in@2026-11-04")
    result = cli_run("export", "checklists", "--window", "first-week")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# Acme CRM: checklists on paper"
    assert "## First week (4–10 Nov)" in lines
    done = next(line for line in lines if "`first-week/daily-check-in@2026-11-04`" in line)
    assert done.startswith("| [x] |") and "coordinator" in done and "Wed 4 Nov" in done
    open_row = next(line for line in lines if "`first-week/daily-check-in@2026-11-05`" in line)
    assert open_row.startswith("| [ ] |")
    assert not any("Each week after" in line for line in lines)


def test_html_paper_is_wellformed_and_escapes_text(cli_run, workspace, tmp_path):
    workspace.store.update_rollout(
        workspace.rollout().__class__("<b>Acme</b> & co", workspace.rollout().launch),
        workspace.actor,
        workspace.now(),
    )
    target = tmp_path / "paper.html"
    result = cli_run("export", "checklists", "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert f"to {target}" in result.stdout
    text = target.read_text(encoding="utf-8")
    assert "&lt;b&gt;Acme&lt;/b&gt; &amp; co" in text and "<b>Acme" not in text
    boxes = text.count("☐") + text.count("☒") + text.count("—</td>")
    rows = text.count("<tr><td")
    assert boxes == rows > 50

    class Checker(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack = []

        def handle_starttag(self, tag, attrs):
            if tag not in ("meta", "br"):
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack.pop() == tag

    checker = Checker()
    checker.feed(text)
    assert checker.stack == []


def test_unknown_window_is_one_clear_error(cli_run, workspace):
    result = cli_run("export", "checklists", "--window", "nope")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: unknown window 'nope'")
    assert "Traceback" not in result.stderr


def test_a_paper_tick_entered_later_shows_as_entered_late(cli_run, workspace):
    key = "first-week/office-hours@2026-11-06"
    result = cli_run("tick", key, "--at", "2026-11-06T09:30")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(cli_run("history", key, "--json").stdout)
    assert len(rows) == 1 and rows[0]["entered_late"] is True
    assert rows[0]["at"].startswith("2026-11-06")
    plain = cli_run("history", key).stdout
    assert "(entered late," in plain
    listed = cli_run("checklist", "--window", "first-week").stdout
    assert any(key in line and "(entered late)" in line for line in listed.splitlines())


def test_a_tick_made_now_is_not_late(cli_run, workspace):
    cli_run("tick", "first-week/office-hours@2026-11-06")
    rows = json.loads(cli_run("history", "--json").stdout)
    assert [r["entered_late"] for r in rows] == [False]
