"""The issues tab: the table, its filters and sort, and the keys that triage an issue."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import Worker, get_current_worker

from launchtui.domain.issues import SEVERITIES, STATUSES, Issue
from launchtui.services.issues import SORTS, IssueService
from launchtui.text.i18n import n_, t
from launchtui.text.present import fold, severity_word, status_word
from launchtui.tui.messages import Written
from launchtui.tui.requests.issues import IssueAddRequested, IssueChangeRequested
from launchtui.tui.widgets.issue_table import IssueTable, header_line
from launchtui.tui.widgets.row_list import next_option
from launchtui.tui.widgets.translated import N_

STATUS_FILTERS = (None, "unresolved", *STATUSES)
SEVERITY_FILTERS = (None, *reversed(SEVERITIES))
TIER_FILTERS = (None, 1, 2, 3, 4)
FILTER_DEBOUNCE = 0.15  # seconds of quiet typing before the log is read again


def _status_filter_word(status: str) -> str:
    return t("unresolved") if status == "unresolved" else status_word(status)


def _sort_word(sort: str) -> str:
    words = {
        "triage": t("triage"),
        "newest": t("newest"),
        "severity": t("severity"),
        "tier": t("tier"),
        "status": t("status"),
        "title": t("title"),
        "number": t("number"),
    }
    return words.get(sort, sort)


class IssuesPane(Vertical):
    BINDINGS = [
        Binding("n", "new", N_("New"), tooltip=N_("Log a new issue"), id="issues_pane.new"),
        Binding(
            "enter",
            "open",
            N_("Open"),
            tooltip=N_("Open the highlighted issue"),
            id="issues_pane.open",
        ),
        Binding(
            "plus",
            "escalate",
            N_("Escalate"),
            key_display="+",
            tooltip=N_("Escalate the highlighted issue a tier"),
            id="issues_pane.escalate",
        ),
        Binding(
            "w",
            "workaround",
            N_("Workaround"),
            tooltip=N_("Record a workaround"),
            id="issues_pane.workaround",
        ),
        Binding(
            "x",
            "resolve",
            N_("Resolve/reopen"),
            tooltip=N_("Resolve or reopen the highlighted issue"),
            id="issues_pane.resolve",
        ),
        Binding(
            "m",
            "comment",
            N_("Comment"),
            show=False,
            tooltip=N_("Comment on the highlighted issue"),
            id="issues_pane.comment",
        ),
        Binding(
            "e",
            "export",
            N_("Export"),
            tooltip=N_("Export the issues shown"),
            id="issues_pane.export",
        ),
        Binding(
            "slash",
            "filter",
            N_("Filter"),
            key_display="/",
            tooltip=N_("Filter the issues by text"),
            id="issues_pane.filter",
        ),
        Binding(
            "f",
            "cycle_status",
            N_("Status"),
            show=False,
            tooltip=N_("Filter the issues by status"),
            id="issues_pane.cycle_status",
        ),
        Binding(
            "v",
            "cycle_severity",
            N_("Severity"),
            show=False,
            tooltip=N_("Filter the issues by severity"),
            id="issues_pane.cycle_severity",
        ),
        Binding(
            "t",
            "cycle_tier",
            N_("Tier"),
            show=False,
            tooltip=N_("Filter the issues by tier"),
            id="issues_pane.cycle_tier",
        ),
        Binding(
            "o",
            "cycle_sort",
            N_("Sort"),
            show=False,
            tooltip=N_("Change the order of the issues"),
            id="issues_pane.cycle_sort",
        ),
        Binding(
            "escape", "clear_filter", N_("Clear filters"), show=False, id="issues_pane.clear_filter"
        ),
    ]

    # The filters: each change reads the log again, off the UI thread (`_count`).
    status_filter: var[str | None] = var("unresolved", init=False)
    severity_filter: var[str | None] = var(None, init=False)
    tier_filter: var[int | None] = var(None, init=False)
    sort: var[str] = var("triage", init=False)
    text: var[str] = var("", init=False)

    def __init__(self, service: IssueService, search: IssueService | None = None, **kwargs) -> None:
        """`service` reads on the UI thread (one indexed page at a time); `search`, on a
        connection of its own, counts a filter's matches in a worker (a scan of the
        whole log with a text filter): typing stays instant."""
        super().__init__(**kwargs)
        self.service = service
        self.search = search or service
        self._search_lock = threading.Lock()  # one count at a time on its connection
        self.total: int | None = None  # None: not shown yet
        self.now = dt.datetime.now(dt.UTC)

    def compose(self) -> ComposeResult:
        yield Static(id="issue-filters")
        yield Static(Content(header_line()), id="issue-header")
        yield IssueTable(id="issue-table")
        yield Input(placeholder=t("filter issues by text"), id="issue-filter")

    def retranslate(self) -> None:
        """Column titles, the filter line and the placeholder in the language now chosen."""
        self.query_one("#issue-header", Static).update(Content(header_line()))
        self.query_one("#issue-filter", Input).placeholder = t("filter issues by text")
        if self.total is not None:
            self._describe(self.total)

    @property
    def table(self) -> IssueTable:
        return self.query_one(IssueTable)

    def focus_list(self) -> None:
        self.table.focus()

    def on_written(self, message: Written) -> None:
        """An issue logged from this tab: the cursor goes to its row once it is loaded."""
        if isinstance(message.request, IssueAddRequested) and isinstance(message.result, Issue):
            self.table.follow(message.result.id)

    def show(self, now: dt.datetime) -> None:
        """Re-read the rows: after a change here or in another session."""
        self.now = now
        self._count(self._query(), 0.0)

    def _query(self) -> dict[str, Any]:
        return {
            "status": self.status_filter,
            "severity": self.severity_filter,
            "tier": self.tier_filter,
            "text": self.text or None,
            "sort": self.sort,
        }

    def _filters_changed(self) -> None:
        """A filter changed: typing waits a moment, so a word is one read, not five."""
        self._count(self._query(), FILTER_DEBOUNCE)

    def watch_status_filter(self) -> None:
        self._filters_changed()

    def watch_severity_filter(self) -> None:
        self._filters_changed()

    def watch_tier_filter(self) -> None:
        self._filters_changed()

    def watch_sort(self) -> None:
        self._filters_changed()

    def watch_text(self) -> None:
        self._filters_changed()

    @work(thread=True, exclusive=True, group="issue-filter", exit_on_error=False)
    def _count(self, query: dict[str, Any], debounce: float) -> None:
        """How many issues match `query`, counted off the UI thread; a newer filter
        cancels this one (exclusive), and its result is never shown."""
        worker = get_current_worker()
        if debounce and worker.cancelled_event.wait(debounce):
            return
        with self._search_lock:
            if worker.is_cancelled:
                return
            total = self.search.count(**{k: v for k, v in query.items() if k != "sort"})
        if not worker.is_cancelled:
            self.app.call_from_thread(self._counted, query, total, worker)

    def _counted(self, query: dict[str, Any], total: int, worker: Worker) -> None:
        if worker.is_cancelled or query != self._query():
            return  # a newer filter is on its way
        self.table.load(
            total,
            lambda offset, limit: self.service.list(**query, limit=limit, offset=offset),
            self.now,
        )
        self._describe(total)

    def _describe(self, total: int) -> None:
        """One line: how many, and each filter with the key that changes it."""
        self.total = total
        status = self.status_filter
        severity = self.severity_filter
        tier = self.tier_filter
        parts = [
            n_(total, "{count} issue", "{count} issues", count=f"{total:,}"),
            "f:" + (_status_filter_word(status) if status else t("any status")),
            "v:" + (severity_word(severity) if severity else t("any severity")),
            "t:" + (t("tier {n}", n=tier) if tier else t("any tier")),
            "o:" + _sort_word(self.sort),
        ]
        if self.text:
            parts.append(f'/"{self.text}"')
        self.query_one("#issue-filters", Static).update(Content(fold(" · ".join(parts))))

    # -- filters and sort --------------------------------------------------------

    def action_cycle_status(self) -> None:
        self.status_filter = next_option(STATUS_FILTERS, self.status_filter)

    def action_cycle_severity(self) -> None:
        self.severity_filter = next_option(SEVERITY_FILTERS, self.severity_filter)

    def action_cycle_tier(self) -> None:
        self.tier_filter = next_option(TIER_FILTERS, self.tier_filter)

    def action_cycle_sort(self) -> None:
        self.sort = next_option(tuple(SORTS), self.sort)  # the store's orders, as it lists them

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
        self.table.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.text = event.value.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()
        if not event.value:
            event.input.remove_class("-shown")

    # -- acting on an issue ------------------------------------------------------

    def action_new(self) -> None:
        from launchtui.tui.screens.issue_form import IssueForm

        self.app.push_screen(IssueForm(origin=self))

    def action_open(self) -> None:
        issue = self.table.highlighted
        if issue is not None:
            from launchtui.tui.screens.issue_detail import IssueDetail

            self.app.push_screen(IssueDetail(issue.id))

    def on_issue_table_open_requested(self, message: IssueTable.OpenRequested) -> None:
        self.action_open()

    def action_comment(self) -> None:
        """A comment on the highlighted issue's timeline (`issue comment`)."""
        issue = self.table.highlighted
        if issue is None:
            self.notify(t("Move to an issue first"), severity="warning")
            return
        from launchtui.tui.screens.issue_detail import ask_comment

        ask_comment(self.app, issue.id)

    def action_escalate(self) -> None:
        issue = self.table.highlighted
        if issue is not None:
            escalate(self, issue.id)

    def action_workaround(self) -> None:
        issue = self.table.highlighted
        if issue is not None:
            ask_workaround(self, issue.id)

    def action_resolve(self) -> None:
        issue = self.table.highlighted
        if issue is not None:
            resolve_or_reopen(self, issue.id, issue.is_open)

    def action_export(self) -> None:
        from launchtui.tui.screens.export_dialog import ExportDialog

        query = self._query()
        query.pop("sort")
        total = self.service.count(**query)  # now, not the count of a filter still typed
        self.app.push_screen(ExportDialog(filters=query, count=total))


