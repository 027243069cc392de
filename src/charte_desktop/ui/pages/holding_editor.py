"""The meeting form, asking before a meeting is marked « Tenue »: what the people still
« Convoqué·e » were (they would vanish from the compte rendu), and whether a meeting dated
after today was really held. The questions come from `services.meeting_holding`."""

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState, MeetingState
from charte_desktop.errors import CharteError
from charte_desktop.services import meetings
from charte_desktop.services.attendance import attendance_records
from charte_desktop.services.meeting_holding import HoldingQuestions, holding_questions
from charte_desktop.ui.entity import Entity, EntityEditor
from charte_desktop.ui.error_reporting import show_user_error
from charte_desktop.ui.form_dialog import FormDialog
from charte_desktop.ui.pages.attendance_commands import AttendanceCommand
from charte_desktop.ui.undo import CreateCommand, EditCommand

NOT_HELD = "La réunion n'est pas marquée tenue : changez sa date ou son état."
Fields = meetings.MeetingFields


class _MeetingForm(FormDialog[Fields]):
    """Tells its save apart from the checks it runs while the officer types."""

    checking = False

    def validate(self, *, quiet: bool = False) -> bool:
        self.checking = True
        try:
            return super().validate(quiet=quiet)
        finally:
            self.checking = False


def ask_about_invited(parent: QWidget | None, question: str) -> AttendanceState | None:
    """ABSENT or EXCUSED for those still convoqué·es; None: back to the attendance."""
    box = QMessageBox(QMessageBox.Icon.Question, "Personnes encore convoquées", question,
                      QMessageBox.StandardButton.NoButton, parent)
    absent = box.addButton("Les marquer &absent·es", QMessageBox.ButtonRole.AcceptRole)
    excused = box.addButton("Les marquer &excusé·es", QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton("&Revenir aux présences", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    clicked = box.clickedButton()
    if clicked is absent:
        return AttendanceState.ABSENT
    if clicked is excused:
        return AttendanceState.EXCUSED
    return None


class HoldingEditor(EntityEditor[Fields]):
    """EntityEditor of meetings whose form asks before « Tenue »; `back_to_attendance`
    shows the Présences tab when the officer chooses to go back to it."""

    def __init__(self, parent: QWidget, db: Database, entity: Entity[Fields],
                 undo_stack: QUndoStack, refresh: Callable[[], None],
                 back_to_attendance: Callable[[], None]) -> None:
        super().__init__(parent, db, entity, undo_stack, refresh)
        self._back_to_attendance = back_to_attendance

    def create(self, initial: Fields | None = None) -> Any:
        """A meeting typed as « Tenue » though dated after today is confirmed first (its
        members are invited as it is created: the attendance is taken afterwards)."""
        entity = self.entity
        form: list[_MeetingForm] = []

        def save(fields: Fields) -> Any:
            checking = not form or form[0].checking  # the form checks as it opens
            if not checking and fields.state is MeetingState.HELD:
                days = (fields.date - clock.today()).days
                self._confirm_date(form[0], HoldingQuestions(fields.date, days, 0))
            return entity.create(fields)

        form.append(_MeetingForm(self.parent, self.db, entity.new_title, entity.specs(),
                                 initial if initial is not None else entity.blank(), save))
        if form[0].exec() != QDialog.DialogCode.Accepted or form[0].saved_fields is None:
            return None
        created = form[0].result_value
        self.undo_stack.push(CreateCommand(
            f"Création : {entity.name}", entity.create, entity.delete, created.id,
            form[0].saved_fields, self.refresh, db=self.db, model=entity.model))
        self.refresh()
        return created

    def edit(self, item_id: int, title: str | None = None,
             carried: tuple[dict[str, Any], Fields] | None = None) -> Any:
        """As `EntityEditor.edit` (a colleague's save since the form opened is refused,
        « Historique… »), with the questions before « Tenue »."""
        from charte_desktop.services import history

        entity = self.entity
        table = entity.versioned or "meeting"
        try:
            version = history.row_version(self.db, table, item_id)
            before = entity.load(item_id)
        except CharteError as error:
            show_user_error(self.parent, error)
            self.refresh()
            return None
        outcome: dict[str, Any] = {}
        form: list[_MeetingForm] = []

        def save(fields: Fields) -> Any:
            if not form or form[0].checking or fields.state is not MeetingState.HELD \
                    or before.state is MeetingState.HELD:
                outcome["saved"] = fields
                return history.saved_from(table, item_id, version,
                                          lambda: entity.update(item_id, fields), self.db)
            return history.saved_from(table, item_id, version, lambda: self._hold(
                form[0], item_id, fields, before, outcome), self.db)

        form.append(_MeetingForm(
            self.parent, self.db, title or entity.edit_title(before), entity.specs(), before,
            save, check_at_start=False,
            history=lambda: history.history_lines(self.db, table, item_id)))
        if carried is not None:
            form[0].carry_over(*carried)
        if form[0].exec() != QDialog.DialogCode.Accepted or form[0].saved_fields is None:
            if form[0].reload_requested:  # another officer's change: open it as it is now
                self.refresh()
                return self.edit(item_id, title, (form[0].kept_changes, before)
                                 if form[0].kept_changes else None)
            return None
        saved: Fields = outcome.get("saved", form[0].saved_fields)
        attendance = outcome.get("attendance")
        if saved != before or attendance:
            self.undo_stack.beginMacro("Modification : réunion")
            self.undo_stack.push(EditCommand("Modification : réunion",
                                             self._versioned_update(table, item_id), item_id,
                                             before, saved, self.refresh))
            if attendance:
                records_before, records_after = attendance
                self.undo_stack.push(AttendanceCommand(
                    "Présences à la tenue de la réunion", self.db, item_id, records_before,
                    records_after, self.refresh))
            self.undo_stack.endMacro()
        self.refresh()
        if outcome.get("back"):
            self._back_to_attendance()
        return form[0].result_value

    def _hold(self, parent: QWidget, item_id: int, fields: Fields, before: Fields,
              outcome: dict[str, Any]) -> Any:
        questions = holding_questions(self.db, item_id, clock.today(), on_date=fields.date)
        self._confirm_date(parent, questions)
        invited_now = None
        if questions.invited_question:
            invited_now = ask_about_invited(parent, questions.invited_question)
            if invited_now is None:  # the rest of the form is saved, the state kept
                kept = dataclasses.replace(fields, state=before.state)
                outcome.update(saved=kept, back=True)
                return self.entity.update(item_id, kept)
        records = attendance_records(self.db, item_id)
        result = meetings.update_meeting(self.db, item_id, fields, invited_now=invited_now)
        if invited_now is not None:
            outcome["attendance"] = (records, attendance_records(self.db, item_id))
        outcome["saved"] = fields
        return result

    @staticmethod
    def _confirm_date(parent: QWidget, questions: HoldingQuestions) -> None:
        """Ask about a date after today; refused (the form says why) unless confirmed."""
        if not questions.date_question:
            return
        answer = QMessageBox.question(
            parent, "Réunion à venir", questions.date_question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            raise CharteError(NOT_HELD, field="state")
