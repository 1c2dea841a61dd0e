"""How the value of a phase reads: one renderer for `roi`, the value screen, the reviews,
the decision record and the panel's review reminder. Numbers go through `numbers`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from launchtui.domain.value import Cost, Returned, Saving
from launchtui.text import numbers
from launchtui.text.i18n import day_month, t


def title(r: Returned) -> str:
    if r.phase is None:
        return t("The rollout in total")
    return t("What phase {n} returned", n=r.phase)


def saving_line(s: Saving) -> str:
    """'weekly report (min/week): 50 -> 30, 20 better (40%)'."""
    change = s.improvement
    word = t("better") if change >= 0 else t("worse")
    pct = f" ({numbers.percent(abs(s.percent))})" if s.percent is not None else ""
    return t(
        "{measure} ({unit}): baseline {base} ({bdate}) -> {now} ({idate}), {delta} {word}{pct}",
        measure=s.measure.name,
        unit=s.measure.unit,
        base=numbers.decimal(s.baseline.value),
        bdate=day_month(s.baseline.date, s.impact.date),
        now=numbers.decimal(s.impact.value),
        idate=day_month(s.impact.date),
        delta=numbers.decimal(abs(change)),
        word=word,
        pct=pct,
    )


def cost_line(c: Cost, home: str | None, today: dt.date | None = None) -> str:
    """'licences: USD 12,000.00 a year x 36.5 = SRD 438,000.00 (from 3 Nov, shared)'; the
    year too when `today` is given and falls in another."""
    if c.kind == "recurring":
        per = t("a year") if c.period == "year" else t("a month")
        paid = f"{numbers.money(c.amount, c.currency)} {per}"
    else:
        paid = numbers.money(c.amount, c.currency)
    where = t("phase {n}", n=c.phase) if c.phase is not None else t("shared")
    if home and c.currency != home:
        paid += f" × {numbers.rate(c.rate)} = {numbers.money(c.converted, home)}"
    return t(
        "{label}: {paid} (from {date}, {where})",
        label=c.label,
        paid=paid,
        date=day_month(c.date, today),
        where=where,
    )


def result_lines(r: Returned) -> list[str]:
    """The result, each figure beside the inputs it came from; what is missing, named."""
    cur = r.currency
    lines: list[str] = []
    for s in r.savings:
        lines.append(saving_line(s))
    inputs = []
    if r.group_size is not None:
        inputs.append(t("{n} people", n=numbers.decimal(r.group_size)))
    if r.hourly_cost is not None and cur:
        inputs.append(t("{money} an hour", money=numbers.money(r.hourly_cost, cur)))
    if r.minutes_per_week is not None:
        inputs.append(t("{n} min saved per user a week", n=numbers.decimal(r.minutes_per_week)))
    if r.start is not None:
        inputs.append(t("since {date}", date=day_month(r.start, r.as_of)))
    if inputs:
        lines.append(t("Inputs: {inputs}", inputs=" · ".join(inputs)))
    if r.value_per_month is not None:
        lines.append(
            t(
                "Value: {month} a month, {to_date} to {date}",
                month=numbers.money(r.value_per_month, cur),
                to_date=numbers.money(r.value_to_date or 0, cur),
                date=day_month(r.as_of),
            )
        )
    if r.costs and cur:
        lines.append(
            t(
                "Costs: {one_off} one-off, {recurring} a month; {to_date} to {date}",
                one_off=numbers.money(r.one_off, cur),
                recurring=numbers.money(r.recurring_per_month, cur),
                to_date=numbers.money(r.cost_to_date, cur),
                date=day_month(r.as_of),
            )
        )
    if r.roi_to_date is not None:
        lines.append(t("ROI to date: {roi}", roi=signed_percent(r.roi_to_date)))
    if r.roi_first_year is not None:
        lines.append(t("ROI over the first 12 months: {roi}", roi=signed_percent(r.roi_first_year)))
    if r.payback is not None:
        lines.append(t("Pays back on {date}", date=day_month(r.payback, r.as_of)))
    elif r.never_pays_back:
        lines.append(t("Never pays back at these figures: the recurring costs eat the value"))
    if r.missing:
        lines.append(t("Not enough data: {what}", what="; ".join(r.missing)))
    return lines


def summary(r: Returned) -> str:
    """One line for a decision record or the panel: value, ROI, payback, or what is missing."""
    if r.missing and r.roi_first_year is None:
        return t("not enough data: {what}", what="; ".join(r.missing))
    # What was left out is said with the figures, or the figures look complete.
    gaps = t("not enough data: {what}", what="; ".join(r.missing)) if r.missing else ""
    parts = [
        t("{money} a month", money=numbers.money(r.value_per_month or 0, r.currency)),
        t("ROI to date {roi}", roi=signed_percent(r.roi_to_date))
        if r.roi_to_date is not None
        else "",
        t("first 12 months {roi}", roi=signed_percent(r.roi_first_year)),
        t("pays back {date}", date=day_month(r.payback, r.as_of))
        if r.payback
        else t("never pays back")
        if r.never_pays_back
        else "",
        gaps,
    ]
    return ", ".join(p for p in parts if p)


def signed_percent(fraction: float | None) -> str:
    if fraction is None:
        return "-"
    value = fraction * 100
    return ("+" if value > 0 else "") + numbers.percent(value)


def to_json(r: Returned) -> dict[str, Any]:
    """Every figure and every input, machine-readable; missing ones are null and named."""
    return {
        "phase": r.phase,
        "as_of": r.as_of.isoformat(),
        "currency": r.currency,
        "inputs": {
            "start": r.start.isoformat() if r.start else None,
            "group_size": r.group_size,
            "hourly_cost": r.hourly_cost,
            "minutes_saved_per_user_week": r.minutes_per_week,
            "measures": [
                {
                    "measure": s.measure.name,
                    "unit": s.measure.unit,
                    "lower_is_better": s.measure.lower_is_better,
                    "baseline": s.baseline.value,
                    "baseline_date": s.baseline.date.isoformat(),
                    "impact": s.impact.value,
                    "impact_date": s.impact.date.isoformat(),
                    "improvement": s.improvement,
                }
                for s in r.savings
            ],
            "costs": [
                {
                    "label": c.label,
                    "amount": c.amount,
                    "currency": c.currency,
                    "rate": c.rate,
                    "kind": c.kind,
                    "per": c.period,
                    "date": c.date.isoformat(),
                    "phase": c.phase,
                    "converted": c.converted,
                }
                for c in r.costs
            ],
        },
        "value_per_month": r.value_per_month,
        "value_to_date": r.value_to_date,
        "one_off": r.one_off,
        "recurring_per_month": r.recurring_per_month,
        "cost_to_date": r.cost_to_date,
        "cost_first_year": r.cost_first_year,
        "payback": r.payback.isoformat() if r.payback else None,
        "never_pays_back": r.never_pays_back,
        "roi_to_date": r.roi_to_date,
        "roi_first_year": r.roi_first_year,
        "missing": list(r.missing),
    }
