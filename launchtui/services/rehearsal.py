"""Rehearsals: `--today` on another day than the real one works on a copy, never on the
shared database (issue 14).

A rehearsal is one coordinator's practice, so each has a copy of their own, beside the
shared file and named for them (``rollout.db`` -> ``rollout.rehearsal.ana.db``; see
`copy_path`). It is made with SQLite's online backup (safe while colleagues write), gets
the shared file's mode, and is reused by that coordinator's later rehearsals until their
``launchtui rehearsal discard``.

Tests and benchmarks need a fixed date for writes without rehearsing: the environment
variable `TEST_CLOCK` (not a user option, not in ``--help``) fixes the *real* date
itself, so ``--today`` equal to it is no rehearsal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import stat
import unicodedata
from pathlib import Path

from launchtui.domain.rollout import Actor
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


def copy_path(shared: Path, actor: Actor) -> Path:
    """Where `actor`'s rehearsal copy of `shared` lives: beside it, named for them.

    Whose copy it is goes by the name and the login together, as "your own" does for
    `undo`: ``rollout.rehearsal.ana.db`` when the name is the login,
    ``rollout.rehearsal.Ana-de-Vries-1a2b3c4d+ana.db`` when not. A name that is not a
    plain file name (blanks, slashes, accents, other scripts) is spelt in plain letters
    and followed by a hash of it, so no two names share a copy and no name leaves the
    folder.
    """
    owner = _part(actor.name)
    if actor.name != actor.login:
        owner = f"{owner}+{_part(actor.login)}"
    if shared.suffix:
        return shared.with_name(f"{shared.stem}.rehearsal.{owner}{shared.suffix}")
    return shared.with_name(f"{shared.name}.rehearsal.{owner}")


_PLAIN = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,31}")


def _part(name: str) -> str:
    """`name` in a file name: itself when plain, else plain letters and a hash of it."""
    if _PLAIN.fullmatch(name) and not name.endswith("."):
        return name
    letters = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    letters = re.sub(r"[^A-Za-z0-9_]+", "-", letters).strip("-")[:24].rstrip("-")
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{letters}-{digest}" if letters else digest


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
    only the copy. The shared file is opened read-only and never written, and a copy
    that is no file of its own (a link, above all one to the shared database) is refused:
    the rehearsal would write through it.
    """
    _check_copy(shared, copy)
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


def _check_copy(shared: Path, copy: Path) -> None:
    """Refuse a copy that is a link, no regular file, or the shared database itself."""
    try:
        st = copy.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise RehearsalError(
            t("cannot use the rehearsal copy {copy}: {reason}", copy=str(copy), reason=exc.strerror)
        ) from None
    same = False
    with contextlib.suppress(OSError):
        same = os.path.samefile(copy, shared)
    if same or stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
        raise RehearsalError(
            t(
                "will not rehearse in {copy}: it is no file of its own but a link or the"
                " shared database itself; `launchtui rehearsal discard` removes it",
                copy=str(copy),
            )
        )


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


def notice(shared: Path, copy: Path, today: dt.date) -> str:
    """The one line every rehearsed command says on stderr: which copy, of what."""
    return t(
        "REHEARSAL in {copy}, your copy of {db}, pretending today is {today}; nothing"
        " reaches the shared database. `launchtui rehearsal discard` deletes it.",
        copy=str(copy),
        db=str(shared),
        today=today.isoformat(),
    )


def banner(copy: Path, today: dt.date) -> str:
    """The TUI's one line: what matters first, the copy's file name (cropped if it must) last."""
    return t(
        "REHEARSAL {today}, not the shared database: {copy}",
        today=today.isoformat(),
        copy=copy.name,
    )
