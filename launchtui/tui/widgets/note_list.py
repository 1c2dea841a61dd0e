"""Retrospective notes grouped by kind, one line each, with a cursor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import humanize
from textual.strip import Strip

from launchtui.domain.retro import KINDS, Note, kind_label
from launchtui.text.i18n import language, t
from launchtui.text.safe import one_line
from launchtui.tui.widgets.row_list import RowList, two_columns


@dataclass(frozen=True)
class KindRow:
    kind: str
    count: int


Row = KindRow | Note


def build_rows(notes: list[Note]) -> list[Row]:
    rows: list[Row] = []
    for kind in KINDS:
        mine = [n for n in notes if n.kind == kind]
        if mine:
            rows.append(KindRow(kind, len(mine)))
            rows.extend(mine)
    return rows


class NoteList(RowList):
    COMPONENT_CLASSES = {"notes--kind", "notes--meta", "notes--cursor"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[Row] = []
        self.now = dt.datetime.now(dt.UTC)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def show(self, notes: list[Note], now: dt.datetime) -> None:
        keep = self.highlighted
        self.rows, self.now = build_rows(notes), now
        self.resize_rows()
        ids = [row.id if isinstance(row, Note) else None for row in self.rows]
        if keep is not None and keep.id in ids:
            self.place_cursor(ids.index(keep.id))
        else:
            first_note = next((i for i, r in enumerate(self.rows) if isinstance(r, Note)), 0)
            self.place_cursor(first_note if keep is None else self.cursor)
        self.refresh()

    @property
    def highlighted(self) -> Note | None:
        if 0 <= self.cursor < len(self.rows):
            row = self.rows[self.cursor]
            return row if isinstance(row, Note) else None
        return None

    def render_row(self, index: int, width: int, selected: bool) -> Strip:
        base = self.rich_style
        row = self.rows[index]
        if isinstance(row, KindRow):
            style = base + self.get_component_rich_style("notes--kind")
            left = f"{kind_label(row.kind, language())} ({row.count})"
            return two_columns(left, "", width, style, style, base)
        meta = self.get_component_rich_style("notes--meta")
        when = humanize.naturaltime(self.now - row.created_at)
        phase = t("phase {n}", n=row.phase) if row.phase else t("before launch")
        right = f"{one_line(row.author.name)} · {phase} · {when}"
        if row.edits:
            right += " · " + t("edited")
        pointer = f" → #{row.issue_id}" if row.issue_id else ""
        pointer += f" → {row.item_key}" if row.item_key else ""
        left = ("› " if selected else "  ") + one_line(row.text) + pointer
        strip = two_columns(left, right, width, base, base + meta, base)
        if selected and self.has_focus:
            strip = strip.apply_style(self.get_component_rich_style("notes--cursor"))
        return strip