# The triage actions, shared with the issue detail screen: each asks what it needs and
# posts the request from `widget`; the app does it.


def escalate(widget: Widget, issue_id: int) -> None:
    """Ask first: an escalation moves the issue to the next tier's people (the vendor
    at tier 4) and is not taken back."""
    from launchtui.tui.screens.confirm import ConfirmScreen

    def confirmed(yes: bool | None) -> None:
        if yes:
            widget.post_message(IssueChangeRequested(issue_id=issue_id, change="escalate"))

    question = t("Escalate #{id} to the next support tier?", id=issue_id)
    widget.app.push_screen(ConfirmScreen(question), confirmed)


def ask_workaround(widget: Widget, issue_id: int) -> None:
    from launchtui.tui.screens.text_prompt import TextPrompt

    def save(text: str | None) -> None:
        if text:
            widget.post_message(
                IssueChangeRequested(issue_id=issue_id, change="workaround", text=text)
            )

    title = t("Workaround for #{id}", id=issue_id)
    widget.app.push_screen(TextPrompt(title, t("how people get around it")), save)


def resolve_or_reopen(widget: Widget, issue_id: int, is_open: bool) -> None:
    if not is_open:
        widget.post_message(IssueChangeRequested(issue_id=issue_id, change="reopen"))
        return
    from launchtui.tui.screens.text_prompt import TextPrompt

    def save(text: str | None) -> None:
        widget.post_message(IssueChangeRequested(issue_id=issue_id, change="resolve", text=text))

    title = t("Resolve #{id}: how was it fixed? (enter to skip)", id=issue_id)
    widget.app.push_screen(TextPrompt(title, t("resolution")), save)
