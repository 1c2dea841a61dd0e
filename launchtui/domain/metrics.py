"""Adoption figures: one dated record per phase's group, and reading them from text.

`parse_figures` is the one validator: the `metrics record` command, the figures form and
`read_figures_csv` (the `metrics import` of survey exports) all go through it, so a
figure means the same wherever it was entered.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import itertools
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from launchtui.domain.rollout import Actor
from launchtui.text.i18n import N_, t

# Every figure a record can hold, in the order they are shown and stored.
FIGURE_FIELDS = (
    "accounts",
    "active_weekly",
    "active_daily",
    "workflows",
    "old_system",
    "satisfaction",
    "nps",
    "tickets",
    "training",
)
PERCENT_FIELDS = (
    "accounts",
    "active_weekly",
    "active_daily",
    "workflows",
    "old_system",
    "training",
)
INTEGER_FIELDS = ("nps", "tickets")

# What each figure means, for help texts and forms (marked; `figure_label` draws it).
FIGURE_LABELS = {
    "accounts": N_("% with accounts"),
    "active_weekly": N_("% active weekly (active use)"),
    "active_daily": N_("% active daily"),
    "workflows": N_("% completing key workflows"),
    "old_system": N_("% still on the old system"),
    "satisfaction": N_("satisfaction, 0-10 average"),
    "nps": N_("NPS, -100 to 100"),
    "tickets": N_("support tickets this week"),
    "training": N_("% training completed"),
}


def figure_label(field: str) -> str:
    """What a figure means (`FIGURE_LABELS`), in the language of the texts."""
    return t(FIGURE_LABELS[field]) if field in FIGURE_LABELS else field


# Header (or option) names that mean a field, after `normalise_name`.
SYNONYMS: dict[str, str] = {
    "phase": "phase",
    "date": "date",
    "accounts": "accounts",
    "account": "accounts",
    "with_accounts": "accounts",
    "active": "active_weekly",
    "active_weekly": "active_weekly",
    "weekly": "active_weekly",
    "weekly_active": "active_weekly",
    "active_use": "active_weekly",
    "daily": "active_daily",
    "active_daily": "active_daily",
    "daily_active": "active_daily",
    "workflows": "workflows",
    "workflow": "workflows",
    "key_workflows": "workflows",
    "old": "old_system",
    "old_system": "old_system",
    "satisfaction": "satisfaction",
    "sat": "satisfaction",
    "score": "satisfaction",
    "nps": "nps",
    "tickets": "tickets",
    "support_tickets": "tickets",
    "training": "training",
    "training_completion": "training",
}

_RANGES: dict[str, tuple[float, float]] = {
    **{name: (0, 100) for name in PERCENT_FIELDS},
    "satisfaction": (0, 10),
    "nps": (-100, 100),
}
MAX_CELL = 100  # characters worth reading back in an error message


class Figures(NamedTuple):
    """Adoption figures of one phase's group on one date; None means not measured."""

    phase: int
    date: dt.date
    active_weekly: float | None = None
    accounts: float | None = None
    active_daily: float | None = None
    workflows: float | None = None
    old_system: float | None = None
    satisfaction: float | None = None
    nps: int | None = None
    tickets: int | None = None
    training: float | None = None
    recorded_by: Actor | None = None
    recorded_at: dt.datetime | None = None
    id: int | None = None

    def values(self) -> dict[str, float | int | None]:
        """Every figure by field name, in `FIGURE_FIELDS` order."""
        return {name: getattr(self, name) for name in FIGURE_FIELDS}

    @property
    def new_system(self) -> float | None:
        """% on the new system: everyone not still on the old one."""
        return None if self.old_system is None else 100 - self.old_system


def normalise_name(name: str) -> str:
    """'Active weekly %' -> 'active_weekly'; 'old-system' -> 'old_system'."""
    text = name.strip().lstrip("\ufeff").lower().replace("%", " ")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


@functools.lru_cache(maxsize=1024)
def field_for(name: str) -> str | None:
    """The field a header or option name means, or None when it means none."""
    return SYNONYMS.get(normalise_name(name))


def parse_figures(
    mapping: Mapping[str, str | None],
    default_phase: int,
    default_date: dt.date,
    *,
    today: dt.date | None = None,
) -> Figures:
    """Validate text values (field or synonym -> text) into Figures.

    Empty values are "not measured". `phase` and `date` fall back to the defaults. When
    `today` is given, a date after it is refused. Raises ValueError naming the field:
    "satisfaction: 11 is not between 0 and 10" (the field's name stays as it is, in
    every language, so callers can tell which one).
    """
    values: dict[str, str] = {}
    for key, raw in mapping.items():
        field = field_for(key)
        if field is None:
            raise ValueError(
                t(
                    "{field}: not a figure (known: phase, date, {known})",
                    field=key,
                    known=", ".join(FIGURE_FIELDS),
                )
            )
        text = "" if raw is None else str(raw).strip()
        if not text:
            continue
        if field in values:
            raise ValueError(t("{field}: given twice", field=field))
        values[field] = text
    return _checked(values, default_phase, default_date, today)


def _checked(
    values: dict[str, str], default_phase: int, default_date: dt.date, today: dt.date | None
) -> Figures:
    """`parse_figures` once each value is known by its field (and given only once)."""
    phase = _phase(values.pop("phase")) if "phase" in values else _phase(default_phase)
    date = _date(values.pop("date")) if "date" in values else default_date
    if today is not None and date > today:
        raise ValueError(t("date: {date} lies in the future", date=date.isoformat()))
    if not values:
        raise ValueError(
            t("no figure given: give at least one of {known}", known=", ".join(FIGURE_FIELDS))
        )
    numbers = {field: _number(field, text) for field, text in values.items()}
    return Figures(phase=phase, date=date, **numbers)


