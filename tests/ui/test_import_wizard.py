"""The import assistant driven as an officer would: file → columns → preview → import."""

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard
from sqlalchemy import func, select

from charte_desktop.db import Database
from charte_desktop.db.models import Action, Contact, Plan
from charte_desktop.ui.import_wizard import kinds
from charte_desktop.ui.import_wizard import wizard as wizard_module
from charte_desktop.ui.import_wizard.wizard import ImportWizard
from tests.imports.bad_workbooks import png_renamed
from tests.imports.replace_cells import replace_cells
from tests.imports.sample_files import clean_plan, contacts_list, plan_typed_by_someone_else
from tests.ui.keyboard import key, reach
from tests.whole_file import dump

WAIT_MS = 20_000


@pytest.fixture
def make_wizard(qtbot: Any, demo_db: Database) -> Iterator[Any]:
    made: list[ImportWizard] = []

    def make(kind: str = "actions") -> ImportWizard:
        wizard = ImportWizard(demo_db, kinds.KINDS[kind])
        qtbot.addWidget(wizard)
        wizard.show()
        made.append(wizard)
        return wizard

    yield make
    for wizard in made:  # never leave a worker running after a test
        for page in (wizard.file_page, wizard.preview_page, wizard.confirm_page):
            page.task.stop_and_wait()


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _load(qtbot: Any, wizard: ImportWizard, path: Path) -> None:
    wizard.file_page.path_edit.setText(str(path))
    wizard.file_page.path_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: not wizard.file_page.task.running, timeout=WAIT_MS)


def _to_preview(qtbot: Any, wizard: ImportWizard, path: Path) -> None:
    _load(qtbot, wizard, path)
    assert wizard.file_page.isComplete()
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(lambda: not wizard.preview_page.task.running, timeout=WAIT_MS)


def _next_button(wizard: ImportWizard) -> Any:
    return wizard.button(QWizard.WizardButton.NextButton)


def test_a_plan_typed_by_someone_else_shows_its_problems_and_cannot_be_imported(
        qtbot: Any, make_wizard: Any, demo_db: Database, tmp_path: Path) -> None:
    before = dump(demo_db)
    wizard = make_wizard()
    _load(qtbot, wizard, plan_typed_by_someone_else(tmp_path))
    page = wizard.file_page
    assert "titres de colonnes en ligne 4" in page.message.text()
    assert page.title_edit.text() == "Plan d'actions de la charte mobilité 2025-2030"
    wizard.next()
    boxes = wizard.mapping_page.boxes
    assert boxes["title"].currentText() == "B · INTITULE"
    assert boxes["end_date"].currentText() == "H · Echeance"
    assert boxes["axis"].currentData() is None
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: not preview.task.running, timeout=WAIT_MS)
    assert [row[:2] for row in preview.items_model.rows()] == [
        ("6", "1.1"), ("7", "1.2"), ("11", "2.2")]
    assert preview.problems_model.rows() == [
        ("10", "statut « En réflexion » inconnu (possibles : À lancer, En cours, Réalisée, "
               "Suspendue, Abandonnée)"),
    ]
    # The unreadable date holds nothing back: its action comes in without it.
    assert "• Ligne 7 : date « 31/02/2025 » illisible, laissée vide." in preview.notes.text()
    assert "Axes à créer (2) : 1 – Mobilité du quotidien, 2 – Logistique urbaine." in (
        preview.created.text())
    assert not _next_button(wizard).isEnabled()
    assert dump(demo_db) == before  # nothing written, on a file or a server


def test_a_corrected_plan_is_imported_from_the_last_page(
        qtbot: Any, make_wizard: Any, demo_db: Database, tmp_path: Path,
        private_data_folder: Path) -> None:
    path = plan_typed_by_someone_else(tmp_path)
    replace_cells(path, {"G7": "28/02/2025", "E10": "Suspendue"})
    plans, actions = _count(demo_db, Plan), _count(demo_db, Action)
    wizard = make_wizard()
    _to_preview(qtbot, wizard, path)
    assert wizard.preview_page.problems_model.rows() == []
    assert _next_button(wizard).isEnabled()
    wizard.next()
    assert wizard.currentPage() is wizard.confirm_page
    assert "4 actions, 2 axes et 2 pilotes" in wizard.confirm_page.text.text()
    assert _count(demo_db, Action) == actions  # nothing written before « Importer »
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=WAIT_MS)
    assert wizard.done_text == ("4 actions importées dans le nouveau plan « Plan d'actions "
                                "de la charte mobilité 2025-2030 » ; 2 axes et 2 pilotes "
                                "créés.")
    assert not wizard.isVisible()
    assert (_count(demo_db, Plan), _count(demo_db, Action)) == (plans + 1, actions + 4)
    if demo_db.server is None:  # a server's own backups keep its content
        assert list(private_data_folder.rglob("*-import.sqlite"))


