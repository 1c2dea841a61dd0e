"""User text made safe to show: control characters that would steer the terminal are replaced.

Kept pure (no Rich) so the command line, the exports and the TUI share one rule.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides/isolates
# that can make text read differently from what is stored.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_LINE_BREAKS = re.compile(r"[\t\n]+")


def clean(text: str) -> str:
    """Replace each unsafe character with U+FFFD so that it shows, without acting."""
    return _UNSAFE.sub("\ufffd", text)


def one_line(text: str) -> str:
    """`clean`, with line breaks and tabs folded to spaces, for table cells and status lines."""
    return _LINE_BREAKS.sub(" ", clean(text)).strip()
