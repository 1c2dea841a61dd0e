"""Hostile text never reaches a terminal raw (issue 13, "Text that reaches a terminal").

Escape sequences, C1 controls, DEL, line separators and bidi overrides typed into an
issue, a note, a phase, a fact, a champion's name or a checklist file come out of every
command and export as U+FFFD in CSV, Markdown, HTML and plain text (stdout and `-o`
files alike), and as `\\u` escapes in JSON, which still reads back to the stored text.
Legitimate line breaks in multi-line text stay.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import Run, ok

# A title change (OSC 0), clear screen (CSI 2J), an 8-bit CSI, DEL, a line separator and
# a right-to-left override: each would act on a terminal, none may reach it raw.
HOSTILE = "T\x1b]0;pwned\x07X \x1b[2J \x9b31m \x7f \u2028 \u202eevil"
SHOWN = "T\ufffd]0;pwned\ufffdX \ufffd[2J \ufffd31m \ufffd \ufffd \ufffdevil"
# The characters nothing but JSON's own escapes may carry: C0 but tab and newline, DEL,
# C1, the line and paragraph separators, and the bidi marks, embeddings and isolates.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
DETAIL = f"line one\nline two {HOSTILE}"
KEY = "first-week/issues-addressed"


def assert_shown_safe(text: str, *, crlf: bool = False) -> None:
    """No raw control or bidi character (bar CRLF line ends, for CSV); U+FFFD instead."""
    body = text.replace("\r\n", "\n") if crlf else text
    assert not RAW.search(body), [m.group() for m in RAW.finditer(body)][:5]
    assert "\ufffd" in text


def strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(key)
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def assert_json_escaped(text: str) -> object:
    """The raw text carries `\\u` escapes only, one for each unsafe character its strings
    hold, and parses back to the hostile text."""
    assert not RAW.search(text), [m.group() for m in RAW.finditer(text)][:5]
    data = json.loads(text)
    held = "".join(strings(data))
    assert "\x1b]0;pwned\x07" in held
    for char in {m.group() for m in RAW.finditer(held)}:
        assert f"\\u{ord(char):04x}" in text, repr(char)
    for escape in ("\\u001b", "\\u202e", "\\u009b", "\\u007f"):
        assert escape in text, escape
    return data


def toml_escaped(text: str) -> str:
    return "".join(c if c.isalnum() or c in " .;[]" else f"\\u{ord(c):04x}" for c in text)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The shipped checklists, with the first week's title, one item's text and owner hostile."""
    target = tmp_path / "checklists"
    shutil.copytree(Path(__file__).parents[2] / "checklists", target)
    path = target / "04-first-week.toml"
    source = path.read_bytes().decode("utf-8")
    evil = toml_escaped(HOSTILE)
    source = source.replace('en = "First week"', f'en = "First {evil}"')
    item = 'en = "Reported issues picked up without delay", nl = "Gemelde problemen direct'
    item += ' opgepakt" }'
    assert f'{item}\nowner = "coordinator"' in source
    source = source.replace(
        f'{item}\nowner = "coordinator"',
        f'en = "Picked up {evil}", nl = "Opgepakt {evil}" }}\nowner = "Owner {evil}"',
    )
    path.write_text(source, encoding="utf-8")
    assert toml_escaped(HOSTILE) in path.read_bytes().decode("utf-8")
    return target


@pytest.fixture
def run(cli_run: Run, folder: Path) -> Iterator[Run]:
    """A rollout whose tool, phase, issues, note, fact, champion, tick note, gate hold and
    checklist file all hold the hostile text."""

    def hostile_run(*args: str, **kw) -> object:
        return cli_run("--checklists", str(folder), *args, **kw)

    steps = [
        ("init", "--tool", f"Acme {HOSTILE}", "--launch-date", "2026-11-03"),
        ("phases", "edit", "1", "--name", f"P {HOSTILE}", "--group", f"G {HOSTILE}"),
        ("issue", "add", "--title", HOSTILE, "--severity", "major", "--detail", DETAIL),
        ("issue", "edit", "1", "--location", HOSTILE, "--assignee", HOSTILE),
        ("issue", "workaround", "1", f"W {HOSTILE}"),
        ("issue", "add", "--title", f"second {HOSTILE}", "--severity", "minor"),
        ("issue", "resolve", "2", "--resolution", f"R {HOSTILE}"),
        ("retro", "add", "--kind", "lesson", "--issue", "1", f"{HOSTILE}\nsecond line"),
        ("comms", "set", "benefit", f"B {HOSTILE}"),
        ("locations", "add", "Paramaribo", "--tz", "America/Paramaribo", "--champion", HOSTILE),
        ("metrics", "record", "--phase", "1", "--active", "50", "--satisfaction", "8"),
        ("tick", KEY, "--note", f"N {HOSTILE}"),
        ("gate", "hold", "--reason", f"H {HOSTILE}"),
    ]
    for step in steps:
        ok(hostile_run(*step))
    yield hostile_run


