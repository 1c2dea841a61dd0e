"""The adoption log in SQLite: figures, gate overrides and phase plans, all append-only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils.utils import sqlite3

from launchtui.domain.metrics import Figures
from launchtui.domain.overrides import Override
from launchtui.domain.phases import TEMPLATES, Phase, PhasePlan
from launchtui.domain.rollout import Actor, Rollout
from launchtui.store import Store, StoreError
from launchtui.store.adoption_log import AdoptionLog, plan_from_json, plan_to_json
from launchtui.store.schema import MIGRATION_NAMES

ANA = Actor("ana", "ana")
ROB = Actor("rob", "rsmith")
T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def day(n: int) -> dt.date:
    return dt.date(2026, 11, n)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "x.db")
    yield s
    s.close()


@pytest.fixture
def log(store: Store) -> AdoptionLog:
    return store.adoption


def count(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# -- schema ------------------------------------------------------------------------------


def test_the_migration_creates_three_tables(store: Store):
    assert "m003_figures_overrides_plans" in MIGRATION_NAMES
    assert {"figures", "gate_overrides", "phase_plans"} <= set(store.db.table_names())
    applied = {
        row[0]
        for row in store.db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'launchtui'"
        )
    }
    assert "m003_figures_overrides_plans" in applied


@pytest.mark.parametrize("table", ["figures", "gate_overrides", "phase_plans"])
@pytest.mark.parametrize("verb", ["UPDATE {t} SET login = 'x'", "DELETE FROM {t}"])
def test_the_logs_are_append_only(store: Store, log: AdoptionLog, table: str, verb: str):
    log.record(Figures(1, day(13), active_weekly=70), ANA, at(0))
    log.set_override("hold", "vendor patch", ANA, at(1))
    log.save_plan(TEMPLATES["phased"], "first edit", ANA, at(2))
    with pytest.raises(sqlite3.IntegrityError, match=f"{table} is append-only"):
        store.db.execute(verb.format(t=table))
    assert count(store, table) == 1


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("active_weekly", 100.5),
        ("satisfaction", 10.5),
        ("nps", -101),
        ("tickets", -1),
        ("phase", 0),
    ],
)
def test_the_table_refuses_figures_out_of_range(log: AdoptionLog, column: str, value):
    figures = Figures(1, day(13), active_weekly=70)
    bad = figures._replace(**{column: value})
    with pytest.raises(StoreError, match="CHECK constraint"):
        log.record(bad, ANA, at(0))
    assert log.figures() == []


# -- figures -----------------------------------------------------------------------------


def test_record_returns_the_figures_with_id_recorder_and_time(log: AdoptionLog):
    entered = Figures(2, day(13), active_weekly=71.5, satisfaction=7.8, nps=12, tickets=4)
    saved = log.record(entered, ROB, at(5))
    assert saved.id is not None
    assert (saved.recorded_by, saved.recorded_at) == (ROB, at(5))
    assert saved.values() == entered.values()
    assert log.figures() == [saved]


def test_figures_are_ordered_by_date_then_as_recorded(log: AdoptionLog):
    a = log.record(Figures(1, day(13), active_weekly=70), ANA, at(0))
    b = log.record(Figures(2, day(6), active_weekly=40), ANA, at(1))
    c = log.record(Figures(1, day(13), active_weekly=72), ROB, at(2))  # a correction
    d = log.record(Figures(1, day(6), active_weekly=60), ANA, at(3))
    assert [f.id for f in log.figures()] == [b.id, d.id, a.id, c.id]
    assert [f.id for f in log.figures(phase=1)] == [d.id, a.id, c.id]
    assert log.figures(phase=3) == []


def test_every_figure_round_trips(log: AdoptionLog):
    full = Figures(
        3,
        day(13),
        active_weekly=80.0,
        accounts=99.5,
        active_daily=40.0,
        workflows=55.0,
        old_system=20.0,
        satisfaction=6.9,
        nps=-4,
        tickets=0,
        training=100.0,
    )
    log.record(full, ANA, at(0))
    (back,) = log.figures()
    assert back.values() == full.values()
    assert (back.phase, back.date) == (3, day(13))
    assert isinstance(back.nps, int) and isinstance(back.tickets, int)


def test_record_many_is_one_transaction(log: AdoptionLog):
    good = [Figures(1, day(6), active_weekly=60), Figures(1, day(13), active_weekly=70)]
    saved = log.record_many(good, ANA, at(0))
    assert [f.id for f in saved] == [f.id for f in log.figures()]
    with pytest.raises(StoreError):
        log.record_many([Figures(2, day(6), nps=5), Figures(2, day(13), nps=500)], ANA, at(1))
    assert len(log.figures()) == 2  # nothing of the failed batch


def test_naive_times_are_refused(log: AdoptionLog):
    with pytest.raises(ValueError, match="aware"):
        log.record(Figures(1, day(6), nps=5), ANA, dt.datetime(2026, 11, 20, 9))


# -- overrides ---------------------------------------------------------------------------


def test_no_override_at_first(log: AdoptionLog):
    assert log.override() is None
    assert log.override_history() == []


def test_an_override_stands_until_lifted(log: AdoptionLog):
    hold = log.set_override("hold", "  waiting on vendor patch ", ANA, at(0))
    assert hold == Override("hold", "waiting on vendor patch", ANA, at(0))
    assert log.override() == hold
    lift = log.lift_override(ROB, at(10), "patch is in")
    assert (lift.kind, lift.actor) == ("lift", ROB)
    assert log.override() is None
    go = log.set_override("go", "board accepted the risk", ROB, at(20))
    assert log.override() == go
    assert [o.kind for o in log.override_history()] == ["hold", "lift", "go"]
    assert log.override_history()[0] == hold


def test_a_new_override_replaces_the_standing_one(log: AdoptionLog):
    log.set_override("hold", "vendor patch", ANA, at(0))
    go = log.set_override("go", "patch arrived", ROB, at(5))
    assert log.override() == go


@pytest.mark.parametrize(("kind", "reason"), [("hold", ""), ("go", "   "), ("stop", "x")])
def test_an_override_needs_a_kind_and_a_reason(store: Store, log: AdoptionLog, kind, reason):
    with pytest.raises(ValueError):
        log.set_override(kind, reason, ANA, at(0))
    assert count(store, "gate_overrides") == 0


def test_lifting_nothing_is_refused(store: Store, log: AdoptionLog):
    with pytest.raises(ValueError, match="nothing to lift"):
        log.lift_override(ANA, at(0), "why not")
    log.set_override("hold", "x", ANA, at(1))
    log.lift_override(ANA, at(2), reason="patched")
    with pytest.raises(ValueError, match="nothing to lift"):
        log.lift_override(ANA, at(3), "again")
    assert count(store, "gate_overrides") == 2
    assert log.override_history()[-1].reason == "patched"


@pytest.mark.parametrize("reason", [None, "", "  "])
def test_lifting_needs_a_reason_and_keeps_the_hold(store: Store, log: AdoptionLog, reason):
    hold = log.set_override("hold", "vendor patch", ANA, at(1))
    with pytest.raises(ValueError, match="needs a reason"):
        log.lift_override(ROB, at(2), reason)
    assert log.override() == hold
    assert count(store, "gate_overrides") == 1


def test_the_table_refuses_a_hold_without_reason(store: Store):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint"):
        store.db.execute(
            "INSERT INTO gate_overrides (kind, reason, user, login, at) VALUES (?, ?, ?, ?, ?)",
            ["hold", " ", "ana", "ana", at(0).isoformat()],
        )


# -- phase plans -------------------------------------------------------------------------

EDITED = PhasePlan(
    "growing-business",
    (
        Phase(1, "Pilot", "Paramaribo office", 15, 0, 20),
        Phase(2, "Rest", "Everyone else — Kingston", 85, 21, 48),
        Phase(3, "Old system off", "Everyone", 100, 49, 55, decommission=True),
    ),
)


def test_a_plan_round_trips_with_the_decommission_flag(log: AdoptionLog):
    assert log.plan() is None
    log.save_plan(EDITED, "Kingston joins later", ANA, at(0))
    assert log.plan() == EDITED
    assert log.plan().phases[2].decommission is True
    assert plan_from_json(plan_to_json(EDITED)) == EDITED
    for plan in TEMPLATES.values():
        assert plan_from_json(plan_to_json(plan)) == plan


def test_the_latest_plan_counts_and_every_version_stays(log: AdoptionLog):
    first = log.save_plan(TEMPLATES["phased"], "start from the template", ANA, at(0))
    second = log.save_plan(EDITED, "Kingston joins later", ROB, at(10))
    assert log.plan() == EDITED
    history = log.plan_history()
    assert history == [first, second]
    assert [(r.reason, r.actor, r.at) for r in history] == [
        ("start from the template", ANA, at(0)),
        ("Kingston joins later", ROB, at(10)),
    ]


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (PhasePlan("x", ()), "at least one phase"),
        (PhasePlan("x", (EDITED.phases[0], EDITED.phases[0])), "unique"),
        (EDITED.with_phase(1, end=-1), "ends .day -1. before it starts"),
        (EDITED.with_phase(1, group=" "), "needs a name and a group"),
    ],
)
def test_a_broken_plan_is_refused(store: Store, log: AdoptionLog, plan, message):
    with pytest.raises(ValueError, match=message):
        log.save_plan(plan, None, ANA, at(0))
    assert count(store, "phase_plans") == 0


def test_the_rollout_follows_the_edited_plan(store: Store, log: AdoptionLog):
    store.create_rollout(Rollout("Acme CRM", day(3), "growing-business"), ANA, at(0))
    assert store.rollout().phases is None
    assert store.rollout().plan == TEMPLATES["growing-business"]
    log.save_plan(EDITED, "Kingston joins later", ANA, at(1))
    assert store.rollout().phases == EDITED
    assert store.rollout().plan == EDITED
    assert store.rollout().end == day(3) + dt.timedelta(days=55)


def test_another_connection_sees_what_was_recorded(tmp_path: Path):
    first = Store.open(tmp_path / "x.db")
    second = Store.open(tmp_path / "x.db")
    try:
        first.adoption.set_override("hold", "vendor patch", ANA, at(0))
        first.adoption.record(Figures(1, day(13), active_weekly=70), ANA, at(1))
        assert second.adoption.override().reason == "vendor patch"
        assert [f.active_weekly for f in second.adoption.figures()] == [70]
    finally:
        first.close()
        second.close()
