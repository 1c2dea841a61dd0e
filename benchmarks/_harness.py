"""Small helpers for the benchmarks: pseudo-terminals, a tiny screen, timing, /proc readers.

Nothing here imports launchtui or Textual: `run.py` and the in-process scenarios
(`_inproc.py`) decide which source tree they measure.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import termios
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_DOWN = b"\x1b[6~"
DOWN = b"\x1b[B"


# -- a tiny terminal: enough of VT100 to read what Textual paints ----------------------


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class Screen:
    """A rows x cols grid fed with the bytes an app writes; `text()` is what a user sees.

    Understands cursor positioning (CUP, CUU/CUD/CUF/CUB, CHA, VPA), erase (ED, EL),
    CR/LF/BS and printable text; every other escape sequence (colours, modes, OSC, DCS)
    is parsed and ignored. Textual paints lines with absolute cursor moves, so this is
    enough to tell whether a string really is on screen.
    """

    def __init__(self, cols: int = 80, rows: int = 24) -> None:
        self.cols, self.rows = cols, rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.touched: dict[int, list[int]] = {}  # row -> [first, last] column written
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""  # an escape sequence cut at a chunk boundary

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "\x1b":
                end = self._escape_end(text, i)
                if end is None:
                    self._pending = text[i:]
                    return
                self._escape(text[i:end])
                i = end
                continue
            if ch == "\r":
                self.x = 0
            elif ch == "\n":
                self.y = min(self.y + 1, self.rows - 1)
            elif ch == "\b":
                self.x = max(self.x - 1, 0)
            elif ch >= " " and ch != "\x7f":
                self._put(ch)
            i += 1

    @staticmethod
    def _escape_end(text: str, i: int) -> int | None:
        """Index just past the escape sequence starting at `i`; None if it is cut short."""
        n = len(text)
        if i + 1 >= n:
            return None
        kind = text[i + 1]
        if kind == "[":  # CSI: parameters, then one final byte 0x40-0x7e
            j = i + 2
            while j < n and not ("@" <= text[j] <= "~"):
                j += 1
            return j + 1 if j < n else None
        if kind in "]P_^":  # OSC / DCS / APC / PM: up to BEL or ST
            j = i + 2
            while j < n:
                if text[j] == "\x07":
                    return j + 1
                if text[j] == "\x1b" and j + 1 < n and text[j + 1] == "\\":
                    return j + 2
                if text[j] == "\x1b" and j + 1 >= n:
                    return None
                j += 1
            return None
        if kind in "()#%":  # charset designation: one more byte
            return i + 3 if i + 2 < n else None
        return i + 2

    def _escape(self, seq: str) -> None:
        if len(seq) < 3 or seq[1] != "[":
            return
        final, body = seq[-1], seq[2:-1]
        if body.startswith(("?", ">", "<", "=")):
            return  # private modes: alternate screen, mouse, sync output...
        args = [int(a) if a.isdigit() else 0 for a in body.split(";")] if body else []

        def arg(k: int, default: int) -> int:
            return args[k] if len(args) > k and args[k] else default

        if final in "Hf":
            self.y = min(max(arg(0, 1) - 1, 0), self.rows - 1)
            self.x = min(max(arg(1, 1) - 1, 0), self.cols - 1)
        elif final == "A":
            self.y = max(self.y - arg(0, 1), 0)
        elif final == "B":
            self.y = min(self.y + arg(0, 1), self.rows - 1)
        elif final == "C":
            self.x = min(self.x + arg(0, 1), self.cols - 1)
        elif final == "D":
            self.x = max(self.x - arg(0, 1), 0)
        elif final == "G":
            self.x = min(max(arg(0, 1) - 1, 0), self.cols - 1)
        elif final == "d":
            self.y = min(max(arg(0, 1) - 1, 0), self.rows - 1)
        elif final == "J":
            mode = args[0] if args else 0
            if mode in (2, 3):
                self.grid = [[" "] * self.cols for _ in range(self.rows)]
            elif mode == 0:
                self.grid[self.y][self.x :] = [" "] * (self.cols - self.x)
                for row in self.grid[self.y + 1 :]:
                    row[:] = [" "] * self.cols
        elif final == "K":
            mode = args[0] if args else 0
            row = self.grid[self.y]
            if mode == 0:
                row[self.x :] = [" "] * (self.cols - self.x)
            elif mode == 1:
                row[: self.x + 1] = [" "] * (self.x + 1)
            else:
                row[:] = [" "] * self.cols

    def _put(self, ch: str) -> None:
        w = _width(ch)
        if w == 0:
            return
        if self.x >= self.cols:  # no auto-wrap: Textual never relies on it
            return
        self.grid[self.y][self.x] = ch
        span = self.touched.setdefault(self.y, [self.x, self.x])
        span[0], span[1] = min(span[0], self.x), max(span[1], self.x)
        if w == 2 and self.x + 1 < self.cols:
            self.grid[self.y][self.x + 1] = ""
        self.x += w

    def untouch(self) -> dict[int, tuple[int, int]]:
        """Rows written to (changed or not) since the last call: row -> (first, last) column."""
        touched, self.touched = self.touched, {}
        return {row: (a, b) for row, (a, b) in touched.items()}

    def lines(self) -> list[str]:
        return ["".join(row).rstrip() for row in self.grid]

    def text(self) -> str:
        return "\n".join(self.lines())

    def __contains__(self, needle: str) -> bool:
        return any(needle in line for line in self.lines())


# -- a process in a pseudo-terminal ----------------------------------------------------


class PtyApp:
    """A command run in a pseudo-terminal of cols x rows; everything it writes is kept.

    `wait_for(text)` returns the seconds from the fork to the read that first put `text`
    on the screen.
    """

    def __init__(
        self,
        cmd: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        cwd: str | Path | None = None,
        cols: int = 80,
        rows: int = 24,
    ) -> None:
        self.cmd = list(cmd)
        self.screen = Screen(cols, rows)
        self.total_bytes = 0
        self.log: list[tuple[float, int]] = []  # (time, bytes) of every read
        self.exited = False
        self.status: int | None = None
        self.started = self.last_read = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the command
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                if cwd is not None:
                    os.chdir(cwd)
                os.execvpe(self.cmd[0], self.cmd, env if env is not None else os.environ)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd

    # reading ------------------------------------------------------------------------

    def _read_once(self, timeout: float) -> int:
        """Read what is there within `timeout`; the byte count (0: nothing; -1: closed)."""
        if self.exited:
            return -1
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return 0
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        now = time.perf_counter()
        if not data:
            self._reap()
            return -1
        self.total_bytes += len(data)
        self.log.append((now, len(data)))
        self.last_read = now
        self.screen.feed(data)
        return len(data)

    def _reap(self) -> None:
        self.exited = True
        try:
            _, status = os.waitpid(self.pid, 0)
            self.status = os.waitstatus_to_exitcode(status)
        except ChildProcessError:
            pass

    def wait_for(self, needle: str | Callable[[Screen], bool], timeout: float = 30.0) -> float:
        """Seconds from the start to the read that made `needle` show; raises on timeout."""
        check = needle if callable(needle) else (lambda s: needle in s)
        deadline = time.perf_counter() + timeout
        while True:
            got = self._read_once(min(0.5, deadline - time.perf_counter()))
            if got > 0 and check(self.screen):
                return self.last_read - self.started
            if got < 0:
                raise RuntimeError(
                    f"{self.cmd[1:4]} exited ({self.status}) before showing {needle!r}:\n"
                    + self.screen.text()
                )
            if time.perf_counter() >= deadline:
                raise TimeoutError(
                    f"{needle!r} not on screen after {timeout} s:\n{self.screen.text()}"
                )

    def until(self, check: Callable[[Screen], bool], timeout: float = 10.0) -> float:
        """Like wait_for, measured from now; checks the screen as it stands first."""
        began = time.perf_counter()
        if check(self.screen):
            return 0.0
        deadline = began + timeout
        while True:
            got = self._read_once(min(0.5, deadline - time.perf_counter()))
            if got > 0 and check(self.screen):
                return self.last_read - began
            if got < 0:
                raise RuntimeError(f"exited ({self.status}) while waiting:\n{self.screen.text()}")
            if time.perf_counter() >= deadline:
                raise TimeoutError(f"not on screen after {timeout} s:\n{self.screen.text()}")

    def drain(self, quiet: float = 0.3, timeout: float = 10.0) -> int:
        """Read until nothing came for `quiet` seconds; the bytes read."""
        got_total = 0
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            got = self._read_once(quiet)
            if got <= 0:
                break
            got_total += got
        return got_total

    def count_for(self, seconds: float) -> list[tuple[float, int, list[int], dict]]:
        """Read for exactly `seconds`: (offset, bytes, rows changed, rows written) per read."""
        began = time.perf_counter()
        end = began + seconds
        reads = []
        before = self.screen.lines()
        self.screen.untouch()
        while (left := end - time.perf_counter()) > 0:
            got = self._read_once(left)
            if got < 0:
                break
            if got:
                after = self.screen.lines()
                changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
                reads.append((self.last_read - began, got, changed, self.screen.untouch()))
                before = after
        return reads

    # writing and ending ---------------------------------------------------------------

    def send(self, data: bytes | str) -> float:
        """Write keys to the app; the time just before the write."""
        if isinstance(data, str):
            data = data.encode()
        now = time.perf_counter()
        os.write(self.fd, data)
        return now

    def quit(self, keys: bytes = b"q", timeout: float = 5.0) -> None:
        """Ask the app to quit with `keys`; TERM, then KILL it (by pid) if it lingers."""
        if not self.exited:
            with contextlib.suppress(OSError):
                self.send(keys)
            deadline = time.perf_counter() + timeout
            while not self.exited and time.perf_counter() < deadline:
                self._read_once(0.2)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.exited:
                break
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)
            deadline = time.perf_counter() + 3
            while not self.exited and time.perf_counter() < deadline:
                self._read_once(0.2)
        if not self.exited:
            self._reap()
        with contextlib.suppress(OSError):
            os.close(self.fd)

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc) -> None:
        self.quit()


# -- /proc ----------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads, in seconds."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / CLK_TCK


def status_kb(pid: int, field: str = "VmHWM") -> int:
    """A `kB` field of /proc/PID/status: VmHWM is the peak resident set size."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


