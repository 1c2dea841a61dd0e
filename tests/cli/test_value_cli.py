"""`measure`, `baseline`, `impact`, `cost`, `roi`, `review` and `objection` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from launchtui.services.value import ValueService
from launchtui.text.value_text import result_lines, to_json


@pytest.fixture
def valued(cli_run):
    """The worked example: 40 people (solo template), 20 minutes saved a week, SRD 750 an
    hour, licences USD 12,000 a year at 36.5, training SRD 30,000 once."""
    assert (
        cli_run(
            "init",
            "--tool",
            "CRM",
            "--launch-date",
            "2026-10-01",
            "--template",
            "solo",
            "--team-size",
            "40",
        ).exit_code
        == 0
    )
    steps = [
        ("value", "settings", "--currency", "SRD", "--hourly-cost", "750"),
        ("measure", "add", "weekly report", "--unit", "min/week"),
        ("baseline", "add", "weekly report", "50", "--date", "2026-09-20"),
        ("impact", "add", "weekly report", "30", "--date", "2026-11-01"),
        (
            "cost",
            "add",
            "licences",
            "--amount",
            "12,000",
            "--currency",
            "USD",
            "--rate",
            "36.5",
            "--per",
            "year",
            "--phase",
            "1",
            "--date",
            "2026-10-01",
        ),
        (
            "cost",
            "add",
            "training",
            "--amount",
            "30000",
            "--currency",
            "SRD",
            "--phase",
            "1",
            "--date",
            "2026-10-01",
        ),
    ]
    for step in steps:
        result = cli_run(*step)
        assert result.exit_code == 0, (step, result.output)
    return cli_run


def test_roi_json_carries_figures_and_inputs(valued) -> None:
    data = json.loads(valued("roi", "--json").stdout)
    phase = data["phases"][0]
    assert phase["value_per_month"] == pytest.approx(43_333.33, abs=0.01)
    assert phase["recurring_per_month"] == pytest.approx(36_500)
    assert phase["payback"] == "2027-02-11"  # 134th day from 2026-10-01
    assert phase["roi_first_year"] == pytest.approx(52_000 / 468_000)
    assert phase["inputs"]["group_size"] == 40
    assert phase["inputs"]["costs"][0]["rate"] == 36.5
    assert phase["missing"] == []


def test_roi_text_in_english_and_dutch(valued) -> None:
    en = valued("roi").stdout
    assert "SRD 43,333.33" in en and "ROI over the first 12 months: +11.11%" in en
    nl = valued("--lang", "nl", "roi").stdout
    assert "SRD 43.333,33" in nl and "+11,11%" in nl


def test_the_report_and_roi_show_the_same_figures(
    valued, db_path: Path, settings, tmp_path
) -> None:
    """One evaluator: the review's month-3 lines are the value screen's and `roi`'s."""
    from launchtui.services.workspace import Workspace

    report = tmp_path / "review.md"
    assert valued("review", "month3", "-o", str(report)).exit_code == 0
    text = report.read_text()
    ws = Workspace(settings)
    try:
        part = ValueService(ws).returns().phases[0]
        for line in result_lines(part):
            assert line.replace(">", "\\>") in text or line in text
        assert (
            to_json(part)["value_per_month"]
            == json.loads(valued("roi", "--json").stdout)["phases"][0]["value_per_month"]
        )
    finally:
        ws.close()
    assert "SRD 43,333.33 a month" in valued("roi").stdout
    assert "SRD 43,333.33 a month" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("cost", "add", "x", "--amount", "-5", "--rate", "2"), "--amount: -5 is negative"),
        (
            ("cost", "add", "x", "--amount", "5", "--currency", "XYZ", "--rate", "2"),
            "'XYZ' is not an ISO 4217",
        ),
        (
            ("cost", "add", "x", "--amount", "5", "--currency", "USD", "--rate", "0"),
            "--rate: 0 must be above 0",
        ),
        (("impact", "add", "weekly report", "3", "--phase", "1"), None),
        (("impact", "add", "unknown", "3"), "unknown measure 'unknown'"),
    ],
)
def test_bad_input_is_one_line(valued, args, message) -> None:
    result = valued(*args)
    if message is None:  # a measure with a baseline: fine
        assert result.exit_code == 0
        return
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_impact_without_baseline_is_refused(cli_run) -> None:
    cli_run("init", "--tool", "CRM", "--launch-date", "2026-10-01", "--template", "solo")
    cli_run("measure", "add", "errors", "--unit", "errors/week")
    result = cli_run("impact", "add", "errors", "3")
    assert result.exit_code == 1
    assert "errors: no baseline for phase 1 yet" in result.stderr
    roi = cli_run("roi")
    assert roi.exit_code == 1 and "no baseline recorded yet" in roi.stderr


