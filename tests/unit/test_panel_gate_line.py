"""The status panel's short gate line names the group its figure is of, and fits."""

from __future__ import annotations

import datetime as dt

import pytest

from launchtui.domain.gate import evaluate
from launchtui.domain.metrics import Figures
from launchtui.domain.phases import Phase, PhasePlan
from launchtui.text.gate_text import panel_gate_line
from launchtui.text.i18n import in_language

LAUNCH = dt.date(2026, 11, 3)
TODAY = dt.date(2026, 11, 17)  # day 14: the group's figure is in, its deadline ahead


def _gate(group: str):
    plan = PhasePlan("test", (Phase(1, "Pilot", group, 20, 0, 41),))
    figures = [Figures(phase=1, date=TODAY, active_weekly=62.0, satisfaction=8.0, nps=20)]
    return evaluate(plan, LAUNCH, figures, (), TODAY)


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("width", [78, 60, 50])
def test_the_line_names_the_group_and_fits(lang, width):
    with in_language(lang):
        gate = _gate("Finance")
        line = panel_gate_line(gate, width)
    assert gate.state == "watch"
    assert "Finance: " in line and "62%" in line, line
    assert len(line) <= width, line


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_group_name_too_long_to_fit_is_cut_not_the_figure(lang):
    group = "Finance, Legal and Administration at the Rotterdam and Paramaribo offices"
    with in_language(lang):
        line = panel_gate_line(_gate(group), 78)
    assert line.count("Finance, Legal") == 1 and "…" in line and "62%" in line, line
    assert len(line) <= 78, line


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("width", [40, 34])
def test_too_narrow_for_the_group_the_figure_stays(lang, width):
    """No room for a useful part of the group's name: the line drops the name, never
    the figure (missing is not shown as nothing to see)."""
    with in_language(lang):
        line = panel_gate_line(_gate("Pilot users and volunteers"), width)
    assert "62%" in line, line
    assert len(line) <= width, line
