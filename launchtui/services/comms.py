"""The communication plan: comms facts, and the announcement and weekly update filled
from the rollout's own data.

`CommsService` fills the templates: the shipped ones (``launchtui/templates/<name>.<lang>.txt``,
inside the wheel too), or a file of the same name in a folder given as `templates`. What
the rollout's data and the comms facts do not hold is marked in the text and listed in
the `Draft`.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from launchtui.domain import comms as plan
from launchtui.domain.comms import Draft, Fact, Week
from launchtui.services.adoption import AdoptionService
from launchtui.services.retro import _lang
from launchtui.services.workspace import UserError, Workspace, checked, read_user_text
from launchtui.store.retro_log import RetroLog
from launchtui.text.i18n import LANGS, in_language, t
from launchtui.text.safe import clean, one_line

MAX_TEMPLATE_BYTES = 256 * 1024


class CommsService:
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

    def facts(self, lang: str | None = None) -> dict[str, Fact | None]:
        """Every fact key, in order, with its latest entry in `lang` (default: the rollout's
        language; None: never set in it; an entry with value None: cleared)."""
        lang = self._fact_lang(lang)
        found = self.log.facts(lang, self.workspace.rollout_language())
        return {key: found.get(key) for key in plan.FACT_KEYS}

    def fact_values(self, lang: str | None = None) -> dict[str, str | None]:
        return {key: fact.value if fact else None for key, fact in self.facts(lang).items()}

    def untranslated(self, lang: str) -> tuple[str, ...]:
        """The facts set in another language but not in `lang`."""
        here = self.fact_values(lang)
        elsewhere = {
            key
            for other in LANGS
            if other != lang
            for key, value in self.fact_values(other).items()
            if value
        }
        return tuple(key for key in plan.FACT_KEYS if key in elsewhere and not here.get(key))

    def set_fact(self, key: str, value: str | None, lang: str | None = None) -> Fact:
        """Set a fact (keys: `FACT_KEYS`) in `lang` (default: the rollout's language); an
        empty value clears it there."""
        lang = self._fact_lang(lang)
        key = checked(plan.parse_fact_key, key)
        text = checked(plan.validate_fact_value, value)
        return self.log.set_fact(key, text, self.workspace.actor, self.workspace.now(), lang)

    def fact_history(self, key: str | None = None) -> list[Fact]:
        """Every value set, in any language, oldest first (of one key, or all)."""
        key = checked(plan.parse_fact_key, key) if key is not None else None
        return self.log.fact_history(key, self.workspace.rollout_language())

    def _fact_lang(self, lang: str | None) -> str:
        """`lang` checked, else the rollout's language (a clear error on an empty database)."""
        rollout_lang = self.workspace.rollout_language()
        return _lang(lang) if lang else rollout_lang

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
        """The facts template `name` in `lang` uses that are not set in `lang`."""
        values = self.fact_values(_lang(lang or self.workspace.settings.lang))
        return tuple(k for k in self.needed_facts(name, lang, templates) if not values.get(k))

    # -- the texts ---------------------------------------------------------------

    def announcement_draft(
        self, lang: str | None = None, templates: Path | str | None = None
    ) -> Draft:
        """The announcement (two weeks ahead): why, each group's date, training, support."""
        lang = _lang(lang or self.workspace.settings.lang)
        rollout = self.workspace.rollout()
        with in_language(lang):
            values = plan.announcement_values(rollout, self.fact_values(lang), lang)
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
        """The weekly update of week `week` (default: this week): the gate today and its
        verdict on each group, progress from the figures recorded in the week, issues
        resolved in it, success notes, questions answered by workarounds, the objections
        heard in it (else the guide's four), what comes next and where to get help. The
        gate is evaluated once, here, as everywhere else."""
        lang = _lang(lang or self.workspace.settings.lang)
        ws = self.workspace
        rollout = ws.rollout()
        span = self.week(week)
        store = ws.store
        with in_language(lang):  # the gate's sentence too is worded in the mail's language
            gate = AdoptionService(ws).gate(rollout)
            values = plan.weekly_values(
                rollout,
                self.fact_values(lang),
                span,
                store.adoption.figures(),
                store.issues.list(),
                store.retro.list(kind="went-well"),
                ws.today(),
                gate,
                lang,
                tz=_local_zone(ws.now()),
            )
            values["sessions"] = week_sessions(store.sessions.all(), span.end, lang)
            heard = plan.objections_in(store.value.objections(), span, ws.today())
            values["objections"] = plan.objections_text(heard, rollout.plan, lang)
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
        untranslated = self.untranslated(lang)
        draft = checked(plan.fill, text, values, plan.PLACEHOLDERS[name], source, untranslated)
        return Draft(clean(draft.text), draft.missing)


# -- helpers -------------------------------------------------------------------


def week_sessions(sessions, week_end: dt.date, lang: str) -> str:
    """The sessions of the week after the update's week (issue 17)."""
    from launchtui.domain.sessions import week_text

    first = week_end + dt.timedelta(days=1)
    return week_text(sessions, first, first + dt.timedelta(days=6), lang)


def _local_zone(now: dt.datetime) -> dt.tzinfo:
    """The zone this process runs in, where the calendar days of a week are counted."""
    return now.astimezone().tzinfo or dt.UTC


def _read_template(path: Path) -> str:
    return read_user_text(
        path,
        MAX_TEMPLATE_BYTES,
        lambda shown: t(
            "{file}: larger than {n} KB; is it a template?",
            file=shown,
            n=MAX_TEMPLATE_BYTES // 1024,
        ),
        lambda shown, n: t("{file}: not UTF-8 text (byte {n})", file=shown, n=n),
    )