def _shown(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[:MAX_CELL] + "…"


def _phase(value: int | str) -> int:
    text = str(value).strip()
    if not text.isdigit() or int(text) < 1:
        raise ValueError(t("phase: {value} is not a phase number like 1", value=_shown(text)))
    return int(text)


def _date(text: str) -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            t("date: {value} is not a date like 2026-11-07", value=_shown(text))
        ) from None


def _number(field: str, text: str) -> float | int:
    cleaned = text.removesuffix("%").strip().replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # 7,5: a decimal comma
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError(
            t("{field}: {value} is not a number", field=field, value=_shown(text))
        ) from None
    if not math.isfinite(number):
        raise ValueError(t("{field}: {value} is not a number", field=field, value=_shown(text)))
    if field in INTEGER_FIELDS:
        if number != int(number):
            raise ValueError(
                t("{field}: {value} is not a whole number", field=field, value=_shown(text))
            )
        number = int(number)
    if field == "tickets" and number < 0:
        raise ValueError(
            t(
                "{field}: {value} is negative; count the tickets, 0 or more",
                field=field,
                value=_shown(text),
            )
        )
    if field in _RANGES:
        low, high = _RANGES[field]
        if not low <= number <= high:
            raise ValueError(
                t(
                    "{field}: {value} is not between {low} and {high}",
                    field=field,
                    value=_shown(text),
                    low=low,
                    high=high,
                )
            )
    return number


def read_figures_csv(
    text: str, default_phase: int, today: dt.date
) -> tuple[list[Figures], list[str]]:
    """Read a survey export: (good rows, one error per bad row like "line 4: nps: ...").

    Columns are mapped by header, case-insensitively, with a few synonyms (`SYNONYMS`);
    columns that mean no figure (names, e-mail addresses, comments) are ignored. A row
    without `phase` or `date` takes `default_phase` or `today`. Good rows are kept even
    when others are bad; blank rows are skipped. Commas or semicolons separate cells.
    Each error starts "line N: " in every language (callers read the number from it); what
    follows is in the language of the texts. (`iter_figures_csv` reads a file as it comes.)
    """
    figures: list[Figures] = []
    errors: list[str] = []
    for line, row in iter_figures_csv(io.StringIO(text, newline=""), default_phase, today):
        if isinstance(row, Figures):
            figures.append(row)
        else:
            errors.append(f"line {line}: {row}")
    return figures, errors


def iter_figures_csv(
    lines: Iterable[str], default_phase: int, today: dt.date
) -> Iterator[tuple[int, Figures | str]]:
    """`read_figures_csv` row by row, as the lines come (a large file need not be held
    whole): (line, Figures) for a good row, (line, what is wrong) for a bad one, in file
    order. `lines` are cut as `open(..., newline="")` cuts them; a leading BOM is dropped.
    A header that names no figure, or CSV that cannot be read, ends it.
    """
    source = iter(lines)
    skipped: list[str] = []
    for first in source:
        if not skipped:
            first = first.lstrip("\ufeff")
        skipped.append(first)
        if first.strip():
            break
    else:
        empty = t("the file is empty; expected a header row like date,phase,active")
        yield 1, empty
        return
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(itertools.chain(skipped, source), delimiter=delimiter)

    header: list[str] | None = None
    header_line = 0
    fields: list[tuple[int, str]] = []  # (column, field) of the columns that mean one
    good = bad = 0
    try:
        for row in reader:
            line = reader.line_num
            if not "".join(row).strip():
                continue  # a blank row
            if header is None:
                header, header_line = row, line
                columns, problem = _map_header(row)
                if problem:
                    yield line, problem
                    return
                fields = list(columns.items())
                continue
            if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
                bad += 1
                yield (
                    line,
                    t(
                        "{cells} cells, but the header on line {header} names {named}",
                        cells=len(row),
                        header=header_line,
                        named=len(header),
                    ),
                )
                continue
            # As parse_figures reads them, with the fields known from the header already.
            values = {}
            for i, field in fields:
                if i < len(row) and (text := row[i].strip()):
                    values[field] = text
            try:
                figures = _checked(values, default_phase, today, today)
            except ValueError as exc:
                bad += 1
                yield line, str(exc)
            else:
                good += 1
                yield line, figures
    except csv.Error as exc:
        bad += 1
        yield reader.line_num, t("unreadable CSV ({error}); the rest was not read", error=exc)
    if header is not None and not good and not bad:
        yield header_line, t("a header but no rows of figures")


def _map_header(header: list[str]) -> tuple[dict[int, str], str | None]:
    """Column index -> field for the columns that mean one; or a problem with the header."""
    columns: dict[int, str] = {}
    seen: dict[str, str] = {}
    for index, name in enumerate(header):
        field = field_for(name)
        if field is None:
            continue
        if field in seen:
            return {}, t(
                "columns '{first}' and '{second}' both mean {field}",
                first=seen[field],
                second=name.strip(),
                field=field,
            )
        seen[field] = name.strip()
        columns[index] = field
    if not set(columns.values()) & set(FIGURE_FIELDS):
        shown = ", ".join(h.strip() for h in header)[:200]
        return {}, t(
            "no column names a figure (found: {found}); expected headers like "
            "date, phase, active, satisfaction, nps",
            found=shown,
        )
    return columns, None
