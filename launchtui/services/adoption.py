"""Adoption figures, the gate and the phase plan: the actions, for the command line and the TUI.

Like `IssueService`, every input is checked here by the domain's rules and a rule broken
becomes a `UserError` of one line that says what and why; who and when come from the
workspace. The gate itself is `launchtui.domain.gate.evaluate`, fed from the store.

Editing a phase keeps the phases back to back: moving a phase's start moves the end of
the phase before it to the day before, and moving its end moves the start of the phase
after it to the day after. The first phase always starts on launch day (day 0): a
rollout that starts later is a new launch date (`launchtui reschedule`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from launchtui.domain.decisions import Decision, check_kind, clean_reason
from launchtui.domain.gate import Gate, OpenIssue, evaluate
from launchtui.domain.locations import find
from launchtui.domain.metrics import Figures, field_for, iter_figures_csv, parse_figures
from launchtui.domain.overrides import MAX_REASON, Override
from launchtui.domain.phases import TEMPLATES, Phase, PhasePlan
from launchtui.domain.rollout import Rollout
from launchtui.services.sessions import training_criterion
from launchtui.services.workspace import UserError, Workspace, checked
from launchtui.store.adoption_log import IMPORT_BATCH_ROWS, AdoptionLog, PlanRevision
from launchtui.store.database import StoreError
from launchtui.text.i18n import t
from launchtui.text.safe import one_line

GATE_SEVERITIES = ("critical", "major")  # the only ones the gate judges; minors never load
# A survey export of a million rows is 20-30 MB; it is read as it comes, never held whole.
MAX_IMPORT_BYTES = 200 * 1024 * 1024
BATCH_ROWS = IMPORT_BATCH_ROWS  # rows per transaction of an import
MAX_ERRORS_KEPT = 1_000  # bad rows told line by line; the rest are counted
READ_BYTES = 1024 * 1024  # an import reads its file this much at a time
MAX_PHASE_TEXT = 60  # characters of a phase's name or group
MAX_DAY = 730  # a phase may end at most two years after launch


@dataclass(frozen=True)
class ImportProgress:
    """How far an import is, after each batch it wrote: rows written (shown only once all
    are), the file's line reached, and the share of the file read (None: a pipe)."""

    rows: int
    line: int
    fraction: float | None


