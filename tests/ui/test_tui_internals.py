"""Each hook into Textual's private API (launchtui/tui/tui_internals.py) still does what it is
relied on for: these fail when a Textual upgrade changes it, before the app misbehaves."""

from __future__ import annotations

import asyncio
import signal
import sys

import pytest
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.command import CommandInput, CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets import Footer, TextArea

from launchtui.text import i18n
from launchtui.tui.tui_internals import (
    PALETTE_SCREEN_ID,
    PALETTE_TEXTS,
    SYSTEM_COMMAND_TEXTS,
    FooterKey,
    app_loop,
    draw_ascii,
    draw_unicode,
    footer_ready,
    mark_footer_ready,
    open_command_palette,
    retitle_system_commands,
)
from launchtui.tui.widgets.translated import TEXTUAL_TEXTS

from .conftest import settle, wait_until


class KeysScreen(Screen):
    BINDINGS = [Binding("f2", "nothing", "Ex"), Binding("f3", "nothing", "Why")]

    def compose(self) -> ComposeResult:
        yield TextArea()
        yield Footer()


class KeysApp(App):
    def on_mount(self) -> None:
        self.push_screen(KeysScreen())


def palette_open(app: App) -> bool:
    screen = app.screen
    return isinstance(screen, CommandPalette) and bool(screen.query(CommandList))


def footer_words(app: App) -> dict[str, str]:
    return {key.key: key.description for key in app.screen.query_one(Footer).query(FooterKey)}


# 1. Footer ------------------------------------------------------------------------


def test_a_footer_is_not_ready_and_draws_nothing_before_the_first_bindings_signal():
    footer = Footer()
    assert footer_ready(footer) is False
    assert list(footer.compose()) == []  # QuietFooter records no keys then
    mark_footer_ready(footer)
    assert footer_ready(footer) is True


async def test_the_footer_hears_each_bindings_signal_through_bindings_changed():
    heard: list[Screen] = []

    class Listening(Footer):
        def bindings_changed(self, screen: Screen) -> None:
            heard.append(screen)
            super().bindings_changed(screen)

    class ListeningScreen(KeysScreen):
        def compose(self) -> ComposeResult:
            yield TextArea()
            yield Listening()

    class ListeningApp(App):
        def on_mount(self) -> None:
            self.push_screen(ListeningScreen())

    app = ListeningApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: heard, what="a bindings signal")
        footer = app.screen.query_one(Listening)
        assert footer_ready(footer)
        before = len(heard)
        app.screen.refresh_bindings()
        await wait_until(pilot, lambda: len(heard) > before, what="refresh_bindings to signal")
        assert heard[-1] is app.screen
        await wait_until(pilot, lambda: footer_words(app), what="the footer's keys")
        assert footer_words(app)["f2"] == "Ex"  # FooterKey: one widget per key, with its words


# 2. Screen.active_bindings is what the Footer draws ---------------------------------


async def test_the_footer_draws_the_screens_active_bindings():
    class Renamed(KeysScreen):
        @property
        def active_bindings(self) -> dict[str, ActiveBinding]:
            active = super().active_bindings
            x = active["f2"]
            binding = Binding(x.binding.key, x.binding.action, "Renamed")
            return {**active, "f2": ActiveBinding(x.node, binding, x.enabled, x.tooltip)}

    class RenamedApp(App):
        def on_mount(self) -> None:
            self.push_screen(Renamed())

    app = RenamedApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: footer_words(app), what="the footer's keys")
        assert footer_words(app)["f2"] == "Renamed"


# 3. Textual's own words -----------------------------------------------------------


def test_the_palette_key_hint_is_textuals():
    app = App()
    palette = [b for _, b in app._bindings if b.action == "command_palette"]
    assert [(b.description, b.tooltip) for b in palette] == [PALETTE_TEXTS]
    assert TEXTUAL_TEXTS == PALETTE_TEXTS  # the words launchtui translates


async def test_every_system_command_text_is_known():
    app = KeysApp()
    seen: set[str] = set()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        for command in App.get_system_commands(app, screen):
            seen |= {command.title, command.help}
        app.action_show_help_panel()  # "Keys" says hide instead of show
        await settle(pilot)
        screen.query_one(TextArea).focus()  # a focused widget: Maximize
        await settle(pilot)
        for command in App.get_system_commands(app, screen):
            seen |= {command.title, command.help}
        screen.maximize(screen.query_one(TextArea))  # maximized: Minimize
        await settle(pilot)
        for command in App.get_system_commands(app, screen):
            seen |= {command.title, command.help}
    assert seen - SYSTEM_COMMAND_TEXTS == set(), "Textual has new or reworded system commands"
    assert seen == SYSTEM_COMMAND_TEXTS, "SYSTEM_COMMAND_TEXTS lists commands Textual dropped"


