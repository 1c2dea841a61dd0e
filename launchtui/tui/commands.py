"""Command-palette commands (ctrl+p): every action of the main screen and its tabs,
findable by name. The list is read from the bindings (launchtui/tui/keys.py), so a new
key with a tooltip is a palette command too."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from launchtui.text.i18n import t
from launchtui.tui.keys import palette_commands
from launchtui.tui.widgets.view_tabs import TABS

TAB_NAMES = {name: label for name, _key, label in TABS}


def _help(tab: str, keys: str | None, help_text: str) -> str:
    """'Issues · n': where the command acts and its key; or its own help text."""
    if keys is None:
        return t(help_text)
    return f"{t(TAB_NAMES[tab])} · {keys}" if tab else keys


class LaunchCommands(Provider):
    def _commands(self):
        for title, help_text, tab, key, action in palette_commands():
            shown = t(title)
            keys = key.keys if key is not None else None
            owner = key.owner if key is not None else None
            run = partial(self._run, tab, action, owner)
            yield shown, run, _help(tab, keys, help_text)

    async def _run(self, tab: str, action: str | None, owner: type | None) -> None:
        await self.app.main_screen.run_on_tab(tab, action, owner)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for shown, run, help_text in self._commands():
            yield DiscoveryHit(shown, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for shown, run, help_text in self._commands():
            score = matcher.match(shown)
            if score > 0:
                yield Hit(score, matcher.highlight(shown), run, help=help_text)
