"""The gate in words: one renderer for its states, criteria, groups and decisions.

The status panel, the gate tab, `status`, `gate show`, `phases decisions` and the report
all draw the gate with these functions, so a figure, a verdict and a threshold read the
same everywhere. User text (group names, reasons) is folded to one safe line here.
"""

from __future__ import annotations

from launchtui.domain.decisions import Decision, decision_word
from launchtui.domain.gate import Criterion, Gate, GroupVerdict, criterion_label
from launchtui.domain.ticks import RuleException
from launchtui.text import numbers
from launchtui.text.i18n import day_month, n_, t
from launchtui.text.present import fold, gate_word, state_text
from launchtui.text.safe import one_line


def value_text(criterion: Criterion) -> str:
    """A criterion's value as people write it: '71.25%', '6.5/10', '+4', '12'."""
    if criterion.kind == "decision":
        return decision_word(criterion.status) if criterion.status != "none" else "-"
    return kind_value(criterion.kind, criterion.value)


def kind_value(kind: str, value: float | None) -> str:
    """A value of a criterion of `kind` (active, satisfaction, nps, tickets, ...)."""
    if value is None:
        return t("no figure")
    if kind == "satisfaction":
        return numbers.score(value)
    if kind == "nps":
        return numbers.nps(value)
    if kind == "tickets":
        return numbers.count(value)
    if kind in ("active", "new-system", "training"):
        return numbers.percent(value)
    return numbers.decimal(value)


def verdict_word(status: str, stale: bool = False) -> str:
    """A verdict in a word or two: 'met', 'on track', 'MISSED', 'not yet', 'no decision';
    'stale' for a figure too old to count, where the rule is not met."""
    if stale and status not in ("met", "ok"):
        return t("stale")
    words = {
        "met": t("met"),
        "on-track": t("on track"),
        "needs-work": t("needs work"),
        "missed": t("MISSED"),
        "ok": t("ok"),
        "pending": t("not yet"),
        "failing": t("FAILING"),
        "go": t("go"),
        "hold": t("HOLD"),
        "stop": t("STOP"),
        "none": t("no decision"),
    }
    return words.get(status, status)


def status_text(criterion: Criterion) -> str:
    """How a criterion stands, in a word or two: 'met', 'on track', 'missed', 'no decision'."""
    if criterion.advisory and not criterion.ok:
        return t("advisory")
    return verdict_word(criterion.status, criterion.stale and not criterion.ok)


def mark(criterion: Criterion) -> str:
    """'✓' holds, '✗' does not, '·' advisory and not met, '!' holds with a warning."""
    if criterion.ok:
        return "!" if criterion.warning else "✓"
    return "·" if criterion.advisory else "✗"


def days_left_text(criterion: Criterion) -> str:
    days = criterion.days_left
    if days is None or criterion.ok or criterion.kind == "decision":
        return ""
    if days < 0:
        return n_(-days, "deadline passed {n} day ago", "deadline passed {n} days ago")
    if days == 0:
        return t("last day")
    return n_(days, "{n} day left", "{n} days left")


def criterion_line(criterion: Criterion) -> str:
    """'✗ active use: Core team  71.25%  needs work  needs >= 80%, 9 days left'."""
    needs = t("needs {threshold}", threshold=criterion.shown_threshold)
    left = days_left_text(criterion)
    if left:
        needs += f", {left}"
    return (
        f"{mark(criterion)} {one_line(criterion.shown_name)}: {value_text(criterion)}"
        f"  {status_text(criterion)}  ({needs})"
    )


def kind_name(kind: str) -> str:
    """A criterion's kind in a word or two, without its group: 'active use', 'NPS'."""
    names = {
        "active": lambda: t("active use"),
        "satisfaction": lambda: t("satisfaction"),
        "nps": lambda: t("NPS"),
        "decision": lambda: t("decision"),
        "new-system": lambda: t("on the new system"),
        "tickets": lambda: t("support tickets"),
        "training": lambda: t("training completion"),
    }
    return names[kind]() if kind in names else kind


