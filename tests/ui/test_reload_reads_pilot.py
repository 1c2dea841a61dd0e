"""Each reload of the app counts the unresolved issues once: the panel's counts and the
gate beside it come from that one read, so they cannot disagree."""

from __future__ import annotations

from launchtui.services.issues import IssueService
from launchtui.services.workspace import Workspace
from launchtui.tui.app import LaunchApp
from launchtui.tui.messages import DataChanged

from .conftest import ui_settings


def test_a_reload_counts_each_severity_once_for_the_panel_and_the_gate(demo_db):
    ws = Workspace(ui_settings(demo_db, "rob"))
    try:
        issues = IssueService(ws)
        issues.add("Search is slow", "major")
        issues.add("Export drops a column", "major")
        expected = ws.store.issues.open_counts()
    finally:
        ws.close()
    app = LaunchApp(ui_settings(demo_db), poll=False)
    try:
        said: list[str] = []
        app.browser.store.db.conn.set_trace_callback(said.append)
        loaded = app._load(app.browser, force=True)
        app.browser.store.db.conn.set_trace_callback(None)
    finally:
        app.browser.close()
    assert isinstance(loaded, DataChanged)
    counts = [s for s in said if s.startswith("SELECT count(*) FROM issues WHERE severity")]
    assert len(counts) == len(expected), counts  # one per severity, not again for the gate
    assert loaded.open_issues == expected and expected["major"] == 2
    assert loaded.gate.state == "pause"
    assert '"Search is slow" (+1 more major)' in loaded.gate.sentence  # 2 counted, as shown
