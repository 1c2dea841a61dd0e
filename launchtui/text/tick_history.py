"""An item's tick history as lines: every tick, untick, skip and note, with who, when,
where and when it was entered. `launchtui history` prints them; the TUI's item detail
shows them (one renderer for both)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from launchtui.domain.ticks import ACTIONS, TickEvent, TickNote
from launchtui.text.i18n import t
from launchtui.text.safe import one_line
from launchtui.text.times import local_time


def history_lines(
    log: Sequence[TickEvent | TickNote], zone: dt.tzinfo | None, *, keys: bool = True
) -> list[str]:
    """One line per entry (and one more under a tick made against its rule); times on
    the wall clock of `zone`. `keys`: name the item on each line (off for one item)."""
    actions = {"tick": t("tick"), "untick": t("untick"), "skip": t("skip"), "note": t("note")}
    width = max(len(actions[a]) for a in (*ACTIONS, "note"))
    lines: list[str] = []
    for e in log:
        who = one_line(e.actor.label())
        action = actions.get(e.action, e.action)
        key = f"  {e.key}" if keys else ""
        line = f"{local_time(e.at, zone)}  {action:<{width}}{key}  {who}"
        if e.location:
            line += "  " + t("in {place}", place=one_line(e.location))
        if isinstance(e, TickNote):
            if e.undo_of:
                line += "  " + t("(removes note #{id})", id=e.undo_of)
            else:
                line += f'  "{one_line(e.text or "")}"'
            lines.append(line)
            continue
        if e.entered_late:
            entered = local_time(e.recorded_at, zone)
            line += "  " + t("(entered late, {when})", when=entered)
        if e.undo_of:
            line += "  " + t("(undoes #{id})", id=e.undo_of)
        if e.note:
            line += f'  "{one_line(e.note)}"'
        lines.append(line)
        if e.exception is not None:
            from launchtui.text.gate_text import exception_line

            lines.append(f"    {exception_line(e.exception)}")
    return lines
