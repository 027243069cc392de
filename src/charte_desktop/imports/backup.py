"""A backup of the Charte file before an import writes into it, window or command line."""

from pathlib import Path

from charte_desktop.db import Database


def back_up_before_import(db: Database) -> Path | None:
    """Back the file up (folder of Paramètres, else the file's own); the backup's path.
    None on a server (`db.safekeeping.backup_before_import`)."""
    from charte_desktop.db.backups import chosen_backup_folder
    from charte_desktop.db.safekeeping import backup_before_import

    return backup_before_import(db, chosen_backup_folder(db.path))
