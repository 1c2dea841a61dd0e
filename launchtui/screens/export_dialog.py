"""Export the issue log to a file: pick a format, confirm the path, and we say where it went."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from launchtui.issue_desk import EXPORT_FORMATS, IssueDesk
from launchtui.workspace import UserError, Workspace


class ExportDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Export the issue log")
            yield Select(
                [(f, f) for f in EXPORT_FORMATS], value="csv", allow_blank=False, id="format"
            )
            yield Input(value=self._default_path("csv"), id="path")
            yield Label("enter write · escape cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def _default_path(self, fmt: str) -> str:
        today = self.app.settings.clock.today().isoformat()
        return str(Path.cwd() / f"launchtui-issues-{today}.{fmt}")

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        self.query_one("#path", Input).value = self._default_path(str(event.value))

    @on(Input.Submitted, "#path")
    def _write(self, event: Input.Submitted) -> None:
        event.stop()
        fmt = str(self.query_one("#format", Select).value)
        path = Path(event.value.strip()).expanduser()

        def change(ws: Workspace) -> str:
            try:
                with path.open("w", encoding="utf-8", newline="") as stream:
                    count = IssueDesk(ws).export(fmt, stream)
            except OSError as exc:
                raise UserError(f"{path}: {exc.strerror or exc}") from None
            return f"Wrote {count} issues to {path}"

        self.app.write(change, refresh=False)
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
