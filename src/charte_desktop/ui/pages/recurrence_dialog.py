"""« Planifier une série… »: a form for a series of meetings with a live preview of its
dates, and the undoable step that records it."""

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QColor, QUndoCommand
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from charte_desktop.db import Database
from charte_desktop.db.models import Meeting
from charte_desktop.db.row_snapshot import DeletionRecord, restore_deletion
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_date
from charte_desktop.services import meetings
from charte_desktop.services.meeting_planning import (
    MAX_EVERY,
    RecurrenceFields,
    RecurrenceUnit,
    plan_recurring_meetings,
    planned_dates_preview,
)
from charte_desktop.ui import choices
from charte_desktop.ui.error_reporting import show_user_error
from charte_desktop.ui.form_dialog import FieldSpec, FormDialog
from charte_desktop.ui.undo import DeletionNotRecorded, record_deletion

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
ALREADY_PLANNED = "déjà prévue"
SKIPPED_COLOUR = QColor("#6b6b6b")


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def preview_text(day: date, exists: bool) -> str:
    """E.g. "14/03/2026 (samedi)", or "14/06/2026 (dimanche) — déjà prévue"."""
    text = f"{format_date(day)} ({WEEKDAYS[day.weekday()]})"
    return f"{text} — {ALREADY_PLANNED}" if exists else text


def series_specs(db: Database) -> list[FieldSpec]:
    return [
        FieldSpec("body_id", "Instance", "choice", required=True, optional=False,
                  choices=choices.bodies(db)),
        FieldSpec("first_date", "Première réunion le", "date", required=True),
        FieldSpec("every", "Répéter tous les", "int", required=True, minimum=1,
                  maximum=MAX_EVERY),
        FieldSpec("unit", "Unité", "choice", required=True, optional=False,
                  choices=choices.enum_choices(RecurrenceUnit)),
        FieldSpec("until", "Jusqu'au", "date", required=True),
        FieldSpec("start_time", "Heure de début", "time"),
        FieldSpec("end_time", "Heure de fin", "time"),
        FieldSpec("place", "Lieu", "text"),
    ]


class RecurrenceDialog(FormDialog[RecurrenceFields]):
    """The series form; below it, the dates it will create, those already planned marked."""

    def __init__(self, parent: QWidget | None, db: Database, initial: RecurrenceFields) -> None:
        super().__init__(parent, db, "Planifier une série de réunions", series_specs(db),
                         initial, lambda fields: plan_recurring_meetings(db, fields),
                         check_at_start=False)
        self.setMinimumSize(560, 640)
        self.preview_title = QLabel("<b>Dates de la série</b>")
        self.preview = QListWidget()
        self.preview.setAccessibleName("Dates de la série")
        self.preview.setMinimumHeight(170)
        self.preview_title.setBuddy(self.preview)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Résumé de la série")
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.preview_title)
            layout.insertWidget(2, self.preview, 1)
            layout.insertWidget(3, self.summary)
        self.validate()

    def validate(self, *, quiet: bool = False) -> bool:
        valid = super().validate(quiet=quiet)
        self._update_preview()
        return valid

    def preview_lines(self) -> list[str]:
        return [item.text() for item in
                (self.preview.item(i) for i in range(self.preview.count())) if item]

    def _update_preview(self) -> None:
        self.preview.clear()
        try:
            dates = planned_dates_preview(self._db, self.current_fields())
        except CharteError:
            dates = []  # the form shows why, beside the field at fault
        for day, exists in dates:
            item = QListWidgetItem(preview_text(day, exists))
            if exists:
                item.setForeground(SKIPPED_COLOUR)
            self.preview.addItem(item)
        new = sum(1 for _day, exists in dates if not exists)
        skipped = len(dates) - new
        if not dates:
            self.summary.setText("Aucune date à afficher : complétez le formulaire.")
        else:
            text = (f"{_plural(new, 'réunion sera créée', 'réunions seront créées')}, "
                    "avec les membres de l'instance convoqués.")
            if skipped == 1:
                text += " 1 date déjà prévue est laissée telle quelle."
            elif skipped:
                text += f" {skipped} dates déjà prévues sont laissées telles quelles."
            self.summary.setText(text)
        self.save_button.setText("&Créer la réunion" if new == 1 else
                                 f"&Créer les {new} réunions" if new else "&Créer")


class PlanSeriesCommand(QUndoCommand):
    """Undo deletes the meetings the series created; redo puts the very same meetings back
    (same ids: later steps still find them), or plans the series again if a deletion could
    not be recorded."""

    def __init__(self, db: Database, fields: RecurrenceFields, created_ids: list[int],
                 refresh: Callable[[], None]) -> None:
        count = _plural(len(created_ids), "réunion", "réunions")
        super().__init__(f"Planification d'une série : {count}")
        self._db = db
        self._fields = fields
        self._ids = created_ids
        self._refresh = refresh
        self._first = True
        self._records: list[DeletionRecord] = []

    def _run(self, step: Callable[[], None]) -> None:
        try:
            step()
        except CharteError as error:
            show_user_error(None, error, "Annulation impossible")
            self.setObsolete(True)
        self._refresh()

    def redo(self) -> None:
        if self._first:  # the dialog has already planned the series
            self._first = False
            return

        def again() -> None:
            records, self._records = self._records, []
            if records:
                for record in records:
                    restore_deletion(self._db, record)
            else:
                self._ids = [m.id for m in plan_recurring_meetings(self._db, self._fields)]

        self._run(again)

    def undo(self) -> None:
        def delete_one(meeting_id: int) -> None:
            meetings.delete_meeting(self._db, meeting_id)

        def remove() -> None:
            self._records = []
            records, complete = [], True
            for meeting_id in self._ids:
                try:
                    records.append(record_deletion(self._db, Meeting, meeting_id, delete_one))
                except DeletionNotRecorded:  # deleted all the same
                    complete = False
            self._records = records if complete else []

        self._run(remove)
