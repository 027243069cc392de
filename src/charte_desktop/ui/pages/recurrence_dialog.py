"""« Planifier une série… »: a form for a series of meetings (« le 2e jeudi du mois »…) with
a live preview of its dates, weekends and public holidays pointed out, each date ticked or
not; and the undoable step that records it."""

import dataclasses
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.row_snapshot import DeletionRecord, restore_deletion
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_date
from charte_desktop.services import meetings, tables
from charte_desktop.services.holidays import WEEKDAY_NAMES
from charte_desktop.services.meeting_planning import (
    MAX_EVERY,
    START_LABEL,
    PlannedDate,
    RecurrenceFields,
    plan_recurring_meetings,
    planned_dates_preview,
    series_description,
)
from charte_desktop.services.recurrence import RANKS, RecurrenceRule
from charte_desktop.ui import choices
from charte_desktop.ui.form_dialog import FieldSpec, FormDialog, available_area, fit_on_screen
from charte_desktop.ui.undo import DeletionNotRecorded, DoneCommand, record_deletion

WEEKDAYS = WEEKDAY_NAMES
ALREADY_PLANNED = "déjà prévue"
SKIPPED_COLOUR = QColor("#6b6b6b")
WARNING_COLOUR = QColor("#c2410c")  # orange, as the agenda's overrun


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def preview_text(day: date, exists: bool, warning: str = "") -> str:
    """E.g. "14/03/2026 (mardi)", "14/06/2026 (dimanche) — attention : dimanche", or
    "14/09/2026 (lundi) — déjà prévue"."""
    text = f"{format_date(day)} ({WEEKDAYS[day.weekday()]})"
    if exists:
        return f"{text} — {ALREADY_PLANNED}"
    return f"{text} — attention : {warning}" if warning else text


