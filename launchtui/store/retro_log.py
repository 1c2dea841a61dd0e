"""Retrospective notes and comms facts in SQL: append-only logs, and a projection of notes.

`retro_events` is the truth about notes: one row per written or edited note, never
updated or deleted (triggers refuse both). A note is `launchtui.domain.retro.fold` of its
events, and `get` reads it that way, history included. `retro_notes` is the projection,
one row per note with what the fold gives, rewritten in the same `BEGIN IMMEDIATE`
transaction as each append (like the issue log's `issues`), so that listing and
exporting need no fold.

`comms_facts` is a key/value log: setting a fact appends a row; the latest row of a key
is its value, NULL meaning cleared. Earlier values stay as history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from launchtui.domain.retro import NOTE_FIELDS, Note, NoteEvent, fold
from launchtui.domain.rollout import Actor
from launchtui.store.database import Database, StoreError, immediate
from launchtui.store.event_log import EventTable
from launchtui.text.times import aware_utc

if TYPE_CHECKING:
    from launchtui.domain.comms import Fact

# The projection's columns, in table order: the flattened note of the exports.
NOTE_COLUMNS = NOTE_FIELDS
_COLUMNS_SQL = ", ".join(f'"{c}"' for c in NOTE_COLUMNS)
_SELECT = f"SELECT {_COLUMNS_SQL} FROM retro_notes"
_INSERT = f"INSERT INTO retro_notes ({_COLUMNS_SQL}) VALUES ({', '.join('?' * len(NOTE_COLUMNS))})"
_UPDATE = (
    "UPDATE retro_notes SET " + ", ".join(f'"{c}" = ?' for c in NOTE_COLUMNS[1:]) + " WHERE id = ?"
)
EVENTS = EventTable("retro_events", NoteEvent)  # the truth: every change, appended


class UnknownNote(StoreError):
    """A note number that the log does not hold."""

    def __init__(self, note_id: int):
        super().__init__(f"there is no note #{note_id}")
        self.note_id = note_id


Changes = Mapping[str, Any] | Callable[[Note], Mapping[str, Any]]


class RetroLog:
    """Notes and comms facts of one database connection (`Store.retro`)."""

    def __init__(self, db: Database):
        self.db = db

    # -- notes: writing ----------------------------------------------------------

    def add(
        self,
        kind: str,
        text: str,
        actor: Actor,
        now: dt.datetime,
        *,
        phase: int | None = None,
        window: str | None = None,
        issue_id: int | None = None,
        item_key: str | None = None,
    ) -> Note:
        """Write a new note (values already validated) and return it, history included."""
        changes = {
            "kind": kind,
            "text": text,
            "phase": phase,
            "window": window,
            "issue_id": issue_id,
            "item_key": item_key,
        }
        with immediate(self.db):
            # Inside the write transaction, so no other writer can take the same number.
            note_id = self.db.execute(
                "SELECT coalesce(max(id), 0) + 1 FROM retro_notes"
            ).fetchone()[0]
            event = EVENTS.append(self.db, note_id, "written", changes, actor, now)
            note = fold([event])
            self.db.execute(_INSERT, _projection(note))
        return note

    def apply(self, note_id: int, changes: Changes, actor: Actor, now: dt.datetime) -> Note:
        """Append an `edited` event and bring the projection up to date.

        `changes` is the new field values, or a function of the current note that returns
        them; it runs inside the write transaction, and a ValueError it raises rolls
        everything back and reaches the caller.
        """
        with immediate(self.db):
            current = self.get(note_id)
            if current is None:
                raise UnknownNote(note_id)
            values = dict(changes(current) if callable(changes) else changes)
            event = EVENTS.append(self.db, note_id, "edited", values, actor, now)
            note = fold((*current.history, event))
            self.db.execute(_UPDATE, [*_projection(note)[1:], note.id])
        return note

    # -- notes: reading ----------------------------------------------------------

    def get(self, note_id: int) -> Note | None:
        """The note folded from its events (the truth), history included; None if unknown."""
        events = EVENTS.of(self.db, note_id)
        return fold(events) if events else None

    def list(
        self,
        kind: str | None = None,
        phase: int | None = None,
        text: str | None = None,
    ) -> list[Note]:
        """Notes from the projection, oldest first, without their history.

        `text` matches (case-insensitively for ASCII) inside the note's text.
        """
        where, params = _where(kind, phase, text)
        rows = self.db.execute(_SELECT + where + " ORDER BY created_at, id", params)
        return [_note(row) for row in rows]

    def count(self, kind: str | None = None, phase: int | None = None) -> int:
        where, params = _where(kind, phase, None)
        return self.db.execute("SELECT count(*) FROM retro_notes" + where, params).fetchone()[0]

    def counts(self) -> dict[str, int]:
        """Notes per kind (kinds without notes left out)."""
        rows = self.db.execute("SELECT kind, count(*) FROM retro_notes GROUP BY kind")
        return {kind: n for kind, n in rows}

    def iter_notes(self) -> Iterator[Note]:
        """Whole notes with their histories, folded from the log, by note number."""
        cursor = self.db.execute(f"{EVENTS.select} ORDER BY note_id, id")
        for _, events in EVENTS.by_subject(cursor):
            yield fold(events)

    # -- comms facts -------------------------------------------------------------

    def set_fact(
        self, key: str, value: str | None, actor: Actor, now: dt.datetime, lang: str
    ) -> Fact:
        """Record a fact's new value in `lang` (None clears it); earlier values stay."""
        at = aware_utc(now)
        with immediate(self.db):
            self.db.execute(
                "INSERT INTO comms_facts (key, value, user, login, at, lang)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [key, value, actor.name, actor.login, at.isoformat(), lang],
            )
        from launchtui.domain.comms import Fact  # comms pulls in the report: load on use

        return Fact(key, value, actor, at, lang)

    def facts(self, lang: str, rollout_lang: str) -> dict[str, Fact]:
        """The latest entry in `lang` of every key ever set in it (a cleared one has value
        None); a value from before facts had a language counts as `rollout_lang`'s."""
        rows = self.db.execute(
            f"SELECT {_FACT_COLUMNS} FROM comms_facts WHERE id IN"
            " (SELECT max(id) FROM comms_facts WHERE coalesce(lang, ?) = ? GROUP BY key)"
            " ORDER BY key",
            [rollout_lang, lang],
        )
        return {row[0]: _fact(row, rollout_lang) for row in rows}

    def fact_history(self, key: str | None = None, rollout_lang: str = "en") -> list[Fact]:
        """Every value a fact (or every fact) was set to, in any language, oldest first."""
        sql = f"SELECT {_FACT_COLUMNS} FROM comms_facts"
        params: list[Any] = []
        if key is not None:
            sql += " WHERE key = ?"
            params.append(key)
        return [_fact(row, rollout_lang) for row in self.db.execute(sql + " ORDER BY id", params)]