def test_columns_can_be_changed_and_a_missing_title_is_refused(
        qtbot: Any, make_wizard: Any, demo_db: Database, tmp_path: Path) -> None:
    wizard = make_wizard()
    _load(qtbot, wizard, clean_plan(tmp_path))
    wizard.next()
    page = wizard.mapping_page
    page.boxes["title"].setCurrentIndex(0)  # « ne pas importer »
    wizard.next()
    assert wizard.currentPage() is page
    assert page.message.text().startswith("Colonne obligatoire introuvable : « Intitulé ».")
    # The title taken from another column: the preview follows the officer's choice.
    page.boxes["title"].setCurrentIndex(page.boxes["title"].findText("B · Intitulé"))
    page.boxes["description"].setCurrentIndex(page.boxes["description"].findText("C · Axe"))
    page.boxes["axis"].setCurrentIndex(0)
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.task.running, timeout=WAIT_MS)
    rows = wizard.preview_page.items_model.rows()
    assert len(rows) == 3 and all(row[3] == "" for row in rows)  # no axis any more


def test_choosing_another_header_line_proposes_its_columns(
        qtbot: Any, make_wizard: Any, tmp_path: Path) -> None:
    wizard = make_wizard()
    _load(qtbot, wizard, plan_typed_by_someone_else(tmp_path))
    wizard.next()
    page = wizard.mapping_page
    page.header_spin.setValue(2)  # « Document de travail – version du 12/01/2025 »
    assert all(box.currentData() is None for box in page.boxes.values())
    page.header_spin.setValue(4)
    assert page.boxes["title"].currentText() == "B · INTITULE"


def test_a_refused_file_is_explained_on_the_first_page(
        qtbot: Any, make_wizard: Any, tmp_path: Path) -> None:
    wizard = make_wizard()
    _load(qtbot, wizard, png_renamed(tmp_path))
    page = wizard.file_page
    assert page.message.text() == ("« photo.xlsx » n'est pas un classeur Excel : c'est en "
                                   "réalité une image PNG. Choisissez le classeur (.xlsx) ou "
                                   "un fichier CSV.")
    assert not page.isComplete()
    assert not _next_button(wizard).isEnabled()


def test_cancelling_the_import_writes_nothing(
        qtbot: Any, make_wizard: Any, demo_db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    monkeypatch.setattr(wizard_module, "back_up_before_import", lambda _db: gate.wait(10))
    wizard = make_wizard()
    _to_preview(qtbot, wizard, clean_plan(tmp_path, rows=200))
    wizard.next()
    before = dump(demo_db)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    task = wizard.confirm_page.task
    assert task.running and task.isVisible()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    task.cancel_button.click()  # while the worker waits for its backup
    gate.set()
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)
    assert wizard.confirm_page.message.text() == "Import annulé : rien n'a été modifié."
    assert wizard.isVisible() and wizard.result is None
    assert dump(demo_db) == before  # nothing written, on a file or a server


def test_cancelling_the_reading(qtbot: Any, make_wizard: Any, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    from charte_desktop.ui.import_wizard import file_page

    gate = threading.Event()
    real_open = file_page.open_source

    def slow_open(*args: Any, monitor: Any, **kwargs: Any) -> Any:
        gate.wait(10)
        monitor.update("Lecture du fichier", 0)
        return real_open(*args, monitor=monitor, **kwargs)

    monkeypatch.setattr(file_page, "open_source", slow_open)
    wizard = make_wizard()
    wizard.file_page.path_edit.setText(str(clean_plan(tmp_path)))
    wizard.file_page.path_edit.editingFinished.emit()
    wizard.file_page.task.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: not wizard.file_page.task.running, timeout=WAIT_MS)
    assert wizard.file_page.message.text() == "Import annulé : rien n'a été modifié."
    assert not wizard.file_page.isComplete()


def test_contacts_wizard(qtbot: Any, make_wizard: Any, demo_db: Database, tmp_path: Path
                         ) -> None:
    path = contacts_list(tmp_path)
    replace_cells(path, {"F6": "anne.roux@transports-rapides.example"})
    people = _count(demo_db, Contact)
    wizard = make_wizard("contacts")
    _to_preview(qtbot, wizard, path)
    assert [row[1] for row in wizard.preview_page.items_model.rows()] == ["Durand", "Petit",
                                                                         "Roux"]
    assert wizard.preview_page.notes.text().startswith("À noter :\n• ligne 7 : Hélène Barbier")
    wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=WAIT_MS)
    assert _count(demo_db, Contact) == people + 3


