"""The issue log as a table that reads only the page of rows on screen.

With 100,000 issues nothing is loaded up front: rows come from the store a page at a
time, on demand, and a refresh drops the cached pages and keeps the cursor on its issue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.style import Style
from textual.message import Message
from textual.strip import Strip

from launchtui.domain.issues import Issue
from launchtui.text.i18n import t
from launchtui.text.present import issue_age, severity_label, status_word, tier_label
from launchtui.text.safe import one_line
from launchtui.tui.widgets.row_list import RowList, columns

PAGE = 100
Fetch = Callable[[int, int], list[Issue]]  # (offset, limit) -> issues in the table's order

# (name, width); the title column takes what is left.
COLUMNS = (("#", 6), ("severity", 11), ("tier", 7), ("status", 11), ("age", 5), ("who", 9))


def column_titles() -> tuple[str, ...]:
    """The titles of COLUMNS and of the title column, in the current language."""
    return ("#", t("severity"), t("tier"), t("status"), t("age"), t("who"), t("title"))


def header_line() -> str:
    """The column titles, laid out as the rows are."""
    *titles, last = column_titles()
    return (
        "".join(f"{title:<{width}}" for title, (_, width) in zip(titles, COLUMNS, strict=True))
        + last
    )


class IssueTable(RowList):
    """Rows of issues; `enter` asks to open the highlighted one."""

    COMPONENT_CLASSES = {
        "issues--critical",
        "issues--major",
        "issues--minor",
        "issues--resolved",
        "issues--cursor",
    }

    class OpenRequested(Message):
        """The user asked to see an issue in full."""

        def __init__(self, issue_id: int) -> None:
            super().__init__()
            self.issue_id = issue_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.total = 0
        self._fetch: Fetch = lambda offset, limit: []
        self._pages: dict[int, list[Issue]] = {}
        self.now = dt.datetime.now(dt.UTC)
        self._follow: int | None = None  # an issue just logged: the cursor goes to it

    def follow(self, issue_id: int) -> None:
        """Put the cursor on `issue_id` at the next load (the one the log brings)."""
        self._follow = issue_id

    @property
    def row_count(self) -> int:
        return self.total

    def load(self, total: int, fetch: Fetch, now: dt.datetime) -> None:
        """New rows (a change, a filter, a sort): keep the cursor on the same issue if seen."""
        keep = self.highlighted
        self.total, self._fetch, self.now = total, fetch, now
        self._pages.clear()
        self.resize_rows()
        index = self.cursor
        if self._follow is not None:
            index = self._seek(self._follow, fallback=index)
            self._follow = None
        elif keep is not None:
            index = self._find(keep.id, around=self.cursor)
        self.place_cursor(index)
        self.refresh()

    def _find(self, issue_id: int, around: int) -> int:
        """The row of `issue_id` in the pages near `around`, else `around`."""
        page = around // PAGE
        for number in (page, page - 1, page + 1):
            if number < 0:
                continue
            for offset, issue in enumerate(self._page(number)):
                if issue.id == issue_id:
                    return number * PAGE + offset
        return around

    def _seek(self, issue_id: int, fallback: int, pages: int = 20) -> int:
        """The row of `issue_id` in the first `pages` pages (a new issue can sort
        anywhere), else `fallback`; hidden by the filter, it is not found."""
        for number in range(min(pages, self.total // PAGE + 1)):
            for offset, issue in enumerate(self._page(number)):
                if issue.id == issue_id:
                    return number * PAGE + offset
        return fallback

    def _page(self, number: int) -> list[Issue]:
        if number not in self._pages:
            self._pages[number] = self._fetch(number * PAGE, PAGE)
        return self._pages[number]

    def issue_at(self, index: int) -> Issue | None:
        if not 0 <= index < self.total:
            return None
        page = self._page(index // PAGE)
        offset = index % PAGE
        return page[offset] if offset < len(page) else None

    @property
    def highlighted(self) -> Issue | None:
        return self.issue_at(self.cursor)

    def retranslate(self) -> None:
        """Severity, tier, status and age are drawn in the language now chosen."""
        self.refresh()

    def action_open(self) -> None:
        issue = self.highlighted
        if issue is not None:
            self.post_message(self.OpenRequested(issue.id))

    def render_row(self, index: int, width: int, selected: bool) -> Strip:
        base = self.rich_style
        issue = self.issue_at(index)
        if issue is None:
            return Strip.blank(width, base)
        style = base + self._row_style(issue)
        cells = [
            (("›" if selected else " ") + str(issue.id), COLUMNS[0][1], style),
            (severity_label(issue.severity), COLUMNS[1][1], style),
            (tier_label(issue.tier), COLUMNS[2][1], style),
            (status_word(issue.status), COLUMNS[3][1], style),
            (issue_age(issue.created_at, self.now), COLUMNS[4][1], style),
            (one_line(issue.reporter.name), COLUMNS[5][1], style),
            (one_line(issue.title), 0, style),
        ]
        strip = columns(cells, width, base)
        if selected and self.has_focus:
            strip = strip.apply_style(self.get_component_rich_style("issues--cursor"))
        return strip

    def _row_style(self, issue: Issue) -> Style:
        if not issue.is_open:
            return self.get_component_rich_style("issues--resolved")
        return self.get_component_rich_style(f"issues--{issue.severity}")
