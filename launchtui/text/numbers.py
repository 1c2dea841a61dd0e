"""The one way each kind of figure is written, in every view and every export.

Values are cut, never rounded, to at most two decimals: a gate needs 80% and a value of
79.996% must not read "80%" beside a verdict that says it fails. Dutch writes a decimal
comma. Thresholds go through the same functions, so "needs 80%" and "71.25%" match.
"""

from __future__ import annotations

import math

from launchtui.text.i18n import language

PERCENT = "percent"
SCORE = "score"  # satisfaction, out of 10
NPS = "nps"
COUNT = "count"

# What kind of number each figure field is (every other field is a percentage).
FIELD_KINDS = {"satisfaction": SCORE, "nps": NPS, "tickets": COUNT}


def kind_of(field: str) -> str:
    return FIELD_KINDS.get(field, PERCENT)


def decimal(value: float, lang: str | None = None) -> str:
    """71.25 -> '71.25', 80.0 -> '80', 79.996 -> '79.99'; '71,25' in Dutch."""
    cut = math.trunc(round(float(value) * 100, 6)) / 100  # round() first: 0.29*100 = 28.999…
    text = f"{cut:.2f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",") if (lang or language()) == "nl" else text


def percent(value: float, lang: str | None = None) -> str:
    """'71.25%'."""
    return decimal(value, lang) + "%"


def score(value: float, lang: str | None = None) -> str:
    """A satisfaction average: '7.5/10'."""
    return decimal(value, lang) + "/10"


def nps(value: float) -> str:
    """A net promoter score, always signed: '+12', '-3', '0'."""
    number = int(value)
    return f"{number:+d}" if number else "0"


def count(value: float) -> str:
    return str(int(value))


def figure(field: str, value: float | None, lang: str | None = None) -> str:
    """A figure by its field name (`launchtui.domain.metrics.FIGURE_FIELDS`); '-' for None."""
    if value is None:
        return "-"
    kind = kind_of(field)
    if kind == SCORE:
        return score(value, lang)
    if kind == NPS:
        return nps(value)
    if kind == COUNT:
        return count(value)
    return percent(value, lang)


def money(amount: float, currency: str | None, lang: str | None = None) -> str:
    """'SRD 43,333.33' ('SRD 43.333,33' in Dutch): rounded to the cent, thousands grouped,
    the ISO 4217 code first. Unlike a gate's figure no verdict rests on a cent, so money is
    rounded as a bookkeeper would, not cut."""
    text = f"{abs(round(float(amount), 2)):,.2f}"
    if (lang or language()) == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    sign = "-" if round(float(amount), 2) < 0 else ""
    return f"{currency} {sign}{text}" if currency else f"{sign}{text}"


def rate(value: float, lang: str | None = None) -> str:
    """An exchange rate, up to four decimals: '36.5', '0.0274'."""
    text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if (lang or language()) == "nl" else text