# -- issue export ------------------------------------------------------------------------


def test_csv_export_to_stdout_and_file_shows_controls_as_replacement(run: Run, tmp_path: Path):
    out = ok(run("export", "issues", "--format", "csv"))
    path = tmp_path / "issues.csv"
    ok(run("export", "issues", "--format", "csv", "-o", str(path)))
    on_file = path.read_bytes().decode("utf-8")
    for text in (out, on_file):
        assert_shown_safe(text, crlf=True)
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert [r["id"] for r in rows] == ["1", "2"]
        assert rows[0]["title"] == SHOWN
        assert rows[0]["detail"] == f"line one\nline two {SHOWN}"  # its line break stays
        assert rows[0]["workaround"] == f"W {SHOWN}"
        assert rows[0]["location"] == rows[0]["assignee"] == SHOWN
        assert rows[1]["resolution"] == f"R {SHOWN}"


def test_markdown_export_shows_controls_as_replacement_and_keeps_line_breaks(
    run: Run, tmp_path: Path
):
    out = ok(run("export", "issues", "--format", "md"))
    path = tmp_path / "issues.md"
    ok(run("export", "issues", "--format", "md", "-o", str(path)))
    for text in (out, path.read_bytes().decode("utf-8")):
        assert_shown_safe(text)
        assert "line one\\\nline two T\ufffd" in text  # a hard line break in Markdown
        assert "pwned" in text and "evil" in text


def test_json_export_escapes_controls_and_reads_back(run: Run, tmp_path: Path):
    out = ok(run("export", "issues", "--format", "json"))
    path = tmp_path / "issues.json"
    ok(run("export", "issues", "--format", "json", "-o", str(path)))
    for text in (out, path.read_bytes().decode("utf-8")):
        data = assert_json_escaped(text)
        assert "\\u2028" in text
        first = data["issues"][0]
        assert (first["title"], first["detail"], first["location"]) == (HOSTILE, DETAIL, HOSTILE)
        assert first["workaround"] == f"W {HOSTILE}"


# -- issue list / show -------------------------------------------------------------------


def test_issue_list_and_show_print_controls_as_replacement(run: Run):
    assert_shown_safe(ok(run("issue", "list")))
    shown = ok(run("issue", "show", "1"))
    assert_shown_safe(shown)
    lines = shown.splitlines()
    assert "  line one" in lines and f"  line two {SHOWN}" in lines
    assert_shown_safe(ok(run("issue", "show", "2")))


def test_issue_list_and_show_json_escape_controls(run: Run):
    listed = assert_json_escaped(ok(run("issue", "list", "--json")))
    assert listed[0]["title"] == HOSTILE
    shown = assert_json_escaped(ok(run("issue", "show", "1", "--json")))
    assert shown["detail"] == DETAIL


# -- retro and comms ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_retro_report_as_text_shows_controls_as_replacement(run: Run, tmp_path: Path, fmt: str):
    out = ok(run("export", "retro", "--format", fmt))
    path = tmp_path / f"report.{fmt}"
    ok(run("export", "retro", "--format", fmt, "-o", str(path)))
    for text in (out, path.read_bytes().decode("utf-8")):
        assert_shown_safe(text, crlf=fmt == "csv")
        if fmt == "csv":
            (row,) = csv.DictReader(io.StringIO(text, newline=""))
            assert row["text"] == f"{SHOWN}\nsecond line"
        else:
            assert f"{SHOWN}\\\n  second line" in text.replace("\\[", "[").replace("\\]", "]")