def test_system_commands_can_be_retitled():
    command = SystemCommand("Quit", "Quit the application as soon as possible", lambda: None)
    (renamed,) = retitle_system_commands([command], {"Quit": "Stop"})
    assert (renamed.title, renamed.help) == ("Stop", command.help)
    assert renamed.callback is command.callback


async def test_the_app_shows_textuals_system_commands_in_dutch(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.set_language("nl")
        await settle(pilot)
        textual = list(App.get_system_commands(app, app.screen))
        ours = list(app.get_system_commands(app.screen))[: len(textual)]
        assert [(c.title, c.help) for c in ours] == [
            (i18n.t(c.title), i18n.t(c.help)) for c in textual
        ]
        assert all(c.title != i18n.t(c.title) for c in textual), "a title left untranslated"


# 4. The command palette -----------------------------------------------------------


async def test_textual_opens_its_palette_with_the_id_we_give_ours():
    app = KeysApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_command_palette()
        await wait_until(pilot, lambda: palette_open(app), what="the command palette")
        assert app.screen.id == PALETTE_SCREEN_ID


async def test_open_command_palette_shows_the_placeholder_once():
    app = KeysApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        open_command_palette(app, "Zoek…")
        await wait_until(pilot, lambda: palette_open(app), what="the command palette")
        assert app.screen.query_one(CommandInput).placeholder == "Zoek…"
        depth = len(app.screen_stack)
        open_command_palette(app, "Zoek…")  # open already: CommandPalette.is_open
        await settle(pilot)
        assert len(app.screen_stack) == depth


# 5. The event loop ----------------------------------------------------------------


async def test_app_loop_is_the_loop_the_app_runs_on():
    app = KeysApp()
    assert app_loop(app) is None
    async with app.run_test(size=(80, 24)):
        assert app_loop(app) is asyncio.get_running_loop()


# 6. Driver internals --------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux driver (POSIX signals)")
async def test_the_linux_driver_puts_a_sigcont_handler_in_place():
    """launchtui.tui.terminal.guard_resume wraps the SIGCONT handler Textual's driver sets."""
    from textual.drivers.linux_driver import LinuxDriver

    before = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    try:
        driver = LinuxDriver(App(), debug=False, mouse=False, size=(80, 24))
        handler = signal.getsignal(signal.SIGCONT)
        assert callable(handler) and getattr(handler, "__self__", None) is driver
    finally:
        for sig, old in before.items():
            signal.signal(sig, old)


# 6. Glyphs ------------------------------------------------------------------------


class Framed(App):
    CSS = """
    #rule { border-bottom: solid red; height: 2; }
    #box { border: thick red; height: 6; }
    #key { border-left: vkey red; height: 1; }
    VerticalScroll { height: 8; scrollbar-size-vertical: 1; }
    """

    def compose(self) -> ComposeResult:
        from textual.containers import VerticalScroll
        from textual.widgets import Static

        yield Static("rule", id="rule")
        yield Static("box", id="box")
        yield Static("key", id="key")
        with VerticalScroll():
            yield Static("\n".join(str(n) for n in range(40)))


def _drawn(app: App) -> str:
    from textual.geometry import Region

    lines = []
    for widget in app.screen.walk_children():
        size = widget.outer_size
        for strip in widget.render_lines(Region(0, 0, size.width, size.height)):
            lines.append(strip.text)
    return "\n".join(lines)


@pytest.mark.parametrize("ascii_only", [True, False])
async def test_draw_ascii_puts_every_border_and_the_scrollbar_in_ascii(ascii_only):
    if ascii_only:
        draw_ascii()
    try:
        app = Framed()
        async with app.run_test(size=(40, 20)) as pilot:
            await wait_until(
                pilot,
                lambda: all(widget.outer_size.area for widget in app.screen.walk_children()),
                what="every widget to be laid out (an empty drawing would pass for ASCII)",
            )
            drawn = _drawn(app)
        from textual.scrollbar import ScrollBar

        for vertical in (True, False):  # what a ScrollBar asks its renderer for
            bar = ScrollBar.renderer.render_bar(
                size=8, virtual_size=40, window_size=8, position=3, vertical=vertical
            )
            drawn += "\n" + "".join(segment.text for segment in bar.segments)
    finally:
        draw_unicode()
    odd = sorted({ch for ch in drawn if ord(ch) > 126})
    if ascii_only:
        assert odd == [], drawn
        assert "-" in drawn and "|" in drawn and "#" in drawn
    else:
        assert odd, "Textual draws these with Unicode: nothing to fall back from"
