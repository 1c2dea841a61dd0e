"""What each request does: one function per request type, run by the app's write worker.

Every change the TUI makes goes through `perform`: the widgets only say what the user
asked for (launchtui/tui/requests/); here it becomes a service call and the sentence
the toast says. A service refusal (`UserError`, `StoreError`) is raised on to the app,
which turns it into the one error line.
"""

from __future__ import annotations

from functools import singledispatch

from launchtui.domain.decisions import decision_word
from launchtui.domain.ticks import TickNote
from launchtui.domain.value import parse_helped
from launchtui.exporters.target import ExportTargetError, write_export
from launchtui.services.adoption import AdoptionService
from launchtui.services.entry import read_date, read_time
from launchtui.services.issues import IssueService
from launchtui.services.locations import LocationService
from launchtui.services.retro import RetroService
from launchtui.services.workspace import UserError, Workspace, checked
from launchtui.text.i18n import language, n_, t
from launchtui.text.present import launch_moved, severity_word
from launchtui.text.safe import one_line
from launchtui.tui.messages import WriteRequest
from launchtui.tui.requests.adoption import (
    DecisionRequested,
    FiguresImportRequested,
    FiguresRequested,
    OverrideRequested,
    ValueRequested,
)
from launchtui.tui.requests.checklist import (
    LateTickRequested,
    NoteRequested,
    Refused,
    SkipRequested,
    TickRequested,
    UndoRequested,
)
from launchtui.tui.requests.export import ExportRequested
from launchtui.tui.requests.issues import (
    IssueAddRequested,
    IssueChangeRequested,
    IssueCommentRequested,
    IssueEditRequested,
)
from launchtui.tui.requests.plan import (
    LocationRequested,
    PhaseAddRequested,
    PhaseEditRequested,
    PhaseRemoveRequested,
    RescheduleRequested,
    SessionRequested,
    SetupRequested,
)
from launchtui.tui.requests.retro import FactRequested, RetroNoteRequested
from launchtui.tui.widgets.translated import tier_name

Outcome = tuple[str | None, object]  # (what the toast says, what the origin hears back)
ERRORS_SHOWN = 3  # an import's bad rows a toast shows; the rest are counted


@singledispatch
def perform(request: WriteRequest, ws: Workspace) -> Outcome:
    """Do `request` on `ws` (the writer's, under the write lock; an export's own)."""
    raise TypeError(f"no handler for {type(request).__name__}")


@perform.register
def _tick(request: TickRequested, ws: Workspace) -> Outcome:
    if request.guarded:
        item = ws.item(request.key)
        rule = ws.requirement(item) if item.is_open and request.reason is None else None
        if rule is not None:
            from launchtui.tui.widgets.checklist_pane import switch_off_question

            label = one_line(item.instance.label(language()))
            return None, Refused(label, switch_off_question(rule))
    return None, ws.toggle(request.key, reason=request.reason)


@perform.register
def _note(request: NoteRequested, ws: Workspace) -> Outcome:
    event = ws.annotate(request.key, request.note)
    return t("Note saved on {key}", key=event.key), event


@perform.register
def _skip(request: SkipRequested, ws: Workspace) -> Outcome:
    event = ws.skip(request.key, request.reason)
    return t("Skipped {key}", key=event.key), event


@perform.register
def _undo(request: UndoRequested, ws: Workspace) -> Outcome:
    result = ws.undo()
    if result is None:
        return t("Nothing of yours to undo"), None
    undone, _ = result
    if isinstance(undone, TickNote):
        return t("Undid your note on {key}", key=undone.key), undone
    action = {"tick": t("tick"), "untick": t("untick"), "skip": t("skip")}.get(
        undone.action, undone.action
    )
    return t("Undid your {action} of {key}", action=action, key=undone.key), undone


@perform.register
def _issue_add(request: IssueAddRequested, ws: Workspace) -> Outcome:
    new = IssueService(ws).add(**request.fields)
    said = t("Issue #{id} logged ({severity})", id=new.id, severity=severity_word(new.severity))
    return said, new


@perform.register
def _issue_edit(request: IssueEditRequested, ws: Workspace) -> Outcome:
    IssueService(ws).edit(request.issue_id, **request.fields)
    return t("Issue #{id} saved", id=request.issue_id), None


@perform.register
def _issue_change(request: IssueChangeRequested, ws: Workspace) -> Outcome:
    service, number = IssueService(ws), request.issue_id
    if request.change == "escalate":
        issue = service.escalate(number)
        said = t(
            "#{id} escalated to tier {tier} ({name})",
            id=issue.id,
            tier=issue.tier,
            name=tier_name(issue.tier),
        )
    elif request.change == "workaround":
        issue = service.workaround(number, request.text or "")
        said = t("Workaround recorded on #{id}", id=issue.id)
    elif request.change == "resolve":
        issue = service.resolve(number, request.text)
        said = t("#{id} resolved", id=issue.id)
    elif request.change == "reopen":
        issue = service.reopen(number)
        said = t("#{id} reopened", id=issue.id)
    else:
        raise ValueError(f"unknown issue change {request.change!r}")
    return said, issue


