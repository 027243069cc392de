"""Input widgets for forms, each behind one small interface: get(), set(), changed.

Dates and hours are typed as text and read the French way (typed_values), since a
QDateEdit can hold no "no date" and drops digits typed after its placeholder. Amounts
and numbers are typed the French way ("1 234,50") and handed to the use cases, which
check them and answer in French.
"""

from collections.abc import Callable, Sequence
from datetime import date, time
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QEvent,
    QIdentityProxyModel,
    QObject,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.clock import today as clock_today
from charte_desktop.formatting import format_date, format_number, format_time
from charte_desktop.text import clean_line, clean_text, fold
from charte_desktop.typed_values import TypedValueError, parse_typed_date, parse_typed_time
from charte_desktop.ui.problem_label import ElidedLabel

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


FOLDED_ROLE = int(Qt.ItemDataRole.UserRole) + 7


class _FoldedLabels(QIdentityProxyModel):
    """The combo's labels, with their folded form for a completer that ignores accents."""

    def __init__(self, folded: Callable[[], list[str]]) -> None:
        super().__init__()
        self._folded = folded

    def data(self, index: Any, role: int = int(Qt.ItemDataRole.DisplayRole)) -> Any:
        if role == FOLDED_ROLE:
            return self._folded()[index.row()]
        return super().data(index, role)


