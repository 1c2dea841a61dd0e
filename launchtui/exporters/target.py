"""Where an export goes, and writing it there without harm.

Every export, from the command line (`-o FILE`) and the TUI alike, goes through
`write_export` (or `resolve_target`, then `ExportTarget.write`):

- The shared database and its `-wal`, `-shm` and `-journal` files are refused however
  they are named: through a symlink, a hard link, `..` or a relative path. Paths are
  compared with every symlink resolved, existing files by (device, inode), and a file
  not there yet by its folder's (device, inode) and its name.
- A regular file is written atomically: a temporary file in the same folder, flushed
  and fsync'ed, then renamed over it. On any error the temporary file is removed and the
  old file stays as it was. A symlink's target is written so, and the link stays a link.
- A character device (`/dev/null`) is written directly, never replaced. It is opened
  without waiting (a device may wait on open, as a serial line does for its carrier)
  and then written as usual. `-`, `/dev/stdout`, `/dev/stderr` and `/dev/fd/N` write
  to a copy of this process's own descriptor, so a shell's `>`, `>>` or `|` keeps its
  meaning.
- A named pipe (FIFO) is refused, never opened: opening one for writing waits for a
  reader, forever if none comes (the app's export worker with it). A terminal is
  refused too: an export in the app would be drawn over its screen, and `-` (or no
  `-o`) prints one in the command line. A socket, a block device and the like are no
  regular file either.
- A new file is never world-writable: 0o666 less the umask, less 0o002. A file written
  over keeps its mode and owner, less world-write.

Pure: no Textual, no Rich, no SQL. Every failure is an `ExportTargetError` (a
`ValueError`) whose message is one line in the current language, saying which path and
what is wrong; callers turn it into their own kind of error.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TextIO, TypeVar

from launchtui.text.i18n import t
from launchtui.text.safe import one_line

T = TypeVar("T")

JOURNALS = ("-wal", "-shm", "-journal")
# What a new file is created with; the kernel takes the umask off (never world-writable).
NEW_FILE_MODE = 0o664
_BUFFER = 1 << 16
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_STANDARD = {"-": 1, "/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_FD_PATH = re.compile(r"/(?:dev/fd|proc/(self|thread-self|\d+)/fd)/(\d+)")


class ExportTargetError(ValueError):
    """The export cannot be written there; the message says where and why, on one line."""


@dataclass(frozen=True)
class ExportTarget:
    """Where an export goes, checked: not the database; a file, device or descriptor."""

    given: str  # the path as it was typed (for messages)
    real: str  # the file written: the path with every symlink resolved
    kind: str  # "file" (replaced atomically), "device" (written directly) or "fd"
    # ("device": a character device other than a terminal, checked again as opened)
    fd: int | None = None  # for "fd": this process's descriptor, written through a copy

    @property
    def direct(self) -> bool:
        """Written straight to a device, a pipe or an open descriptor: not into a file
        of its own (a line said on standard output might land in the data)."""
        return self.kind != "file"

    def write(self, write: Callable[[TextIO], T]) -> T:
        """Call `write` with a text stream (UTF-8, line ends as written) and put what it
        wrote in place; returns what `write` returned."""
        with self.open() as stream:
            return write(stream)

    @contextmanager
    def open(self) -> Iterator[TextIO]:
        """The stream to write; on leaving, the export is in place (or nothing changed)."""
        opener = self._replace if self.kind == "file" else self._direct
        with opener() as stream:
            yield stream

    @contextmanager
    def _direct(self) -> Iterator[TextIO]:
        try:
            fd = os.dup(self.fd) if self.fd is not None else _open_device(self.given)
        except OSError as exc:
            raise _failed(self.given, exc) from None
        stream = open(fd, "w", encoding="utf-8", newline="", buffering=_BUFFER)  # noqa: SIM115
        try:
            yield stream
            stream.close()
        except BaseException as exc:
            _close_quietly(stream)
            if isinstance(exc, OSError):
                raise _failed(self.given, exc) from None
            raise

    @contextmanager
    def _replace(self) -> Iterator[TextIO]:
        folder, name = os.path.split(self.real)
        fd, temp = _create_temp(folder, name, self.given)
        try:
            _take_mode(fd, self.real)
            stream = open(fd, "w", encoding="utf-8", newline="", buffering=_BUFFER)  # noqa: SIM115
        except BaseException as exc:
            os.close(fd)
            _remove(temp)
            if isinstance(exc, OSError):
                raise _failed(self.given, exc) from None
            raise
        try:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
            os.replace(temp, self.real)
        except BaseException as exc:
            _close_quietly(stream)
            _remove(temp)
            if isinstance(exc, OSError):
                raise _failed(self.given, exc) from None
            raise
        _sync_folder(folder)


Databases = str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None


def write_export(
    path: str | os.PathLike[str],
    write: Callable[[TextIO], T],
    *,
    database: Databases,
    own_streams: bool = True,
) -> T:
    """Write an export to `path` through `write(stream)`: never onto `database` or its
    journals, atomically into a file, directly into a device or pipe. Returns what
    `write` returned; raises `ExportTargetError`."""
    return resolve_target(path, database=database, own_streams=own_streams).write(write)


def resolve_target(
    path: str | os.PathLike[str], *, database: Databases, own_streams: bool = True
) -> ExportTarget:
    """What `path` names, checked: raises `ExportTargetError` for an empty path, the
    database or one of its journals, a folder, a missing folder, a named pipe, or
    anything else that is not a regular file or a character device (a terminal is
    refused as it is opened). `-` is standard output. `database` may name several (a
    rehearsal copy and the shared database it was made from).

    `own_streams=False` (the app) refuses this process's own descriptors (`-`,
    /dev/stdout, /dev/fd/N…): in the app they are its screen, or its own business."""
    given = os.fspath(path)
    if not isinstance(given, str):
        given = os.fsdecode(given)
    if not given.strip():
        raise ExportTargetError(t("no file name given: name the file to write the export to"))
    guard = _Guards(database)
    number = _descriptor(given)
    if number is not None and not own_streams:
        raise ExportTargetError(
            t(
                "cannot write {path}: in the app that is its own screen; name a file",
                path=one_line(given),
            )
        )
    if number is not None:
        try:
            st = os.fstat(number)
        except OSError as exc:
            raise _failed(given, exc) from None
        guard.check(given, None, st)
        return ExportTarget(given, given, "fd", number)
    real = os.path.realpath(given)
    try:
        st = os.stat(given)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except OSError as exc:
        raise _failed(given, exc) from None
    guard.check(given, real, st)
    shown = one_line(given)
    if st is None:
        _check_folder(given, real)
        return ExportTarget(given, real, "file")
    if stat.S_ISREG(st.st_mode):
        return ExportTarget(given, real, "file")
    if stat.S_ISCHR(st.st_mode):
        return ExportTarget(given, real, "device")
    if stat.S_ISDIR(st.st_mode):
        raise ExportTargetError(
            t("cannot write {path}: it is a folder; name a file in it", path=shown)
        )
    raise _not_a_file(given, st)


def _not_a_file(given: str, st: os.stat_result) -> ExportTargetError:
    """Why `given` (a named pipe, a socket, a block device…) cannot take an export."""
    shown = one_line(given)
    if stat.S_ISFIFO(st.st_mode):
        return ExportTargetError(
            t("cannot write {path}: it is a named pipe, not a regular file", path=shown)
        )
    return ExportTargetError(
        t("cannot write {path}: it is not a regular file or a character device", path=shown)
    )


def _open_device(given: str) -> int:
    """`given` opened for writing, without waiting: a character device other than a
    terminal, blocking again once open. A named pipe is refused, as it is whatever the
    path turned into since it was checked: without a reader it fails to open at once
    (O_NONBLOCK), with one it is closed again before a byte is written."""
    flags = os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(given, flags | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO and _is_fifo(given):  # a pipe that nobody reads
            raise _not_a_file(given, os.stat(given)) from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISCHR(st.st_mode):
            raise _not_a_file(given, st)
        if os.isatty(fd):
            raise ExportTargetError(
                t("cannot write {path}: it is a terminal, not a regular file", path=one_line(given))
            )
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _is_fifo(given: str) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(given).st_mode)
    except OSError:
        return False


# -- the database and its journals ---------------------------------------------------


class _Guards:
    """One `_Guard` for each database an export must never touch."""

    def __init__(self, database: Databases):
        if database is None or isinstance(database, (str, os.PathLike)):
            database = [database] if database is not None else []
        self.guards = [_Guard(d) for d in dict.fromkeys(os.fspath(d) for d in database)]

    def check(self, given: str, real: str | None, st: os.stat_result | None) -> None:
        for guard in self.guards:
            guard.check(given, real, st)


class _Guard:
    """The database's files by resolved path, by (device, inode), and by (folder, name)."""

    def __init__(self, database: str | os.PathLike[str] | None):
        self.database = None if database is None else os.fspath(database)
        self.paths: dict[str, str] = {}
        self.inodes: dict[tuple[int, int], str] = {}
        self.entries: dict[tuple[int, int, str], str] = {}
        if self.database is None:
            return
        for base in {os.path.abspath(self.database), os.path.realpath(self.database)}:
            for suffix in ("", *JOURNALS):
                real = os.path.realpath(base + suffix)
                self.paths[real] = suffix
                entry = _entry(real)
                if entry is not None:
                    self.entries[entry] = suffix
                try:
                    st = os.stat(real)
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode):
                    self.inodes[(st.st_dev, st.st_ino)] = suffix

    def check(self, given: str, real: str | None, st: os.stat_result | None) -> None:
        if self.database is None:
            return
        suffix = None
        if st is not None and stat.S_ISREG(st.st_mode):
            suffix = self.inodes.get((st.st_dev, st.st_ino))
        if suffix is None and real is not None:
            suffix = self.paths.get(real)
            if suffix is None:
                entry = _entry(real)
                suffix = None if entry is None else self.entries.get(entry)
        if suffix is None:
            return
        path, database = one_line(given), one_line(self.database)
        if suffix:
            raise ExportTargetError(
                t(
                    "will not write {path}: it is the {suffix} file of the shared database "
                    "{database}; the export would destroy the database",
                    path=path,
                    suffix=suffix,
                    database=database,
                )
            )
        raise ExportTargetError(
            t(
                "will not write {path}: it is the shared database {database}; "
                "the export would destroy it",
                path=path,
                database=database,
            )
        )


