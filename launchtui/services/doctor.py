"""`launchtui doctor`: is the shared database safe to use from here?

Each check looks at one thing — the file's permissions, its -wal and -shm files, its
folder, the file system, the journal mode, integrity, the schema, free disk, the SQLite
library — and returns a `Check`: ok, WARN (works, but look at it) or FAIL (something
will go wrong). A folder on the way that this user may not enter (not in its group, say)
is one FAIL, "access", first. Nothing here writes to the database: it is opened read-only, so the
doctor also works on a file that launchtui itself refuses to open.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from launchtui.store.database import (
    READ_ONLY_ENV,
    StoreError,
    access_problem,
    connect,
    env_read_only,
    is_shared_folder,
    sidecars,
)
from launchtui.store.driver import sqlite3 as _sqlite3
from launchtui.store.schema import MIGRATION_NAMES, MIGRATIONS_TABLE, SCHEMA_VERSION, applied_names

OK, WARN, FAIL = "ok", "WARN", "FAIL"
MIN_FREE_BYTES = 100 * 1024 * 1024
# Before 3.51.3 several writer processes on one WAL file could corrupt it (WAL-reset bug).
SAFE_SQLITE = (3, 51, 3)
NETWORK_FILE_SYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p"}


@dataclass(frozen=True)
class Check:
    name: str
    level: str  # ok | WARN | FAIL
    detail: str
    advice: str | None = None

    def line(self) -> str:
        text = f"{self.level:<4}  {self.name}: {self.detail}"
        return f"{text} — {self.advice}" if self.advice and self.level != OK else text


def run_checks(path: Path, *, min_free: int = MIN_FREE_BYTES) -> list[Check]:
    """Every check, in the order the doctor prints them.

    A folder on the way this user may not enter (or a file they may not read) comes
    first, as "access"; behind a folder nothing else can be looked at.
    """
    blocked = access_problem(path)
    if blocked is not None:
        access = Check("access", FAIL, blocked.detail, blocked.advice)
        if blocked.folder:
            return [access, check_sqlite()]
        file_checks = [check_file(path), check_sidecars(path)]
        folder_checks = [check_folder(path.parent), check_file_system(path.parent)]
        return [
            access,
            *file_checks,
            *folder_checks,
            check_disk(path.parent, min_free),
            check_sqlite(),
        ]
    checks = [check_file(path)]
    if path.is_file():
        checks.append(check_sidecars(path))
    checks += [check_folder(path.parent), check_file_system(path.parent)]
    if path.is_file():
        checks += check_contents(path)
    checks += [check_disk(path.parent, min_free), check_sqlite()]
    return checks


def exit_code(checks: list[Check]) -> int:
    return 1 if any(c.level == FAIL for c in checks) else 0


# -- permissions ----------------------------------------------------------------------


def check_file(path: Path) -> Check:
    if path.is_dir():
        return Check("file", FAIL, f"{path} is a folder", "point --db or $LAUNCHTUI_DB at a file")
    if not path.exists():
        return Check(
            "file",
            FAIL,
            f"no database at {path}",
            "run `launchtui init` or `launchtui demo`, or point --db / $LAUNCHTUI_DB at the"
            " shared file",
        )
    st = path.stat()
    detail = f"{path} {_mode(st.st_mode)} {_owner(st.st_uid)}:{_group(st.st_gid)}"
    if st.st_mode & stat.S_IWOTH:
        return Check(
            "file",
            FAIL,
            f"{detail}, writable by everyone",
            f"anyone on the server can change or wreck it: chmod o-w {path}",
        )
    shared = _shared_problem(path, st)
    if shared:
        return Check("file", WARN, f"{detail}, {shared[0]}", shared[1])
    if env_read_only():
        return Check(
            "file",
            WARN,
            f"{detail}, read-only: ${READ_ONLY_ENV} is set",
            f"unset {READ_ONLY_ENV} to make changes",
        )
    if not os.access(path, os.W_OK):
        return Check(
            "file",
            WARN,
            f"{detail}, read-only for you",
            f"you can look but not change anything; to write, ask for membership of group"
            f" {_group(st.st_gid)} and group write access (chmod g+w {path})",
        )
    return Check("file", OK, detail)


def check_sidecars(path: Path) -> Check:
    """The -wal and -shm files: every writer must be able to write both."""
    present = [s for s in sidecars(path) if s.exists()]
    if not present:
        return Check("wal/shm", OK, "none now (SQLite makes them when the database is opened)")
    parts, found = [], []
    for side in present:
        st = side.stat()
        parts.append(f"{side.name} {_mode(st.st_mode)} {_owner(st.st_uid)}:{_group(st.st_gid)}")
        shared = _shared_problem(side, st)
        if st.st_mode & stat.S_IWOTH:
            found.append((FAIL, f"{side.name} is writable by everyone: chmod o-w {side}"))
        elif os.access(path, os.W_OK) and not os.access(side, os.W_OK):
            found.append(
                (
                    FAIL,
                    f"you may write the database but not {side.name}, so every write fails:"
                    f" chmod g+w {side}",
                )
            )
        elif shared:
            found.append((WARN, f"{side.name}: {shared[1]}"))
    for level in (FAIL, WARN):
        advice = [text for lvl, text in found if lvl == level]
        if advice:
            return Check("wal/shm", level, ", ".join(parts), "; ".join(advice))
    return Check("wal/shm", OK, ", ".join(parts))


def _shared_problem(path: Path, st: os.stat_result) -> tuple[str, str] | None:
    """In a shared folder the group must be able to write the file, under the folder's group."""
    folder = path.parent
    if not is_shared_folder(folder):
        return None
    group = folder.stat().st_gid
    if st.st_gid != group:
        return (
            f"group {_group(st.st_gid)}, not the folder's {_group(group)}",
            f"chgrp {_group(group)} {path}",
        )
    if not st.st_mode & stat.S_IWGRP:
        return (
            "the group may not write it",
            f"the other coordinators can only read: chmod g+w {path}",
        )
    return None


