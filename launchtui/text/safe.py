"""User text made safe to show: control characters that would steer the terminal are replaced.

Kept pure (no Rich) so the command line, the exports and the TUI share one rule. The
issue CSV that SQLite renders applies the same rule in SQL (`launchtui.store.csv_lines`
builds it from `UNSAFE_RANGES`), and JSON output escapes the same characters as `\\u`
escapes (`launchtui.text.json_text`).
"""

from __future__ import annotations

import re

# What would act instead of show: C0 controls but tab and newline (a CR on its own moves
# the cursor back over what was printed), DEL, C1 controls (U+009B is an 8-bit CSI), the
# line and paragraph separators (they break lines where no one typed a newline), and
# the bidi marks, embeddings, overrides and isolates that make text read differently
# from what is stored. Inclusive ranges of code points.
UNSAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x08),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    (0x061C, 0x061C),  # Arabic letter mark
    (0x200E, 0x200F),  # left-to-right and right-to-left marks
    (0x2028, 0x202E),  # line and paragraph separators; embeddings and overrides
    (0x2066, 0x2069),  # isolates
)
REPLACEMENT = "\ufffd"

_CLASS = "".join(
    re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
    for low, high in UNSAFE_RANGES
)
UNSAFE = re.compile(f"[{_CLASS}]")
_CRLF = "\r\n"
_LINE_BREAKS = re.compile(r"[\t\n]+")


def clean(text: str) -> str:
    """Replace each unsafe character with U+FFFD so that it shows, without acting.

    A Windows line end (CRLF) is a line break: it becomes a newline, as a newline and a
    tab stay; nothing else below U+0020 survives."""
    if _CRLF in text:
        text = text.replace(_CRLF, "\n")
    return UNSAFE.sub(REPLACEMENT, text)


def one_line(text: str) -> str:
    """`clean`, with line breaks and tabs folded to spaces, for table cells and status lines."""
    return _LINE_BREAKS.sub(" ", clean(text)).strip()


# The ASCII characters `clean` keeps: tab, newline and the printable ones.
_SAFE_ASCII = bytes(c for c in range(128) if not UNSAFE.match(chr(c)))


def is_clean(text: str) -> bool:
    """Whether `clean(text)` would leave `text` as it is.

    Fast (about 2 ns a character, five times the regular expression's speed) for text that
    is mostly ASCII: deleting every safe ASCII byte from its UTF-8, in C, leaves only the
    unsafe ASCII bytes and whole encodings of the other characters, which the regular
    expression then reads."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _SAFE_ASCII)
    return not rest or UNSAFE.search(rest.decode("utf-8", "surrogatepass")) is None


# Lines checked at once by `clean_crlf_lines`: few enough to stay in the CPU's cache, which
# a whole batch of rendered CSV (2,000 lines, 400 kB) does not, to the cost of SQLite.
_CHUNK = 64


def clean_crlf_lines(lines: list[str]) -> str:
    """The lines, each `clean`ed and ended with CRLF, as one text: for text rendered in
    bulk, such as the issue CSV that SQLite writes (`launchtui.exporters.issues.write_csv_lines`).

    Checked `_CHUNK` lines at a time with `is_clean`; only the lines of a chunk that holds
    something to replace are cleaned one by one. Over 100,000 clean issues this costs
    about 10 ms; checking each line apart, or a whole batch at once, costs several times
    that."""
    out = lines
    for start in range(0, len(lines), _CHUNK):
        chunk = lines[start : start + _CHUNK]
        if not is_clean("\n".join(chunk)):
            out = list(out) if out is lines else out
            out[start : start + _CHUNK] = [x if is_clean(x) else clean(x) for x in chunk]
    return "\r\n".join([*out, ""])
