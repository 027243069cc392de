"""Issue 18, in the window: a returned workbook whose « En cours » answers a late action
is imported from the keyboard (Alt+F, then the menu's letter); the review says why the
action shows « En retard » and what would lift it, and saving records the rest."""

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.models import Action, ActionNote, Contact, UpdateImport
from charte_desktop.exports.update_workbook import write_update_workbook
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.update_workbooks import UpdateReviewDialog
from tests.ui.keyboard import ALT, field, key, press, press_button, reach
from tests.ui.test_update_workbooks import when_review_opens
from tests.updates.workbooks import fill


def test_the_review_says_why_a_late_action_stays_late(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: Any
) -> None:
    with demo_db.session() as session:
        camille = session.scalars(select(Contact.id).where(Contact.last_name == "Roussel")).one()
        late = session.scalars(select(Action).where(Action.code == "2.5")).one()
        late.status = ActionStatus.IN_PROGRESS  # shown « En retard »: due 11/11/2026
        late_id = late.id
    sent = write_update_workbook(demo_db, tmp_path / "envoye.xlsx", plan_id=1,
                                 pilot_id=camille)
    returned = fill(sent, tmp_path / "retour.xlsx", actions={
        "2.5": {"new_status": "En cours", "comment": "Employeurs relancés."}})
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args: (str(returned), "Classeurs Excel (*.xlsx)"))
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    seen: dict[str, Any] = {}

    def review(dialog: UpdateReviewDialog) -> None:
        reasons = field(dialog, "Réponses non reprises")
        reach(reasons)  # the officer tabs to the list and reads it
        seen["reasons"] = reasons.toPlainText()  # type: ignore[attr-defined]
        seen["button"] = dialog.apply_button.text()
        press_button(dialog.apply_button)

    when_review_opens(review)
    press(window, Qt.Key.Key_F, ALT)  # Fichier
    key(Qt.Key.Key_U)  # « Importer un classeur de mise à jo&ur… »

    assert seen["reasons"].splitlines() == [
        "Non repris :",
        "• Action 2.5 : statut « En cours » non repris : l'action est déjà « en cours » ; "
        "elle apparaît « En retard » : échéance dépassée le 11/11/2026 et jalon « Réunion "
        "de lancement avec les trois principaux employeurs » non atteint au 22/09/2026. "
        "Pour lever le retard : repousser l'échéance, cocher le jalon comme atteint ou "
        "passer l'action en « Réalisée ».",
    ]
    assert seen["button"] == "Enregistrer le changement"  # the comment
    with demo_db.session() as session:
        assert session.get(Action, late_id).status is ActionStatus.IN_PROGRESS
        assert session.scalars(select(ActionNote.text).where(
            ActionNote.action_id == late_id).order_by(ActionNote.id.desc())).first(
            ).endswith("Employeurs relancés.")
        assert session.scalars(select(UpdateImport.accepted)).one() == 1
