"""Opening the shared SQLite file safely, and short immediate write transactions.

Several coordinators write one file at once over SSH. Every write begins with
``BEGIN IMMEDIATE`` so it queues on the busy timeout instead of failing at once the
way a deferred transaction that upgrades to a write lock does; after a few waits it
gives up with one clear line, and the transaction is rolled back whole.

A file the user may not write (or whose folder they may not write, so SQLite cannot
make its ``-wal`` and ``-shm`` files) opens read-only: reads work, every write is
refused before it starts. In a shared folder (setgid and group-writable) a new database
is created ``0660``, and SQLite gives its ``-wal`` and ``-shm`` files the same mode.
"""

from __future__ import annotations

import errno
import grp
import os
import pwd
import shutil
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from launchtui.store.driver import sqlite3  # pysqlite3 where installed: one module per process

BUSY_TIMEOUT_MS = 5000
BEGIN_ATTEMPTS = 3
SHARED_FILE_MODE = 0o660
READ_ONLY_ENV = "LAUNCHTUI_READONLY"

BUSY = "the database is busy; another launchtui is writing. Try again in a moment"
FULL = "the disk is full; nothing was saved"
DAMAGED = "not a launchtui database, or the file is damaged"
# Why a database opens read-only when SQLite has no room to make its -wal and -shm files.
DISK_FULL = "the disk is full"
# Below this much free space, a disk error while opening is the disk being full.
NEARLY_FULL_BYTES = 1024 * 1024

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26
# Problems of the file, the disk or other processes, not of the SQL: told as one line.
_FILE_LEVEL = {
    _SQLITE_PERM,
    _SQLITE_BUSY,
    _SQLITE_LOCKED,
    _SQLITE_READONLY,
    _SQLITE_IOERR,
    _SQLITE_CORRUPT,
    _SQLITE_FULL,
    _SQLITE_CANTOPEN,
    _SQLITE_NOTADB,
}


class StoreError(Exception):
    """A database problem told as one line for the user."""


class MissingDatabase(StoreError):
    """No database file where one was to be opened, and this command makes none."""


class Database:
    """A launchtui connection: knows its file, whether it is read-only, and speaks plainly.

    Errors of the file itself (busy, full, read-only, damaged) raised by a statement or
    while reading its rows become a `StoreError` naming the file; errors of the SQL
    (constraints, triggers, missing tables) pass through as SQLite raised them. The
    connection is in autocommit mode (``isolation_level=None``): a statement outside
    `immediate` commits on its own.
    """

    read_only: bool = False
    read_only_reason: str | None = None
    snapshot: bool = False  # read-only and `immutable`: no -wal/-shm could be made

    def __init__(self, conn: Any, path: Path):
        self.conn = conn
        self.path = path
        # As sqlite-utils set it: a REPLACE's deletes fire the append-only DELETE triggers.
        self.execute("PRAGMA recursive_triggers = on")

    def execute(self, sql: str, parameters: Any = None) -> Any:
        """Run one statement; the cursor's fetches map file-level errors, too."""
        args = () if parameters is None else (parameters,)
        try:
            return _Cursor(self.conn.execute(sql, *args), self.path)
        except sqlite3.DatabaseError as exc:
            _raise_if_file_level(exc, self.path)
            raise

    def query(self, sql: str, params: Any = None) -> Iterator[dict]:
        """Run `sql` now; its rows, fetched as iterated, as dicts by column name."""
        cursor = self.execute(sql, params)
        if cursor.description is None:
            raise ValueError("query() is for SQL that returns rows; use execute()")
        keys = _unique([column[0] for column in cursor.description])
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def table_names(self) -> list[str]:
        rows = self.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return [row[0] for row in rows]

    def close(self) -> None:
        self.conn.close()


def _unique(keys: list[str]) -> list[str]:
    """Column names with later duplicates renamed ``name_2``, ``name_3``… (as sqlite-utils)."""
    if len(set(keys)) == len(keys):
        return keys
    taken, seen = set(keys), []
    for key in keys:
        new, suffix = key, 2
        if key in seen:
            while new in seen or new in taken:
                new, suffix = f"{key}_{suffix}", suffix + 1
        seen.append(new)
    return seen


