"""The « Présences » tab of Réunions: the roll call, at one key per person.

In the list, P, E, A, C and R give the selected rows the state « Présent·e », « Excusé·e »,
« Absent·e », « Convoqué·e », « Représenté·e » (R asks who carries the proxy, in a picker
that filters); T, or the « Tous présents » button, marks present everyone still convoqué·e.
Shift or Ctrl with the arrows selects several rows for one key.

Nothing jumps: after a change the same rows stay selected, the list keeps its scroll
position. After a key on a single row the cursor goes down one row, as a roll call does
(the officer reads the names in order); after a key on several rows the selection stays.
Every change is one step of the window's history (Ctrl+Z).
"""

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.db.enums import AttendanceState
from charte_desktop.errors import CharteError
from charte_desktop.services import attendance as service
from charte_desktop.services import tables
from charte_desktop.services.meeting_details import AttendanceRow, MeetingDetails
from charte_desktop.ui import choices
from charte_desktop.ui.choice_inputs import ChoiceInput
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.pages.attendance_commands import run_undoably
from charte_desktop.ui.pages.meeting_columns import ATTENDANCE_COLUMNS, ERROR_STYLE, quorum_text
from charte_desktop.ui.pages.representative_dialog import RepresentativeDialog, holder_choices
from charte_desktop.ui.undo import DeleteCommand, record_deletion

KEYS: dict[str, AttendanceState] = {
    "P": AttendanceState.PRESENT,
    "E": AttendanceState.EXCUSED,
    "A": AttendanceState.ABSENT,
    "C": AttendanceState.INVITED,
    "R": AttendanceState.REPRESENTED,
}
ALL_PRESENT_KEY = "T"
HINT = ("Au clavier dans la liste : P présent·e · E excusé·e · A absent·e · "
        "R représenté·e · C convoqué·e · T tous présents — Maj+flèches pour plusieurs "
        "lignes, Ctrl+Z pour annuler.")


def _people(count: int) -> str:
    return "1 personne" if count == 1 else f"{count} personnes"


