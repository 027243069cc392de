"""Raw `sqlite3` connections with our settings; no SQLAlchemy, so the window can open,
check and back up a file before SQLAlchemy has finished loading."""

import sqlite3
from pathlib import Path

# Why these settings:
# - foreign_keys=ON: SQLite leaves it off per connection; our cascades and RESTRICTs need it.
# - journal_mode=DELETE (rollback journal) rather than WAL: the file stays a single file
#   when closed, so copying it or finding it on a network share or a synced folder is safe
#   (WAL needs shared memory, which network file systems do not provide).
# - synchronous=FULL: every commit is on disk before it returns; a power cut loses nothing
#   the officer was told was saved. Our writes are few and small, so the cost is invisible.
# - trusted_schema=OFF: a file from elsewhere cannot run functions hidden in views/triggers.
_PRAGMAS_READ_WRITE = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = DELETE",
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
    return connection
