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

import datetime as dt
import gettext
import os
from pathlib import Path

import humanize

LANGS = ("en", "nl")
LANG_NAMES = {"en": "English", "nl": "Nederlands"}
_DAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
}
_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
}
DOMAIN = "launchtui"
LOCALE_DIR = Path(__file__).parent.parent / "locale"
_lang = "en"
# The current language's catalogue; English, the source language, needs none.
_catalogue: gettext.NullTranslations = gettext.NullTranslations()


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


def set_language(lang: str) -> None:
    global _lang, _catalogue
    _lang = check(lang, "language")
    if _lang == "en":
        _catalogue = gettext.NullTranslations()
        humanize.i18n.deactivate()
    else:  # read only by those who read Dutch; gettext keeps it once read
        _catalogue = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_lang])
        humanize.i18n.activate("nl_NL")


def language() -> str:
    return _lang


def N_(text: str) -> str:
    """`text` unchanged: marks it for the catalogue, to be translated with `t` where it is
    drawn (gettext's name), as for a Binding description made at import."""
    return text


def t(text: str, /, **values: object) -> str:
    """`text` in the current language, with `{name}` fields filled from `values`."""
    template = _catalogue.gettext(text) if text else text  # "" is the catalogue's header
    return template.format(**values) if values else template


def n_(count: int, one: str, many: str, /, **values: object) -> str:
    """The singular or plural text for `count` ({n} is the count), by the language's
    plural rule (ngettext)."""
    return _catalogue.ngettext(one, many, count).format(n=count, **values)


def p_(context: str, text: str, /, **values: object) -> str:
    """`text` in the current language as meant in `context` (pgettext): for a short word
    that two places mean differently ("go" the decision, "go" the gate's state)."""
    template = _catalogue.pgettext(context, text)
    return template.format(**values) if values else template


def day_name(day: dt.date) -> str:
    return _DAYS[_lang][day.weekday()]


def month_name(day: dt.date) -> str:
    return _MONTHS[_lang][day.month - 1]
