"""« Déplacer la suite de la série… » and « Annuler la suite de la série… » on the Réunions
screen: a button with both commands under the list of meetings, also reached by
Ctrl+Maj+D and Ctrl+Maj+A from anywhere on the screen; each step undoable (Ctrl+Z)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.db import Database
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_date
from charte_desktop.services.holidays import WEEKDAY_NAMES, day_warning
from charte_desktop.services.meeting_series import (
    MAX_SHIFT_DAYS,
    SeriesMeeting,
    SeriesMove,
    cancel_series_rest,
    meeting_series_description,
    meeting_series_id,
    restore_series_meetings,
    series_rest,
    shift_series,
)
from charte_desktop.services.recurrence import (
    MONTH_DAYS,
    MonthDay,
    month_day_date,
    month_day_label,
)
from charte_desktop.ui.error_reporting import show_user_error
from charte_desktop.ui.form_dialog import FieldSpec, FormDialog
from charte_desktop.ui.inputs import IntInput
from charte_desktop.ui.undo import DoneCommand

MOVE_TEXT = "&Déplacer la suite de la série…"
CANCEL_TEXT = "&Annuler la suite de la série…"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def dates_list(days: list[date]) -> str:
    """« le 11/03/2027, le 08/04/2027 et le 10/06/2027 »."""
    named = [f"le {format_date(day)}" for day in days]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " et " + named[-1]


def cancel_question(rest: list[SeriesMeeting], description: str) -> str:
    """« Annuler les 2 réunions prévues de la série « … » à partir du 09/09/2027 : le
    09/09/2027 et le 09/12/2027 ? », or « Annuler la réunion prévue … le 09/12/2027 ? »."""
    series = f" « {description} »" if description else ""
    if len(rest) == 1:
        question = (f"Annuler la réunion prévue de la série{series} "
                    f"le {format_date(rest[0].date)} ?")
    else:
        question = (f"Annuler les {len(rest)} réunions prévues de la série{series} à partir "
                    f"du {format_date(rest[0].date)} : {dates_list([m.date for m in rest])} ?")
    return question + ("\n\nLes réunions déjà tenues ne changent pas ; Ctrl+Z rétablit "
                       "les réunions annulées.")


@dataclass
class MoveFields:
    days: int = 0
    month_day: MonthDay | None = None
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""


def move_of(fields: MoveFields, first: SeriesMeeting) -> SeriesMove:
    """What the officer changed: times and place only when they differ from the chosen
    meeting's (otherwise each meeting keeps its own)."""
    times = (fields.start_time, fields.end_time)
    return SeriesMove(
        days=fields.days, month_day=fields.month_day,
        times=None if times == (first.start_time, first.end_time) else times,
        place=None if (fields.place or "").strip() == first.place else fields.place)


class MoveSeriesDialog(FormDialog[MoveFields]):
    """The move, with the meetings it moves listed old date → new date (warnings too)."""

    def __init__(self, parent: QWidget | None, db: Database, meeting_id: int,
                 rest: list[SeriesMeeting], description: str) -> None:
        first = rest[0]
        self.rest = rest
        specs = [
            FieldSpec("days", "Décaler de", "int", minimum=-MAX_SHIFT_DAYS,
                      maximum=MAX_SHIFT_DAYS, suffix=" jours"),
            FieldSpec("month_day", "Nouveau jour du mois", "choice", choices=lambda: [
                (day, month_day_label(day)) for day in MONTH_DAYS]),
            FieldSpec("start_time", "Heure de début", "time"),
            FieldSpec("end_time", "Heure de fin", "time"),
            FieldSpec("place", "Lieu", "text"),
        ]
        super().__init__(parent, db, "Déplacer la suite de la série", specs,
                         MoveFields(0, None, first.start_time, first.end_time, first.place),
                         lambda fields: shift_series(db, meeting_id, move_of(fields, first)),
                         check_at_start=False)
        count = _plural(len(rest), "réunion prévue", "réunions prévues")
        series = f"Série « {description} » : " if description else ""
        self.intro = QLabel(f"{series}{count} à partir du {format_date(first.date)}.")
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName("Réunions déplacées")
        self.preview_title = QLabel("Dates avant → après")
        self.preview_title.setStyleSheet("font-weight: bold;")
        self.preview = QListWidget()
        self.preview.setAccessibleName("Nouvelles dates")
        self.preview.setMinimumHeight(140)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, self.intro)
            layout.insertWidget(2, self.preview_title)
            layout.insertWidget(3, self.preview, 1)
        days = self.inputs["days"]
        if isinstance(days, IntInput):  # « 1 jour », « -3 jours »: earlier when negative
            days.spin.setToolTip("Nombre de jours : négatif pour avancer les réunions")
            days.spin.valueChanged.connect(
                lambda value: days.spin.setSuffix(" jour" if abs(value) < 2 else " jours"))
        self.validate(quiet=True)

    def validate(self, *, quiet: bool = False) -> bool:
        valid = super().validate(quiet=quiet)
        if hasattr(self, "preview"):
            self._update_preview()
        return valid

    def preview_lines(self) -> list[str]:
        return [self.preview.item(i).text() for i in range(self.preview.count())]

    def _update_preview(self) -> None:
        days, month_day = self.inputs["days"].get() or 0, self.inputs["month_day"].get()
        self.preview.clear()
        for meeting in self.rest:
            try:
                new = (month_day_date(meeting.date.year, meeting.date.month, month_day)
                       if month_day is not None else meeting.date + timedelta(days=days))
            except OverflowError:
                continue
            weekday = WEEKDAY_NAMES[new.weekday()]
            line = f"{format_date(meeting.date)} → {format_date(new)} ({weekday})"
            warning = day_warning(new)
            self.preview.addItem(f"{line} — attention : {warning}" if warning else line)
        self.save_button.setText("&Déplacer la réunion" if len(self.rest) == 1
                                 else f"&Déplacer les {len(self.rest)} réunions")


