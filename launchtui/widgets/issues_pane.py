"""The issues tab: the table, its filters and sort, and the keys that triage an issue."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from launchtui.domain.issues import SEVERITIES, STATUSES
from launchtui.issue_desk import IssueDesk
from launchtui.present import fold
from launchtui.widgets.issue_table import IssueTable, header_line
from launchtui.workspace import Workspace

STATUS_FILTERS = (None, "unresolved", *STATUSES)
SEVERITY_FILTERS = (None, *reversed(SEVERITIES))
TIER_FILTERS = (None, 1, 2, 3, 4)
SORTS = ("triage", "newest", "severity", "tier", "status", "title", "number")


def _next(options: tuple, current):
    return options[(options.index(current) + 1) % len(options)]


class IssuesPane(Vertical):
    BINDINGS = [
        Binding("n", "new", "New"),
        Binding("enter", "open", "Open"),
        Binding("plus", "escalate", "Escalate", key_display="+"),
        Binding("w", "workaround", "Workaround"),
        Binding("x", "resolve", "Resolve/reopen"),
        Binding("e", "export", "Export"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("f", "cycle_status", "Status", show=False),
        Binding("v", "cycle_severity", "Severity", show=False),
        Binding("t", "cycle_tier", "Tier", show=False),
        Binding("o", "cycle_sort", "Sort", show=False),
        Binding("escape", "clear_filter", "Clear filters", show=False),
    ]

    def __init__(self, desk: IssueDesk, **kwargs) -> None:
        super().__init__(**kwargs)
        self.desk = desk  # reads on the UI thread: one indexed page at a time
        self.status_filter: str | None = "unresolved"
        self.severity_filter: str | None = None
        self.tier_filter: int | None = None
        self.sort = "triage"
        self.text = ""
        self.now = dt.datetime.now(dt.UTC)

    def compose(self) -> ComposeResult:
        yield Static(id="issue-filters")
        yield Static(Content(header_line()), id="issue-header")
        yield IssueTable(id="issue-table")
        yield Input(placeholder="filter issues by text", id="issue-filter")

    @property
    def table(self) -> IssueTable:
        return self.query_one(IssueTable)

    def focus_list(self) -> None:
        self.table.focus()

    def show(self, now: dt.datetime) -> None:
        """Re-read the rows: after a change here or in another session, or a new filter."""
        self.now = now
        query = {
            "status": self.status_filter,
            "severity": self.severity_filter,
            "tier": self.tier_filter,
            "text": self.text or None,
            "sort": self.sort,
        }
        total = self.desk.count(**{k: v for k, v in query.items() if k != "sort"})
        self.table.load(
            total, lambda offset, limit: self.desk.list(**query, limit=limit, offset=offset), now
        )
        self._describe(total)

    def _describe(self, total: int) -> None:
        """One line: how many, and each filter with the key that changes it."""
        parts = [
            f"{total:,} issue" + ("" if total == 1 else "s"),
            f"f:{self.status_filter or 'any status'}",
            f"v:{self.severity_filter or 'any severity'}",
            f"t:{'tier ' + str(self.tier_filter) if self.tier_filter else 'any tier'}",
            f"o:{self.sort}",
        ]
        if self.text:
            parts.append(f'/"{self.text}"')
        self.query_one("#issue-filters", Static).update(Content(fold(" · ".join(parts))))

    # -- filters and sort --------------------------------------------------------

    def action_cycle_status(self) -> None:
        self.status_filter = _next(STATUS_FILTERS, self.status_filter)
        self.show(self.now)

    def action_cycle_severity(self) -> None:
        self.severity_filter = _next(SEVERITY_FILTERS, self.severity_filter)
        self.show(self.now)

    def action_cycle_tier(self) -> None:
        self.tier_filter = _next(TIER_FILTERS, self.tier_filter)
        self.show(self.now)

    def action_cycle_sort(self) -> None:
        self.sort = _next(SORTS, self.sort)
        self.show(self.now)

    def action_filter(self) -> None:
        box = self.query_one("#issue-filter", Input)
        box.add_class("-shown")
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#issue-filter", Input)
        box.value = ""
        box.remove_class("-shown")
        self.status_filter, self.severity_filter, self.tier_filter = "unresolved", None, None
        self.text = ""
        self.show(self.now)
        self.table.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.text = event.value.strip()
        self.show(self.now)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()
        if not event.value:
            event.input.remove_class("-shown")

    # -- acting on an issue ------------------------------------------------------

    def action_new(self) -> None:
        from launchtui.screens.issue_form import IssueForm

        self.app.push_screen(IssueForm())

    def action_open(self) -> None:
        issue = self.table.highlighted
        if issue is not None:
            from launchtui.screens.issue_detail import IssueDetail

            self.app.push_screen(IssueDetail(issue.id))

    def on_issue_table_open_requested(self, message: IssueTable.OpenRequested) -> None:
        self.action_open()

    def action_escalate(self) -> None:
        issue = self.table.highlighted
        if issue is not None:
            escalate(self.app, issue.id)

    def action_workaround(self) -> None:
        issue = self.table.highlighted
        if issue is not None:
            ask_workaround(self.app, issue.id)

    def action_resolve(self) -> None:
        issue = self.table.highlighted
        if issue is not None:
            resolve_or_reopen(self.app, issue.id, issue.is_open)

    def action_export(self) -> None:
        from launchtui.screens.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog())


# The triage actions, shared with the issue detail screen.


def escalate(app, issue_id: int) -> None:
    def change(ws: Workspace) -> str:
        issue = IssueDesk(ws).escalate(issue_id)
        return f"#{issue.id} escalated to tier {issue.tier} ({issue.tier_name})"

    app.write(change)


def ask_workaround(app, issue_id: int) -> None:
    from launchtui.screens.text_prompt import TextPrompt

    def save(text: str | None) -> None:
        if text:
            app.write(
                lambda ws: f"Workaround recorded on #{IssueDesk(ws).workaround(issue_id, text).id}"
            )

    app.push_screen(TextPrompt(f"Workaround for #{issue_id}", "how people get around it"), save)


def resolve_or_reopen(app, issue_id: int, is_open: bool) -> None:
    if not is_open:
        app.write(lambda ws: f"#{IssueDesk(ws).reopen(issue_id).id} reopened")
        return
    from launchtui.screens.text_prompt import TextPrompt

    def save(text: str | None) -> None:
        app.write(lambda ws: f"#{IssueDesk(ws).resolve(issue_id, text).id} resolved")

    app.push_screen(
        TextPrompt(f"Resolve #{issue_id}: how was it fixed? (enter to skip)", "resolution"), save
    )
