"""English and Dutch: one function, `t`, for every text a person reads.

Source strings are English and double as catalogue keys; `launchtui/locale/nl.py`
holds the Dutch. A test walks the package for every `t("...")` and fails when one has no
translation. The language can change while the app runs, so texts are translated when
they are drawn, never once at import.
"""

from __future__ import annotations

import datetime as dt
import os

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
_lang = "en"
_catalogue: dict[str, str] = {}  # the current language's; English needs none


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
    if _lang == "nl":
        from launchtui.locale.nl import NL  # loaded only by those who read Dutch

        _catalogue = NL
        humanize.i18n.activate("nl_NL")
    else:
        _catalogue = {}
        humanize.i18n.deactivate()


def language() -> str:
    return _lang


def t(text: str, /, **values: object) -> str:
    """`text` in the current language, with `{name}` fields filled from `values`."""
    template = _catalogue.get(text, text)
    return template.format(**values) if values else template


def n_(count: int, one: str, many: str, /, **values: object) -> str:
    """The singular or plural text for `count` ({n} is the count)."""
    return t(one if count == 1 else many, n=count, **values)


def day_name(day: dt.date) -> str:
    return _DAYS[_lang][day.weekday()]


def month_name(day: dt.date) -> str:
    return _MONTHS[_lang][day.month - 1]
