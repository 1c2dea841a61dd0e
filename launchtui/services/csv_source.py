"""A CSV file to import (a survey export), read as it comes: never held whole.

Why its own module: reading a user's file in pieces, with its size limit, its encoding
check and `open(..., newline="")`'s line ends, is not an adoption rule; the service only
asks it for lines.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

from launchtui.services.workspace import UserError
from launchtui.text.i18n import t

# A survey export of a million rows is 20-30 MB; it is read as it comes, never held whole.
MAX_IMPORT_BYTES = 200 * 1024 * 1024
READ_BYTES = 1024 * 1024  # an import reads its file this much at a time


class CsvFile:
    """A file to import, read `READ_BYTES` at a time: its lines as `open(..., newline="")`
    cuts them, as they come. Not UTF-8 (at the byte it stops being so), larger than
    `MAX_IMPORT_BYTES` or unreadable: a `UserError` naming it, as soon as that is known
    (the size of a regular file before anything is read)."""

    def __init__(self, path: Path, shown: str):
        self.shown = shown
        self.read_chars = 0
        try:
            self._stream = path.open("rb")
        except OSError as exc:
            raise UserError(f"{shown}: {exc.strerror or exc}") from None
        try:
            info = os.fstat(self._stream.fileno())
        except OSError as exc:
            self._stream.close()
            raise UserError(f"{shown}: {exc.strerror or exc}") from None
        self.size = info.st_size if stat.S_ISREG(info.st_mode) else None
        if self.size is not None and self.size > MAX_IMPORT_BYTES:
            self._stream.close()
            raise UserError(self._too_big())

    def __enter__(self) -> CsvFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stream.close()

    @property
    def fraction(self) -> float | None:
        """The share of the file read so far, by characters (None: size unknown)."""
        return min(1.0, self.read_chars / self.size) if self.size else None

    def __iter__(self) -> Iterator[str]:
        for line in split_lines(self._texts()):
            self.read_chars += len(line)
            yield line

    def _texts(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = 0  # bytes read
        while True:
            try:
                data = self._stream.read(READ_BYTES)
            except OSError as exc:
                raise UserError(f"{self.shown}: {exc.strerror or exc}") from None
            offset += len(data)
            if offset > MAX_IMPORT_BYTES:
                raise UserError(self._too_big())  # a pipe: its size shows only now
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                # exc.object is the decoder's unfinished bytes and `data`: it ends at `offset`.
                byte = offset - len(exc.object) + exc.start + 1
                raise UserError(
                    t(
                        "{file}: not UTF-8 text (byte {n}); save it as 'CSV UTF-8'",
                        file=self.shown,
                        n=byte,
                    )
                ) from None
            if text:
                yield text
            if not data:
                return

    def _too_big(self) -> str:
        return t(
            "{file}: larger than {n} MB; split it",
            file=self.shown,
            n=MAX_IMPORT_BYTES // 1024 // 1024,
        )


_ODD_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def split_lines(pieces: Iterable[str]) -> Iterator[str]:
    """Lines, ends kept, as `open(..., newline="")` gives them (only \\n, \\r\\n and \\r end
    one), from text that comes in pieces cut anywhere, even inside a \\r\\n."""
    held: list[str] = []  # the start of a line not ended yet
    for text in pieces:
        if not text:
            continue
        if held and held[-1].endswith("\r"):  # ended, unless this piece starts with its \n
            if text.startswith("\n"):
                held.append("\n")
                text = text[1:]
            yield "".join(held)
            held = []
            if not text:
                continue
        # splitlines is quick, but also cuts at \f, \x1c, U+2028 and the like: csv does not.
        lines = _LINES.findall(text) if _ODD_BREAKS.search(text) else text.splitlines(True)
        if held:
            held.append(lines[0])
            if not lines[0].endswith(("\n", "\r")):
                continue  # the piece holds no line end: the line goes on
            lines[0] = "".join(held)
            held = []
        if not lines[-1].endswith("\n"):  # not ended, or by a \r that a \n may follow
            held.append(lines.pop())
        yield from lines
    if held:
        yield "".join(held)
