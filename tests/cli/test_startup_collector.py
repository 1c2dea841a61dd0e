"""The collector is paused for the start-up only: a command resumes it as it starts, the
app once its first screen is painted; what start-up built is frozen out of its sight."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest

import launchtui.__main__ as entry
from launchtui.startup import pause_collector

from .conftest import Run, ok


@pytest.fixture(autouse=True)
def collector_back_on() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def test_the_entry_point_pauses_the_collector_before_loading_the_command_line(monkeypatch):
    seen: list[bool] = []
    command_line = sys.modules["launchtui.cli.main"]
    monkeypatch.setattr(command_line, "main", lambda: seen.append(gc.isenabled()))
    entry.main()
    assert seen == [False]


def test_a_command_resumes_the_collector_as_it_starts(run: Run):
    pause_collector()
    gc.unfreeze()
    ok(run("status"))
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0, "what start-up built is not frozen"
