"""The process's one sqlite3 module, chosen exactly as sqlite-utils chooses it.

pysqlite3 where it is installed (on Linux it brings SQLite 3.53, see pyproject), else the
standard library's. Choosing here keeps sqlite-utils out of start-up; choosing the same
way keeps a single module per process once sqlite-utils is imported to run migrations,
so its connections, errors and ours are of one kind.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
else:
    try:  # the order of sqlite_utils.utils
        sqlite3 = importlib.import_module("pysqlite3")
        importlib.import_module("pysqlite3.dbapi2")
    except ImportError:
        import sqlite3

__all__ = ["sqlite3"]