class SeriesChangeCommand(DoneCommand):
    """Undo puts the meetings back as they were; redo moves or cancels them again."""

    def __init__(self, text: str, db: Database, apply: Callable[[], list[SeriesMeeting]],
                 saved: list[SeriesMeeting], refresh: Callable[[], None]) -> None:
        super().__init__(text, refresh)
        self._db, self._apply, self._saved = db, apply, saved

    def redo(self) -> None:
        if self._first:  # done already when the step was pushed
            self._first = False
            return

        def again() -> None:
            self._saved = self._apply()

        self._run(again)

    def undo(self) -> None:
        self._run(lambda: restore_series_meetings(self._db, self._saved))


class SeriesCommands(QObject):
    """The two commands on the meeting selected on the screen `page`."""

    def __init__(self, page: QWidget, db: Database, undo_stack: QUndoStack,
                 current_id: Callable[[], int | None], refresh: Callable[[], None]) -> None:
        super().__init__(page)
        self._page, self._db, self._undo_stack = page, db, undo_stack
        self._current_id, self._refresh = current_id, refresh
        self.move_action = self._action(MOVE_TEXT, "Ctrl+Shift+D", self.move_rest)
        self.cancel_action = self._action(CANCEL_TEXT, "Ctrl+Shift+A", self.cancel_rest)
        self.button = QPushButton("Suite de la série")  # its letters are taken: Tab, Espace
        self.button.setAccessibleName("Suite de la série")
        self.button.setToolTip("Déplacer (Ctrl+Maj+D) ou annuler (Ctrl+Maj+A) d'un coup les "
                               "réunions prévues de la série, à partir de celle-ci")
        menu = QMenu(self.button)
        menu.addAction(self.move_action)
        menu.addAction(self.cancel_action)
        self.button.setMenu(menu)
        self.button.setEnabled(False)

    def _action(self, text: str, key: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self._page)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self._page.addAction(action)
        return action

    def update_state(self) -> None:
        """The button is active on a meeting of a series."""
        meeting_id = self._current_id()
        self.button.setEnabled(
            meeting_id is not None and meeting_series_id(self._db, meeting_id) is not None)

    def _rest(self) -> tuple[int, list[SeriesMeeting], str] | None:
        meeting_id = self._current_id()
        try:
            if meeting_id is None:
                raise CharteError("Sélectionnez d'abord une réunion de la série.")
            return (meeting_id, series_rest(self._db, meeting_id),
                    meeting_series_description(self._db, meeting_id))
        except CharteError as error:
            show_user_error(self._page, error)
            return None

    def move_rest(self) -> None:
        found = self._rest()
        if found is None:
            return
        meeting_id, rest, description = found
        dialog = MoveSeriesDialog(self._page, self._db, meeting_id, rest, description)
        if dialog.exec() != MoveSeriesDialog.DialogCode.Accepted or dialog.saved_fields is None:
            return
        saved: list[SeriesMeeting] = dialog.result_value or []
        fields = dialog.saved_fields
        self._undo_stack.push(SeriesChangeCommand(
            f"Déplacement de la suite d'une série : {_plural(len(saved), 'réunion', 'réunions')}",
            self._db, lambda: shift_series(self._db, meeting_id, move_of(fields, rest[0])),
            saved, self._refresh))
        self._refresh()

    def cancel_rest(self) -> None:
        found = self._rest()
        if found is None:
            return
        meeting_id, rest, description = found
        answer = QMessageBox.question(
            self._page, "Annuler la suite de la série", cancel_question(rest, description),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            saved = cancel_series_rest(self._db, meeting_id)
        except CharteError as error:
            show_user_error(self._page, error)
            return
        self._undo_stack.push(SeriesChangeCommand(
            f"Annulation de la suite d'une série : {_plural(len(saved), 'réunion', 'réunions')}",
            self._db, lambda: cancel_series_rest(self._db, meeting_id), saved, self._refresh))
        self._refresh()
