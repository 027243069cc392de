"""Issue 18, reviewer's findings on the import assistant, driven with the keyboard only:
Entrée goes from page to page and, on the last one, imports; the new plan's title is the
sheet's title row (or the file's name), and the officer may type another; progress
formatted as a percentage, partners holding a comma, « PLUi » for « PLU(i) » and an
unreadable date all come in as the officer expects. Then the file is read."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from charte_desktop.db import Database
from charte_desktop.db.models import Action, Organisation, Plan, Policy
from charte_desktop.ui.import_wizard import kinds
from charte_desktop.ui.import_wizard.wizard import ImportWizard
from tests.ui.keyboard import CTRL, focused, key, reach, type_keys

WAIT_MS = 20_000
REGION = "Région Bourgogne-Franche-Comté"  # in the demo's directory
REGION_SERVICE = f"{REGION}, Direction de l'agriculture"


@pytest.fixture
def wizard(qtbot: Any, demo_db: Database) -> Iterator[ImportWizard]:
    made = ImportWizard(demo_db, kinds.KINDS["actions"])
    qtbot.addWidget(made)
    made.show()
    yield made
    for page in (made.file_page, made.preview_page, made.confirm_page):
        page.task.stop_and_wait()


def _workbook(path: Path, rows: list[tuple[object, ...]],
              formats: dict[str, str] | None = None) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    workbook.save(path)
    return path


def _type_path(qtbot: Any, wizard: ImportWizard, path: Path) -> None:
    """The path typed (pasted from Explorer), then Entrée: the file is read."""
    reach(wizard.file_page.path_edit)
    type_keys(str(path))
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not wizard.file_page.task.running
                    and wizard.source is not None, timeout=WAIT_MS)


def _enter_to_last_page(qtbot: Any, wizard: ImportWizard) -> None:
    """Entrée from page to page: columns, preview (once ready), confirmation."""
    key(Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.mapping_page
    key(Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(lambda: not wizard.preview_page.task.running
                    and wizard.preview is not None, timeout=WAIT_MS)


def _plan(db: Database, title: str) -> dict[str, Action]:
    with db.session() as session:
        plan_id = session.scalars(select(Plan.id).where(Plan.title == title)).one()
        actions = session.scalars(select(Action).where(Action.plan_id == plan_id).options(
            selectinload(Action.partners), selectinload(Action.policies))).all()
        session.expunge_all()
    return {action.code: action for action in actions}


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_plan_comes_in_whole_with_entree_alone(
        qtbot: Any, wizard: ImportWizard, demo_db: Database, tmp_path: Path,
        private_data_folder: Path) -> None:
    path = _workbook(tmp_path / "plan-climat.xlsx", [
        ("Plan climat de la vallée",),
        (),
        ("N°", "Intitulé", "Avancement", "Partenaires", "Politiques publiques",
         "Date de début"),
        ("1", "Pistes cyclables", 1, REGION_SERVICE, "PLUi", "01/03/2026"),
        ("2", "Abris vélos", 40, "région bourgogne franche-comté", "PCAET", "31/02/2026"),
        ("3", "Vélo-école", 75),
    ], formats={"C4": "0%"})  # « 100 % » in Excel, stored as 1
    organisations, policies = _count(demo_db, Organisation), _count(demo_db, Policy)
    _type_path(qtbot, wizard, path)
    assert wizard.file_page.title_edit.text() == "Plan climat de la vallée"
    _enter_to_last_page(qtbot, wizard)
    page = wizard.preview_page
    assert page.problems_model.rows() == []
    assert [row[6] for row in page.items_model.rows()] == ["100\u00a0%", "40\u00a0%",
                                                           "75\u00a0%"]
    assert page.created.text() == f"Structures à créer (1) : {REGION_SERVICE}."
    assert page.notes.text() == ("À noter : Ligne 5 : date « 31/02/2026 » illisible, laissée "
                                 "vide.")
    key(Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.confirm_page
    assert "1 date illisible laissée vide" in wizard.confirm_page.text.text()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert focused() is finish  # « Importer » has the keyboard, as in any wizard
    key(Qt.Key.Key_Return)  # Entrée: « Importer »
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=WAIT_MS)
    assert not wizard.isVisible()
    actions = _plan(demo_db, "Plan climat de la vallée")
    assert {code: action.progress for code, action in actions.items()} == {
        "1": 100, "2": 40, "3": 75}
    assert [org.name for org in actions["1"].partners] == [REGION_SERVICE]
    assert [policy.code for policy in actions["1"].policies] == ["PLU(i)"]
    assert [org.name for org in actions["2"].partners] == [REGION]
    assert (actions["1"].start_date, actions["2"].start_date) == (date(2026, 3, 1), None)
    assert (_count(demo_db, Organisation), _count(demo_db, Policy)) == (organisations + 1,
                                                                        policies)


def test_the_title_is_the_file_name_without_a_title_row_and_can_be_typed(
        qtbot: Any, wizard: ImportWizard, demo_db: Database, tmp_path: Path,
        private_data_folder: Path) -> None:
    path = _workbook(tmp_path / "plan-velo.xlsx", [
        ("Action",),  # a column's title above the header, no title of the plan
        ("N°", "Intitulé", "Pilote"),
        ("1", "Pistes cyclables", "Hélène Barbier"),
    ])
    _type_path(qtbot, wizard, path)
    title = wizard.file_page.title_edit
    assert title.text() == "plan-velo"
    reach(title)  # the officer names the plan herself
    key(Qt.Key.Key_A, CTRL)
    type_keys("Plan vélo 2026 – version des élus")
    _enter_to_last_page(qtbot, wizard)
    assert "le nouveau plan « Plan vélo 2026 – version des élus »" in (
        wizard.preview_page.summary.text())
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=WAIT_MS)
    assert list(_plan(demo_db, "Plan vélo 2026 – version des élus")) == ["1"]
    with demo_db.session() as session:
        assert session.scalars(select(Plan).where(Plan.title.in_(
            ("Action", "plan-velo")))).all() == []


def test_a_file_corrected_in_excel_is_read_again_when_she_comes_back_to_the_preview(
        qtbot: Any, wizard: ImportWizard, tmp_path: Path) -> None:
    """The preview names a line to correct; she corrects it in Excel, saves, then
    « < Précédent », « Suivant > »: the preview reads the file again, the problem is gone."""
    import os

    from tests.ui.keyboard import press_alt

    header = ("Code", "Intitulé", "Statut")
    path = _workbook(tmp_path / "plan.xlsx", [
        header, ("1.1", "Vélo-école", "Planifiée"), ("1.2", "Stationnement", "En cours")])
    _type_path(qtbot, wizard, path)
    _enter_to_last_page(qtbot, wizard)
    preview = wizard.preview_page
    assert [row[0] for row in preview.problems_model.rows()] == ["2"]
    assert "revenir à cette étape le relit" in preview.problems_title.text()
    assert "Suppr" in preview.problems_title.text()

    _workbook(path, [header, ("1.1", "Vélo-école", "À lancer"),
                     ("1.2", "Stationnement", "En cours")])
    later = path.stat().st_mtime_ns + 2_000_000_000  # saved later, whatever the clock
    os.utime(path, ns=(later, later))
    press_alt(wizard, Qt.Key.Key_P)  # « < Précédent »
    assert wizard.currentPage() is wizard.mapping_page
    press_alt(wizard, Qt.Key.Key_S)  # « Suivant > »
    assert wizard.currentPage() is preview
    qtbot.waitUntil(lambda: not preview.task.running and wizard.preview is not None,
                    timeout=WAIT_MS)
    assert preview.problems_model.rows() == []
    assert [row[:2] for row in preview.items_model.rows()] == [("2", "1.1"), ("3", "1.2")]
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
