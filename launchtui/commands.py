"""Command-palette commands (ctrl+p): every main action, findable by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (title, help, tab, action on that tab's pane or None to just show it)
COMMANDS = (
    ("Show the checklists", "the timed checklists by window", "checklists", None),
    ("Show the issues", "the issue log", "issues", None),
    ("Show the gate", "criteria, trend and phases", "gate", None),
    ("Undo my last change", "your latest tick, untick or skip", "checklists", "undo"),
    ("Filter the checklists", "by text, key, owner or person", "checklists", "filter"),
    ("Log a new issue", "title, severity, tier, detail", "issues", "new"),
    ("Export issues", "csv, json or markdown to a file", "issues", "export"),
    ("Record adoption figures", "active use, satisfaction, NPS…", "gate", "record"),
    ("Hold the rollout", "an override with a reason", "gate", "hold"),
    ("Go despite the gate", "an override with a reason", "gate", "go"),
    ("Lift the override", "the gate follows the rules again", "gate", "lift"),
    ("Edit a phase", "name, group, share, days", "gate", "edit_phase"),
)


class LaunchCommands(Provider):
    def _run(self, tab: str, action: str | None) -> None:
        from launchtui.screens.main import MainScreen

        screen = next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)
        if screen is not None:
            screen.run_on_tab(tab, action)

    async def discover(self) -> Hits:
        for title, help_text, tab, action in COMMANDS:
            yield DiscoveryHit(title, partial(self._run, tab, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, tab, action in COMMANDS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(self._run, tab, action), help=help_text
                )
