"""Input widgets for forms, each behind one small interface: get(), set(), changed.

Here the interface and the plain fields: texts, whole numbers, amounts and numbers typed
the French way ("1 234,50", handed to the use cases, which check them and answer in
French), yes/no. Dates and hours are in `typed_inputs`, choices in `choice_inputs`.
"""

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QObject,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from charte_desktop.formatting import format_number
from charte_desktop.services.rules import plain_number_text
from charte_desktop.text import clean_line, clean_text

Choices = Callable[[], Sequence[tuple[Any, str]]]


class Input(QObject):
    """Adapter between a widget and a field value.

    `problem()` says, in French, why what is typed cannot be read (an impossible date, a
    name that matches no choice); the form shows it beside the field once the officer has
    left the field (`commit`), and refuses to save while there is one.
    """

    changed = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self.left = False  # the officer has left the field (or asked to save) since typing

    @property
    def focus_widget(self) -> QWidget:
        """The widget that takes the keyboard (and carries the field's accessible name)."""
        return self.widget

    def get(self) -> Any:
        raise NotImplementedError

    def set(self, value: Any) -> None:
        raise NotImplementedError

    def problem(self) -> str | None:
        return None

    def commit(self) -> None:
        """The officer is done with the field: tidy what was typed and report problems."""
        self.left = True
        self.changed.emit()  # its problem, if any, is said now, not at Ctrl+S


class TextInput(Input):
    def __init__(self, max_length: int = 300) -> None:
        edit = QLineEdit()
        edit.setMaxLength(max_length)
        super().__init__(edit)
        self.edit = edit
        edit.textChanged.connect(self.changed)

    def get(self) -> str:
        return clean_line(self.edit.text())  # a paste may bring tabs, breaks, controls

    def set(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))
        self.edit.setCursorPosition(0)  # a long title shows its start, not its end


class _TextArea(QPlainTextEdit):
    """Five lines high to start with (Qt's default is about twelve): forms must fit."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.fontMetrics().lineSpacing() * 5 + 12)


class MultilineInput(Input):
    def __init__(self) -> None:
        edit = _TextArea()
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(80)
        super().__init__(edit)
        self.edit = edit
        edit.textChanged.connect(self.changed)

    def get(self) -> str:
        return clean_text(self.edit.toPlainText())

    def set(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


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
        return plain_number_text(self.edit.text())

    def set(self, value: Any) -> None:
        if value is None or value == "" or (self._blank_zero and Decimal(value) == 0):
            self.edit.setText("")
        else:
            self.edit.setText(format_number(Decimal(value)))


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
