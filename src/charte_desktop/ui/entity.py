"""How the window edits one kind of entity: its form, and the use cases behind it."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

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
    Spot,
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
    # What Ctrl+Z of a creation runs instead of `delete`, given the id created (a first
    # budget line gives the action back the totals it had before).
    undo_create: Callable[[int], None] | None = None
    # Its table when other officers may change it too ("action", "meeting", "contact"):
    # a save from a form opened before their change is refused, and the form shows its
    # « Historique ».
    versioned: str | None = None

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

    @property
    def of_name(self) -> str:
        """ "de l'action", "de la suite à donner", "du jalon"."""
        the_name = self.the_name
        return f"du {self.name}" if the_name.startswith("le ") else f"de {the_name}"

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
        # For Ctrl+Z to show the row again (ui/undo_view.py): the screen's item the list is
        # about (a milestone's action), and how to show an item whatever the filters.
        self.context: Callable[[], int | None] | None = None
        self.show: Callable[[int], object] | None = None

    def spot(self, kind: Literal["edit", "create", "delete"], item_id: int, fields: Any) -> Spot:
        """Where a step is done and what it is: « modification de l'action « … » »."""
        doing = {"edit": "modification", "create": "création", "delete": "suppression"}[kind]
        label = ""
        if fields is not None:
            label = (self.entity.describe or describe_fields)(fields)
        what = f"{doing} {self.entity.of_name}" + (f" « {label} »" if label else "")
        return Spot(what, self.parent, item_id, kind,
                    editor=self, context=self.context() if self.context else None,
                    show=self.show)

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
                entity.undo_create or entity.delete,
                created.id,
                dialog.saved_fields,
                self.refresh,
                db=self.db,
                model=entity.model,
            )
        )
        self.refresh()
        return created

    def edit(self, item_id: int, title: str | None = None,
             carried: tuple[dict[str, Any], F] | None = None) -> Any:
        """The record's form; `carried`: changes typed in a form refused because a
        colleague saved meanwhile, and the values that form had opened on."""
        from charte_desktop.services import history  # loaded with the rest of the core

        entity = self.entity
        table = entity.versioned
        try:
            version = None if table is None else history.row_version(self.db, table, item_id)
            before = entity.load(item_id)
        except CharteError as error:
            show_user_error(self.parent, error)
            self.refresh()
            return None

        def save(fields: F) -> Any:
            if table is None:
                return entity.update(item_id, fields)
            return history.saved_from(table, item_id, version,
                                      lambda: entity.update(item_id, fields), self.db)

        dialog: FormDialog[F] = FormDialog(
            self.parent,
            self.db,
            title or entity.edit_title(before),
            entity.specs(),
            before,
            save,
            check_at_start=False,
            history=None if table is None else (
                lambda: history.history_lines(self.db, table, item_id)),
        )
        if carried is not None:
            dialog.carry_over(*carried)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved_fields is None:
            if dialog.reload_requested:  # another officer's change: open it as it is now
                self.refresh()
                return self.edit(item_id, title, (dialog.kept_changes, before)
                                 if dialog.kept_changes else None)
            return None
        if dialog.saved_fields != before:
            command = EditCommand(
                f"Modification : {entity.name}",
                entity.update if table is None else self._versioned_update(table, item_id),
                item_id,
                before,
                dialog.saved_fields,
                self.refresh,
            )
            command.spot = self.spot("edit", item_id, dialog.saved_fields)
            self.undo_stack.push(command)
        self.refresh()
        return dialog.result_value

    def _versioned_update(self, table: str, item_id: int) -> Callable[[int, F], Any]:
        """Ctrl+Z and Ctrl+Y of an edit, refused (in French, nothing written) when another
        officer saved the record since: an undo never overwrites a colleague's change."""
        from charte_desktop.services import history

        version = [history.row_version(self.db, table, item_id)]  # as this save left it

        def update(row_id: int, fields: F) -> Any:
            result = history.saved_from(table, row_id, version[0],
                                        lambda: self.entity.update(row_id, fields))
            version[0] = history.row_version(self.db, table, row_id)
            return result

        return update

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
        try:  # what names it, for « Annulé : suppression de l'action « … » »
            fields: Any = entity.load(item_id) if entity.model is not None else None
        except CharteError:
            fields = None
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
            command = DeleteCommand(
                f"Suppression : {entity.name}",
                self.db,
                entity.model,
                entity.delete,
                record,
                self.refresh,
            )
            command.spot = self.spot("delete", item_id, fields)
            self.undo_stack.push(command)
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
