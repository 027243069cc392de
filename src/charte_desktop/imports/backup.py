"""A backup of the Charte file before an import writes into it, window or command line."""

from pathlib import Path

from charte_desktop.db import Database


def back_up_before_import(db: Database) -> Path | None:
    """Back the file up (folder of Paramètres, else the file's own); the backup's path.

    None on a server: its content is saved by the server's own backups (and by
    `charte-desktop backup ADRESSE`); an import there is one transaction, all or nothing.
    """
    if db.server is not None:
        return None
    from charte_desktop.db.backups import REASON_IMPORT, chosen_backup_folder, make_backup

    return make_backup(db.path, chosen_backup_folder(db.path), reason=REASON_IMPORT)
