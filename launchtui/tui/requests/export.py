"""The export request: written on a connection of its own, off the write lock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from launchtui.tui.messages import WriteRequest


@dataclass
class ExportRequested(WriteRequest):
    """Write an export to `path`. Runs in its own worker group on its own connection,
    off the write lock: a long export never holds up a tick."""

    refresh: ClassVar[bool] = False
    own_connection: ClassVar[bool] = True
    path: str = ""
    fmt: str = ""
    # (workspace, format, stream, path, **filters) -> what to say; from the export
    # dialog's table.
    writer: Callable[..., str] | None = None
    # What the tab shows (the issues tab's status, severity, tier, text): the export
    # writes only that.
    filters: dict[str, Any] = field(default_factory=dict)
