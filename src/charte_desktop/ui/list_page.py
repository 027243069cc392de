"""A list of rows with type-ahead search, filters, sortable columns and the usual actions.

Used by every screen (actions, instances, réunions…) and by the detail lists inside them.
"""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.ui.list_filters import Filter
from charte_desktop.ui.list_notices import changed_and_hidden, created_but_hidden
from charte_desktop.ui.rows_table import rows_table
from charte_desktop.ui.shortcuts import add_shortcut
from charte_desktop.ui.table_model import Column, RowTableModel, SortProxy

if TYPE_CHECKING:  # the forms' machinery loads with the first form, not with the list
    from charte_desktop.ui.entity import EntityEditor

R = TypeVar("R")
TYPING_PAUSE_MS = 150
NOTICE_MS = 15000  # how long a word in the status line stays


def list_with_keyboard(lists: "Sequence[ListPage[Any]]", main: "ListPage[Any]") -> "ListPage[Any]":
    """Where Ctrl+N creates: the list among `lists` that has the keyboard (its table, or one
    of its buttons or fields), or the one shown under a tab bar that has it; `main` when
    none has it, or when that list creates nothing (a read-only list)."""
    focus = main.window().focusWidget()
    if isinstance(focus, QTabBar) and isinstance(focus.parentWidget(), QTabWidget):
        focus = focus.parentWidget().currentWidget()  # type: ignore[union-attr]
    for listing in lists:
        if focus is not None and (focus is listing or listing.isAncestorOf(focus)):
            return listing if listing.editor is not None else main
    return main


