"""Another program writing a Charte file (a script, a database tool) holds SQLite's write
lock; replacing the file under it would lose its commit, or make it fail."""

import sqlite3
from pathlib import Path

from charte_desktop.db.fileguard import APPLICATION_ID, SQLITE_MAGIC
from charte_desktop.errors import CharteError


def is_charte_file(path: Path) -> bool:
    """Whether `path` starts like a Charte file (it may be damaged further in)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return header.startswith(SQLITE_MAGIC) and header[68:72] == APPLICATION_ID.to_bytes(4, "big")


def refuse_while_written(target: Path) -> None:
    """Refuse to replace a file another program is writing: its commit would go to the
    replaced file and be lost (or fail). Probing takes SQLite's write lock for an instant,
    then lets it go at once, so that nothing stays open on the file while it is replaced
    (Windows would refuse the replacement)."""
    if not is_charte_file(target):
        return  # nothing of ours to protect; the restore decides about the rest
    try:
        probe = sqlite3.connect(target, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        probe.execute("PRAGMA busy_timeout = 1000")  # a commit under way: let it finish
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
    except sqlite3.Error as exc:
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise CharteError(
                f"Restauration refusée : le fichier « {target} » est en cours d'écriture par "
                "un autre programme. Attendez qu'il ait fini, ou fermez-le, puis recommencez ; "
                "rien n'a été modifié."
            ) from None
        # Any other error (a damaged file…) is for the restore, which sets the file aside.
    finally:
        probe.close()
