"""Fichier › « Enregistrer une copie… »: a checked Charte file of what is open, a file or a
server's base (then a copy to consult in the field)."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from charte_desktop.db import Database
from charte_desktop.db.safekeeping import documents_folder, write_copy
from charte_desktop.errors import CharteError
from charte_desktop.system_errors import os_reason

FILE_FILTER = "Fichiers Charte (*.sqlite *.charte);;Tous les fichiers (*)"


def save_copy(window: QMainWindow, db: Database) -> None:
    name, _ = QFileDialog.getSaveFileName(window, "Enregistrer une copie",
                                          str(documents_folder(db) / "copie.sqlite"),
                                          FILE_FILTER)
    if not name:
        return
    try:
        write_copy(db, Path(name))
    except CharteError as error:
        QMessageBox.warning(window, "Charte", error.message)
        return
    except OSError as error:
        QMessageBox.warning(window, "Charte", f"La copie n'a pas pu être écrite : "
                                              f"{os_reason(error)}.")
        return
    window.statusBar().showMessage(f"Copie enregistrée : {name}", 8000)
