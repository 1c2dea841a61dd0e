"""Small and plain terminals: 60x20, resizing, and ASCII for vt100 / NO_COLOR."""

from __future__ import annotations

from dataclasses import replace

import pytest

from launchtui.services.settings import wants_ascii
from launchtui.text.present import set_ascii
from launchtui.tui.app import LaunchApp
from launchtui.tui.widgets.checklist_view import ChecklistView
from launchtui.tui.widgets.status_panel import StatusPanel

from .conftest import settle, ui_settings, wait_until


@pytest.fixture
def restore_glyphs():
    yield
    set_ascii(False)


UTF8 = {"LANG": "en_US.UTF-8"}


@pytest.mark.parametrize(
    ("env", "encoding", "utf8_mode", "expected"),
    [
        ({"TERM": "xterm-256color", **UTF8}, "utf-8", 0, False),
        ({"TERM": "xterm-16color", **UTF8}, "UTF-8", 0, False),
        ({"TERM": "xterm", "LANG": "nl_NL.utf8"}, "utf-8", 0, False),
        ({"TERM": "xterm", "LANG": "C.UTF-8"}, "utf-8", 0, False),
        ({"TERM": "vt100", **UTF8}, "utf-8", 0, True),
        ({"TERM": "xterm", "NO_COLOR": "1", **UTF8}, "utf-8", 0, True),
        ({"TERM": "xterm", **UTF8}, "ascii", 0, True),
        # A Latin-1 locale: Python's stdout may still say utf-8 (the locale not installed).
        ({"TERM": "xterm", "LC_ALL": "en_US.ISO-8859-1", **UTF8}, "utf-8", 1, True),
        ({"TERM": "xterm", "LC_ALL": "en_US.ISO-8859-1"}, "iso8859-1", 0, True),
        # LANG=C: Python coerces LC_CTYPE to C.UTF-8 and turns its UTF-8 mode on (PEP 538/540).
        ({"TERM": "xterm", "LANG": "C", "LC_CTYPE": "C.UTF-8"}, "utf-8", 1, True),
        ({"TERM": "xterm", "LC_CTYPE": "C.UTF-8"}, "utf-8", 1, True),  # no LANG at all
        ({"TERM": "xterm", "LANG": "POSIX"}, "utf-8", 1, True),
        # A UTF-8 locale this machine lacks (over SSH): Python falls back to C and coerces,
        # but the terminal said UTF-8.
        ({"TERM": "xterm", "LC_CTYPE": "C.UTF-8", **UTF8}, "utf-8", 1, False),
        # The user's own LC_CTYPE=C.UTF-8, no coercion.
        ({"TERM": "xterm", "LANG": "C", "LC_CTYPE": "C.UTF-8"}, "utf-8", 0, False),
        # PYTHONUTF8=1 chosen by the user: LC_CTYPE is theirs.
        ({"TERM": "xterm", "LC_CTYPE": "C.UTF-8", "PYTHONUTF8": "1"}, "utf-8", 1, False),
    ],
)
def test_when_to_draw_in_ascii(env, encoding, utf8_mode, expected):
    assert wants_ascii(env, encoding, utf8_mode) is expected


async def test_ascii_mode_draws_states_in_brackets(plain_db, restore_glyphs):
    app = LaunchApp(replace(ui_settings(plain_db), ascii=True), poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = str(app.screen.query_one(StatusPanel).render())
        assert "GATE [WATCH]" in panel
        assert "·" not in panel and "▲" not in panel
        view = app.screen.query_one(ChecklistView)
        line = view.render_line(view.cursor - view.scroll_offset.y).text
        assert line.lstrip().startswith("> [ ]")
        assert all(ord(ch) < 128 for ch in line), line


async def test_usable_at_60x20_and_survives_resizing(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ChecklistView)
        assert view.size.height >= 8, "the list keeps room at 60x20"
        key = view.highlighted.key
        for width, height in ((40, 12), (120, 40), (60, 20)):
            await pilot.resize_terminal(width, height)
            await wait_until(
                pilot,
                lambda w=width, h=height: app.screen.outer_size == (w, h),
                what=f"the screen to lay out at {width}x{height}",
            )
        await pilot.press("space")
        await settle(pilot)
        assert view.highlighted.key == key and view.highlighted.state == "done"
        for line in range(view.size.height):
            assert len(view.render_line(line).text) <= 60


async def test_a_read_only_database_shows_a_banner_and_refuses_ticks(plain_db, monkeypatch):
    from launchtui.services.workspace import Workspace

    monkeypatch.setenv("LAUNCHTUI_READONLY", "1")
    app = LaunchApp(ui_settings(plain_db), poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        banner = app.screen.query_one("#read-only")
        assert banner.display and "READ-ONLY" in str(banner.render())
        view = app.screen.query_one(ChecklistView)
        key = view.highlighted.key
        await pilot.press("space")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("read-only" in m for m in messages), messages
        assert view.highlighted.state == "open"
    monkeypatch.delenv("LAUNCHTUI_READONLY")
    ws = Workspace(ui_settings(plain_db))
    assert ws.store.latest(key) is None
    ws.close()


async def test_no_banner_on_a_writable_database(make_app, plain_db):
    app = make_app(plain_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#read-only").display


async def test_quitting_waits_for_a_load_in_progress_before_closing_its_connection(make_app):
    """Closing the poll worker's connection under its running query crashed the process
    (a segfault in SQLite, seen when a test ended during a reload)."""
    import threading

    app = make_app()
    order: list[str] = []
    started, release = threading.Event(), threading.Event()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        status, close = app.reader.status, app.reader.close

        def slow_status(*args, **kwargs):
            started.set()
            release.wait(timeout=10)
            order.append("loaded")
            return status(*args, **kwargs)

        def recorded_close() -> None:
            order.append("closed")
            close()

        app.reader.status = slow_status
        app.reader.close = recorded_close
        app.refresh_data(force=True)
        await wait_until(pilot, started.is_set, what="the load to start")
        threading.Timer(0.3, release.set).start()  # the load ends while the app quits
    assert order == ["loaded", "closed"]
