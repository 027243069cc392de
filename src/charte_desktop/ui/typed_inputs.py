"""Date and hour fields: line edits read the French way (typed_values), with a calendar.

A QDateEdit can hold no "no date" and drops digits typed after its placeholder: dates and
hours are typed as text, tidied when the field is left, and what cannot be read stays as
typed with its message (see Input.problem).
"""

from datetime import date, time
from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from charte_desktop.clock import today as clock_today
from charte_desktop.formatting import format_date, format_time
from charte_desktop.typed_values import TypedValueError, parse_typed_date, parse_typed_time
from charte_desktop.ui.inputs import Input


class _TypedLineInput(Input):
    """A line where a value is typed as text and read by `_parse` (dates, hours)."""

    def __init__(self, container: QWidget, edit: QLineEdit) -> None:
        super().__init__(container)
        self.edit = edit
        edit.textEdited.connect(self._typed)
        edit.textChanged.connect(self.changed)
        edit.editingFinished.connect(self.commit)

    @property
    def focus_widget(self) -> QWidget:
        return self.edit

    def _parse(self, text: str) -> Any:
        raise NotImplementedError

    def _format(self, value: Any) -> str:
        raise NotImplementedError

    def _typed(self) -> None:
        self.left = False

    def get(self) -> Any:
        try:
            return self._parse(self.edit.text())
        except TypedValueError:
            return None

    def set(self, value: Any) -> None:
        self.edit.setText(self._format(value) if value is not None else "")

    def problem(self) -> str | None:
        try:
            self._parse(self.edit.text())
        except TypedValueError as error:
            return error.message
        return None

    def commit(self) -> None:
        super().commit()
        try:
            value = self._parse(self.edit.text())
        except TypedValueError:
            return  # kept as typed, with its message: the officer corrects it
        tidy = self._format(value) if value is not None else ""
        if tidy != self.edit.text():
            self.edit.setText(tidy)


def _line_for(placeholder: str, example: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    # Wide enough for what is typed, however it is typed; not the whole form's width.
    width = edit.fontMetrics().horizontalAdvance(example) + 28
    edit.setFixedWidth(width)
    return edit


class _CalendarPopup(QCalendarWidget):
    """The month to pick a date from, opened under its field (Alt+Bas or F4, or the button)."""

    picked = Signal(QDate)

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.activated.connect(self._pick)
        self.clicked.connect(self._pick)

    def _pick(self, day: QDate) -> None:
        self.picked.emit(day)
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class DateInput(_TypedLineInput):
    """A date typed as 14/03/2026 (or 14032026, 14/3/26…), or picked from a calendar;
    empty is "no date"."""

    def __init__(self) -> None:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        edit = _line_for("jj/mm/aaaa", "00/00/00000")
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip("Choisir dans le calendrier (Alt+Bas)")
        self.button.setAccessibleName("Calendrier")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(edit)
        row.addWidget(self.button)
        row.addStretch(1)
        super().__init__(box, edit)
        self.button.clicked.connect(self.open_calendar)
        edit.installEventFilter(self)
        self.calendar: _CalendarPopup | None = None

    def _parse(self, text: str) -> date | None:
        return parse_typed_date(text, clock_today())

    def _format(self, value: date) -> str:
        return format_date(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            opens = event.key() == Qt.Key.Key_F4 or (
                event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if opens:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> None:
        """Open on the field's date, or today when it is empty or cannot be read."""
        shown = self.get() or clock_today()
        calendar = _CalendarPopup(self.widget)
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        calendar.picked.connect(self._picked)
        calendar.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.calendar = calendar
        calendar.show()
        calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.set(date(day.year(), day.month(), day.day()))
        self.left = True
        self.edit.setFocus()


class TimeInput(_TypedLineInput):
    """An hour typed as 14:30, 14h30, 14h, 1430 or 9h05; empty is "no hour"."""

    def __init__(self) -> None:
        edit = _line_for("hh:mm", "00h000")
        super().__init__(edit, edit)

    def _parse(self, text: str) -> time | None:
        return parse_typed_time(text)

    def _format(self, value: time) -> str:
        return format_time(value)
