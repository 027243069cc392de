"""Update workbooks from the window: one per pilot written in a folder, then a returned one
reviewed change by change, the checked changes recorded."""

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.models import Action, ActionNote, Contact, UpdateImport
from charte_desktop.exports.update_workbook import write_update_workbook
from charte_desktop.imports.updates import load_update
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.update_workbooks import UpdateReviewDialog
from tests.ui.conftest import DialogAnswers
from tests.updates.workbooks import fill
from tests.whole_file import dump

SEND = "Classeurs de &mise à jour pour les pilotes…"
IMPORT = "Importer un classeur de mise à jo&ur…"


def menu_action(window: MainWindow, text: str) -> QAction:
    for menu_action_ in window.menuBar().actions():
        for action in menu_action_.menu().actions():
            if action.text() == text:
                return action
    raise AssertionError(f"no menu item {text}")


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def returned(demo_db: Database, tmp_path: Path) -> Path:
    """Camille Roussel's workbook, filled in and sent back."""
    with demo_db.session() as session:
        camille = session.scalars(select(Contact.id).where(Contact.last_name == "Roussel")).one()
    sent = write_update_workbook(demo_db, tmp_path / "envoye.xlsx", plan_id=1, pilot_id=camille)
    return fill(sent, tmp_path / "retour.xlsx",
                actions={"1.5": {"new_status": "En cours", "new_progress": 35,
                                 "comment": "Opérateur retenu."},
                         "2.5": {"new_progress": "=1/0"}},
                indicators={"Aires": {"value": 16}})


def action_state(db: Database, code: str) -> tuple[ActionStatus, int, list[str]]:
    with db.session() as session:
        action = session.scalars(select(Action).where(Action.code == code)).one()
        notes = list(session.scalars(select(ActionNote.text).where(
            ActionNote.action_id == action.id).order_by(ActionNote.id)))
        return action.status, action.progress, notes


def test_one_workbook_per_pilot_from_the_file_menu(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "envois"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    told: list[str] = []

    def close(box: QMessageBox) -> int:
        told.append(f"{box.text()} {box.informativeText()}")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", close)
    menu_action(window, SEND).trigger()
    names = sorted(path.name for path in folder.iterdir())
    assert len(names) == 9 and all(name.startswith("Mise à jour - ") for name in names)
    assert told == [f"9 classeurs écrits dans « {folder} », un par pilote. Envoyez à chaque "
                    "pilote son classeur. À son retour : Fichier › Importer un classeur de "
                    "mise à jour."]


def test_cancelling_the_folder_writes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: "")
    menu_action(window, SEND).trigger()
    assert list(tmp_path.glob("*.xlsx")) == []


def when_review_opens(action: Any) -> None:
    """Run `action` on the review dialog once it is shown (it is modal)."""

    def attempt(tries: int = 0) -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, UpdateReviewDialog) and w.isVisible()), None)
        if dialog is None:
            if tries < 250:
                QTimer.singleShot(20, lambda: attempt(tries + 1))
            return
        try:
            action(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, attempt)


def test_a_returned_workbook_is_reviewed_and_only_checked_changes_are_recorded(
    window: MainWindow, demo_db: Database, returned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args: (str(returned), "Classeurs Excel (*.xlsx)"))
    seen: dict[str, Any] = {}

    def review(dialog: UpdateReviewDialog) -> None:
        tree = dialog.tree
        seen["actions"] = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
        changes = tree.topLevelItem(1)
        seen["changes"] = [(changes.child(i).text(0), changes.child(i).text(1),
                            changes.child(i).text(2), changes.child(i).checkState(0))
                           for i in range(changes.childCount())]
        seen["problems"] = dialog.problems.toPlainText()
        seen["button"] = dialog.apply_button.text()
        changes.child(1).setCheckState(0, Qt.CheckState.Unchecked)  # refuse the progress
        seen["button after"] = dialog.apply_button.text()
        dialog.apply_button.click()

    when_review_opens(review)
    menu_action(window, IMPORT).trigger()

    assert seen["actions"] == [
        "1.1 — Élaborer et mettre en œuvre le plan aires de livraison du centre-bourg",
        "1.5 — Développer la cyclologistique pour le dernier kilomètre",
    ]
    checked = Qt.CheckState.Checked
    assert seen["changes"] == [
        ("Statut", "Suspendue", "En cours", checked),
        ("Avancement", "20 %", "35 %", checked),
        ("Journal de suivi", "—", "Opérateur retenu.", checked),
    ]
    assert "cellule J15 (action 2.5) : formule « =1/0 »" in seen["problems"]
    assert seen["button"] == "Enregistrer les 4 changements"
    assert seen["button after"] == "Enregistrer 3 changement(s) sur 4"
    status, progress, notes = action_state(demo_db, "1.5")
    assert (status, progress) == (ActionStatus.IN_PROGRESS, 20)
    assert notes[-1].startswith("Mise à jour de Camille Roussel") and "Opérateur retenu." in (
        notes[-1])
    with demo_db.session() as session:
        record = session.scalars(select(UpdateImport)).one()
    assert (record.accepted, record.rejected) == (3, 1)
    assert window.statusBar().currentMessage().startswith("3 changements enregistrés")


def test_cancelling_the_review_records_nothing(
    window: MainWindow, demo_db: Database, returned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(returned), ""))
    before = dump(demo_db)
    when_review_opens(lambda dialog: dialog.reject())
    menu_action(window, IMPORT).trigger()
    assert dump(demo_db) == before


def test_a_refused_workbook_is_explained_and_changes_nothing(
    window: MainWindow, demo_db: Database, returned: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, answer_dialogs: DialogAnswers,
) -> None:
    from tests.imports.bad_workbooks import good_workbook

    other = good_workbook(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(other), ""))
    before = dump(demo_db)
    menu_action(window, IMPORT).trigger()
    assert dump(demo_db) == before
    assert answer_dialogs.warnings == [
        "« plan.xlsx » n'est pas un classeur de mise à jour envoyé par Charte : importez un "
        "classeur préparé par « Classeurs de mise à jour pour les pilotes » et rempli par le "
        "pilote, ou utilisez l'import d'un plan d'actions pour un autre tableau."]


def test_the_review_dialog_checks_everything_and_groups_by_action(
    qtbot: QtBot, demo_db: Database, returned: Path
) -> None:
    dialog = UpdateReviewDialog(None, load_update(demo_db, returned))
    qtbot.addWidget(dialog)
    assert len(dialog.accepted_keys()) == 4
    first = dialog.tree.topLevelItem(0)
    assert first.child(0).text(0) == ("Indicateur « Aires de livraison réaménagées » au "
                                      f"{first.child(0).text(0)[-10:]}")
    assert first.child(0).text(2).startswith("16 aires (dernière valeur : 14 aires au ")
    first.setCheckState(0, Qt.CheckState.Unchecked)  # an action's box covers its changes
    assert len(dialog.accepted_keys()) == 3
    dialog.set_all(Qt.CheckState.Unchecked)
    assert dialog.accepted_keys() == set()
    assert dialog.apply_button.text() == "Tout refuser (noter comme importé)"
    dialog.set_all(Qt.CheckState.Checked)
    assert dialog.tree.topLevelItem(1).checkState(0) == Qt.CheckState.Checked
