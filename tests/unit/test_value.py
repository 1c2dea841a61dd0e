"""The value of a phase: ROI, payback, costs in two currencies, and nothing guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from launchtui.domain.reviews import review_due
from launchtui.domain.value import (
    BASELINE,
    IMPACT,
    ONE_OFF,
    RECURRING,
    YEAR,
    Cost,
    Measure,
    Reading,
    check_amount,
    check_currency,
    check_rate,
    latest_savings,
    months_between,
    new_cost,
    parse_number,
    payback_date,
    returned,
    starter_text,
    value_per_month,
)
from launchtui.text.i18n import set_language

START = dt.date(2026, 11, 3)
RATE = 36.5  # SRD per USD, as recorded with the licence
REPORT = Measure("weekly report", "min/week", lower_is_better=True)


def _example(as_of: dt.date):
    savings, missing = latest_savings(
        [REPORT],
        [
            Reading(REPORT.name, 1, BASELINE, START - dt.timedelta(days=10), 50),
            Reading(REPORT.name, 1, IMPACT, START + dt.timedelta(days=21), 30),
        ],
        1,
        as_of,
    )
    costs = [
        Cost("licences", 12_000, "USD", RATE, RECURRING, START, period=YEAR),
        Cost("training hours", 30_000, "SRD", 1.0, ONE_OFF, START),
    ]
    return returned(
        phase=1,
        as_of=as_of,
        currency="SRD",
        start=START,
        group_size=40,
        hourly_cost=750,
        savings=savings,
        costs=costs,
        missing=missing,
    )


def test_worked_example() -> None:
    """A 40-person rollout saves 20 minutes per user per week (a weekly report that took
    50 minutes now takes 30), at an hourly cost of SRD 750. Licences cost USD 12,000 a
    year, recorded at 36.50 SRD per USD; training hours cost SRD 30,000 once.

    - value per week: 20/60 h x 40 people x SRD 750 = SRD 10,000;
      per month (52/12 weeks): SRD 43,333.33
    - licences: USD 12,000 x 36.5 = SRD 438,000 a year = SRD 36,500 a month
    - net per month: 43,333.33 - 36,500 = SRD 6,833.33
    - payback: the one-off 30,000 / 6,833.33 = 4.39 months = 133.6 days: on day 134
      (2027-03-16, counting 2026-11-03 as day 1)
    - first year: value 520,000 against 30,000 + 438,000 = 468,000: ROI 11.11%
    - to 2027-02-01 (91 days, 2.99 months): value 129,556, cost 30,000 + 109,125 =
      139,125: ROI -6.88%, not paid back yet.
    """
    r = _example(dt.date(2027, 2, 1))
    assert r.complete, r.missing
    assert r.minutes_per_week == 20
    assert value_per_month(20, 40, 750) == pytest.approx(43_333.333, abs=0.01)
    assert r.value_per_month == pytest.approx(43_333.333, abs=0.01)
    assert r.recurring_per_month == pytest.approx(36_500)
    assert r.one_off == 30_000
    assert r.cost_first_year == pytest.approx(468_000)
    assert r.roi_first_year == pytest.approx(52_000 / 468_000)
    assert r.payback == dt.date(2027, 3, 16)
    assert (r.payback - START).days + 1 == 134
    assert r.value_to_date == pytest.approx(43_333.333 * 91 / 30.4375, rel=1e-6)
    assert r.cost_to_date == pytest.approx(30_000 + 36_500 * 91 / 30.4375, rel=1e-6)
    assert r.roi_to_date == pytest.approx(-0.0688, abs=0.0005)
    assert not r.never_pays_back


def test_value_covers_costs_on_the_payback_day_and_not_the_day_before() -> None:
    r = _example(dt.date(2027, 3, 16))
    assert r.value_to_date >= r.cost_to_date
    before = _example(dt.date(2027, 3, 15))
    assert before.value_to_date < before.cost_to_date


@pytest.mark.parametrize(
    ("one_off", "value", "recurring", "expected"),
    [
        (0, 100, 50, START),  # nothing to earn back: from the first day
        (100, 100, 100, None),  # recurring eats the value: never
        (100, 50, 100, None),
        (30.4375, 30.4375 + 1, 1, START + dt.timedelta(days=30)),  # a month: day 31
    ],
)
def test_payback_at_the_boundaries(one_off, value, recurring, expected) -> None:
    assert payback_date(START, one_off, value, recurring) == expected


@pytest.mark.parametrize(
    ("drop", "what"),
    [
        ("currency", "currency"),
        ("hourly_cost", "hourly cost"),
        ("group_size", "size"),
        ("start", "start date"),
        ("costs", "costs"),
        ("savings", "time measure"),
    ],
)
def test_a_missing_input_is_named_never_zero(drop: str, what: str) -> None:
    full = _example(dt.date(2027, 2, 1))
    inputs = {
        "phase": 1,
        "as_of": full.as_of,
        "currency": full.currency,
        "start": full.start,
        "group_size": full.group_size,
        "hourly_cost": full.hourly_cost,
        "savings": full.savings,
        "costs": full.costs,
    }
    inputs[drop] = () if drop in ("costs", "savings") else None
    r = returned(**inputs)
    assert not r.complete
    assert any(what in m for m in r.missing), r.missing
    assert r.roi_to_date is None
    if drop not in ("costs", "start"):
        assert r.value_per_month is None
    if drop == "costs":
        assert r.payback is None and not r.never_pays_back


def test_impact_without_baseline_is_missing_not_zero() -> None:
    savings, missing = latest_savings(
        [REPORT], [Reading(REPORT.name, 1, IMPACT, START, 30)], 1, START
    )
    assert savings == []
    assert missing == ["a baseline of weekly report"]


def test_higher_is_better_measures_count_the_other_way() -> None:
    cases = Measure("cases closed", "cases/week", lower_is_better=False)
    savings, _ = latest_savings(
        [cases],
        [Reading(cases.name, 2, BASELINE, START, 10), Reading(cases.name, 2, IMPACT, START, 12)],
        2,
        START,
    )
    assert savings[0].improvement == 2
    assert savings[0].percent == 20
    assert savings[0].minutes_per_week is None  # not time: no money from it


def test_the_latest_figures_count_and_future_ones_do_not() -> None:
    readings = [
        Reading(REPORT.name, 1, BASELINE, START, 50, id=1),
        Reading(REPORT.name, 1, IMPACT, START + dt.timedelta(days=7), 40, id=2),
        Reading(REPORT.name, 1, IMPACT, START + dt.timedelta(days=14), 30, id=3),
    ]
    savings, _ = latest_savings([REPORT], readings, 1, START + dt.timedelta(days=10))
    assert savings[0].impact.value == 40


@pytest.mark.parametrize(
    ("given", "expected"),
    [("12,000", 12000), ("12.000,50", 12000.5), ("12,000.50", 12000.5), ("36,5", 36.5), (" 7 ", 7)],
)
def test_numbers_as_people_type_them(given: str, expected: float) -> None:
    assert parse_number(given, "x") == expected


@pytest.mark.parametrize(
    ("check", "value", "message"),
    [
        (check_amount, "-5", "--amount: -5 is negative"),
        (check_rate, "0", "--rate: 0 must be above 0"),
        (check_rate, "-1", "--rate: -1 must be above 0"),
        (check_currency, "XYZ", "'XYZ' is not an ISO 4217 currency code"),
        (check_currency, "", "is not an ISO 4217"),
        (check_amount, "abc", "'abc' is not a number"),
    ],
)
def test_bad_input_is_one_line_naming_it(check, value, message) -> None:
    what = {check_amount: "--amount", check_rate: "--rate", check_currency: "--currency"}[check]
    with pytest.raises(ValueError) as caught:
        check(value, what)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_currency_codes_any_case() -> None:
    assert check_currency("srd") == "SRD"
    assert check_amount("0") == 0


def test_a_cost_in_a_foreign_currency_needs_its_rate() -> None:
    with pytest.raises(ValueError, match="--rate: give the rate from USD to SRD"):
        new_cost("licences", 100, "USD", None, ONE_OFF, START, home="SRD")
    home = new_cost("snacks", 100, "SRD", None, ONE_OFF, START, home="SRD")
    assert home.rate == 1 and home.converted == 100
    with pytest.raises(ValueError, match="--per"):
        new_cost("licences", 100, "USD", 36, RECURRING, START)


def test_a_recurring_cost_is_spread_by_day() -> None:
    cost = Cost("support", 1_000, "USD", 2.0, RECURRING, START, period="month")
    assert cost.to_date(START - dt.timedelta(days=1)) == 0
    assert cost.to_date(START + dt.timedelta(days=29)) == pytest.approx(2_000 * 30 / 30.4375)
    assert months_between(START, START) == pytest.approx(1 / 30.4375)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2027, 1, 30), None),
        (dt.date(2027, 1, 31), "month1"),
        (dt.date(2027, 2, 13), "month1"),
        (dt.date(2027, 2, 14), None),
        (dt.date(2027, 4, 1), "month3"),
    ],
)
def test_review_reminders(today: dt.date, expected: str | None) -> None:
    due = review_due(dt.date(2027, 1, 1), today)
    assert (due[0] if due else None) == expected


def test_the_four_starters_in_both_languages() -> None:
    try:
        en = starter_text("no-time")
        set_language("nl")
        nl = starter_text("no-time")
    finally:
        set_language("en")
    assert en is not None and nl is not None
    assert en[0] != nl[0] and en[1] != nl[1]
    assert starter_text("other") is None


def test_the_panel_reminder_names_the_review_and_its_command() -> None:
    from launchtui.text.review_text import review_reminder

    end = dt.date(2027, 1, 1)
    assert review_reminder(end, dt.date(2027, 1, 30)) is None
    line = review_reminder(end, dt.date(2027, 2, 2))
    assert line is not None and "Month-1 review due since 31 Jan" in line
    assert "launchtui review month3" in (review_reminder(end, dt.date(2027, 4, 1)) or "")


# -- objections counted for the report ----------------------------------------------


def _heard(kind: str, phase: int | None, helped: bool | None, day: str = "2026-11-05"):
    from launchtui.domain.value import Objection

    return Objection(kind, phase, None, None, None, helped, dt.date.fromisoformat(day))


@pytest.mark.parametrize(
    ("heard", "counted"),
    [
        ([], []),
        ([_heard("no-time", 1, None)], [("no-time", 1, 1, 0, 0, 1)]),
        (  # the guide's order within a phase, phases in order, an unknown kind last
            [
                _heard("zzz", 1, True),
                _heard("why-change", 2, False),
                _heard("why-change", 1, True),
                _heard("no-time", 1, False),
            ],
            [
                ("no-time", 1, 1, 0, 1, 0),
                ("why-change", 1, 1, 1, 0, 0),
                ("zzz", 1, 1, 1, 0, 0),
                ("why-change", 2, 1, 0, 1, 0),
            ],
        ),
        ([_heard("no-time", 1, True, "2026-11-08")], []),  # heard after the report's day
        ([_heard("other", None, None), _heard("other", None, True)], [("other", None, 2, 1, 0, 1)]),
    ],
)
def test_objections_are_counted_by_kind_and_phase(heard, counted):
    from launchtui.domain.report import count_objections

    rows = count_objections(heard, dt.date(2026, 11, 7))
    assert [(r.kind, r.phase, r.heard, r.helped, r.did_not_help, r.not_known) for r in rows] == (
        counted
    )


def test_a_summary_with_figures_still_names_what_is_missing() -> None:
    """The decision record cites this line: figures that leave a measure out must say so."""
    import dataclasses

    from launchtui.text.value_text import summary

    base = _example(START + dt.timedelta(days=400))
    gap = dataclasses.replace(base, missing=("an impact figure of entry",))
    assert "not enough data: an impact figure of entry" in summary(gap)
    assert "not enough data" not in summary(base)
