"""A plan kept in Excel comes in whole from the window: rows left out from the preview with
the keyboard, then the Plan d'actions screen showing the imported plan."""

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard
from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.models import Action, Plan
from charte_desktop.ui.import_wizard import kinds
from charte_desktop.ui.import_wizard.wizard import ImportWizard
from tests.imports.messy_plan import BAD_LINE, MESSY_TITLE, messy_plan
from tests.ui.keyboard import focused, key, reach, type_keys

WAIT_MS = 20_000


def _to_preview(qtbot: Any, wizard: ImportWizard, path: Path) -> None:
    reach(wizard.file_page.path_edit)  # the file's path typed, as pasted from Explorer
    type_keys(str(path))
    key(Qt.Key.Key_Tab)  # leaving the field reads the file
    qtbot.waitUntil(lambda: not wizard.file_page.task.running, timeout=WAIT_MS)
    _push(wizard, QWizard.WizardButton.NextButton)  # « Suivant » : the columns
    assert wizard.currentPage() is wizard.mapping_page
    _push(wizard, QWizard.WizardButton.NextButton)  # the preview
    assert wizard.currentPage() is wizard.preview_page
    _wait(qtbot, wizard)


def _push(wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    """A button of the wizard reached with Tab and pressed with Espace."""
    reach(wizard.button(which))
    key(Qt.Key.Key_Space)


def _wait(qtbot: Any, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.preview_page.task.running
                    and wizard.preview is not None, timeout=WAIT_MS)


def _lines(wizard: ImportWizard) -> list[str]:
    return [row[0] for row in wizard.preview_page.items_model.rows()]


def _leave_out_the_bad_row(qtbot: Any, wizard: ImportWizard) -> None:
    """The problem's row, left out from the problems' table with Suppr."""
    page = wizard.preview_page
    assert [row[0] for row in page.problems_model.rows()] == [str(BAD_LINE)]
    reach(page.problems)
    key(Qt.Key.Key_Down)
    assert page.problems.currentIndex().row() == 0
    key(Qt.Key.Key_Delete)
    _wait(qtbot, wizard)


@pytest.fixture
def wizard(qtbot: Any, demo_db: Database) -> Any:
    made = ImportWizard(demo_db, kinds.KINDS["actions"])
    qtbot.addWidget(made)
    made.show()
    yield made
    for page in (made.file_page, made.preview_page, made.confirm_page):
        page.task.stop_and_wait()


def test_rows_are_left_out_from_the_preview_with_the_keyboard(
        qtbot: Any, wizard: ImportWizard, tmp_path: Path) -> None:
    _to_preview(qtbot, wizard, messy_plan(tmp_path))
    page = wizard.preview_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # the unknown status refuses the import
    assert _lines(wizard) == ["6", "7", "8", "9", "12"]  # no total row among the actions
    assert "Structures à créer (1) : Club vélo des Granges." in page.created.text()
    assert "Politiques publiques à créer (1) : SDIRVE." in page.created.text()
    assert "Ligne 14 (« TOTAL GÉNÉRAL ») ignorée : ligne de total." in page.notes.text()
    assert page.items_model.rows()[0][6] == "40\u00a0%"  # Avancement
    assert page.skipped.text().startswith("Suppr ou Espace sur une ligne")

    _leave_out_the_bad_row(qtbot, wizard)
    assert page.problems_model.rows() == [] and next_button.isEnabled()
    assert page.skipped.text().startswith(f"Lignes laissées de côté : {BAD_LINE}.")
    assert focused() is page.items  # the keyboard stays in the preview's tables

    # Espace in the actions' table leaves out the first one (line 6).
    key(Qt.Key.Key_Space)
    _wait(qtbot, wizard)
    assert _lines(wizard) == ["7", "8", "9", "12"]
    assert page.skipped.text().startswith(f"Lignes laissées de côté : 6, {BAD_LINE}.")
    # « Reprendre les lignes laissées de côté » brings every row back.
    reach(page.restore)
    key(Qt.Key.Key_Space)
    _wait(qtbot, wizard)
    assert _lines(wizard) == ["6", "7", "8", "9", "12"]
    assert not next_button.isEnabled() and not page.restore.isVisible()


def test_the_imported_plan_is_shown_by_the_window(
        qtbot: Any, demo_db: Database, tmp_path: Path, answer_dialogs: Any) -> None:
    from charte_desktop.ui.main_window import MainWindow
    from charte_desktop.ui.pages.actions_page import ActionsPage

    path = messy_plan(tmp_path)
    window = MainWindow(demo_db, screen="actions")
    qtbot.addWidget(window)
    window.show()
    page = window.pages["actions"]
    assert isinstance(page, ActionsPage)
    assert page.plan_combo.currentText() not in ("", MESSY_TITLE)  # the demo's plan
    driven: list[str] = []

    def drive() -> None:
        found = [widget for widget in QApplication.topLevelWidgets()
                 if isinstance(widget, ImportWizard) and widget.isVisible()]
        if not found:
            QTimer.singleShot(20, drive)
            return
        wizard = found[0]
        try:
            _to_preview(qtbot, wizard, path)
            _leave_out_the_bad_row(qtbot, wizard)
            _push(wizard, QWizard.WizardButton.NextButton)  # the last page
            assert wizard.currentPage() is wizard.confirm_page
            _push(wizard, QWizard.WizardButton.FinishButton)  # « Importer »
            qtbot.waitUntil(lambda: wizard.result is not None, timeout=WAIT_MS)
            driven.append(wizard.done_text)
        finally:
            if wizard.result is None:  # a failed step must not leave the modal wizard open
                wizard.reject()

    QTimer.singleShot(0, drive)
    window.import_file("actions")
    assert driven and driven[0].startswith(
        f"5 actions importées dans le nouveau plan « {MESSY_TITLE} »")
    # What was created, agreeing in gender and number; nothing said of what was not.
    assert " 0 " not in driven[0] and driven[0].endswith(" créées.")
    assert answer_dialogs.warnings == driven
    assert window.current_page() is page
    assert page.plan_combo.currentText() == MESSY_TITLE  # not the plan shown before
    with demo_db.session() as session:
        plan_id = session.scalars(select(Plan.id).where(Plan.title == MESSY_TITLE)).one()
        codes = sorted(session.scalars(select(Action.code).where(Action.plan_id == plan_id)))
    assert page.plan_id() == plan_id
    assert sorted(row.code for row in page.action_list.model.rows()) == codes
