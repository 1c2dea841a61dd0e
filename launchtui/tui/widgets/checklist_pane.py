"""The checklists tab: the list, its filter, and the keys that tick, note, skip and undo."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input

from launchtui.domain.gate import NEW_SYSTEM_MIN, Criterion
from launchtui.domain.progress import ItemStatus, RolloutStatus
from launchtui.domain.ticks import TickEvent
from launchtui.text import numbers
from launchtui.text.i18n import language, t
from launchtui.text.present import who_when
from launchtui.text.safe import one_line
from launchtui.tui.messages import Written
from launchtui.tui.requests.checklist import (
    LateTickRequested,
    NoteRequested,
    Refused,
    SkipRequested,
    TickRequested,
    UndoRequested,
)
from launchtui.tui.widgets.checklist_view import ChecklistView
from launchtui.tui.widgets.translated import N_


class ChecklistPane(Vertical):
    BINDINGS = [
        Binding(
            "n",
            "note",
            N_("Note"),
            tooltip=N_("Tick with a note, or add a note"),
            id="checklist_pane.note",
        ),
        Binding(
            "minus",
            "skip",
            N_("Skip"),
            key_display="-",
            tooltip=N_("Skip the highlighted item, with a reason"),
            id="checklist_pane.skip",
        ),
        Binding(
            "u", "undo", N_("Undo"), tooltip=N_("Undo my last change"), id="checklist_pane.undo"
        ),
        Binding(
            "e",
            "export",
            N_("Print"),
            show=False,
            tooltip=N_("Print the checklists on paper"),
            id="checklist_pane.export",
        ),
        Binding(
            "slash",
            "filter",
            N_("Filter"),
            key_display="/",
            tooltip=N_("Filter the checklists"),
            # Run as the app reads the key, before the keys after it are handed on: text
            # typed right after `/` (one read over SSH) goes into the filter box.
            priority=True,
            id="checklist_pane.filter",
        ),
        Binding(
            "a",
            "late_tick",
            N_("Tick at…"),
            show=False,
            tooltip=N_("Tick an item at an earlier time"),
            id="checklist_pane.late_tick",
        ),
        Binding(
            "h",
            "detail",
            N_("History"),
            show=False,
            tooltip=N_("Show the tick history of an item"),
            id="checklist_pane.history",
        ),
        Binding(
            "escape",
            "clear_filter",
            N_("Clear filter"),
            show=False,
            id="checklist_pane.clear_filter",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield ChecklistView(id="checklist")
        # There from the start, hidden: keys typed right after `/` (one read over SSH)
        # must find it focused, never the list with its undo and note keys.
        yield Input(placeholder=_placeholder(), id="checklist-filter")

    def retranslate(self) -> None:
        self.query_one(Input).placeholder = _placeholder()

    @property
    def view(self) -> ChecklistView:
        return self.query_one(ChecklistView)

    def show(self, status: RolloutStatus, now: dt.datetime) -> None:
        self.view.show(status, now)

    def focus_list(self) -> None:
        self.view.focus()

    def on_checklist_view_toggle_requested(self, message: ChecklistView.ToggleRequested) -> None:
        key = message.key
        item = self.view.highlighted
        guarded = item is not None and item.key == key and bool(item.instance.item.requires)
        event = item.event if item is not None and item.key == key else None
        me = self.app.settings.actor.name  # type: ignore[attr-defined]
        if item is not None and item.state == "done" and event and event.actor.name != me:
            self._confirm_untick(item, guarded)
            return
        self.post_message(TickRequested(key=key, guarded=guarded, origin=self))

    def _confirm_untick(self, item: ItemStatus, guarded: bool) -> None:
        """Someone else's tick: say whose it is and ask before taking it back."""
        from launchtui.tui.screens.confirm import ConfirmScreen

        key = item.key

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.post_message(TickRequested(key=key, guarded=guarded, origin=self))

        question = t(
            "Untick {item}? Ticked by {who}.",
            item=one_line(item.instance.label(language())),
            who=who_when(item.event, self.view.now),  # type: ignore[arg-type]
        )
        self.app.push_screen(ConfirmScreen(question), confirmed)

    def on_written(self, message: Written) -> None:
        """A tick committed: repaint its row at once, before the reload. A guarded tick
        the rule held back: ask why it is done anyway."""
        result = message.result
        if isinstance(result, TickEvent):
            self.view.patch(result)
        elif isinstance(result, Refused):
            self._ask_reason(message.request.key, result.label, result.question)  # type: ignore[attr-defined]

    def _ask_reason(self, key: str, label: str, question: str) -> None:
        from launchtui.tui.screens.text_prompt import TextPrompt

        def save(reason: str | None) -> None:
            if reason:
                self.post_message(TickRequested(key=key, guarded=True, reason=reason, origin=self))

        title = f"{label}\n{question}"
        self.app.push_screen(TextPrompt(title, t("reason")), save)

    def action_note(self) -> None:
        item = self.view.highlighted
        if item is None:
            self.notify(t("Move to an item first to add a note to it"), severity="warning")
            return
        ask_note(self, item)

    def action_detail(self) -> None:
        """Who ticked the highlighted item, when, where; its notes; a skip's reason."""
        item = self.view.highlighted
        if item is None:
            self.notify(t("Move to an item first to see who ticked it"), severity="warning")
            return
        from launchtui.tui.screens.item_detail import ItemDetail

        self.app.push_screen(ItemDetail(item.key))

    def on_checklist_view_detail_requested(self, message: ChecklistView.DetailRequested) -> None:
        from launchtui.tui.screens.item_detail import ItemDetail

        self.app.push_screen(ItemDetail(message.key))

    def action_late_tick(self) -> None:
        """Tick the highlighted item at a time in the past (a tick made on paper)."""
        item = self.view.highlighted
        if item is None:
            self.notify(t("Move to an item first to tick it"), severity="warning")
            return
        ask_late_tick(self.app, item)

    def action_skip(self) -> None:
        item = self.view.highlighted
        if item is None:
            return
        from launchtui.tui.screens.text_prompt import TextPrompt

        key = item.key
        label = one_line(item.instance.label(language()))

        def save(reason: str | None) -> None:
            if reason:
                self.post_message(SkipRequested(key=key, reason=reason))

        title = t("Skip as not applicable: {item}", item=label)
        # The service's own line for a skip without a reason: the dialog stays open.
        needed = t("skip needs a reason (--reason TEXT): say why the item does not apply")
        self.app.push_screen(TextPrompt(title, t("reason"), required=needed), save)

    def action_export(self) -> None:
        """The checklists on paper (Markdown or printable HTML), for when the network is down."""
        from launchtui.tui.screens.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog("checklists"))

    def action_undo(self) -> None:
        self.post_message(UndoRequested())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the filter box its keys are text (`/` too: keys like first-week/daily-check-in
        hold one), and the footer offers only what works there: escape."""
        return action == "clear_filter" or not self.query_one(Input).has_focus

    def action_filter(self) -> None:
        box = self.query_one(Input)
        box.add_class("-shown")
        self.screen.set_focus(box)  # now, not after a refresh: the next key is the filter's

    def action_clear_filter(self) -> None:
        box = self.query_one(Input)
        box.value = ""
        box.remove_class("-shown")
        self.view.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.view.filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.view.focus()
        if not event.value:
            event.input.remove_class("-shown")


def switch_off_question(rule: Criterion) -> str:
    """The rule that fails with its figure, and the question: why do it anyway?"""
    ask = t(
        "It needs {minimum} of everyone on the new system. Tick it anyway? Say why:",
        minimum=numbers.percent(NEW_SYSTEM_MIN),
    )
    return f"{one_line(rule.detail)}\n{ask}"


def _placeholder() -> str:
    return t("filter: text, key, owner, person")


def ask_note(widget: Widget, item: ItemStatus, reply: bool = False) -> None:
    """`n`: an open item is ticked with the note; on a done or skipped one the note is the
    user's own, and the tick keeps its author, time and place. `reply`: `widget` hears
    the outcome (a `Written`)."""
    from launchtui.tui.screens.text_prompt import TextPrompt

    key = item.key
    label = one_line(item.instance.label(language()))
    if item.is_open:
        title = t("Tick with a note: {item}", item=label)
    else:
        title = t("Add a note: {item}", item=label)

    def save(note: str | None) -> None:
        if note:
            origin = widget if reply else None
            widget.post_message(NoteRequested(key=key, note=note, origin=origin))

    widget.app.push_screen(TextPrompt(title, t("note")), save)


def ask_late_tick(app, item: ItemStatus) -> None:
    """The form for ticking `item` at an earlier time (`tick KEY --at TIME`)."""
    from launchtui.tui.screens.form import Field, FormScreen

    key = item.key
    label = one_line(item.instance.label(language()))

    def make(values: dict[str, str]) -> LateTickRequested:
        return LateTickRequested(key=key, at=values["at"], note=values["note"])

    fields = [
        Field("at", N_("when it was done"), placeholder=N_("14:05 or 2026-11-03 14:05")),
        Field("note", N_("note (optional)")),
    ]
    app.push_screen(FormScreen(N_("Tick at an earlier time"), fields, make, note=lambda: label))
