"""JSON as the command line prints and the exports write it: readable UTF-8, yet with no
character in it that would act on a terminal.

`json.dumps(..., ensure_ascii=False)` escapes U+0000-U+001F only; DEL, the C1 controls
(U+009B is an 8-bit CSI), U+2028/U+2029 and the bidi controls come out raw. Every JSON
the program prints or writes goes through `dumps` (or `escape_unsafe`, for JSON written
piece by piece), which escapes exactly the characters `launchtui.text.safe` replaces in
text, so that the JSON still reads back to the stored text and `cat` of it shows
`\\u001b`, never an escape sequence.
"""

from __future__ import annotations

import json
import re
from typing import Any

from launchtui.text.safe import UNSAFE, is_clean


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_unsafe(text: str) -> str:
    """JSON text with each character `safe_text` calls unsafe written as a `\\u` escape.

    Valid for any JSON document: outside strings JSON holds only ASCII punctuation, digits,
    letters and white space, none of them unsafe. Text with nothing to escape (nearly all)
    is only checked, at `is_clean`'s speed, several times the regular expression's."""
    return text if is_clean(text) else UNSAFE.sub(_escape, text)


def dumps(data: Any, *, indent: int | None = 2, **options: Any) -> str:
    """`json.dumps(data, indent=indent, ensure_ascii=False, **options)`, made safe to print."""
    return escape_unsafe(json.dumps(data, indent=indent, ensure_ascii=False, **options))