def panel_gate_line(gate: Gate, width: int) -> str:
    """The gate in one line of at most `width` columns, for the status panel: the state,
    then its sentence when that fits, else the first criterion not met in short, named
    as the sentence names it ("Core team: active use 68%"), with its threshold, days left
    and the count of the others as they fit (the rest is on the gate tab). A group's
    name too long for the line is cut, not the figure; with no room for a useful part
    of it, the figure goes without it."""
    head = fold(f"{t('GATE')} {gate_word(gate)}  ")
    room = width - len(head)
    candidates = [one_line(gate.sentence)]
    unmet = [c for c in gate.criteria if not c.ok and not c.advisory]
    cut_group: tuple[str, str] | None = None  # (group, what follows it) to cut to fit
    nameless: list[str] = []  # the figure without its group: when no name fits
    if gate.state in ("watch", "pause") and unmet and gate.override is None:
        first = unmet[0]
        group = one_line(first.subject)
        # "active use 68%"; without a figure, "active use, no figure"
        glue = ", " if first.value is None and first.kind != "decision" else " "
        figure = f"{kind_name(first.kind)}{glue}{value_text(first)}"
        what = f"{group}: {figure}" if group else f"{kind_name(first.kind)}: {value_text(first)}"
        needs = t("needs {threshold}", threshold=first.shown_threshold)
        left = days_left_text(first)
        more = " · " + t("+{n} more", n=len(unmet) - 1) if len(unmet) > 1 else ""
        dated = (
            t("{needs} by {date}", needs=needs, date=day_month(first.deadline))
            if (first.deadline is not None and left)
            else needs
        )
        full = f"{what}, {dated}" + (f", {left}" if left else "")
        brief = f"{what}, {needs}" + (f", {left}" if left else "")
        candidates += [full + more, brief + more, brief]
        candidates += [f"{what}, {left}", what] if left else [what]
        if group:
            cut_group = (group, f": {figure}" + (f", {left}" if left else ""))
        bare = f"{kind_name(first.kind)}: {value_text(first)}"
        nameless = [f"{bare}, {left}", bare] if left else [bare]
        nameless.append(value_text(first))  # at the narrowest, the figure alone
    for said in candidates:
        if len(fold(said)) <= room:
            return head + fold(said)
    if cut_group is not None:
        group, rest = fold(cut_group[0]), fold(cut_group[1])
        if room - len(rest) >= _SHORTEST_GROUP:
            return head + _cut(group, room - len(rest)) + rest
    for said in nameless:
        if len(fold(said)) <= room:
            return head + fold(said)
    return head + _cut(fold((nameless or candidates)[-1]), room)


_SHORTEST_GROUP = 8  # a group's name cut shorter than this says nothing: cut the line


def criteria_rows(criteria: tuple[Criterion, ...], width: int = 76) -> list[str]:
    """Criteria as a table that fits `width` columns: mark, name, value, status, threshold.

    The value, status and threshold columns are as wide as their widest cell (up to a
    cap), so the names keep the rest and a longer word in another language is not cut.
    A decision's value is its status, so it is said once.
    """
    cells = []
    for c in criteria:
        value = "" if c.kind == "decision" else value_text(c)
        needs = "" if c.kind == "decision" else c.shown_threshold
        # Measured as drawn: in ASCII a symbol may take more than one character ("->").
        cells.append((mark(c), fold(one_line(c.shown_name)), value, status_text(c), needs))
    value_width = _column(cells, 2, 11)
    status_width = _column(cells, 3, 12)
    needs_width = _column(cells, 4, 16)
    room = max(16, width - 2 - 1 - value_width - 2 - status_width - 2 - needs_width)
    # Name and value share one cell: the value ends at its column's right edge, and a
    # long name may use the room a shorter value leaves.
    cell = min(room, _column(cells, 1, room)) + 1 + value_width
    rows = []
    for sign, name, value, status, needs in cells:
        value = _cut(value, value_width)
        name = _cut(name, cell - 1 - len(value))
        rows.append(
            f"{sign} {name}{' ' * (cell - len(name) - len(value))}{value}"
            f"  {_cut(status, status_width):<{status_width}}  {_cut(needs, needs_width)}".rstrip()
        )
    return rows


