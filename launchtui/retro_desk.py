"""Retrospective notes, the rollout report and the communication plan: the actions, for
the command line and the TUI alike.

Like `IssueDesk`, every input is checked here by the domain's rules and a rule broken
becomes a `UserError` of one line saying what and why; who and when come from the
workspace, and so do the phase and checklist window a note is written in.

`CommsDesk` fills the announcement and weekly-update templates: the shipped ones
(``launchtui/templates/<name>.<lang>.txt``, inside the wheel too), or a file of the same
name in a folder given as `templates`. What the rollout's data and the comms facts do
not hold is marked in the text and listed in the `Draft`.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from launchtui.domain import comms as plan
from launchtui.domain import retro as rules
from launchtui.domain.comms import Draft, Fact, Week
from launchtui.domain.issues import parse_issue_id
from launchtui.domain.report import RolloutReport, build_report
from launchtui.domain.retro import Note
from launchtui.i18n import language, t
from launchtui.report_writers import write_notes_csv, write_report_json, write_report_markdown
from launchtui.safe_text import clean, one_line
from launchtui.settings import LANGS
from launchtui.store.retro_log import RetroLog
from launchtui.workspace import UserError, Workspace, checked

EXPORT_FORMATS = ("md", "json", "csv")
MAX_TEMPLATE_BYTES = 256 * 1024


class RetroDesk:
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

        `lang` picks the checklist titles (default: the language of the texts, in which the
        Markdown's headings are written too)."""
        ws = self.workspace
        rollout = ws.rollout()
        store = ws.store
        return build_report(
            rollout,
            ws.status(),
            store.adoption.figures(),
            store.issues.list(),
            list(store.retro.iter_notes()),
            ws.today(),
            lang=_lang(lang or language()),
        )

    def export(self, fmt: str, stream: TextIO, lang: str | None = None) -> int:
        """Write the report to `stream` as md, json or csv (the notes, one row each);
        returns how many notes. For CSV, open files with ``newline=""``."""
        if fmt not in EXPORT_FORMATS:
            raise UserError(t("unknown export format {fmt}; use md, json or csv", fmt=repr(fmt)))
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