class ListPage(QWidget, Generic[R]):
    """Rows from `fetch(filters)`, shown in a sortable table; edited through `editor`."""

    selection_changed = Signal(object)
    reloaded = Signal()  # the rows were fetched again (filters, an edit…)
    view_changed = Signal(int)  # 0: the table; then the views of add_view

    def __init__(
        self,
        key: str,
        columns: Sequence[Column[R]],
        fetch: Callable[[dict[str, Any]], Sequence[R]],
        *,
        title: str = "",
        filters: dict[str, Filter] | None = None,
        row_id: Callable[[R], int] = lambda row: row.id,  # type: ignore[attr-defined]
        row_title: Callable[[R], str] = str,
        search_placeholder: str = "Rechercher…",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self._fetch = fetch
        self._row_id = row_id
        self._row_title = row_title
        self.filters = filters or {}
        self.editor: EntityEditor[Any] | None = None
        self._commands_inactive = False  # a stand-in: commands shown, greyed
        self._duplicable = False
        self.new_initial: Callable[[], Any] | None = None
        # What Enter or a double click does; by default, open the row's form.
        self.on_activate: Callable[[R], None] | None = None
        # What the screen narrows the list to besides the search and the filters (an axis),
        # in words ("l'axe « 1.2 Mobilité »", masculine), or None when it shows everything;
        # and how to show everything again (to reveal an item just created there).
        self.scope: Callable[[], tuple[str, bool] | None] | None = None
        self.widen_scope: Callable[[], None] | None = None
        self._unfiltered_count = 0  # the rows without the search and the filters

        self.model: RowTableModel[R] = RowTableModel(columns, self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(search_placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Rechercher")
        self.search.textChanged.connect(self._restart_typing_pause)
        self.search.textChanged.connect(self._search_changed)
        self.search.textChanged.connect(self._update_count)

        self.table = rows_table(self.proxy, columns, title or key)
        header = self.table.horizontalHeader()
        # `activated` is a double click or Entrée: also listening to doubleClicked would
        # run the action twice (Qt emits both for one double click).
        self.table.activated.connect(self._activated)
        # While the officer types in the search box, the selection may jump at each key:
        # what depends on it (details below the list) is told once typing pauses.
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._typing_paused)
        self._selection_pending = False
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.count_label = QLabel()
        # A fixed size: a label whose text changes at each key typed would otherwise have the
        # whole window laid out and painted again, the slowest part of type-ahead search.
        self.count_label.setFixedSize(
            self.count_label.fontMetrics().horizontalAdvance("10 000 sur 10 000") + 8,
            self.count_label.sizeHint().height())
        self.new_button = QPushButton("&Nouveau")
        self.edit_button = QPushButton("&Modifier")
        self.duplicate_button = QPushButton("Dupliquer")  # Alt+D: the Édition menu
        self.delete_button = QPushButton("&Supprimer")
        self.new_button.clicked.connect(self.create_new)
        self.edit_button.clicked.connect(self.edit_current)
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.delete_button.clicked.connect(self.delete_current)
        add_shortcut(
            QKeySequence.StandardKey.Delete,
            self.table,
            self.delete_current,
            context=Qt.ShortcutContext.WidgetShortcut,
        )

        bar = QHBoxLayout()
        if title:
            heading = QLabel(f"<b>{title}</b>")
            bar.addWidget(heading)
        bar.addWidget(self.search, 2)
        for filter_ in self.filters.values():
            label = QLabel(filter_.label)
            label.setBuddy(filter_.combo)
            filter_.combo.setMaximumWidth(240)
            filter_.combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            # Narrow enough to leave the search box room to show what it searches.
            filter_.combo.setMinimumContentsLength(8)
            bar.addWidget(label)
            bar.addWidget(filter_.combo)
            filter_.combo.currentIndexChanged.connect(self.reload)
        self._bar = bar
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        self._buttons = buttons
        self._row_buttons: list[QPushButton] = []
        for button in (
            self.new_button,
            self.edit_button,
            self.duplicate_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        # The table, or another view of the same rows chosen by a switch (add_view).
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.view_buttons: list[QToolButton] = []
        layout.addWidget(self.views, 1)
        layout.addLayout(buttons)
        # Focusing the list (a screen's focus goes to its list) puts the cursor in its search
        # box, or in the table when the box is hidden: a hidden focus proxy kept Tab on the
        # tab bar above a detail list for good.
        self.search.installEventFilter(self)
        self._follow_search()
        self._restore_columns()
        header.sectionResized.connect(lambda *_: self._save_columns())
        self._update_buttons()

    def _follow_search(self) -> None:
        self.setFocusProxy(self.search if not self.search.isHidden() else self.table)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() in (QEvent.Type.ShowToParent,
                                                       QEvent.Type.HideToParent):
            self._follow_search()
        return super().eventFilter(watched, event)

    def focus_table(self) -> None:
        """The keyboard in the table, on the current row (the first if none), so Entrée
        opens it and the arrows move in the list."""
        view = self.views.currentWidget()  # the table, or another view (a calendar)
        if view is not self.table and view is not None:
            view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_button(self, button: QPushButton, *, needs_row: bool = True) -> None:
        """A screen's own command, before Nouveau / Modifier…; on the selected row (enabled
        only while a row is selected) unless `needs_row` is False."""
        self._buttons.insertWidget(2, button)  # after the count and the stretch
        if needs_row:
            self.needs_row(button)

    def needs_row(self, button: QPushButton) -> None:
        """Enable `button` only while a row is selected."""
        self._row_buttons.append(button)
        button.setEnabled(self.current_id() is not None)
        self.selection_changed.connect(lambda row: button.setEnabled(row is not None))

    # --- selection -------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_row_buttons()
        if not current.isValid():
            # Nothing selected any more (all filtered out, an empty list): what shows the
            # selection empties at once, so no command acts on a row the list hides.
            self._selection_pending = False
            self.selection_changed.emit(None)
        elif self._typing.isActive():
            self._selection_pending = True
        else:
            self.selection_changed.emit(self._row(current))

    def _typing_paused(self) -> None:
        if self._selection_pending:
            self._selection_pending = False
            self.selection_changed.emit(self.current_row())

    def _search_changed(self, text: str) -> None:
        selected = self.current_id()
        self.model.set_search(text)
        self._reselect(selected)
        self._update_row_buttons()

    def _reselect(self, selected: int | None) -> None:
        if (selected is None or not self.select_id(selected)) and self.proxy.rowCount():
            # Something is always selected, so the details below a list are never blank.
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        if not self.table.currentIndex().isValid():
            # The rows were replaced without a signal: nothing is selected now.
            self._current_changed(QModelIndex(), QModelIndex())

    def _flush_typing(self) -> None:
        """Tell the selection now rather than after the typing pause."""
        if self._typing.isActive():
            self._typing.stop()
            self._typing_paused()

    # --- data ----------------------------------------------------------------------------
    def filter_values(self) -> dict[str, Any]:
        return {name: f.value() for name, f in self.filters.items()}

    def reload(self) -> None:
        selected = self.current_id()
        values = self.filter_values()
        rows = self._fetch(values)
        # "7 sur 15" counts what the filters hide too: the rows without them, read only
        # while a filter is set.
        self._unfiltered_count = (len(self._fetch(dict.fromkeys(values)))
                                  if any(v is not None for v in values.values()) else len(rows))
        self.model.set_rows(rows)
        self._reselect(selected)
        self._update_count()
        self._update_buttons()
        self.reloaded.emit()

    def current_row(self) -> R | None:
        return self._row(self.table.currentIndex())

    def current_id(self) -> int | None:
        row = self.current_row()
        return None if row is None else self._row_id(row)

    def select_id(self, item_id: int) -> bool:
        source_row = self.model.find_row(lambda row: self._row_id(row) == item_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def visible_rows(self) -> list[R]:
        rows = (self._row(self.proxy.index(i, 0)) for i in range(self.proxy.rowCount()))
        return [row for row in rows if row is not None]

    def _restart_typing_pause(self, _text: str) -> None:
        self._typing.start()

    def _row(self, index: QModelIndex) -> R | None:
        # Rows are read from the model's cache, never through a QVariant: handing Python
        # objects through Qt's data() corrupts reference counts in PySide6 6.12.
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    # --- other views ------------------------------------------------------------------------
    def add_view(self, label: str, widget: QWidget, list_label: str = "Liste") -> int:
        """Offer `widget` instead of the table, through a "Liste | `label`" switch before the
        search box: the search and filters above stay shared. Returns the view's index."""
        if not self.view_buttons:
            self._add_view_button(list_label, 0)
        self.views.addWidget(widget)
        index = self.views.count() - 1
        self._add_view_button(label, index)
        return index

    def _add_view_button(self, label: str, index: int) -> None:
        button = QToolButton()
        button.setText(label)
        button.setCheckable(True)
        button.setAutoExclusive(True)
        button.setChecked(index == self.views.currentIndex())
        button.setAccessibleName(f"Afficher : {label.replace('&', '')}")
        button.clicked.connect(lambda _checked=False: self.show_view(index))
        self._bar.insertWidget(len(self.view_buttons), button)
        self.view_buttons.append(button)

    def show_view(self, index: int) -> None:
        if not 0 <= index < self.views.count():
            return
        self.views.setCurrentIndex(index)
        if index < len(self.view_buttons):
            self.view_buttons[index].setChecked(True)
        self.view_changed.emit(index)

    # --- actions ------------------------------------------------------------------------
    def set_editor(self, editor: "EntityEditor[Any]", *, duplicable: bool = False) -> None:
        self.editor = editor
        self._duplicable = duplicable
        self._update_buttons()

    def create_new(self) -> None:
        if self.editor is None:
            return
        created = self.editor.create(self.new_initial() if self.new_initial else None)
        if created is not None:
            self.show_new(created.id)
            notice = getattr(created, "notice", None)  # what the use case tells of it
            if notice:
                self.notify(notice)

    def edit_current(self) -> None:
        row = self.current_row()
        if self.editor is not None and row is not None:
            item_id = self._row_id(row)
            if self.editor.edit(item_id) is not None:  # the title names the item
                self.tell_if_hidden(item_id, self._row_title(row))

    def duplicate_current(self) -> None:
        item_id = self.current_id()
        if self.editor is not None and item_id is not None:
            copy = self.editor.duplicate(item_id)
            if copy is not None:
                self.show_new(copy.id)

    def delete_current(self) -> None:
        item_id = self.current_id()
        if self.editor is not None and item_id is not None:
            self.editor.delete(item_id)

    def _activated(self, index: QModelIndex) -> None:
        row = self._row(index)
        if row is None:
            return
        if self.on_activate is not None:
            self.on_activate(row)
        else:
            self.edit_current()

    # --- what the officer just made stays in sight, or the status line says where ------------
    def show_new(self, item_id: int) -> None:
        """Select an item just created; if the search, the filters or the screen's scope
        hide it, show them no more, and say so in the status line."""
        if self.select_id(item_id):
            return
        removed: list[tuple[str, bool]] = []
        for widen in (self._clear_search, self._clear_filters, self._widen):
            removed += widen()
            if self.select_id(item_id):
                self._tell_shown(item_id, removed)
                return
        self._flush_typing()

    def _clear_search(self) -> list[tuple[str, bool]]:
        text = self.search.text().strip()
        if not text:
            return []
        self.search.clear()
        return [(f"la recherche « {text} »", True)]

    def _clear_filters(self) -> list[tuple[str, bool]]:
        removed = self._filter_words()
        if removed:
            for filter_ in self.filters.values():
                filter_.combo.blockSignals(True)  # one reload for all of them
                filter_.set_value(None)
                filter_.combo.blockSignals(False)
            self.reload()
        return removed

    def _widen(self) -> list[tuple[str, bool]]:
        scope = self.scope() if self.scope is not None else None
        if scope is None or self.widen_scope is None:
            return []
        self.widen_scope()
        return [scope]

    def _tell_shown(self, item_id: int, removed: list[tuple[str, bool]]) -> None:
        self._flush_typing()
        row = self.current_row()
        title = self._row_title(row) if row is not None and self._row_id(row) == item_id \
            else ""
        words, feminine = self._item_words()
        self.notify(created_but_hidden(words, title, feminine, removed))

    def tell_if_hidden(self, item_id: int, title: str) -> None:
        """After a change to an item, say in the status line if the list now hides it."""
        if self.model.find_row(lambda row: self._row_id(row) == item_id) >= 0:
            return
        reasons = self._filter_words()
        if self.search.text().strip():
            reasons.insert(0, ("la recherche en cours", True))
        scope = self.scope() if self.scope is not None else None
        if scope is not None:
            reasons.append(scope)
        words, feminine = self._item_words()
        self.notify(changed_and_hidden(words, title, feminine, reasons))

    def _filter_words(self) -> list[tuple[str, bool]]:
        return [(f"le filtre « {f.label.replace('&', '')} »", False)
                for f in self.filters.values() if f.value() is not None]

    def _item_words(self) -> tuple[str, bool]:
        entity = getattr(self.editor, "entity", None)
        if entity is None:
            return "L'élément", False
        return entity.the_name[:1].upper() + entity.the_name[1:], entity.feminine

    def notify(self, text: str) -> None:
        """A sentence in the window's status line."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, NOTICE_MS)

    # --- state -----------------------------------------------------------------------------
    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self._unfiltered_count
        self.count_label.setText(
            f"{total} élément{'s' if total > 1 else ''}"
            if shown == total
            else f"{shown} sur {total}"
        )

    def show_commands_inactive(self, *, duplicable: bool = False) -> None:
        """Show Nouveau, Modifier (Dupliquer) and Supprimer greyed: a stand-in list looks
        like the editable one that will replace it."""
        self._commands_inactive = True
        self._duplicable = duplicable
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self.editor is not None
        shown = editable or self._commands_inactive
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.setVisible(shown)
        self.new_button.setEnabled(editable)
        # A read-only list (an action's indicators) offers no Dupliquer.
        self.duplicate_button.setVisible(shown and self._duplicable)
        self._update_row_buttons()

    def _update_row_buttons(self) -> None:
        has_row = self.current_id() is not None
        for button in self._row_buttons:
            button.setEnabled(has_row)
        # Modifier, Dupliquer, Supprimer act on the selected row: greyed without one.
        for button in (self.edit_button, self.duplicate_button, self.delete_button):
            button.setEnabled(has_row and self.editor is not None)

    def _save_columns(self) -> None:
        QSettings().setValue(f"columns/{self.key}", self.table.horizontalHeader().saveState())

    def _restore_columns(self) -> None:
        state = QSettings().value(f"columns/{self.key}")
        if isinstance(state, QByteArray):
            self.table.horizontalHeader().restoreState(state)
