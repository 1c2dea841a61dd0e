"""The gate's output, pinned: `status --json`, `status`, `gate show` and `gate show --json`
for a set of rollouts, byte for byte, in English and Dutch.

Why: the gate's rules were rewritten as a table of criteria (issue 15); its verdicts,
sentences and JSON must not move by a byte. The expected texts live in
tests/cli/golden/gate_<scenario>.txt; write them anew only for an intended change, with
`LAUNCHTUI_WRITE_GOLDEN=1 pytest tests/cli/test_gate_characterisation.py`, and say why.

Launch 2026-11-03, phased: pilot from 3 Nov, core team from 17 Nov, everyone else from
1 Dec, decommission 15-28 Dec. Clock times of records are real, so they are masked.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .conftest import Run, ok

GOLDEN = Path(__file__).parent / "golden"
SWITCH_OFF = "post-rollout/old-system-switched-off"
CLOCK = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?|\b\d\d:\d\d\b")


@pytest.fixture(autouse=True)
def _login(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same login on every machine: it shows beside each name."""
    monkeypatch.setenv("LOGNAME", "coord")
    monkeypatch.setenv("USER", "coord")


def fig(run: Run, today: str, phase: int, *figures: str) -> None:
    ok(run("metrics", "record", "--phase", str(phase), *figures, today=today))


def decide(run: Run, today: str, phase: int, kind: str) -> None:
    ok(run("phases", "decide", str(phase), kind, "--reason", f"{kind} for {phase}", today=today))


def no_figures(run: Run) -> str:
    return "2026-11-07"


def before_launch(run: Run) -> str:
    return "2026-11-01"


def old_figures(run: Run) -> str:
    fig(run, "2026-11-04", 1, "--active", "60", "--satisfaction", "7", "--nps", "3")
    fig(run, "2026-11-04", 1, "--active", "61", "--tickets", "9", "--training", "40")
    return "2026-11-25"


def on_track(run: Run) -> str:
    fig(run, "2026-11-05", 1, "--active", "55", "--tickets", "12", "--training", "70")
    fig(run, "2026-11-10", 1, "--active", "71.25", "--satisfaction", "8", "--nps", "5")
    fig(run, "2026-11-12", 1, "--active", "72", "--tickets", "12", "--training", "85")
    return "2026-11-12"


def tickets_up(run: Run) -> str:
    fig(run, "2026-11-05", 1, "--active", "85", "--tickets", "4", "--satisfaction", "6.5")
    fig(run, "2026-11-09", 1, "--active", "83", "--tickets", "9", "--nps", "-3")
    return "2026-11-10"


def missed(run: Run) -> str:
    fig(run, "2026-11-10", 1, "--active", "50", "--satisfaction", "5", "--nps", "-20")
    decide(run, "2026-11-17", 2, "go")
    fig(run, "2026-11-20", 2, "--active", "40")
    return "2026-12-05"


def held_phase(run: Run) -> str:
    fig(run, "2026-11-10", 1, "--active", "90", "--satisfaction", "8", "--nps", "10")
    decide(run, "2026-11-16", 2, "hold")
    return "2026-11-18"


def decommission(run: Run) -> str:
    fig(run, "2026-11-10", 1, "--active", "90", "--satisfaction", "8", "--nps", "10")
    decide(run, "2026-11-16", 2, "go")
    fig(run, "2026-11-25", 2, "--active", "85", "--satisfaction", "7.5", "--nps", "2")
    decide(run, "2026-11-30", 3, "go")
    fig(run, "2026-12-08", 3, "--active", "82", "--satisfaction", "7", "--nps", "1")
    decide(run, "2026-12-14", 4, "go")
    fig(run, "2026-12-18", 4, "--active", "78", "--old-system", "25", "--tickets", "3")
    return "2026-12-20"


def complete(run: Run) -> str:
    decommission(run)
    fig(run, "2026-12-27", 4, "--active", "92", "--old-system", "5", "--tickets", "2")
    ok(run("tick", SWITCH_OFF, today="2026-12-29"))
    return "2026-12-30"


def hold_override(run: Run) -> str:
    on_track(run)
    ok(run("gate", "hold", "--reason", "vendor patch pending", today="2026-11-12"))
    return "2026-11-12"


def go_override(run: Run) -> str:
    fig(run, "2026-11-10", 1, "--active", "40", "--satisfaction", "5", "--nps", "-5")
    ok(run("gate", "go", "--reason", "board says go", today="2026-11-11"))
    return "2026-11-12"


def go_override_under_critical(run: Run) -> str:
    go_override(run)
    ok(run("issue", "add", "--title", "Data loss on save", "--severity", "critical"))
    ok(run("issue", "add", "--title", "Slow login", "--severity", "major"))
    return "2026-11-12"


def major_issue(run: Run) -> str:
    on_track(run)
    for title in ("SSO fails", "Export broken"):
        ok(run("issue", "add", "--title", title, "--severity", "major", today="2026-11-08"))
    return "2026-11-12"


SCENARIOS = [
    no_figures,
    before_launch,
    old_figures,
    on_track,
    tickets_up,
    missed,
    held_phase,
    decommission,
    complete,
    hold_override,
    go_override,
    go_override_under_critical,
    major_issue,
]


def capture(run: Run, today: str) -> str:
    parts = []
    for lang in ("en", "nl"):
        for args in (
            ("status", "--json"),
            ("status",),
            ("gate", "show"),
            ("gate", "show", "--json"),
        ):
            result = run("--lang", lang, *args, today=today)
            assert "Traceback" not in result.output
            parts.append(f"== {lang} {' '.join(args)} (exit {result.exit_code})\n{result.stdout}")
    return CLOCK.sub("<clock>", "".join(parts))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_the_gate_reads_as_it_did(run: Run, scenario):
    today = scenario(run)
    text = capture(run, today)
    path = GOLDEN / f"gate_{scenario.__name__}.txt"
    if os.environ.get("LAUNCHTUI_WRITE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