_FACT_COLUMNS = "key, value, user, login, at, lang"


# -- rows ----------------------------------------------------------------------


def _projection(note: Note) -> list[Any]:
    """The projection row of a note, in `NOTE_COLUMNS` order."""
    return [
        note.id,
        note.kind,
        note.text,
        note.phase,
        note.window,
        note.issue_id,
        note.item_key,
        note.author.name,
        note.author.login,
        aware_utc(note.created_at).isoformat(),
        aware_utc(note.updated_at).isoformat(),
        note.edits,
        note.editor.name if note.editor else None,
        note.editor.login if note.editor else None,
    ]


def _note(row: tuple[Any, ...]) -> Note:
    values = dict(zip(NOTE_COLUMNS, row, strict=True))
    editor = values["editor"]
    return Note(
        id=values["id"],
        kind=values["kind"],
        text=values["text"],
        author=Actor(values["author"], values["author_login"]),
        created_at=dt.datetime.fromisoformat(values["created_at"]),
        updated_at=dt.datetime.fromisoformat(values["updated_at"]),
        phase=values["phase"],
        window=values["window"],
        issue_id=values["issue_id"],
        item_key=values["item_key"],
        edits=values["edits"],
        editor=Actor(editor, values["editor_login"]) if editor is not None else None,
    )


def _fact(row: tuple[Any, ...], rollout_lang: str) -> Fact:
    key, value, user, login, at, lang = row
    from launchtui.domain.comms import Fact  # comms pulls in the report: load on use

    return Fact(key, value, Actor(user, login), dt.datetime.fromisoformat(at), lang or rollout_lang)


def _where(kind: str | None, phase: int | None, text: str | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if kind is not None:
        clauses.append("kind = ?")
        params.append(kind)
    if phase is not None:
        clauses.append("phase = ?")
        params.append(phase)
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append("text LIKE ? ESCAPE '\\'")
        params.append(pattern)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
