"""« Compte rendu »: the minutes of every point typed in one scrolling page during the
meeting, saved as one types.

Each point's text is saved one second after typing pauses, when the focus leaves it, and
when another meeting is shown: a crash loses at most the last second. A line break typed
is kept as a line break (the Word compte rendu writes it so).
"""

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_hour
from charte_desktop.services.agenda_timing import set_item_minutes
from charte_desktop.services.meeting_details import AgendaRow, MeetingDetails

SAVE_PAUSE_MS = 1000


class MinutesEdit(QPlainTextEdit):
    """One point's minutes; Tab goes to the next point (a tab character is never wanted)."""

    def __init__(self, item_id: int, on_leave: Callable[[], None]) -> None:
        super().__init__()
        self.item_id = item_id
        self.saved_text = ""
        self._on_leave = on_leave
        self.setTabChangesFocus(True)
        self.setMinimumHeight(110)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._on_leave()
        super().focusOutEvent(event)


def _heading(row: AgendaRow) -> str:
    parts = [f"{row.position + 1}. {row.title}"]
    if row.starts_at is not None:
        parts.append(format_hour(row.starts_at))
    if row.presenter_name:
        parts.append(f"présenté par {row.presenter_name}")
    return " — ".join(parts)


class MinutesTab(QWidget):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self._db = db
        self._meeting_id: int | None = None
        self._items: tuple[int, ...] = ()
        self.editors: list[MinutesEdit] = []
        self.status = QLabel()
        self.status.setAccessibleName("Enregistrement du compte rendu")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000;")
        self.error.hide()
        self._content = QWidget()
        self._points = QVBoxLayout(self._content)
        self._points.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._content)
        self._scroll = scroll
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SAVE_PAUSE_MS)
        self._pause.timeout.connect(self.save_now)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("Tapez le compte rendu point par point pendant la réunion : il est "
                      "enregistré au fil de la frappe. Tab passe au point suivant.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.error)

    def show_meeting(self, meeting: MeetingDetails | None) -> None:
        """Show the meeting's points; a text being typed is saved first, never overwritten."""
        self.save_now()
        meeting_id = meeting.id if meeting is not None else None
        items = tuple(row.id for row in meeting.agenda) if meeting is not None else ()
        if meeting_id == self._meeting_id and items == self._items and meeting is not None:
            for editor, row in zip(self.editors, meeting.agenda, strict=True):
                if not editor.hasFocus() and editor.toPlainText() == editor.saved_text:
                    self._fill(editor, row.minutes_text)
            self._set_headings(meeting.agenda)
            return
        self._meeting_id, self._items = meeting_id, items
        self._rebuild(meeting.agenda if meeting is not None else [])

    def _rebuild(self, rows: list[AgendaRow]) -> None:
        while self._points.count() > 1:  # all but the stretch
            item = self._points.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.editors = []
        if not rows:
            empty = QLabel("Pas encore de point à l'ordre du jour : ajoutez-les dans l'onglet "
                           "« Ordre du jour ».")
            empty.setWordWrap(True)
            self._points.insertWidget(0, empty)
        for row in rows:
            label = QLabel()
            label.setWordWrap(True)
            editor = MinutesEdit(row.id, self.save_now)
            label.setBuddy(editor)
            self._fill(editor, row.minutes_text)
            editor.textChanged.connect(self._typed)
            index = self._points.count() - 1
            self._points.insertWidget(index, label)
            self._points.insertWidget(index + 1, editor)
            self.editors.append(editor)
        self._set_headings(rows)
        self.status.setText("")
        if self.editors:
            self.setFocusProxy(self.editors[0])

    def _set_headings(self, rows: list[AgendaRow]) -> None:
        for editor, row in zip(self.editors, rows, strict=True):
            heading = _heading(row)
            editor.setAccessibleName(heading)
            index = self._points.indexOf(editor)
            item = self._points.itemAt(index - 1)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setText(f"<b>{heading}</b>")

    @staticmethod
    def _fill(editor: MinutesEdit, text: str) -> None:
        editor.blockSignals(True)
        editor.setPlainText(text)
        editor.blockSignals(False)
        editor.saved_text = text

    def _typed(self) -> None:
        self.status.setText("Modifications en cours…")
        self._pause.start()

    def save_now(self) -> None:
        """Save every point whose text differs from what the file holds."""
        self._pause.stop()
        failed, saved = None, False
        for editor in self.editors:
            text = editor.toPlainText()
            if text == editor.saved_text:
                continue
            try:
                set_item_minutes(self._db, editor.item_id, text)
            except CharteError as error:
                failed = error.message
                continue
            editor.saved_text = text
            saved = True
        if failed:
            self.error.setText(failed)
            self.error.show()
            self.status.setText("Le compte rendu n'a pas pu être enregistré.")
            return
        self.error.hide()
        if saved:
            self.status.setText(f"Compte rendu enregistré à {format_hour(clock.now().time())}.")

    def take_keyboard(self, shown: QWidget | None) -> None:
        """The keyboard in the first point's minutes when this tab is the one `shown`."""
        focus = QApplication.focusWidget()
        if shown is self and self.editors and (focus is None or not self.isAncestorOf(focus)):
            self.editors[0].setFocus()

    def pending(self) -> bool:
        return any(e.toPlainText() != e.saved_text for e in self.editors)
