"""One checklist item in full: who ticked it, when and where, its notes, a skip's reason.

Every text a user typed (names, notes, reasons, locations) goes through `one_line` and
`Content`, so it is shown as written and never read as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual.binding import Binding

from launchtui.domain.progress import ItemStatus
from launchtui.domain.ticks import TickEvent, TickNote
from launchtui.services.workspace import Workspace
from launchtui.text.i18n import language, t
from launchtui.text.present import field_line
from launchtui.text.safe import one_line
from launchtui.text.tick_history import history_lines
from launchtui.text.times import local_time
from launchtui.tui.messages import Written
from launchtui.tui.screens.detail import DetailScreen
from launchtui.tui.widgets.translated import N_


def describe(
    item: ItemStatus,
    notes: list[TickNote],
    zone: dt.tzinfo | None = None,
    history: Sequence[TickEvent | TickNote] = (),
) -> str:
    """The item as plain text: what it is, its state, who, when, where, its notes, then
    its history (every tick, untick and skip, as `launchtui history KEY` prints it).
    Times are on the wall clock of `zone` (the coordinator's location; None: the system's)."""

    def _when(moment: dt.datetime) -> str:
        return local_time(moment, zone)

    lines = [one_line(item.instance.label(language())), item.key, ""]
    lines.append(field_line(t("due"), item.instance.due.isoformat()))
    event = item.event
    if item.state == "done" and event is not None:
        lines.append(field_line(t("ticked by"), one_line(event.actor.label())))
    elif item.state == "skipped" and event is not None:
        lines.append(field_line(t("skipped by"), one_line(event.actor.label())))
    else:
        lines.append(field_line(t("state"), t("open")))
    if event is not None and not item.is_open:
        when = _when(event.at)
        if event.entered_late:
            when += "  " + t("(entered late, {when})", when=_when(event.recorded_at))
        lines.append(field_line(t("when"), when))
        lines.append(field_line(t("where"), one_line(event.location) if event.location else "-"))
        if event.note:
            heading = t("reason") if item.state == "skipped" else t("note")
            lines.append(field_line(heading, one_line(event.note)))
        if event.exception is not None:
            from launchtui.text.gate_text import exception_line

            lines.append(one_line(exception_line(event.exception)))
    lines += ["", t("notes:")]
    if not notes:
        lines.append("  " + t("none yet"))
    for note in notes:
        where = f" · {one_line(note.location)}" if note.location else ""
        who = one_line(note.actor.label())
        lines.append(f"  {_when(note.at)}  {who}{where}: {one_line(note.text or '')}")
    if history:
        lines += ["", t("history:")]
        lines += ["  " + line for line in history_lines(history, zone, keys=False)]
    return "\n".join(lines)


class ItemDetail(DetailScreen):
    BINDINGS = [
        Binding("escape,q,enter", "close", N_("Close"), id="item_detail.close"),
        Binding("n", "note", N_("Note"), id="item_detail.note"),
        Binding("a", "late_tick", N_("Tick at…"), id="item_detail.late_tick"),
    ]
    BOX_ID = "item-detail"
    TEXT_IDS = ("item-text",)

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.item: ItemStatus | None = None
        self.notes: list[TickNote] = []
        self.history: list[TickEvent | TickNote] = []
        self.zone: dt.tzinfo | None = None  # the coordinator's location's, for times

    def read(self) -> None:
        ws: Workspace = self.app.browser  # type: ignore[attr-defined]
        self.item, self.notes, self.history = ws.item_record(self.key)
        place = ws.location()
        self.zone = place.zone if place is not None else None

    def draw(self) -> None:
        if self.item is not None:
            self.show("item-text", describe(self.item, self.notes, self.zone, self.history))

    def action_note(self) -> None:
        """A note of one's own on this item (an open one is ticked with it, as on the list)."""
        if self.item is None:
            return
        from launchtui.tui.widgets.checklist_pane import ask_note

        ask_note(self, self.item, reply=True)

    def action_late_tick(self) -> None:
        """Tick this item at an earlier time (a tick made on paper), as on the list."""
        if self.item is not None:
            from launchtui.tui.widgets.checklist_pane import ask_late_tick

            ask_late_tick(self.app, self.item)

    def on_written(self, _: Written) -> None:
        self.reload()  # the note shows at once, before the full reload