def check_folder(folder: Path) -> Check:
    if not folder.is_dir():
        return Check("folder", FAIL, f"{folder} does not exist", f"mkdir -p {folder}")
    st = folder.stat()
    detail = f"{folder} {_mode(st.st_mode)} {_owner(st.st_uid)}:{_group(st.st_gid)}"
    if st.st_mode & stat.S_IWOTH and not st.st_mode & stat.S_ISVTX:
        return Check(
            "folder",
            FAIL,
            f"{detail}, writable by everyone",
            f"anyone can delete or replace the database: chmod o-w {folder}",
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        return Check(
            "folder",
            WARN,
            f"{detail}, not writable for you",
            "SQLite cannot make the -wal/-shm files here, so launchtui opens the database"
            " read-only (a snapshot when nobody else has it open); see README 'Sharing one"
            " database'",
        )
    if st.st_mode & stat.S_IWOTH:
        return Check(
            "folder",
            WARN,
            f"{detail}, writable by everyone (sticky)",
            "keep a shared database in a group folder: see README 'Sharing one database'",
        )
    if st.st_mode & stat.S_IWGRP and not st.st_mode & stat.S_ISGID:
        return Check(
            "folder",
            WARN,
            f"{detail}, group-writable but not setgid",
            f"new files may get each creator's own group: chmod g+s {folder}",
        )
    shared = "shared with group " + _group(st.st_gid) if is_shared_folder(folder) else "private"
    return Check("folder", OK, f"{detail}, {shared}")


def check_file_system(folder: Path) -> Check:
    kind = _file_system(folder)
    if kind in NETWORK_FILE_SYSTEMS or kind.startswith("nfs"):
        return Check(
            "filesystem",
            FAIL,
            f"{kind}: a network file system",
            "WAL needs shared memory between processes on one machine: keep the database on"
            " a local disk of the server everyone logs in to",
        )
    return Check("filesystem", OK, kind or "unknown")


def _file_system(folder: Path) -> str:
    try:
        target = os.path.realpath(folder)
        best, kind = "", ""
        with open("/proc/self/mounts", encoding="utf-8") as mounts:
            for line in mounts:
                fields = line.split()
                if len(fields) < 3:
                    continue
                point = fields[1].replace("\\040", " ")
                inside = target == point or target.startswith(point.rstrip("/") + "/")
                if inside and len(point) >= len(best):
                    best, kind = point, fields[2]
        return kind
    except OSError:
        return ""


# -- the contents ---------------------------------------------------------------------


def check_contents(path: Path) -> list[Check]:
    """Journal mode, integrity and schema, read through one read-only connection."""
    try:
        db = connect(path, read_only=True)
    except StoreError as exc:
        said = str(exc).removeprefix(f"{path}: ")
        return [Check("integrity", FAIL, said, _advice_damaged(path, wrong_file=True))]
    try:
        return [_journal(db), _integrity(db), _schema(db)]
    finally:
        db.close()


def _advice_damaged(path: Path, *, wrong_file: bool = False) -> str:
    restore = (
        f"restore the latest backup (`sqlite3 {path} .recover | sqlite3 NEW.db` may save what"
        " is left); stop writing to it meanwhile"
    )
    if wrong_file:
        check = "check that --db / $LAUNCHTUI_DB names the launchtui database"
        return f"{check}; if it does, {restore}"
    return restore


def _journal(db) -> Check:
    if db.path.stat().st_size == 0:
        return Check("journal", OK, "none yet: the file is empty (launchtui sets WAL)")
    if db.snapshot:  # `immutable` reports "delete"; the file header knows the truth
        with open(db.path, "rb") as file:
            header = file.read(20)
        mode = "wal" if header[18:20] == b"\x02\x02" else "delete"
    else:
        try:
            mode = db.execute("PRAGMA journal_mode").fetchone()[0]
        except StoreError as exc:
            return Check("journal", FAIL, str(exc), _advice_damaged(db.path))
    if mode.lower() == "wal":
        return Check("journal", OK, "wal")
    return Check(
        "journal",
        FAIL,
        f"{mode}, not wal: readers and writers block each other",
        "open it once with any launchtui command by someone who may write it: that switches"
        " it to WAL",
    )


def _integrity(db) -> Check:
    try:
        rows = [r[0] for r in db.conn.execute("PRAGMA integrity_check(20)").fetchall()]
    except _sqlite3.DatabaseError as exc:
        return Check("integrity", FAIL, f"damaged ({exc})", _advice_damaged(db.path))
    if rows == ["ok"]:
        return Check("integrity", OK, "ok")
    first = rows[0] if rows else "no answer"
    more = f" (and {len(rows) - 1} more)" if len(rows) > 1 else ""
    return Check("integrity", FAIL, f"damaged: {first}{more}", _advice_damaged(db.path))


def _schema(db) -> Check:
    try:
        applied = set(applied_names(db))
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = [t for t in db.table_names() if not t.startswith("sqlite_")]
    except (StoreError, _sqlite3.DatabaseError) as exc:
        return Check("schema", FAIL, f"cannot be read: {exc}", _advice_damaged(db.path))
    unknown = applied - MIGRATION_NAMES
    if unknown or version > SCHEMA_VERSION:
        return Check(
            "schema",
            FAIL,
            f"made by a newer launchtui (schema {max(len(applied), version)}, this one knows"
            f" {SCHEMA_VERSION})",
            "upgrade launchtui here (everyone sharing the file should run the same version)",
        )
    if not applied:
        if [t for t in tables if t != MIGRATIONS_TABLE]:
            return Check(
                "schema",
                FAIL,
                "an SQLite database, but not a launchtui one",
                "point --db / $LAUNCHTUI_DB at the launchtui database",
            )
        return Check("schema", WARN, "empty", "run `launchtui init` or `launchtui demo`")
    if applied != MIGRATION_NAMES:
        return Check(
            "schema",
            WARN,
            f"{len(applied & MIGRATION_NAMES)} of {SCHEMA_VERSION} migrations applied",
            "the next launchtui command run with write access upgrades it",
        )
    return Check("schema", OK, f"{SCHEMA_VERSION} of {SCHEMA_VERSION} migrations applied")


# -- the machine ----------------------------------------------------------------------


def check_disk(folder: Path, min_free: int = MIN_FREE_BYTES) -> Check:
    target = folder if folder.exists() else Path(folder.anchor or "/")
    try:
        free = shutil.disk_usage(target).free
    except OSError as exc:
        return Check("disk", WARN, f"free space unknown ({exc.strerror})")
    detail = f"{_size(free)} free"
    if free < min_free:
        return Check(
            "disk",
            WARN,
            f"{detail}, below {_size(min_free)}",
            "free some space: when the disk fills up, writes fail (nothing written before is lost)",
        )
    return Check("disk", OK, detail)


def check_sqlite() -> Check:
    version = _sqlite3.sqlite_version
    numbers = tuple(int(n) for n in version.split(".")[:3])
    if numbers < SAFE_SQLITE:
        return Check(
            "sqlite",
            WARN,
            f"SQLite {version}: older than 3.51.3",
            "several writers on one WAL file can corrupt it with this version: pip install"
            " 'pysqlite3>=0.6.1'",
        )
    return Check("sqlite", OK, f"SQLite {version}")


# -- helpers --------------------------------------------------------------------------


def _mode(mode: int) -> str:
    return f"{stat.S_IMODE(mode):04o}"


def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _group(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def _size(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024:
            return f"{count:.0f} {unit}"
        count /= 1024
    return f"{count:.1f} TB"
