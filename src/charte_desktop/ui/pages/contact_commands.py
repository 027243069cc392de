"""The Annuaire's commands on one person: « Exporter ses données » (RGPD), « Anonymiser… »,
« Archiver » / « Désarchiver », and the deletion that offers archiving instead when the
person is in the minutes of held meetings."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from charte_desktop.db import Database
from charte_desktop.errors import CharteError
from charte_desktop.services import archive
from charte_desktop.ui.entity import EntityEditor
from charte_desktop.ui.error_reporting import show_user_error

STATUS_MS = 15_000


def say(parent: QWidget, text: str) -> None:
    """A French status line at the bottom of the window."""
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)


def export_person(parent: QWidget, db: Database, contact_id: int) -> Path | None:
    """Everything held about the person, in a workbook chosen with the save dialog."""
    from charte_desktop.exports.person_workbook import (
        suggested_person_name,
        write_person_workbook,
    )
    from charte_desktop.ui.file_exports import EXCEL_FILTER, save_document

    written = save_document(
        parent, lambda: suggested_person_name(db, contact_id),
        lambda target: write_person_workbook(db, contact_id, target),
        title="Enregistrer ses données", file_filter=EXCEL_FILTER,
        failure="Données non écrites")
    if written is not None:
        say(parent, f"Données de la personne enregistrées : {written}")
    return written


def anonymise_question(name: str) -> str:
    return (f"Anonymiser « {name} » ?\n\n"
            "Son nom, son courriel, son téléphone, ses notes, sa civilité, son titre, sa "
            "fonction et sa structure seront effacés ; partout où son nom ou son courriel "
            "est écrit (comptes rendus, décisions, notes…), il sera remplacé par "
            "« Personne anonymisée ». Ses présences et ses rôles restent, sous ce nom : "
            "les comptes rendus gardent leurs décomptes.\n\n"
            "Une sauvegarde du fichier est faite d'abord. L'anonymisation ne peut pas être "
            "annulée par Ctrl+Z.")


def anonymise_person(parent: QWidget, db: Database, contact_id: int,
                     after: Callable[[], None], clear_history: Callable[[], None]) -> bool:
    """Ask, naming the person and what happens; back up, anonymise, say it in the
    status bar. True when done."""
    from charte_desktop.services.anonymise import anonymise_contact, check_anonymisable

    try:
        name = check_anonymisable(db, contact_id)
    except CharteError as error:
        show_user_error(parent, error, "Anonymisation impossible")
        return False
    answer = QMessageBox.question(
        parent, "Anonymiser une personne", anonymise_question(name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        done = anonymise_contact(db, contact_id)
    except CharteError as error:
        show_user_error(parent, error, "Anonymisation impossible")
        return False
    clear_history()  # undo steps may hold the person's former values
    after()
    say(parent, f"« {name} » anonymisé·e" + (
        f" ; sauvegarde faite avant : {done.backup}" if done.backup is not None else
        " dans la base partagée"))
    return True


def toggle_contact_archive(parent: QWidget, db: Database, contact_id: int,
                           after: Callable[[], None]) -> bool | None:
    """Archive the person, or bring them back; the new state, None if refused."""
    try:
        archived = not archive.is_contact_archived(db, contact_id)
        archive.set_contact_archived(db, contact_id, archived)
    except CharteError as error:
        show_user_error(parent, error)
        return None
    after()
    say(parent, "Contact archivé : il reste dans l'historique, plus dans les listes de "
                "choix." if archived else "Contact désarchivé.")
    return archived


class ContactEditor(EntityEditor[Any]):
    """The contacts' editor: deleting someone in held minutes asks to archive instead."""

    def delete(self, item_id: int) -> bool:
        try:
            question = archive.archive_instead_question(self.db, item_id)
        except CharteError as error:
            show_user_error(self.parent, error)
            return False
        if question is None:
            return super().delete(item_id)
        answer = QMessageBox.question(
            self.parent, "Suppression impossible", question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            archive.set_contact_archived(self.db, item_id, True)
        except CharteError as error:
            show_user_error(self.parent, error)
            return False
        self.refresh()
        say(self.parent, "Contact archivé : il reste dans l'historique, plus dans les "
                         "listes de choix.")
        return True
