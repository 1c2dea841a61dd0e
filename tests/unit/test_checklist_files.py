"""Reading checklist folders: the shipped one is clean; every broken one says where and why.

Faults print as ``FILE:LINE: item 'ID': message``; the tests build small folders in
tmp_path and compare whole lines, with line numbers counted from the text they wrote.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from launchtui.domain.checklist_files import (
    LANGS,
    WINDOW_IDS,
    ChecklistError,
    load_checklists,
    shipped_dir,
    validate_folder,
)

WINDOW = """\
# a comment line, so the [window] header is not on line 1
[window]
id = "first-week"
title = { en = "First week", nl = "Eerste week" }
start = 1
end = 7
"""
WINDOW_LINE = 2


def item(item_id: str | None = "check", **fields: object) -> str:
    """One [[items]] block; fields given as raw TOML values (strings are quoted for you)."""
    lines = ["[[items]]"]
    if item_id is not None:
        lines.append(f'id = "{item_id}"')
    fields.setdefault("text", '{ en = "Check", nl = "Controle" }')
    for key, value in fields.items():
        if value is None:
            continue
        lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def write(folder: Path, name: str, window: str, *items: str) -> tuple[Path, list[int]]:
    """Write a checklist file; return its path and the line of each [[items]] header."""
    folder.mkdir(parents=True, exist_ok=True)
    text = window
    headers = []
    for block in items:
        text += "\n"
        headers.append(text.count("\n") + 1)
        text += block
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path, headers


def faults_of(folder: Path) -> list[str]:
    _, faults = validate_folder(folder)
    return [str(f) for f in faults]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "checklists"


# -- the shipped folder ----------------------------------------------------------------


def test_shipped_folder_loads_without_faults():
    checklists, faults = validate_folder(shipped_dir())
    assert faults == []
    assert [w.id for w in checklists.windows] == list(WINDOW_IDS)
    headers = sum(
        line.strip().startswith("[[items]]")
        for path in shipped_dir().glob("*.toml")
        for line in path.read_text(encoding="utf-8").splitlines()
    )
    assert headers > 0
    assert sum(len(w.items) for w in checklists.windows) == headers  # nothing dropped


def test_every_shipped_item_and_window_has_english_and_dutch_text():
    checklists = load_checklists()
    for window in checklists.windows:
        assert set(window.title) == set(LANGS), window.id
        assert window.source is not None and window.source.suffix == ".toml"
        for spec in window.items:
            assert set(spec.text) == set(LANGS), spec.id
            assert all(spec.text[lang].strip() for lang in LANGS), spec.id


def test_a_clean_custom_folder_loads(folder: Path):
    write(folder, "a.toml", WINDOW, item("one"), item("two", recurrence='"daily"', due=3))
    (folder / "README.md").write_text("not a checklist", encoding="utf-8")  # ignored
    checklists = load_checklists(folder)
    [window] = checklists.windows
    assert [i.id for i in window.items] == ["one", "two"]
    assert window.items[1].recurrence == "daily"
    assert window.items[1].due == 3
    assert window.label("nl") == "Eerste week"


# -- faults ----------------------------------------------------------------------------


def test_toml_syntax_error_reports_its_line(folder: Path):
    path, _ = write(folder, "a.toml", WINDOW, item("one"), '[[items]]\nid "oops"\n')
    # WINDOW is 6 lines, blank line 7, item "one" 8-10, blank 11, header 12, bad line 13
    assert faults_of(folder) == [
        f"{path}:13: TOML syntax: Expected '=' after a key in a key/value pair"
    ]


def test_missing_id_is_named_by_position_on_its_own_header(folder: Path):
    path, lines = write(folder, "a.toml", WINDOW, item("one"), item(None))
    assert faults_of(folder) == [f"{path}:{lines[1]}: item '#2': missing id"]


def test_duplicate_id_points_at_the_second_header(folder: Path):
    path, lines = write(folder, "a.toml", WINDOW, item("check"), item("other"), item("check"))
    assert lines == [8, 12, 16]
    assert faults_of(folder) == [f"{path}:16: item 'check': duplicate id 'check'"]


@pytest.mark.parametrize("bad", ["Check", "check_list", "-check", "check list", "chéck"])
def test_bad_id(folder: Path, bad: str):
    path, lines = write(folder, "a.toml", WINDOW, item("fine"), item(bad))
    assert faults_of(folder) == [
        f"{path}:{lines[1]}: item '{bad}': bad id '{bad}': use lowercase letters, digits and dashes"
    ]


def test_unknown_window_id(folder: Path):
    path, _ = write(folder, "a.toml", WINDOW.replace("first-week", "third-week"), item())
    assert faults_of(folder) == [
        f"{path}:{WINDOW_LINE}: unknown window 'third-week' (expected one of two-weeks-before, "
        "one-week-before, launch-day, first-week, each-week-after, post-rollout)"
    ]


def test_duplicate_window_across_files_keeps_the_first(folder: Path):
    first, _ = write(folder, "a.toml", WINDOW, item("from-a"))
    second, _ = write(folder, "b.toml", WINDOW, item("from-b"))
    checklists, faults = validate_folder(folder)
    assert [(f.file, f.message) for f in faults] == [
        (second, f"window 'first-week' is also defined in {first}")
    ]
    assert str(faults[0]).startswith(f"{second}:")
    [window] = checklists.windows
    assert [i.id for i in window.items] == ["from-a"]


def test_duplicate_window_fault_points_at_the_window_header(folder: Path):
    first, _ = write(folder, "a.toml", WINDOW, item("from-a"))
    second, _ = write(folder, "b.toml", WINDOW, item("from-b"))
    assert faults_of(folder) == [
        f"{second}:{WINDOW_LINE}: window 'first-week' is also defined in {first}"
    ]


def test_unknown_recurrence(folder: Path):
    path, lines = write(folder, "a.toml", WINDOW, item("one"), item("two", recurrence='"monthly"'))
    assert faults_of(folder) == [
        f"{path}:{lines[1]}: item 'two': unknown recurrence 'monthly' "
        "(expected once, daily or weekly)"
    ]


def test_unknown_anchor(folder: Path):
    window = WINDOW + 'anchor = "go-live"\n'
    path, _ = write(folder, "a.toml", window, item())
    assert faults_of(folder) == [
        f"{path}:{WINDOW_LINE}: window: unknown anchor 'go-live' (expected launch or rollout-end)"
    ]


@pytest.mark.parametrize("due", [0, 8, -1])
def test_due_outside_the_window(folder: Path, due: int):
    path, lines = write(folder, "a.toml", WINDOW, item("one", due=7), item("two", due=due))
    assert faults_of(folder) == [
        f"{path}:{lines[1]}: item 'two': bad offset: due {due} lies outside the window (1..7)"
    ]


def test_due_before_a_window_that_runs_to_the_rollout_end(folder: Path):
    window = WINDOW.replace("first-week", "each-week-after").replace("start = 1", "start = 8")
    window = window.replace("end = 7", 'end = "rollout-end"')
    path, lines = write(folder, "a.toml", window, item("late", due=60), item("early", due=3))
    assert faults_of(folder) == [
        f"{path}:{lines[1]}: item 'early': bad offset: due 3 lies outside the window (8 or later)"
    ]


@pytest.mark.parametrize("due", ['"3"', "2.5", "true"])
def test_non_integer_due(folder: Path, due: str):
    path, lines = write(folder, "a.toml", WINDOW, item("one", due=due))
    assert faults_of(folder) == [
        f"{path}:{lines[0]}: item 'one': bad offset: due must be a whole number of days"
    ]


def test_window_offsets_must_be_whole_and_in_order(folder: Path):
    window = WINDOW.replace("start = 1", 'start = "1"')
    path, _ = write(folder, "a.toml", window, item())
    assert faults_of(folder) == [
        f"{path}:{WINDOW_LINE}: window: bad offset: start must be a whole number of days"
    ]
    window = WINDOW.replace("end = 7", "end = -3")
    path, _ = write(folder, "a.toml", window, item())
    assert faults_of(folder) == [
        f"{path}:{WINDOW_LINE}: window: bad offset: end -3 lies before start 1"
    ]


def test_missing_text(folder: Path):
    path, lines = write(folder, "a.toml", WINDOW, item("one"), item("two", text=None))
    assert faults_of(folder) == [f"{path}:{lines[1]}: item 'two': missing text (needs en and nl)"]


@pytest.mark.parametrize("text", ['{ en = "Check" }', '{ en = "Check", nl = "   " }'])
def test_missing_dutch_text(folder: Path, text: str):
    path, lines = write(folder, "a.toml", WINDOW, item("one"), item("two", text=text))
    assert faults_of(folder) == [f"{path}:{lines[1]}: item 'two': missing text in 'nl'"]


def test_missing_window_title_language(folder: Path):
    window = WINDOW.replace(', nl = "Eerste week"', "")
    path, _ = write(folder, "a.toml", window, item())
    assert faults_of(folder) == [f"{path}:{WINDOW_LINE}: missing window: title in 'nl'"]


def test_unknown_item_field(folder: Path):
    path, lines = write(folder, "a.toml", WINDOW, item("one"), item("two", colour='"red"'))
    assert faults_of(folder) == [f"{path}:{lines[1]}: item 'two': unknown field 'colour'"]


def test_unknown_window_field(folder: Path):
    path, _ = write(folder, "a.toml", WINDOW + 'colour = "red"\n', item())
    assert faults_of(folder) == [f"{path}:{WINDOW_LINE}: window: unknown field 'colour'"]


def test_every_fault_of_one_item_gets_its_own_line(folder: Path):
    path, lines = write(
        folder, "a.toml", WINDOW, item("one", colour='"red"', recurrence='"hourly"', due=99)
    )
    where = f"{path}:{lines[0]}: item 'one': "
    assert faults_of(folder) == [
        where + "unknown field 'colour'",
        where + "unknown recurrence 'hourly' (expected once, daily or weekly)",
        where + "bad offset: due 99 lies outside the window (1..7)",
    ]


def test_faults_from_several_files_come_in_file_order(folder: Path):
    b, b_lines = write(folder, "b.toml", WINDOW, item("Bad"))
    window = WINDOW.replace("first-week", "launch-day").replace("start = 1", "start = 0")
    a, a_lines = write(folder, "a.toml", window.replace("end = 7", "end = 0"), item(None))
    assert faults_of(folder) == [
        f"{a}:{a_lines[0]}: item '#1': missing id",
        f"{b}:{b_lines[0]}: item 'Bad': bad id 'Bad': use lowercase letters, digits and dashes",
    ]


def test_empty_folder(folder: Path):
    folder.mkdir()
    (folder / "notes.txt").write_text("no toml here", encoding="utf-8")
    assert faults_of(folder) == [f"{folder}: no checklist files (*.toml) in this folder"]


def test_missing_folder(tmp_path: Path):
    missing = tmp_path / "nowhere"
    assert faults_of(missing) == [f"{missing}: no such checklist folder"]


def test_a_broken_folder_never_half_loads(folder: Path):
    write(folder, "a.toml", WINDOW, item("one"), item("Two"))
    with pytest.raises(ChecklistError) as caught:
        load_checklists(folder)
    assert len(caught.value.faults) == 1
    assert str(caught.value) == str(caught.value.faults[0])
    assert "item 'Two'" in str(caught.value)


# -- line numbers ----------------------------------------------------------------------


def test_each_fault_points_at_its_own_items_header(folder: Path):
    path, lines = write(
        folder,
        "a.toml",
        WINDOW,
        item("ok-one"),
        item("Bad-Two"),
        item("ok-three"),
        item("four", recurrence='"yearly"'),
    )
    faults = validate_folder(folder)[1]
    assert [(f.item, f.line) for f in faults] == [("Bad-Two", lines[1]), ("four", lines[3])]
    text = path.read_text(encoding="utf-8").splitlines()
    for fault in faults:
        assert text[fault.line - 1] == "[[items]]"
        assert text[fault.line] == f'id = "{fault.item}"'


def test_a_header_with_a_comment_still_gets_its_line(folder: Path):
    path, lines = write(folder, "a.toml", WINDOW, item("one"), item("Two"))
    text = path.read_text(encoding="utf-8").replace("[[items]]", "[[items]]  # a comment", 1)
    path.write_text(text, encoding="utf-8")
    assert faults_of(folder) == [
        f"{path}:{lines[1]}: item 'Two': bad id 'Two': use lowercase letters, digits and dashes"
    ]
