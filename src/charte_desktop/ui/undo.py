"""Undo and redo of saves (Ctrl+Z / Ctrl+Y): each save through a form is one command.

An edit is undone by saving the form's previous values again; a creation by deleting what
was created; a deletion by putting back, with the same ids, every row it removed or changed
(`db.row_snapshot`), so that the other steps of the history still find their rows. Edits,
creations and deletions go through the use cases, so undo obeys the same rules and
transactions as typing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtGui import QUndoCommand

from charte_desktop.errors import CharteError
from charte_desktop.ui.error_reporting import log, show_user_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from charte_desktop.db import Database
    from charte_desktop.db.row_snapshot import DeletionRecord

NOT_UNDOABLE = "La suppression est faite, mais elle ne pourra pas être annulée."


class DeletionNotRecorded(CharteError):
    """The deletion was done, but cannot be undone: the history must not point at it."""


def record_deletion(db: Database, model: Any, item_id: int,
                    delete: Callable[[int], Any]) -> DeletionRecord:
    """Delete through the use case and keep what went; a French CharteError if the deletion
    was done but could not be recorded (so that no undo promises what it cannot give)."""
    from charte_desktop.db import row_snapshot

    try:
        return row_snapshot.record_deletion(db, model, item_id, lambda: delete(item_id))
    except row_snapshot.IncompleteRecord as error:
        log.warning("Suppression non annulable : %s", error)
        raise DeletionNotRecorded(NOT_UNDOABLE) from error


@dataclass
class Spot:
    """Where a step was done and what it was: before Ctrl+Z (or Ctrl+Y) undoes it, the window
    shows its screen and its row, then says « Annulé : modification de l'action « … »
    (Plan d'actions) » (`ui/undo_view.py`)."""

    what: str  # « modification de l'action « Harmoniser les horaires… » »
    origin: QWidget | None = None  # what it was done from: its screen is found from it
    item_id: int | None = None
    kind: Literal["edit", "create", "delete"] = "edit"
    editor: object | None = None  # the EntityEditor: the list it edits selects the row
    context: int | None = None  # the screen's item that list is about (a milestone's action)
    show: Callable[[int], object] | None = None  # shows the item whatever the list's filters
    failed: bool = False  # the last undo or redo was refused (and said so)

    def exists(self, *, undone: bool) -> bool:
        """Whether the item is in the file once the step is undone (or done again)."""
        if self.kind == "edit":
            return True
        return (self.kind == "delete") == undone


class DoneCommand(QUndoCommand):
    """A step already done when pushed (its first redo does nothing); undo and redo run
    through `_run`, which says in French why a step can no longer be undone."""

    def __init__(self, text: str, refresh: Callable[[], None]) -> None:
        super().__init__(text)
        self._refresh = refresh
        self._first = True
        self.spot: Spot | None = None  # where it was done, to show it before undoing it

    def _run(self, step: Callable[[], None]) -> None:
        failed = False
        try:
            step()
        except CharteError as error:
            # E.g. the row was deleted since: say so; the stack stays usable.
            show_user_error(None, error, "Annulation impossible")
            self.setObsolete(True)
            failed = True
        if self.spot is not None:
            self.spot.failed = failed
        self._refresh()


class EditCommand(DoneCommand):
    def __init__(
        self,
        text: str,
        update: Callable[[int, Any], Any],
        item_id: int,
        before: Any,
        after: Any,
        refresh: Callable[[], None],
    ) -> None:
        super().__init__(text, refresh)
        self._update = update
        self._id = item_id
        self._before = before
        self._after = after

    def redo(self) -> None:
        if self._first:  # the form has already saved
            self._first = False
            return
        self._run(lambda: self._update(self._id, self._after))

    def undo(self) -> None:
        self._run(lambda: self._update(self._id, self._before))


class CreateCommand(DoneCommand):
    """Undo deletes what was created. Given the file and the model, the deletion is
    recorded and redo puts the very same rows back (same id: later steps still find it);
    otherwise redo creates it anew from the saved fields."""

    def __init__(
        self,
        text: str,
        create: Callable[[Any], Any],
        delete: Callable[[int], None],
        created_id: int,
        fields: Any,
        refresh: Callable[[], None],
        *,
        db: Database | None = None,
        model: Any = None,
    ) -> None:
        super().__init__(text, refresh)
        self._create = create
        self._delete = delete
        self._id = created_id
        self._fields = fields
        self._db = db
        self._model = model
        self._record: DeletionRecord | None = None

    def redo(self) -> None:
        if self._first:
            self._first = False
            return

        def again() -> None:
            if self._record is not None and self._db is not None:
                from charte_desktop.db.row_snapshot import restore_deletion

                restore_deletion(self._db, self._record)
                self._record = None
            else:
                self._id = self._create(self._fields).id

        self._run(again)

    def undo(self) -> None:
        def remove() -> None:
            self._record = None
            if self._db is None or self._model is None:
                self._delete(self._id)
                return
            # Not recorded: deleted all the same, and redo creates it anew.
            with suppress(DeletionNotRecorded):
                self._record = record_deletion(self._db, self._model, self._id, self._delete)

        self._run(remove)


class DeleteCommand(DoneCommand):
    """Undo puts back what was deleted, with the same ids and all that went with it (an
    action's milestones, fundings, journal, links; decisions that named it relinked…);
    redo deletes it again through the use case."""

    def __init__(
        self,
        text: str,
        db: Database,
        model: Any,
        delete: Callable[[int], Any],
        record: DeletionRecord,
        refresh: Callable[[], None],
    ) -> None:
        super().__init__(text, refresh)
        self._db = db
        self._model = model
        self._delete = delete
        self._record = record

    def redo(self) -> None:
        if self._first:  # the editor has already deleted
            self._first = False
            return

        def again() -> None:
            self._record = record_deletion(
                self._db, self._model, self._record.item_id, self._delete
            )

        self._run(again)

    def undo(self) -> None:
        from charte_desktop.db.row_snapshot import restore_deletion

        self._run(lambda: restore_deletion(self._db, self._record))
