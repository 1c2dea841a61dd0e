"""Moving the cursor repaints the two rows it leaves and reaches, not the whole list:
over SSH a whole list is ~3.3 KB a key press, two rows ~400 B (benchmarks/run.py)."""

from __future__ import annotations

from launchtui.services.issues import IssueService
from launchtui.services.workspace import Workspace
from launchtui.tui.widgets.checklist_view import ChecklistView
from launchtui.tui.widgets.issue_table import IssueTable
from launchtui.tui.widgets.row_list import RowList

from .conftest import settle, ui_settings, wait_until


def _count_repaints(view: RowList) -> dict[str, list]:
    """Spy on `view`: whole-widget refreshes and single lines refreshed."""
    seen: dict[str, list] = {"whole": [], "lines": []}
    refresh, refresh_line = view.refresh, view.refresh_line

    def whole(*regions, **kwargs):
        if not regions:
            seen["whole"].append(kwargs)
        return refresh(*regions, **kwargs)

    def line(y: int) -> None:
        seen["lines"].append(y)
        refresh_line(y)

    view.refresh = whole  # type: ignore[method-assign]
    view.refresh_line = line  # type: ignore[method-assign]
    return seen


async def test_a_cursor_move_repaints_two_rows_of_the_checklist(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        start, offset = view.cursor, view.scroll_offset.y
        seen = _count_repaints(view)
        await pilot.press("down")
        await wait_until(pilot, lambda: view.cursor == start + 1, what="the cursor to move")
        await settle(pilot)
        assert view.scroll_offset.y == offset, "the move scrolled: pick a row inside the view"
        assert seen["whole"] == []
        assert sorted(seen["lines"]) == [start, start + 1]


async def test_a_cursor_move_repaints_two_rows_of_the_issue_list(make_app, demo_db):
    ws = Workspace(ui_settings(demo_db, user="rob"))
    for n in range(3):
        IssueService(ws).add(f"issue {n}", "minor")
    ws.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        table = app.screen.query_one(IssueTable)
        await wait_until(pilot, lambda: table.row_count >= 3, what="the issues")
        seen = _count_repaints(table)
        await pilot.press("down")
        await wait_until(pilot, lambda: table.cursor == 1, what="the cursor to move")
        await settle(pilot)
        assert seen["whole"] == []
        assert sorted(seen["lines"]) == [0, 1]
