"""Requests from the retrospective tab and its mails: a note, a fact of the mails."""

from __future__ import annotations

from dataclasses import dataclass

from launchtui.tui.messages import FormRequest, WriteRequest


@dataclass
class RetroNoteRequested(WriteRequest):
    """A new retrospective note (`note_id` None) or an edit of one."""

    kind: str = ""
    text: str = ""
    issue_id: int | None = None
    note_id: int | None = None


@dataclass
class FactRequested(FormRequest):
    """Set (or, empty, clear) one fact of the mails in one language (`comms set`)."""

    key: str = ""
    value: str = ""
    lang: str = ""
