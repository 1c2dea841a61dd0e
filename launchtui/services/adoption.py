"""Adoption figures, the gate and the phase plan: the actions, for the command line and the TUI.

Like `IssueService`, every input is checked here by the domain's rules and a rule broken
becomes a `UserError` of one line that says what and why; who and when come from the
workspace. The gate itself is `launchtui.domain.gate.evaluate`, fed from the store; the
phase plan's editing rules are `launchtui.domain.plan_edits`: this module only loads, asks
the rule and saves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from launchtui.domain import plan_edits
from launchtui.domain.decisions import Decision, check_kind, clean_reason
from launchtui.domain.gate import Gate, OpenIssue, evaluate
from launchtui.domain.locations import find
from launchtui.domain.metrics import Figures, field_for, iter_figures_csv, parse_figures
from launchtui.domain.overrides import MAX_REASON, Override
from launchtui.domain.phases import TEMPLATES, Phase, PhasePlan
from launchtui.domain.rollout import Rollout
from launchtui.services.csv_source import CsvFile
from launchtui.services.sessions import training_criterion
from launchtui.services.workspace import UserError, Workspace, checked
from launchtui.store.adoption_log import IMPORT_BATCH_ROWS, AdoptionLog, PlanRevision
from launchtui.store.database import StoreError
from launchtui.text.i18n import t
from launchtui.text.safe import one_line

GATE_SEVERITIES = ("critical", "major")  # the only ones the gate judges; minors never load
BATCH_ROWS = IMPORT_BATCH_ROWS  # rows per transaction of an import
MAX_ERRORS_KEPT = 1_000  # bad rows told line by line; the rest are counted


class ImportProgress(NamedTuple):
    """How far an import is, after each batch it wrote: rows written (shown only once all
    are), the file's line reached, and the share of the file read (None: a pipe)."""

    rows: int
    line: int
    fraction: float | None


class ImportResult(NamedTuple):
    """Rows saved; one "FILE:LINE: what" per bad row (the first `MAX_ERRORS_KEPT`); how
    many rows were bad in all."""

    saved: int
    errors: list[str]
    bad: int


class ImportStopped(UserError):
    """An import failed or was interrupted half-way; nothing of it was saved."""

    def __init__(self, message: str, *, interrupted: bool = False):
        super().__init__(message)
        self.interrupted = interrupted


