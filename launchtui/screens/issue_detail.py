"""One issue in full, with its timeline of who changed what and when."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from launchtui.domain.issues import Issue, event_summary
from launchtui.issue_desk import IssueDesk
from launchtui.present import fold, severity_label
from launchtui.safe_text import clean, one_line
from launchtui.workspace import UserError


def describe(issue: Issue) -> str:
    """The issue as plain text: every field, then the timeline."""
    lines = [
        f"#{issue.id}  {one_line(issue.title)}",
        "",
        f"severity   {severity_label(issue.severity)} — {issue.meaning}",
        f"tier       {issue.tier} ({issue.tier_name})",
        f"status     {issue.status}",
        f"reported   {one_line(issue.reporter.label())} · {_when(issue.created_at)}",
    ]
    if issue.phase or issue.window:
        lines.append(f"logged in  phase {issue.phase or '-'} · {issue.window or '-'}")
    if issue.location:
        lines.append(f"location   {one_line(issue.location)}")
    if issue.assignee:
        lines.append(f"assignee   {one_line(issue.assignee)}")
    for name in ("detail", "workaround", "resolution"):
        text = getattr(issue, name)
        if text:
            lines += ["", f"{name}:", *("  " + line for line in clean(text).splitlines())]
    lines += ["", "timeline:"]
    for event in issue.timeline:
        lines.append(
            f"  {_when(event.at)}  {one_line(event.actor.label())}: "
            f"{one_line(event_summary(event))}"
        )
    return "\n".join(lines)


def _when(moment) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


class IssueDetail(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("plus", "escalate", "Escalate", key_display="+"),
        Binding("w", "workaround", "Workaround"),
        Binding("x", "resolve", "Resolve/reopen"),
        Binding("e", "edit", "Edit"),
    ]

    def __init__(self, issue_id: int) -> None:
        super().__init__()
        self.issue_id = issue_id
        self.issue: Issue | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="issue-detail"):
            yield Static(id="issue-text")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        try:
            self.issue = IssueDesk(self.app.browser).get(self.issue_id)
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.dismiss(None)
            return
        self.query_one("#issue-text", Static).update(Content(fold(describe(self.issue))))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_escalate(self) -> None:
        from launchtui.widgets.issues_pane import escalate

        escalate(self.app, self.issue_id)

    def action_workaround(self) -> None:
        from launchtui.widgets.issues_pane import ask_workaround

        ask_workaround(self.app, self.issue_id)

    def action_resolve(self) -> None:
        from launchtui.widgets.issues_pane import resolve_or_reopen

        if self.issue is not None:
            resolve_or_reopen(self.app, self.issue_id, self.issue.is_open)

    def action_edit(self) -> None:
        from launchtui.screens.issue_form import IssueForm

        if self.issue is not None:
            self.app.push_screen(IssueForm(self.issue))
