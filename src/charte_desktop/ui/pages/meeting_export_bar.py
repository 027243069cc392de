"""The three documents of the selected meeting, written where the officer chooses, then
opened (or their folder) in one click."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from charte_desktop.db import Database
from charte_desktop.errors import CharteError

DOCUMENTS = (
    ("convocation", "Con&vocation…", "la convocation"),
    ("attendance", "É&margement…", "la feuille d'émargement"),
    ("minutes", "Compte &rendu…", "le compte rendu"),
)
WORD_FILTER = "Documents Word (*.docx)"


def last_folder() -> Path:
    value = QSettings().value("exports/folder")
    folder = Path(str(value)) if value else Path.home() / "Documents"
    return folder if folder.is_dir() else Path.home()


class MeetingExportBar(QWidget):
    def __init__(self, db: Database, meeting_id: Callable[[], int | None]) -> None:
        super().__init__()
        self.db = db
        self._meeting_id = meeting_id
        self.last_written: Path | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Documents :"))
        self.buttons: dict[str, QPushButton] = {}
        for kind, text, what in DOCUMENTS:
            button = QPushButton(text)
            button.setToolTip(f"Écrire {what} de la réunion (Word)")
            button.clicked.connect(lambda _checked=False, k=kind, w=what: self.export(k, w))
            self.buttons[kind] = button
            row.addWidget(button)
        row.addStretch(1)

    def update_state(self) -> None:
        enabled = self._meeting_id() is not None
        for button in self.buttons.values():
            button.setEnabled(enabled)

    def choose_target(self, kind: str, what: str, meeting_id: int) -> Path | None:
        from charte_desktop.exports.meeting_exports import suggested_name

        suggested = last_folder() / suggested_name(self.db, kind, meeting_id)
        name, _ = QFileDialog.getSaveFileName(self, f"Enregistrer {what}", str(suggested),
                                              WORD_FILTER)
        if not name:
            return None
        target = Path(name)
        return target if target.suffix.lower() == ".docx" else target.with_suffix(".docx")

    def export(self, kind: str, what: str) -> Path | None:
        from charte_desktop.exports.meeting_exports import export_meeting_document

        meeting_id = self._meeting_id()
        if meeting_id is None:
            return None
        target = self.choose_target(kind, what, meeting_id)
        if target is None:
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = export_meeting_document(self.db, kind, meeting_id, target)
        except CharteError as error:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Document non écrit", error.message)
            return None
        QGuiApplication.restoreOverrideCursor()
        QSettings().setValue("exports/folder", str(written.parent))
        self.last_written = written
        self.offer_to_open(written)
        return written

    def offer_to_open(self, written: Path) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Document écrit")
        box.setText(f"Document enregistré dans « {written} ».")
        open_document = box.addButton("&Ouvrir le document", QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton("Ouvrir le &dossier", QMessageBox.ButtonRole.ActionRole)
        box.addButton("&Fermer", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_document:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
        elif box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.parent)))
