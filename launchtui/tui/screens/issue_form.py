"""Log a new issue, or edit one: checked as you type, saved with ctrl+s."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message_pump import MessagePump
from textual.screen import ModalScreen
from textual.validation import Function
from textual.widgets import Button, Input, Label, Select, TextArea

from launchtui.domain.issues import MAX_TITLE, SEVERITIES, TIERS, Issue
from launchtui.text.i18n import t
from launchtui.text.present import severity_word
from launchtui.text.safe import clean
from launchtui.tui.requests.issues import IssueAddRequested, IssueEditRequested
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.translated import (
    N_,
    Said,
    TranslatedBindings,
    severity_meaning,
    tier_name,
)


def _severity_options() -> list[tuple[str, str]]:
    return [(severity_word(s), s) for s in reversed(SEVERITIES)]


def _tier_options() -> list[tuple[str, int]]:
    return [(t("tier {n}: {name}", n=n, name=tier_name(n)), n) for n in TIERS]


def _set_options(select: Select, options: list) -> None:
    """New option labels, the same choice kept."""
    value = select.value
    with select.prevent(Select.Changed):
        select.set_options(options)
        select.value = value


def _title_ok(value: str) -> bool:
    return 0 < len(value.strip()) <= MAX_TITLE


class IssueForm(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="issue_form.save"),
        Binding("escape", "cancel", N_("Cancel"), id="issue_form.cancel"),
    ]

    def __init__(self, issue: Issue | None = None, origin: MessagePump | None = None) -> None:
        """`origin` hears the new issue (a `Written`): the issue tab puts its cursor on it."""
        super().__init__()
        self.issue = issue
        self.origin = origin
        self._error_shown = False

    def compose(self) -> ComposeResult:
        issue = self.issue
        with VerticalScroll(id="dialog", classes="form"):
            yield Said(self._heading, classes="form-title")
            yield Said(lambda: t("Title"))
            yield Input(
                value=clean(issue.title) if issue else "",
                placeholder=t("what goes wrong, in a line"),
                max_length=MAX_TITLE,
                validators=[Function(_title_ok, t("the title must not be empty"))],
                id="title",
                compact=True,
            )
            with Horizontal(classes="form-row"):
                yield Select(
                    _severity_options(),
                    value=issue.severity if issue else "minor",
                    allow_blank=False,
                    id="severity",
                    compact=True,
                )
                yield Select(  # on an edit: corrects a tier logged wrong (`issue edit --tier`)
                    _tier_options(),
                    value=issue.tier if issue else 1,
                    allow_blank=False,
                    id="tier",
                    compact=True,
                )
            yield Label("", id="meaning")
            yield Said(lambda: t("Detail"))
            yield TextArea(clean(issue.detail or "") if issue else "", id="detail", compact=True)
            with Horizontal(classes="form-row"):
                yield Input(
                    value=clean(issue.location or "") if issue else "",
                    placeholder=t("location"),
                    id="location",
                    compact=True,
                )
                yield Input(
                    value=clean(issue.assignee or "") if issue else "",
                    placeholder=t("assignee"),
                    id="assignee",
                    compact=True,
                )
            yield Label("", id="form-error")
            with Horizontal(classes="form-row"):
                yield Button(t("Save (ctrl+s)"), id="save", variant="primary", compact=True)
                yield Button(t("Cancel (esc)"), id="cancel", compact=True)

    def _show_error(self, shown: bool) -> None:
        self._error_shown = shown
        self.query_one("#form-error", Label).update(
            t("The title must not be empty.") if shown else ""
        )

    def _heading(self) -> str:
        if self.issue is not None:
            return t("Edit issue #{id}", id=self.issue.id)
        return t("Log an issue")

    def retranslate(self) -> None:
        """Labels, placeholders, buttons and choices in the language now chosen."""
        self.query_one("#title", Input).placeholder = t("what goes wrong, in a line")
        self.query_one("#location", Input).placeholder = t("location")
        self.query_one("#assignee", Input).placeholder = t("assignee")
        self.query_one("#save", Button).label = t("Save (ctrl+s)")
        self.query_one("#cancel", Button).label = t("Cancel (esc)")
        _set_options(self.query_one("#severity", Select), _severity_options())
        for tier in self.query("#tier").results(Select):
            _set_options(tier, _tier_options())
        self._show_meaning()
        self._show_error(self._error_shown)

    def on_mount(self) -> None:
        self._show_meaning()
        self.query_one("#title", Input).focus()

    @on(Select.Changed, "#severity")
    def _show_meaning(self) -> None:
        severity = str(self.query_one("#severity", Select).value)
        meaning = severity_meaning(severity)
        self.query_one("#meaning", Label).update(Content(f"{severity_word(severity)}: {meaning}"))

    @on(Input.Changed, "#title")
    def _check_title(self, event: Input.Changed) -> None:
        ok = event.validation_result is None or event.validation_result.is_valid
        self._show_error(not ok)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        title = self.query_one("#title", Input).value
        if not _title_ok(title):
            self._show_error(True)
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
        tier = int(self.query_one("#tier", Select).value)  # type: ignore[arg-type]
        if issue is None:
            self.app.post_message(
                IssueAddRequested(fields={"tier": tier, **fields}, origin=self.origin)
            )
        else:
            fields["tier"] = tier
            self.app.post_message(IssueEditRequested(issue_id=issue.id, fields=fields))
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
