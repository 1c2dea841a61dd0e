"""One coordinator's view of the rollout: checklists, store and clock put together.

The command line and the TUI both act through this, so a tick means the same thing
wherever it is made and every rule is checked in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from launchtui.domain.checklist import ChecklistSet, Instance, Schedule
from launchtui.domain.checklist_files import load_checklists
from launchtui.domain.locations import Location, find
from launchtui.domain.phases import PhasePlan, template_plan
from launchtui.domain.progress import ItemStatus, RolloutStatus, rollout_status
from launchtui.domain.rollout import Rollout
from launchtui.domain.ticks import RuleException, TickEvent, TickNote, visible_notes
from launchtui.services.settings import Settings
from launchtui.store import Store, StoreError
from launchtui.store.database import MissingDatabase
from launchtui.store.store import Decide
from launchtui.text import numbers
from launchtui.text.i18n import t
from launchtui.text.safe import one_line

if TYPE_CHECKING:
    from launchtui.domain.gate import Criterion

MAX_NOTE = 2000
# A launch date set now lies at most this many years from today, either way.
LAUNCH_YEARS = 10
# A launch date already in the database is worked with up to this far from today; beyond
# it (an older launchtui took any date) the dates overflow, and it must be set again.
WORKABLE_YEARS = 100


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


class NoDatabase(NoRollout):
    """No database file at all, and this command makes none (only init and demo do)."""

    def __init__(self, settings: Settings):
        UserError.__init__(
            self,
            t(
                "no database at {path}: run `launchtui init` or `launchtui demo`,"
                " or point --db or $LAUNCHTUI_DB at the shared file",
                path=settings.db_path,
            ),
        )


class LaunchOutOfRange(StoreError):
    """The database holds a launch date too far from today to work with (an older
    launchtui took any date): `reschedule` sets it again; nothing else reads it."""


def years_from(day: dt.date, years: int) -> dt.date:
    """`day` moved `years` years (29 February becomes the 28th), kept inside the calendar."""
    year = min(max(day.year + years, dt.MINYEAR), dt.MAXYEAR)
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def check_launch(
    launch: dt.date, today: dt.date, what: str = "--launch-date", typed: str | None = None
) -> None:
    """A date being set (a launch, a tick's time) must lie within `LAUNCH_YEARS` of
    today, either way; the error shows it as `typed`, else as ISO."""
    first, last = years_from(today, -LAUNCH_YEARS), years_from(today, LAUNCH_YEARS)
    if not first <= launch <= last:
        shown = typed if typed is not None else launch.isoformat()
        raise UserError(far_from_today(what, shown, today, first, last))


def far_from_today(what: str, value: str, today: dt.date, first: dt.date, last: dt.date) -> str:
    return t(
        "{what} {value} is more than {years} years from today ({today});"
        " use a date from {first} to {last}",
        what=what,
        value=value,
        years=LAUNCH_YEARS,
        today=today.isoformat(),
        first=first.isoformat(),
        last=last.isoformat(),
    )


class Workspace:
    def __init__(
        self,
        settings: Settings,
        store: Store | None = None,
        *,
        checklists: ChecklistSet | None = None,
        create: bool = True,
        check_location: bool = False,
    ):
        """`checklists` already loaded from the same folder may be shared: they are
        immutable, and parsing them again costs start-up time.

        With `create` false a missing database is refused (`NoDatabase`) instead of
        made: the command line makes one only for `init`, `demo` and the app. With
        `check_location` the coordinator's location (--location, $LAUNCHTUI_LOCATION)
        must be one the rollout knows, once it holds a rollout.
        """
        self.settings = settings
        self._store = store
        self._schedule: tuple[Rollout, Schedule] | None = None
        self.create = create
        self.check_location = check_location
        if checklists is not None:
            self.__dict__["checklists"] = checklists

    @cached_property
    def checklists(self) -> ChecklistSet:
        return load_checklists(self.settings.checklists_dir)

    @property
    def store(self) -> Store:
        if self._store is None:
            try:
                store = Store.open(self.settings.db_path, create=self.create)
            except MissingDatabase:
                raise NoDatabase(self.settings) from None
            if self.check_location:
                try:
                    self._known_location(store)
                except BaseException:
                    store.close()
                    raise
            self._store = store
        return self._store

    def _known_location(self, store: Store) -> None:
        """Refuse a location the rollout does not know; take the known one's spelling."""
        name = self.settings.location
        if not name or store.rollout() is None:
            return  # nothing to check against until there is a rollout
        places = store.locations.all()
        found = find(places, name)
        source = self.settings.location_source
        if found is None:
            if places:
                said = t(
                    "unknown location {name!r}; known: {names}",
                    name=name,
                    names=", ".join(p.name for p in places),
                )
            else:
                said = t(
                    "unknown location {name!r}; this rollout has no locations yet:"
                    " add one with `launchtui locations add NAME --tz AREA/CITY`",
                    name=name,
                )
            raise UserError(f"{source}: {one_line(said)}")
        if found.name != name:
            self.settings = replace(self.settings, location=found.name)

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

    def history(self, key: str | None = None) -> list[TickEvent | TickNote]:
        """Every tick, untick, skip and note (of `key`), oldest first. An item's history
        holds what was made under its older day-number key too."""
        if key is None:
            return _in_order([*self.store.history(), *self.store.notes()])
        _instance, rows = self._item_rows(key)
        return _in_order([row for events, notes in rows.values() for row in (*events, *notes)])

    def item_record(
        self, key: str
    ) -> tuple[ItemStatus, list[TickNote], list[TickEvent | TickNote]]:
        """`item(key)`, `notes(key)` and `history(key)` at once, each row read once (the
        item detail reads all three on every reload)."""
        instance, rows = self._item_rows(key)
        history = _in_order([row for events, notes in rows.values() for row in (*events, *notes)])
        events, notes = (
            rows[key] if key in rows else (self.store.history(key), self.store.notes(key))
        )
        item = ItemStatus(instance, events[-1] if events else None, self.today())
        return item, visible_notes(notes), history

    def _item_rows(
        self, key: str
    ) -> tuple[Instance, dict[str, tuple[list[TickEvent], list[TickNote]]]]:
        """The item `key` names and the events and notes made under each of its keys (its
        own and its older day-number key), oldest first."""
        instance = self._instance(self.rollout(), key)  # a clear error for an unknown key
        keys = dict.fromkeys(k for k in (instance.key, instance.legacy_key) if k)
        return instance, {one: (self.store.history(one), self.store.notes(one)) for one in keys}

    def location(self) -> Location | None:
        """The coordinator's location, if one is set and the rollout knows it."""
        if not self.settings.location:
            return None
        return find(self.store.locations.all(), self.settings.location)

    def now(self) -> dt.datetime:
        return self.settings.clock.now()

    # -- reading -----------------------------------------------------------------

    def rollout(self) -> Rollout:
        """The rollout, refused with one line when its launch date is too far from today
        to work with (`reschedule` sets it again, from `stored_rollout`)."""
        rollout = self.stored_rollout()
        today = self.settings.clock.today()
        first, last = years_from(today, -WORKABLE_YEARS), years_from(today, WORKABLE_YEARS)
        if not first <= rollout.launch <= last:
            raise LaunchOutOfRange(
                t(
                    "{path} holds the launch date {launch}, more than {years} years from"
                    " today; set the right one with"
                    " `launchtui reschedule --launch-date YYYY-MM-DD`",
                    path=self.settings.db_path,
                    launch=rollout.launch.isoformat(),
                    years=WORKABLE_YEARS,
                )
            )
        return rollout

    def stored_rollout(self) -> Rollout:
        """The rollout as the database holds it, whatever its launch date."""
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
        return ItemStatus(self._instance(rollout, key), self.store.latest(key), self.today())

    def _instance(self, rollout: Rollout, key: str) -> Instance:
        """The dated item `key` names, or a clear error (with a near key, if any)."""
        instance = self.schedule(rollout).find(key)
        if instance is None:
            keys = [i.key for i in self.schedule(rollout).instances()]
            import difflib  # only for a mistyped key

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
        return instance

    # -- writing -----------------------------------------------------------------

    def init(self, rollout: Rollout) -> None:
        """Start the rollout; this (and `demo`) makes the database file when it is missing."""
        check_launch(rollout.launch, self.settings.clock.today())
        self.create = True
        now = self.now()
        rollout = replace(rollout, lang=rollout.lang or self.settings.lang)
        # The template's phase and group names in the language the rollout is made in,
        # saved in the same transaction as the rollout: both land, or neither.
        named: PhasePlan | None = template_plan(rollout.template, self.settings.lang)
        if rollout.phases is not None or named == rollout.plan:
            named = None
        self.store.create_rollout(rollout, self.actor, now, plan=named)

    def rollout_language(self) -> str:
        """The language the rollout was made in (its comms facts' default); for a rollout
        made before that was kept, the language of the texts here."""
        return self.rollout().lang or self.settings.lang

    def move_launch(self, launch: dt.date, reason: str | None = None) -> Rollout:
        """A slip: every due date moves with the launch; ticks already made stay.

        It works on a launch date too far from today to read, so it can set it right."""
        check_launch(launch, self.settings.clock.today())
        current = self.stored_rollout()
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
        refused while the rule fails, unless `reason` says why it is done anyway.

        Whether it is already ticked is decided inside the write transaction: of two
        coordinators ticking at once, one tick lands and the other is told who has it."""
        item = self.item(key)

        def decide(latest: TickEvent | None) -> tuple[str, RuleException | None]:
            if latest is not None and latest.state == "done":
                raise UserError(t("'{key}' is already ticked by {by}", key=key, by=_by(latest)))
            return "tick", self._requirement(item, reason)

        return self._record(key, decide, note, at)  # type: ignore[return-value]

    def switched_off(self, rollout: Rollout | None = None) -> bool | None:
        """Whether the old system's switch-off (an item requiring "new-system") is ticked;
        None when the checklists have no such item."""
        keys = [
            i.key for i in self.schedule(rollout).instances() if i.item.requires == "new-system"
        ]
        if not keys:
            return None
        return any((e := self.store.latest(k)) is not None and e.state == "done" for k in keys)

    def requirement(self, item: ItemStatus) -> Criterion | None:
        """The gate rule `item` requires, when it does not hold today; else None."""
        if item.instance.item.requires != "new-system":
            return None
        from launchtui.domain.gate import new_system  # only the switch-off needs the gate

        rollout = self.rollout()
        rule = new_system(rollout.plan, rollout.launch, self.store.adoption.figures(), self.today())
        return None if rule.ok else rule

    def _requirement(self, item: ItemStatus, reason: str | None) -> RuleException | None:
        rule = self.requirement(item)
        if rule is None:
            return None
        from launchtui.domain.gate import NEW_SYSTEM_MIN

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
        self.item(key)

        def decide(latest: TickEvent | None) -> tuple[str, RuleException | None]:
            if latest is None or latest.state == "open":
                raise UserError(t("'{key}' is not ticked or skipped", key=key))
            return "untick", None

        return self._record(key, decide, note, None)  # type: ignore[return-value]

    def skip(self, key: str, reason: str, at: dt.datetime | None = None) -> TickEvent:
        if not reason or not reason.strip():
            raise UserError(
                t("skip needs a reason (--reason TEXT): say why the item does not apply")
            )
        self.item(key)

        def decide(latest: TickEvent | None) -> tuple[str, RuleException | None]:
            if latest is not None and latest.state == "skipped":
                raise UserError(t("'{key}' is already skipped by {by}", key=key, by=_by(latest)))
            return "skip", None

        return self._record(key, decide, reason, at)  # type: ignore[return-value]

    def toggle(self, key: str, note: str | None = None, reason: str | None = None) -> TickEvent:
        """Tick an open item, reopen a done or skipped one: as it stands at the write."""
        item = self.item(key)

        def decide(latest: TickEvent | None) -> tuple[str, RuleException | None]:
            if latest is None or latest.state == "open":
                return "tick", self._requirement(item, reason)
            return "untick", None

        return self._record(key, decide, note, None)  # type: ignore[return-value]

    def note(self, key: str, text: str) -> TickNote:
        """Keep a note with an item, by its author; who ticked it, and its state, stay."""
        if not text.strip():
            raise UserError(t("the note is empty"))
        self.item(key)
        return self._record(key, lambda latest: ("note", None), text, None)  # type: ignore[return-value]

    def annotate(self, key: str, note: str) -> TickEvent | TickNote:
        """The TUI's `n`: tick an open item with a note; on a done or skipped one, add a
        note of the user's own (the tick keeps its author). Decided at the write."""
        if not note.strip():
            raise UserError(t("the note is empty"))
        item = self.item(key)

        def decide(latest: TickEvent | None) -> tuple[str, RuleException | None]:
            if latest is None or latest.state == "open":
                return "tick", self._requirement(item, None)
            return "note", None

        return self._record(key, decide, note, None)

    def notes(self, key: str) -> list[TickNote]:
        """The notes on `key` that stand, oldest first."""
        return visible_notes(self.store.notes(key))

    def undo(self) -> tuple[TickEvent | TickNote, TickEvent | TickNote] | None:
        return self.store.undo_last(self.actor, self.now())

    def _record(
        self,
        key: str,
        decide: Decide,
        note: str | None,
        at: dt.datetime | None,
    ) -> TickEvent | TickNote:
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
            "tick",
            self.actor,
            now,
            note=note or None,
            at=at,
            location=self.settings.location,
            decide=decide,
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


def _in_order(found: list[TickEvent | TickNote]) -> list[TickEvent | TickNote]:
    """Events and notes in the order they were made (a note keeps its place among them)."""
    return sorted(found, key=lambda e: e.order if isinstance(e, TickNote) else (e.id, 0, 0))
