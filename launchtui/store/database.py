"""Opening the shared SQLite file safely, and short immediate write transactions.

Several coordinators write one file at once over SSH. Every write begins with
``BEGIN IMMEDIATE`` so it queues on the busy timeout instead of failing at once the
way a deferred transaction that upgrades to a write lock does.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils.utils import sqlite3  # pysqlite3 where installed: one module per process

BUSY_TIMEOUT_MS = 5000
BEGIN_ATTEMPTS = 3


class StoreError(Exception):
    """A database problem told as one line for the user."""


def connect(path: Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path` with the pragmas launchtui relies on."""
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: {describe(exc)}") from None
    except OSError as exc:
        raise StoreError(f"{path}: {exc.strerror or exc}") from None
    if mode.lower() != "wal":
        conn.close()
        raise StoreError(f"{path}: could not switch to WAL journal mode (got {mode})")
    return sqlite_utils.Database(conn, execute_plugins=False)


def describe(exc: Exception) -> str:
    text = str(exc)
    if "file is not a database" in text or "malformed" in text:
        return "not a launchtui database, or the file is damaged"
    if "locked" in text or "busy" in text:
        return "the database is busy; another launchtui is writing. Try again in a moment"
    if "readonly" in text:
        return "the database is read-only for you"
    if "disk is full" in text or "full" in text:
        return "the disk is full; nothing was saved"
    return text


@contextmanager
def immediate(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One short write transaction; retried a few times under contention, then a clear error."""
    conn = db.conn
    for attempt in range(BEGIN_ATTEMPTS):
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == BEGIN_ATTEMPTS - 1:
                raise StoreError(describe(exc)) from None
            time.sleep(0.05 * (attempt + 1))
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.DatabaseError):
            raise StoreError(describe(exc)) from None
        raise
