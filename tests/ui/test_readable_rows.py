"""Checklist rows at 80 columns: what tells rows apart (date, item name) comes first and
stays; the status on the right is what gets shortened."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.style import Style

from launchtui.domain.checklist_files import load_checklists
from launchtui.domain.progress import rollout_status
from launchtui.domain.rollout import Actor, Rollout
from launchtui.domain.ticks import TickEvent, latest_by_key
from launchtui.text import i18n
from launchtui.tui.widgets.checklist_view import item_parts
from launchtui.tui.widgets.row_list import two_columns

LAUNCH = dt.date(2026, 11, 3)
TODAY = dt.date(2026, 11, 7)
NOON = dt.datetime(2026, 11, 7, 12, 0, tzinfo=dt.UTC)
ROLLOUT = Rollout("Acme CRM", LAUNCH, "phased")
WIDTH = 74  # the list's width at 80 columns, less the cursor gutter


def drawn(key: str, events=(), lang: str = "en") -> str:
    schedule = load_checklists().schedule(ROLLOUT)
    item = rollout_status(ROLLOUT, schedule, latest_by_key(list(events)), TODAY).item(key)
    left, right = item_parts(item, NOON, lang)
    plain = Style()
    return two_columns(left, right, WIDTH, plain, plain, plain).text


@pytest.fixture
def dutch():
    i18n.set_language("nl")
    yield
    i18n.set_language("en")


def test_a_recurring_row_shows_its_date_first_and_a_short_status():
    line = drawn("first-week/daily-check-in@2026-11-04")
    assert line.startswith("[ ] Wed 4 Nov · Daily check-in"), line
    assert line.rstrip().endswith("! overdue 3 days"), line
    assert len(line) == WIDTH


def test_a_recurring_row_in_dutch_keeps_its_date(dutch):
    line = drawn("first-week/daily-check-in@2026-11-04", lang="nl")
    assert line.startswith("[ ] wo 4 nov · "), line
    assert line.rstrip().endswith("! 3 dagen te laat"), line


def test_a_skipped_row_keeps_its_item_and_cuts_the_reason():
    reason = "the office is closed all week for the holiday and nobody can come in " * 2
    skip = TickEvent(
        1, "launch-day/refresher-held", "skip", Actor("ana", "ana"), NOON, NOON, note=reason
    )
    line = drawn("launch-day/refresher-held", [skip])
    name = drawn("launch-day/refresher-held").split("  ")[0]  # the open row's left side
    assert line[3:].startswith(name[3:]), (line, name)
    assert "skipped by ana" in line and line.rstrip().endswith("…"), line