class _FoldedCompleter(QCompleter):
    """Matches what is typed anywhere in a label, case and accents ignored; inserts the
    label itself, not its folded form."""

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: Any) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class ChoiceInput(Input):
    """One value among choices (an enum, or a row such as the pilot), with type-ahead.

    What is typed filters the list (anywhere in a label, accents and case ignored). On
    leaving the field, text that designates exactly one choice selects it; text that
    designates none or several is a problem the form shows and refuses to save.
    """

    NONE_LABEL = "—"

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
        self._labels: list[str] = []
        self._folded: list[str] | None = None
        self.replace_choices(choices())
        completer = _FoldedCompleter(combo)
        completer.setModel(_FoldedLabels(self.folded_labels))
        assert isinstance(completer.model(), QIdentityProxyModel)
        completer.model().setSourceModel(combo.model())  # type: ignore[attr-defined]
        completer.setCompletionRole(FOLDED_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        combo.setCompleter(completer)
        edit = combo.lineEdit()
        assert edit is not None
        self.edit = edit
        edit.textEdited.connect(self._typed)
        edit.returnPressed.connect(self.commit)
        # Leaving the field: neither the line edit nor the combo hears of it while the
        # completer's list is open (the completer eats the focus-out); the application does.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        combo.currentIndexChanged.connect(self._show_beginning)
        combo.currentIndexChanged.connect(self.changed)
        combo.editTextChanged.connect(self.changed)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self.combo):  # the form is being destroyed
            return
        mine = (self.combo, self.edit)
        completer = self.combo.completer()
        popup = completer.popup() if completer is not None else None
        if new in mine and old not in mine:
            # Arriving in the field: all of it selected, so typing replaces it, with its
            # start in sight (the person's name). Later: Qt places the cursor first.
            QTimer.singleShot(0, self.edit, self._select_from_start)
        if old in mine and new is not None and new not in mine and new is not popup:
            self.commit()
            if popup is not None and popup.isVisible():
                # Later, not while Qt moves the focus: hiding it now would take it back.
                QTimer.singleShot(0, popup, popup.hide)

    def replace_choices(self, choices: Sequence[tuple[Any, str]]) -> None:
        """Offer these choices (the directory changed); the field is left empty."""
        self._values = [None] if self._optional else []
        self._labels = [self.NONE_LABEL] if self._optional else []
        self._values.extend(value for value, _label in choices)
        self._labels.extend(label for _value, label in choices)
        self._folded = None
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems(self._labels)  # one call: lists can be long
        self.combo.setCurrentIndex(0 if self._optional else -1)
        self.combo.blockSignals(False)

    def folded_labels(self) -> list[str]:
        """Labels folded for matching, computed the first time the officer types."""
        if self._folded is None:
            self._folded = [fold(label) for label in self._labels]
        return self._folded

    def _typed(self, text: str) -> None:
        self.left = False
        # Typed after the "—" of an empty field (a click put the cursor there): the "—"
        # is not part of what the officer is looking for.
        if self._optional and len(text) > 1 and text.startswith(self.NONE_LABEL):
            cursor = self.edit.cursorPosition()
            self.edit.setText(text[len(self.NONE_LABEL):].lstrip())
            self.edit.setCursorPosition(max(0, cursor - len(text) + len(self.edit.text())))
            completer = self.combo.completer()
            if completer is not None:
                completer.setCompletionPrefix(self.edit.text())
                completer.complete()

    def _show_beginning(self) -> None:
        # A long label ("Camille Roussel (Communauté de communes…)") shows the person's
        # name, not the end of the organisation's.
        if shiboken6.isValid(self.edit):  # not while the form is being destroyed
            self.edit.setCursorPosition(0)

    def _select_from_start(self) -> None:
        text = self.edit.text()
        self.edit.setSelection(len(text), -len(text))  # cursor at 0: the start shows

    def _matches(self, text: str) -> list[int]:
        """Indexes of the choices the typed text designates: an exact label first, else
        every label that holds all its words."""
        wanted = fold(text).strip()
        if not wanted or wanted == fold(self.NONE_LABEL):
            return [0] if self._optional else []
        folded = self.folded_labels()
        start = 1 if self._optional else 0
        exact = [i for i in range(start, len(folded)) if folded[i] == wanted]
        if exact:
            return exact
        words = wanted.split()
        return [i for i in range(start, len(folded)) if all(w in folded[i] for w in words)]

    def _chosen_index(self) -> int | None:
        text = self.combo.currentText()
        current = self.combo.currentIndex()
        if current >= 0 and text == self._labels[current]:
            return current
        matches = self._matches(text)
        return matches[0] if len(matches) == 1 else None

    def get(self) -> Any:
        index = self._chosen_index()
        return self._values[index] if index is not None else None

    def set(self, value: Any) -> None:
        index = self._values.index(value) if value in self._values else 0
        self.combo.setCurrentIndex(index)
        self.combo.setEditText(self._labels[index] if self._labels else "")
        self._show_beginning()

    def problem(self) -> str | None:
        if self._chosen_index() is not None:
            return None
        text = self.combo.currentText().strip()
        if not text:
            return "Choisissez un élément de la liste."
        count = len(self._matches(text))
        if count == 0:
            return f"« {text} » ne correspond à aucun élément de la liste."
        return f"« {text} » correspond à {count} éléments de la liste : précisez."

    def commit(self) -> None:
        super().commit()
        index = self._chosen_index()
        if index is None:
            return  # kept as typed, with its message
        if index != self.combo.currentIndex():
            self.combo.setCurrentIndex(index)
        if self.combo.currentText() != self._labels[index]:
            self.combo.setEditText(self._labels[index])
        self._show_beginning()


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
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
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
    VISIBLE_ROWS = 6

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
        self.search.setAccessibleName("Filtrer la liste")
        self.search.textChanged.connect(self.proxy.set_text)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)
        # Six rows at most, fewer for a short list: the form must fit a laptop's screen.
        # A label too long for the column is cut; its tooltip gives it whole.
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row_height = self.view.fontMetrics().height() + 4
        shown_rows = max(2, min(self.VISIBLE_ROWS, len(self.model.values)))
        self.view.setFixedHeight(shown_rows * row_height + 2 * self.view.frameWidth() + 2)
        self.summary = ElidedLabel()  # one line, so the form keeps its height
        if len(self.model.values) >= self.SEARCH_FROM:
            layout.addWidget(self.search)
        layout.addWidget(self.view)
        layout.addWidget(self.summary)
        self.model.toggled.connect(self._toggled)
        self._update_summary()

    @property
    def focus_widget(self) -> QWidget:
        # The list: typing a name's first letters goes to it, the space bar ticks it.
        return self.view

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
