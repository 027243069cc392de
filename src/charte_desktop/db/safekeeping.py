"""Copies of a base for safekeeping, the same calls for a file and a server base: the one
place that tells them apart, so the window and the imports never do.

A file is copied by SQLite's backup (`db/backups.py`, `db/copying.py`); a server base is
read into a new checked file (`db/publish.backup_server`). A server keeps its own backups:
an import there makes none on this computer.
"""

import os
from pathlib import Path

from charte_desktop.db.engine import Database


def documents_folder(db: Database) -> Path:
    """Where the open and save dialogs start: the file's folder; the officer's own
    folder for a server base, which has none on this computer."""
    return Path.home() if db.server is not None else db.path.parent


def write_backup(db: Database, folder: Path, reason: str) -> Path:
    """A checked copy of the content, named as the backups are, in `folder`; its path."""
    if db.server is not None:
        from charte_desktop.db.publish import backup_server

        return backup_server(db.server, folder)
    from charte_desktop.db.backups import make_backup

    return make_backup(db.path, folder, reason=reason)


def write_copy(db: Database, target: Path) -> None:
    """A checked copy of the content at `target` (« Enregistrer une copie »)."""
    if db.server is not None:
        from charte_desktop.db.publish import backup_server

        os.replace(backup_server(db.server, target.parent), target)
        return
    from charte_desktop.db.copying import copy_database

    copy_database(db, target)


def backup_before_import(db: Database, folder: Path) -> Path | None:
    """The backup an import makes before it writes; None on a server, whose content its
    own backups keep (and `charte-desktop backup ADRESSE`): an import there is one
    transaction, all or nothing."""
    if db.server is not None:
        return None
    from charte_desktop.db.backups import REASON_IMPORT

    return write_backup(db, folder, REASON_IMPORT)