class _Cursor:
    """A cursor whose fetches turn file-level errors into a `StoreError`, too."""

    __slots__ = ("_cursor", "_path")

    def __init__(self, cursor: Any, path: Path):
        self._cursor = cursor
        self._path = path

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def __iter__(self) -> Iterator[Any]:
        return _translated(self._cursor, self._path)

    def __next__(self) -> Any:
        return self._call(self._cursor.__next__)

    def fetchone(self) -> Any:
        return self._call(self._cursor.fetchone)

    def fetchall(self) -> list[Any]:
        return self._call(self._cursor.fetchall)

    def fetchmany(self, *args: Any) -> list[Any]:
        return self._call(self._cursor.fetchmany, *args)

    def _call(self, method: Any, *args: Any) -> Any:
        try:
            return method(*args)
        except sqlite3.DatabaseError as exc:
            _raise_if_file_level(exc, self._path)
            raise


def _translated(rows: Any, path: Path) -> Iterator[Any]:
    try:
        yield from rows
    except sqlite3.DatabaseError as exc:
        _raise_if_file_level(exc, path)
        raise


def _raise_if_file_level(exc: Exception, path: Path) -> None:
    if _primary(exc) in _FILE_LEVEL or _looks_file_level(str(exc)):
        raise StoreError(explain(exc, path)) from None


def _primary(exc: Exception) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _looks_file_level(text: str) -> bool:
    return any(
        phrase in text
        for phrase in (
            "database is locked",
            "file is not a database",
            "disk image is malformed",
            "database or disk is full",
            "readonly database",
        )
    )


# -- opening --------------------------------------------------------------------------


def connect(path: Path, *, read_only: bool = False, create: bool = True) -> Database:
    """Open (creating if needed) the database at `path` with the pragmas launchtui relies on.

    It opens read-only when asked (`read_only=True`, or ``$LAUNCHTUI_READONLY`` set), or
    when the user may not write the file or its folder; `Database.read_only_reason` says
    which. On a disk too full for SQLite's -wal and -shm files it opens read-only too
    (reason `DISK_FULL`): reading goes on, and every write says the disk is full. With
    `create` false a missing file is a `MissingDatabase` and nothing is made.
    """
    blocked = access_problem(path)
    if blocked is not None:
        raise StoreError(blocked.message(path))
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    existed = path.exists()
    if not existed and not create:
        raise MissingDatabase(f"no database at {path}")
    reason = _read_only_reason(path, asked=read_only)
    try:
        if reason is not None:
            return _open_read_only(path, reason)
        return _open_writable(path)
    except sqlite3.DatabaseError as exc:
        if existed and _primary(exc) in {_SQLITE_IOERR, _SQLITE_FULL} and disk_full(path.parent):
            return _open_read_only(path, DISK_FULL)
        raise StoreError(f"{path}: {describe(exc)}") from None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise StoreError(FULL) from None
        raise StoreError(f"{path}: {exc.strerror or exc}") from None


def disk_full(folder: Path) -> bool:
    """Too little room left in `folder` for SQLite to make its -wal and -shm files."""
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


# -- who may reach the file -------------------------------------------------------------


class Access(NamedTuple):
    """Why this user cannot reach the database: what stands in the way, and what to do."""

    detail: str  # "you may not enter the folder /srv/launchtui (2770 root:rollout), ..."
    advice: str
    folder: bool  # a folder on the way (else the file itself)

    def message(self, path: Path) -> str:
        return f"cannot open {path}: {self.detail} — {self.advice}"


def access_problem(path: Path) -> Access | None:
    """Why this user may not reach `path`: a folder on the way they may not enter, or the
    file they may not read. None when they may, or when there is nothing there yet."""
    try:
        st = os.stat(path)
    except PermissionError:
        pass
    except (OSError, ValueError):
        return None  # missing (made later, or told as missing), or not a path at all
    else:
        if stat.S_ISREG(st.st_mode) and not os.access(path, os.R_OK):
            return _refused(path, st, "read it", folder=False)
        return None
    absolute = Path(os.path.abspath(path))
    for folder in reversed(absolute.parents):  # from / down: the first one that stops us
        try:
            st = os.stat(folder)
        except OSError:
            break
        if not os.access(folder, os.X_OK):
            return _refused(folder, st, f"enter the folder {folder}", folder=True)
    return Access(f"you may not reach {path}", "ask whoever manages the server to let you in", True)


