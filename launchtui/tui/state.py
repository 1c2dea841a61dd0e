"""How screens follow the app-wide state: the language and the loaded data are reactives
on the app (`LaunchApp.lang`, `LaunchApp.data`); screens watch them, nothing pushes."""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.screen import Screen


class FollowsLanguage:
    """Screen mixin: on a language switch, every text on this screen that can be worded
    again (a node with `retranslate`) is, and the footer's keys are renamed."""

    def on_mount(self) -> None:
        screen: Screen = self  # type: ignore[assignment]
        screen.watch(screen.app, "lang", self._follow_language, init=False)

    def _follow_language(self) -> None:
        screen: Screen = self  # type: ignore[assignment]
        try:
            for node in (screen, *screen.walk_children()):
                retranslate = getattr(node, "retranslate", None)
                if callable(retranslate):
                    retranslate()
        except NoMatches:
            return  # the screen is closing: nothing left to word
        screen.refresh_bindings()
