"""One issue in full, with its timeline of who changed what and when."""

from __future__ import annotations

from textual.binding import Binding

from launchtui.domain.issues import Issue, event_summary
from launchtui.services.issues import IssueService
from launchtui.text.i18n import t
from launchtui.text.present import field_line, severity_label, status_word
from launchtui.text.safe import clean, one_line
from launchtui.text.times import local_time
from launchtui.tui.screens.detail import DetailScreen
from launchtui.tui.widgets.translated import N_, severity_meaning, tier_name


def describe(issue: Issue) -> str:
    """The issue as plain text: every field, then the timeline."""
    lines = [
        f"#{issue.id}  {one_line(issue.title)}",
        "",
        field_line(
            t("severity"), f"{severity_label(issue.severity)} — {severity_meaning(issue.severity)}"
        ),
        field_line(t("tier"), f"{issue.tier} ({tier_name(issue.tier)})"),
        field_line(t("status"), status_word(issue.status)),
        field_line(
            t("reported"), f"{one_line(issue.reporter.label())} · {local_time(issue.created_at)}"
        ),
    ]
    if issue.phase or issue.window:
        where = t("phase {n}", n=issue.phase or "-")
        lines.append(field_line(t("logged in"), f"{where} · {issue.window or '-'}"))
    if issue.location:
        lines.append(field_line(t("location"), one_line(issue.location)))
    if issue.assignee:
        lines.append(field_line(t("assignee"), one_line(issue.assignee)))
    headings = {
        "detail": t("detail:"),
        "workaround": t("workaround:"),
        "resolution": t("resolution:"),
    }
    for name, heading in headings.items():
        text = getattr(issue, name)
        if text:
            lines += ["", heading, *("  " + line for line in clean(text).splitlines())]
    lines += ["", t("timeline:")]
    for event in issue.timeline:
        lines.append(
            f"  {local_time(event.at)}  {one_line(event.actor.label())}: "
            f"{one_line(event_summary(event))}"
        )
    return "\n".join(lines)


class IssueDetail(DetailScreen):
    BINDINGS = [
        Binding("escape,q", "close", N_("Close"), id="issue_detail.close"),
        Binding("plus", "escalate", N_("Escalate"), key_display="+", id="issue_detail.escalate"),
        Binding("w", "workaround", N_("Workaround"), id="issue_detail.workaround"),
        Binding("x", "resolve", N_("Resolve/reopen"), id="issue_detail.resolve"),
        Binding("e", "edit", N_("Edit"), id="issue_detail.edit"),
        Binding("n", "comment", N_("Comment"), id="issue_detail.comment"),
        Binding("N", "note", N_("Retro note"), key_display="N", id="issue_detail.note"),
    ]
    TEXT_IDS = ("issue-text",)

    def __init__(self, issue_id: int) -> None:
        super().__init__()
        self.issue_id = issue_id
        self.issue: Issue | None = None

    def read(self) -> None:
        self.issue = IssueService(self.app.browser).get(self.issue_id)  # type: ignore[attr-defined]

    def draw(self) -> None:
        if self.issue is not None:
            self.show("issue-text", describe(self.issue))

    def action_escalate(self) -> None:
        from launchtui.tui.widgets.issues_pane import escalate

        escalate(self, self.issue_id)

    def action_workaround(self) -> None:
        from launchtui.tui.widgets.issues_pane import ask_workaround

        ask_workaround(self, self.issue_id)

    def action_resolve(self) -> None:
        from launchtui.tui.widgets.issues_pane import resolve_or_reopen

        if self.issue is not None:
            resolve_or_reopen(self, self.issue_id, self.issue.is_open)

    def action_edit(self) -> None:
        from launchtui.tui.screens.issue_form import IssueForm

        if self.issue is not None:
            self.app.push_screen(IssueForm(self.issue))

    def action_comment(self) -> None:
        """A comment on this issue's timeline, as `issue comment` adds."""
        ask_comment(self.app, self.issue_id)

    def action_note(self) -> None:
        """A retrospective note that points at this issue (lessons come from incidents)."""
        from launchtui.tui.screens.note_form import NoteForm

        self.app.push_screen(NoteForm(issue_id=self.issue_id))


def ask_comment(app, issue_id: int) -> None:
    """The comment form for issue `issue_id`; the service's refusal shows in it."""
    from launchtui.tui.requests.issues import IssueCommentRequested
    from launchtui.tui.screens.form import Field, FormScreen

    def make(values: dict[str, str]) -> IssueCommentRequested:
        return IssueCommentRequested(issue_id=issue_id, text=values["text"])

    fields = [Field("text", N_("comment"), placeholder=N_("what was tried, who was called"))]
    app.push_screen(
        FormScreen(N_("Comment on the issue"), fields, make, note=lambda: f"#{issue_id}")
    )
