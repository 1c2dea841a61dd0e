"""Persistence: the only code in launchtui that speaks SQL."""

import sys


def _import_sqlite_utils_without_numpy() -> None:
    """sqlite-utils imports numpy and pandas when they are installed, only to store their
    types; launchtui passes neither. Skipping them saves ~75 ms and ~12 MiB per process,
    which scripts and cron jobs calling the command line feel. (Package init runs before
    any store module, so this import comes first.)"""
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            sys.modules.pop(name, None)


_import_sqlite_utils_without_numpy()

from launchtui.store.database import StoreError  # noqa: E402
from launchtui.store.store import RolloutExists, Store  # noqa: E402

__all__ = ["RolloutExists", "Store", "StoreError"]
