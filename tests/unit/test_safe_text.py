"""The one rule for user text that reaches a terminal (`launchtui.text.safe`), the JSON that
escapes the same characters (`launchtui.text.json_text`), and the writers that use them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from launchtui.domain.issues import ISSUE_FIELDS
from launchtui.domain.retro import NOTE_FIELDS, Note
from launchtui.domain.rollout import Actor
from launchtui.exporters.issues import md_block, md_inline, write_csv_lines, write_issues_json
from launchtui.exporters.report import write_notes_csv
from launchtui.store import Store
from launchtui.store.issue_log import IssueLog
from launchtui.text import json_text
from launchtui.text.safe import UNSAFE, clean, clean_crlf_lines, is_clean, one_line

ANA = Actor("ana", "ana")
T0 = dt.datetime(2026, 11, 7, 9, 0, tzinfo=dt.UTC)
HOSTILE = "T\x1b]0;pwned\x07X \x1b[2J \x9b31m \x7f \u2028 \u202eevil"
SHOWN = "T\ufffd]0;pwned\ufffdX \ufffd[2J \ufffd31m \ufffd \ufffd \ufffdevil"
# Every character that must never reach a terminal raw, one of each kind.
UNSAFE_CHARS = [
    *(chr(c) for c in range(0x00, 0x09)),
    *(chr(c) for c in range(0x0B, 0x20)),  # CR, VT, FF and ESC among them
    *(chr(c) for c in range(0x7F, 0xA0)),  # DEL and C1: U+0085 NEL, U+009B CSI
    "\u061c",
    "\u200e",
    "\u200f",
    "\u2028",
    "\u2029",
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
]
KEPT = "plain ASCII ~ é ñ 中文 🚀 👩\u200d💻 \u00a0nbsp \u00adshy — ’quotes’ ∑ \ufffd"


@pytest.mark.parametrize("char", UNSAFE_CHARS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_unsafe_character_shows_as_replacement(char: str):
    assert clean(f"a{char}b") == "a\ufffdb"
    assert one_line(f"a{char}b") == "a\ufffdb"
    assert not is_clean(f"a{char}b")
    assert UNSAFE.fullmatch(char)


def test_printable_text_tabs_and_newlines_are_kept():
    assert clean(KEPT) == KEPT and is_clean(KEPT)
    assert clean("a\tb\nc") == "a\tb\nc" and is_clean("a\tb\nc")
    assert one_line("a\tb\n\nc ") == "a b c"


def test_a_windows_line_end_is_a_line_break_and_a_lone_cr_is_replaced():
    assert clean("one\r\ntwo\rthree") == "one\ntwo\ufffdthree"
    assert one_line("one\r\ntwo") == "one two"


def test_line_separators_do_not_break_lines():
    """U+2028/2029 would start a new line in some terminals and editors: not a line break."""
    assert clean("a\u2028b\u2029c").splitlines() == ["a\ufffdb\ufffdc"]


def test_the_hostile_text():
    assert clean(HOSTILE) == one_line(HOSTILE) == SHOWN


def test_is_clean_agrees_with_clean_on_random_text():
    rng = random.Random(13)
    alphabet = [*UNSAFE_CHARS, "\t", "\n", " ", "a", "é", "中", "🚀", "\u200d", "\ud800", "\ufffd"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        assert is_clean(text) == (clean(text) == text.replace("\r\n", "\n") == text), repr(text)


def test_crlf_lines_are_joined_and_cleaned_only_where_needed():
    assert clean_crlf_lines([]) == ""
    assert clean_crlf_lines(["a,b", '"x\ny",é', "中文"]) == 'a,b\r\n"x\ny",é\r\n中文\r\n'
    dirty = ["a", f'"{HOSTILE}"', "é\x9b", "b\rc", "d\r\ne"]
    assert clean_crlf_lines(dirty) == f'a\r\n"{SHOWN}"\r\né\ufffd\r\nb\ufffdc\r\nd\ne\r\n'
    assert clean_crlf_lines(["\r", ""]) == "\ufffd\r\n\r\n"  # a CR that is no line end


def test_crlf_lines_of_a_long_batch_are_cleaned_in_every_chunk():
    lines = [f"line {n}" for n in range(300)]
    lines[70], lines[299] = HOSTILE, "\u202e"
    text = clean_crlf_lines(lines)
    assert text.split("\r\n")[:-1] == [clean(line) for line in lines]
    assert lines[70] == HOSTILE  # the caller's list is left alone


# -- JSON ------------------------------------------------------------------------------


@pytest.mark.parametrize("char", UNSAFE_CHARS, ids=lambda c: f"U+{ord(c):04X}")
def test_json_escapes_every_unsafe_character(char: str):
    data = {"text": f"a{char}b", f"k{char}": [char]}
    compact = json_text.escape_unsafe(json.dumps(data, ensure_ascii=False))
    for text in (json_text.dumps(data), compact):
        assert not UNSAFE.search(text)
        assert f"\\u{ord(char):04x}" in text or char in "\b\t\n\f\r"
        assert json.loads(text) == data


def test_json_is_otherwise_what_json_dumps_writes():
    data = {"title": KEPT, "n": 3, "nested": [None, True, {"é": "中"}], "x": "a\tb\nc"}
    assert json_text.dumps(data) == json.dumps(data, indent=2, ensure_ascii=False)
    assert json_text.dumps(data, indent=None) == json.dumps(data, ensure_ascii=False)


def test_json_of_the_hostile_text():
    text = json_text.dumps([HOSTILE])
    assert '"T\\u001b]0;pwned\\u0007X \\u001b[2J \\u009b31m \\u007f \\u2028 \\u202eevil"' in text
    assert json.loads(text) == [HOSTILE]


# -- the writers -----------------------------------------------------------------------


@pytest.fixture
def log(tmp_path: Path) -> Iterator[IssueLog]:
    store = Store.open(tmp_path / "safe.db")
    yield store.issues
    store.close()


def test_issue_csv_shows_controls_as_replacement_and_stays_valid(log: IssueLog):
    log.add(HOSTILE, "major", ANA, T0, detail=f"line one\r\nline two {HOSTILE}")
    log.add("=1+1", "minor", ANA, T0, detail="\rCR first", location="naïve")
    log.add("Plain", "minor", ANA, T0)
    out = io.StringIO(newline="")
    assert write_csv_lines(log.iter_csv_batches(size=2), out) == 3
    text = out.getvalue()
    assert not UNSAFE.search(text.replace("\r\n", ""))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(ISSUE_FIELDS)
    assert rows[0]["title"] == SHOWN
    assert rows[0]["detail"] == f"line one\nline two {SHOWN}"
    assert rows[1]["title"] == "'=1+1"  # the formula guard still holds
    assert rows[1]["detail"] == "'\ufffdCR first"  # guarded on the stored CR, then shown
    assert rows[1]["location"] == "naïve"
    assert rows[2]["title"] == "Plain"


def test_issue_json_escapes_controls_and_reads_back(log: IssueLog):
    log.add(HOSTILE, "major", ANA, T0, detail=f"a\n{HOSTILE}")
    out = io.StringIO()
    write_issues_json(log.iter_issues(), out, {"note": HOSTILE})
    text = out.getvalue()
    assert not UNSAFE.search(text)
    assert "\\u001b" in text and "\\u2028" in text and "\\u202e" in text
    data = json.loads(text)
    assert data["note"] == data["issues"][0]["title"] == HOSTILE
    assert data["issues"][0]["detail"] == f"a\n{HOSTILE}"


def test_markdown_keeps_line_breaks_and_nothing_else():
    shown = SHOWN.replace("[", "\\[").replace("]", "\\]")
    assert md_block(f"one\r\ntwo {HOSTILE}\nthree") == f"one\\\ntwo {shown}\\\nthree"
    assert "\n" not in md_inline(f"a\nb{HOSTILE}")
    assert not UNSAFE.search(md_inline(HOSTILE))


def test_notes_csv_shows_controls_as_replacement():
    note = Note(
        id=1,
        kind="lesson",
        text=f"=cmd {HOSTILE}\r\nsecond line",
        phase=1,
        window="first-week",
        issue_id=None,
        item_key=None,
        author=ANA,
        created_at=T0,
        updated_at=T0,
    )
    out = io.StringIO(newline="")
    assert write_notes_csv([note], out) == 1
    text = out.getvalue()
    assert not UNSAFE.search(text.replace("\r\n", ""))
    (row,) = csv.DictReader(io.StringIO(text, newline=""))
    assert list(row) == list(NOTE_FIELDS)
    assert row["text"] == f"'=cmd {SHOWN}\nsecond line"
