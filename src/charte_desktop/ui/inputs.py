"""Input widgets for forms, each behind one small interface: get(), set(), changed.

Dates may be empty (a QDateEdit cannot, so its minimum date stands for "no date").
Amounts and numbers are typed the French way ("1 234,50") and handed to the use cases,
which check them and answer in French.
"""

from collections.abc import Callable, Sequence
from datetime import date, time
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.formatting import format_number

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
        super().__init__(combo)
        self.combo = combo
        self._optional = optional
        # Values stay on the Python side: Qt would turn an enum member into a plain str.
        self._values: list[Any] = []
        if optional:
            combo.addItem("—")
            self._values.append(None)
        for value, label in choices():
            combo.addItem(label)
            self._values.append(value)
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


class MultiChoiceInput(Input):
    """Several values (co-pilots, partners, policies): a checkable list."""

    def __init__(self, choices: Choices) -> None:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setMaximumHeight(130)
        layout.addWidget(self.list)
        super().__init__(box)
        self._values: list[Any] = []
        for value, label in choices():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, len(self._values))
            self._values.append(value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())

    def get(self) -> list[Any]:
        return [
            self._values[self.list.item(i).data(Qt.ItemDataRole.UserRole)]
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set(self, value: Any) -> None:
        wanted = set(value or [])
        for i in range(self.list.count()):
            item = self.list.item(i)
            checked = self._values[item.data(Qt.ItemDataRole.UserRole)] in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


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