@dataclass(frozen=True)
class ImportResult:
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

    def gate(self, rollout: Rollout | None = None) -> Gate:
        """The gate today: figures, unresolved major and critical issues, standing override.

        Pass the `rollout` when it has just been read, so it is not read again."""
        ws = self.workspace
        rollout = rollout or ws.rollout()
        store = ws.store
        # Only the oldest of each severity, and how many stand behind it: with 100,000
        # issues the gate must not load them all, nor sort them (every reload asks).
        issues = []
        for severity in GATE_SEVERITIES:
            i = store.issues.oldest_unresolved(severity)
            if i is not None:
                count = store.issues.count_unresolved(severity)
                issues.append(OpenIssue(i.id, i.severity, i.title, i.created_at, count - 1))
        return evaluate(
            rollout.plan,
            rollout.launch,
            store.adoption.figures(),
            issues,
            ws.today(),
            override=store.adoption.override(),
            now=ws.now(),
            decisions=store.adoption.decisions(),
            switched_off=ws.switched_off(rollout),
            training=training_criterion(ws, rollout),
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
        before = self.gate(rollout)
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
            open_issues=dict(ws.store.issues.open_counts()),
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
        with _CsvFile(Path(path), shown) as source:
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
                        row = f"phase: {_no_phase(row.phase, plan)}"
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
            changes["name"] = _phase_text(name, "name")
        if group is not None:
            changes["group"] = _phase_text(group, "group")
        if share is not None:
            changes["share"] = _share(share)
        if start is not None:
            changes["start"] = _day_offset(start, rollout.launch, "start")
        if end is not None:
            changes["end"] = _day_offset(end, rollout.launch, "end")
        if location is not None:
            changes["location"] = self._location(location)
        if not changes:
            raise UserError(t("nothing to change: give a name, group, share, start or end"))
        _check_reason(reason)

        edited = _moved(plan, number, changes)
        if edited == plan:
            raise UserError(t("phase {n} already reads so; nothing changed", n=number))
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
            raise UserError(_no_phase(one_line(text)[:20], plan))
        return int(text)


# -- plans ---------------------------------------------------------------------


def plan_changes(before: PhasePlan, after: PhasePlan) -> list[str]:
    """What changed between two plans, one phrase per field: 'phase 2 start: day 14 -> 4'."""
    changes: list[str] = []
    words = {
        "name": t("name"),
        "group": t("group"),
        "start": t("start"),
        "end": t("end"),
        "location": t("location"),
    }
    for new in after.phases:
        old = before.phase(new.number)
        if old is None:
            changes.append(t("phase {n} added", n=new.number))
            continue
        for field in ("name", "group", "share", "start", "end", "location"):
            was, now = getattr(old, field), getattr(new, field)
            if was == now:
                continue
            if field in ("start", "end"):
                changes.append(
                    t(
                        "phase {n} {field}: day {was} -> {now}",
                        n=new.number,
                        field=words[field],
                        was=was,
                        now=now,
                    )
                )
            elif field == "share":
                changes.append(
                    t("phase {n} share: {was}% -> {now}%", n=new.number, was=was, now=now)
                )
            else:
                changes.append(
                    t(
                        'phase {n} {field}: "{was}" -> "{now}"',
                        n=new.number,
                        field=words[field],
                        was=one_line(was or "-"),
                        now=one_line(now or "-"),
                    )
                )
    return changes


def _moved(plan: PhasePlan, number: int, changes: dict[str, Any]) -> PhasePlan:
    """`plan` with phase `number` changed and its neighbours moved to stay back to back."""
    order = sorted(plan.phases, key=lambda p: (p.start, p.number))
    index = next(i for i, p in enumerate(order) if p.number == number)
    phase = order[index]
    start = changes.get("start", phase.start)
    end = changes.get("end", phase.end)
    if end < start:
        raise UserError(
            t(
                "phase {n} would end on day {end}, before it starts (day {start})",
                n=number,
                end=end,
                start=start,
            )
        )
    updated = {number: replace(phase, **changes)}
    if start != phase.start:
        if index == 0:
            raise UserError(
                t(
                    "phase {n} is the first: it starts on launch day (day 0); "
                    "to start later, move the launch date (`launchtui reschedule`)",
                    n=number,
                )
            )
        before = order[index - 1]
        if start <= before.start:
            raise UserError(
                t(
                    "phase {n} cannot start on day {start}: phase {other} starts on "
                    "day {other_start} and keeps at least one day before it",
                    n=number,
                    start=start,
                    other=before.number,
                    other_start=before.start,
                )
            )
        updated[before.number] = replace(before, end=start - 1)
    if end != phase.end and index + 1 < len(order):
        after = order[index + 1]
        if end >= after.end:
            raise UserError(
                t(
                    "phase {n} cannot end on day {end}: phase {other} ends on "
                    "day {other_end} and keeps at least one day after it",
                    n=number,
                    end=end,
                    other=after.number,
                    other_end=after.end,
                )
            )
        updated[after.number] = replace(after, start=end + 1)
    return PhasePlan(plan.template, tuple(updated.get(p.number, p) for p in plan.phases))


def _phase_text(value: str, what: str) -> str:
    text = " ".join(str(value).split())
    if what == "name":
        if not text:
            raise UserError(t("the phase's name must not be empty"))
        if len(text) > MAX_PHASE_TEXT:
            raise UserError(
                t(
                    "the phase's name is {n} characters; at most {most} fit",
                    n=len(text),
                    most=MAX_PHASE_TEXT,
                )
            )
    else:
        if not text:
            raise UserError(t("the phase's group must not be empty"))
        if len(text) > MAX_PHASE_TEXT:
            raise UserError(
                t(
                    "the phase's group is {n} characters; at most {most} fit",
                    n=len(text),
                    most=MAX_PHASE_TEXT,
                )
            )
    return text


def _share(value: int | str) -> int:
    text = str(value).strip().removesuffix("%").strip()
    try:
        share = int(text)
    except ValueError:
        raise UserError(
            t("share: {value} is not a whole percentage", value=repr(one_line(text)[:20]))
        ) from None
    if not 1 <= share <= 100:
        raise UserError(t("share: {value} is not between 1 and 100 (% of the team)", value=share))
    return share


def _day_offset(value: int | str | dt.date, launch: dt.date, what: str) -> int:
    """Days from launch: 7, 'D+7', 'd-0' or a date like 2026-11-10."""
    if isinstance(value, dt.date):
        day = (value - launch).days
    elif isinstance(value, int):
        day = value
    else:
        text = str(value).strip()
        bare = text.upper().removeprefix("D") if text[:1] in "dD" else text
        try:
            day = int(bare) if bare else int("x")
        except ValueError:
            try:
                if len(text) != 10:
                    raise ValueError from None
                day = (dt.date.fromisoformat(text) - launch).days
            except ValueError:
                raise UserError(
                    t(
                        "{what}: {value} is not a day from launch like 14 or D+14, "
                        "nor a date like 2026-11-17",
                        what=what,
                        value=repr(one_line(text)[:20]),
                    )
                ) from None
    if not 0 <= day <= MAX_DAY:
        raise UserError(
            t(
                "{what}: day {day} is outside the rollout; use 0 (launch day) to {last}",
                what=what,
                day=day,
                last=MAX_DAY,
            )
        )
    return day


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_reason(reason: str | None) -> None:
    if reason is not None and len(reason.strip()) > MAX_REASON:
        raise UserError(
            t("the reason is too long; at most {most} characters fit", most=f"{MAX_REASON:,}")
        )


def _no_phase(number: object, plan: PhasePlan) -> str:
    numbers = sorted(p.number for p in plan.phases)
    known = ", ".join(str(n) for n in numbers)
    return t("there is no phase {n}; the plan has phases {known}", n=number, known=known)


# -- importing -----------------------------------------------------------------


class _CsvFile:
    """A file to import, read `READ_BYTES` at a time: its lines as `open(..., newline="")`
    cuts them, as they come. Not UTF-8 (at the byte it stops being so), larger than
    `MAX_IMPORT_BYTES` or unreadable: a `UserError` naming it, as soon as that is known
    (the size of a regular file before anything is read)."""

    def __init__(self, path: Path, shown: str):
        self.shown = shown
        self.read_chars = 0
        try:
            self._stream = path.open("rb")
        except OSError as exc:
            raise UserError(f"{shown}: {exc.strerror or exc}") from None
        try:
            info = os.fstat(self._stream.fileno())
        except OSError as exc:
            self._stream.close()
            raise UserError(f"{shown}: {exc.strerror or exc}") from None
        self.size = info.st_size if stat.S_ISREG(info.st_mode) else None
        if self.size is not None and self.size > MAX_IMPORT_BYTES:
            self._stream.close()
            raise UserError(self._too_big())

    def __enter__(self) -> _CsvFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stream.close()

    @property
    def fraction(self) -> float | None:
        """The share of the file read so far, by characters (None: size unknown)."""
        return min(1.0, self.read_chars / self.size) if self.size else None

    def __iter__(self) -> Iterator[str]:
        for line in split_lines(self._texts()):
            self.read_chars += len(line)
            yield line

    def _texts(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = 0  # bytes read
        while True:
            try:
                data = self._stream.read(READ_BYTES)
            except OSError as exc:
                raise UserError(f"{self.shown}: {exc.strerror or exc}") from None
            offset += len(data)
            if offset > MAX_IMPORT_BYTES:
                raise UserError(self._too_big())  # a pipe: its size shows only now
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                # exc.object is the decoder's unfinished bytes and `data`: it ends at `offset`.
                byte = offset - len(exc.object) + exc.start + 1
                raise UserError(
                    t(
                        "{file}: not UTF-8 text (byte {n}); save it as 'CSV UTF-8'",
                        file=self.shown,
                        n=byte,
                    )
                ) from None
            if text:
                yield text
            if not data:
                return

    def _too_big(self) -> str:
        return t(
            "{file}: larger than {n} MB; split it",
            file=self.shown,
            n=MAX_IMPORT_BYTES // 1024 // 1024,
        )


_ODD_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def split_lines(pieces: Iterable[str]) -> Iterator[str]:
    """Lines, ends kept, as `open(..., newline="")` gives them (only \\n, \\r\\n and \\r end
    one), from text that comes in pieces cut anywhere, even inside a \\r\\n."""
    held: list[str] = []  # the start of a line not ended yet
    for text in pieces:
        if not text:
            continue
        if held and held[-1].endswith("\r"):  # ended, unless this piece starts with its \n
            if text.startswith("\n"):
                held.append("\n")
                text = text[1:]
            yield "".join(held)
            held = []
            if not text:
                continue
        # splitlines is quick, but also cuts at \f, \x1c, U+2028 and the like: csv does not.
        lines = _LINES.findall(text) if _ODD_BREAKS.search(text) else text.splitlines(True)
        if held:
            held.append(lines[0])
            if not lines[0].endswith(("\n", "\r")):
                continue  # the piece holds no line end: the line goes on
            lines[0] = "".join(held)
            held = []
        if not lines[-1].endswith("\n"):  # not ended, or by a \r that a \n may follow
            held.append(lines.pop())
        yield from lines
    if held:
        yield "".join(held)