def test_roi_names_what_is_missing_never_zero(cli_run) -> None:
    cli_run("init", "--tool", "CRM", "--launch-date", "2026-10-01", "--template", "solo")
    cli_run("measure", "add", "report", "--unit", "min/week")
    cli_run("baseline", "add", "report", "50")
    data = json.loads(cli_run("roi", "--json").stdout)["phases"][0]
    assert data["value_per_month"] is None and data["roi_to_date"] is None
    assert any("currency" in m for m in data["missing"])
    assert any("team size" in m for m in data["missing"])


def test_impact_import_names_file_line_and_field(valued, tmp_path: Path) -> None:
    csv = tmp_path / "impact.csv"
    csv.write_text(
        "measure,value,phase,date\n"
        "weekly report,28,1,2026-11-05\n"
        "weekly report,abc,1,2026-11-05\n"
        "weekly report,20,1,05-11-2026\n"
    )
    result = valued("impact", "import", str(csv))
    assert result.exit_code == 1
    assert "saved 1 row" in result.stdout
    errors = result.stderr.strip().splitlines()
    assert errors[0] == f"{csv}:3: value: 'abc' is not a number"
    assert errors[1].startswith(f"{csv}:4: date:")


def test_objections_logged_and_listed_in_dutch(valued) -> None:
    result = valued(
        "objection", "add", "--kind", "why-change", "--location", "Nickerie", "--did-not-help"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(valued("objection", "list", "--json").stdout)
    assert data[0]["kind"] == "why-change" and data[0]["helped"] is False
    assert data[0]["person"] is None
    assert data[0]["response"]  # the suggested response, when none is given
    nl = valued("--lang", "nl", "objection", "starters").stdout
    en = valued("objection", "starters").stdout
    assert nl != en and nl.count("\n") >= 8


def test_review_html_escapes_user_text(valued, tmp_path: Path) -> None:
    valued("measure", "add", "<b>errors</b>", "--unit", "n/week")
    out = tmp_path / "r.html"
    assert valued("review", "month1", "-o", str(out)).exit_code == 0
    text = out.read_text()
    assert "<b>errors" not in text


def test_the_phase_2_decision_cites_what_phase_1_returned(cli_run) -> None:
    cli_run(
        "init",
        "--tool",
        "CRM",
        "--launch-date",
        "2026-10-01",
        "--template",
        "small-team",
        "--team-size",
        "40",
    )
    for step in [
        ("value", "settings", "--currency", "SRD", "--hourly-cost", "750"),
        ("measure", "add", "report", "--unit", "min/week"),
        ("baseline", "add", "report", "50", "--phase", "1", "--date", "2026-09-20"),
        ("impact", "add", "report", "30", "--phase", "1", "--date", "2026-10-06"),
        (
            "cost",
            "add",
            "training",
            "--amount",
            "1000",
            "--currency",
            "SRD",
            "--phase",
            "1",
            "--date",
            "2026-10-01",
        ),
    ]:
        assert cli_run(*step).exit_code == 0
    assert cli_run("phases", "decide", "2", "go", "--reason", "phase 1 paid").exit_code == 0
    data = json.loads(cli_run("phases", "decisions", "--json").stdout)
    cited = [e for e in data[0]["evidence"] if e.get("kind") == "returned"]
    assert cited and cited[0]["subject"] == "1"
    assert cited[0]["returned"]["value_per_month"] == pytest.approx(21_666.67, abs=0.01)
    shown = cli_run("phases", "decisions").stdout
    assert "What phase 1 returned: SRD 21,666.67 a month" in shown


def test_a_first_phase_decision_cites_nothing(cli_run) -> None:
    cli_run("init", "--tool", "CRM", "--launch-date", "2026-10-01", "--template", "small-team")
    cli_run("phases", "decide", "2", "go", "--reason", "fine")
    data = json.loads(cli_run("phases", "decisions", "--json").stdout)
    assert not [e for e in data[0]["evidence"] if e.get("kind") == "returned"]


# -- whether a response helped, said later (m012_objection_outcomes) -----------------


def test_whether_it_helped_is_said_later_and_the_latest_word_stands(valued) -> None:
    assert valued("objection", "add", "--kind", "no-time", "--location", "Nickerie").exit_code == 0
    first = json.loads(valued("objection", "list", "--json").stdout)[0]
    assert first["helped"] is None and first["outcome_date"] is None
    result = valued("objection", "helped", "1", "no", "--note", "still  busy")
    assert result.exit_code == 0, result.output
    assert "Objection #1: did not help" in result.stdout
    assert valued("objection", "helped", "#1", "yes", "--note", "came to training").exit_code == 0
    data = json.loads(valued("objection", "list", "--json").stdout)[0]
    assert data["helped"] is True
    assert data["outcome_note"] == "came to training"
    assert data["outcome_date"] == "2026-11-07"
    shown = valued("objection", "list").stdout
    assert "helped · Nickerie" in shown
    assert "helped (said on 7 Nov): came to training" in shown
    nl = valued("--lang", "nl", "objection", "list").stdout
    assert "hielp" in nl and "came to training" in nl


def test_helped_in_dutch_words(valued) -> None:
    valued("objection", "add", "--kind", "why-change")
    result = valued("--lang", "nl", "objection", "helped", "1", "nee")
    assert result.exit_code == 0, result.output
    assert json.loads(valued("objection", "list", "--json").stdout)[0]["helped"] is False


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("objection", "helped", "9", "yes"), "there is no objection #9"),
        (("objection", "helped", "abc", "yes"), "'abc' is not an objection number"),
        (("objection", "helped", "1", "maybe"), "'maybe' is not yes or no"),
        (("objection", "helped", "1", "yes", "--note", "x" * 501), "--note: longer than 500"),
    ],
)
def test_bad_outcomes_are_one_line(valued, args, message) -> None:
    valued("objection", "add", "--kind", "why-change")
    result = valued(*args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    data = json.loads(valued("objection", "list", "--json").stdout)[0]
    assert data["outcome_date"] is None  # nothing saved


def test_the_outcome_log_is_append_only(valued, settings) -> None:
    from launchtui.services.workspace import Workspace

    valued("objection", "add", "--kind", "why-change")
    valued("objection", "helped", "1", "yes")
    ws = Workspace(settings)
    try:
        for sql in ("UPDATE objection_outcomes SET helped = 0", "DELETE FROM objection_outcomes"):
            with pytest.raises(Exception, match="objection_outcomes is append-only"):
                ws.store.db.execute(sql)
        assert ws.store.db.execute("SELECT count(*) FROM objection_outcomes").fetchone()[0] == 1
    finally:
        ws.close()


# -- the rollout report: objections by kind and phase, what each phase returned ----------


def _small_team(cli_run):
    assert (
        cli_run(
            "init", "--tool", "CRM", "--launch-date", "2026-10-01", "--template", "small-team"
        ).exit_code
        == 0
    )
    for args in (
        ("--kind", "no-time", "--phase", "1", "--helped"),
        ("--kind", "no-time", "--phase", "1", "--did-not-help"),
        ("--kind", "no-time", "--phase", "2"),
        ("--kind", "why-change", "--phase", "2", "--helped"),
    ):
        assert cli_run("objection", "add", *args).exit_code == 0
    assert cli_run("objection", "helped", "3", "yes").exit_code == 0  # said later
    return cli_run


def test_the_report_counts_objections_by_kind_and_phase(cli_run) -> None:
    run = _small_team(cli_run)
    md = run("export", "retro", "--format", "md").stdout
    assert "### Resistance heard\n\n4 objections heard; the response helped 3, did not" in md
    table = md.split("### Resistance heard")[1].split("###")[0]
    rows = [line for line in table.splitlines() if line.startswith("|")]
    assert [c.strip() for c in rows[0].strip("|").split("|")] == [
        "Objection",
        "Phase 1",
        "Phase 2",
        "All",
    ]
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows[2:]]
    assert cells == [
        ["no time to learn", "2", "1", "3"],
        ["why change", "0", "1", "1"],
        ["All", "2", "2", "4"],
    ]
    data = json.loads(run("export", "retro", "--format", "json").stdout)["report"]
    assert data["objections"][0] == {
        "kind": "no-time",
        "phase": 1,
        "heard": 2,
        "helped": 1,
        "did_not_help": 1,
        "not_known": 0,
    }
    assert [(r["phase"], r["kind"], r["helped"]) for r in data["objections"][1:]] == [
        (2, "no-time", 1),
        (2, "why-change", 1),
    ]
    assert data["returned"] is None  # no figures or costs: nothing to cite
    assert "What each phase returned" not in md
    nl = run("--lang", "nl", "export", "retro", "--format", "md").stdout
    assert "### Gehoorde weerstand\n\n4 bezwaren gehoord; het antwoord hielp 3," in nl
    assert "| Bezwaar               | Fase 1 | Fase 2 | Alle |" in nl
    assert "| geen tijd om te leren |      2 |      1 |    3 |" in nl


