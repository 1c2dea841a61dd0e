"""A Footer that builds its keys again only when the keys it shows change.

Textual's Footer recomposes, mounting a widget per key, on every bindings signal: each
focus move and screen-stack change. At start-up that was three recomposes of 15 ms for
the same keys, between the screen and its footer appearing (benchmarks/run.py start-up).
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from launchtui.tui.tui_internals import footer_ready, mark_footer_ready


def shown_keys(screen: Screen) -> tuple[Hashable, ...]:
    """What the footer of `screen` would draw: each shown key, its words, whether it works."""
    app = screen.app
    return tuple(
        (binding.key, app.get_key_display(binding), binding.description, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show or binding.action == "command_palette"
    )


class QuietFooter(Footer):
    """Recomposes once for signals that come together, and not at all for keys it shows.

    `bindings_changed` and the ready flag follow Footer's own (textual 8): hooks into
    Footer's internals, kept in launchtui/tui/tui_internals.py.
    """

    _drawn: tuple[Hashable, ...] | None = None
    _pending = False

    def __init__(self, *, keys_now: bool = False) -> None:
        """`keys_now`: draw the keys in the first compose, for a footer mounted once its
        screen has its focus. Left to the signals, the keys come one or two refreshes
        after the screen's first paint (40-50 ms), which shows a screen with no footer."""
        super().__init__()
        if keys_now:
            mark_footer_ready(self)

    def compose(self) -> ComposeResult:
        self._drawn = shown_keys(self.screen) if footer_ready(self) else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        mark_footer_ready(self)
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._pending and shown_keys(screen) != self._drawn:
            self._pending = True
            self.call_after_refresh(self._recompose)

    async def _recompose(self) -> None:
        self._pending = False
        await self.recompose()
