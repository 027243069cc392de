"""Opening and closing a file the safe way, for the window.

Opening: take the file's lock (a second window or process is refused before the file is
touched), open it (a damaged file is set aside and its newest good backup offered; a file
Charte may not write opens read-only), back it up if the last backup is old, and warn when
it sits on a network share or a synced folder.
Closing: a backup, the rotation of old backups, then the lock is released.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from charte_desktop.db import Database, open_database
from charte_desktop.db.backups import (
    REASON_CLOSE,
    backup_created_at,
    backup_if_due,
    chosen_backup_folder,
    format_moment,
    make_backup,
    restore_backup,
    rotate,
)
from charte_desktop.db.damaged import DamagedFileError
from charte_desktop.db.fileguard import inspect_header
from charte_desktop.db.files import UnknownContentError
from charte_desktop.db.location import storage_risk
from charte_desktop.db.lock import FileLock, acquire_lock
from charte_desktop.db.read_only import write_refusal
from charte_desktop.db.server import ServerAddress
from charte_desktop.errors import CharteError
from charte_desktop.settings import AppSettings, load_settings

log = logging.getLogger("charte")


@dataclass
class OpenFile:
    db: Database
    lock: FileLock | None  # None: a read-only file where no lock file can be made
    settings: AppSettings = field(default_factory=AppSettings)

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def backup_folder(self) -> Path:
        if self.db.server is not None:
            from charte_desktop.db.publish import server_backup_folder

            return self.settings.backup_folder or server_backup_folder(self.db.server)
        return chosen_backup_folder(self.db.path, self.settings)

    @property
    def label(self) -> str:
        """The file's path, or the server's address without password."""
        return self.db.label


def _warn(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def _offer_backup(parent: QWidget | None, error: DamagedFileError | UnknownContentError,
                  title: str = "Fichier endommagé",
                  kept: str = "Le fichier endommagé reste mis de côté.") -> bool:
    if error.newest_good_backup is None:
        _warn(parent, title, error.message)
        return False
    when = format_moment(backup_created_at(error.newest_good_backup))
    answer = QMessageBox.question(
        parent, title,
        f"{error.message}\n\nRestaurer la sauvegarde du {when} à la place du fichier "
        f"actuel ? {kept}",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def open_file(parent: QWidget | None, path: Path, *, backups: bool = True) -> OpenFile | None:
    """Open `path` for the window, or explain in French why not (and return None).

    `backups=False` for a throwaway file (the demo copy): nothing to keep."""
    settings = load_settings()
    folder = chosen_backup_folder(path, settings)
    try:
        # Not a Charte file (missing, empty, foreign…)? Say so before leaving a lock file.
        inspect_header(path)
        lock = _lock(path)
    except CharteError as error:
        _warn(parent, "Ouverture impossible", error.message)
        return None
    try:
        try:
            db = open_database(path, backup_folder=folder)
        except (DamagedFileError, UnknownContentError) as error:
            offered = (_offer_backup(parent, error) if isinstance(error, DamagedFileError)
                       else _offer_backup(parent, error, "Fichier modifié par un autre programme",
                                          "Le fichier actuel sera mis de côté, sans être "
                                          "modifié."))
            if not offered:
                if lock is not None:
                    lock.release()
                return None
            assert error.newest_good_backup is not None
            restore_backup(error.newest_good_backup, path, folder=folder)
            db = open_database(path, backup_folder=folder)
    except CharteError as error:
        if lock is not None:
            lock.release()
        _warn(parent, "Ouverture impossible", error.message)
        return None
    opened = OpenFile(db, lock, settings)
    if backups:
        _backup_now_and_then(opened)
    return opened


def _lock(path: Path) -> FileLock | None:
    """The file's lock; none for a read-only file whose folder takes no lock file: it is
    opened read-only, nothing will be written, so a second window on it risks nothing."""
    try:
        return acquire_lock(path)
    except CharteError:
        if write_refusal(path) is None:
            raise
        return None


def _backup_now_and_then(opened: OpenFile) -> None:
    """The automatic backup at opening: a failure is logged, never stops the officer."""
    settings = opened.settings
    try:
        backup_if_due(opened.path, opened.backup_folder,
                      interval=timedelta(hours=settings.backup_interval_hours))
    except CharteError as error:
        log.warning("Sauvegarde à l'ouverture impossible : %s", error.message)


def open_server_file(parent: QWidget | None, address: ServerAddress) -> OpenFile | None:
    """Connect the window to a base on a server (see `connect_server`); None, after one
    French line, when it cannot be opened.

    No lock (the server orders the writes of several officers) and no backup at opening:
    the server's own backups keep it, and « Sauvegarder maintenant » copies it here."""
    outcome = connect_server(parent, address)
    if isinstance(outcome, CharteError):
        _warn(parent, "Connexion impossible", outcome.message)
        return None
    return outcome


def connect_server(parent: QWidget | None,
                   address: ServerAddress) -> OpenFile | CharteError | None:
    """The base at `address` opened, asking for the password when the server wants one
    (three tries); the French refusal when it cannot be opened; None when the officer
    cancelled the password."""
    from charte_desktop.db.server import PasswordNeeded
    from charte_desktop.db.server_database import open_server
    from charte_desktop.ui.server_dialog import ask_password

    for _attempt in range(3):
        try:
            return OpenFile(open_server(address), None, load_settings())
        except PasswordNeeded as refused:
            password = ask_password(parent, address, refused)
            if password is None:
                return None
            address = address.with_password(password)
        except CharteError as error:
            return error
    return CharteError("Trois mots de passe refusés : vérifiez l'utilisateur et le mot de "
                       "passe auprès de l'administrateur du serveur.")


def close_file(opened: OpenFile, *, backup: bool = True) -> None:
    """Back up, rotate old backups, close, release the lock: in that order."""
    settings = opened.settings
    try:
        if not backup or opened.db.server is not None:
            return
        make_backup(opened.path, opened.backup_folder, reason=REASON_CLOSE)
        rotate(opened.backup_folder, keep_daily=settings.keep_daily,
               keep_weekly=settings.keep_weekly, keep_monthly=settings.keep_monthly)
    except (CharteError, OSError) as error:
        log.warning("Sauvegarde à la fermeture impossible : %s", error)
    finally:
        opened.db.close()
        if opened.lock is not None:
            opened.lock.release()


def warn_about_location(parent: QWidget | None, opened: OpenFile) -> Path | None:
    """Explain the risk of a shared or synced folder; return where to copy the file if the
    officer chooses to move it."""
    risk = storage_risk(opened.path)
    if risk is None:
        return None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Emplacement du fichier")
    box.setText(risk)
    move = box.addButton("&Déplacer le fichier…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Continuer ici", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not move:
        return None
    name, _ = QFileDialog.getSaveFileName(
        parent, "Déplacer le fichier Charte",
        str(Path.home() / "Documents" / opened.path.name),
        "Fichiers Charte (*.sqlite *.charte)",
    )
    return Path(name) if name else None
