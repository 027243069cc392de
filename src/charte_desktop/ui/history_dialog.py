"""« Historique » of an action, a meeting or a contact: who changed what, and when."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.services.history import HistoryLine

HEADERS = ("Date", "Par", "Modification")


class HistoryDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, lines: list[HistoryLine]) -> None:
        super().__init__(parent)
        # The record's name in the dialog, wrapped: a title bar would cut it again.
        self.setWindowTitle("Historique")
        self.setMinimumSize(620, 320)
        self.resize(860, 420)
        layout = QVBoxLayout(self)
        heading = QLabel(f"Historique de {title}")
        heading.setObjectName("history_of")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        if not lines:
            layout.addWidget(QLabel("Aucune modification enregistrée depuis que Charte tient "
                                    "l'historique."))
        self.table = QTableWidget(len(lines), len(HEADERS))
        self.table.setAccessibleName("Historique")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, line in enumerate(lines):
            for column, text in enumerate((line.when, line.author, line.what)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # A change says its old and new values: the line wraps rather than being cut.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if lines:
            self.table.selectRow(0)
        self.table.setFocus()
