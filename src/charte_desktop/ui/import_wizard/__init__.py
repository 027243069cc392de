"""Fichier › Importer un plan d'actions… / Importer des contacts… : the import assistant."""

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget, QWizard

from charte_desktop.db import Database

FOLDER_SETTING = "import/folder"


def run_import_wizard(parent: QWidget, db: Database, kind: str) -> tuple[str, str] | None:
    """Run the assistant (modal); (what was imported, screen to show) once written."""
    from charte_desktop.ui.import_wizard.kinds import KINDS
    from charte_desktop.ui.import_wizard.wizard import ImportWizard

    remembered = QSettings().value(FOLDER_SETTING)
    folder = Path(remembered) if isinstance(remembered, str) and remembered else Path.home()
    wizard = ImportWizard(db, KINDS[kind], parent, start_folder=folder)
    accepted = wizard.exec() == QWizard.DialogCode.Accepted
    if wizard.source is not None:
        QSettings().setValue(FOLDER_SETTING, str(wizard.source.table.source.parent))
    wizard.deleteLater()
    plan_id = getattr(wizard.result, "plan_id", None)
    context = getattr(parent, "context", None)
    if accepted and plan_id is not None and context is not None:
        context.plan_id = plan_id  # the Plan d'actions screen then shows the imported plan
    return (wizard.done_text, wizard.kind.screen) if accepted else None