def test_retro_report_json_escapes_controls(run: Run, tmp_path: Path):
    out = ok(run("export", "retro", "--format", "json"))
    path = tmp_path / "report.json"
    ok(run("export", "retro", "--format", "json", "-o", str(path)))
    for text in (out, path.read_bytes().decode("utf-8")):
        data = assert_json_escaped(text)
        assert data["report"]["notes"][0]["text"] == f"{HOSTILE}\nsecond line"


def test_retro_list_and_show(run: Run):
    for args in (("retro", "list"), ("retro", "show", "1")):
        out = ok(run(*args))
        assert_shown_safe(out)
        assert f"  {SHOWN}" in out.splitlines() and "  second line" in out.splitlines()
    assert_json_escaped(ok(run("retro", "list", "--json")))
    assert_json_escaped(ok(run("retro", "show", "1", "--json")))


@pytest.mark.parametrize("which", ["announcement", "weekly"])
def test_comms_drafts_show_controls_as_replacement(run: Run, tmp_path: Path, which: str):
    out = ok(run("comms", which))
    path = tmp_path / f"{which}.txt"
    ok(run("comms", which, "-o", str(path)))
    for text in (out, path.read_bytes().decode("utf-8")):
        assert_shown_safe(text)
        assert "pwned" in text


def test_comms_facts(run: Run):
    assert_shown_safe(ok(run("comms", "facts")))
    data = assert_json_escaped(ok(run("comms", "facts", "--json")))
    assert data["benefit"]["value"] == f"B {HOSTILE}"


# -- phases, gate, metrics, locations, history -------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("phases", "list"),
        ("phases", "history"),
        ("gate", "show"),
        ("gate", "history"),
        ("locations", "list"),
        ("history",),
    ],
)
def test_plain_commands_show_controls_as_replacement(run: Run, args: tuple[str, ...]):
    assert_shown_safe(ok(run(*args)))


@pytest.mark.parametrize(
    "args",
    [
        ("phases", "list", "--json"),
        ("gate", "show", "--json"),
        ("gate", "history", "--json"),
        ("locations", "list", "--json"),
        ("history", "--json"),
    ],
)
def test_json_commands_escape_controls(run: Run, args: tuple[str, ...]):
    assert_json_escaped(ok(run(*args)))


# -- checklist text from the TOML files --------------------------------------------------


def test_checklist_prints_toml_text_with_controls_as_replacement(run: Run):
    out = ok(run("checklist"))
    assert_shown_safe(out)
    assert f"Picked up {SHOWN}" in out
    assert f"First {SHOWN}" in out
    only = ok(run("checklist", "--window", "first-week"))
    assert_shown_safe(only)


def test_checklist_json_escapes_toml_text(run: Run):
    items = assert_json_escaped(ok(run("checklist", "--json")))
    (item,) = (i for i in items if i["key"] == KEY)
    assert item["text"] == f"Picked up {HOSTILE}"
    assert item["note"] == f"N {HOSTILE}"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_checklists_on_paper_show_controls_as_replacement(run: Run, tmp_path: Path, fmt: str):
    out = ok(run("export", "checklists", "--format", fmt))
    path = tmp_path / f"paper.{fmt}"
    ok(run("export", "checklists", "--format", fmt, "-o", str(path)))
    for text in (out, path.read_bytes().decode("utf-8")):
        assert_shown_safe(text)
        assert "Picked up" in text and "pwned" in text


# -- `status` and the checklist faults --------------------------------------------------


def test_status_shows_the_checklist_window_title_safely(run: Run):
    assert_shown_safe(ok(run("status")))
    assert_json_escaped(ok(run("status", "--json")))


def test_checklist_faults_show_toml_keys_safely(cli_run: Run, folder: Path):
    path = folder / "04-first-week.toml"
    source = path.read_text(encoding="utf-8")
    evil = toml_escaped(HOSTILE)
    path.write_text(source.replace('id = "office-hours"', f'"{evil}" = 1\nid = "office-hours"'))
    result = cli_run("checklists", "validate", str(folder))
    assert result.exit_code == 1
    assert_shown_safe(result.stderr)