@perform.register
def _decide(request: DecisionRequested, ws: Workspace) -> Outcome:
    made = AdoptionService(ws).decide(request.phase, request.decision, request.reason)
    said = t(
        "Decision recorded: phase {n} {decision}",
        n=made.phase,
        decision=decision_word(made.decision),
    )
    if made.against_gate:
        said += " " + t("AGAINST THE GATE")
    return said, made


@perform.register
def _override(request: OverrideRequested, ws: Workspace) -> Outcome:
    service = AdoptionService(ws)
    if request.kind == "lift":
        service.lift(request.reason)
        return t("Override lifted: the gate follows the rules again"), None
    if request.kind == "hold":
        service.hold(request.reason)
        return t("Rollout held"), None
    service.go(request.reason)
    return t("Gate set to go by override"), None


@perform.register
def _figures(request: FiguresRequested, ws: Workspace) -> Outcome:
    saved = AdoptionService(ws).record(request.phase, request.day, **request.values)
    said = t(
        "Figures for phase {phase} on {date} saved",
        phase=saved.phase,
        date=saved.date.isoformat(),
    )
    return said, saved


@perform.register
def _phase(request: PhaseEditRequested, ws: Workspace) -> Outcome:
    AdoptionService(ws).edit_phase(request.number, **request.values)
    return t("Phase {number} saved", number=request.number), None


@perform.register
def _phase_add(request: PhaseAddRequested, ws: Workspace) -> Outcome:
    plan = AdoptionService(ws).add_phase(**request.values)
    number = max(p.number for p in plan.phases)
    return t("Phase {number} added", number=number), plan


@perform.register
def _phase_remove(request: PhaseRemoveRequested, ws: Workspace) -> Outcome:
    plan = AdoptionService(ws).remove_phase(request.number, request.reason or None)
    return t("Removed phase {n}", n=request.number), plan


@perform.register
def _retro_note(request: RetroNoteRequested, ws: Workspace) -> Outcome:
    service = RetroService(ws)
    if request.note_id is None:
        saved = service.add(request.kind, request.text, issue=request.issue_id)
        return t("Note #{n} saved", n=saved.id), saved
    service.edit(request.note_id, text=request.text, kind=request.kind)
    return t("Note #{n} saved", n=request.note_id), None


@perform.register
def _setup(request: SetupRequested, ws: Workspace) -> Outcome:
    if request.rollout is None:
        from launchtui.services.demo import build_demo

        build_demo(ws)
    else:
        ws.init(request.rollout)
        places = LocationService(ws)
        for name, tz, champion in request.locations:
            places.save(name, tz, champion)
    return t("Rollout ready"), True


@perform.register
def _export(request: ExportRequested, ws: Workspace) -> Outcome:
    writer, fmt, path = request.writer, request.fmt, request.path
    assert writer is not None
    # Checked again as it is written (launchtui.exporters.target): never the database
    # or its journals; atomically into a file; a device or pipe directly.
    try:
        said = write_export(
            path,
            lambda stream: writer(ws, fmt, stream, path, **request.filters),
            database=ws.settings.databases,
            own_streams=False,  # its standard output is the app's screen
        )
    except ExportTargetError as exc:
        raise UserError(str(exc)) from None
    return said, None


@perform.register
def _reschedule(request: RescheduleRequested, ws: Workspace) -> Outcome:
    before = ws.stored_rollout().launch
    launch = read_date(request.launch, t("launch date"), ws.settings.clock.today())
    moved = ws.move_launch(launch, request.reason or None)
    return launch_moved(before, moved.launch, ws.today()), moved


@perform.register
def _late_tick(request: LateTickRequested, ws: Workspace) -> Outcome:
    place = ws.location() if ws.settings.location else None
    when = read_time(request.at, ws.today(), place.zone if place is not None else None)
    event = ws.tick(request.key, request.note or None, when)
    return t("Ticked {key}", key=event.key), event


@perform.register
def _import(request: FiguresImportRequested, ws: Workspace) -> Outcome:
    path = request.path
    if not path:
        raise UserError(t("give the CSV file to import"))
    phase = whole(request.phase, t("phase")) if request.phase else None
    result = AdoptionService(ws).import_figures(path, phase, progress=request.progress)
    lines = [n_(result.saved, "saved {n} row", "saved {n} rows")]
    lines += result.errors[:ERRORS_SHOWN]
    if result.bad > ERRORS_SHOWN:
        more = result.bad - ERRORS_SHOWN
        lines.append(t("{file}: {n} more bad rows not shown", file=one_line(path), n=more))
    return "\n".join(lines), result


