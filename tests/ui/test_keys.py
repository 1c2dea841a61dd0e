"""The help screen, the command palette and the README list the keys the bindings define:
a new binding shows up in all three, and a palette command runs the binding's action."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Static

import launchtui.tui
from launchtui.tui import keys
from launchtui.tui.screens.help import HelpScreen, help_text
from launchtui.tui.widgets.quiet_footer import QuietFooter
from launchtui.tui.widgets.retro_pane import RetroPane

from .conftest import palette_offers, settle, wait_until

README = Path(launchtui.tui.__file__).parents[2] / "README.md"

# Keys of the main screen and its tabs that are no action to search for by name: moving
# and folding in a list, clearing a filter; quitting and the language are Textual's
# system commands in the palette already.
NOT_IN_PALETTE = {
    "app.quit",
    "app.switch_language",
    "checklist_view.fold",
    "checklist_view.collapse",
    "checklist_view.expand",
    "checklist_pane.clear_filter",
    "issues_pane.clear_filter",
    "retro_pane.clear_filter",
}


def _classes_with_bindings() -> list[type]:
    """Every class in launchtui.tui that writes BINDINGS of its own."""
    for info in pkgutil.walk_packages(launchtui.tui.__path__, "launchtui.tui."):
        importlib.import_module(info.name)
    found = []
    stack = [DOMNode]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("launchtui.tui.") and cls.__dict__.get("BINDINGS"):
            found.append(cls)
    return found


def test_every_class_with_bindings_has_a_section_in_the_help():
    listed = {keys.load(path) for _title, _tab, paths in keys.SECTIONS for path in paths}
    classes = _classes_with_bindings()
    assert len(classes) > 20
    assert [c.__qualname__ for c in classes if c not in listed] == []


def test_every_binding_with_a_description_is_in_the_help_screen():
    text = help_text()
    missing = []
    for cls in _classes_with_bindings():
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding)
            if not binding.description:
                continue
            words = binding.tooltip or binding.description
            line = f"{keys.key_label(binding)} {words}"
            if not any(" ".join(row.split()).find(line) >= 0 for row in text.splitlines()):
                missing.append(f"{binding.id}: {line!r}")
    assert missing == []


def test_the_palette_offers_every_action_of_the_main_screen_and_its_tabs():
    offered = {key.ident for *_, key, _action in keys.palette_commands() if key is not None}
    actions = {
        key.ident
        for _title, tab, found in keys.sections()
        if tab is not None or _title == "Anywhere"
        for key in found
        if key.action
    }
    assert actions - offered == NOT_IN_PALETTE
    titles = [title for title, *_ in keys.palette_commands()]
    assert len(titles) == len(set(titles)), "two palette commands with one title"


def test_the_readme_lists_every_key_as_the_help_does():
    assert keys.readme_section(README.read_text(encoding="utf-8")) == keys.readme_keys(), (
        "the README's key list is out of date: run `make readme-keys`"
    )


def test_key_labels_read_as_typed():
    assert keys.key_label(Binding("escape,q", "close")) == "esc/q"
    assert keys.key_label(Binding("question_mark", "help")) == "?"
    assert keys.key_label(Binding("plus", "x", key_display="+")) == "+"
    assert keys.key_label(Binding("ctrl+s", "save")) == "ctrl+s"


async def test_the_help_screen_shows_the_keys_in_dutch_too(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l", "question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        shown = str(app.screen.query_one("#help-text", Static).render())
        assert "Nieuwe melding maken" in shown and "Tekens" in shown
        assert "ctrl+s" in shown and "ctrl+p" in shown


async def test_a_palette_command_with_arguments_runs_on_its_tab(make_app):
    from launchtui.tui.screens.comms_view import CommsView

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"weekly")
        await palette_offers(pilot, "Draft the weekly update")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CommsView), what="the draft")
        assert app.main_screen.query_one("#views").current == "retro"


async def test_a_palette_command_runs_on_the_widget_that_owns_the_key(make_app):
    from launchtui.tui.widgets.checklist_view import ChecklistView

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.main_screen.query_one(ChecklistView)
        assert view.highlighted.state == "open"
        await pilot.press("ctrl+p", *"tick or untick")
        await palette_offers(pilot, "Tick or untick the highlighted item")
        await pilot.press("enter")
        await wait_until(pilot, lambda: view.highlighted.state == "done", what="the tick")


async def test_the_footer_follows_the_tab_after_filters_and_the_palette(make_app):
    """Issue 16: `i o o v t esc / printer esc`, ctrl+p `weekly` enter left the Retro
    tab's footer showing the Issues tab's keys."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.main_screen.query_one(QuietFooter)
        await pilot.press("i", "o", "o", "v", "t", "escape", "slash", *"printer", "escape")
        await settle(pilot)
        await pilot.press("ctrl+p", *"weekly")
        await palette_offers(pilot, "Draft the weekly update")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")

        def retro_keys() -> bool:
            from launchtui.tui.tui_internals import FooterKey

            shown = {k.description for k in footer.query(FooterKey)}
            return "New note" in shown and "Escalate" not in shown

        await wait_until(pilot, retro_keys, what="the Retro tab's keys in the footer")
        assert isinstance(app.focused.parent, RetroPane) or app.focused.id == "note-list"
