"""Input widgets for forms, each behind one small interface: get(), set(), changed.

Dates may be empty (a QDateEdit cannot, so its minimum date stands for "no date").
Amounts and numbers are typed the French way ("1 234,50") and handed to the use cases,
which check them and answer in French.
"""

from collections.abc import Callable, Sequence
from datetime import date, time
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.formatting import format_number
from charte_desktop.text import fold

Choices = Callable[[], Sequence[tuple[Any, str]]]
NO_DATE = QDate(1900, 1, 1)
NO_TIME = QTime(0, 0)


class Input(QObject):
    """Adapter between a widget and a field value."""

    changed = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget

    def get(self) -> Any:
        raise NotImplementedError

    def set(self, value: Any) -> None:
        raise NotImplementedError


class TextInput(Input):
    def __init__(self, max_length: int = 300) -> None:
        edit = QLineEdit()
        edit.setMaxLength(max_length)
        super().__init__(edit)
        self.edit = edit
        edit.textChanged.connect(self.changed)

    def get(self) -> str:
        return self.edit.text()

    def set(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class MultilineInput(Input):
    def __init__(self) -> None:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(80)
        super().__init__(edit)
        self.edit = edit
        edit.textChanged.connect(self.changed)

    def get(self) -> str:
        return self.edit.toPlainText()

    def set(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class DateInput(Input):
    """A date with a calendar popup, typed as 14/03/2026; empty shows "—"."""

    def __init__(self) -> None:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")
        edit.setDate(NO_DATE)
        super().__init__(edit)
        self.edit = edit
        edit.dateChanged.connect(self.changed)

    def get(self) -> date | None:
        value = self.edit.date()
        return None if value == NO_DATE else date(value.year(), value.month(), value.day())

    def set(self, value: Any) -> None:
        if isinstance(value, date):
            self.edit.setDate(QDate(value.year, value.month, value.day))
        else:
            self.edit.setDate(NO_DATE)


class TimeInput(Input):
    """An hour such as 14:30; 00:00 stands for no time (meetings do not start at midnight)."""

    def __init__(self) -> None:
        edit = QTimeEdit()
        edit.setDisplayFormat("HH:mm")
        edit.setMinimumTime(NO_TIME)
        edit.setSpecialValueText("—")
        edit.setTime(NO_TIME)
        super().__init__(edit)
        self.edit = edit
        edit.timeChanged.connect(self.changed)

    def get(self) -> time | None:
        value = self.edit.time()
        return None if value == NO_TIME else time(value.hour(), value.minute())

    def set(self, value: Any) -> None:
        self.edit.setTime(QTime(value.hour, value.minute) if isinstance(value, time) else NO_TIME)


class IntInput(Input):
    def __init__(self, minimum: int = 0, maximum: int = 1_000_000, suffix: str = "") -> None:
        spin = QSpinBox()
        spin.setRange(minimum, maximum)
        spin.setSuffix(suffix)
        super().__init__(spin)
        self.spin = spin
        spin.valueChanged.connect(self.changed)

    def get(self) -> int:
        return self.spin.value()

    def set(self, value: Any) -> None:
        self.spin.setValue(int(value or 0))


class NumberInput(Input):
    """An amount or a measured value, typed "1 234,50"; handed over as "1234.50"."""

    def __init__(self, suffix: str = "", *, blank_zero: bool = False) -> None:
        edit = QLineEdit()
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        # An amount of zero shows as empty, so typing "12 500" does not give "0,0012 500".
        self._blank_zero = blank_zero
        if suffix:
            edit.setPlaceholderText(f"0 {suffix}")
        super().__init__(edit)
        self.edit = edit
        edit.textChanged.connect(self.changed)

    def get(self) -> str:
        text = self.edit.text()
        for space in (" ", "\u00a0", "\u202f", "€"):
            text = text.replace(space, "")
        return text.replace(",", ".")

    def set(self, value: Any) -> None:
        if value is None or value == "" or (self._blank_zero and Decimal(value) == 0):
            self.edit.setText("")
        else:
            self.edit.setText(format_number(Decimal(value)))


class ChoiceInput(Input):
    """One value among choices (an enum, or a row such as the pilot), with type-ahead."""

    def __init__(self, choices: Choices, *, optional: bool) -> None:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Size from a typical length, not by measuring every item (3,000 contacts).
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(28)
        super().__init__(combo)
        self.combo = combo
        self._optional = optional
        # Values stay on the Python side: Qt would turn an enum member into a plain str.
        self._values: list[Any] = []
        if optional:
            combo.addItem("—")
            self._values.append(None)
        loaded = list(choices())
        self._values.extend(value for value, _label in loaded)
        combo.addItems([label for _value, label in loaded])  # one call: lists can be long
        completer = combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.currentIndexChanged.connect(self.changed)

    def get(self) -> Any:
        index = self.combo.findText(self.combo.currentText())
        return self._values[index] if index >= 0 else None

    def set(self, value: Any) -> None:
        index = self._values.index(value) if value in self._values else 0
        self.combo.setCurrentIndex(index)


class CheckableListModel(QAbstractListModel):
    """Labels with a tick box each, kept in Python: 3,000 contacts cost no widget items."""

    toggled = Signal()

    def __init__(self, choices: Sequence[tuple[Any, str]]) -> None:
        super().__init__()
        self.values = [value for value, _label in choices]
        self.labels = [label for _value, label in choices]
        self.checked = [False] * len(self.values)
        self._folded: list[str] | None = None

    @property
    def folded(self) -> list[str]:
        """Labels folded for searching, computed the first time the officer searches."""
        if self._folded is None:
            self._folded = [fold(label) for label in self.labels]
        return self._folded

    def rowCount(self, parent: Any = None) -> int:
        return len(self.values)

    def data(self, index: Any, role: int = int(Qt.ItemDataRole.DisplayRole)) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.labels[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = self.checked[index.row()]
            return (Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked).value
        return None

    def flags(self, index: Any) -> Qt.ItemFlag:
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)

    def setData(self, index: Any, value: Any, role: int = int(Qt.ItemDataRole.EditRole)) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        self.checked[index.row()] = value in (Qt.CheckState.Checked,
                                              Qt.CheckState.Checked.value)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.toggled.emit()
        return True

    def set_checked(self, wanted: set[Any]) -> None:
        self.beginResetModel()
        self.checked = [value in wanted for value in self.values]
        self.endResetModel()


class _WordFilter(QSortFilterProxyModel):
    def __init__(self, source: CheckableListModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self._source = source
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Any) -> bool:
        if not self._words:
            return True
        folded = self._source.folded[row]
        return all(word in folded for word in self._words)


class MultiChoiceInput(Input):
    """Several values (co-pilots, partners, policies): tick boxes, with a search line when
    the list is long, and a count of what is ticked."""

    SEARCH_FROM = 12

    def __init__(self, choices: Choices) -> None:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        super().__init__(box)
        self.model = CheckableListModel(choices())
        self.proxy = _WordFilter(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filtrer la liste…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)
        self.view.setMaximumHeight(130)
        self.summary = QLabel()
        if len(self.model.values) >= self.SEARCH_FROM:
            layout.addWidget(self.search)
        layout.addWidget(self.view)
        layout.addWidget(self.summary)
        self.model.toggled.connect(self._toggled)
        self._update_summary()

    def _toggled(self) -> None:
        self._update_summary()
        self.changed.emit()

    def _update_summary(self) -> None:
        ticked = [label for label, on in zip(self.model.labels, self.model.checked,
                                             strict=True) if on]
        self.summary.setText(
            "Aucun élément coché." if not ticked else f"{len(ticked)} coché"
            f"{'s' if len(ticked) > 1 else ''} : {', '.join(ticked)}"
        )
        self.summary.setWordWrap(True)

    def get(self) -> list[Any]:
        return [v for v, on in zip(self.model.values, self.model.checked, strict=True) if on]

    def set(self, value: Any) -> None:
        self.model.set_checked(set(value or []))
        self._update_summary()

    def toggle(self, value: Any) -> None:
        """Tick or untick one value, as a click on its box would."""
        row = self.model.values.index(value)
        index = self.model.index(row)
        checked = not self.model.checked[row]
        self.model.setData(index, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
                           int(Qt.ItemDataRole.CheckStateRole))


class BoolInput(Input):
    def __init__(self, text: str) -> None:
        box = QCheckBox(text)
        super().__init__(box)
        self.box = box
        box.toggled.connect(self.changed)

    def get(self) -> bool:
        return self.box.isChecked()

    def set(self, value: Any) -> None:
        self.box.setChecked(bool(value))
