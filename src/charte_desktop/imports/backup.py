"""A backup of the Charte file before an import writes into it, window or command line."""

from pathlib import Path

from charte_desktop.db import Database


def back_up_before_import(db: Database) -> Path | None:
    """Back the file up (folder of Paramètres, else the file's own); the backup's path.
    None on a server (`Database.backup_before_import`)."""
    from charte_desktop.db.backups import chosen_backup_folder

    return db.backup_before_import(chosen_backup_folder(db.path))