def initial_series(db: Database, body_id: int | None) -> RecurrenceFields:
    """A quarterly series of `body_id` (else the first body), from today to the end of
    next year; the weekday rules offered on today's rank and weekday."""
    if body_id is None:
        first = choices.bodies(db)()
        body_id = first[0][0] if first else None
    today = clock.today()
    return RecurrenceFields(
        body_id=body_id, first_date=today, every=3,  # type: ignore[arg-type]
        rule=RecurrenceRule.MONTHS, until=date(today.year + 1, 12, 31),
        rank=min((today.day - 1) // 7 + 1, 4), weekday=today.weekday())


def series_specs(db: Database) -> list[FieldSpec]:
    return [
        FieldSpec("body_id", "Instance", "choice", required=True, optional=False,
                  choices=choices.bodies(db)),
        FieldSpec("rule", "Règle", "choice", required=True, optional=False,
                  choices=choices.enum_choices(RecurrenceRule)),
        FieldSpec("every", "Répéter tous les", "int", required=True, minimum=1,
                  maximum=MAX_EVERY),
        FieldSpec("rank", "Rang", "choice", optional=False,
                  choices=lambda: list(RANKS.items())),
        FieldSpec("weekday", "Jour", "choice", optional=False,
                  choices=lambda: list(enumerate(WEEKDAYS))),
        FieldSpec("first_date", START_LABEL, "date", required=True),
        FieldSpec("until", "Jusqu'au", "date", required=True),
        FieldSpec("start_time", "Heure de début", "time"),
        FieldSpec("end_time", "Heure de fin", "time"),
        FieldSpec("place", "Lieu", "text"),
    ]


class RecurrenceDialog(FormDialog[RecurrenceFields]):
    """The series form; below it, the dates it will create, ticked: those already planned
    are greyed (skipped), weekends and public holidays say why in orange. Space unticks a
    date (Alt+D reaches the list)."""

    def __init__(self, parent: QWidget | None, db: Database, initial: RecurrenceFields) -> None:
        self._unticked: set[date] = set(initial.skipped or ())
        super().__init__(parent, db, "Planifier une série de réunions", series_specs(db),
                         initial, lambda fields: plan_recurring_meetings(db, fields),
                         check_at_start=False)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setAccessibleName("Règle de la série")
        self.preview_title = QLabel("&Dates de la série (Espace : cocher ou décocher)")
        self.preview_title.setStyleSheet("font-weight: bold;")
        self.preview = QListWidget()
        self.preview.setAccessibleName("Dates de la série")
        self.preview.setMinimumHeight(170)
        self.preview.itemChanged.connect(self._ticked)
        self.preview_title.setBuddy(self.preview)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Résumé de la série")
        self.preview.setMinimumWidth(420)
        # The dates beside the fields, not under them: all of it shows on a laptop's screen.
        side = QVBoxLayout()
        for widget in (self.description, self.preview_title, self.preview, self.summary):
            side.addWidget(widget, 1 if widget is self.preview else 0)
        layout = self.layout()
        first = layout.itemAt(0) if isinstance(layout, QVBoxLayout) else None
        form = first.widget() if first is not None else None  # the fields' scroll area
        if isinstance(layout, QVBoxLayout) and form is not None:
            layout.removeWidget(form)
            row = QHBoxLayout()
            row.addWidget(form, 1)
            row.addLayout(side, 1)
            layout.insertLayout(0, row, 1)
        # Tab: the fields, then the dates, then the buttons.
        QWidget.setTabOrder(self.inputs["place"].focus_widget, self.preview)
        QWidget.setTabOrder(self.preview, self.save_button)
        self.inputs["rule"].changed.connect(self._enable_weekday_fields)
        self._enable_weekday_fields()
        self._dates: list[PlannedDate] = []
        self.validate()
        self.resize(self.sizeHint())
        fit_on_screen(self, available_area(self))

    def current_fields(self) -> RecurrenceFields:
        fields = super().current_fields()
        return dataclasses.replace(fields, skipped=frozenset(getattr(self, "_unticked", ())))

    def _enable_weekday_fields(self) -> None:
        """Rang and Jour serve only the weekday rules (greyed, Tab passes them by)."""
        rule = self.inputs["rule"].get()
        self.inputs["rank"].widget.setEnabled(rule in (None, RecurrenceRule.NTH_WEEKDAY))
        self.inputs["weekday"].widget.setEnabled(rule is None or rule.uses_weekday)

    def validate(self, *, quiet: bool = False) -> bool:
        valid = super().validate(quiet=quiet)
        self._update_preview()
        return valid

    def preview_lines(self) -> list[str]:
        return [item.text() for item in
                (self.preview.item(i) for i in range(self.preview.count())) if item]

    def unticked_lines(self) -> list[str]:
        return [item.text() for item in
                (self.preview.item(i) for i in range(self.preview.count()))
                if item and item.checkState() != Qt.CheckState.Checked]

    def _update_preview(self) -> None:
        """Rebuild the list of dates; the date the keyboard was on stays current."""
        current = self.preview.currentRow()
        kept = self._dates[current].day if 0 <= current < len(self._dates) else None
        fields = self.current_fields()
        try:
            self._dates = planned_dates_preview(self._db, fields)
            self.description.setText(series_description(fields))
        except CharteError:
            self._dates = []  # the form shows why, beside the field at fault
            self.description.setText("")
        self.preview.blockSignals(True)
        self.preview.clear()
        for planned in self._dates:
            item = QListWidgetItem(preview_text(*planned))
            if planned.exists:
                item.setForeground(SKIPPED_COLOUR)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked if planned.day in self._unticked
                                   else Qt.CheckState.Checked)
                if planned.warning:
                    item.setForeground(WARNING_COLOUR)
                    item.setToolTip(f"Attention : {planned.warning}")
            self.preview.addItem(item)
        days = [planned.day for planned in self._dates]
        if kept in days:
            self.preview.setCurrentRow(days.index(kept))
        self.preview.blockSignals(False)
        self._update_summary()

    def _ticked(self, item: QListWidgetItem) -> None:
        row = self.preview.row(item)
        if not 0 <= row < len(self._dates):
            return
        day = self._dates[row].day
        if item.checkState() == Qt.CheckState.Checked:
            self._unticked.discard(day)
        else:
            self._unticked.add(day)
        FormDialog.validate(self)  # the list stays as it is, under the keyboard
        self._update_summary()

    def _update_summary(self) -> None:
        dates = self._dates
        to_create = [d for d in dates if not d.exists and d.day not in self._unticked]
        new = len(to_create)
        skipped = sum(1 for d in dates if d.exists)
        unticked = sum(1 for d in dates if not d.exists and d.day in self._unticked)
        warned = sum(1 for d in to_create if d.warning)
        if not dates:
            self.summary.setText("Aucune date à afficher : complétez le formulaire.")
        else:
            text = (f"{_plural(new, 'réunion sera créée', 'réunions seront créées')}, "
                    "avec les membres de l'instance convoqués.")
            if skipped == 1:
                text += " 1 date déjà prévue est laissée telle quelle."
            elif skipped:
                text += f" {skipped} dates déjà prévues sont laissées telles quelles."
            if unticked == 1:
                text += " 1 date décochée : pas de réunion ce jour-là."
            elif unticked:
                text += f" {unticked} dates décochées : pas de réunion ces jours-là."
            if warned:
                text += (f" Attention : {_plural(warned, 'date tombe', 'dates tombent')} un "
                         "week-end ou un jour férié (en orange) ; décochez-les au besoin.")
            self.summary.setText(text)
        self.save_button.setText("&Créer la réunion" if new == 1 else
                                 f"&Créer les {new} réunions" if new else "&Créer")


class PlanSeriesCommand(DoneCommand):
    """Undo deletes the meetings the series created; redo puts the very same meetings back
    (same ids: later steps still find them), or plans the series again if a deletion could
    not be recorded."""

    def __init__(self, db: Database, fields: RecurrenceFields, created_ids: list[int],
                 refresh: Callable[[], None]) -> None:
        count = _plural(len(created_ids), "réunion", "réunions")
        super().__init__(f"Planification d'une série : {count}", refresh)
        self._db = db
        self._fields = fields
        self._ids = created_ids
        self._records: list[DeletionRecord] = []

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
                    records.append(record_deletion(self._db, tables.MEETING, meeting_id,
                                                   delete_one))
                except DeletionNotRecorded:  # deleted all the same
                    complete = False
            self._records = records if complete else []

        self._run(remove)