@perform.register
def _fact(request: FactRequested, ws: Workspace) -> Outcome:
    from launchtui.services.comms import CommsService

    fact = CommsService(ws).set_fact(request.key, request.value or None, request.lang or None)
    if fact.value is not None:
        return t("Set {key} ({lang})", key=fact.key, lang=fact.lang), fact
    return t("Cleared {key} ({lang})", key=fact.key, lang=fact.lang), fact


@perform.register
def _location(request: LocationRequested, ws: Workspace) -> Outcome:
    from launchtui.text.present import workdays_label

    service = LocationService(ws)
    if request.change == "remove":
        removed = service.remove(request.name)
        return t("Location {name} removed", name=one_line(removed.name)), removed
    if request.change == "add":
        saved = service.save(
            request.name, request.tz, request.champion or None, request.workdays or None
        )
    else:  # "" clears the champion, as `--champion ""` does; blank zone or days stay
        saved = service.edit(
            request.name, request.tz or None, request.champion, request.workdays or None
        )
    said = t(
        "Location {name} saved ({tz}, {days})",
        name=one_line(saved.name),
        tz=saved.tz,
        days=workdays_label(saved.workdays),
    )
    return said, saved


@perform.register
def _session(request: SessionRequested, ws: Workspace) -> Outcome:
    from launchtui.services.sessions import SessionService
    from launchtui.text.schedule_text import session_said

    service, v, number = SessionService(ws), request.values, request.session_id
    today = ws.settings.clock.today()
    if request.change == "add":
        saved = service.add(
            v.get("kind", ""),
            v.get("location", ""),
            read_date(v.get("date", ""), t("date"), today),
            v.get("time", ""),
            phase=whole(v["phase"], t("phase")) if v.get("phase") else None,
            minutes=whole(v["minutes"], t("minutes")) if v.get("minutes") else None,
            host=v.get("host") or None,
            place=v.get("place") or None,
        )
        return t("Added session #{id}: {what}", id=saved.id, what=session_said(saved)), saved
    if request.change == "move":
        day = read_date(v.get("date", ""), t("date"), today)
        moved = service.move(number, day, v.get("time", ""))
        return t("Moved session #{id}: {what}", id=moved.id, what=session_said(moved)), moved
    if request.change == "cancel":
        gone = service.cancel(number)
        return t("Cancelled session #{id}: {what}", id=gone.id, what=session_said(gone)), gone
    attended = whole(v["attended"], t("attended")) if v.get("attended") else None
    held, tick = service.held(number, attended)
    said = t("Session #{id} held: {what}", id=held.id, what=session_said(held))
    if tick is not None:
        said += "\n" + t("Ticked {key}", key=tick.key)
    return said, held


@perform.register
def _value(request: ValueRequested, ws: Workspace) -> Outcome:
    from launchtui.domain.value import IMPACT
    from launchtui.services.value import ValueService
    from launchtui.text.value_text import cost_line

    service, v = ValueService(ws), request.values
    if request.kind == "impact":
        r = service.add_reading(IMPACT, v["measure"], v["value"], v["phase"] or None)  # type: ignore[arg-type]
        return t("Saved the impact figure of {measure}", measure=one_line(r.measure)), r
    if request.kind == "cost":
        c = service.add_cost(
            v["label"],
            v["amount"],
            currency=v["currency"] or None,
            rate=v["rate"] or None,
            per=v["per"] or None,
            phase=v["phase"] or None,  # type: ignore[arg-type]
        )
        line = one_line(cost_line(c, service.currency()))
        return t("Cost #{id} saved: {line}", id=c.id, line=line), c
    # The same words as `objection add --helped`: an answer that is no yes or no is refused.
    helped = checked(parse_helped, v["helped"]) if v["helped"].strip() else None
    o = service.add_objection(
        v["kind"] or "other",
        phase=v["phase"] or None,  # type: ignore[arg-type]
        location=v["location"] or None,
        said=v["said"] or None,
        response=v["response"] or None,
        helped=helped,
    )
    return t("Objection #{id} logged: {kind}", id=o.id, kind=o.kind), o


@perform.register
def _issue_comment(request: IssueCommentRequested, ws: Workspace) -> Outcome:
    issue = IssueService(ws).comment(request.issue_id, request.text)
    return t("Comment added to #{id}", id=issue.id), issue


def whole(value: str, what: str) -> int:
    """A whole number typed in a form; else the one line that says which field."""
    try:
        return int(value.strip())
    except ValueError:
        raise UserError(
            t("{what}: {value} is not a whole number", what=what, value=repr(value))
        ) from None
