"""Log a new issue, or edit one: checked as you type, saved with ctrl+s."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.validation import Function
from textual.widgets import Button, Input, Label, Select, TextArea

from launchtui.domain.issues import MAX_TITLE, SEVERITIES, SEVERITY_MEANINGS, TIERS, Issue
from launchtui.issue_desk import IssueDesk
from launchtui.workspace import Workspace


def _title_ok(value: str) -> bool:
    return 0 < len(value.strip()) <= MAX_TITLE


class IssueForm(ModalScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, issue: Issue | None = None) -> None:
        super().__init__()
        self.issue = issue

    def compose(self) -> ComposeResult:
        issue = self.issue
        with VerticalScroll(id="dialog", classes="form"):
            heading = f"Edit issue #{issue.id}" if issue else "Log an issue"
            yield Label(heading, classes="form-title")
            yield Label("Title")
            yield Input(
                value=issue.title if issue else "",
                placeholder="what goes wrong, in a line",
                max_length=MAX_TITLE,
                validators=[Function(_title_ok, "the title must not be empty")],
                id="title",
                compact=True,
            )
            with Horizontal(classes="form-row"):
                yield Select(
                    [(s, s) for s in reversed(SEVERITIES)],
                    value=issue.severity if issue else "minor",
                    allow_blank=False,
                    id="severity",
                    compact=True,
                )
                if issue is None:
                    yield Select(
                        [(f"tier {n}: {name}", n) for n, name in TIERS.items()],
                        value=1,
                        allow_blank=False,
                        id="tier",
                        compact=True,
                    )
            yield Label("", id="meaning")
            yield Label("Detail")
            yield TextArea(issue.detail or "" if issue else "", id="detail", compact=True)
            with Horizontal(classes="form-row"):
                yield Input(
                    value=(issue.location or "") if issue else "",
                    placeholder="location",
                    id="location",
                    compact=True,
                )
                yield Input(
                    value=(issue.assignee or "") if issue else "",
                    placeholder="assignee",
                    id="assignee",
                    compact=True,
                )
            yield Label("", id="form-error")
            with Horizontal(classes="form-row"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show_meaning()
        self.query_one("#title", Input).focus()

    @on(Select.Changed, "#severity")
    def _show_meaning(self) -> None:
        severity = str(self.query_one("#severity", Select).value)
        meaning = SEVERITY_MEANINGS.get(severity, "")
        self.query_one("#meaning", Label).update(Content(f"{severity}: {meaning}"))

    @on(Input.Changed, "#title")
    def _check_title(self, event: Input.Changed) -> None:
        ok = event.validation_result is None or event.validation_result.is_valid
        self.query_one("#form-error", Label).update("" if ok else "The title must not be empty.")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        title = self.query_one("#title", Input).value
        if not _title_ok(title):
            self.query_one("#form-error", Label).update("The title must not be empty.")
            self.query_one("#title", Input).focus()
            return
        fields = {
            "title": title,
            "severity": str(self.query_one("#severity", Select).value),
            "detail": self.query_one("#detail", TextArea).text,
            "location": self.query_one("#location", Input).value,
            "assignee": self.query_one("#assignee", Input).value,
        }
        issue = self.issue
        if issue is None:
            tier = int(self.query_one("#tier", Select).value)  # type: ignore[arg-type]

            def change(ws: Workspace) -> str:
                new = IssueDesk(ws).add(tier=tier, **fields)
                return f"Issue #{new.id} logged ({new.severity})"

        else:

            def change(ws: Workspace) -> str:
                IssueDesk(ws).edit(issue.id, **fields)
                return f"Issue #{issue.id} saved"

        self.app.write(change)
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
