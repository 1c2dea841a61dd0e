"""Parsed checklist files, kept between runs: every command reads the checklists.

Parsing the six shipped TOML files (and importing `tomllib` to do it) is about a tenth
of what `launchtui tick` or `status` costs from start to finish, and the files almost
never change. The parsed tables go into one `marshal` file in the user's cache folder,
each beside the very text it was parsed from: a hit needs the file to read exactly the
same today (a modification time can miss an edit made within the same clock tick).
Anything unexpected there (a changed file, another Python, a damaged or unwritable
cache) only means parsing again.
Only the parsing is skipped: every rule still runs on every load.

`$LAUNCHTUI_CACHE_DIR` moves the folder; set to an empty string it turns the cache off.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

# A marshal file is only readable by the Python that wrote it.
_VERSION = (2, sys.version_info[:2], marshal.version)


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    chosen = os.environ.get("LAUNCHTUI_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform.startswith("linux"):  # platformdirs' answer, without importing it
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
        return root / "launchtui"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("launchtui", appauthor=False))


class ParsedFiles:
    """The cache of one load: `get` before parsing, `put` after, `save` at the end."""

    def __init__(self, folder: Path | None = None):
        self.folder = cache_dir() if folder is None else folder
        self.entries: dict[str, tuple[str, dict[str, Any]]] = {}
        self.changed = False
        if self.folder is not None:
            self.entries = self._read(self.folder / "checklists.marshal")

    @staticmethod
    def _read(path: Path) -> dict[str, tuple[str, dict[str, Any]]]:
        try:
            version, entries = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if version != _VERSION or not isinstance(entries, dict):
            return {}
        return entries

    def get(self, path: Path, text: str) -> dict[str, Any] | None:
        entry = self.entries.get(str(path))
        if not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != text:
            return None
        return entry[1] if isinstance(entry[1], dict) else None

    def put(self, path: Path, text: str, data: dict[str, Any]) -> None:
        try:
            marshal.dumps(data)  # a TOML date or time is no marshal type: not cached
        except ValueError:
            return
        self.entries[str(path)] = (text, data)
        self.changed = True

    def save(self) -> None:
        """Write the cache if it changed; a failure leaves the next run to parse again."""
        if self.folder is None or not self.changed:
            return
        # Files gone since (a test's temporary folder, a moved checklist) are dropped.
        self.entries = {k: v for k, v in self.entries.items() if os.path.exists(k)}
        target = self.folder / "checklists.marshal"
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(marshal.dumps((_VERSION, self.entries)))
            os.replace(partial, target)  # whole or not at all, with other processes racing
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
