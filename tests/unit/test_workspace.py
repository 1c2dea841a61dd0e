"""The rules every tick, untick, skip and launch slip goes through, wherever it is made."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from launchtui.domain.clock import Clock
from launchtui.services.settings import Settings, os_login
from launchtui.services.workspace import MAX_NOTE, NoRollout, UserError, Workspace

TODAY = dt.date(2026, 11, 7)
KEY = "launch-day/welcome-message-sent"  # due on launch day, 2026-11-03: overdue today
LATER = "first-week/next-phase-prepared"  # due 2026-11-10


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run in UTC, so local times in messages do not depend on the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def pinned(settings: Settings, user: str = "ana", hhmm: str = "09:30") -> Workspace:
    """A workspace on the same database with the time of day pinned too."""
    clock = Clock(TODAY, dt.time.fromisoformat(hhmm))
    actor = dataclasses.replace(settings.actor, name=user)
    return Workspace(dataclasses.replace(settings, clock=clock, actor=actor))


def test_the_fixture_workspace_acts_as_ana_on_day_4(workspace: Workspace):
    assert workspace.actor.name == "ana"
    assert workspace.actor.login == os_login()
    assert workspace.today() == TODAY
    now = workspace.now()
    assert now.utcoffset() == dt.timedelta(0)  # stored times are UTC
    assert now.astimezone().date() == TODAY  # and fall on the pretended day locally
    assert workspace.status().day == 4


# -- ticking -------------------------------------------------------------------------


def test_tick_records_who_and_the_note(workspace: Workspace):
    event = workspace.tick(KEY, note="  sent at 8  ")
    assert (event.key, event.action, event.note) == (KEY, "tick", "sent at 8")
    assert event.actor == workspace.actor
    assert workspace.item(KEY).state == "done"


def test_tick_twice_is_refused_with_who_and_when(workspace: Workspace, settings, utc):
    ana = pinned(settings, "ana", "09:30")
    rob = pinned(settings, "rob", "10:00")
    try:
        ana.tick(KEY)
        with pytest.raises(UserError) as caught:
            rob.tick(KEY)
        assert str(caught.value) == f"'{KEY}' is already ticked by ana at 2026-11-07 09:30"
        assert len(workspace.store.history(KEY)) == 1
    finally:
        ana.close()
        rob.close()


def test_untick_of_an_open_item_is_refused(workspace: Workspace):
    with pytest.raises(UserError, match="is not ticked or skipped"):
        workspace.untick(KEY)
    assert workspace.store.history(KEY) == []


def test_untick_reopens_a_ticked_or_skipped_item(workspace: Workspace):
    workspace.tick(KEY)
    assert workspace.untick(KEY).action == "untick"
    assert workspace.item(KEY).state == "open"
    workspace.skip(KEY, "not needed")
    workspace.untick(KEY)
    assert workspace.item(KEY).state == "open"


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_skip_needs_a_reason(workspace: Workspace, reason):
    with pytest.raises(UserError, match=r"skip needs a reason \(--reason TEXT\)"):
        workspace.skip(KEY, reason)
    assert workspace.store.history(KEY) == []


def test_skip_keeps_the_reason_and_twice_is_refused(workspace: Workspace):
    event = workspace.skip(KEY, "we send no welcome mail")
    assert (event.action, event.note) == ("skip", "we send no welcome mail")
    item = workspace.item(KEY)
    assert item.state == "skipped" and not item.overdue
    with pytest.raises(UserError, match=f"'{KEY}' is already skipped by ana"):
        workspace.skip(KEY, "again")


def test_a_skipped_item_can_still_be_ticked(workspace: Workspace):
    workspace.skip(KEY, "thought it did not apply")
    workspace.tick(KEY)
    assert workspace.item(KEY).state == "done"


def test_unknown_key_suggests_a_close_match(workspace: Workspace):
    with pytest.raises(UserError) as caught:
        workspace.tick("first-week/daily-chek-in@2026-11-06")
    assert str(caught.value) == (
        "unknown checklist item 'first-week/daily-chek-in@2026-11-06'; "
        "did you mean 'first-week/daily-check-in@2026-11-06'?"
    )
    assert workspace.store.history() == []


def test_unknown_key_without_a_close_match_points_at_the_list(workspace: Workspace):
    with pytest.raises(UserError, match="`launchtui checklist` lists them"):
        workspace.untick("zzzz")


def test_a_note_over_the_limit_is_refused(workspace: Workspace):
    with pytest.raises(UserError) as caught:
        workspace.tick(KEY, note="x" * (MAX_NOTE + 1))
    assert MAX_NOTE == 2000
    assert str(caught.value) == "note is 2001 characters; at most 2000 fit"
    assert workspace.store.history(KEY) == []
    event = workspace.tick(KEY, note="y" * MAX_NOTE)  # exactly the limit fits
    assert len(event.note) == MAX_NOTE


def test_a_skip_reason_over_the_limit_is_refused(workspace: Workspace):
    with pytest.raises(UserError, match="at most 2000 fit"):
        workspace.skip(KEY, "r" * 2001)
    assert workspace.item(KEY).state == "open"


def test_a_blank_note_is_stored_as_no_note(workspace: Workspace):
    assert workspace.tick(KEY, note=" \n ").note is None


def test_a_tick_at_a_future_time_is_refused(workspace: Workspace, settings):
    ws = pinned(settings)
    try:
        with pytest.raises(UserError, match="lies in the future"):
            ws.tick(KEY, at=ws.now() + dt.timedelta(hours=2))
        tomorrow = ws.now() + dt.timedelta(days=1)
        with pytest.raises(UserError) as caught:
            ws.tick(KEY, at=tomorrow)
        assert str(caught.value) == f"--at {tomorrow:%Y-%m-%dT%H:%M}+00:00 lies in the future"
        assert ws.store.history(KEY) == []
        # a minute's leeway for clocks that differ a little
        assert ws.tick(KEY, at=ws.now() + dt.timedelta(seconds=30)).action == "tick"
    finally:
        ws.close()


def test_a_paper_tick_in_the_past_is_kept_and_marked_late(workspace: Workspace, settings):
    ws = pinned(settings)
    try:
        earlier = ws.now() - dt.timedelta(hours=3)
        event = ws.tick(KEY, at=earlier)
        assert event.at == earlier
        assert event.recorded_at == ws.now()
        assert event.entered_late
    finally:
        ws.close()


def test_toggle_ticks_an_open_item_and_reopens_a_done_one(workspace: Workspace):
    assert workspace.toggle(KEY).action == "tick"
    assert workspace.toggle(KEY).action == "untick"
    assert workspace.item(KEY).state == "open"


def test_undo_through_the_workspace(workspace: Workspace):
    assert workspace.undo() is None
    tick = workspace.tick(KEY)
    undone, event = workspace.undo()
    assert undone.id == tick.id
    assert event.undo_of == tick.id
    assert workspace.item(KEY).state == "open"


# -- a launch slip -------------------------------------------------------------------


def test_a_launch_slip_keeps_ticks_and_moves_due_dates(workspace: Workspace):
    workspace.tick(LATER)
    other = "launch-day/accounts-activated"
    assert workspace.item(other).overdue  # due 2026-11-03, still open on 2026-11-07
    overdue_before = workspace.status().overdue

    moved = workspace.move_launch(dt.date(2026, 11, 14))

    assert moved.launch == dt.date(2026, 11, 14)
    assert workspace.rollout() == moved
    assert (moved.tool, moved.template) == ("Acme CRM", "phased")
    item = workspace.item(other)
    assert item.instance.due == dt.date(2026, 11, 14)
    assert not item.overdue
    assert workspace.item(LATER).state == "done"  # the tick stayed
    assert workspace.item(LATER).instance.due == dt.date(2026, 11, 21)
    status = workspace.status()
    assert status.day == -7
    assert status.overdue < overdue_before
    assert status.current.id == "one-week-before"


def test_a_launch_slip_is_recorded_with_its_reason(workspace: Workspace):
    workspace.move_launch(dt.date(2026, 11, 10))
    workspace.move_launch(dt.date(2026, 11, 17), reason="vendor delay")
    reasons = [r[0] for r in workspace.store.db.execute("SELECT reason FROM rollout_events")]
    assert reasons == ["created", "launch date moved", "vendor delay"]


# -- no rollout yet ------------------------------------------------------------------


def test_an_empty_database_asks_for_init_or_demo(settings: Settings, db_path: Path):
    ws = Workspace(settings)
    try:
        with pytest.raises(NoRollout) as caught:
            ws.status()
        assert str(caught.value) == (
            f"{db_path} holds no rollout yet: run `launchtui init` or `launchtui demo`"
        )
        with pytest.raises(NoRollout):
            ws.tick(KEY)
    finally:
        ws.close()


# -- settings ------------------------------------------------------------------------


def test_settings_take_options_over_the_environment(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("LAUNCHTUI_USER", "envuser")
    monkeypatch.setenv("LAUNCHTUI_DB", str(tmp_path / "env.db"))
    from_env = Settings.resolve()
    assert from_env.actor.name == "envuser"
    assert from_env.db_path == tmp_path / "env.db"
    assert from_env.actor.login == os_login()  # the login is always the real one
    given = Settings.resolve(db=str(tmp_path / "opt.db"), user="  mei  ", today=TODAY)
    assert given.actor.name == "mei"
    assert given.db_path == tmp_path / "opt.db"
    assert given.clock.today() == TODAY


# -- init: the rollout and its named plan land together -----------------------------------


def test_init_saves_the_rollout_and_its_dutch_plan_in_one_transaction(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A failure writing the Dutch-named plan leaves no rollout behind (never one with
    the template's English names): init, demo and the first-run setup all go through it."""
    from launchtui.domain.rollout import Rollout
    from launchtui.store import Store, adoption_log

    settings = Settings.resolve(db=str(db_path), user="ana", lang="nl", today=TODAY)

    def crash(*args, **kwargs):
        raise RuntimeError("power cut between the two writes")

    monkeypatch.setattr(adoption_log, "plan_to_json", crash)  # the plan's write fails
    ws = Workspace(settings)
    with pytest.raises(RuntimeError, match="power cut"):
        ws.init(Rollout("Acme CRM", dt.date(2026, 11, 3), "phased"))
    ws.close()
    monkeypatch.undo()

    store = Store.open(db_path)
    try:
        assert store.rollout() is None
        assert store.adoption.plan() is None
    finally:
        store.close()
    # Made again without the fault, it holds both: the rollout and its Dutch names.
    ws = Workspace(settings)
    try:
        ws.init(Rollout("Acme CRM", dt.date(2026, 11, 3), "phased"))
        assert ws.rollout().plan.phases[0].name == "Vroege gebruikers"
    finally:
        ws.close()
