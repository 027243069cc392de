"""The plan's tableau de suivi (Excel), written from the Plan d'actions screen."""

from pathlib import Path

from PySide6.QtWidgets import QWidget

from charte_desktop.db import Database
from charte_desktop.ui.file_exports import ask_target, offer_to_open, write_file

EXCEL_FILTER = "Classeurs Excel (*.xlsx)"


def export_monitoring(parent: QWidget, db: Database, plan_id: int | None) -> Path | None:
    """Ask where, write the workbook of the plan (every plan when None), offer to open it."""
    from charte_desktop.exports.monitoring import (
        suggested_monitoring_name,
        write_monitoring_workbook,
    )

    failure = "Tableau de suivi non écrit"
    name = write_file(parent, lambda: suggested_monitoring_name(db, plan_id), failure)
    target = None if name is None else ask_target(
        parent, "Enregistrer le tableau de suivi", name, EXCEL_FILTER)
    if target is None:
        return None
    written = write_file(parent, lambda: write_monitoring_workbook(db, target, plan_id=plan_id),
                         failure)
    if written is not None:
        offer_to_open(parent, written)
    return written