class CommsDesk:
    """The comms facts, and the announcement and weekly update filled from the rollout.

    `templates` is a folder whose ``announcement.<lang>.txt`` / ``weekly.<lang>.txt``
    replace the shipped ones (a file it lacks falls back to the shipped one).
    """

    def __init__(self, workspace: Workspace, templates: Path | str | None = None):
        self.workspace = workspace
        self.templates = Path(templates) if templates is not None else None

    @property
    def log(self) -> RetroLog:
        return self.workspace.store.retro

    # -- facts -------------------------------------------------------------------

    def facts(self) -> dict[str, Fact | None]:
        """Every fact key, in order, with its latest entry (None: never set; an entry with
        value None: cleared)."""
        self.workspace.rollout()  # a clear error on an empty database
        found = self.log.facts()
        return {key: found.get(key) for key in plan.FACT_KEYS}

    def fact_values(self) -> dict[str, str | None]:
        return {key: fact.value if fact else None for key, fact in self.facts().items()}

    def set_fact(self, key: str, value: str | None) -> Fact:
        """Set a fact (keys: `FACT_KEYS`); an empty value clears it."""
        self.workspace.rollout()
        key = checked(plan.parse_fact_key, key)
        text = checked(plan.validate_fact_value, value)
        return self.log.set_fact(key, text, self.workspace.actor, self.workspace.now())

    def fact_history(self, key: str | None = None) -> list[Fact]:
        """Every value set, oldest first (of one key, or all)."""
        key = checked(plan.parse_fact_key, key) if key is not None else None
        return self.log.fact_history(key)

    # -- templates ---------------------------------------------------------------

    def template(
        self, name: str, lang: str | None = None, templates: Path | str | None = None
    ) -> tuple[str, str]:
        """(text, where it comes from) of template `name` in `lang`."""
        if name not in plan.TEMPLATE_NAMES:
            raise UserError(
                t("unknown template {name}; use announcement or weekly", name=repr(name))
            )
        lang = _lang(lang or self.workspace.settings.lang)
        filename = f"{name}.{lang}.txt"
        folder = Path(templates) if templates is not None else self.templates
        if folder is not None:
            shown = one_line(str(folder))
            if not folder.is_dir():
                raise UserError(t("{folder}: no such folder of templates", folder=shown))
            path = folder / filename
            if path.exists():
                return _read_template(path), one_line(str(path))
        shipped = resources.files("launchtui").joinpath("templates", filename)
        return shipped.read_text(encoding="utf-8"), f"{filename} (shipped)"

    def needed_facts(
        self, name: str, lang: str | None = None, templates: Path | str | None = None
    ) -> tuple[str, ...]:
        """The comms facts template `name` uses, in order of first use."""
        text, source = self.template(name, lang, templates)
        return checked(plan.needed_facts, text, plan.PLACEHOLDERS[name], source)

    def missing_facts(
        self, name: str, lang: str | None = None, templates: Path | str | None = None
    ) -> tuple[str, ...]:
        """The facts template `name` uses that are not set."""
        values = self.fact_values()
        return tuple(k for k in self.needed_facts(name, lang, templates) if not values.get(k))

    # -- the texts ---------------------------------------------------------------

    def announcement_draft(
        self, lang: str | None = None, templates: Path | str | None = None
    ) -> Draft:
        """The announcement (two weeks ahead): why, each group's date, training, support."""
        lang = _lang(lang or self.workspace.settings.lang)
        rollout = self.workspace.rollout()
        values = plan.announcement_values(rollout, self.fact_values(), lang)
        return self._fill("announcement", lang, templates, values)

    def announcement(self, lang: str | None = None, templates: Path | str | None = None) -> str:
        return self.announcement_draft(lang, templates).text

    def week(self, week: int | str | None = None) -> Week:
        """Week `week` of the rollout (default: the current one), if it has begun."""
        rollout = self.workspace.rollout()
        today = self.workspace.today()
        current = plan.week_number(rollout.launch, today)
        if week is None or not str(week).strip():
            number = current
        else:
            text = str(week).strip()
            if not text.isdigit() or int(text) < 1:
                raise UserError(
                    t(
                        "week {value} is not a week number like 2 (week 1 starts on launch day)",
                        value=repr(one_line(text)[:20]),
                    )
                )
            number = int(text)
        span = plan.week_span(rollout.launch, number)
        if span.start > today:
            if today < rollout.launch:
                raise UserError(
                    t(
                        "week {n} starts on {start}; the rollout launches on {launch}, "
                        "so there is no week to report yet",
                        n=number,
                        start=span.start.isoformat(),
                        launch=rollout.launch.isoformat(),
                    )
                )
            raise UserError(
                t(
                    "week {n} has not begun (it starts on {start}); this is week {current}",
                    n=number,
                    start=span.start.isoformat(),
                    current=current,
                )
            )
        return span

    def weekly_draft(
        self,
        week: int | str | None = None,
        lang: str | None = None,
        templates: Path | str | None = None,
    ) -> Draft:
        """The weekly update of week `week` (default: this week): progress from the
        figures recorded in it, issues resolved in it, success notes, questions answered
        by workarounds, what comes next and where to get help."""
        lang = _lang(lang or self.workspace.settings.lang)
        ws = self.workspace
        rollout = ws.rollout()
        span = self.week(week)
        store = ws.store
        values = plan.weekly_values(
            rollout,
            self.fact_values(),
            span,
            store.adoption.figures(),
            store.issues.list(),
            store.retro.list(kind="went-well"),
            ws.today(),
            lang,
            tz=_local_zone(ws.now()),
        )
        return self._fill("weekly", lang, templates, values)

    def weekly(
        self,
        week: int | str | None = None,
        lang: str | None = None,
        templates: Path | str | None = None,
    ) -> str:
        return self.weekly_draft(week, lang, templates).text

    def _fill(
        self,
        name: str,
        lang: str,
        templates: Path | str | None,
        values: dict[str, str | None],
    ) -> Draft:
        text, source = self.template(name, lang, templates)
        draft = checked(plan.fill, text, values, plan.PLACEHOLDERS[name], source)
        return Draft(clean(draft.text), draft.missing)


# -- helpers -------------------------------------------------------------------


def _number(phase: Any) -> int:
    return phase.number


def _lang(lang: str) -> str:
    if lang not in LANGS:
        shown = repr(one_line(str(lang))[:10])
        raise UserError(t("unknown language {lang}; use en or nl", lang=shown))
    return lang


def _local_zone(now: dt.datetime) -> dt.tzinfo:
    """The zone this process runs in, where the calendar days of a week are counted."""
    return now.astimezone().tzinfo or dt.UTC


def _read_template(path: Path) -> str:
    shown = one_line(str(path))
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise UserError(f"{shown}: {exc.strerror or exc}") from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise UserError(
            t(
                "{file}: larger than {n} KB; is it a template?",
                file=shown,
                n=MAX_TEMPLATE_BYTES // 1024,
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            t("{file}: not UTF-8 text (byte {n})", file=shown, n=exc.start + 1)
        ) from None
