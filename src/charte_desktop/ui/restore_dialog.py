"""« Restaurer une sauvegarde » : the backups of the open file, newest first."""

from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.db.backups import BackupInfo, format_moment, list_backups
from charte_desktop.formatting import format_number
from charte_desktop.ui.table_model import Column, RowTableModel


def size_text(size: int) -> str:
    if size >= 1_000_000:
        return f"{format_number(Decimal(size).scaleb(-6).quantize(Decimal('0.1')))} Mo"
    return f"{format_number(max(1, round(size / 1000)))} Ko"


def contents_text(info: BackupInfo) -> str:
    if not info.readable:
        return "illisible"
    return (f"{info.actions} actions, {info.meetings} réunions, {info.contacts} contacts, "
            f"{info.indicators} indicateurs")


COLUMNS: list[Column[BackupInfo]] = [
    Column("Date", lambda b: format_moment(b.created_at), width=150),
    Column("Motif", lambda b: b.reason, width=190),
    Column("Contenu", contents_text, width=380),
    Column("Taille", lambda b: size_text(b.size), align_right=True, width=80),
]


class RestoreDialog(QDialog):
    """Accepted with `chosen` set to the backup to restore."""

    def __init__(self, parent: QWidget | None, folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restaurer une sauvegarde")
        self.resize(880, 420)
        self.chosen: BackupInfo | None = None
        self.model: RowTableModel[BackupInfo] = RowTableModel(COLUMNS, self)
        self.model.set_rows(list_backups(folder))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; the arrows move in it
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Sauvegardes")
        for i, column in enumerate(COLUMNS):
            if column.width:
                self.table.setColumnWidth(i, column.width)
        intro = QLabel(
            f"Sauvegardes du dossier « {folder} ». Restaurer remplace le contenu actuel du "
            "fichier par celui de la sauvegarde choisie ; le contenu actuel est d'abord "
            "sauvegardé, vous pourrez donc revenir en arrière."
        )
        intro.setWordWrap(True)
        empty = QLabel("Aucune sauvegarde pour l'instant.")
        empty.setVisible(self.model.rowCount() == 0)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("&Restaurer",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("&Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update()

    def _current(self) -> BackupInfo | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update(self) -> None:
        current = self._current()
        self.restore_button.setEnabled(current is not None and current.readable)

    def accept(self) -> None:
        current = self._current()
        if current is None or not current.readable:
            return
        self.chosen = current
        super().accept()
