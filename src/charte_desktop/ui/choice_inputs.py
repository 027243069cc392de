"""Fields choosing among labels: one (ChoiceInput, typed with an accent-blind completer)
or several (MultiChoiceInput, a filtered list of check boxes)."""

import contextlib
import functools
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QIdentityProxyModel,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.text import fold
from charte_desktop.ui.inputs import Choices, Input
from charte_desktop.ui.problem_label import ElidedLabel

FOLDED_ROLE = int(Qt.ItemDataRole.UserRole) + 7


@functools.lru_cache(maxsize=20_000)
def folded_label(label: str) -> str:
    """`fold(label)`, remembered: every form lists the same 3,000 contacts, and folding them
    again at each opening cost more than the rest of the form on the large territory."""
    return fold(label)


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
        self._follow_focus()
        combo.currentIndexChanged.connect(self._show_beginning)
        combo.currentIndexChanged.connect(self.changed)
        combo.editTextChanged.connect(self.changed)

    def _follow_focus(self) -> None:
        """Hear the application's focus changes for as long as the combo lives.

        The application outlives every form: it calls a plain function holding the field
        weakly, not a method of the field. A bound method makes PySide look the slot up on
        the field's Python side, which a form being torn down may already have lost (« Slot
        'ChoiceInput::' not found », seen once in CI).
        """
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        field = weakref.ref(self)

        def focus_changed(old: QWidget | None, new: QWidget | None) -> None:
            alive = field()
            if alive is not None and shiboken6.isValid(alive):
                alive._focus_changed(old, new)

        def stop_following() -> None:
            with contextlib.suppress(RuntimeError, TypeError):
                app.focusChanged.disconnect(focus_changed)

        app.focusChanged.connect(focus_changed)
        self.combo.destroyed.connect(stop_following)

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
        self._offered = choices
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
        """Labels folded for matching (Qt's completer asks as soon as a value is set)."""
        if self._folded is None:
            self._folded = [folded_label(label) for label in self._labels]
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
        kept = getattr(self._offered, "kept", {})  # an archived value the record holds
        if value is not None and value not in self._values and value in kept:
            self._values.append(value)
            self._labels.append(kept[value])
            self._folded = None
            self.combo.addItem(kept[value])
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
            self._folded = [folded_label(label) for label in self.labels]
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
        """Tick exactly `wanted`; only the rows that change are said to change (a reset
        would have the list lay out its 3,000 rows again at each form opening)."""
        checked = [value in wanted for value in self.values]
        changed = [row for row, (old, new) in enumerate(zip(self.checked, checked,
                                                            strict=True)) if old != new]
        self.checked = checked
        for row in changed:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])


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
        self._offered = choices()
        self.model = CheckableListModel(self._offered)
        self.proxy = _WordFilter(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filtrer la liste…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filtrer la liste")
        self.search.textChanged.connect(self.proxy.set_text)
        self.view = QListView()
        self.view.setUniformItemSizes(True)  # before the model: one row measured, not all
        self.view.setModel(self.proxy)
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
        kept = getattr(self._offered, "kept", {})  # archived values the record holds
        for extra in [v for v in (value or []) if v not in self.model.values and v in kept]:
            self.model.values.append(extra)
            self.model.labels.append(kept[extra])
            self.model.checked.append(False)
            self.model._folded = None
        self.model.set_checked(set(value or []))
        self._update_summary()

    def toggle(self, value: Any) -> None:
        """Tick or untick one value, as a click on its box would."""
        row = self.model.values.index(value)
        index = self.model.index(row)
        checked = not self.model.checked[row]
        self.model.setData(index, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
                           int(Qt.ItemDataRole.CheckStateRole))
