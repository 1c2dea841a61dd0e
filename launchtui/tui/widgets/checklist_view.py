"""The checklists as one scrolling list: a header per window, its items below.

A Line API widget: it renders only the rows on screen and repaints only the rows that
changed, so a tick among thousands of instances costs one line of output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.style import Style
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from launchtui.domain.progress import ItemStatus, RolloutStatus, WindowProgress
from launchtui.domain.ticks import TickEvent
from launchtui.text.i18n import language, t
from launchtui.text.present import date_range, day_label, due_phrase, state_mark, who_when
from launchtui.text.safe import one_line
from launchtui.tui.widgets.row_list import RowList, two_columns
from launchtui.tui.widgets.translated import N_


@dataclass(frozen=True)
class HeaderRow:
    progress: WindowProgress
    expanded: bool
    current: bool

    @property
    def key(self) -> str:
        return f"window:{self.progress.id}"


@dataclass(frozen=True)
class ItemRow:
    item: ItemStatus

    @property
    def key(self) -> str:
        return self.item.key


Row = HeaderRow | ItemRow


def matches(item: ItemStatus, needle: str, lang: str | None = None) -> bool:
    """Does `needle` occur in the item's key, text (in `lang`), owner, who, note or state?"""
    lang = lang or language()
    event = item.event
    haystack = " ".join(
        filter(
            None,
            (
                item.key,
                item.instance.label(lang),
                item.instance.item.owner,
                event.actor.name if event else None,
                event.note if event else None,
                item.state,
                "overdue" if item.overdue else None,
                t("overdue") if item.overdue else None,
            ),
        )
    )
    return needle.casefold() in haystack.casefold()


def build_rows(
    status: RolloutStatus, expanded: set[str], needle: str, lang: str | None = None
) -> list[Row]:
    rows: list[Row] = []
    for window in status.windows:
        items = [i for i in window.items if not needle or matches(i, needle, lang)]
        if needle and not items:
            continue
        is_open = bool(needle) or window.id in expanded
        current = status.current is not None and status.current.id == window.id
        rows.append(HeaderRow(window, is_open, current))
        if is_open:
            rows.extend(ItemRow(i) for i in items)
    return rows


def header_parts(row: HeaderRow, lang: str | None = None) -> tuple[str, str]:
    lang = lang or language()
    w = row.progress
    arrow = "▾" if row.expanded else "▸"
    span = date_range(w.window.first, w.window.last)
    left = f"{arrow} {w.window.spec.label(lang)} ({span})"
    right = f"{w.done}/{w.total}"
    if w.skipped:
        right += " · " + t("{n} skipped", n=w.skipped)
    if w.overdue:
        right += " · " + t("! {n} overdue", n=w.overdue)
    return left, right


def item_parts(item: ItemStatus, now: dt.datetime, lang: str | None = None) -> tuple[str, str]:
    """The row's left and right text: the date of a recurring item first (what tells its
    rows apart), then the item; the state on the right, short."""
    lang = lang or language()
    label = one_line(item.instance.label(lang))
    if item.instance.occurrence:
        label = f"{day_label(item.instance.due)} · {label}"
    event = item.event
    if item.state == "done" and event is not None:
        right = who_when(event, now)
    elif item.state == "skipped" and event is not None:
        right = t(
            'skipped by {name}: "{note}"',
            name=one_line(event.actor.name),
            note=one_line(event.note or ""),
        )
    else:
        right = due_phrase(item)
        if item.overdue:
            right = "! " + right
    return f"{state_mark(item)} {label}", right


def _age_moved(row: object, before: dt.datetime, now: dt.datetime) -> bool:
    """Whether a ticked row's "who · when" reads differently at `now` than at `before`."""
    if before == now or not isinstance(row, ItemRow):
        return False
    event = row.item.event
    if row.item.state != "done" or event is None:
        return False
    return who_when(event, before) != who_when(event, now)


