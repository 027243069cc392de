"""Reading the open file from a worker thread (a long export while the window answers).

The window's Database hands its pooled connections to whoever asks, in any thread; a
worker that read through it would share them with the window. `reader_for_thread` gives
the worker its own Database instead: one read-only connection (`query_only`: it can never
write), made in the thread that first uses it, closed when the block ends. While the
window saves, SQLite makes the reader wait (busy timeout) rather than fail.

A base on a server needs none of this: its pool gives each thread a connection of its
own, and the server keeps readers and writers apart; the worker reads through it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from charte_desktop.db.engine import Database, make_engine
from charte_desktop.db.sqlite_connection import connect_sqlite

BUSY_TIMEOUT_MS = 5000  # as long as the window's own connections wait


@contextmanager
def reader_for_thread(db: Database) -> Iterator[Database]:
    """A read-only Database on `db`'s file, for use in one thread, closed at the end; on a
    server, `db` itself."""
    if db.server is not None:
        yield db
        return
    path = db.path

    def connect() -> sqlite3.Connection:
        connection = connect_sqlite(path, read_only=True)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return connection

    reader = Database(path, make_engine(path, creator=connect), read_only=True,
                      read_only_reason=db.read_only_reason)
    try:
        yield reader
    finally:
        reader.close()
