"""Retrospective notes: what went well, lessons learned, thanks and next steps.

Written along the way and reviewed at the end, the guide's four retrospective headings.
Like an issue, a note is the fold of an append-only event log: a `written` event
carries everything the note starts with (its kind, text, the phase and checklist window
it was written in, and what it points at: an issue or a checklist item); each `edited`
event carries the new text (or kind). The current `Note` is `fold(events)`; its
`history` is the events, so an earlier wording is never lost.

The validators raise ValueError with a one-line message that says what is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from launchtui.domain.events import Event
from launchtui.domain.rollout import Actor
from launchtui.text.i18n import LANGS, N_, in_language, t

# The kinds, in the order a report lists them.
KINDS = ("went-well", "lesson", "thanks", "next-step")
# A kind as a heading (and its label in the TUI): marked for the catalogue, drawn with `t`.
KIND_LABELS = {
    "went-well": N_("What went well"),
    "lesson": N_("Lessons learned"),
    "thanks": N_("Thanks"),
    "next-step": N_("Next steps"),
}
# A kind in a few letters, for narrow columns.
KIND_SHORT = {"went-well": "well", "lesson": "lesson", "thanks": "thanks", "next-step": "next"}
# Other spellings people type for a kind (after `_normalise`).
KIND_ALIASES = {
    "wentwell": "went-well",
    "well": "went-well",
    "good": "went-well",
    "lessons": "lesson",
    "lesson-learned": "lesson",
    "lessons-learned": "lesson",
    "thank": "thanks",
    "thank-you": "thanks",
    "next": "next-step",
    "nextstep": "next-step",
    "next-steps": "next-step",
}

EVENT_KINDS = ("written", "edited")
MAX_TEXT = 10_000
# What a `written` event carries; an `edited` event may carry only `EDITABLE_FIELDS`.
WRITTEN_FIELDS = ("kind", "text", "phase", "window", "issue_id", "item_key")
EDITABLE_FIELDS = ("kind", "text")
# A note flattened to one record: the CSV header and the keys of the JSON export.
NOTE_FIELDS = (
    "id",
    "kind",
    "text",
    "phase",
    "window",
    "issue_id",
    "item_key",
    "author",
    "author_login",
    "created_at",
    "updated_at",
    "edits",
    "editor",
    "editor_login",
)


@dataclass(frozen=True)
class NoteEvent(Event):
    """One change to one note (`note_id`): written or edited."""

    SUBJECT: ClassVar[str] = "note_id"

    @property
    def note_id(self) -> int:
        return self.subject_id


@dataclass(frozen=True)
class Note:
    """A note as it stands after its whole history; `history` may be () in listings."""

    id: int
    kind: str
    text: str
    author: Actor
    created_at: dt.datetime
    updated_at: dt.datetime
    phase: int | None = None  # the phase running when it was written; None before launch
    window: str | None = None  # the checklist window it was written in
    issue_id: int | None = None  # the issue it points at
    item_key: str | None = None  # the checklist item it points at
    edits: int = 0
    editor: Actor | None = None  # who edited it last; None if never edited
    history: tuple[NoteEvent, ...] = ()

    @property
    def edited(self) -> bool:
        return self.edits > 0

    def label(self, lang: str = "en") -> str:
        """The note's kind as a heading, in `lang`."""
        return kind_label(self.kind, lang)

    def earlier_texts(self) -> tuple[str, ...]:
        """Every wording the note had before its current one, oldest first (needs `history`)."""
        texts = [e.changes["text"] for e in self.history if "text" in e.changes]
        return tuple(texts[:-1])


def kind_label(kind: str, lang: str = "en") -> str:
    """A kind as a heading: 'What went well' ('Wat goed ging' in Dutch)."""
    if kind not in KIND_LABELS:
        return kind
    with in_language(lang if lang in LANGS else "en"):
        return t(KIND_LABELS[kind])


# -- the fold ------------------------------------------------------------------