def test_file_menu_opens_the_assistant(qtbot: Any, demo_db: Database) -> None:
    from charte_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    files = window.menuBar().actions()[0].menu()
    texts = [action.text() for action in files.actions()]
    assert "Importer un plan d'&actions…" in texts and "Importer des con&tacts…" in texts
    seen: list[str] = []

    def close_it() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, ImportWizard) and widget.isVisible():
                seen.append(widget.windowTitle())
                widget.reject()
                return
        QTimer.singleShot(20, close_it)

    QTimer.singleShot(0, close_it)
    next(action for action in files.actions()
         if action.text() == "Importer des con&tacts…").trigger()
    assert seen == ["Importer des contacts"]


def test_after_an_import_the_window_shows_what_was_imported(
        qtbot: Any, demo_db: Database, answer_dialogs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import charte_desktop.ui.import_wizard as entry
    from charte_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db, screen="dashboard")
    qtbot.addWidget(window)
    monkeypatch.setattr(entry, "run_import_wizard",
                        lambda *_args: ("3 contacts importés ; 1 structure et 0 cercle créés.",
                                        "directory"))
    window.import_file("contacts")
    assert window.current_page() is window.pages["directory"]
    assert answer_dialogs.warnings == ["3 contacts importés ; 1 structure et 0 cercle créés."]


def test_the_preview_names_the_sheet_ignored_columns_and_hidden_rows(
        qtbot: Any, make_wizard: Any, demo_db: Database, tmp_path: Path) -> None:
    """A hidden first sheet is not read; the preview says which sheet was, which columns
    were left out and which rows were hidden in Excel (imported all the same)."""
    from tests.hostile.test_hostile_imports import hidden_first_sheet, two_row_header

    wizard = make_wizard()
    path = hidden_first_sheet(tmp_path)
    _load(qtbot, wizard, path)
    page = wizard.file_page
    assert page.message.text().startswith("« plan-masque.xlsx » : feuille « Plan 2025 », 4 "
                                          "lignes non vides")
    assert [page.sheet_box.itemText(i) for i in range(page.sheet_box.count())] == [
        "Plan 2025"]  # hidden sheets are not offered
    path = two_row_header(tmp_path)
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook.active.row_dimensions[4].hidden = True
    workbook.save(path)
    wizard = make_wizard()
    _to_preview(qtbot, wizard, path)
    assert "titres de colonnes en lignes 1 et 2" in wizard.file_page.message.text()
    assert "1 ligne masquée dans Excel" in wizard.file_page.message.text()
    preview = wizard.preview_page
    assert preview.source.text() == ("Fichier « deux-lignes.xlsx », feuille « Plan », titres "
                                     "de colonnes en lignes 1 et 2.")
    assert preview.notes.text().splitlines() == [
        "À noter :",
        "• Lignes masquées dans Excel, importées quand même : 4.",
        "• En-tête sur deux lignes (1 et 2) : « Calendrier Début », « Calendrier Fin », "
        "« Budget Prévu », « Budget Réalisé ».",  # « Réalisé » is what was spent
    ]
    boxes = wizard.mapping_page.boxes
    assert boxes["start_date"].currentText() == "C · Calendrier Début"
    assert _next_button(wizard).isEnabled()


def test_an_empty_active_sheet_lets_the_officer_choose_another(
        qtbot: Any, make_wizard: Any, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Vide"
    plan = workbook.create_sheet("Actions")
    plan.append(["N°", "Intitulé", "Pilote"])
    plan.append(["8.1", "Covoiturage", "Hélène Barbier"])
    path = tmp_path / "vide.xlsx"
    workbook.save(path)
    wizard = make_wizard()
    _load(qtbot, wizard, path)
    page = wizard.file_page
    assert page.message.text() == ("La feuille « Vide » est vide : rien à importer. La feuille "
                                   "« Actions » a une ligne d'en-tête reconnue.\nChoisissez une "
                                   "autre feuille dans "
                                   "la liste « Feuille ».")
    assert not page.isComplete()
    assert page.sheet_box.isEnabled()
    reach(page.sheet_box)  # the officer goes to « Feuille » and takes the next sheet
    key(Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not page.task.running, timeout=WAIT_MS)
    assert page.isComplete()
    assert wizard.source is not None and wizard.source.table.sheet == "Actions"
