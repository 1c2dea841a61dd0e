"""The TUI in a rehearsal (issue 14): a banner with the pretend date on every screen at
80x24, in English and Dutch, and every write goes to the copy, none to the shared file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from launchtui.services.rehearsal import copy_path, prepare
from launchtui.services.settings import Settings
from launchtui.store.driver import sqlite3
from launchtui.tui.app import LaunchApp
from tests.ui.conftest import settle

PRETEND = dt.date(2026, 11, 10)


def snapshot(db: Path) -> dict[str, bytes]:
    files = [db, db.with_name(db.name + "-wal")]
    return {path.name: path.read_bytes() for path in files if path.exists()}


def rehearsal_app(db: Path) -> LaunchApp:
    settings = Settings.resolve(db=str(db), user="bob", lang="en", today=PRETEND)
    assert settings.rehearsal and settings.db_path == copy_path(db, settings.actor)
    assert settings.shared_path == db
    prepare(settings.shared_path, settings.db_path)
    return LaunchApp(settings, poll=False)


def _text(app: LaunchApp) -> str:
    """The 80x24 grid as the terminal would show it, modal screens over the main one."""
    update = app.screen._compositor.render_full_update()
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


async def test_the_banner_shows_the_pretend_date_in_english_and_dutch(demo_db):
    app = rehearsal_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = _text(app)
        copy = app.settings.db_path.name
        assert f"REHEARSAL 2026-11-10, not the shared database: {copy}" in shown
        assert "2026-11-10" in app.sub_title
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert f"REPETITIE 2026-11-10, niet de gedeelde database: {copy}" in _text(app)
        assert "REPETITIE" in app.sub_title


async def test_modal_screens_show_the_banner_too(demo_db):
    app = rehearsal_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert app.screen is not app.screen_stack[0]
        assert "REHEARSAL 2026-11-10" in _text(app)


async def test_no_banner_without_a_rehearsal(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "REHEARSAL" not in _text(app)
        assert not app.settings.rehearsal


async def test_ticks_and_notes_in_a_rehearsal_reach_only_the_copy(demo_db):
    before = snapshot(demo_db)
    app = rehearsal_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press(*"rehearsed", "enter")
        await settle(pilot)
    assert snapshot(demo_db) == before
    assert _count(app.settings.db_path, "SELECT count(*) FROM tick_events WHERE user = 'bob'") == 1
    assert _count(app.settings.db_path, NOTES) == 1
    assert _count(demo_db, "SELECT count(*) FROM tick_events WHERE user = 'bob'") == 0
    assert _count(demo_db, NOTES) == 0


NOTES = "SELECT count(*) FROM retro_notes WHERE author = 'bob'"


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()
