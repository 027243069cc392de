"""`charte-desktop backup FILE [--to DIR]` and `charte-desktop restore BACKUP FILE`."""

from pathlib import Path

from charte_desktop.db.backups import (
    REASON_MANUAL,
    chosen_backup_folder,
    make_backup,
    restore_backup,
)
from charte_desktop.db.lock import locked_if_exists


def run_backup(path: Path, *, to: Path | None) -> int:
    """Print the new backup's path alone, so that scripts can use it."""
    backup = make_backup(path, to or chosen_backup_folder(path), reason=REASON_MANUAL)
    print(backup)
    return 0


def run_restore(backup: Path, path: Path) -> int:
    with locked_if_exists(path):  # never under a Charte window that has it open
        saved = restore_backup(backup, path, folder=chosen_backup_folder(path))
    if saved is not None:
        print(f"Fichier actuel conservé d'abord dans « {saved} ».")
    print(f"Sauvegarde « {backup} » restaurée dans « {path} ».")
    return 0
