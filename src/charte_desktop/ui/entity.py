"""How the window edits one kind of entity: its form, and the use cases behind it."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from charte_desktop.db import Database
from charte_desktop.errors import CharteError
from charte_desktop.ui.error_reporting import show_user_error
from charte_desktop.ui.form_dialog import FieldSpec, FormDialog
from charte_desktop.ui.undo import (
    CreateCommand,
    DeleteCommand,
    DeletionNotRecorded,
    EditCommand,
    record_deletion,
)

F = TypeVar("F")
T = TypeVar("T")


@dataclass
class Entity(Generic[F]):
    """One kind of thing the officer creates, edits and deletes (an action, a contact…)."""

    name: str  # "action", as in "Nouvelle action" / "Modifier l'action"
    new_title: str  # "Nouvelle action"
    specs: Callable[[], Sequence[FieldSpec]]  # built when the form opens (fresh choices)
    blank: Callable[[], F]
    load: Callable[[int], F]
    create: Callable[[F], Any]
    update: Callable[[int, F], Any]
    delete: Callable[[int], None]
    deletion_question: Callable[[int], str]
    duplicate: Callable[[int], Any] | None = None
    # What names one item in a title, when its fields hold no title, name or text (a
    # funding: its funder and amount).
    describe: Callable[[F], str] | None = None
    # Its table's name (`services.tables.ACTION`…), or its mapped class: with it, Ctrl+Z
    # undoes a deletion.
    model: type[Any] | str | None = None

    @property
    def feminine(self) -> bool:
        """Its form is a « Nouvelle … »: « créée », « elle »."""
        return self.new_title.startswith("Nouvelle ")

    @property
    def the_name(self) -> str:
        """ "l'action", "la suite à donner", "le jalon": the name with its article."""
        if self.name[:1].lower() in "aeiouyéèêh":
            return f"l'{self.name}"
        return f"la {self.name}" if self.feminine else f"le {self.name}"

    def edit_title(self, fields: F) -> str:
        """ "Modifier la suite à donner « Relancer les communes… »" """
        label = (self.describe or describe_fields)(fields)
        return f"Modifier {self.the_name} « {label} »" if label else f"Modifier {self.the_name}"


class EntityEditor(Generic[F]):
    """Opens forms, confirms deletions and records undoable steps for one Entity."""

    def __init__(
        self,
        parent: QWidget,
        db: Database,
        entity: Entity[F],
        undo_stack: QUndoStack,
        refresh: Callable[[], None],
    ) -> None:
        self.parent = parent
        self.db = db
        self.entity = entity
        self.undo_stack = undo_stack
        self.refresh = refresh

    def create(self, initial: F | None = None) -> Any:
        entity = self.entity
        dialog: FormDialog[F] = FormDialog(
            self.parent,
            self.db,
            entity.new_title,
            entity.specs(),
            initial if initial is not None else entity.blank(),
            entity.create,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved_fields is None:
            return None
        created = dialog.result_value
        self.undo_stack.push(
            CreateCommand(
                f"Création : {entity.name}",
                entity.create,
                entity.delete,
                created.id,
                dialog.saved_fields,
                self.refresh,
                db=self.db,
                model=entity.model,
            )
        )
        self.refresh()
        return created

    def edit(self, item_id: int, title: str | None = None) -> Any:
        entity = self.entity
        try:
            before = entity.load(item_id)
        except CharteError as error:
            show_user_error(self.parent, error)
            self.refresh()
            return None
        dialog: FormDialog[F] = FormDialog(
            self.parent,
            self.db,
            title or entity.edit_title(before),
            entity.specs(),
            before,
            lambda fields: entity.update(item_id, fields),
            check_at_start=False,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved_fields is None:
            return None
        if dialog.saved_fields != before:
            self.undo_stack.push(
                EditCommand(
                    f"Modification : {entity.name}",
                    entity.update,
                    item_id,
                    before,
                    dialog.saved_fields,
                    self.refresh,
                )
            )
        self.refresh()
        return dialog.result_value

    def delete(self, item_id: int) -> bool:
        """Ask, naming what goes with it, then delete; Ctrl+Z puts it all back (same ids),
        Ctrl+Y deletes it again."""
        entity = self.entity
        try:
            question = entity.deletion_question(item_id)
        except CharteError as error:
            show_user_error(self.parent, error)
            return False
        undoable = entity.model is not None
        note = ("Ctrl+Z annule la suppression." if undoable
                else "Cette suppression ne peut pas être annulée.")
        answer = QMessageBox.question(
            self.parent,
            "Confirmer la suppression",
            f"{question}\n\n{note}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            if entity.model is None:
                entity.delete(item_id)
                record = None
            else:
                record = record_deletion(self.db, entity.model, item_id, entity.delete)
        except DeletionNotRecorded as error:  # done, but it cannot be undone
            show_user_error(self.parent, error)
            record = None
        except CharteError as error:  # refused: nothing was deleted
            show_user_error(self.parent, error)
            return False
        if record is None:
            # Undo steps may point at what was just deleted: start a clean history.
            self.undo_stack.clear()
        else:
            self.undo_stack.push(
                DeleteCommand(
                    f"Suppression : {entity.name}",
                    self.db,
                    entity.model,
                    entity.delete,
                    record,
                    self.refresh,
                )
            )
        self.refresh()
        return True

    def duplicate(self, item_id: int) -> Any:
        if self.entity.duplicate is None:
            return None
        try:
            copy = self.entity.duplicate(item_id)
        except CharteError as error:
            show_user_error(self.parent, error)
            return None
        self.refresh()
        return copy


TITLE_LENGTH = 60


def shorten(text: str, length: int = TITLE_LENGTH) -> str:
    """The first line of `text`, cut with "…" past `length` characters."""
    line = " ".join(text.split("\n", 1)[0].split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


def describe_fields(fields: Any) -> str:
    """What names an item in a title: its title, name or text, or the person's name."""
    for name in ("title", "name", "text"):
        value = getattr(fields, name, None)
        if isinstance(value, str) and value.strip():
            return shorten(value)
    person = " ".join(str(getattr(fields, part, "") or "").strip()
                      for part in ("first_name", "last_name")).strip()
    return shorten(person)


def find_by_id(items: Iterable[T], item_id: int, what: str) -> T:
    """The item with this id among `items`, or a French "introuvable" (deleted meanwhile,
    e.g. by an undo) instead of an unexpected error."""
    found = next((item for item in items if item.id == item_id), None)  # type: ignore[attr-defined]
    if found is None:
        raise CharteError(f"{what} n° {item_id} est introuvable.")
    return found
