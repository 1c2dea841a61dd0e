"""`launchtui sessions ...` and `export calendar` (issue 17), end to end through click."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
import vobject

from .conftest import Run, fails, ok

# The Acme CRM rollout launches Tue 2026-11-03; today is Sat 2026-11-07 (phased template).


@pytest.fixture
def placed(run: Run) -> Run:
    ok(run("locations", "add", "Georgetown", "--tz", "America/Guyana", "--champion", "ana"))
    ok(run("locations", "add", "Paramaribo", "--tz", "America/Paramaribo", "--champion", "rob"))
    ok(run("locations", "add", "New York", "--tz", "America/New_York", "--champion", "mei"))
    return run


def _sessions(run: Run, *args: str) -> list[dict]:
    return json.loads(ok(run("sessions", "list", "--json", *args)))


def test_plan_shows_and_saves_only_when_confirmed(placed: Run):
    shown = placed("sessions", "plan", input="n\n")
    assert "Georgetown (America/Guyana) · ana" in ok(shown)
    assert "Not saved" in shown.stdout
    assert _sessions(placed) == []
    saved = ok(placed("sessions", "plan", input="y\n"))
    assert "Saved" in saved
    listed = _sessions(placed)
    assert {s["location"] for s in listed} == {"Georgetown", "Paramaribo", "New York"}
    assert {s["start"][11:16] for s in listed if s["kind"] == "training"} == {"10:00"}
    # planning again adds nothing twice
    assert "Nothing to add" in ok(placed("sessions", "plan", "--yes"))


def test_plan_without_an_answer_saves_nothing_and_says_so(placed: Run):
    result = placed("sessions", "plan")  # no input: stdin at its end
    assert result.exit_code == 1
    assert "not saved" in result.stderr and "--yes" in result.stderr
    assert "Traceback" not in result.output
    assert _sessions(placed) == []


def test_plan_time_option(placed: Run):
    ok(placed("sessions", "plan", "--time", "14:30", "--yes"))
    assert {s["start"][11:16] for s in _sessions(placed) if s["kind"] == "training"} == {"14:30"}


def test_list_by_location_in_local_time(placed: Run):
    ok(placed("sessions", "plan", "--yes"))
    mine = _sessions(placed, "--location", "paramaribo")
    assert mine and {s["location"] for s in mine} == {"Paramaribo"}
    assert all(s["start"].endswith("-03:00") for s in mine)
    text = ok(placed("sessions", "list", "--location", "Paramaribo"))
    assert "Paramaribo" in text and "Georgetown" not in text


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--location", "Lima", "--date", "2026-11-20", "--time", "10:00"), "unknown location"),
        (
            ("--location", "New York", "--date", "2027-03-14", "--time", "02:30"),
            "02:30 does not exist on 2027-03-14 in America/New_York",
        ),
        (("--location", "Georgetown", "--date", "2026-11-20", "--time", "9h"), "not a time"),
        (
            ("--location", "Georgetown", "--date", "2026-11-20", "--time", "10:00", "--phase", "9"),
            "--phase 9",
        ),
        (
            (
                "--location",
                "Georgetown",
                "--date",
                "2026-11-20",
                "--time",
                "10:00",
                "--minutes",
                "5",
            ),
            "15 to 480 minutes",
        ),
    ],
)
def test_bad_session_input_is_one_line(placed: Run, args, said):
    line = fails(placed("sessions", "add", "training", *args))
    assert said in line
    assert line.count("\n") <= 1


def test_overlap_with_the_same_host_is_refused(placed: Run):
    ok(
        placed(
            "sessions",
            "add",
            "training",
            "--location",
            "Georgetown",
            "--date",
            "2026-11-20",
            "--time",
            "10:00",
        )
    )
    # 09:30 in Paramaribo is 08:30 in Georgetown; 11:00 there is 10:00 here: ana is busy
    line = fails(
        placed(
            "sessions",
            "add",
            "office-hour",
            "--location",
            "Paramaribo",
            "--host",
            "ana",
            "--date",
            "2026-11-20",
            "--time",
            "11:00",
        )
    )
    assert "ana would host two sessions at once" in line
    # rob, Paramaribo's champion, is free
    ok(
        placed(
            "sessions",
            "add",
            "office-hour",
            "--location",
            "Paramaribo",
            "--date",
            "2026-11-20",
            "--time",
            "11:00",
        )
    )


def test_unknown_kind_and_session(placed: Run):
    assert "unknown session kind" in fails(
        placed(
            "sessions",
            "add",
            "party",
            "--location",
            "Georgetown",
            "--date",
            "2026-11-20",
            "--time",
            "10:00",
        )
    )
    assert "no session #99" in fails(placed("sessions", "cancel", "99"))


def test_move_cancel_and_held(placed: Run):
    ok(
        placed(
            "sessions",
            "add",
            "training",
            "--location",
            "Georgetown",
            "--date",
            "2026-11-20",
            "--time",
            "10:00",
        )
    )
    ok(placed("sessions", "move", "1", "--date", "2026-11-19", "--time", "15:00"))
    (moved,) = _sessions(placed)
    assert moved["start"] == "2026-11-19T15:00-04:00"
    assert "has not started yet" in fails(placed("sessions", "held", "1", "--attended", "3"))
    ok(placed("sessions", "cancel", "1"))
    assert _sessions(placed)[0]["status"] == "cancelled"
    assert "was cancelled" in fails(
        placed("sessions", "move", "1", "--date", "2026-11-19", "--time", "16:00")
    )


def test_held_training_feeds_the_gate(placed: Run):
    ok(
        placed(
            "sessions",
            "add",
            "training",
            "--location",
            "Georgetown",
            "--phase",
            "1",
            "--date",
            "2026-11-02",
            "--time",
            "10:00",
        )
    )
    ok(placed("sessions", "held", "1", "--attended", "5"))

    def training() -> dict:
        gate = json.loads(ok(placed("status", "--json")))["gate"]
        return next(c for c in gate["criteria"] if c["name"] == "training completion")

    without = training()
    assert without["value"] is None and without["ok"] is False  # no headcount: never passes
    ok(placed("sessions", "headcount", "40"))  # phase 1 is 15%: 6 people
    with_count = training()
    assert with_count["value"] == pytest.approx(500 / 6)
    assert with_count["ok"] is True and with_count["advisory"] is True


def test_held_office_hour_ticks_the_day_once(placed: Run):
    # first-week/office-hours is daily from D+1 (4 Nov); 5 Nov is a Thursday
    for place in ("Georgetown", "Paramaribo"):
        ok(
            placed(
                "sessions",
                "add",
                "office-hour",
                "--location",
                place,
                "--date",
                "2026-11-05",
                "--time",
                "10:00",
            )
        )
    first = ok(placed("sessions", "held", "1"))
    assert "Ticked first-week/office-hours@2026-11-05" in first
    second = ok(placed("sessions", "held", "2"))
    assert "Ticked" not in second  # the day's item is ticked already: not counted twice
    history = ok(placed("history", "first-week/office-hours@2026-11-05"))
    assert history.count("tick") == 1


def _calendar(run: Run, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "rollout.ics"
    ok(run("export", "calendar", *args, "-o", str(out)))
    return out


def test_calendar_parses_with_both_parsers_and_defines_every_zone(placed: Run, tmp_path):
    ok(placed("sessions", "plan", "--yes"))
    ok(placed("sessions", "cancel", "1"))
    ok(placed("phases", "decide", "2", "go", "--reason", "pilot went well"))
    data = _calendar(placed, tmp_path).read_bytes()
    cal = icalendar.Calendar.from_ical(data)
    assert cal.get_missing_tzids() == set()
    used = cal.get_used_tzids()
    assert used == {"America/Guyana", "America/Paramaribo", "America/New_York"}
    defined = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    assert used <= defined
    events = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    cancelled = [e for e in events if str(e.get("STATUS")) == "CANCELLED"]
    assert len(cancelled) == 1
    summaries = [str(e["SUMMARY"]) for e in events]
    assert any(s.startswith("Training: Acme CRM") for s in summaries)
    assert any("Core team starts" in s for s in summaries)
    assert any("decision for Core team: go" in s for s in summaries)
    assert any(s.startswith("Due: ") for s in summaries)

    # the second parser reads the zones from the file itself (dateutil's tzical)
    parsed = vobject.readOne(data.decode("utf-8"))
    assert len(parsed.vevent_list) == len(events)
    assert {tz.tzid.value for tz in parsed.vtimezone_list} == defined
    timed = [e for e in parsed.vevent_list if hasattr(e.dtstart.value, "hour")]
    ny = next(e for e in timed if "New York" in e.description.value)
    assert ny.dtstart.value.hour == 10
    assert ny.dtstart.value.utcoffset() is not None


def test_calendar_uids_are_stable_across_exports(placed: Run, tmp_path):
    ok(placed("sessions", "plan", "--yes"))
    first = icalendar.Calendar.from_ical(_calendar(placed, tmp_path).read_bytes())
    ok(placed("sessions", "move", "3", "--date", "2026-11-27", "--time", "16:00"))
    second = icalendar.Calendar.from_ical(_calendar(placed, tmp_path).read_bytes())
    uids = [[str(e["UID"]) for e in c.walk("VEVENT")] for c in (first, second)]
    assert sorted(uids[0]) == sorted(uids[1])
    moved = next(e for e in second.walk("VEVENT") if str(e["UID"]).startswith("session-3."))
    assert int(moved["SEQUENCE"]) == 1
    # a session never changed has none: absent is 0 (RFC 5545), one line fewer per event
    others = [e for e in second.walk("VEVENT") if str(e["UID"]).startswith("session-")]
    assert [str(e["UID"]) for e in others if "SEQUENCE" in e] == [str(moved["UID"])]


def test_calendar_defines_each_zone_once_over_its_own_sessions(placed: Run, tmp_path):
    ok(placed("sessions", "plan", "--yes"))
    cal = icalendar.Calendar.from_ical(_calendar(placed, tmp_path).read_bytes())
    zones = [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")]
    assert sorted(zones) == ["America/Guyana", "America/New_York", "America/Paramaribo"]
    # New York's definition reaches a week before its first session (the training on
    # Mon 2 Nov 2026): it holds the change back to standard time on Sun 1 Nov.
    ny = next(tz for tz in cal.walk("VTIMEZONE") if str(tz["TZID"]) == "America/New_York")
    assert b"TZOFFSETFROM:-0400" in ny.to_ical() and b"TZOFFSETTO:-0500" in ny.to_ical()
    session = next(e for e in cal.walk("VEVENT") if "New York" in str(e["DESCRIPTION"]))
    assert "TRANSP" not in session and str(session["STATUS"]) == "CONFIRMED"


def test_calendar_of_one_location(placed: Run, tmp_path):
    ok(placed("sessions", "plan", "--yes"))
    cal = icalendar.Calendar.from_ical(
        _calendar(placed, tmp_path, "--location", "Georgetown").read_bytes()
    )
    assert cal.get_used_tzids() == {"America/Guyana"}
    assert "unknown location" in fails(
        placed("export", "calendar", "--location", "Lima", "-o", str(tmp_path / "x.ics"))
    )


def test_calendar_in_dutch(placed: Run, tmp_path):
    ok(placed("sessions", "plan", "--yes"))
    out = tmp_path / "nl.ics"
    ok(placed("--lang", "nl", "export", "calendar", "-o", str(out)))
    summaries = [
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    ]
    assert any(s.startswith("Training: Acme CRM") for s in summaries)
    assert any(s.startswith("Spreekuur: ") for s in summaries)


def test_calendar_refuses_the_database(placed: Run, db_path):
    assert "database" in fails(placed("export", "calendar", "-o", str(db_path)))


def test_sessions_in_dutch(placed: Run):
    assert "onbekende locatie" in fails(
        placed(
            "--lang",
            "nl",
            "sessions",
            "add",
            "training",
            "--location",
            "Lima",
            "--date",
            "2026-11-20",
            "--time",
            "10:00",
        ),
        prefix="Fout: ",
    )
    ok(
        placed(
            "sessions",
            "add",
            "office-hour",
            "--location",
            "Georgetown",
            "--date",
            "2026-11-20",
            "--time",
            "10:00",
        )
    )
    listed = ok(placed("--lang", "nl", "sessions", "list"))
    assert "vr 20 nov 10:00–11:00  spreekuur" in listed


# -- the review's training needs (issue 18) -------------------------------------------------


def _training_needs(run: Run, *lang: str) -> list[str]:
    text = ok(run(*lang, "review", "month1"))
    lines = text.splitlines()
    head = next(
        i
        for i, line in enumerate(lines)
        if line.startswith("## ") and ("Training needs" in line or "Trainingsbehoefte" in line)
    )
    out = []
    for line in lines[head + 2 :]:
        if not line.startswith("- "):
            break
        out.append(line[2:])
    return out


def _held_training(run: Run) -> None:
    ok(
        run(
            "sessions",
            "add",
            "training",
            "--location",
            "Georgetown",
            "--phase",
            "1",
            "--date",
            "2026-11-02",
            "--time",
            "10:00",
        )
    )
    ok(run("sessions", "held", "1", "--attended", "5"))


def test_the_review_reads_training_needs_from_attendance(placed: Run):
    _held_training(placed)
    ok(placed("metrics", "record", "--phase", "1", "--active", "50", "--training", "100"))
    ok(placed("sessions", "headcount", "40"))  # phase 1 is 15%: 6 people
    lines = _training_needs(placed)
    assert (
        lines[0] == "phase 1 (Pilot users and volunteers): 5 of 6 attended a training"
        " (83.33%); 1 still to train"
    )
    gate = json.loads(ok(placed("status", "--json")))["gate"]
    criterion = next(c for c in gate["criteria"] if c["name"] == "training completion")
    assert criterion["value"] == pytest.approx(500 / 6)
    assert lines[-1].startswith("The gate's training figure: training 83.33% attended")
    assert not any("completed training" in line for line in lines)  # not the typed 100%


def test_the_review_says_a_missing_headcount_rather_than_guess(placed: Run):
    _held_training(placed)
    lines = _training_needs(placed)
    assert lines[0].startswith("phase 1 (Pilot users and volunteers): 5 attended a training;")
    assert "no headcount" in lines[0] and "headcount" in lines[-1]


def test_without_trainings_the_review_falls_back_to_the_typed_figure(run: Run):
    ok(run("metrics", "record", "--phase", "1", "--active", "50", "--training", "40"))
    lines = _training_needs(run)
    assert lines == ["phase 1: 40% completed training; 60% still to train"]


def test_the_reviews_training_needs_in_dutch(placed: Run):
    _held_training(placed)
    ok(placed("sessions", "headcount", "40"))
    lines = _training_needs(placed, "--lang", "nl")
    assert "5 van 6" in lines[0] and "83,33%" in lines[0]


def test_a_host_with_control_characters_is_refused(placed: Run):
    line = fails(
        placed(
            "sessions",
            "add",
            "training",
            "--location",
            "Georgetown",
            "--date",
            "2026-12-01",
            "--time",
            "10:00",
            "--host",
            "H\x1b[31mx",
        )
    )
    assert "the host must be one line" in line


def test_the_calendar_carries_user_text_without_control_characters(placed: Run, tmp_path):
    """Names and reasons typed before the host check (or by another version) still reach
    the calendar as text only: no escape sequence in the file or on stdout."""
    ok(placed("sessions", "plan", "--yes"))
    ok(placed("phases", "decide", "2", "hold", "--reason", "wait\x1b]0;owned\x07 for figures"))
    text = _calendar(placed, tmp_path).read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text
    assert "wait" in text and "for figures" in text