# -- timing ---------------------------------------------------------------------------


def run_timed(cmd: Sequence[str], env: dict[str, str], cwd: str | Path) -> float:
    """Wall time of a whole process, output discarded; raises if it fails."""
    began = time.perf_counter()
    proc = subprocess.run(
        list(cmd), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    took = time.perf_counter() - began
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:6])}… failed: {proc.stderr.decode()[-600:]}")
    return took


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


# -- is the machine busy? ------------------------------------------------------------------


def machine_busy_seconds() -> float:
    """CPU seconds spent by everything on the machine (all cores), steal included."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def own_seconds() -> float:
    """CPU seconds of this process and of its children that have been waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class OthersMeter:
    """How much CPU other processes took while we measured, as a share of the machine."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.busy = machine_busy_seconds()
        self.own = own_seconds()

    def share(self) -> float:
        wall = time.perf_counter() - self.wall
        others = (machine_busy_seconds() - self.busy) - (own_seconds() - self.own)
        return max(others, 0.0) / (wall * (os.cpu_count() or 1)) if wall > 0 else 0.0


def wait_until_quiet(limit: float, threshold: float = 0.10, window: float = 1.0) -> float:
    """Wait (at most `limit` s) for a `window` in which other processes use less than
    `threshold` of the machine; return their share in the last window."""
    deadline = time.perf_counter() + limit
    while True:
        meter = OthersMeter()
        time.sleep(window)
        share = meter.share()
        if share < threshold or time.perf_counter() >= deadline:
            return share
