"""What a spreadsheet would run as a formula (OWASP, CSV injection).

Shared by the Python CSV writers (`launchtui.exporters.issues`, `launchtui.exporters.report`)
and the issue export that SQLite renders itself (`launchtui.store.csv_lines`), so both guard the
same first characters.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = "=+-@\t\r"
_STARTS = frozenset(FORMULA_STARTS)


def csv_safe(cell: Any) -> Any:
    """`cell`, with a single quote in front if a spreadsheet would read it as a formula."""
    if isinstance(cell, str) and cell and cell[0] in _STARTS:
        return "'" + cell
    return cell