def fold(events: Iterable[NoteEvent]) -> Note:
    """The current note from its events, oldest first; the events become its history."""
    history = tuple(events)
    if not history:
        raise ValueError("a note needs at least its `written` event")
    first = history[0]
    if first.kind != "written":
        raise ValueError(f"note #{first.note_id}: the first event is {first.kind}, not written")
    state: dict[str, Any] = {k: first.changes.get(k) for k in WRITTEN_FIELDS}
    editor: Actor | None = None
    updated = first.at
    for event in history[1:]:
        if event.note_id != first.note_id:
            raise ValueError(
                f"event {event.id} belongs to note #{event.note_id}, not #{first.note_id}"
            )
        if event.kind != "edited":
            raise ValueError(f"note #{first.note_id}: unexpected {event.kind} event {event.id}")
        unknown = set(event.changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise ValueError(
                f"event {event.id} changes unknown fields: {', '.join(sorted(unknown))}"
            )
        state.update(event.changes)
        editor = event.actor
        updated = event.at
    return Note(
        id=first.note_id,
        author=first.actor,
        created_at=first.at,
        updated_at=updated,
        edits=len(history) - 1,
        editor=editor,
        history=history,
        **state,
    )


# -- validation ----------------------------------------------------------------


def _normalise(value: str) -> str:
    return "-".join(value.strip().lower().replace("_", " ").replace("-", " ").split())


def parse_kind(value: str | None) -> str:
    """'went-well', 'went_well', 'Went well', 'lessons' ... -> one of KINDS."""
    text = _normalise(value or "")
    kind = KIND_ALIASES.get(text, text)
    if kind not in KINDS:
        shown = (value or "").strip()[:40]
        raise ValueError(
            t("unknown kind {kind}; use went-well, lesson, thanks or next-step", kind=repr(shown))
        )
    return kind


def validate_text(value: str | None) -> str:
    """The note's text: several lines allowed, line ends made `\\n`, spaces at the end of
    each line and whitespace around the whole dropped; not empty, at most `MAX_TEXT`."""
    lines = (value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(line.rstrip() for line in lines).strip()
    if not text.strip():
        raise ValueError(t("the note is empty: write what went well, was learned, or comes next"))
    if len(text) > MAX_TEXT:
        raise ValueError(
            t(
                "the note is {n} characters; at most {most} fit",
                n=f"{len(text):,}",
                most=f"{MAX_TEXT:,}",
            )
        )
    return text


def parse_note_id(value: int | str) -> int:
    """'3' or '#3'."""
    text = str(value).strip().removeprefix("#")
    if not text.isdigit() or int(text) < 1:
        shown = str(value).strip()[:20]
        raise ValueError(t("{value} is not a note number like 3", value=repr(shown)))
    return int(text)


def edit_changes(note: Note, text: str | None = None, kind: str | None = None) -> dict[str, Any]:
    """The new text and/or kind of `note`, validated; what is unchanged is left out."""
    wanted: dict[str, Any] = {}
    if text is not None:
        wanted["text"] = validate_text(text)
    if kind is not None:
        wanted["kind"] = parse_kind(kind)
    if not wanted:
        raise ValueError(t("nothing to change: give the new text or kind"))
    changes = {k: v for k, v in wanted.items() if getattr(note, k) != v}
    if not changes:
        raise ValueError(t("note #{id} already reads like that; nothing changed", id=note.id))
    return changes


# -- ordering ------------------------------------------------------------------


def sort_key(note: Note) -> tuple[int, dt.datetime, int]:
    """By kind (the report's order), then oldest first."""
    return (KINDS.index(note.kind), note.created_at, note.id)


def by_kind(notes: Iterable[Note]) -> dict[str, tuple[Note, ...]]:
    """Every kind (all present, in `KINDS` order) with its notes, oldest first."""
    groups: dict[str, list[Note]] = {kind: [] for kind in KINDS}
    for note in notes:
        groups[note.kind].append(note)
    return {
        kind: tuple(sorted(found, key=lambda n: (n.created_at, n.id)))
        for kind, found in groups.items()
    }
