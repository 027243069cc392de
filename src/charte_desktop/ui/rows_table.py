"""The table every list shows its rows in: one line per row, sortable, keyboard first."""

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from charte_desktop.ui.table_model import Column


def rows_table(proxy: QSortFilterProxyModel, columns: Sequence[Column[Any]],
               name: str) -> QTableView:
    """A table of `proxy`'s rows with the columns' widths; `name` for screen readers."""
    table = QTableView()
    table.setModel(proxy)
    # Rows keep the use case's order (e.g. codes 1.1 … 2.10) until a header is clicked.
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    # One line per row, long texts elided (full text in the tooltip): laying out
    # wrapped text made each repaint of a long list half as fast again.
    table.setWordWrap(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Tab goes on to the next field, as everywhere; the arrows move within the list (a
    # table's default, Tab from cell to cell, kept the keyboard in the list for good).
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for i, column in enumerate(columns):
        if column.width:
            table.setColumnWidth(i, column.width)
    table.setAccessibleName(name)
    return table
