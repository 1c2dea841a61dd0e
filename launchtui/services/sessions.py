"""Training sessions and office hours: plan, add, move, cancel, mark held; for CLI and TUI.

Every input is checked by `launchtui.domain.sessions` and a broken rule becomes one
`UserError` line. Marking an office hour held ticks that day's office-hour checklist item
(once: a second session held the same day, or an item ticked by hand, is not counted
again), with the session's place and end time, so the checklists and the schedule never
disagree and nothing is counted twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from launchtui.domain import sessions as rules
from launchtui.domain.checklist import Instance
from launchtui.domain.phases import Phase, PhasePlan
from launchtui.domain.rollout import Rollout
from launchtui.domain.sessions import Session
from launchtui.domain.ticks import RuleException, TickEvent
from launchtui.services.workspace import UserError, Workspace, checked
from launchtui.text.i18n import t

if TYPE_CHECKING:
    from launchtui.store.session_log import Around

OFFICE_HOUR_ITEM = "office-hours"  # the checklist item a held office hour ticks
MAX_HEADCOUNT = 100_000


class _AlreadyDone(Exception):
    """The day's office-hour item was ticked already: nothing more to record."""


class SessionService:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace

    # -- reading -------------------------------------------------------------------

    def all(self, location: str | None = None) -> list[Session]:
        """Every session (cancelled too) in start order; of one location, when named."""
        ws = self.workspace
        ws.rollout()  # a clear error on an empty database
        sessions = ws.store.sessions.all()
        if location is None:
            return sessions
        place = checked(rules.resolve_location, ws.store.locations.all(), location)
        return [s for s in sessions if s.location.casefold() == place.name.casefold()]

    def get(self, session_id: int) -> Session:
        found = self.workspace.store.sessions.get(session_id)
        if found is None:
            raise UserError(t("there is no session #{id}", id=session_id))
        return found

    def next(self) -> Session | None:
        """The next planned session from now, anywhere."""
        return self.workspace.store.sessions.next_planned(self.workspace.now())

    # -- the plan ------------------------------------------------------------------

    def propose(self, at: str | None = None) -> list[Session]:
        """The guide's schedule at local time `at` (default 10:00), less what is saved."""
        ws = self.workspace
        rollout = ws.rollout()
        time = checked(rules.parse_time, at) if at else rules.DEFAULT_TIME
        locations = ws.store.locations.all()
        if not locations:
            raise UserError(
                t(
                    "sessions are planned per location; add one first with"
                    " `launchtui locations add NAME --tz AREA/CITY --champion NAME`"
                )
            )
        proposed = checked(rules.plan_sessions, rollout.plan, rollout.launch, locations, time)
        return rules.not_clashing(proposed, ws.store.sessions.all())

    def save_plan(self, proposed: list[Session]) -> list[Session]:
        """Save a proposed plan in one transaction; a host booked twice refuses it all."""
        ws = self.workspace

        def check(existing: list[Session]) -> None:
            checked(rules.check_all, proposed, existing)

        return ws.store.sessions.add(proposed, ws.actor, ws.now(), check)

    # -- one session -------------------------------------------------------------------

    def add(
        self,
        kind: str,
        location: str,
        day: dt.date,
        at: str,
        *,
        phase: int | None = None,
        minutes: int | None = None,
        host: str | None = None,
        place: str | None = None,
    ) -> Session:
        """One session at `location` on `day` at local time `at`; the host defaults to the
        location's champion, the length to the guide's (90 minutes training, 60 office
        hour), the phase to the one the session serves on that day."""
        ws = self.workspace
        rollout = ws.rollout()
        kind = checked(rules.check_kind, kind)
        where = checked(rules.resolve_location, ws.store.locations.all(), location)
        time = checked(rules.parse_time, at)
        start = checked(rules.wall_time, day, time, where.tz)
        if minutes is None:
            minutes = (
                rules.TRAINING_MINUTES if kind == rules.TRAINING else rules.OFFICE_HOUR_MINUTES
            )
        number = self._phase(rollout, kind, day, phase)
        session = Session(
            phase=number,
            location=where.name,
            kind=kind,
            start=start,
            minutes=checked(rules.check_minutes, minutes),
            host=checked(rules.check_host, host) or where.champion,
            place=checked(rules.check_place, place),
        )

        def check(existing: list[Session]) -> None:
            checked(rules.check_new, session, existing)

        return ws.store.sessions.add([session], ws.actor, ws.now(), check)[0]

    def move(self, session_id: int, day: dt.date, at: str) -> Session:
        time = checked(rules.parse_time, at)

        def apply(current: Session, around: Around) -> Session:
            if current.status != rules.PLANNED:
                raise UserError(self._not_planned(current))
            moved = checked(rules.moved, current, day, time)
            return checked(rules.check_new, moved, around(moved))

        return self._change(session_id, "moved", apply)

    def cancel(self, session_id: int) -> Session:
        def apply(current: Session, _: Around) -> Session:
            if current.status != rules.PLANNED:
                raise UserError(self._not_planned(current))
            return replace(current, status=rules.CANCELLED)

        return self._change(session_id, "cancelled", apply)

    def held(
        self, session_id: int, attended: int | None = None
    ) -> tuple[Session, TickEvent | None]:
        """Mark a session held (with how many of its group came); a held office hour ticks
        its day's checklist item unless that is ticked already. Returns the session and the
        tick made, if any."""
        ws = self.workspace
        now = ws.now()
        if attended is not None and attended < 0:
            raise UserError(t("--attended must be 0 or more, not {n}", n=attended))

        def apply(current: Session, _: Around) -> Session:
            if current.status == rules.CANCELLED:
                raise UserError(t("session #{id} was cancelled", id=current.id))
            if current.start_utc > now:
                raise UserError(
                    t(
                        "{session} has not started yet; mark it held afterwards",
                        session=rules.describe(current),
                    )
                )
            return replace(current, status=rules.HELD, attended=attended)

        session = self._change(session_id, "held", apply)
        return session, self._tick_for(session)

    def _change(self, session_id: int, kind: str, apply) -> Session:
        ws = self.workspace
        ws.rollout()
        changed = ws.store.sessions.change(session_id, kind, apply, ws.actor, ws.now())
        if changed is None:
            raise UserError(t("there is no session #{id}", id=session_id))
        return changed

    @staticmethod
    def _not_planned(session: Session) -> str:
        if session.status == rules.CANCELLED:
            return t("session #{id} was cancelled", id=session.id)
        return t("session #{id} was held already", id=session.id)

    def _phase(self, rollout: Rollout, kind: str, day: dt.date, phase: int | None) -> int:
        plan = rollout.plan
        if phase is not None:
            if plan.phase(phase) is None:
                raise UserError(
                    t(
                        "--phase {n}: the plan has phases {numbers}",
                        n=phase,
                        numbers=", ".join(str(p.number) for p in plan.phases),
                    )
                )
            return phase
        return serving_phase(plan, rollout.day(day), kind).number

    # -- the checklist -------------------------------------------------------------------

    def _tick_for(self, session: Session) -> TickEvent | None:
        """Tick the office-hour item of the session's local day, once."""
        if session.kind != rules.OFFICE_HOUR:
            return None
        ws = self.workspace
        instance = office_hour_item(ws.schedule().instances(), session.start.date())
        if instance is None:
            return None

        def decide(latest: TickEvent | None) -> tuple[str, RuleException | None]:
            if latest is not None and latest.state == "done":
                raise _AlreadyDone
            return "tick", None

        note = t(
            "{session} held, hosted by {host}",
            session=rules.describe(session),
            host=session.host or t("nobody named"),
        )
        now = ws.now()
        try:
            return ws.store.record(  # type: ignore[return-value]
                instance.key,
                "tick",
                ws.actor,
                now,
                note=note,
                at=min(session.end.astimezone(dt.UTC), now),
                location=session.location,
                decide=decide,
            )
        except _AlreadyDone:
            return None

    # -- the calendar --------------------------------------------------------------------

    def calendar_data(self, location: str | None = None):
        """Everything the calendar holds: sessions (of one location, when named), phase
        starts, the standing decisions and every checklist item's due date."""
        from launchtui.exporters.calendar import CalendarData

        ws = self.workspace
        rollout = ws.rollout()
        store = ws.store
        return CalendarData(
            rollout=rollout,
            rollout_key=store.sessions.rollout_key(),
            sessions=self.all(location),
            revisions=store.sessions.revisions(),
            decisions=store.adoption.decisions(),
            items=ws.schedule(rollout).instances(),
            stamp=ws.now().astimezone(dt.UTC).replace(microsecond=0),
        )

    def write_calendar(self, stream: TextIO, location: str | None = None) -> int:
        """Write the calendar (RFC 5545) to `stream`; returns how many events it holds."""
        from launchtui.exporters import calendar

        return calendar.write(stream, self.calendar_data(location))

    # -- headcount -----------------------------------------------------------------------

    def set_headcount(self, headcount: int) -> Rollout:
        """How many people the rollout moves: each group's size is its share of it."""
        if not 1 <= headcount <= MAX_HEADCOUNT:
            raise UserError(
                t("the headcount must be 1 to {most}, not {n}", most=MAX_HEADCOUNT, n=headcount)
            )
        ws = self.workspace
        current = ws.stored_rollout()
        changed = replace(current, team_size=headcount)
        ws.store.update_rollout(changed, ws.actor, ws.now(), "headcount set")
        return changed


