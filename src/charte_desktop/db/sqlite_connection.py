"""Raw `sqlite3` connections with our settings; no SQLAlchemy, so the window can open,
check and back up a file before SQLAlchemy has finished loading."""

import sqlite3
from pathlib import Path

# Why these settings:
# - foreign_keys=ON: SQLite leaves it off per connection; our cascades and RESTRICTs need it.
# - journal_mode=DELETE (rollback journal) rather than WAL: the file stays a single file
#   when closed, so copying it or finding it on a network share or a synced folder is safe
#   (WAL needs shared memory, which network file systems do not provide). A file another
#   program switched to WAL is switched back only by Charte's first save (see
#   `settle_journal_mode`): switching writes the file, and reading, checking or a dry run
#   must leave it byte-identical.
# - synchronous=FULL: every commit is on disk before it returns; a power cut loses nothing
#   the officer was told was saved. Our writes are few and small, so the cost is invisible.
# - trusted_schema=OFF: a file from elsewhere cannot run functions hidden in views/triggers.
_PRAGMAS_READ_WRITE = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA trusted_schema = OFF",
)
_PRAGMAS_READ_ONLY = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA query_only = ON",
    "PRAGMA trusted_schema = OFF",
)


def connect_sqlite(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A raw connection with our settings; read-only ones can never write the file."""
    pragmas: tuple[str, ...]
    if read_only:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
            check_same_thread=False,
        )
        pragmas = _PRAGMAS_READ_ONLY
    else:
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        pragmas = _PRAGMAS_READ_WRITE
    for pragma in pragmas:
        connection.execute(pragma)
    if not read_only and _journal_mode(connection) != "wal":
        # Rollback-journal modes are per connection: setting ours writes nothing.
        connection.execute("PRAGMA journal_mode = DELETE")
    return connection


def _journal_mode(connection: sqlite3.Connection) -> str:
    row = connection.execute("PRAGMA journal_mode").fetchone()
    return str(row[0]).lower() if row else ""


def settle_journal_mode(connection: sqlite3.Connection) -> bool:
    """Switch a file left in WAL by another program back to a rollback journal, outside
    any transaction, after Charte has written to it anyway. True when settled; False when
    another connection still uses the WAL (tried again at the next save)."""
    if _journal_mode(connection) != "wal":
        return True
    # Leaving WAL needs every other connection gone: never wait for them, try later.
    connection.execute("PRAGMA busy_timeout = 0")
    try:
        row = connection.execute("PRAGMA journal_mode = DELETE").fetchone()
    except sqlite3.Error:
        return False
    finally:
        connection.execute("PRAGMA busy_timeout = 5000")
    return bool(row) and str(row[0]).lower() == "delete"
