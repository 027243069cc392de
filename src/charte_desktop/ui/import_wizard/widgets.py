"""Small widgets the assistant's pages share: message lines, read-only tables of texts."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableView,
    QWidget,
)

from charte_desktop.ui.table_model import Column, RowTableModel

ERROR_STYLE = "color: #b3261e;"


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_message(label: QLabel, message: str, *, error: bool = False) -> None:
    label.setText(message)
    label.setStyleSheet(ERROR_STYLE if error else "")
    label.setVisible(bool(message))


def cell_of(index: int) -> Callable[[tuple[str, ...]], str]:
    return lambda row: row[index] if index < len(row) else ""


def text_model(headers: tuple[str, ...] | list[str], parent: QWidget
                ) -> RowTableModel[tuple[str, ...]]:
    """A read-only table of texts, one tuple per row; amounts (in €) to the right."""
    columns: list[Column[tuple[str, ...]]] = [
        Column(header, cell_of(i), align_right=header.startswith("Budget"))
        for i, header in enumerate(headers)]
    return RowTableModel(columns, parent)


def text_table(name: str, headers: tuple[str, ...] | list[str]
                ) -> tuple[QTableView, RowTableModel[tuple[str, ...]]]:
    view = QTableView()
    model = text_model(headers, view)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view, model


def some_names(names: list[str], shown: int = 8) -> str:
    """ "a, b, c" or "a, b, c… et 12 autres": a long list must not push the table away."""
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])}… et {len(names) - shown} autres"
