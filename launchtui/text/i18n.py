"""English and Dutch on gettext: `t` for every text a person reads, `n_` for a count.

Source strings are English and double as message ids. The Dutch is the gettext catalogue
`launchtui/locale/nl/LC_MESSAGES/launchtui.po`, compiled to the `.mo` beside it that
the standard library's `gettext` reads (`make translations` extracts, merges and
compiles with Babel, a developer's tool only). A test walks the package for every
`t("...")`, `n_`, `N_` and `p_` and fails when one has no translation, or a fuzzy one.
The language can change while the app runs, so texts are translated when they are drawn,
never once at import.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import gettext
import os
from collections.abc import Iterator
from pathlib import Path

import humanize

# The languages launchtui speaks: the one list every other module imports.
LANGS = ("en", "nl")
LANG_NAMES = {"en": "English", "nl": "Nederlands"}
DOMAIN = "launchtui"
LOCALE_DIR = Path(__file__).parent.parent / "locale"
_lang = "en"
# The current language's catalogue; English, the source language, needs none.
_catalogue: gettext.NullTranslations = gettext.NullTranslations()
# A language for this thread or task alone (`in_language`): a mail written in Dutch while
# the screen stays English. None: the process-wide language above.
_override: contextvars.ContextVar[tuple[str, gettext.NullTranslations] | None] = (
    contextvars.ContextVar("launchtui_language", default=None)
)


class UnknownLanguage(ValueError):
    pass


def resolve(option: str | None, environ: dict[str, str] | None = None) -> str:
    """--lang, else $LAUNCHTUI_LANG, else the locale (nl_* is Dutch), else English."""
    env = os.environ if environ is None else environ
    if option:
        return check(option, "--lang")
    if env.get("LAUNCHTUI_LANG"):
        return check(env["LAUNCHTUI_LANG"], "LAUNCHTUI_LANG")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


def check(lang: str, where: str) -> str:
    value = lang.strip().lower().split("_")[0].split("-")[0]
    if value not in LANGS:
        raise UnknownLanguage(f"{where}: unknown language {lang!r}; use en or nl")
    return value


def _translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang`; English, the source language, needs none. gettext keeps
    a catalogue once read, so only those who read Dutch ever read it."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def set_language(lang: str) -> None:
    global _lang, _catalogue
    _lang = check(lang, "language")
    _catalogue = _translations(_lang)
    if _lang == "en":
        humanize.i18n.deactivate()
    else:
        humanize.i18n.activate("nl_NL")


def language() -> str:
    """The language texts are drawn in here: `in_language`'s, else the process's."""
    override = _override.get()
    return override[0] if override is not None else _lang


def _current() -> gettext.NullTranslations:
    override = _override.get()
    return override[1] if override is not None else _catalogue


@contextlib.contextmanager
def in_language(lang: str) -> Iterator[str]:
    """Within the block, `t`, `n_`, `p_` and the day and month names speak `lang`, in
    this thread or task only: a text made for a reader of another language (a Dutch
    mail) without switching what everyone else sees. Yields the checked language."""
    checked = check(lang, "language")
    token = _override.set((checked, _translations(checked)))
    try:
        yield checked
    finally:
        _override.reset(token)


def N_(text: str) -> str:
    """`text` unchanged: marks it for the catalogue, to be translated with `t` where it is
    drawn (gettext's name), as for a Binding description made at import."""
    return text


def t(text: str, /, **values: object) -> str:
    """`text` in the current language, with `{name}` fields filled from `values`."""
    template = _current().gettext(text) if text else text  # "" is the catalogue's header
    return template.format(**values) if values else template


def n_(count: int, one: str, many: str, /, **values: object) -> str:
    """The singular or plural text for `count` ({n} is the count), by the language's
    plural rule (ngettext)."""
    return _current().ngettext(one, many, count).format(n=count, **values)


def plain(message: str) -> str:
    """`message` in the current language, unformatted: for a library's own texts (click)
    that it formats itself."""
    return _current().gettext(message) if message else message


def plain_plural(one: str, many: str, count: int) -> str:
    """The singular or plural of a library's own text, unformatted (see `plain`)."""
    return _current().ngettext(one, many, count)


def p_(context: str, text: str, /, **values: object) -> str:
    """`text` in the current language as meant in `context` (pgettext): for a short word
    that two places mean differently ("go" the decision, "go" the gate's state)."""
    template = _current().pgettext(context, text)
    return template.format(**values) if values else template


def day_name(day: dt.date) -> str:
    """'Tue' / 'di'."""
    return _short_day_names(language())[day.weekday()]


def month_name(day: dt.date) -> str:
    """'Nov' / 'nov'."""
    return _short_month_names(language())[day.month - 1]


def day_month(day: dt.date, today: dt.date | None = None) -> str:
    """'7 Dec' / '7 dec': a date in a sentence or a table cell, every view the same; with
    the year too when `today` is given and falls in another year."""
    text = f"{day.day} {month_name(day)}"
    return text if today is None or day.year == today.year else f"{text} {day.year:04d}"


# A list of 2,000 sessions names a day and a month in each line: each language's names
# are looked up once, not all nineteen again for every date.
@functools.cache
def _short_day_names(lang: str) -> tuple[str, ...]:
    return (
        p_("short weekday", "Mon"),
        p_("short weekday", "Tue"),
        p_("short weekday", "Wed"),
        p_("short weekday", "Thu"),
        p_("short weekday", "Fri"),
        p_("short weekday", "Sat"),
        p_("short weekday", "Sun"),
    )


@functools.cache
def _short_month_names(lang: str) -> tuple[str, ...]:
    return (
        p_("short month", "Jan"),
        p_("short month", "Feb"),
        p_("short month", "Mar"),
        p_("short month", "Apr"),
        p_("short month", "May"),
        p_("short month", "Jun"),
        p_("short month", "Jul"),
        p_("short month", "Aug"),
        p_("short month", "Sep"),
        p_("short month", "Oct"),
        p_("short month", "Nov"),
        p_("short month", "Dec"),
    )


def long_day_name(day: dt.date) -> str:
    """'Tuesday' / 'dinsdag'."""
    names = (
        p_("weekday", "Monday"),
        p_("weekday", "Tuesday"),
        p_("weekday", "Wednesday"),
        p_("weekday", "Thursday"),
        p_("weekday", "Friday"),
        p_("weekday", "Saturday"),
        p_("weekday", "Sunday"),
    )
    return names[day.weekday()]


def long_month_name(day: dt.date) -> str:
    """'November' / 'november'."""
    names = (
        p_("month", "January"),
        p_("month", "February"),
        p_("month", "March"),
        p_("month", "April"),
        p_("month", "May"),
        p_("month", "June"),
        p_("month", "July"),
        p_("month", "August"),
        p_("month", "September"),
        p_("month", "October"),
        p_("month", "November"),
        p_("month", "December"),
    )
    return names[day.month - 1]