def _entry(real: str) -> tuple[int, int, str] | None:
    """(device, inode) of the folder holding `real`, and its name there."""
    folder, name = os.path.split(real)
    try:
        st = os.stat(folder or os.sep)
    except OSError:
        return None
    return st.st_dev, st.st_ino, name


def _descriptor(given: str) -> int | None:
    """The descriptor that /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N name."""
    path = os.path.normpath(given)
    if path in _STANDARD:
        return _STANDARD[path]
    match = _FD_PATH.fullmatch(path)
    if match is None:
        return None
    owner = match.group(1)
    if owner is not None and owner.isdigit() and int(owner) != os.getpid():
        return None
    return int(match.group(2))


# -- writing -------------------------------------------------------------------------


def _check_folder(given: str, real: str) -> None:
    """A new file needs its folder to be there (it is not made for you)."""
    folder = os.path.dirname(real) or os.curdir
    if os.path.isdir(folder):
        return
    path, shown = one_line(given), one_line(folder)
    if os.path.lexists(folder):
        raise ExportTargetError(
            t("cannot write {path}: {folder} is not a folder", path=path, folder=shown)
        )
    raise ExportTargetError(
        t(
            "cannot write {path}: No such file or directory (there is no folder {folder})",
            path=path,
            folder=shown,
        )
    )