def test_a_report_without_objections_says_so(cli_run) -> None:
    cli_run("init", "--tool", "CRM", "--launch-date", "2026-10-01")
    md = cli_run("export", "retro", "--format", "md").stdout
    assert "### Resistance heard\n\nNo objections were logged.\n" in md
    assert (
        json.loads(cli_run("export", "retro", "--format", "json").stdout)["report"]["objections"]
        == []
    )


def test_the_report_cites_what_each_phase_returned_as_roi_does(valued) -> None:
    """One evaluator: the report's returns are `roi --json`'s, figure for figure."""
    roi = json.loads(valued("roi", "--json").stdout)
    data = json.loads(valued("export", "retro", "--format", "json").stdout)["report"]
    assert data["returned"]["phases"] == roi["phases"]
    assert data["returned"]["total"] == roi["total"]
    md = valued("export", "retro", "--format", "md").stdout
    section = md.split("### What each phase returned")[1].split("## Retrospective")[0]
    assert "#### What phase 1 returned" in section and "#### The rollout in total" in section
    for line in valued("roi").stdout.splitlines():
        if line.startswith("  "):
            assert line.strip().replace(">", "\\>") in section, line
    nl = valued("--lang", "nl", "export", "retro", "--format", "md").stdout
    assert "SRD 43.333,33" in nl


