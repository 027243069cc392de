"""Workbooks written from the screens: the plan's tableau de suivi, the directory or a
body's members."""

from pathlib import Path

from PySide6.QtWidgets import QWidget

from charte_desktop.db import Database
from charte_desktop.exports.progress import Progress
from charte_desktop.ui.file_exports import EXCEL_FILTER, save_document, save_in_background


def export_monitoring(parent: QWidget, db: Database, plan_id: int | None) -> Path | None:
    """The tableau de suivi of the plan (every plan when None), written in the background
    with its progress and « Annuler »."""
    from charte_desktop.db.thread_reader import reader_for_thread
    from charte_desktop.exports.monitoring import (
        suggested_monitoring_name,
        write_monitoring_workbook,
    )

    def write(target: Path, progress: Progress) -> Path:
        with reader_for_thread(db) as reader:  # the worker's own connection
            return write_monitoring_workbook(reader, target, plan_id=plan_id,
                                             progress=progress)

    return save_in_background(
        parent, lambda: suggested_monitoring_name(db, plan_id), write,
        title="Enregistrer le tableau de suivi", file_filter=EXCEL_FILTER,
        failure="Tableau de suivi non écrit", work_title="Tableau de suivi",
        heading="Écriture du tableau de suivi…")


def export_contacts(parent: QWidget, db: Database, body_id: int | None) -> Path | None:
    """The whole directory, or one body's members with their roles and e-mails."""
    from charte_desktop.exports.contacts_workbook import (
        suggested_contacts_name,
        write_contacts_workbook,
    )

    return save_document(
        parent, lambda: suggested_contacts_name(db, body_id),
        lambda target: write_contacts_workbook(db, target, body_id=body_id),
        title="Enregistrer les contacts", file_filter=EXCEL_FILTER,
        failure="Contacts non écrits")