class AttendanceTab(QWidget):
    """Who is invited, who came, proxies and the quorum of the selected meeting."""

    def __init__(self, context: AppContext, meeting_id: Callable[[], int | None],
                 meeting: Callable[[], MeetingDetails | None],
                 changed: Callable[[], None]) -> None:
        super().__init__()
        self.context = context
        self.meeting_id = meeting_id
        self._meeting = meeting
        self._changed = changed  # the screen reads the meeting again
        self._shown: int | None = None  # the meeting whose rows are on screen

        self.list: ListPage[AttendanceRow] = ListPage(
            "attendance", ATTENDANCE_COLUMNS, self._rows)
        self.list.duplicate_button.hide()
        self.list.search.setPlaceholderText("Rechercher une personne convoquée…")
        table = self.list.table
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.installEventFilter(self)
        self.list.selection_changed.connect(self._row_selected)
        self.setFocusProxy(table)

        self.quorum_label = QLabel()
        self.quorum_label.setAccessibleName("Quorum")
        self.quorum_label.setWordWrap(True)
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("Touches de la liste des présences")
        # Every letter of « Tous présents » is taken on this screen (tabs, filters, menus).
        self.all_present_button = QPushButton("Tous présents (&H)")
        self.all_present_button.setAccessibleName("Tous présents")
        self.all_present_button.setToolTip(
            "Marquer présentes toutes les personnes encore « convoquées » (Alt+H, ou T "
            "dans la liste) ; Ctrl+Z annule")
        self.all_present_button.clicked.connect(self.mark_all_present)

        # The mouse's way: a state and, for a proxy, its holder; applied to the selection.
        self.state_combo = QComboBox()
        self.state_combo.setAccessibleName("Présence")
        for state in AttendanceState:
            self.state_combo.addItem(state.label, state.value)
        self.representative = ChoiceInput(lambda: [], optional=True)
        self.representative_combo = self.representative.combo
        self.representative_combo.setAccessibleName("Représenté·e par")
        self.apply_button = QPushButton("Appli&quer")
        self.apply_button.clicked.connect(self._apply_combo)
        self.state_combo.currentIndexChanged.connect(self._update_representative)
        # Typed like every picker: part of the name, accents or not (filled on refresh).
        self.invitee = ChoiceInput(lambda: [], optional=False)
        self.invitee_combo = self.invitee.combo
        self.invitee_combo.setAccessibleName("Personne à convoquer")
        self.invitee.edit.setPlaceholderText("Choisir une personne (membre ou invité·e)…")
        self.invitee.edit.returnPressed.connect(self._add_invitee)
        self.add_button = QPushButton("A&jouter à la liste")
        self.add_button.clicked.connect(self._add_invitee)
        self.remove_button = QPushButton("Retirer de la liste")
        self.remove_button.clicked.connect(self._remove_invitee)
        self.attendance_error = QLabel()
        self.attendance_error.setStyleSheet(ERROR_STYLE)
        self.attendance_error.setWordWrap(True)
        self.attendance_error.hide()

        grid = QGridLayout()
        for column, (text, widget) in enumerate(
                (("Présence", self.state_combo), ("Représenté·e par", self.representative_combo))):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
        grid.addWidget(self.apply_button, 0, 4)
        grid.addWidget(self.all_present_button, 0, 5)
        invite_label = QLabel("Convoquer aussi")
        invite_label.setBuddy(self.invitee_combo)
        grid.addWidget(invite_label, 1, 0)
        grid.addWidget(self.invitee_combo, 1, 1, 1, 3)
        grid.addWidget(self.add_button, 1, 4)
        grid.addWidget(self.remove_button, 1, 5)
        grid.setColumnStretch(3, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.quorum_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        layout.addWidget(self.attendance_error)

    # --- rows -------------------------------------------------------------------------
    def _rows(self, _filters: dict[str, Any]) -> list[AttendanceRow]:
        meeting = self._meeting()
        return meeting.attendance if meeting is not None else []

    def reload(self) -> None:
        """Read the rows again; for the same meeting, the selection, the current row and the
        scroll position stay as they were."""
        meeting_id = self.meeting_id()
        kept = self._view() if meeting_id is not None and meeting_id == self._shown else None
        self.list.reload()
        if kept is not None:
            self._restore(*kept)
        self._shown = meeting_id
        self.attendance_error.hide()
        self.all_present_button.setEnabled(any(  # the search may hide some: all rows
            row.state is AttendanceState.INVITED for row in self._rows({})))
        self._update_quorum()
        self.representative.replace_choices(self._holder_choices(()))
        current = self.list.current_row()
        self.representative.set(current.represented_by_id if current is not None else None)
        self._update_representative()

    def take_keyboard(self, shown: QWidget | None) -> None:
        """The keyboard in the list when this tab is the one `shown`."""
        focus = QApplication.focusWidget()
        if shown is self and (focus is None or not self.isAncestorOf(focus)):
            self.list.focus_table()

    def reload_contacts(self) -> None:
        self.invitee.replace_choices(choices.contacts(self.context.db)())

    def _view(self) -> tuple[set[int], int | None, int, int]:
        current = self.list.current_row()
        table = self.list.table
        return ({row.contact_id for row in self.selected_rows()},
                current.contact_id if current is not None else None,
                table.verticalScrollBar().value(), table.horizontalScrollBar().value())

    def _restore(self, selected: set[int], current: int | None, top: int, left: int) -> None:
        table, proxy = self.list.table, self.list.proxy
        selection = QItemSelection()
        current_index = None
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            person = self.list.model.row_at(proxy.mapToSource(index).row()).contact_id
            if person in selected:
                selection.select(index, proxy.index(row, proxy.columnCount() - 1))
            if person == current:
                current_index = index
        model = table.selectionModel()
        if current_index is not None:
            model.setCurrentIndex(current_index, QItemSelectionModel.SelectionFlag.NoUpdate)
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        table.verticalScrollBar().setValue(top)
        table.horizontalScrollBar().setValue(left)

    def selected_rows(self) -> list[AttendanceRow]:
        """The rows selected, in the list's order; the current row when none is."""
        proxy, model = self.list.proxy, self.list.model
        indexes = sorted(self.list.table.selectionModel().selectedRows(), key=lambda i: i.row())
        rows = [model.row_at(proxy.mapToSource(index).row()) for index in indexes]
        current = self.list.current_row()
        return rows or ([current] if current is not None else [])

    def _holder_choices(self, excluded: Sequence[int]) -> list[tuple[int, str]]:
        return holder_choices(choices.contacts(self.context.db)(), self._rows({}), excluded)

    # --- the keys -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.list.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and self._key(event)):
            return True
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        letter = event.text().upper()
        if modifiers not in (Qt.KeyboardModifier.NoModifier,
                             Qt.KeyboardModifier.ShiftModifier) or not letter:
            return False
        if event.isAutoRepeat():  # a key held down must not run down the whole list
            return letter in KEYS or letter == ALL_PRESENT_KEY
        if letter == ALL_PRESENT_KEY:
            self.mark_all_present()
            return True
        state = KEYS.get(letter)
        if state is None:
            return False
        self.give_state(state)
        return True

    def give_state(self, state: AttendanceState, holder_id: int | None = None) -> bool:
        """`state` to the selected rows (R: after asking who, unless `holder_id` is given);
        after a single row, the cursor goes down one row. False when nothing changed."""
        rows = self.selected_rows()
        if not rows:
            self._show_error("Sélectionnez d'abord une personne.")
            return False
        if state is AttendanceState.REPRESENTED and holder_id is None:
            return self._ask_holder(rows)
        if not self._apply(rows, state, holder_id):
            return False
        if len(rows) == 1:
            self._next_row()
        return True

    def _ask_holder(self, rows: list[AttendanceRow]) -> bool:
        names = ", ".join(row.name for row in rows)
        done: list[bool] = []

        def choose(holder_id: int) -> str | None:
            try:
                self._apply(rows, AttendanceState.REPRESENTED, holder_id, raise_error=True)
            except CharteError as error:
                return error.message
            done.append(True)
            return None

        dialog = RepresentativeDialog(
            self, names, self._holder_choices([row.contact_id for row in rows]), choose)
        dialog.exec()
        dialog.deleteLater()
        if done and len(rows) == 1:
            self._next_row()
        self.list.table.setFocus()
        return bool(done)

    def _apply(self, rows: list[AttendanceRow], state: AttendanceState,
               holder_id: int | None, *, raise_error: bool = False) -> bool:
        meeting_id = self.meeting_id()
        if meeting_id is None:
            return False
        db = self.context.db
        people = [row.contact_id for row in rows]
        touched = people + ([holder_id] if holder_id is not None else [])
        text = (f"Présence : {rows[0].name} {state.label.lower()}" if len(rows) == 1
                else f"Présence : {_people(len(rows))} {state.label.lower()}")
        try:
            run_undoably(text, db, self.context.undo_stack, meeting_id, touched,
                         lambda: service.set_attendances(db, meeting_id, people, state,
                                                         holder_id),
                         self._changed)
        except CharteError as error:
            if raise_error:
                raise
            self._show_error(error.message)
            return False
        self._changed()
        if len(rows) > 1:
            self.list.notify(f"{_people(len(rows))} : {state.label.lower()}. "
                             "Ctrl+Z pour annuler.")
        return True

    def _next_row(self) -> None:
        table, proxy = self.list.table, self.list.proxy
        row = table.currentIndex().row()
        if 0 <= row < proxy.rowCount() - 1:
            table.setCurrentIndex(proxy.index(row + 1, 0))  # selects it alone
            table.scrollTo(table.currentIndex())  # only if it is out of sight

    def mark_all_present(self) -> None:
        """Everyone still « Convoqué·e » present, in one step of the history."""
        meeting_id = self.meeting_id()
        if meeting_id is None:
            return
        db = self.context.db
        count: list[int] = []
        try:
            run_undoably("Présence : tous présents", db, self.context.undo_stack, meeting_id,
                         None, lambda: count.append(service.mark_all_present(db, meeting_id)),
                         self._changed)
        except CharteError as error:
            self._show_error(error.message)
            return
        self._changed()
        marked = count[0] if count else 0
        self.list.notify(
            f"{_people(marked)} marquée{'s' if marked > 1 else ''} présente"
            f"{'s' if marked > 1 else ''}. Ctrl+Z pour annuler." if marked
            else "Personne n'est plus « convoqué·e » : rien à marquer.")

    # --- the fields below the list ------------------------------------------------------
    def _row_selected(self, row: AttendanceRow | None) -> None:
        if row is None:
            return
        self.state_combo.setCurrentIndex(self.state_combo.findData(row.state.value))
        self.representative.set(row.represented_by_id)

    def _selected_state(self) -> AttendanceState:
        return AttendanceState(self.state_combo.currentData())

    def _update_representative(self) -> None:
        self.representative_combo.setEnabled(
            self._selected_state() is AttendanceState.REPRESENTED)

    def _update_quorum(self) -> None:
        meeting_id = self.meeting_id()
        if self._meeting() is None or meeting_id is None:
            self.quorum_label.clear()
            return
        status = service.quorum_status(self.context.db, meeting_id)
        self.quorum_label.setText(quorum_text(status))
        colour = "#1b7a3a" if status.reached else "#b00020"
        self.quorum_label.setStyleSheet(f"font-weight: bold; color: {colour};")

    def _show_error(self, message: str) -> None:
        self.attendance_error.setText(message)
        self.attendance_error.show()

    def _apply_combo(self) -> None:
        state = self._selected_state()
        holder = None
        if state is AttendanceState.REPRESENTED:
            self.representative.commit()
            problem = self.representative.problem()
            holder = self.representative.get()
            if holder is None:
                rows = self.selected_rows()
                who = rows[0].name if len(rows) == 1 else "ces personnes"
                self._show_error(problem or f"Indiquez qui représente {who}.")
                return
        rows = self.selected_rows()
        if not rows:
            self._show_error("Sélectionnez d'abord une personne.")
            return
        self._apply(rows, state, holder)

    def _add_invitee(self) -> None:
        meeting_id = self.meeting_id()
        self.invitee.commit()
        contact_id = self.invitee.get()
        if meeting_id is None or contact_id is None:
            typed = self.invitee_combo.currentText().strip()
            problem = self.invitee.problem() if typed else None
            self._show_error(problem or "Choisissez la personne à convoquer.")
            return
        try:
            service.add_invitee(self.context.db, meeting_id, contact_id)
        except CharteError as error:
            self._show_error(error.message)
            return
        self._changed()

    def _remove_invitee(self) -> None:
        row = self.list.current_row()
        meeting_id = self.meeting_id()
        if row is None or meeting_id is None:
            self._show_error("Sélectionnez d'abord une personne.")
            return
        db, contact_id = self.context.db, row.contact_id

        def remove(_attendance_id: int) -> None:
            service.remove_invitee(db, meeting_id, contact_id)

        try:  # Ctrl+Z puts the person back on the list
            record = record_deletion(db, tables.ATTENDANCE, row.id, remove)
        except CharteError as error:
            self._show_error(error.message)
            return
        self.context.undo_stack.push(DeleteCommand(
            "Retrait d'une personne convoquée", db, tables.ATTENDANCE, remove, record,
            self._changed))
        self._changed()