def test_known_measures_in_an_error_are_shown_as_text(valued, settings) -> None:
    """A stored measure name never reaches the terminal as an escape sequence (click
    strips them only when the output is no terminal, so this asks the service itself)."""
    from launchtui.services.workspace import UserError, Workspace

    assert valued("measure", "add", "rep\x1b[31mort", "--unit", "min/week").exit_code == 0
    ws = Workspace(settings)
    try:
        with pytest.raises(UserError) as refused:
            ValueService(ws).measure("nosuch")
    finally:
        ws.close()
    assert "\x1b" not in str(refused.value) and "unknown measure 'nosuch'" in str(refused.value)


def test_the_review_reads_each_survey_figure_as_the_gate_does(valued) -> None:
    """A newer row with only active use leaves the last survey standing, in the review as on
    the gate: each figure is its own latest, not the latest row's."""
    for args in (
        (
            "--active",
            "40",
            "--satisfaction",
            "7.8",
            "--nps",
            "20",
            "--training",
            "60",
            "--date",
            "2026-11-01",
        ),
        ("--active", "85", "--date", "2026-11-05"),
    ):
        assert valued("metrics", "record", "--phase", "1", *args).exit_code == 0
    review = valued("review", "month1").output
    assert "phase 1: satisfaction 7.8/10, NPS +20 (1 Nov)" in review
    assert "phase 1: 60% completed training; 40% still to train" in review


# -- dates in sentences: '7 Nov' as every other line says it; --json keeps ISO -----------


def test_figures_costs_and_objections_name_days_as_every_other_line(valued) -> None:
    said = valued("baseline", "add", "weekly report", "45", "--date", "2025-12-30").stdout
    assert said == "Baseline of weekly report for phase 1 on 30 Dec 2025: 45\n"
    said = valued("impact", "add", "weekly report", "28", "--date", "2026-11-05").stdout
    assert said == "Impact of weekly report for phase 1 on 5 Nov: 28\n"
    assert valued("impact", "list").stdout.splitlines() == [
        "30 Dec 2025   1  Baseline          45  weekly report",
        "20 Sep        1  Baseline          50  weekly report",
        "1 Nov         1  Impact            30  weekly report",
        "5 Nov         1  Impact            28  weekly report",
    ]
    assert (
        valued("--lang", "nl", "impact", "list")
        .stdout.splitlines()[0]
        .startswith("30 dec 2025   1  ")
    )
    figures = json.loads(valued("impact", "list", "--json").stdout)
    assert [f["date"] for f in figures] == ["2025-12-30", "2026-09-20", "2026-11-01", "2026-11-05"]

    said = valued(
        "cost", "add", "old licence", "--amount", "5", "--currency", "SRD", "--date", "2025-12-01"
    ).stdout
    assert said.startswith("Cost #3 saved: old licence: SRD 5.00 (from 1 Dec 2025, shared)")
    costs = valued("cost", "list").stdout.splitlines()
    assert costs[0] == "#3  old licence: SRD 5.00 (from 1 Dec 2025, shared)"
    assert costs[1].endswith("(from 1 Oct, phase 1)")
    assert json.loads(valued("cost", "list", "--json").stdout)[0]["date"] == "2025-12-01"

    assert valued("objection", "add", "--kind", "no-time", "--location", "Nickerie").exit_code == 0
    assert valued("objection", "helped", "1", "yes", "--note", "came").exit_code == 0
    assert valued("objection", "list").stdout.splitlines() == [
        "#1 7 Nov phase 1 · no time to learn · helped · Nickerie",
        "    helped (said on 7 Nov): came",
    ]
    nl = valued("--lang", "nl", "objection", "list").stdout
    assert "#1 7 nov " in nl and "op 7 nov)" in nl
    (data,) = json.loads(valued("objection", "list", "--json").stdout)
    assert (data["date"], data["outcome_date"]) == ("2026-11-07", "2026-11-07")
