"""Undo and redo of saves (Ctrl+Z / Ctrl+Y): each save through a form is one command.

An edit is undone by saving the form's previous values again; a creation by deleting what
was created (redo creates it anew). Every step goes through the use cases, so undo obeys
the same rules and transactions as typing.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from charte_desktop.errors import CharteError
from charte_desktop.ui.error_reporting import show_user_error


class _SaveCommand(QUndoCommand):
    def __init__(self, text: str, refresh: Callable[[], None]) -> None:
        super().__init__(text)
        self._refresh = refresh
        self._first = True

    def _run(self, step: Callable[[], None]) -> None:
        try:
            step()
        except CharteError as error:
            # E.g. the row was deleted since: say so; the stack stays usable.
            show_user_error(None, error, "Annulation impossible")
            self.setObsolete(True)
        self._refresh()


class EditCommand(_SaveCommand):
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


class CreateCommand(_SaveCommand):
    def __init__(
        self,
        text: str,
        create: Callable[[Any], Any],
        delete: Callable[[int], None],
        created_id: int,
        fields: Any,
        refresh: Callable[[], None],
    ) -> None:
        super().__init__(text, refresh)
        self._create = create
        self._delete = delete
        self._id = created_id
        self._fields = fields

    def redo(self) -> None:
        if self._first:
            self._first = False
            return

        def again() -> None:
            self._id = self._create(self._fields).id

        self._run(again)

    def undo(self) -> None:
        self._run(lambda: self._delete(self._id))
