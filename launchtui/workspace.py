"""One coordinator's view of the rollout: checklists, store and clock put together.

The command line and the TUI both act through this, so a tick means the same thing
wherever it is made and every rule is checked in one place.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

from launchtui.domain.checklist import ChecklistSet, Schedule
from launchtui.domain.checklist_files import load_checklists
from launchtui.domain.gate import NEW_SYSTEM_MIN, Criterion, new_system
from launchtui.domain.locations import Location, find
from launchtui.domain.progress import ItemStatus, RolloutStatus, rollout_status
from launchtui.domain.rollout import Rollout
from launchtui.domain.ticks import RuleException, TickEvent
from launchtui.i18n import t
from launchtui.safe_text import one_line
from launchtui.settings import Settings
from launchtui.store import Store
from launchtui.text import numbers

MAX_NOTE = 2000


class UserError(Exception):
    """Something the user asked for cannot be done; the message says what and why."""


class NoRollout(UserError):
    def __init__(self, settings: Settings):
        super().__init__(
            t(
                "{path} holds no rollout yet: run `launchtui init` or `launchtui demo`",
                path=settings.db_path,
            )
        )


class Workspace:
    def __init__(
        self,
        settings: Settings,
        store: Store | None = None,
        *,
        checklists: ChecklistSet | None = None,
    ):
        """`checklists` already loaded from the same folder may be shared: they are
        immutable, and parsing them again costs start-up time."""
        self.settings = settings
        self._store = store
        self._schedule: tuple[Rollout, Schedule] | None = None
        if checklists is not None:
            self.__dict__["checklists"] = checklists

    @cached_property
    def checklists(self) -> ChecklistSet:
        return load_checklists(self.settings.checklists_dir)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.settings.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def actor(self):
        return self.settings.actor

    def today(self) -> dt.date:
        """Today here: pretended (--today), else the date where this coordinator works."""
        clock = self.settings.clock
        if self.settings.location and clock.fixed_today is None and clock.fixed_now is None:
            location = self.location()
            if location is not None:
                return location.today(clock.now())
        return clock.today()

    def location(self) -> Location | None:
        """The coordinator's location, if one is set and the rollout knows it."""
        if not self.settings.location:
            return None
        return find(self.store.locations.all(), self.settings.location)

    def now(self) -> dt.datetime:
        return self.settings.clock.now()

    # -- reading -----------------------------------------------------------------

    def rollout(self) -> Rollout:
        rollout = self.store.rollout()
        if rollout is None:
            raise NoRollout(self.settings)
        return rollout

    def schedule(self, rollout: Rollout | None = None) -> Schedule:
        """The dated instances of `rollout`; kept while the rollout stays the same, since
        thousands of instances cost milliseconds a tick to build again."""
        rollout = rollout or self.rollout()
        if self._schedule is None or self._schedule[0] != rollout:
            self._schedule = (rollout, self.checklists.schedule(rollout))
        return self._schedule[1]

    def status(self) -> RolloutStatus:
        rollout = self.rollout()
        return rollout_status(
            rollout, self.schedule(rollout), self.store.tick_state(), self.today()
        )

    def item(self, key: str) -> ItemStatus:
        rollout = self.rollout()
        instance = self.schedule(rollout).find(key)
        if instance is None:
            keys = [i.key for i in self.schedule(rollout).instances()]
            close = difflib.get_close_matches(key, keys, n=1)
            if close:
                message = t(
                    "unknown checklist item '{key}'; did you mean '{close}'?",
                    key=key,
                    close=close[0],
                )
            else:
                message = t(
                    "unknown checklist item '{key}'; `launchtui checklist` lists them", key=key
                )
            raise UserError(message)
        return ItemStatus(instance, self.store.latest(key), self.today())

    # -- writing -----------------------------------------------------------------

    def init(self, rollout: Rollout) -> None:
        self.store.create_rollout(rollout, self.actor, self.now())

    def move_launch(self, launch: dt.date, reason: str | None = None) -> Rollout:
        """A slip: every due date moves with the launch; ticks already made stay."""
        current = self.rollout()
        moved = replace(current, launch=launch)  # the edited phase plan, if any, stays
        self.store.update_rollout(moved, self.actor, self.now(), reason or "launch date moved")
        return moved

    def tick(
        self,
        key: str,
        note: str | None = None,
        at: dt.datetime | None = None,
        reason: str | None = None,
    ) -> TickEvent:
        """Tick an item; one that requires a gate rule (the old system's switch-off) is
        refused while the rule fails, unless `reason` says why it is done anyway."""
        item = self.item(key)
        if item.state == "done":
            raise UserError(t("'{key}' is already ticked by {by}", key=key, by=_by(item.event)))
        exception = self._requirement(item, reason)
        return self._record(key, "tick", note, at, exception)

    def switched_off(self, rollout: Rollout | None = None) -> bool:
        """Whether the old system's switch-off (an item requiring "new-system") is ticked."""
        keys = [
            i.key for i in self.schedule(rollout).instances() if i.item.requires == "new-system"
        ]
        return any((e := self.store.latest(k)) is not None and e.state == "done" for k in keys)

    def requirement(self, item: ItemStatus) -> Criterion | None:
        """The gate rule `item` requires, when it does not hold today; else None."""
        if item.instance.item.requires != "new-system":
            return None
        rollout = self.rollout()
        rule = new_system(rollout.plan, rollout.launch, self.store.adoption.figures(), self.today())
        return None if rule.ok else rule

    def _requirement(self, item: ItemStatus, reason: str | None) -> RuleException | None:
        rule = self.requirement(item)
        if rule is None:
            return None
        text = (reason or "").strip()
        if not text:
            raise UserError(
                t(
                    "'{key}' needs {minimum} of everyone on the new system: {detail}; "
                    "to do it anyway, give a reason (--reason TEXT)",
                    key=item.key,
                    minimum=numbers.percent(NEW_SYSTEM_MIN),
                    detail=rule.detail,
                )
            )
        if len(text) > MAX_NOTE:
            raise UserError(
                t("the reason is {n} characters; at most {most} fit", n=len(text), most=MAX_NOTE)
            )
        return RuleException("new-system", text, rule.value, NEW_SYSTEM_MIN)

    def untick(self, key: str, note: str | None = None) -> TickEvent:
        item = self.item(key)
        if item.state == "open":
            raise UserError(t("'{key}' is not ticked or skipped", key=key))
        return self._record(key, "untick", note, None)

    def skip(self, key: str, reason: str, at: dt.datetime | None = None) -> TickEvent:
        if not reason or not reason.strip():
            raise UserError(
                t("skip needs a reason (--reason TEXT): say why the item does not apply")
            )
        item = self.item(key)
        if item.state == "skipped":
            raise UserError(t("'{key}' is already skipped by {by}", key=key, by=_by(item.event)))
        return self._record(key, "skip", reason, at)

    def toggle(self, key: str, note: str | None = None, reason: str | None = None) -> TickEvent:
        item = self.item(key)
        if item.is_open:
            return self._record(key, "tick", note, None, self._requirement(item, reason))
        return self._record(key, "untick", note, None)

    def annotate(self, key: str, note: str) -> TickEvent:
        """Keep a note with an item: ticks an open item, or re-records the current state."""
        if not note.strip():
            raise UserError(t("the note is empty"))
        item = self.item(key)
        if item.is_open:
            return self._record(key, "tick", note, None, self._requirement(item, None))
        return self._record(key, item.event.action, note, None)  # type: ignore[union-attr]

    def undo(self) -> tuple[TickEvent, TickEvent] | None:
        return self.store.undo_last(self.actor, self.now())

    def _record(
        self,
        key: str,
        action: str,
        note: str | None,
        at: dt.datetime | None,
        exception: RuleException | None = None,
    ):
        note = note.strip() if note else None
        if note and len(note) > MAX_NOTE:
            raise UserError(
                t("note is {n} characters; at most {most} fit", n=len(note), most=MAX_NOTE)
            )
        now = self.now()
        if at is not None and at > now + dt.timedelta(minutes=1):
            raise UserError(t("--at {at} lies in the future", at=at.isoformat(timespec="minutes")))
        return self.store.record(
            key,
            action,
            self.actor,
            now,
            note=note or None,
            at=at,
            location=self.settings.location,
            exception=exception,
        )


def _by(event: TickEvent | None) -> str:
    if event is None:
        return t("nobody")
    return t(
        "{name} at {when}", name=event.actor.name, when=f"{event.at.astimezone():%Y-%m-%d %H:%M}"
    )


def checked(rule: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Apply a domain rule; a broken rule (ValueError) becomes the user's one-line error."""
    try:
        return rule(*args, **kwargs)
    except ValueError as exc:
        raise UserError(one_line(str(exc))) from None


def read_user_text(
    path: Path,
    limit: int,
    too_big: Callable[[str], str],
    not_text: Callable[[str, int], str],
) -> str:
    """A file the user names (an import, a template): at most `limit` bytes of UTF-8 (a BOM
    is dropped), or one line that says what is wrong with it."""
    shown = one_line(str(path))
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise UserError(f"{shown}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise UserError(too_big(shown))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(not_text(shown, exc.start + 1)) from None