def _refused(where: Path, st: os.stat_result, what: str, *, folder: bool) -> Access:
    owner, group = owner_name(st.st_uid), group_name(st.st_gid)
    detail = f"you may not {what} ({stat.S_IMODE(st.st_mode):04o} {owner}:{group})"
    login = _login()
    if st.st_gid in {os.getegid(), *os.getgroups()}:
        bits = "g+x" if folder else "g+rw"
        return Access(
            f"{detail}, though you are in its group {group}",
            f"its group has no access: ask {owner} to run chmod {bits} {where}",
            folder,
        )
    try:
        members = grp.getgrgid(st.st_gid).gr_mem
    except KeyError:
        members = []
    if login in members:
        return Access(
            f"{detail}; you were added to its group {group} after you logged in",
            "log out and in again",
            folder,
        )
    return Access(
        f"{detail}, and you are not in its group {group}",
        f"ask to be added (sudo usermod -aG {group} {login}), then log in again",
        folder,
    )


def owner_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def group_name(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def _login() -> str:
    """This account's name, as `usermod` wants it (not $USER, which anyone may set)."""
    return owner_name(os.getuid())


def env_read_only() -> bool:
    return os.environ.get(READ_ONLY_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def sidecars(path: Path) -> tuple[Path, Path]:
    """The `-wal` and `-shm` files SQLite keeps beside a WAL database."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def is_shared_folder(folder: Path) -> bool:
    """A setgid, group-writable folder: files made in it are for the whole group."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    return bool(mode & stat.S_ISGID) and bool(mode & stat.S_IWGRP)


def _read_only_reason(path: Path, *, asked: bool) -> str | None:
    """Why this user cannot write the database (None: they can), from the file system."""
    if asked:
        return "it was opened read-only on request"
    if env_read_only():
        return f"${READ_ONLY_ENV} is set"
    if not path.exists():
        return None  # to be created; a folder we may not write fails with a clear line
    folder = path.parent
    if not os.access(path, os.W_OK):
        return "you may not write to the file"
    present = [s for s in sidecars(path) if s.exists()]
    for side in present:
        if not os.access(side, os.W_OK):
            return f"you may not write to {side.name}"
    if len(present) < 2 and not os.access(folder, os.W_OK | os.X_OK):
        return f"you may not create files in its folder {folder}, where SQLite keeps -wal and -shm"
    return None


def _open_writable(path: Path) -> Database:
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreError(
                f"cannot create the database {path}: you may not create files in {folder}"
            )
        _create_for_group(path)
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = _switch_to_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    if mode.lower() != "wal":
        conn.close()
        raise StoreError(f"{path}: could not switch to WAL journal mode (got {mode})")
    return _wrap(conn, path)


def _switch_to_wal(conn: Any) -> str:
    """``PRAGMA journal_mode = WAL``, waiting out others who switch a new file at once.

    Switching needs an exclusive lock. When two processes open a new file together, SQLite
    answers one of them "busy" at once instead of waiting (waiting could deadlock), so the
    wait is done here, bounded like every other. On a file already in WAL it is a no-op.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if _primary(exc) not in {_SQLITE_BUSY, _SQLITE_LOCKED} or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _create_for_group(path: Path) -> None:
    """In a shared folder, make the new file 0660 whatever the umask.

    SQLite creates a database 0644 minus the umask, so a umask alone never gives the
    group write access; it does give each -wal and -shm file the mode of the database,
    so setting the database's mode here is enough for all three. The process umask is
    left alone (it is process-wide, and the app opens databases from worker threads).
    """
    if not is_shared_folder(path.parent):
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, SHARED_FILE_MODE)
    except FileExistsError:
        return  # another coordinator made it a moment ago
    try:
        os.fchmod(fd, SHARED_FILE_MODE)
    finally:
        os.close(fd)


def _open_read_only(path: Path, reason: str) -> Database:
    """Open with ``mode=ro``; without -wal/-shm in a folder we may not write, as a snapshot.

    SQLite reads a WAL database read-only when its -wal and -shm files exist, or when it
    may create them. Failing both, only ``immutable=1`` opens it: safe when no -wal file
    exists, because then every commit is in the main file; such a connection sees no later
    change until it is opened again (`Database.snapshot`).
    """
    if not path.exists():
        raise StoreError(f"{path}: no such database file (and it cannot be created read-only)")
    base = "file:" + quote(str(path.absolute())) + "?mode=ro"
    conn = _ro_connect(base)
    snapshot = False
    # Without room or rights to make -shm, SQLite says read-only, cannot open, or (full) I/O.
    no_shm = {_SQLITE_READONLY, _SQLITE_CANTOPEN}
    if reason == DISK_FULL:
        no_shm |= {_SQLITE_IOERR, _SQLITE_FULL}
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        if _primary(exc) not in no_shm:
            raise
        if _has_content(sidecars(path)[0]):
            then = (
                "free some space and try again"
                if reason == DISK_FULL
                else "ask someone who may write there to open it once"
            )
            raise StoreError(
                f"cannot read {path}: {reason}, and its -wal file holds changes SQLite cannot"
                f" read without its -shm file; {then}"
            ) from None
        conn = _ro_connect(base + "&immutable=1")
        snapshot = True
    db = _wrap(conn, path)
    db.read_only, db.read_only_reason, db.snapshot = True, reason, snapshot
    return db


def _ro_connect(uri: str) -> Any:
    conn = sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _has_content(file: Path) -> bool:
    try:
        return file.stat().st_size > 0
    except OSError:
        return False


def _wrap(conn: Any, path: Path) -> Database:
    return Database(conn, path)


# -- telling what went wrong ------------------------------------------------------------


def describe(exc: Exception) -> str:
    """SQLite's error as a phrase for the user (no file name)."""
    code = _primary(exc)
    text = str(exc)
    if code in {_SQLITE_CORRUPT, _SQLITE_NOTADB} or (
        "file is not a database" in text or "malformed" in text
    ):
        return DAMAGED
    if code in {_SQLITE_BUSY, _SQLITE_LOCKED} or "database is locked" in text:
        return BUSY
    if code == _SQLITE_FULL or "database or disk is full" in text:
        return FULL
    if code in {_SQLITE_READONLY, _SQLITE_PERM} or "readonly database" in text:
        return "the database is read-only for you; nothing was saved"
    if code == _SQLITE_CANTOPEN:
        return "cannot open the file: check that its folder exists and you may read it"
    if code == _SQLITE_IOERR:
        return f"the disk reported an error ({text}); nothing was saved"
    return text


def explain(exc: Exception, path: Path | None) -> str:
    """`describe`, naming the file when the trouble is the file itself."""
    said = describe(exc)
    if path is None or said in {BUSY, FULL}:
        return said
    if said.startswith("the database is read-only for you"):
        return read_only_message(path, "you may not write to it or its folder")
    if said == DAMAGED:
        return f"{path}: {said}; `launchtui doctor` tells more"
    if _primary(exc) in {_SQLITE_CANTOPEN, _SQLITE_IOERR}:
        return f"{path}: {said}"
    return said  # a problem of the SQL (a constraint, a trigger): told as SQLite says it


def read_only_message(path: Path, reason: str | None) -> str:
    return (
        f"the database {path} is read-only for you: {reason or 'it was opened read-only'};"
        " nothing was saved"
    )


# -- writing ----------------------------------------------------------------------------


@contextmanager
def immediate(db: Database) -> Iterator[Database]:
    """One short write transaction; retried a few times under contention, then a clear error.

    Refused before it begins on a read-only connection. On any error the whole
    transaction is rolled back: a write either lands complete or not at all.
    """
    path: Path | None = getattr(db, "path", None)
    if getattr(db, "read_only", False):
        reason = getattr(db, "read_only_reason", None)
        if reason == DISK_FULL:
            raise StoreError(FULL)
        raise StoreError(read_only_message(path or Path("?"), reason))
    conn = db.conn
    for attempt in range(BEGIN_ATTEMPTS):
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if _primary(exc) not in {_SQLITE_BUSY, _SQLITE_LOCKED} and "locked" not in str(exc):
                raise StoreError(explain(exc, path)) from None
            if attempt == BEGIN_ATTEMPTS - 1:
                raise StoreError(BUSY) from None
            time.sleep(0.05 * (attempt + 1))
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            # SQLite may have rolled back already (a full disk can): keep the first cause.
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.DatabaseError):
            raise StoreError(explain(exc, path)) from None
        raise
