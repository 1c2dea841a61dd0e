"""An event of an issue's timeline or a note's history, as the command line prints it.

One renderer for both logs: each thing an event says is a line that starts with when and
who ("  2026-11-07 10:02  Ana (ana)  "), with any text it quotes indented below it.
"""

from __future__ import annotations

from collections.abc import Iterable

from launchtui.domain.events import Event
from launchtui.text.safe import one_line
from launchtui.text.times import local_time

QUOTE_INDENT = "    "


def event_lines(event: Event, says: Iterable[tuple[str, Iterable[str]]]) -> list[str]:
    """`says`: (what the event did, the lines of text it quotes), in order. The caller
    words the first and cleans the second; who is folded to one safe line here."""
    who = f"  {local_time(event.at)}  {one_line(event.actor.label())}  "
    lines: list[str] = []
    for said, quoted in says:
        lines.append(who + said)
        lines.extend(QUOTE_INDENT + line for line in quoted)
    return lines