class ChecklistView(RowList):
    """Windows and their items; `space` asks to tick, `enter` folds a window or opens an
    item's detail."""

    BINDINGS = [
        Binding(
            "space",
            "toggle",
            N_("Tick"),
            tooltip=N_("Tick or untick the highlighted item"),
            id="checklist_view.toggle",
        ),
        Binding("enter", "fold", N_("Fold"), show=False, id="checklist_view.fold"),
        Binding("left", "collapse", N_("Collapse"), show=False, id="checklist_view.collapse"),
        Binding("right", "expand", N_("Expand"), show=False, id="checklist_view.expand"),
    ]

    COMPONENT_CLASSES = {
        "checklist--header",
        "checklist--current",
        "checklist--cursor",
        "checklist--done",
        "checklist--skipped",
        "checklist--overdue",
        "checklist--due",
        "checklist--dim",
    }

    class ToggleRequested(Message):
        """The user asked to tick or untick an item."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class DetailRequested(Message):
        """`enter` on an item: show who ticked it, when, where, and its notes."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class Highlighted(Message):
        """The cursor moved to another row (None: a window header)."""

        def __init__(self, item: ItemStatus | None) -> None:
            super().__init__()
            self.item = item

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[Row] = []
        self.status: RolloutStatus | None = None
        self.expanded: set[str] = set()
        self.needle = ""
        self.now = dt.datetime.now(dt.UTC)

    # -- data in ---------------------------------------------------------------

    def show(self, status: RolloutStatus, now: dt.datetime) -> None:
        """New data: keep the cursor on the same item, repaint only what changed."""
        first = self.status is None
        if first and status.current is not None:
            self.expanded.add(status.current.id)
        old_rows, old_now = self.rows, self.now
        self.status, self.now = status, now
        self._rebuild(keep=self._cursor_key())
        if first:
            self._open_on_current()
        elif len(old_rows) == len(self.rows):
            # Only the rows that read differently: new data, or (another minute) a
            # "who · when" age that moved on. Over SSH every repainted line costs bytes.
            for y, (old, new) in enumerate(zip(old_rows, self.rows, strict=True)):
                if old != new or _age_moved(new, old_now, now):
                    self.refresh_line(y)
        else:
            self.refresh()

    def retranslate(self) -> None:
        """The language changed: item texts, dates and due phrases are drawn again."""
        self._rebuild(keep=self._cursor_key())
        self.refresh()

    def patch(self, event: TickEvent) -> None:
        """Show a change this session just committed, before the full refresh arrives."""
        for index, row in enumerate(self.rows):
            if isinstance(row, ItemRow) and row.item.key == event.key:
                item = row.item
                self.rows[index] = ItemRow(ItemStatus(item.instance, event, item.today))
                self.refresh_line(index)
                if index == self.cursor:
                    self.on_cursor_moved()
                return

    def filter(self, needle: str) -> None:
        self.needle = needle.strip()
        self._rebuild(keep=self._cursor_key())
        self.refresh()

    def _rebuild(self, keep: str | None) -> None:
        if self.status is None:
            return
        self.rows = build_rows(self.status, self.expanded, self.needle)
        self.resize_rows()
        keys = [row.key for row in self.rows]
        self.place_cursor(keys.index(keep) if keep in keys else self.cursor)
        self.on_cursor_moved()

    def _open_on_current(self) -> None:
        """Put the cursor on the first open item of the current window."""
        status = self.status
        if status is None or status.current is None:
            return
        for y, row in enumerate(self.rows):
            in_current = isinstance(row, ItemRow) and row.item.instance.window == status.current.id
            if in_current and row.item.is_open:
                self.cursor = y
                return
        header = f"window:{status.current.id}"
        self.cursor = next((y for y, r in enumerate(self.rows) if r.key == header), 0)

    def _cursor_key(self) -> str | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].key
        return None

    @property
    def highlighted(self) -> ItemStatus | None:
        if 0 <= self.cursor < len(self.rows):
            row = self.rows[self.cursor]
            if isinstance(row, ItemRow):
                return row.item
        return None

    # -- cursor ----------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def on_cursor_moved(self) -> None:
        self.post_message(self.Highlighted(self.highlighted))

    def action_toggle(self) -> None:
        item = self.highlighted
        if item is not None:
            self.post_message(self.ToggleRequested(item.key))
        else:
            self.action_fold()

    def action_fold(self) -> None:
        """`enter`: fold or unfold a window; on an item, open its detail."""
        row = self.rows[self.cursor] if self.rows else None
        if isinstance(row, ItemRow):
            self.post_message(self.DetailRequested(row.item.key))
        elif isinstance(row, HeaderRow):
            self._set_expanded(row.progress.id, not row.expanded)

    def action_collapse(self) -> None:
        row = self.rows[self.cursor] if self.rows else None
        if isinstance(row, ItemRow):
            window = row.item.instance.window
            self._set_expanded(window, False)
            self.cursor = next(y for y, r in enumerate(self.rows) if r.key == f"window:{window}")
        elif isinstance(row, HeaderRow):
            self._set_expanded(row.progress.id, False)

    def action_expand(self) -> None:
        row = self.rows[self.cursor] if self.rows else None
        if isinstance(row, HeaderRow):
            self._set_expanded(row.progress.id, True)

    def _set_expanded(self, window_id: str, expanded: bool) -> None:
        (self.expanded.add if expanded else self.expanded.discard)(window_id)
        self._rebuild(keep=self._cursor_key())
        self.refresh()

    # -- painting --------------------------------------------------------------

    def render_row(self, index: int, width: int, selected: bool) -> Strip:
        base = self.rich_style
        row = self.rows[index]
        if isinstance(row, HeaderRow):
            left, right = header_parts(row)
            names = ["checklist--header"] + (["checklist--current"] if row.current else [])
            left_style = right_style = self._style(*names)
            left = ("› " if selected else "  ") + left
        else:
            left, right = item_parts(row.item, self.now)
            left_style = self._style(_state_component(row.item))
            right_style = self._style(
                "checklist--overdue"
                if row.item.overdue
                else "checklist--due"
                if row.item.due_today
                else "checklist--dim"
            )
            left = ("  › " if selected else "    ") + left
        strip = two_columns(left, right, width, base + left_style, base + right_style, base)
        if selected and self.has_focus:
            strip = strip.apply_style(self._style("checklist--cursor"))
        return strip

    def _style(self, *names: str) -> Style:
        return self.get_component_rich_style(*names)


def _state_component(item: ItemStatus) -> str:
    if item.state == "done":
        return "checklist--done"
    if item.state == "skipped":
        return "checklist--skipped"
    return "checklist--overdue" if item.overdue else "checklist--due"
