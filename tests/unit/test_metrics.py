"""Adoption figures: the validator every entry path shares, and the CSV import."""

from __future__ import annotations

import datetime as dt

import pytest

from launchtui.domain.metrics import FIGURE_FIELDS, Figures, parse_figures, read_figures_csv

TODAY = dt.date(2026, 11, 20)


def parse(**values: str) -> Figures:
    return parse_figures(values, 1, TODAY)


# -- parse_figures -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field", "expected"),
    [
        ({"active": "80"}, "active_weekly", 80.0),
        ({"active_weekly": "79.9"}, "active_weekly", 79.9),
        ({"Active %": "71%"}, "active_weekly", 71.0),
        ({"accounts": "0"}, "accounts", 0.0),
        ({"accounts": "100"}, "accounts", 100.0),
        ({"daily": "12.5"}, "active_daily", 12.5),
        ({"workflows": "40"}, "workflows", 40.0),
        ({"old-system": "20"}, "old_system", 20.0),
        ({"old": "20"}, "old_system", 20.0),
        ({"satisfaction": "10"}, "satisfaction", 10.0),
        ({"sat": "7,5"}, "satisfaction", 7.5),  # a decimal comma
        ({"score": "0"}, "satisfaction", 0.0),
        ({"nps": "-100"}, "nps", -100),
        ({"NPS": "+12"}, "nps", 12),
        ({"nps": "100"}, "nps", 100),
        ({"tickets": "0"}, "tickets", 0),
        ({"tickets": "14"}, "tickets", 14),
        ({"training": "100"}, "training", 100.0),
    ],
)
def test_good_values(values, field, expected):
    figures = parse_figures(values, 2, TODAY)
    assert getattr(figures, field) == expected
    assert type(getattr(figures, field)) is type(expected)
    assert (figures.phase, figures.date) == (2, TODAY)
    others = [getattr(figures, f) for f in FIGURE_FIELDS if f != field]
    assert others == [None] * len(others)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"active": "100.1"}, "active_weekly: 100.1 is not between 0 and 100"),
        ({"active": "-1"}, "active_weekly: -1 is not between 0 and 100"),
        ({"accounts": "abc"}, "accounts: abc is not a number"),
        ({"training": "nan"}, "training: nan is not a number"),
        ({"old_system": "inf"}, "old_system: inf is not a number"),
        ({"satisfaction": "11"}, "satisfaction: 11 is not between 0 and 10"),
        ({"satisfaction": "-0.1"}, "satisfaction: -0.1 is not between 0 and 10"),
        ({"nps": "101"}, "nps: 101 is not between -100 and 100"),
        ({"nps": "-101"}, "nps: -101 is not between -100 and 100"),
        ({"nps": "12.5"}, "nps: 12.5 is not a whole number"),
        ({"tickets": "-1"}, "tickets: -1 is negative"),
        ({"tickets": "2.5"}, "tickets: 2.5 is not a whole number"),
        ({}, "no figure given"),
        ({"active": "", "nps": "  "}, "no figure given"),
        ({"phase": "2"}, "no figure given"),
        ({"phase": "0", "active": "80"}, "phase: 0 is not a phase number"),
        ({"phase": "x", "active": "80"}, "phase: x is not a phase number"),
        ({"date": "20/11/2026", "active": "80"}, "date: 20/11/2026 is not a date like"),
        ({"date": "2026-02-30", "active": "80"}, "date: 2026-02-30 is not a date like"),
        ({"colour": "blue", "active": "80"}, "colour: not a figure"),
        ({"active": "80", "active_weekly": "81"}, "active_weekly: given twice"),
    ],
)
def test_bad_values_name_the_field(values, message):
    with pytest.raises(ValueError) as caught:
        parse_figures(values, 1, TODAY)
    assert str(caught.value).startswith(message)


def test_phase_and_date_from_the_mapping_beat_the_defaults():
    figures = parse_figures({"phase": "3", "date": "2026-11-10", "active": "50"}, 1, TODAY)
    assert (figures.phase, figures.date) == (3, dt.date(2026, 11, 10))


def test_a_date_after_today_is_refused_only_when_today_is_given():
    values = {"date": "2026-11-21", "active": "50"}
    assert parse_figures(values, 1, TODAY).date == dt.date(2026, 11, 21)
    with pytest.raises(ValueError, match="date: 2026-11-21 lies in the future"):
        parse_figures(values, 1, TODAY, today=TODAY)
    assert parse_figures({"date": "2026-11-20", "active": "5"}, 1, TODAY, today=TODAY).date == TODAY


