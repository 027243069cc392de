"""Copy an open Charte file safely: through SQLite's backup API, never a raw file copy."""

import errno
import os
import sqlite3
import tempfile
from pathlib import Path

from charte_desktop.db.engine import Database
from charte_desktop.db.sqlite_connection import connect_sqlite


def copy_database(db: Database, target: Path) -> None:
    """Write a consistent copy of `db` to `target`, replacing it only once complete."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        source = connect_sqlite(db.path, read_only=True)
        destination = sqlite3.connect(temp)
        try:
            source.backup(destination)
            result = destination.execute("PRAGMA quick_check").fetchone()
        finally:
            destination.close()
            source.close()
        if result is None or result[0] != "ok":
            raise OSError(errno.EIO, f"la copie ne passe pas la vérification ({result})")
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
