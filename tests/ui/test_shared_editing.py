"""Two officers on one record: a form opened before the other's save is refused with who and
when, and reloads on Entrée; its « Historique » says who changed what."""

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database, open_database
from charte_desktop.services import actions
from charte_desktop.ui.history_dialog import HistoryDialog
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.ui.helpers import type_text, when_dialog_opens
from tests.ui.keyboard import CTRL, press, press_alt


def open_page(qtbot: QtBot, db: Database) -> tuple[MainWindow, ActionsPage]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()  # shortcuts reach a shown window only
    qtbot.waitExposed(window)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    return window, page


def other_officer_saves(db: Database, action_id: int, title: str) -> None:
    """Dominique, on another computer, saves the same action."""
    with open_database(db.path) as theirs:
        theirs._author = "dominique"
        fields = actions.action_form_fields(theirs, action_id)
        actions.update_action(theirs, action_id, replace(fields, title=title))


def test_a_stale_form_is_refused_and_reloads_on_enter(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    action_id = page.current_action_id()
    assert action_id is not None
    outcome: dict[str, Any] = {}

    def answer(box: Any) -> None:
        outcome["message"] = box.text()
        qtbot.keyClick(box, Qt.Key.Key_Return)  # « Recharger », the default

    def reloaded(form: Any) -> None:
        outcome["reloaded title"] = form.inputs["title"].get()

    def type_meanwhile_then_save(form: Any) -> None:
        other_officer_saves(demo_db, action_id, "Titre de dominique")
        type_text(qtbot, form.inputs["title"].focus_widget, " (ma version)")
        when_dialog_opens(answer, kind=QMessageBox)
        when_dialog_opens(reloaded)
        press(form, Qt.Key.Key_S, CTRL)

    when_dialog_opens(type_meanwhile_then_save)
    page.action_list.edit_current()
    assert outcome["message"].startswith(
        "Cette action a été modifiée par dominique à ")
    assert "pendant que vous la modifiiez" in outcome["message"]
    assert outcome["reloaded title"] == "Titre de dominique"
    assert actions.get_action(demo_db, action_id).title == "Titre de dominique"


def test_the_form_shows_the_history(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    action_id = page.current_action_id()
    assert action_id is not None
    other_officer_saves(demo_db, action_id, "Un nouvel intitulé")
    seen: dict[str, Any] = {}

    def read_history(dialog: Any) -> None:
        table = dialog.table
        seen["rows"] = [[table.item(r, c).text() for c in range(3)]
                        for r in range(table.rowCount())]

    def open_history(form: Any) -> None:
        when_dialog_opens(read_history, kind=HistoryDialog)
        press_alt(form, Qt.Key.Key_Q)  # « Histori&que… »

    when_dialog_opens(open_history)
    page.action_list.edit_current()
    assert seen["rows"][0][1:] == ["dominique", "Modification : intitulé"]


def test_ctrl_z_never_overwrites_a_colleagues_later_save(
        qtbot: QtBot, demo_db: Database, answer_dialogs: Any) -> None:
    window, page = open_page(qtbot, demo_db)
    action_id = page.current_action_id()
    assert action_id is not None

    def retitle(form: Any) -> None:
        type_text(qtbot, form.inputs["title"].focus_widget, " (ma version)")
        press(form, Qt.Key.Key_S, CTRL)

    when_dialog_opens(retitle)
    page.action_list.edit_current()
    assert "(ma version)" in actions.get_action(demo_db, action_id).title
    other_officer_saves(demo_db, action_id, "Titre de dominique")
    press(window, Qt.Key.Key_Z, CTRL)
    assert actions.get_action(demo_db, action_id).title == "Titre de dominique"
    assert len(answer_dialogs.warnings) == 1
    assert answer_dialogs.warnings[0].startswith("Cette action a été modifiée par dominique")
