"""`launchtui retro ...`, `launchtui export retro` and `launchtui comms ...`.

Every run pretends today is 2026-11-07 and acts as "ana" on the Acme CRM rollout
(launch 2026-11-03, phased template): day 4, phase 1, the first week (week 1 of the
rollout runs 3-9 Nov).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from launchtui.domain.comms import FACT_KEYS
from launchtui.domain.retro import NOTE_FIELDS

from .conftest import Run, fails, ok

ESCAPE = "\x1b[2J\x1b]0;pwned\x07"
MARKUP = "[bold]x[/"
ITEM = "launch-day/refresher-held"


# -- retro add / list / show / edit ------------------------------------------------------


def test_add_says_what_was_written(run: Run):
    out = ok(run("retro", "add", "--kind", "went-well", "Refresher made day one easy"))
    assert out == "Wrote note #1 (what went well, phase 1)\n"
    out = ok(run("retro", "add", "--kind", "next-step", "Plan the core team's training"))
    assert out == "Wrote note #2 (next steps, phase 1)\n"


def test_add_points_at_an_issue_and_an_item(run: Run):
    ok(run("issue", "add", "--title", "Login fails", "--severity", "major"))
    ok(run("retro", "add", "--kind", "lesson", "--issue", "#1", "--item", ITEM, "Test SSO"))
    note = json.loads(ok(run("retro", "show", "1", "--json")))
    assert (note["issue_id"], note["item_key"], note["phase"], note["window"]) == (
        1,
        ITEM,
        1,
        "first-week",
    )
    assert (note["author"], note["kind"]) == ("ana", "lesson")
    assert ok(run("retro", "list")).splitlines()[2] == f"  About: issue #1, checklist item {ITEM}"


def test_text_from_standard_input_keeps_its_lines(run: Run):
    ok(run("retro", "add", "--kind", "thanks", "-", input="Thanks, Mei,\nfor the evenings\n"))
    note = json.loads(ok(run("retro", "show", "1", "--json")))
    assert note["text"] == "Thanks, Mei,\nfor the evenings"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--kind", "rant", "x"), "Error: unknown kind 'rant'; use went-well, lesson, thanks or"),
        (("--kind", "lesson", "  "), "Error: the note is empty"),
        (("--kind", "lesson", "--issue", "4", "x"), "Error: there is no issue #4;"),
        (("--kind", "lesson", "--item", "launch-day/refresher", "x"), "Error: unknown checklist"),
    ],
)
def test_add_refuses_bad_input_with_one_line(run: Run, args, message):
    assert fails(run("retro", "add", *args)).startswith(message)
    assert ok(run("retro", "list")) == "No notes written yet\n"


def test_add_without_a_kind_is_a_usage_error(run: Run):
    result = run("retro", "add", "x")
    assert result.exit_code == 2
    assert "--kind" in result.stderr


def test_list_shows_each_note_with_its_lines(run: Run):
    ok(run("retro", "add", "--kind", "lesson", "Book rooms early\nand check the projector"))
    ok(run("retro", "add", "--kind", "thanks", "Thanks to the champions"))
    lines = ok(run("retro", "list")).splitlines()
    head = lines[0].split(" · ")
    assert head[0] == "#1 Lessons learned"
    assert head[1].startswith("ana")
    assert head[2].startswith("2026-11-07 ")
    assert head[3:] == ["phase 1", "first-week"]
    assert lines[1:4] == ["  Book rooms early", "  and check the projector", ""]
    assert lines[-1] == "2 notes"
    only = ok(run("retro", "list", "--kind", "thanks")).splitlines()
    assert only[0].startswith("#2 Thanks") and only[-1] == "1 note"
    assert ok(run("retro", "list", "--phase", "2")) == "No notes match\n"
    assert fails(run("retro", "list", "--phase", "9")) == (
        "Error: there is no phase 9; the plan has phases 1, 2, 3, 4"
    )


def test_list_json_holds_every_field(run: Run):
    ok(run("retro", "add", "--kind", "went-well", "Day one"))
    data = json.loads(ok(run("retro", "list", "--json")))
    assert len(data) == 1 and tuple(data[0]) == NOTE_FIELDS
    assert (data[0]["edits"], data[0]["editor"]) == (0, None)


def test_edit_keeps_the_earlier_text_in_the_history(run: Run):
    ok(run("retro", "add", "--kind", "lesson", "Book rooms early"))
    assert ok(run("retro", "edit", "1", "Book rooms two weeks early", user="rob")) == (
        "Edited note #1: text\n"
    )
    assert ok(run("retro", "edit", "#1", "Book rooms two weeks early", "--kind", "next-step")) == (
        "Edited note #1: kind\n"
    )
    lines = ok(run("retro", "show", "1")).splitlines()
    assert lines[0].startswith("#1 Next steps · ana") and lines[0].endswith("(edited)")
    assert lines[1] == "  Book rooms two weeks early"
    history = lines[lines.index("History:") + 1 :]
    assert history[0].endswith("wrote:") and history[1] == "    Book rooms early"
    assert "  rob" in history[2] and history[2].endswith("changed the text to:")
    assert history[3] == "    Book rooms two weeks early"
    assert history[4].endswith("changed the kind to next steps")
    data = json.loads(ok(run("retro", "show", "1", "--json")))
    assert [e["kind"] for e in data["history"]] == ["written", "edited", "edited"]
    assert data["history"][0]["changes"]["text"] == "Book rooms early"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("edit", "7", "x"), "Error: there is no note #7; `launchtui retro list` shows them"),
        (("edit", "one", "x"), "Error: 'one' is not a note number like 3"),
        (("edit", "1", "Same"), "Error: note #1 already reads like that; nothing changed"),
        (("edit", "1", ""), "Error: the note is empty"),
        (("show", "0"), "Error: '0' is not a note number like 3"),
    ],
)
def test_edit_and_show_refuse_with_one_line(run: Run, args, message):
    ok(run("retro", "add", "--kind", "lesson", "Same"))
    assert fails(run("retro", *args)).startswith(message)


def test_hostile_text_is_shown_literally(run: Run):
    ok(run("retro", "add", "--kind", "lesson", f"{MARKUP}\n{ESCAPE} done"))
    for out in (ok(run("retro", "list")), ok(run("retro", "show", "1"))):
        assert "\x1b" not in out and "\x07" not in out
        assert MARKUP in out
        assert "\ufffd[2J" in out


def test_retro_needs_a_rollout(cli_run: Run):
    line = fails(cli_run("retro", "list", "--phase", "1"))
    assert "run `launchtui init` or `launchtui demo`" in line


# -- export retro ------------------------------------------------------------------------


def test_export_retro_markdown_to_stdout(run: Run):
    ok(run("retro", "add", "--kind", "went-well", "Day one went well"))
    ok(run("issue", "add", "--title", "Slow search", "--severity", "minor"))
    out = ok(run("export", "retro", "--format", "md"))
    lines = out.splitlines()
    assert lines[0] == "# Rollout report: Acme CRM"
    assert "- Launch: Tue 3 Nov 2026" in lines
    assert "- Today: Sat 7 Nov 2026, day 5 of the rollout, phase 1 of 4 running" in lines
    assert "### What went well (1)" in lines
    assert "- Day one went well\\" in lines
    assert any(line.startswith("- #1 Slow search (minor, open, tier 1)") for line in lines)


def test_export_retro_to_files(run: Run, tmp_path: Path):
    ok(run("retro", "add", "--kind", "thanks", "=1+1 thanks\nto all"))
    for fmt in ("md", "json", "csv"):
        path = tmp_path / f"report.{fmt}"
        out = ok(run("export", "retro", "--format", fmt, "-o", str(path)))
        assert out == f"Wrote the rollout report (1 note) to {path}\n"
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["format"] == "launchtui-retro"
    assert data["report"]["notes"][0]["text"] == "=1+1 thanks\nto all"
    with (tmp_path / "report.csv").open(newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    assert tuple(rows[0]) == NOTE_FIELDS
    assert rows[1][2] == "'=1+1 thanks\nto all"
    assert (tmp_path / "report.md").read_text().startswith("# Rollout report: Acme CRM\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_retro_says_what_the_gate_says(run: Run):
    ok(run("metrics", "record", "--active", "61.5", "--satisfaction", "7.25", "--nps", "4"))
    ok(run("phases", "decide", "2", "go", "--reason", "Pilot | on track"))
    gate = json.loads(ok(run("status", "--json")))["gate"]
    data = json.loads(ok(run("export", "retro", "--format", "json")))["report"]
    assert (data["gate"]["state"], data["gate"]["sentence"]) == (gate["state"], gate["sentence"])
    first, second = data["phases"][:2]
    assert (first["verdict"], first["met_on"], first["survey"]) == ("on-track", None, "ok")
    assert first["deciding"] == {"value": 61.5, "date": "2026-11-07"}
    decision = second["decision"]
    assert (decision["decision"], decision["reason"], decision["against_gate"]) == (
        "go",
        "Pilot | on track",
        True,
    )
    lines = ok(run("--lang", "nl", "export", "retro", "--format", "md")).splitlines()
    assert (
        "- 1 Early adopters (Pilot users and volunteers): op koers: 61,5% actief gebruik op "
        "2026-11-07; 80% nodig uiterlijk 2026-12-01 (nog 24 dagen)"
    ) in lines
    assert any(
        line.startswith("  - 2 Core team: doorgaan door ana")
        and line.endswith('TEGEN DE POORT IN: "Pilot \\| on track"')
        for line in lines
    ), lines


def test_export_retro_refuses_a_bad_format_and_a_bad_folder(run: Run, tmp_path: Path):
    result = run("export", "retro", "--format", "pdf")
    assert result.exit_code == 2
    line = fails(run("export", "retro", "--format", "md", "-o", str(tmp_path / "no" / "r.md")))
    assert "No such file or directory" in line


# -- comms -------------------------------------------------------------------------------


def test_set_and_list_facts(run: Run):
    out = ok(run("comms", "facts")).splitlines()
    assert out[0] == "benefit          not set (what gets better with the new tool)"
    assert out[-1] == "0 of 6 facts set; set one with `launchtui comms set KEY VALUE`"
    assert (
        ok(run("comms", "set", "support_contact", "Mei, ext. 204")) == "Set support-contact (en)\n"
    )
    assert ok(run("comms", "set", "training", "-", input="Tue 10:00\nThu 14:00\n")) == (
        "Set training (en)\n"
    )
    out = ok(run("comms", "facts")).splitlines()
    assert "training         Tue 10:00" in out
    assert "                 Thu 14:00" in out
    assert "support-contact  Mei, ext. 204" in out
    assert out[-1].startswith("2 of 6 facts set")
    data = json.loads(ok(run("comms", "facts", "--json")))
    assert tuple(data) == FACT_KEYS
    assert data["support-contact"]["value"] == "Mei, ext. 204"
    assert data["benefit"] is None
    assert ok(run("comms", "set", "training", "")) == "Cleared training (en)\n"
    assert json.loads(ok(run("comms", "facts", "--json")))["training"]["value"] is None


def test_an_unknown_fact_is_refused(run: Run):
    line = fails(run("comms", "set", "phone", "123"))
    assert line == (
        "Error: unknown comms fact 'phone'; use benefit, problem, training, support-contact, "
        "pilot-results, signature"
    )


def test_the_announcement_marks_and_reports_missing_facts(run: Run):
    ok(run("comms", "set", "signature", "Ana, coordinator"))
    result = run("comms", "announcement")
    out = ok(result)
    assert out.startswith("Subject: Acme CRM is coming on Tuesday 3 November 2026\n")
    assert out.rstrip().endswith("Ana, coordinator")
    assert "[missing: support contact — set with `launchtui comms set support-contact ...`]" in out
    assert result.stderr == (
        "Missing, marked [missing: ...] in the text: benefit, problem, training, "
        "support-contact, pilot-results\n"
    )


def test_the_announcement_to_a_file_in_dutch(run: Run, tmp_path: Path):
    path = tmp_path / "aankondiging.txt"
    for key in FACT_KEYS:
        ok(run("comms", "set", key, f"value of {key}", "--lang", "nl"))
    result = run("--lang", "nl", "comms", "announcement", "-o", str(path))
    assert ok(result) == f"Aankondiging geschreven naar {path}\n"
    assert result.stderr == ""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Onderwerp: Acme CRM komt eraan op dinsdag 3 november 2026\n")
    assert "value of support-contact" in text and "[missing" not in text


def test_the_weekly_update_matches_the_figures(run: Run):
    ok(run("metrics", "record", "--active", "64", "--satisfaction", "7.4", "--nps", "5"))
    ok(run("issue", "add", "--title", "Login loops", "--severity", "minor"))
    ok(run("issue", "resolve", "1"))
    ok(run("retro", "add", "--kind", "went-well", "First deal closed in the new tool"))
    out = ok(run("comms", "weekly"))
    assert out.startswith("Subject: Acme CRM rollout, week 1: how it is going\n")
    assert (
        "- Pilot users and volunteers: active use 64%, satisfaction 7.4/10, NPS +5"
        " (as of Sat 7 Nov)\n"
    ) in out
    assert "Resolved this week (1):\n- #1 Login loops (minor), resolved Sat 7 Nov\n" in out
    assert "Good news from this week:\n- First deal closed in the new tool\n" in out
    assert ok(run("comms", "weekly", "--week", "1")) == out


def test_the_weekly_update_says_the_gate_per_group(run: Run, tmp_path: Path):
    (tmp_path / "weekly.nl.txt").write_text("${gate}\n${group_verdicts}\n${figures}\n")
    ok(run("metrics", "record", "--active", "64.75", "--satisfaction", "7.4", "--nps", "5"))
    sentence = json.loads(ok(run("--lang", "nl", "status", "--json")))["gate"]["sentence"]
    out = ok(run("--lang", "nl", "comms", "--templates", str(tmp_path), "weekly"))
    assert out.splitlines() == [
        f"LET OP: {sentence}",
        "- Pilot users and volunteers: op koers, 64,75% actief gebruik op za 7 nov; "
        "80% uiterlijk di 1 dec; enquête in orde (tevredenheid 7,4/10, NPS +5)",
        "- Pilot users and volunteers: actief gebruik 64,75%, tevredenheid 7,4/10, NPS +5"
        " (stand van za 7 nov)",
    ]


def test_the_weekly_update_of_a_week_not_begun_is_refused(run: Run):
    assert fails(run("comms", "weekly", "--week", "2")) == (
        "Error: week 2 has not begun (it starts on 2026-11-10); this is week 1"
    )
    assert fails(run("comms", "weekly", "--week", "x")).startswith("Error: week 'x' is not a")


def test_templates_from_a_folder(run: Run, tmp_path: Path):
    (tmp_path / "weekly.en.txt").write_text("Week ${week} of ${tool}: ${signature}\n")
    result = run("comms", "--templates", str(tmp_path), "weekly")
    assert ok(result) == (
        "Week 1 of Acme CRM: [missing: signature — set with `launchtui comms set signature ...`]\n"
    )
    assert result.stderr == "Missing, marked [missing: ...] in the text: signature\n"
    (tmp_path / "weekly.en.txt").write_text("Week ${week}\nCost: $5\n")
    line = fails(run("comms", "--templates", str(tmp_path), "weekly"))
    assert line.startswith(f"Error: {tmp_path / 'weekly.en.txt'}:2: a '$' that starts no")
    line = fails(run("comms", "--templates", str(tmp_path / "none"), "announcement"))
    assert line == f"Error: {tmp_path / 'none'}: no such folder of templates"


def test_hostile_facts_are_shown_literally(run: Run):
    ok(run("comms", "set", "signature", f"Ana {ESCAPE}{MARKUP}"))
    for out in (ok(run("comms", "facts")), ok(run("comms", "announcement"))):
        assert "\x1b" not in out and "\x07" not in out
        assert MARKUP in out


def test_every_new_command_is_registered():
    import click

    from launchtui.cli.main import cli

    def commands(group: click.Group, name: str) -> set[str]:
        """The subcommands of `name`, loaded as a run would (lazy groups load on use)."""
        sub = group.get_command(click.Context(group), name)
        assert isinstance(sub, click.Group), name
        return set(sub.list_commands(click.Context(sub)))

    assert {"add", "list", "show", "edit"} <= commands(cli, "retro")
    assert {"announcement", "weekly", "set", "facts"} <= commands(cli, "comms")
    assert "retro" in commands(cli, "export")


def test_the_csv_of_an_empty_retro_has_its_header(run: Run):
    rows = list(csv.reader(io.StringIO(ok(run("export", "retro", "--format", "csv")))))
    assert rows == [list(NOTE_FIELDS)]
