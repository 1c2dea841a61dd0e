"""Rehearsals: `--today` on another day than the real one works on a copy, never on the
shared database (issue 14).

The copy lies beside the shared file (``rollout.db`` -> ``rollout.rehearsal.db``), is
made with SQLite's online backup (safe while colleagues write), gets the shared file's
mode, and is reused by every later rehearsal until ``launchtui rehearsal discard``.

Tests and benchmarks need a fixed date for writes without rehearsing: the environment
variable `TEST_CLOCK` (not a user option, not in ``--help``) fixes the *real* date
itself, so ``--today`` equal to it is no rehearsal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

from launchtui.text.i18n import t

# Undocumented for users on purpose: the test suite and the benchmarks set it (README,
# Developing). It fixes what counts as the real date: "YYYY-MM-DD".
TEST_CLOCK = "_LAUNCHTUI_TEST_REAL_TODAY"

SIDE_FILES = ("-wal", "-shm", "-journal")


class RehearsalError(ValueError):
    """The rehearsal copy cannot be made or removed; the message says why, in one line."""


def test_clock() -> dt.date | None:
    """The real date fixed by the tests' hook, or None (the normal case)."""
    value = os.environ.get(TEST_CLOCK)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise RehearsalError(f"${TEST_CLOCK}: {value!r} is no date like 2026-11-07") from None


def copy_path(shared: Path) -> Path:
    """Where the rehearsal copy of `shared` lives: beside it, ``NAME.rehearsal.SUFFIX``."""
    if shared.suffix:
        return shared.with_name(f"{shared.stem}.rehearsal{shared.suffix}")
    return shared.with_name(f"{shared.name}.rehearsal")


def real_today(shared: Path, location: str | None) -> dt.date:
    """The real date for this coordinator: the tests' hook, else the date at their
    location (when the shared database knows it), else the system's date."""
    fixed = test_clock()
    if fixed is not None:
        return fixed
    if location:
        with contextlib.suppress(Exception):  # unknown, unreadable: the system's date
            here = _location_today(shared, location)
            if here is not None:
                return here
    return dt.date.today()


def _location_today(shared: Path, name: str) -> dt.date | None:
    if not shared.exists():
        return None
    from launchtui.domain.locations import find
    from launchtui.store.store import Store

    store = Store.open(shared, read_only=True, create=False)
    try:
        place = find(store.locations.all(), name)
    finally:
        store.close()
    return None if place is None else place.today(dt.datetime.now(dt.UTC))


def prepare(shared: Path, copy: Path) -> bool:
    """Make the rehearsal copy from the shared database unless it exists; True when made.

    A missing shared database makes nothing: a rehearsed `init` or `demo` then creates
    only the copy. The shared file is opened read-only and never written.
    """
    if copy.exists() or not shared.exists():
        return False
    from launchtui.store.driver import sqlite3

    partial = copy.with_name(f".{copy.name}.{os.getpid()}.part")
    try:
        source = _reader(shared)
        try:
            target = sqlite3.connect(str(partial))
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")  # one file to move in place
            finally:
                target.close()
        finally:
            source.close()
        os.chmod(partial, shared.stat().st_mode & 0o777)
        os.replace(partial, copy)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise RehearsalError(
            t(
                "cannot make the rehearsal copy {copy}: {reason}",
                copy=str(copy),
                reason=getattr(exc, "strerror", None) or str(exc),
            )
        ) from None
    return True


def _reader(shared: Path):
    """A connection that only reads `shared`. Opened for writing where we may (it writes
    nothing, and the last one to close removes the -wal/-shm it found absent), else
    read-only (which leaves an empty -wal and the -shm behind, as readers do)."""
    from launchtui.store.driver import sqlite3

    uri = shared.resolve().as_uri()
    try:
        source = sqlite3.connect(f"{uri}?mode=rw", uri=True)
        source.execute("PRAGMA query_only = ON")
        source.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        return source
    except sqlite3.Error:
        return sqlite3.connect(f"{uri}?mode=ro", uri=True)


def discard(copy: Path) -> bool:
    """Delete the rehearsal copy and its -wal/-shm/-journal files; False when there is none."""
    found = False
    for path in (copy, *(copy.with_name(copy.name + side) for side in SIDE_FILES)):
        try:
            path.unlink()
            found = True
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise RehearsalError(
                t("cannot delete {path}: {reason}", path=str(path), reason=exc.strerror)
            ) from None
    return found


def notice(shared: Path, today: dt.date) -> str:
    """The one line every rehearsed command says on stderr."""
    return t(
        "REHEARSAL on a copy of {db}, pretending today is {today}; nothing reaches the"
        " shared database. `launchtui rehearsal discard` deletes it.",
        db=str(shared),
        today=today.isoformat(),
    )


def banner(today: dt.date) -> str:
    """The TUI's one line: short enough for 80 columns."""
    return t(
        "REHEARSAL {today}: a copy; nothing reaches the shared database",
        today=today.isoformat(),
    )
