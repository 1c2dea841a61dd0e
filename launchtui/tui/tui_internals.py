"""Every place launchtui leans on Textual's private API or its exact words, in one module.

Textual (pinned in constraints.txt, `textual>=8.2,<9` for users) does not promise any of
this. Each hook has a test in tests/ui/test_tui_internals.py that fails when Textual
changes the behaviour relied on; fix the hook here, not at its callers.

The hooks:

1. Footer internals (`QuietFooter`, launchtui/tui/widgets/quiet_footer.py): Footer subscribes
   its `bindings_changed` to the screen's `bindings_updated_signal` and recomposes on
   every signal; it composes nothing until its private reactive `_bindings_ready` is set.
   `footer_ready`/`mark_footer_ready` read and set that flag; `FooterKey` (private module
   `textual.widgets._footer`) is the widget per key, which tests count.
2. `Screen.active_bindings` is what the Footer draws: `TranslatedBindings`
   (launchtui/tui/widgets/translated.py) overrides it to translate key hints.
3. Textual's own words: the command palette's key hint (`PALETTE_TEXTS`, marked for
   translation in launchtui/tui/widgets/translated.py) and the system commands' titles and
   help (`SYSTEM_COMMAND_TEXTS`, translated by `LaunchApp.get_system_commands` through
   `retitle_system_commands`, which relies on `SystemCommand` being a NamedTuple).
4. The command palette: `open_command_palette` is Textual's `App.action_command_palette`
   with a placeholder in the current language; it keeps Textual's screen id.
5. `App._loop` (`app_loop`): the running event loop, which `LaunchApp.hang_up` needs from
   the terminal watch's thread.
6. Glyphs (`draw_ascii`): Textual draws borders from `textual._border.BORDER_CHARS`
   (cached by `get_box`) and scrollbars with `ScrollBarRender`'s block characters; on
   an ASCII terminal every border type is drawn as Textual's own "ascii" one and the
   scrollbar as `|` and `#`, so the rule, the footer's separator, dialog frames and the
   scrollbar go through the same fallback as our texts (launchtui/text/present.py).
7. Driver internals (launchtui/tui/terminal.py, which imports no Textual): the Linux driver
   puts a SIGCONT handler in place when it starts (`guard_resume` wraps it), and its
   input thread loops on an empty read at end of input (why `TerminalWatch` exists).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping

from rich.segment import Segment, Segments
from textual import _border
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from launchtui.text.i18n import N_, t

__all__ = [
    "PALETTE_SCREEN_ID",
    "PALETTE_TEXTS",
    "SYSTEM_COMMAND_TEXTS",
    "FooterKey",
    "app_loop",
    "draw_ascii",
    "draw_unicode",
    "footer_ready",
    "mark_footer_ready",
    "open_command_palette",
    "retitle_system_commands",
    "system_command_words",
]

# 1. Footer ------------------------------------------------------------------------


def footer_ready(footer: Footer) -> bool:
    """Whether `footer` has had its first bindings signal (it draws nothing before)."""
    return bool(footer._bindings_ready)


def mark_footer_ready(footer: Footer) -> None:
    """What Footer's own `bindings_changed` does first: allow it to draw its keys."""
    footer._bindings_ready = True


# 3. Textual's words ---------------------------------------------------------------

# The key hint and tooltip of the palette binding that `App.__init__` adds (ctrl+p).
PALETTE_TEXTS = ("palette", "Open the command palette")

# Titles and help of `App.get_system_commands` (textual 8.2), every one the app may show.
SYSTEM_COMMAND_TEXTS = frozenset(
    {
        N_("Theme"),
        N_("Change the current theme"),
        N_("Quit"),
        N_("Quit the application as soon as possible"),
        N_("Keys"),
        N_("Hide the keys and widget help panel"),
        N_("Show help for the focused widget and a summary of available keys"),
        N_("Minimize"),
        N_("Minimize the widget and restore to normal size"),
        N_("Maximize"),
        N_("Maximize the focused widget"),
        N_("Screenshot"),
        N_("Save an SVG 'screenshot' of the current screen"),
    }
)


def system_command_words() -> dict[str, str]:
    """Each of Textual's system-command texts in the current language."""
    return {text: t(text) for text in SYSTEM_COMMAND_TEXTS}


def retitle_system_commands(
    commands: Iterable[SystemCommand], words: Mapping[str, str]
) -> Iterable[SystemCommand]:
    """Textual's system `commands` with their title and help looked up in `words`."""
    for command in commands:
        yield command._replace(
            title=words.get(command.title, command.title),
            help=words.get(command.help, command.help),
        )


# 4. The command palette -----------------------------------------------------------

PALETTE_SCREEN_ID = "--command-palette"  # the id Textual's own action gives the palette


def open_command_palette(app: App, placeholder: str) -> None:
    """Textual's `action_command_palette`, with `placeholder` in the search box."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(CommandPalette(placeholder=placeholder, id=PALETTE_SCREEN_ID))


# 5. The event loop ----------------------------------------------------------------


def app_loop(app: App) -> asyncio.AbstractEventLoop | None:
    """The loop `app` runs on, None before it runs and after it ends; any thread."""
    return app._loop


# 6. Glyphs ------------------------------------------------------------------------

_UNICODE_BORDERS = (dict(_border.BORDER_CHARS), dict(_border.BORDER_LOCATIONS))
_UNICODE_SCROLLBAR = ScrollBar.renderer
_NO_GLYPH = ("", "none", "hidden", "blank", "ascii")  # drawn with spaces, or ASCII already


class AsciiScrollBarRender(ScrollBarRender):
    """Textual's scrollbar with `|` for the track and `#` for the thumb: no eighth-blocks."""

    VERTICAL_BARS = [" "] * 8  # whole cells only: no partial block at either end
    HORIZONTAL_BARS = [" "] * 8

    @classmethod
    def render_bar(cls, *args, **kwargs) -> Segments:  # type: ignore[override]
        drawn = super().render_bar(*args, **kwargs)
        vertical = kwargs.get("vertical", args[5] if len(args) > 5 else True)
        track = "|" if vertical else "-"
        segments = [
            Segment(("#" if seg.style and seg.style.reverse else track) * len(seg.text), seg.style)
            for seg in drawn.segments
        ]
        return Segments(segments, new_lines=drawn.new_lines)


def draw_ascii() -> None:
    """Every border type drawn as Textual's "ascii" one, scrollbars with `|` and `#`:
    before the first paint (borders are cached per type once drawn)."""
    for edge in list(_border.BORDER_CHARS):
        if edge not in _NO_GLYPH:
            _border.BORDER_CHARS[edge] = _border.BORDER_CHARS["ascii"]
            _border.BORDER_LOCATIONS[edge] = _border.BORDER_LOCATIONS["ascii"]
    _border.get_box.cache_clear()
    ScrollBar.renderer = AsciiScrollBarRender


def draw_unicode() -> None:
    """Textual's own glyphs again (tests switch between the two in one process)."""
    _border.BORDER_CHARS.update(_UNICODE_BORDERS[0])
    _border.BORDER_LOCATIONS.update(_UNICODE_BORDERS[1])
    _border.get_box.cache_clear()
    ScrollBar.renderer = _UNICODE_SCROLLBAR
