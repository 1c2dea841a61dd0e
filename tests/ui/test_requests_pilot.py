"""Issue 15: requests flow up as messages to the app's workers; an export runs in its own
worker group, on its own connection, off the write lock."""

from __future__ import annotations

import threading
from pathlib import Path

from launchtui.services.workspace import Workspace
from launchtui.tui.requests.export import ExportRequested
from launchtui.tui.widgets.checklist_view import ChecklistView, ItemRow

from .conftest import shown, ui_settings, wait_until


def latest_action(db: Path, key: str) -> str | None:
    ws = Workspace(ui_settings(db, "rob"))
    try:
        event = ws.store.latest(key)
        return None if event is None else event.action
    finally:
        ws.close()


async def test_a_tick_lands_while_an_export_is_running(make_app, demo_db, tmp_path):
    app = make_app()
    release, started = threading.Event(), threading.Event()

    def slow_writer(ws: Workspace, fmt: str, stream, path: str) -> str:
        started.set()
        stream.write(str(len(ws.status().windows)))
        release.wait(10)  # the export holds on until the test has seen the tick land
        return "exported"

    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.query_one(ChecklistView)
        await wait_until(pilot, lambda: view.status is not None, what="the first data")
        target = tmp_path / "slow.txt"
        app.screen.post_message(ExportRequested(path=str(target), fmt="txt", writer=slow_writer))
        await wait_until(pilot, started.is_set, what="the export to start")
        while not (isinstance(row := view.rows[view.cursor], ItemRow) and row.item.is_open):
            await pilot.press("down")
        key = row.key
        await pilot.press("space")
        try:
            await wait_until(
                pilot, lambda: latest_action(demo_db, key) == "tick", what="the tick to land"
            )
            assert not release.is_set() and not target.exists()  # the export still runs
        finally:
            release.set()
        await wait_until(pilot, target.exists, what="the export to finish")
        assert target.read_text() == str(len(view.status.windows))
        await wait_until(
            pilot,
            lambda: any(n.message == "exported" for n in app._notifications),
            what="the export's toast",
        )


async def test_a_refused_request_says_one_line(make_app):
    from launchtui.tui.requests.issues import IssueChangeRequested

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.post_message(IssueChangeRequested(issue_id=99999, change="escalate"))
        await wait_until(
            pilot,
            lambda: any(n.severity == "error" for n in app._notifications),
            what="the error line",
        )
        said = [n.message for n in app._notifications if n.severity == "error"]
        assert len(said) == 1 and "\n" not in said[0] and "99999" in said[0], said


def test_no_code_pushes_state_by_walking_the_screen_stack_or_writes_by_closure():
    """Language and data are reactives the screens watch; changes are request messages."""
    tui = Path(__file__).resolve().parents[2] / "launchtui" / "tui"
    offenders = [
        f"{path.relative_to(tui)}: {needle}"
        for path in sorted(tui.rglob("*.py"))
        for needle in ("screen_stack", "app.write(")
        if needle in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


async def test_a_language_switch_reaches_an_open_detail_screen(make_app):
    from launchtui.tui.screens.item_detail import ItemDetail

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.query_one(ChecklistView)
        await wait_until(pilot, lambda: view.status is not None, what="the first data")
        while not isinstance(view.rows[view.cursor], ItemRow):
            await pilot.press("down")
        await pilot.press("enter")
        # Mounted, not only pushed: the detail starts following the language in on_mount,
        # which a loaded machine may not have run yet when the screen is on the stack.
        await shown(pilot, ItemDetail)
        seen: list[str] = []
        app.screen.retranslate = lambda: seen.append(app.lang)  # type: ignore[method-assign]
        app.set_language("nl")
        try:
            await wait_until(pilot, lambda: "nl" in seen, what="the detail to follow")
        except AssertionError as exc:  # say what was seen: it failed once under load
            raise AssertionError(f"{exc}; worded again in {seen}, on {app.screen}") from None
        assert set(seen) == {"nl"}, seen
