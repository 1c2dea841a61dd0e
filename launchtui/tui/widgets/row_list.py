"""A cursor over rows that are painted one line each, only while on screen.

The base of the checklist and the issue list: both can hold thousands of rows, and a
change to one row repaints one line.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from launchtui.text.present import fold
from launchtui.tui.widgets.translated import N_


class RowList(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up,k", "cursor(-1)", N_("Up"), show=False, id="row_list.up"),
        Binding("down,j", "cursor(1)", N_("Down"), show=False, id="row_list.down"),
        Binding("pageup", "page(-1)", N_("Page up"), show=False, id="row_list.page_up"),
        Binding("pagedown", "page(1)", N_("Page down"), show=False, id="row_list.page_down"),
        Binding("home", "edge(0)", N_("First"), show=False, id="row_list.first"),
        Binding("end", "edge(1)", N_("Last"), show=False, id="row_list.last"),
    ]

    # No repaint of the whole list on a move: `watch_cursor` repaints the two rows (issue 16:
    # 3.3 KB to the terminal per cursor move over SSH, against two lines).
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def render_row(self, index: int, width: int, selected: bool) -> Strip:
        raise NotImplementedError

    def on_cursor_moved(self) -> None:
        """Hook: the cursor now rests on another row."""

    def resize_rows(self) -> None:
        self.virtual_size = Size(0, self.row_count)

    def place_cursor(self, index: int) -> None:
        """Move the cursor without animation or a watcher: after the rows were rebuilt."""
        self.set_reactive(RowList.cursor, max(0, min(index, self.row_count - 1)))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_to_cursor()
        self.on_cursor_moved()

    def _scroll_to_cursor(self) -> None:
        # Before the first layout there is no height to scroll within: `on_resize` will.
        if self.scrollable_content_region.height:
            region = Region(0, self.cursor, 1, 1)
            self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.row_count - 1))

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(self.scrollable_content_region.height - 1, 1)

    def action_edge(self, last: int) -> None:
        self.cursor = self.row_count - 1 if last else 0

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= self.row_count:
            return Strip.blank(width, self.rich_style)
        return self.render_row(index, width, index == self.cursor)

    def on_focus(self) -> None:
        self.refresh_line(self.cursor)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor)

    def on_resize(self) -> None:
        self.resize_rows()
        self._scroll_to_cursor()


def two_columns(
    left: str, right: str, width: int, left_style: Style, right_style: Style, base: Style
) -> Strip:
    """Left text first, right text flush right. The left side (what tells rows apart) wins:
    the right keeps at least three tenths of the line, and is cut with … past what the
    left leaves it."""
    left, right, more = fold(left), fold(right), fold("…")
    right_room = max(width - 1 - cell_len(left), width * 3 // 10)
    right_room = min(right_room, max(width - 8, 0))
    if cell_len(right) > right_room:
        right = set_cell_size(right, max(right_room - len(more), 0)) + more
    room = width - cell_len(right) - 1 if right else width
    if cell_len(left) > room:
        left = set_cell_size(left, max(room - len(more), 0)) + more
    gap = width - cell_len(left) - cell_len(right)
    segments = [
        Segment(left, left_style),
        Segment(" " * max(gap, 0), base),
        Segment(right, right_style),
    ]
    return Strip(segments, width).crop_extend(0, width, base)


def columns(cells: list[tuple[str, int, Style]], width: int, base: Style) -> Strip:
    """Fixed-width cells, the last one taking what is left; each cut with … to fit."""
    segments = []
    used = 0
    more = fold("…")
    for n, (raw, size, style) in enumerate(cells):
        text = fold(raw)
        size = width - used if n == len(cells) - 1 else min(size, width - used)
        if size <= 0:
            break
        if cell_len(text) > size:
            text = set_cell_size(text, max(size - len(more), 0)) + more
        segments.append(Segment(set_cell_size(text, size), style))
        used += size
    return Strip(segments, width).crop_extend(0, width, base)


def next_option(options: tuple, current):
    """The option after `current`, wrapping round: how a filter key cycles its values."""
    return options[(options.index(current) + 1) % len(options)]
