"""A copy in memory of a Charte file, read through SQLite's backup API without writing it.

Used where SQLite must be allowed to write (a dry run's rolled-back inserts, the CHECK
constraints `integrity_check` only verifies on a writable database) while the file itself
must stay byte-identical, even when Charte may not write it.
"""

import sqlite3
from pathlib import Path

from charte_desktop.db.sqlite_connection import connect_sqlite


def memory_copy(path: Path) -> sqlite3.Connection:
    """A writable in-memory database holding the file's pages, foreign keys enforced."""
    source = connect_sqlite(path, read_only=True)
    try:
        source.execute("PRAGMA busy_timeout = 5000")  # a writer committing: wait, not fail
        copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            source.backup(copy)
        except BaseException:
            copy.close()
            raise
    finally:
        source.close()
    copy.execute("PRAGMA foreign_keys = ON")
    copy.execute("PRAGMA trusted_schema = OFF")
    return copy
