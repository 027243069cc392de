"""« Suites des réunions précédentes »: every follow-up still open from the body's earlier
meetings and about its actions, overdue ones marked, ticked « Fait » right there."""

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_date
from charte_desktop.services import meeting_outcomes
from charte_desktop.services.meeting_outcomes import FollowUpRow
from charte_desktop.ui.colours import LATE
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.table_model import Column
from charte_desktop.ui.undo import EditCommand


def _flat(text: str) -> str:
    return " ".join(text.split())


def _due(row: FollowUpRow) -> str:
    if row.due_date is None:
        return ""
    return format_date(row.due_date) + (" — en retard" if row.overdue else "")


CARRIED_COLUMNS: list[Column[FollowUpRow]] = [
    Column("Réunion du", lambda f: f.meeting_date, width=95),
    Column("Instance", lambda f: f.body, width=200),
    Column("Suite à donner", lambda f: _flat(f.text), width=380),
    Column("Responsable", lambda f: f.owner_name, width=170),
    Column("Échéance", _due, sort_value=lambda f: f.due_date,
           colour=lambda f: LATE if f.overdue else None, width=160),
]


class CarriedFollowUps(QWidget):
    """The tab; `meeting_id` says which meeting is shown, `changed` is called after a tick."""

    def __init__(self, db: Database, undo_stack: QUndoStack,
                 meeting_id: Callable[[], int | None], changed: Callable[[], None],
                 show_meeting: Callable[[int], None]) -> None:
        super().__init__()
        self._db, self._meeting_id, self._changed = db, meeting_id, changed
        self._undo_stack = undo_stack
        self.list: ListPage[FollowUpRow] = ListPage(
            "carried_follow_ups", CARRIED_COLUMNS, self._fetch,
            title="Suites encore ouvertes des réunions précédentes")
        self.list.duplicate_button.hide()
        self.list.on_activate = lambda row: show_meeting(row.meeting_id)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Suites encore ouvertes")
        self.done_button = QPushButton("Marquer « Fait »")
        self.done_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.done_button.setToolTip("La suite sélectionnée est faite (Ctrl+Entrée) : elle "
                                    "quitte la liste ; Ctrl+Z la rouvre.")
        self.done_button.clicked.connect(self.tick_done)
        self.list.add_button(self.done_button)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        self.setFocusProxy(self.list)

    def _fetch(self, _filters: object) -> list[FollowUpRow]:
        meeting_id = self._meeting_id()
        if meeting_id is None:
            return []
        try:
            rows = meeting_outcomes.carried_follow_ups(self._db, meeting_id,
                                                       today=clock.today())
        except CharteError:
            return []
        return rows

    def reload(self) -> None:
        self.list.reload()
        rows = self.list.visible_rows()
        late = sum(1 for row in rows if row.overdue)
        if not rows:
            self.summary.setText("Aucune suite ouverte des réunions précédentes.")
        else:
            text = f"{len(rows)} suite{'s' if len(rows) > 1 else ''} encore ouverte" + (
                "s" if len(rows) > 1 else "")
            if late:
                text += f", dont {late} en retard"
            self.summary.setText(text + ". Cochez-les « Fait » au fil de la réunion.")

    def tick_done(self) -> None:
        row = self.list.current_row()
        if row is None:
            return
        position = self.list.table.currentIndex().row()
        try:
            meeting_outcomes.set_follow_up_done(self._db, row.id, True, today=clock.today())
        except CharteError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.error.hide()
        self._undo_stack.push(EditCommand(
            "Suite à donner marquée « Fait »", self._set_done, row.id, False, True,
            self._after_undo))
        self._changed()
        self.reload()
        # The next suite takes the ticked one's place: ticking goes down the list.
        count = self.list.proxy.rowCount()
        if count:
            self.list.table.selectRow(min(position, count - 1))
            self.list.table.setFocus()

    def _set_done(self, follow_up_id: int, done: bool) -> None:
        meeting_outcomes.set_follow_up_done(self._db, follow_up_id, done, today=clock.today())

    def _after_undo(self) -> None:
        self._changed()
        self.reload()
