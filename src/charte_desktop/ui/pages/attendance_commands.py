"""Ctrl+Z for attendance: each key of the roll call, each « Tous présents », is one step.

A step keeps the attendance of the people it touched before and after (`attendance_records`:
state, holder of the proxy, or not on the list) and puts one or the other back.
"""

from collections.abc import Callable, Iterable

from PySide6.QtGui import QUndoStack

from charte_desktop.db import Database
from charte_desktop.services.attendance import (
    AttendanceRecord,
    attendance_records,
    restore_attendances,
)
from charte_desktop.ui.undo import DoneCommand


class AttendanceCommand(DoneCommand):
    def __init__(self, text: str, db: Database, meeting_id: int,
                 before: list[AttendanceRecord], after: list[AttendanceRecord],
                 refresh: Callable[[], None]) -> None:
        super().__init__(text, refresh)
        self._db = db
        self._meeting_id = meeting_id
        self._before = before
        self._after = after

    def _put_back(self, records: list[AttendanceRecord]) -> None:
        self._run(lambda: restore_attendances(self._db, self._meeting_id, records))

    def redo(self) -> None:
        if self._first:  # already done when pushed
            self._first = False
            return
        self._put_back(self._after)

    def undo(self) -> None:
        self._put_back(self._before)


def run_undoably(text: str, db: Database, stack: QUndoStack, meeting_id: int,
                 contact_ids: Iterable[int] | None, change: Callable[[], object],
                 refresh: Callable[[], None]) -> None:
    """Run `change` (a use case; its CharteError goes to the caller, nothing recorded),
    then record it as one step touching `contact_ids` (everyone on the list when None)."""
    ids = None if contact_ids is None else list(contact_ids)
    before = attendance_records(db, meeting_id, ids)
    change()
    if ids is None:  # anyone added by the change was not on the list before
        known = {record.contact_id for record in before}
        after = attendance_records(db, meeting_id)
        before += [AttendanceRecord(r.contact_id, None, None) for r in after
                   if r.contact_id not in known]
    else:
        after = attendance_records(db, meeting_id, ids)
    stack.push(AttendanceCommand(text, db, meeting_id, before, after, refresh))
