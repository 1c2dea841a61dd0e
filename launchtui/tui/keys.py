"""Every key the TUI has, read from the bindings themselves: one list for the help screen,
the command palette and the README, so none of them can drift from what the keys do.

A binding's `description` is its short footer word; its `tooltip`, where it has one, is
the longer phrase the help screen and the palette show ("Log a new issue"). A binding on
the main screen or a tab's pane with a tooltip is a palette command; one without is
navigation (cursor keys, folding, clearing a filter) and is listed in the help only.

The classes are named as strings and imported when a list is wanted: the help screen
and the palette open long after start-up, which should not import every screen.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding

from launchtui.text.i18n import N_, t
from launchtui.tui.tui_internals import PALETTE_TEXTS

# (section title, tab it acts on or None, the classes whose own BINDINGS it lists).
SECTIONS: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (
    (
        N_("Anywhere"),
        None,
        ("launchtui.tui.app:LaunchApp", "launchtui.tui.screens.main:MainScreen"),
    ),
    (
        N_("Checklists (c)"),
        "checklists",
        (
            "launchtui.tui.widgets.checklist_view:ChecklistView",
            "launchtui.tui.widgets.checklist_pane:ChecklistPane",
        ),
    ),
    (N_("Issues (i)"), "issues", ("launchtui.tui.widgets.issues_pane:IssuesPane",)),
    (N_("Gate (g)"), "gate", ("launchtui.tui.widgets.gate_pane:GatePane",)),
    (N_("Retro (r)"), "retro", ("launchtui.tui.widgets.retro_pane:RetroPane",)),
    (N_("Moving in a list"), None, ("launchtui.tui.widgets.row_list:RowList",)),
    (
        N_("An item's detail"),
        None,
        ("launchtui.tui.screens.item_detail:ItemDetail",),
    ),
    (N_("An issue's detail"), None, ("launchtui.tui.screens.issue_detail:IssueDetail",)),
    (
        N_("Value, schedule, review, drafts"),
        None,
        (
            "launchtui.tui.screens.value:ValueScreen",
            "launchtui.tui.screens.schedule:ScheduleScreen",
            "launchtui.tui.screens.review:ReviewScreen",
            "launchtui.tui.screens.comms_view:CommsView",
            "launchtui.tui.screens.locations:LocationsScreen",
        ),
    ),
    (
        N_("Forms and dialogs"),
        None,
        (
            "launchtui.tui.screens.issue_form:IssueForm",
            "launchtui.tui.screens.figures_form:FiguresForm",
            "launchtui.tui.screens.decision_form:DecisionForm",
            "launchtui.tui.screens.phase_form:PhaseForm",
            "launchtui.tui.screens.note_form:NoteForm",
            "launchtui.tui.screens.form:FormScreen",
            "launchtui.tui.screens.quick_note:QuickNote",
            "launchtui.tui.screens.text_prompt:TextPrompt",
            "launchtui.tui.screens.confirm:ConfirmScreen",
            "launchtui.tui.screens.export_dialog:ExportDialog",
            "launchtui.tui.screens.setup:SetupScreen",
            "launchtui.tui.screens.help:HelpScreen",
        ),
    ),
)

# Palette commands that have no key of their own, each with why.
PALETTE_ONLY: tuple[tuple[str, str, str, str], ...] = (
    # enter opens an item's detail, but folds a window on a window's row: by name it
    # always opens the highlighted item's.
    (
        N_("Show who ticked an item"),
        N_("when, where, its notes, a skip's reason"),
        "checklists",
        "detail",
    ),
    # `e` on the schedule screen; by name it needs no detour through that screen.
    (
        N_("Export the calendar"),
        N_("sessions, phases and due dates as .ics"),
        "gate",
        "export_calendar",
    ),
)

HELP_WIDTH = 72  # inside the help screen's box at 80 columns: border, padding, scrollbar

# How a key is written on screen: the name Textual gives it is not always what is on the key.
KEY_NAMES = {
    "escape": "esc",
    "question_mark": "?",
    "slash": "/",
    "minus": "-",
    "plus": "+",
    "pageup": "pgup",
    "pagedown": "pgdn",
}


@dataclass(frozen=True)
class Key:
    """One binding as the help and the palette show it."""

    keys: str  # as written on screen: "space", "esc/q", "ctrl+s"
    description: str  # the footer's word, untranslated
    tooltip: str  # the longer phrase, untranslated; "" when the binding has none
    ident: str  # the binding's id: "issues_pane.new"
    action: str  # the action string: "comms('weekly')"
    owner: type  # the class whose BINDINGS hold it

    @property
    def phrase(self) -> str:
        """The words the help shows, translated: the long phrase if there is one."""
        return t(self.tooltip or self.description)


def key_label(binding: Binding) -> str:
    """The keys of `binding` as a person types them: 'esc/q', '?', 'ctrl+s'."""
    if binding.key_display:
        return binding.key_display
    return "/".join(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))


def load(path: str) -> type:
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


def own_keys(cls: type) -> Iterator[Key]:
    """The described bindings written in `cls` itself (inherited ones are listed where
    they are written)."""
    for binding in cls.__dict__.get("BINDINGS", ()):
        if isinstance(binding, Binding) and binding.description:
            yield Key(
                key_label(binding),
                binding.description,
                binding.tooltip,
                binding.id or "",
                binding.action,
                cls,
            )


def sections() -> list[tuple[str, str | None, list[Key]]]:
    """(title, tab, keys) in the help's order; a key and word said twice in a section
    (every form's ctrl+s Save) once."""
    found = []
    for title, tab, paths in SECTIONS:
        keys: list[Key] = []
        seen: set[tuple[str, str]] = set()
        for path in paths:
            for key in own_keys(load(path)):
                if (key.keys, key.phrase) not in seen:
                    seen.add((key.keys, key.phrase))
                    keys.append(key)
        if not paths[0].endswith(":LaunchApp"):
            found.append((title, tab, keys))
            continue
        # Textual's own key for the palette, as the app has it (the footer shows it too).
        palette_key = load(paths[0]).COMMAND_PALETTE_BINDING
        keys.insert(2, Key(palette_key, PALETTE_TEXTS[0], PALETTE_TEXTS[1], "", "", App))
        found.append((title, tab, keys))
    return found


def palette_commands() -> list[tuple[str, str, str, Key | None, str | None]]:
    """(title, help, tab, key, action) of every palette command, untranslated: each
    binding with a tooltip on the main screen or a tab's pane, then `PALETTE_ONLY`."""
    commands: list[tuple[str, str, str, Key | None, str | None]] = []
    for _title, tab, keys in sections():
        for key in keys:
            if not key.tooltip or not key.action:  # navigation, or the palette's own key
                continue
            if key.action.startswith("switch("):  # a tab key of the main screen
                commands.append((key.tooltip, key.keys, key.action[8:-2], key, None))
            else:  # a tab's action, or one of the main screen's or the app's ("" for those)
                commands.append((key.tooltip, key.keys, tab or "", key, key.action))
    for title, help_text, tab, action in PALETTE_ONLY:
        commands.append((title, help_text, tab, None, action))
    return commands


def help_lines(width: int = HELP_WIDTH) -> list[str]:
    """The help screen's key list in the current language: a title per section, then
    'key  words' two to a line where both fit in half the width."""
    half = width // 2
    lines: list[str] = []
    for title, _tab, keys in sections():
        if lines:
            lines.append("")
        lines.append(t(title))
        pad = min(max(len(k.keys) for k in keys), 8) + 2
        cells = [f"  {k.keys + ' ':<{pad}}{k.phrase}" for k in keys]
        row: list[str] = []
        for cell in cells:
            if len(cell) >= half:  # too wide to share a line
                if row:
                    lines.append(row[0].rstrip())
                    row = []
                lines.append(cell)
            elif row:
                lines.append(f"{row[0]:<{half}}{cell}")
                row = []
            else:
                row = [cell]
        if row:
            lines.append(row[0].rstrip())
    return lines


def readme_keys() -> str:
    """The README's key list (English), between its `keys` markers; a test keeps it equal."""
    from launchtui.text import i18n

    was = i18n.language()
    i18n.set_language("en")
    try:
        return "\n".join("    " + line if line else "" for line in help_lines()) + "\n"
    finally:
        i18n.set_language(was)


README_MARKS = ("<!-- keys:start -->\n", "<!-- keys:end -->")


def readme_section(text: str) -> str:
    """The key list between the README's markers in `text`."""
    start = text.index(README_MARKS[0]) + len(README_MARKS[0])
    return text[start : text.index(README_MARKS[1], start)]


def write_readme(path: str) -> None:
    """Write the key list into the README at `path`, between its markers."""
    from pathlib import Path

    file = Path(path)
    text = file.read_text(encoding="utf-8")
    old = readme_section(text)
    file.write_text(
        text.replace(README_MARKS[0] + old, README_MARKS[0] + readme_keys(), 1), encoding="utf-8"
    )
