"""User text reaches the screen literally: never as markup, never as escape sequences."""

from __future__ import annotations

from launchtui.services.workspace import Workspace
from launchtui.tui.widgets.checklist_view import ChecklistView

from .conftest import settle, ui_settings, wait_until

HOSTILE = "[bold red]x[/ \x1b[2J\x07 [@click=app.quit]go[/] \u202eevil"


async def test_a_hostile_skip_reason_is_shown_literally(make_app, plain_db):
    ws = Workspace(ui_settings(plain_db, user="mei[/]"))
    key = "first-week/successes-shared"
    ws.skip(key, HOSTILE)
    ws.close()
    app = make_app(plain_db)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        view.cursor = next(y for y, row in enumerate(view.rows) if row.key == key)
        await wait_until(
            pilot,
            lambda: view.scroll_offset.y <= view.cursor < view.scroll_offset.y + view.size.height,
            what="the skipped row to scroll into view",
        )
        line = view.render_line(view.cursor - view.scroll_offset.y).text
        assert "skipped by mei[/]" in line
        assert "[bold red]x[/" in line
        assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line
        assert app.is_running
