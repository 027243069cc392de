"""What the Priorisation and Politiques publiques views share: an explanation, a search
box and a sortable table of the plan's actions, sorted on the first column."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.ui.table_model import RowTableModel, SortProxy


class PlanTableView(QWidget):
    def __init__(self, model: RowTableModel[Any], *, name: str, explanation: str) -> None:
        super().__init__()
        self.model = model
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setAccessibleName(name)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher une action…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Rechercher une action")
        self.search.textChanged.connect(model.set_search)
        text = QLabel(explanation)
        text.setWordWrap(True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(text)
        self.layout_.addWidget(self.search)
        self.layout_.addWidget(self.table, 1)
        self.setFocusProxy(self.table)