def test_a_very_long_bad_value_is_cut_in_the_message():
    with pytest.raises(ValueError) as caught:
        parse(accounts="9" * 5000 + "x")
    assert len(str(caught.value)) < 200


def test_new_system_is_everyone_not_on_the_old_one():
    assert parse(old_system="20").new_system == 80
    assert parse(active="20").new_system is None


# -- read_figures_csv --------------------------------------------------------------------


def test_good_rows_are_kept_and_bad_rows_reported_by_line():
    text = (
        "date,phase,active,satisfaction,nps,tickets\n"  # line 1
        "2026-11-06,1,71,7.8,12,5\n"  # 2
        "2026-11-13,1,75,8.1,20,3\n"  # 3
        "2026-11-13,2,40,11,5,2\n"  # 4: satisfaction out of range
        "2026-11-14,2,abc,7,5,2\n"  # 5
        "\n"  # 6: blank, skipped
        "2026-11-20,2,45,7,5,-1\n"  # 7
        "2026-11-20,3,10,,,\n"  # 8
    )
    figures, errors = read_figures_csv(text, 1, TODAY)
    assert [(f.phase, f.date, f.active_weekly) for f in figures] == [
        (1, dt.date(2026, 11, 6), 71.0),
        (1, dt.date(2026, 11, 13), 75.0),
        (3, dt.date(2026, 11, 20), 10.0),
    ]
    assert figures[0].satisfaction == 7.8 and figures[0].nps == 12 and figures[0].tickets == 5
    assert errors == [
        "line 4: satisfaction: 11 is not between 0 and 10",
        "line 5: active_weekly: abc is not a number",
        "line 7: tickets: -1 is negative; count the tickets, 0 or more",
    ]


def test_headers_map_case_insensitively_with_synonyms_and_unknown_columns_are_ignored():
    text = (
        "\ufeffName,Date,Active %,Daily,Key workflows,Old system %,SAT,Score NPS,"
        "Support tickets,Training,Accounts\n"
        "ana,2026-11-13,71%,30,40,25,7.5,,4,60,95\n"
    )
    figures, errors = read_figures_csv(text, 2, TODAY)
    assert errors == []
    assert figures == [
        Figures(
            phase=2,  # the default
            date=dt.date(2026, 11, 13),
            active_weekly=71.0,
            accounts=95.0,
            active_daily=30.0,
            workflows=40.0,
            old_system=25.0,
            satisfaction=7.5,
            tickets=4,
            training=60.0,
        )
    ]


def test_semicolons_and_decimal_commas_from_a_dutch_spreadsheet():
    text = "datum;date;phase;sat;nps\nx;2026-11-13;1;7,5;-3\n"
    figures, errors = read_figures_csv(text, 1, TODAY)
    assert errors == []
    assert (figures[0].satisfaction, figures[0].nps) == (7.5, -3)


def test_missing_date_and_phase_default_to_today_and_the_given_phase():
    figures, errors = read_figures_csv("active\n80\n", 3, TODAY)
    assert errors == []
    assert (figures[0].phase, figures[0].date) == (3, TODAY)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "line 1: the file is empty"),
        ("\n\n", "line 1: the file is empty"),
        ("name,email\nana,a@x\n", "line 1: no column names a figure"),
        ("active,Active weekly\n1,2\n", "line 1: columns 'active' and 'Active weekly' both mean"),
        ("date,active\n", "line 1: a header but no rows of figures"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(text, error):
    figures, errors = read_figures_csv(text, 1, TODAY)
    assert figures == []
    assert len(errors) == 1 and errors[0].startswith(error)


def test_a_row_with_too_many_cells_or_a_future_date_is_reported():
    text = "date,active\n2026-11-13,70,99\n2026-11-21,70\n2026-11-13,70,\n"
    figures, errors = read_figures_csv(text, 1, TODAY)
    assert [f.active_weekly for f in figures] == [70.0]  # the trailing empty cell is fine
    assert errors == [
        "line 2: 3 cells, but the header on line 1 names 2",
        "line 3: date: 2026-11-21 lies in the future",
    ]


def test_a_short_row_leaves_the_missing_figures_unmeasured():
    figures, errors = read_figures_csv("date,active,nps\n2026-11-13,70\n", 1, TODAY)
    assert errors == []
    assert (figures[0].active_weekly, figures[0].nps) == (70.0, None)


def test_line_numbers_count_physical_lines_across_quoted_newlines():
    text = 'comment,active\n"two\nlines",70\nok,abc\n'
    figures, errors = read_figures_csv(text, 1, TODAY)
    assert len(figures) == 1
    assert errors == ["line 4: active_weekly: abc is not a number"]