class AdoptionService:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace

    @property
    def log(self) -> AdoptionLog:
        return self.workspace.store.adoption

    # -- the gate ----------------------------------------------------------------

    def gate(
        self,
        rollout: Rollout | None = None,
        *,
        today: dt.date | None = None,
        open_issues: Mapping[str, int] | None = None,
    ) -> Gate:
        """The gate today: figures, unresolved major and critical issues, standing override.

        Pass the `rollout` when it has just been read, so it is not read again; `today`
        when the caller has asked the clock already (one day for everything it shows);
        `open_issues`, the unresolved issues per severity (`IssueLog.open_counts`), when
        the caller shows them too: the gate then counts with the very numbers shown
        beside it and counts nothing again."""
        ws = self.workspace
        rollout = rollout or ws.rollout()
        store = ws.store
        today = today or ws.today()
        if open_issues is None:
            open_issues = {s: store.issues.count_unresolved(s) for s in GATE_SEVERITIES}
        # Only the oldest of each severity, and how many stand behind it: with 100,000
        # issues the gate must not load them all, nor sort them (every reload asks).
        issues = []
        for severity in GATE_SEVERITIES:
            count = open_issues[severity]
            i = store.issues.oldest_unresolved(severity) if count else None
            if i is not None:
                issues.append(OpenIssue(i.id, i.severity, i.title, i.created_at, count - 1))
        return evaluate(
            rollout.plan,
            rollout.launch,
            store.adoption.figures(),
            issues,
            today,
            override=store.adoption.override(),
            now=ws.now(),
            decisions=store.adoption.decisions(),
            switched_off=ws.switched_off(rollout),
            training=training_criterion(ws, rollout, today),
        )

    # -- decisions ---------------------------------------------------------------

    def decide(
        self, phase: int | str, decision: str, reason: str | None, on: dt.date | None = None
    ) -> Decision:
        """Record go, hold or stop for `phase`'s group, with the gate's verdict and evidence
        as they stand now. `on` dates a decision taken earlier (never after today)."""
        ws = self.workspace
        rollout = ws.rollout()
        number = self._phase_number(phase, rollout.plan)
        kind = checked(check_kind, decision)
        text = checked(clean_reason, reason, kind)
        today = ws.today()
        if on is not None and on > today:
            raise UserError(t("--date {date} lies in the future", date=on.isoformat()))
        if on is not None and on < rollout.launch - dt.timedelta(days=365):
            raise UserError(t("--date {date} lies before the rollout", date=on.isoformat()))
        open_issues = ws.store.issues.open_counts()
        before = self.gate(rollout, today=today, open_issues=open_issues)
        state = before.state_for_decision(number)
        rest = tuple(c for c in before.criteria if not (c.kind == "decision" and c.phase == number))
        evidence = tuple(
            {
                "name": c.name,
                "value": c.value,
                "threshold": c.threshold,
                "ok": c.ok,
                "advisory": c.advisory,
                "status": c.status,
                "kind": c.kind,
                "subject": c.subject,
            }
            for c in rest
        )
        from launchtui.services.value import returned_evidence  # issue 18: what N-1 returned

        evidence += returned_evidence(ws, number)
        made = Decision(
            phase=number,
            decision=kind,
            reason=text,
            actor=ws.actor,
            at=ws.now(),
            on=on or today,
            gate_state=state,
            against_gate=kind == "go" and state != "go",
            evidence=evidence,
            open_issues=open_issues,
        )
        return checked(self.log.decide, made)

    def decisions(self) -> list[Decision]:
        """Every recorded decision, oldest first."""
        self.workspace.rollout()  # a clear error on an empty database
        return self.log.decisions()

    # -- figures -----------------------------------------------------------------

    def current_phase(self) -> Phase:
        """The phase figures go to by default: the running one; before launch the first,
        after the last one (or between phases) the latest started."""
        rollout = self.workspace.rollout()
        plan = rollout.plan
        day = rollout.day(self.workspace.today())
        running = plan.current(day)
        if running is not None:
            return running
        started = plan.started(day)
        if started:
            return max(started, key=lambda p: (p.start, p.number))
        return min(plan.phases, key=lambda p: (p.start, p.number))

    def record(
        self, phase: int | None = None, date: dt.date | None = None, **figures: Any
    ) -> Figures:
        """Record one set of figures of `phase`'s group on `date` (defaults: the current
        phase, today). Figures are given by field name (`active_weekly`, `nps`, ...) or a
        synonym (`active`, `daily`, `old`), as numbers or text like "80%"; None or ""
        means not measured."""
        number = self._phase_number(phase)
        mapping = {key: None if value is None else str(value) for key, value in figures.items()}
        if any(field_for(key) in ("phase", "date") for key in mapping):
            raise UserError(t("give the phase and the date as arguments, not as figures"))
        parsed = checked(
            parse_figures,
            mapping,
            number,
            date or self.workspace.today(),
            today=self.workspace.today(),
        )
        return self.log.record(parsed, self.workspace.actor, self.workspace.now())

    def figures(self, phase: int | None = None) -> list[Figures]:
        """Every recorded set of figures (of one phase), oldest first."""
        plan = self.plan()  # also a clear error on an empty database
        if phase is not None:
            phase = self._phase_number(phase, plan)
        return self.log.figures(phase)

    def import_csv(self, path: str | Path, phase: int | None = None) -> tuple[int, list[str]]:
        """`import_figures`, as (rows saved, one "FILE:LINE: what" per bad row)."""
        result = self.import_figures(path, phase)
        return result.saved, result.errors

    def import_figures(
        self,
        path: str | Path,
        phase: int | None = None,
        *,
        progress: Callable[[ImportProgress], None] | None = None,
        batch_rows: int | None = None,
    ) -> ImportResult:
        """Import a survey export: the good rows are saved even when others are bad; rows
        without a phase column go to `phase` (default: the current phase).

        The file is read as it comes and written `batch_rows` rows per transaction, so
        others' writes get in meanwhile; `progress` hears of each batch. The rows are shown
        only once the last batch is in, all at once. A file that cannot be read is a
        `UserError` naming it; an import that fails or is interrupted half-way
        (`ImportStopped`) saves nothing, and what it wrote is removed.
        """
        shown = one_line(str(path))
        plan = self.plan()
        number = self._phase_number(phase, plan)
        ws = self.workspace
        today = ws.today()
        phases = {p.number for p in plan.phases}
        errors: list[str] = []
        bad = reported = line = 0
        with CsvFile(Path(path), shown) as source:
            job = self.log.start_import(
                shown, ws.actor, ws.now(), batch_rows=batch_rows or BATCH_ROWS
            )
            try:
                for line, row in iter_figures_csv(source, number, today):
                    if isinstance(row, Figures):
                        if row.phase in phases:
                            if job.add(row) and progress is not None:
                                reported = job.written
                                progress(ImportProgress(reported, line, source.fraction))
                            continue
                        row = f"phase: {plan_edits.no_phase(row.phase, plan)}"
                    bad += 1
                    if len(errors) < MAX_ERRORS_KEPT:
                        errors.append(f"{shown}:{line}: {one_line(row)}")
                    if progress is not None and bad % job.batch_rows == 0:  # a file of bad rows
                        progress(ImportProgress(job.written, line, source.fraction))
                saved = job.finish()
                if progress is not None and saved != reported:
                    progress(ImportProgress(saved, line, 1.0 if source.fraction else None))
            except KeyboardInterrupt:
                saved = job.abandon()
                if saved is None:
                    stopped = t("{file}: import interrupted; nothing was saved", file=shown)
                    raise ImportStopped(stopped, interrupted=True) from None
            except StoreError as exc:
                saved = job.abandon()
                if saved is None:
                    reason = str(exc).removesuffix("; nothing was saved")
                    stopped = t(
                        "{file}: import failed ({error}); nothing was saved",
                        file=shown,
                        error=one_line(reason),
                    )
                    raise ImportStopped(stopped) from None
            except BaseException:
                saved = job.abandon()
                if saved is None:  # the file turned out unreadable (or a bug)
                    raise
        # Also here when it failed only after its last transaction had landed: all saved.
        return ImportResult(saved, errors, bad)

    # -- overrides ---------------------------------------------------------------

    def hold(self, reason: str) -> Override:
        """Hold the rollout (the gate shows pause) until lifted; a reason is required."""
        return self._override("hold", reason)

    def go(self, reason: str) -> Override:
        """Go despite the gate, until lifted; never beats an open critical issue."""
        return self._override("go", reason)

    def lift(self, reason: str | None) -> Override:
        """End the hold or go that stands, saying why; returns the lift entry."""
        self.workspace.rollout()  # a clear error on an empty database
        return checked(self.log.lift_override, self.workspace.actor, self.workspace.now(), reason)

    def override(self) -> Override | None:
        return self.log.override()

    def override_history(self) -> list[Override]:
        return self.log.override_history()

    def _override(self, kind: str, reason: str) -> Override:
        self.workspace.rollout()  # a clear error on an empty database
        return checked(
            self.log.set_override, kind, reason, self.workspace.actor, self.workspace.now()
        )

    # -- the phase plan ----------------------------------------------------------

    def plan(self) -> PhasePlan:
        return self.workspace.rollout().plan

    def edit_phase(
        self,
        number: int,
        name: str | None = None,
        group: str | None = None,
        share: int | str | None = None,
        start: int | str | dt.date | None = None,
        end: int | str | dt.date | None = None,
        reason: str | None = None,
        location: str | None = None,
    ) -> PhasePlan:
        """Change one phase and save the plan (earlier versions stay in the history).

        `start` and `end` are days from launch (0 = launch day, "D+7" also reads) or
        dates. The neighbours move along so that the phases stay back to back.
        """
        rollout = self.workspace.rollout()
        plan = rollout.plan
        number = self._phase_number(number, plan)
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = checked(plan_edits.phase_text, name, "name")
        if group is not None:
            changes["group"] = checked(plan_edits.phase_text, group, "group")
        if share is not None:
            changes["share"] = checked(plan_edits.share, share)
        if start is not None:
            changes["start"] = checked(plan_edits.day_offset, start, rollout.launch, "start")
        if end is not None:
            changes["end"] = checked(plan_edits.day_offset, end, rollout.launch, "end")
        if location is not None:
            changes["location"] = self._location(location)
        if not changes:
            raise UserError(t("nothing to change: give a name, group, share, start or end"))
        _check_reason(reason)

        edited = checked(plan_edits.moved, plan, number, changes)
        if edited == plan:
            raise UserError(t("phase {n} already reads so; nothing changed", n=number))
        checked(self.log.save_plan, edited, reason, self.workspace.actor, self.workspace.now())
        return edited

    def add_phase(
        self,
        name: str,
        group: str,
        share: int | str,
        start: int | str | dt.date,
        end: int | str | dt.date,
        reason: str | None = None,
    ) -> PhasePlan:
        """Add a phase after the last or between two (`phases add`); it takes the next
        number, its days push its neighbours' edges so the phases stay back to back."""
        rollout = self.workspace.rollout()
        plan = rollout.plan
        name = checked(plan_edits.phase_text, name, "name")
        group = checked(plan_edits.phase_text, group, "group")
        percent = checked(plan_edits.share, share)
        first = checked(plan_edits.day_offset, start, rollout.launch, "start")
        last = checked(plan_edits.day_offset, end, rollout.launch, "end")
        _check_reason(reason)
        edited = checked(plan_edits.added, plan, name, group, percent, first, last)
        checked(self.log.save_plan, edited, reason, self.workspace.actor, self.workspace.now())
        return edited

    def remove_phase(self, number: int | str, reason: str | None = None) -> PhasePlan:
        """Remove a phase still to come that has no decision (`phases remove N`)."""
        rollout = self.workspace.rollout()
        plan = rollout.plan
        number = self._phase_number(number, plan)
        _check_reason(reason)
        day = rollout.day(self.workspace.today())
        decided = {d.phase for d in self.log.decisions()}
        edited = checked(plan_edits.removed, plan, number, day, decided)
        checked(self.log.save_plan, edited, reason, self.workspace.actor, self.workspace.now())
        return edited

    def _location(self, name: str) -> str | None:
        """A location the rollout knows ("" or "-" clears it): a group can belong to one."""
        if name.strip() in ("", "-"):
            return None
        known = self.workspace.store.locations.all()
        found = find(known, name)
        if found is None:
            names = ", ".join(loc.name for loc in known) or t("none yet")
            raise UserError(t("unknown location {name!r}; known: {names}", name=name, names=names))
        return found.name

    def plan_history(self) -> list[PlanRevision]:
        """Every saved version of the plan, oldest first."""
        return self.log.plan_history()

    def template_plan(self) -> PhasePlan:
        """The plan as the rollout's template has it, before any edit."""
        return TEMPLATES[self.workspace.rollout().template]

    def _phase_number(self, phase: int | str | None, plan: PhasePlan | None = None) -> int:
        """A phase of the plan by number (default: the current one), else a `UserError`."""
        plan = plan or self.plan()
        if phase is None:
            return self.current_phase().number
        text = str(phase).strip().removeprefix("#")
        if not text.isdigit() or plan.phase(int(text)) is None:
            raise UserError(plan_edits.no_phase(one_line(text)[:20], plan))
        return int(text)


# -- plans ---------------------------------------------------------------------


def _check_reason(reason: str | None) -> None:
    if reason is not None and len(reason.strip()) > MAX_REASON:
        raise UserError(
            t("the reason is too long; at most {most} characters fit", most=f"{MAX_REASON:,}")
        )
