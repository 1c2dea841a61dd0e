"""Retrospective notes and the rollout report: the actions, for the command line and the
TUI alike.

Like `IssueService`, every input is checked here by the domain's rules and a rule broken
becomes a `UserError` of one line saying what and why; who and when come from the
workspace, and so do the phase and checklist window a note is written in. The
communication plan lives beside it, in `services.comms`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TextIO

from launchtui.domain import retro as rules
from launchtui.domain.issues import parse_issue_id
from launchtui.domain.retro import Note
from launchtui.services.workspace import UserError, Workspace, checked
from launchtui.store.retro_log import RetroLog
from launchtui.text.i18n import LANGS, language, t
from launchtui.text.safe import one_line

if TYPE_CHECKING:
    from launchtui.domain.report import RolloutReport

EXPORT_FORMATS = ("md", "json", "csv")


class RetroService:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace

    @property
    def log(self) -> RetroLog:
        return self.workspace.store.retro

    # -- reading -----------------------------------------------------------------

    def get(self, note_id: int | str) -> Note:
        """One note with its history; '3' and '#3' both name note 3."""
        number = checked(rules.parse_note_id, note_id)
        note = self.log.get(number)
        if note is None:
            raise UserError(
                t("there is no note #{id}; `launchtui retro list` shows them", id=number)
            )
        return note

    def list(
        self,
        kind: str | None = None,
        phase: int | str | None = None,
        text: str | None = None,
    ) -> list[Note]:
        """Notes without their histories, oldest first; of one kind, phase or with `text`."""
        kind = checked(rules.parse_kind, kind) if kind else None
        number = self._phase(phase) if phase is not None and str(phase).strip() else None
        return self.log.list(kind, number, text or None)

    def counts(self) -> dict[str, int]:
        """Notes per kind, every kind present, in the report's order."""
        found = self.log.counts()
        return {kind: found.get(kind, 0) for kind in rules.KINDS}

    # -- writing -----------------------------------------------------------------

    def add(
        self,
        kind: str,
        text: str,
        issue: int | str | None = None,
        item: str | None = None,
    ) -> Note:
        """Write a note in the current phase and checklist window, by the actor; it may
        point at an issue ('12' or '#12') and/or a checklist item (its key)."""
        kind = checked(rules.parse_kind, kind)
        text = checked(rules.validate_text, text)
        issue_id = None
        if issue is not None and str(issue).strip():
            issue_id = checked(parse_issue_id, issue)
            if self.workspace.store.issues.get(issue_id) is None:
                raise UserError(
                    t("there is no issue #{id}; `launchtui issue list` shows them", id=issue_id)
                )
        item_key = None
        if item is not None and item.strip():
            item_key = self.workspace.item(item.strip()).key  # a UserError naming close keys
        status = self.workspace.status()
        return self.log.add(
            kind,
            text,
            self.workspace.actor,
            self.workspace.now(),
            phase=status.phase.number if status.phase else None,
            window=status.current.id if status.current else None,
            issue_id=issue_id,
            item_key=item_key,
        )

    def edit(self, note_id: int | str, text: str | None = None, kind: str | None = None) -> Note:
        """A new text (and/or kind); the earlier text stays in the note's history."""
        number = self.get(note_id).id  # a clear error for an unknown number, before writing
        try:
            return self.log.apply(
                number,
                lambda note: rules.edit_changes(note, text, kind),
                self.workspace.actor,
                self.workspace.now(),
            )
        except ValueError as exc:
            raise UserError(one_line(str(exc))) from None

    # -- the report --------------------------------------------------------------

    def report(self, lang: str | None = None) -> RolloutReport:
        """The rollout report today: summary from the data, and every note with its history.

        Each phase's verdict and decision are the gate's (`AdoptionService.gate`), evaluated
        once here for today, and so is what each phase returned (`ValueService.returns`,
        the evaluator `roi` shows). `lang` picks the checklist titles (default: the language of
        the texts, in which the Markdown's headings are written too)."""
        from launchtui.domain.report import build_report
        from launchtui.services.adoption import AdoptionService  # the report is rarely asked for
        from launchtui.services.value import ValueService

        lang = _lang(lang or language())
        ws = self.workspace
        rollout = ws.rollout()
        store = ws.store
        gate = AdoptionService(ws).gate(rollout)
        switch_off = [
            i.key for i in ws.schedule(rollout).instances() if i.item.requires == "new-system"
        ]
        ticks = [event for key in switch_off for event in store.history(key)]
        returns = ValueService(ws).returns(ws.today())
        return build_report(
            rollout,
            ws.status(),
            store.adoption.figures(),
            store.issues.list(),
            list(store.retro.iter_notes()),
            ws.today(),
            gate=gate,
            switch_off_ticks=ticks,
            objections=store.value.objections(),
            returned=returns.phases,
            returned_total=returns.total,
            lang=lang,
            tz=ws.now().astimezone().tzinfo or dt.UTC,
        )

    def export(self, fmt: str, stream: TextIO, lang: str | None = None) -> int:
        """Write the report to `stream` as md, json or csv (the notes, one row each);
        returns how many notes. For CSV, open files with ``newline=""``."""
        if fmt not in EXPORT_FORMATS:
            raise UserError(t("unknown export format {fmt}; use md, json or csv", fmt=repr(fmt)))
        from launchtui.exporters.report import (
            write_notes_csv,
            write_report_json,
            write_report_markdown,
        )

        report = self.report(lang)
        now = self.workspace.now()
        actor = self.workspace.actor
        if fmt == "csv":
            return write_notes_csv(report.notes, stream)
        if fmt == "json":
            meta = {
                "exported_at": now.isoformat(),
                "exported_by": actor.name,
                "exported_by_login": actor.login,
            }
            return write_report_json(report, stream, meta)
        subtitle = t(
            "Exported {when} UTC by {who}",
            when=f"{now.astimezone(dt.UTC):%Y-%m-%d %H:%M}",
            who=actor.label(),
        )
        return write_report_markdown(report, stream, subtitle)

    def _phase(self, phase: int | str) -> int:
        rollout_plan = self.workspace.rollout().plan
        text = str(phase).strip().removeprefix("#")
        if not text.isdigit() or rollout_plan.phase(int(text)) is None:
            known = ", ".join(str(p.number) for p in sorted(rollout_plan.phases, key=_number))
            shown = one_line(str(phase))[:20]
            raise UserError(
                t("there is no phase {n}; the plan has phases {known}", n=shown, known=known)
            )
        return int(text)


def _number(phase: Any) -> int:
    return phase.number


def _lang(lang: str) -> str:
    if lang not in LANGS:
        shown = repr(one_line(str(lang))[:10])
        raise UserError(t("unknown language {lang}; use en or nl", lang=shown))
    return lang
