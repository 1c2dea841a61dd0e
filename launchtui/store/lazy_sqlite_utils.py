"""sqlite-utils, imported only when migrations must run: it costs ~45 ms of start-up."""

from __future__ import annotations

import sys
import threading
from types import ModuleType

_importing = threading.Lock()  # stores open in worker threads; numpy is hidden meanwhile


def import_sqlite_utils() -> ModuleType:
    """`sqlite_utils`, imported without numpy and pandas.

    sqlite-utils imports numpy and pandas when they are installed, only to store their
    types; launchtui passes neither. Hiding them saves ~75 ms and ~12 MiB more.
    """
    with _importing:
        hidden = []
        if "sqlite_utils" not in sys.modules:
            hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]
        try:
            import sqlite_utils
        finally:
            for name in hidden:
                sys.modules.pop(name, None)
    return sqlite_utils
