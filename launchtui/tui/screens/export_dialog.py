"""Export the issue log or the rollout report to a file: pick a format, confirm the path,
and we say where it went."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select

from launchtui.exporters.paper import PAPER_FORMATS, write_paper
from launchtui.exporters.target import ExportTargetError, resolve_target
from launchtui.services.issues import EXPORT_FORMATS as ISSUE_FORMATS
from launchtui.services.issues import IssueService
from launchtui.services.retro import EXPORT_FORMATS as REPORT_FORMATS
from launchtui.services.retro import RetroService
from launchtui.services.workspace import Workspace
from launchtui.text.i18n import language, n_, t
from launchtui.text.issue_words import filter_words
from launchtui.text.numbers import count as count_text
from launchtui.tui.requests.export import ExportRequested
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.translated import N_, Said, TranslatedBindings


def _issues(ws: Workspace, fmt: str, stream, path: str, **filters: Any) -> str:
    """The issues the tab shows: `filters` are its status, severity, tier and text."""
    count = IssueService(ws).export(fmt, stream, **filters)
    return n_(count, "Wrote {n} issue to {path}", "Wrote {n} issues to {path}", path=path)


def _report(ws: Workspace, fmt: str, stream, path: str) -> str:
    count = RetroService(ws).export(fmt, stream)
    return n_(
        count,
        "Wrote the report with {n} note to {path}",
        "Wrote the report with {n} notes to {path}",
        path=path,
    )


def _paper(ws: Workspace, fmt: str, stream, path: str) -> str:
    status = ws.status()
    count = write_paper(fmt, status, list(status.windows), language(), stream)
    return t("Wrote {n} items to {path}", n=count, path=path)


def _calendar(ws: Workspace, fmt: str, stream, path: str) -> str:
    from launchtui.services.sessions import SessionService

    count = SessionService(ws).write_calendar(stream)
    return n_(count, "Wrote {n} event to {path}", "Wrote {n} events to {path}", path=path)


# What can be exported: (title, formats, file name stem, writer returning the message).
EXPORTS = {
    "issues": (N_("Export the issue log"), ISSUE_FORMATS, "issues", _issues),
    "retro": (N_("Export the rollout report"), REPORT_FORMATS, "report", _report),
    "checklists": (N_("Print the checklists (for an outage)"), PAPER_FORMATS, "checklists", _paper),
    "calendar": (N_("Export the calendar"), ("ics",), "calendar", _calendar),
}


class ExportDialog(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="export_dialog.cancel")]

    def __init__(
        self,
        what: str = "issues",
        filters: dict[str, Any] | None = None,
        count: int | None = None,
    ) -> None:
        """`filters` (the issues tab's status, severity, tier, text) go with the request:
        the file holds what the tab shows, `count` issues, and the dialog says so."""
        super().__init__()
        self.title_text, self.formats, self.stem, self.writer = EXPORTS[what]
        self.filters = {k: v for k, v in (filters or {}).items() if v}
        self.count = count

    def _scope_line(self) -> str:
        """'12 issues, as filtered: unresolved, major': what the file will hold."""
        if self.count is None:
            return ""
        words = filter_words(**self.filters)
        if not words:
            return n_(
                self.count,
                "{count} issue, all of them",
                "{count} issues, all of them",
                count=count_text(self.count),
            )
        return n_(
            self.count,
            "{count} issue, as filtered: {filters}",
            "{count} issues, as filtered: {filters}",
            count=count_text(self.count),
            filters=", ".join(words),
        )

    def compose(self) -> ComposeResult:
        first = self.formats[0]
        with Vertical(id="dialog"):
            yield Said(lambda: t(self.title_text))
            if self.count is not None:
                yield Said(self._scope_line, id="export-scope")
            yield Select(
                [(f, f) for f in self.formats], value=first, allow_blank=False, id="format"
            )
            yield Input(value=self._default_path(first), id="path")
            yield Said(lambda: t("enter write · escape cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def _default_path(self, fmt: str) -> str:
        today = self.app.settings.clock.today().isoformat()
        return str(Path.cwd() / f"launchtui-{self.stem}-{today}.{fmt}")

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        self.query_one("#path", Input).value = self._default_path(str(event.value))

    @on(Input.Submitted, "#path")
    def _write(self, event: Input.Submitted) -> None:
        event.stop()
        fmt = str(self.query_one("#format", Select).value)
        path = event.value.strip()
        path = os.path.expanduser(path) if path else path
        try:  # said at once, the dialog still open: the database, a folder, no such folder
            resolve_target(path, database=self.app.settings.databases, own_streams=False)
        except ExportTargetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.app.post_message(
            ExportRequested(path=path, fmt=fmt, writer=self.writer, filters=dict(self.filters))
        )
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
