"""Command-palette commands (ctrl+p): every main action, findable by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from launchtui.text.i18n import t
from launchtui.tui.widgets.translated import N_

# (title, help, tab, action on that tab's pane or None to just show it)
COMMANDS = (
    (N_("Show the checklists"), N_("the timed checklists by window"), "checklists", None),
    (N_("Show the issues"), N_("the issue log"), "issues", None),
    (N_("Show the gate"), N_("criteria, trend and phases"), "gate", None),
    (N_("Undo my last change"), N_("your latest tick, untick or skip"), "checklists", "undo"),
    (
        N_("Show who ticked an item"),
        N_("when, where, its notes, a skip's reason"),
        "checklists",
        "detail",
    ),
    (
        N_("Tick an item at an earlier time"),
        N_("a tick made on paper: when it was done"),
        "checklists",
        "late_tick",
    ),
    (
        N_("Show the tick history of an item"),
        N_("every tick, untick, skip and note"),
        "checklists",
        "detail",
    ),
    (N_("Filter the checklists"), N_("by text, key, owner or person"), "checklists", "filter"),
    (N_("Log a new issue"), N_("title, severity, tier, detail"), "issues", "new"),
    (N_("Comment on an issue"), N_("on the highlighted issue's timeline"), "issues", "comment"),
    (N_("Export issues"), N_("csv, json or markdown to a file"), "issues", "export"),
    (N_("Record adoption figures"), N_("active use, satisfaction, NPS…"), "gate", "record"),
    (N_("Decide on a phase"), N_("go, hold or stop, with a reason"), "gate", "decide"),
    (N_("Hold the rollout"), N_("an override with a reason"), "gate", "hold"),
    (N_("Go despite the gate"), N_("an override with a reason"), "gate", "go"),
    (N_("Lift the override"), N_("the gate follows the rules again"), "gate", "lift"),
    (N_("Edit a phase"), N_("name, group, share, days"), "gate", "edit_phase"),
    (N_("Move the launch date"), N_("due dates move along, ticks stay"), "gate", "reschedule"),
    (N_("Import figures from a CSV file"), N_("a survey export"), "gate", "import_figures"),
    (N_("Locations"), N_("add, edit or remove; zone, champion, days"), "gate", "locations"),
    (N_("Show the value of each phase"), N_("baseline, impact, costs, ROI"), "gate", "value"),
    (N_("Show the schedule"), N_("training and office hours per location"), "gate", "schedule"),
    (
        N_("Add, move or cancel a session"),
        N_("training and office hours; mark one held"),
        "gate",
        "schedule",
    ),
    (
        N_("Export the calendar"),
        N_("sessions, phases and due dates as .ics"),
        "gate",
        "export_calendar",
    ),
    (N_("Show the retrospective"), N_("notes by kind"), "retro", None),
    (N_("Write a retrospective note"), N_("went well, lesson, thanks, next step"), "retro", "new"),
    (N_("Review the notes of a phase"), N_("one at a time, for the meeting"), "retro", "review"),
    (N_("Export the rollout report"), N_("markdown, json or csv"), "retro", "export"),
    (
        N_("Draft the announcement"),
        N_("two weeks ahead, from the rollout's data"),
        "retro",
        "comms",
    ),
    (N_("Draft the weekly update"), N_("progress, figures, resolved issues"), "retro", "weekly"),
    (
        N_("Weekly update of another week"),
        N_("week 1 starts on launch day"),
        "retro",
        "weekly_week",
    ),
    (
        N_("Set the facts of the mails"),
        N_("benefit, training, support… per language"),
        "retro",
        "facts",
    ),
)


class LaunchCommands(Provider):
    async def _run(self, tab: str, action: str | None) -> None:
        await self.app.main_screen.run_on_tab(tab, action)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for title, help_text, tab, action in COMMANDS:
            yield DiscoveryHit(t(title), partial(self._run, tab, action), help=t(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, tab, action in COMMANDS:
            shown = t(title)
            score = matcher.match(shown)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(shown),
                    partial(self._run, tab, action),
                    help=t(help_text),
                )
