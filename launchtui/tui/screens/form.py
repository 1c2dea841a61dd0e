"""One form for every short change: labelled fields, ctrl+s saves, escape cancels.

The form does not judge the values: it builds a request (launchtui/tui/requests/), the
app's write worker hands it to the service, and a refusal comes back as the service's
own error line, shown in the form, which stays open with what was typed. Saved, the form
closes with what the service returned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static, TextArea

from launchtui.services.workspace import MAX_NOTE
from launchtui.text.i18n import t
from launchtui.text.safe import one_line
from launchtui.tui.messages import WriteRequest, Written
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.translated import N_, Said, TranslatedBindings


@dataclass(frozen=True)
class Field:
    """One labelled input. `label` and `placeholder` are catalogue ids (N_), worded when
    drawn; `options` ((shown, value) pairs, shown as given) make it a choice; `lines` > 1
    makes it a text of several lines, that many rows high (enter adds a line; ctrl+s
    saves), its value kept line for line."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    options: Sequence[tuple[str, str]] | None = None
    lines: int = 1


class FormScreen(FollowsLanguage, TranslatedBindings, ModalScreen[object]):
    """`make(values)` turns the typed values (stripped) into the request to send."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="form.save"),
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        make: Callable[[dict[str, str]], WriteRequest],
        *,
        note: Callable[[], str] | None = None,
    ) -> None:
        super().__init__()
        self.title_id = title
        self.fields = tuple(fields)
        self.make = make
        self.note = note
        self.saving = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="form"):
            yield Said(lambda: one_line(t(self.title_id)), classes="form-title")
            if self.note is not None:
                yield Said(self.note, classes="hint")
            grid = Grid(id="form-grid")
            if any(field.lines > 1 for field in self.fields):  # else each row is 1 (tcss)
                grid.styles.grid_rows = tuple(max(1, field.lines) for field in self.fields)
            with grid:
                for field in self.fields:
                    yield Said(lambda field=field: t(field.label))
                    if field.lines > 1:
                        yield TextArea(
                            field.value,
                            placeholder=t(field.placeholder) if field.placeholder else "",
                            soft_wrap=True,
                            id=f"field-{field.name}",
                            compact=True,
                        )
                    elif field.options is not None:
                        yield Select(
                            [(Content(one_line(shown)), value) for shown, value in field.options],
                            value=field.value or field.options[0][1],
                            allow_blank=False,
                            id=f"field-{field.name}",
                            compact=True,
                        )
                    else:
                        yield Input(
                            field.value,
                            placeholder=t(field.placeholder) if field.placeholder else "",
                            max_length=MAX_NOTE,
                            id=f"field-{field.name}",
                            compact=True,
                        )
            yield Static("", id="form-error")  # wraps: a long refusal is read whole
            yield Said(lambda: t("ctrl+s save · escape cancel"), classes="hint")

    def on_mount(self) -> None:
        if self.fields:
            self.query_one(f"#field-{self.fields[0].name}").focus()

    def retranslate(self) -> None:
        for field in self.fields:
            if field.options is None and field.placeholder:
                box = self.query_one(f"#field-{field.name}")
                if isinstance(box, Input | TextArea):
                    box.placeholder = t(field.placeholder)

    def values(self) -> dict[str, str]:
        """What is in the form now, each text stripped (inside, its lines stay as typed)."""
        found: dict[str, str] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, TextArea):
                value: object = widget.text
            else:
                value = widget.value if isinstance(widget, Input | Select) else ""
            found[field.name] = str(value).strip()
        return found

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """enter in the last field saves, as in every dialog here; elsewhere it moves on."""
        event.stop()
        if event.input.id == f"field-{self.fields[-1].name}":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        if self.saving:
            return  # one request at a time: enter pressed twice saves once
        try:
            request = self.make(self.values())
        except ValueError as exc:  # a value the form itself reads (a number)
            self.show_error(str(exc))
            return
        request.origin = self
        self.saving = True
        self.show_error("")
        self.post_message(request)

    def show_error(self, line: str) -> None:
        self.query_one("#form-error", Static).update(Content(one_line(line)))

    def on_written(self, message: Written) -> None:
        self.saving = False
        if message.error is not None:
            self.show_error(message.error)
            return
        self.dismiss(message.result)

    def action_cancel(self) -> None:
        self.dismiss(None)
