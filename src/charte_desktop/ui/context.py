"""What every screen needs: the open file, the undo history, and a way to open an item."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoStack

from charte_desktop.db import Database


@dataclass
class AppContext:
    db: Database
    undo_stack: QUndoStack
    # open_item("actions", 12) shows the Plan d'actions screen with action 12 selected.
    open_item: Callable[[str, int | None], None]
    # The plan the officer works on: the one selected on Plan d'actions (None until shown).
    plan_id: int | None = None
