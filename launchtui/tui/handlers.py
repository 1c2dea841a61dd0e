"""What each request does: one function per request type, run by the app's write worker.

Every change the TUI makes goes through `perform`: the widgets only say what the user
asked for (launchtui/tui/messages.py); here it becomes a service call and the sentence
the toast says. A service refusal (`UserError`, `StoreError`) is raised on to the app,
which turns it into the one error line.
"""

from __future__ import annotations

from functools import singledispatch

from launchtui.domain.decisions import decision_word
from launchtui.domain.ticks import TickNote
from launchtui.exporters.target import ExportTargetError, write_export
from launchtui.services.adoption import AdoptionService
from launchtui.services.issues import IssueService
from launchtui.services.locations import LocationService
from launchtui.services.retro import RetroService
from launchtui.services.workspace import UserError, Workspace
from launchtui.text.i18n import language, t
from launchtui.text.present import severity_word
from launchtui.text.safe import one_line
from launchtui.tui.messages import (
    DecisionRequested,
    ExportRequested,
    FiguresRequested,
    IssueAddRequested,
    IssueChangeRequested,
    IssueEditRequested,
    NoteRequested,
    OverrideRequested,
    PhaseEditRequested,
    Refused,
    RetroNoteRequested,
    SetupRequested,
    SkipRequested,
    TickRequested,
    UndoRequested,
    WriteRequest,
)
from launchtui.tui.widgets.translated import tier_name

Outcome = tuple[str | None, object]  # (what the toast says, what the origin hears back)


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
            path, lambda stream: writer(ws, fmt, stream, path), database=ws.settings.databases
        )
    except ExportTargetError as exc:
        raise UserError(str(exc)) from None
    return said, None