def group_rows(gate: Gate, width: int = 76) -> list[str]:
    """One line per started group: adoption verdict and figure, window end, survey."""
    cells = [_group_cells(v) for v in gate.groups]
    verdict_width = _column(cells, 1, 12)
    survey_width = _column(cells, 4, 10)
    fixed = 1 + verdict_width + 1 + 7 + 1 + 6 + 2 + survey_width
    name_width = min(max(10, width - fixed), _column(cells, 0, width))
    return [
        f"{_cut(name, name_width):<{name_width}} {_cut(verdict, verdict_width):<{verdict_width}}"
        f" {value:>7} {end:>6}  {_cut(survey, survey_width)}".rstrip()
        for name, verdict, value, end, survey in cells
    ]


def _group_cells(v: GroupVerdict) -> tuple[str, str, str, str, str]:
    a = v.adoption
    reading = a.deciding
    value = numbers.percent(reading.value) if reading else "-"
    verdict = verdict_word(a.verdict, a.stale and reading is not None)
    survey = verdict_word(v.survey)
    name = fold(f"{v.phase} {one_line(v.group)}")  # measured as drawn, also in ASCII
    return name, verdict, value, day_month(a.deadline), survey


def _column(cells: list[tuple[str, ...]], index: int, most: int) -> int:
    """The width of column `index`: its widest cell, at least 1 and at most `most`."""
    return min(most, max((len(cell[index]) for cell in cells), default=1) or 1)


def decision_line(decision: Decision, phase_name: str = "") -> str:
    """'2 Core team: go by ana on 2026-11-17 (gate was watch, against it): "pilot went fine"'."""
    name = f" {one_line(phase_name)}" if phase_name else ""
    line = t(
        "{n}{name}: {decision} by {who} on {date} (gate was {state})",
        n=decision.phase,
        name=name,
        decision=decision_word(decision.decision),
        who=one_line(decision.actor.label()),
        date=day_month(decision.on),
        state=state_text(decision.gate_state).lower(),
    )
    if decision.against_gate:
        line += " " + t("AGAINST THE GATE")
    return f'{line}: "{one_line(decision.reason)}"'


def evidence_lines(decision: Decision) -> list[str]:
    """The evidence a decision rested on: each criterion then, and the open issues."""
    lines = []
    for c in decision.evidence:
        ok = "✓" if c.get("ok") else ("·" if c.get("advisory") else "✗")
        kind = str(c.get("kind") or "")
        if kind == "returned":  # issue 18: the value the phase before returned
            what = one_line(str(c.get("threshold")))
            lines.append(f"{ok} " + t("What phase {n} returned", n=c.get("subject")) + f": {what}")
            continue
        value = c.get("value")
        if kind == "decision":
            shown = decision_word(str(c.get("status"))) if c.get("status") != "none" else "-"
        else:
            shown = kind_value(kind, None if value is None else float(value))
        label = criterion_label(kind, str(c.get("subject") or "")) if kind else ""
        name = one_line(label or str(c.get("name")))
        lines.append(f"{ok} {name}: {shown} ({c.get('threshold')})")
    issues = decision.open_issues
    lines.append(
        t(
            "open issues: {critical} critical, {major} major, {minor} minor",
            critical=issues.get("critical", 0),
            major=issues.get("major", 0),
            minor=issues.get("minor", 0),
        )
    )
    return lines


def exception_line(exception: RuleException) -> str:
    """'Done against the rule: 70% on the new system, needs 80%: "contract ends Friday"'."""
    value = numbers.percent(exception.value) if exception.value is not None else t("no figure")
    return t(
        'Done against the rule: {value} on the new system, needs {minimum}: "{reason}"',
        value=value,
        minimum=numbers.percent(exception.threshold),
        reason=one_line(exception.reason),
    )


def _cut(text: str, width: int) -> str:
    """`text` in at most `width` characters, also once drawn in ASCII ("…" is "...")."""
    ellipsis = fold("…")
    if len(text) <= width:
        return text
    return text[: max(0, width - len(ellipsis))] + ellipsis
