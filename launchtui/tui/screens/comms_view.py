"""The announcement or weekly update, filled from the rollout's data, for review before sending."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from launchtui.domain.comms import Draft
from launchtui.services.comms import CommsService
from launchtui.services.workspace import UserError, Workspace
from launchtui.store import StoreError
from launchtui.text.i18n import language, t
from launchtui.text.safe import clean
from launchtui.tui.requests.export import ExportRequested
from launchtui.tui.requests.retro import FactRequested
from launchtui.tui.screens.form import Field, FormScreen
from launchtui.tui.state import FollowsLanguage
from launchtui.tui.widgets.quiet_footer import QuietFooter
from launchtui.tui.widgets.translated import N_, TranslatedBindings


class CommsView(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("s", "save", N_("Save to file"), id="comms_view.save"),
        Binding("f", "facts", N_("Facts"), id="comms_view.facts"),
        Binding("l", "mail_language", N_("Mail language"), id="comms_view.mail_language"),
        Binding("w", "week", N_("Week"), id="comms_view.week"),
        Binding("escape,q", "close", N_("Close"), id="comms_view.close"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.kind = name  # announcement | weekly
        self.draft: Draft | None = None
        self.lang = language()  # the mail's language, whose facts it shows
        self.week: str | None = None  # the weekly update's week (None: the current one)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="comms"):
            yield Static(t("Filling in from the rollout's data…"), id="comms-text")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._fill()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _fill(self) -> None:
        """Off the event loop: with many issues the weekly update takes a moment."""
        ws = Workspace(self.app.settings)
        try:
            service = CommsService(ws)
            lang = self.lang
            if self.kind == "announcement":
                draft = service.announcement_draft(lang=lang)
            else:
                draft = service.weekly_draft(service.week(self.week).number, lang=lang)
        except (UserError, StoreError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        finally:
            ws.close()
        self.app.call_from_thread(self._shown, draft)

    def _failed(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)
        if self.draft is None:  # nothing to show at all; else the last draft stays
            self.dismiss(None)

    def _shown(self, draft: Draft) -> None:
        self.draft = draft
        text = clean(draft.text)
        if draft.missing_facts:  # the facts of this mail's language (each has its own)
            facts = ", ".join(draft.missing_facts)
            note = t(
                "Missing facts: {facts}; f sets them here (or "
                "`launchtui comms set KEY VALUE --lang {lang}`).",
                facts=facts,
                lang=self.lang,
            )
            text += "\n\n" + note
        self.query_one("#comms-text", Static).update(Content(text))

    def action_save(self) -> None:
        if self.draft is None:
            return
        today = self.app.settings.clock.today().isoformat()
        path = Path.cwd() / f"launchtui-{self.kind}-{today}.txt"
        text = self.draft.text

        def writer(_ws: Workspace, _fmt: str, stream: TextIO, path: str) -> str:
            stream.write(text)
            return t("Wrote {path}", path=path)

        self.post_message(ExportRequested(path=str(path), fmt="txt", writer=writer))

    def action_facts(self) -> None:
        """Set a fact of the mails in one language (`comms set KEY VALUE --lang`): each
        language has its own text, and a mail never borrows another's."""
        from launchtui.domain.comms import FACT_KEYS, FACT_LABELS
        from launchtui.text.i18n import LANG_NAMES
        from launchtui.tui.screens.form import Field

        missing = self.draft.missing_facts if self.draft is not None else ()
        first = next((key for key in FACT_KEYS if key in missing), FACT_KEYS[0])
        fields = [
            Field("key", N_("fact"), first, options=[(t(FACT_LABELS[k]), k) for k in FACT_KEYS]),
            Field(
                "lang",
                N_("language"),
                self.lang,
                options=[(name, code) for code, name in LANG_NAMES.items()],
            ),
            Field("value", N_("text (blank: clear it)"), self._fact(first, self.lang), lines=5),
        ]
        self.app.push_screen(FactForm(self, fields), self._refill)

    def _fact(self, key: str, lang: str) -> str:
        """The fact's text in `lang` now, for the form to start from."""
        try:
            fact = CommsService(self.app.browser).facts(lang).get(key)  # type: ignore[attr-defined]
        except (UserError, StoreError):
            return ""
        # Every line of it, as `comms set` takes it (a value over several lines, or -).
        return clean(fact.value) if fact is not None and fact.value else ""

    def _refill(self, result: object) -> None:
        if result is not None:
            self._fill()

    def action_mail_language(self) -> None:
        """The same mail in the other language, with that language's facts."""
        from launchtui.text.i18n import LANGS

        self.lang = LANGS[(LANGS.index(self.lang) + 1) % len(LANGS)]
        self._fill()

    def action_week(self) -> None:
        """The weekly update of another week (`comms weekly --week N`)."""
        if self.kind != "weekly":
            self.notify(t("Only the weekly update has weeks"), severity="warning")
            return
        from launchtui.tui.screens.text_prompt import TextPrompt

        def chosen(week: str | None) -> None:
            if week:
                self.week = week
                self._fill()

        self.app.push_screen(TextPrompt(t("Which week? (1 starts on launch day)"), "2"), chosen)

    def action_close(self) -> None:
        self.dismiss(None)


class FactForm(FormScreen):
    """Choosing another fact or language shows the text it holds there now; saved with
    that text unchanged, the form closes and writes nothing (no new entry in the fact's
    history, nothing rewritten)."""

    def __init__(self, view: CommsView, fields: list[Field]) -> None:
        def make(v: dict[str, str]) -> FactRequested:
            return FactRequested(key=v["key"], value=v["value"], lang=v["lang"])

        super().__init__(N_("Set a fact of the mails"), fields, make)
        self.view = view
        self.shown = next(field.value for field in fields if field.name == "value")

    def on_select_changed(self) -> None:
        values = self.values()
        self.shown = self.view._fact(values["key"], values["lang"])
        self.query_one("#field-value", TextArea).load_text(self.shown)

    def action_save(self) -> None:
        from launchtui.domain.comms import validate_fact_value

        values = self.values()
        try:
            unchanged = validate_fact_value(values["value"]) == validate_fact_value(self.shown)
        except ValueError:  # too long: the service says so
            unchanged = False
        if unchanged and not self.saving:
            self.notify(t("{key} ({lang}) unchanged", key=values["key"], lang=values["lang"]))
            self.dismiss(None)
            return
        super().action_save()