def serving_phase(plan: PhasePlan, day: int, kind: str) -> Phase:
    """The phase a session on `day` serves: a training prepares the next group to start
    (on or after that day), an office hour helps the group that is running."""
    ordered = sorted(
        (p for p in plan.phases if not p.decommission), key=lambda p: (p.start, p.number)
    )
    if not ordered:
        ordered = sorted(plan.phases, key=lambda p: (p.start, p.number))
    if kind == rules.TRAINING:
        coming = [p for p in ordered if p.start >= day]
        if coming:
            return coming[0]
    running = [p for p in ordered if p.start <= day]
    return running[-1] if running else ordered[0]


def office_hour_item(instances, day: dt.date) -> Instance | None:
    """The office-hour checklist instance due on `day`, if the checklists have one."""
    return next(
        (i for i in instances if i.item.id == OFFICE_HOUR_ITEM and i.due == day),
        None,
    )


def trained_groups(
    ws: Workspace, rollout: Rollout, today: dt.date | None = None
) -> list[rules.GroupTraining] | None:
    """Each started group with how many of it attended a held training, when the rollout
    plans trainings; None when it plans none (then the figure typed with `metrics record
    --training` stands). The gate and the review both read training from here.

    One query: the attendance per phase, summed in the database (no session is loaded).
    Pass `today` when the caller has asked the clock already."""
    held = ws.store.sessions.training_attendance()
    if held is None:
        return None
    return rules.groups_trained(
        rollout.plan, rollout.launch, rollout.team_size, held, today or ws.today()
    )


def training_criterion(ws: Workspace, rollout: Rollout, today: dt.date | None = None):
    """The gate's training figure from attendance, when the rollout plans trainings; None
    (the figure typed with `metrics record --training`) when it plans none. The clock is
    asked once (when `today` is not given), so a reload across midnight uses one day."""
    today = today or ws.today()
    groups = trained_groups(ws, rollout, today)
    if groups is None:
        return None
    return rules.training_criterion(groups, today)
