"""The main screens at 80x24 with a fixed date, time, user and host."""

from __future__ import annotations

from .conftest import settle


async def _loaded(pilot) -> None:
    await settle(pilot)


def test_main_screen(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_loaded)


def test_main_screen_after_a_tick(snap_compare, make_app):
    async def tick(pilot) -> None:
        await settle(pilot)
        await pilot.press("space", "down")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=tick)


def test_filter(snap_compare, make_app):
    async def filtered(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"check-in")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=filtered)


def test_help(snap_compare, make_app):
    async def help_open(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=help_open)


def test_setup(snap_compare, make_app, tmp_path):
    assert snap_compare(make_app(tmp_path / "new.db"), terminal_size=(80, 24), run_before=_loaded)


def test_issues(snap_compare, make_app, demo_db):
    from .test_issues_pilot import seed_issues

    seed_issues(demo_db)

    async def issues(pilot) -> None:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=issues)