def _create_temp(folder: str, name: str, given: str) -> tuple[int, str]:
    """A new, empty, hidden file beside the target: (descriptor, path)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        temp = os.path.join(folder, f".{name[:40]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, flags, NEW_FILE_MODE), temp
        except FileExistsError:
            continue
        except PermissionError:
            raise ExportTargetError(
                t(
                    "cannot write {path}: you may not create files in its folder {folder}",
                    path=one_line(given),
                    folder=one_line(folder),
                )
            ) from None
        except OSError as exc:
            raise _failed(given, exc) from None
    raise _failed(given, FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST)))


def _take_mode(fd: int, real: str) -> None:
    """The old file's owner and mode for the new one, less world-write; a new file as
    created (0o664 less the umask), less world-write a default ACL may have added."""
    try:
        old = os.stat(real)
    except OSError:
        old = None
    if old is not None and stat.S_ISREG(old.st_mode):
        with suppress(OSError):  # a group that is not ours to give: the new file keeps ours
            os.fchown(fd, old.st_uid if os.geteuid() == 0 else -1, old.st_gid)
        os.fchmod(fd, stat.S_IMODE(old.st_mode) & 0o777 & ~0o002)
        return
    mode = stat.S_IMODE(os.fstat(fd).st_mode)
    if mode & 0o002:
        os.fchmod(fd, mode & ~0o002)


def _close_quietly(stream: TextIO) -> None:
    with suppress(OSError):
        stream.close()  # flushes; the descriptor is closed even when that fails


def _remove(temp: str) -> None:
    with suppress(OSError):
        os.unlink(temp)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (best effort: not every file system can)."""
    try:
        fd = os.open(folder or os.curdir, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _failed(given: str, exc: OSError) -> ExportTargetError:
    path = one_line(given)
    if exc.errno in _DISK_FULL:
        return ExportTargetError(t("cannot write {path}: the disk is full", path=path))
    reason = one_line(exc.strerror or str(exc))
    return ExportTargetError(t("cannot write {path}: {reason}", path=path, reason=reason))
