"""The month-1 and month-3 review reports, in Markdown or HTML, English or Dutch.

They compare the figures with the baseline, list satisfaction and training needs per
group (from attendance at held trainings when the rollout plans trainings, as the gate
reads them; else the typed training figure), the open issues, and at month 3 what each
phase returned (ROI). Every money figure comes from `ValueService.returns` through
`launchtui.text.value_text`, the same lines the value screen and `roi` show. User text
goes through `md_inline` (the one Markdown escaper) or `html.escape`.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from launchtui.domain.reviews import review_dates
from launchtui.domain.sessions import GroupTraining, training_criterion
from launchtui.domain.value import latest_savings
from launchtui.exporters.issues import md_inline
from launchtui.services.adoption import AdoptionService
from launchtui.services.sessions import trained_groups
from launchtui.text import numbers
from launchtui.text.i18n import day_month, language, t
from launchtui.text.safe import one_line
from launchtui.text.value_text import result_lines, saving_line, title

if TYPE_CHECKING:
    from launchtui.services.value import ValueService

OPEN = ("open", "workaround")


def review_sections(service: ValueService, which: str) -> tuple[str, list[tuple[str, list[str]]]]:
    """The review's heading and its sections as (heading, plain lines), in the current
    language; the writers below only escape and mark them up."""
    ws = service.workspace
    rollout = ws.rollout()
    due = review_dates(rollout.end)[which]
    returns = service.returns(ws.today())
    name = t("Month-1 review") if which == "month1" else t("Month-3 review")
    heading = t(
        "{review} of {tool} (due {date})",
        review=name,
        tool=rollout.tool,
        date=day_month(due, ws.today()),
    )
    sections: list[tuple[str, list[str]]] = []

    compared = [saving_line(s) for p in returns.phases for s in p.savings]
    measures, readings = service.log.measures(), service.log.readings()
    missing = [
        t("phase {n}: {what}", n=p.phase, what=what)
        for p in returns.phases
        for what in latest_savings(measures, readings, p.phase or 0, returns.as_of)[1]
    ]
    sections.append(
        (t("Figures against the baseline"), compared + missing or [t("No figures measured yet")])
    )

    # The surveys as the gate judges them: each group's latest satisfaction and NPS, each
    # its own latest figure (a newer row with only active use leaves them standing).
    today = ws.today()
    verdicts = AdoptionService(ws).gate(rollout, today=today).groups
    survey, typed = [], []
    for v in verdicts:
        sat, nps = v.satisfaction.latest, v.nps.latest
        dates = [r.date for r in (sat, nps) if r is not None]
        if not dates:
            continue
        survey.append(
            t(
                "phase {n}: satisfaction {sat}, NPS {nps} ({date})",
                n=v.phase,
                sat=numbers.figure("satisfaction", sat.value if sat else None),
                nps=numbers.figure("nps", nps.value if nps else None),
                date=day_month(max(dates), today),
            )
        )
    trained: dict[int, float] = {}
    for f in sorted(ws.store.adoption.figures(), key=lambda f: f.date):
        if f.training is not None and f.date <= today:
            trained[f.phase] = f.training
    for v in verdicts:
        done = trained.get(v.phase)
        if done is None:
            typed.append(t("phase {n}: training completion not measured", n=v.phase))
        elif done < 100:
            typed.append(
                t(
                    "phase {n}: {pct} completed training; {rest} still to train",
                    n=v.phase,
                    pct=numbers.percent(done),
                    rest=numbers.percent(100 - done),
                )
            )
    sections.append((t("Satisfaction"), survey or [t("No survey figures yet")]))
    # Training needs as the gate reads them: from attendance at held trainings when the
    # rollout plans trainings, else from the typed training-completion figure.
    groups = trained_groups(ws, rollout, today)
    training = typed if groups is None else attendance_lines(groups, today)
    sections.append((t("Training needs"), training or [t("No training needs recorded")]))

    issues = [i for i in ws.store.issues.list() if i.status in OPEN]
    sections.append(
        (
            t("Open issues"),
            [f"#{i.id} {i.severity}: {i.title}" for i in issues] or [t("No open issues")],
        )
    )
    if which == "month3":
        for part in (*returns.phases, returns.total):
            sections.append((title(part), result_lines(part)))
    return heading, sections


def attendance_lines(groups: Sequence[GroupTraining], today: dt.date) -> list[str]:
    """Per started group, how many attended a held training and how many are still to
    train; then the gate's own training figure (`training_criterion`, the same function
    the gate calls) with what it needs."""
    lines = []
    for g in groups:
        if g.size is None:
            lines.append(
                t(
                    "phase {n} ({group}): {attended} attended a training; no headcount to"
                    " say how many are still to train (launchtui sessions headcount N)",
                    n=g.phase,
                    group=g.group,
                    attended=g.attended,
                )
            )
            continue
        trained = min(g.attended, g.size)
        lines.append(
            t(
                "phase {n} ({group}): {trained} of {size} attended a training ({pct});"
                " {rest} still to train",
                n=g.phase,
                group=g.group,
                trained=trained,
                size=g.size,
                pct=numbers.percent(g.percent or 0.0),
                rest=g.size - trained,
            )
        )
    gate = training_criterion(groups, today)
    lines.append(
        t(
            "The gate's training figure: {detail} (needs {threshold}, advisory)",
            detail=gate.detail,
            threshold=gate.threshold_label,
        )
    )
    return lines


def write_review(service: ValueService, which: str, fmt: str, stream: TextIO) -> None:
    heading, sections = review_sections(service, which)
    if fmt == "html":
        lang = language()
        stream.write(f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8">')
        stream.write(f"<title>{html.escape(one_line(heading))}</title></head>\n<body>\n")
        stream.write(f"<h1>{html.escape(one_line(heading))}</h1>\n")
        for head, lines in sections:
            stream.write(f"<h2>{html.escape(one_line(head))}</h2>\n<ul>\n")
            for line in lines:
                stream.write(f"<li>{html.escape(one_line(line))}</li>\n")
            stream.write("</ul>\n")
        stream.write("</body>\n</html>\n")
        return
    stream.write(f"# {md_inline(heading)}\n")
    for head, lines in sections:
        stream.write(f"\n## {md_inline(head)}\n\n")
        for line in lines:
            stream.write(f"- {md_inline(line)}\n")
