"""Two officers on one record: a form opened before the other's save is refused with who and
when, and reloads on Entrée; its « Historique » says who changed what."""

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
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


def another_computer(db: Database) -> Database:
    """The same base opened by another officer: the file again, or the server's base."""
    if db.server is not None:
        from charte_desktop.db.server_database import open_server

        return open_server(db.server)
    return open_database(db.path)


def other_officer_saves(db: Database, action_id: int, title: str) -> None:
    """Dominique, on another computer, saves the same action."""
    with another_computer(db) as theirs:
        theirs._author = "dominique"
        fields = actions.action_form_fields(theirs, action_id)
        actions.update_action(theirs, action_id, replace(fields, title=title))


def other_officer_changes(db: Database, action_id: int, **changes: Any) -> None:
    """Dominique, on another computer, saves the same action with these changes."""
    with another_computer(db) as theirs:
        theirs._author = "dominique"
        fields = actions.action_form_fields(theirs, action_id)
        actions.update_action(theirs, action_id, replace(fields, **changes))


def test_a_stale_form_is_refused_and_entree_carries_what_was_typed_over(
        qtbot: QtBot, demo_db: Database) -> None:
    """Each changed another field: Entrée reopens the form on dominique's version with
    this officer's typing carried over; Ctrl+S then keeps both."""
    _, page = open_page(qtbot, demo_db)
    action_id = page.current_action_id()
    assert action_id is not None
    title = actions.get_action(demo_db, action_id).title
    outcome: dict[str, Any] = {}

    def answer(box: Any) -> None:
        outcome["message"] = box.text()
        outcome["choices"] = box.informativeText()
        qtbot.keyClick(box, Qt.Key.Key_Return)  # « Reprendre mes modifications… »

    def reopened(form: Any) -> None:
        outcome["notice"] = form.notice.text()
        outcome["title"] = form.inputs["title"].get()
        outcome["description"] = form.inputs["description"].get()
        press(form, Qt.Key.Key_S, CTRL)

    def type_meanwhile_then_save(form: Any) -> None:
        other_officer_changes(demo_db, action_id, title="Titre de dominique")
        type_text(qtbot, form.inputs["description"].focus_widget,
                  " Accord du propriétaire le 14/03/2026.")
        when_dialog_opens(answer, kind=QMessageBox)
        when_dialog_opens(reopened)
        press(form, Qt.Key.Key_S, CTRL)

    when_dialog_opens(type_meanwhile_then_save)
    page.action_list.edit_current()
    assert outcome["message"].startswith("Cette action a été modifiée par dominique à ")
    assert "pendant que vous la modifiiez" in outcome["message"]
    # The box says what its choices do, not the refusal's « Rechargez-la… ».
    assert "Rechargez" not in outcome["message"]
    assert "rien de votre saisie n'est perdu" in outcome["choices"]
    assert outcome["title"] == "Titre de dominique" != title
    assert "Accord du propriétaire le 14/03/2026." in outcome["description"]
    assert "vos modifications reportées (description)" in outcome["notice"]
    assert "des deux côtés" not in outcome["notice"]
    saved = actions.get_action(demo_db, action_id)
    assert saved.title == "Titre de dominique"
    assert "Accord du propriétaire le 14/03/2026." in saved.description


def test_the_same_field_changed_on_both_sides_is_said(qtbot: QtBot,
                                                       demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    action_id = page.current_action_id()
    assert action_id is not None
    outcome: dict[str, Any] = {}

    def reopened(form: Any) -> None:
        outcome["notice"] = form.notice.text()
        outcome["title"] = form.inputs["title"].get()
        form.done(0)

    def type_meanwhile_then_save(form: Any) -> None:
        other_officer_changes(demo_db, action_id, title="Titre de dominique")
        type_text(qtbot, form.inputs["title"].focus_widget, " (ma version)")
        when_dialog_opens(lambda box: qtbot.keyClick(box, Qt.Key.Key_Return),
                          kind=QMessageBox)
        when_dialog_opens(reopened)
        press(form, Qt.Key.Key_S, CTRL)

    when_dialog_opens(type_meanwhile_then_save)
    page.action_list.edit_current()
    assert " (ma version)" in outcome["title"]
    assert "Modifié des deux côtés, votre saisie remplace la sienne : intitulé." in \
        outcome["notice"]


def test_her_version_without_my_changes_on_alt_s(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    action_id = page.current_action_id()
    assert action_id is not None
    outcome: dict[str, Any] = {}

    def reloaded(form: Any) -> None:
        outcome["title"] = form.inputs["title"].get()
        outcome["notice"] = form.notice.isHidden()
        form.done(0)

    def type_meanwhile_then_save(form: Any) -> None:
        other_officer_changes(demo_db, action_id, title="Titre de dominique")
        type_text(qtbot, form.inputs["title"].focus_widget, " (ma version)")
        def without_mine(box: Any) -> None:
            button = next(b for b in box.buttons() if "sans mes modifications" in b.text())
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)

        when_dialog_opens(without_mine, kind=QMessageBox)
        when_dialog_opens(reloaded)
        press(form, Qt.Key.Key_S, CTRL)

    when_dialog_opens(type_meanwhile_then_save)
    page.action_list.edit_current()
    assert outcome == {"title": "Titre de dominique", "notice": True}


def test_a_record_deleted_meanwhile_is_said_and_the_typing_stays(
        qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    action_id = page.current_action_id()
    assert action_id is not None
    outcome: dict[str, Any] = {}

    def answer(box: Any) -> None:
        outcome["message"] = box.text()
        qtbot.keyClick(box, Qt.Key.Key_Return)

    def type_meanwhile_then_save(form: Any) -> None:
        with another_computer(demo_db) as theirs:
            theirs._author = "dominique"
            actions.delete_action(theirs, action_id)
        type_text(qtbot, form.inputs["title"].focus_widget, " (ma version)")
        when_dialog_opens(answer, kind=QMessageBox)
        press(form, Qt.Key.Key_S, CTRL)
        outcome["still open"] = form.isVisible()
        outcome["typed"] = form.inputs["title"].get()
        form.done(0)

    when_dialog_opens(type_meanwhile_then_save)
    page.action_list.edit_current()
    assert outcome["message"].startswith("Cette action a été supprimée par dominique à ")
    assert "n°" not in outcome["message"] and "Ctrl+C" in outcome["message"]
    assert outcome["still open"] and " (ma version)" in outcome["typed"]


def test_a_meeting_form_is_refused_too_and_keeps_both_changes(
        qtbot: QtBot, demo_db: Database) -> None:
    """The meeting form (it asks before « Tenue ») checks the version as the others do."""
    from charte_desktop.services import meetings
    from charte_desktop.ui.pages.meetings_page import MeetingsPage

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_screen("meetings")
    assert isinstance(page, MeetingsPage)
    meeting_id = page.meetings.current_id()
    assert meeting_id is not None
    outcome: dict[str, Any] = {}

    def colleague_moves_it() -> None:
        with another_computer(demo_db) as theirs:
            theirs._author = "dominique"
            fields = meetings.meeting_fields(theirs, meeting_id)
            meetings.update_meeting(theirs, meeting_id, replace(
                fields, place="Salle polyvalente de Saint-Aubin"))

    def answer(box: Any) -> None:
        outcome["message"] = box.text()
        qtbot.keyClick(box, Qt.Key.Key_Return)

    def reopened(form: Any) -> None:
        outcome["has history"] = any(button.text() == "Histori&que…"
                                     for button in form.buttons.buttons())
        press(form, Qt.Key.Key_S, CTRL)

    def type_meanwhile_then_save(form: Any) -> None:
        colleague_moves_it()
        type_text(qtbot, form.inputs["notes"].focus_widget, " Café offert.")
        when_dialog_opens(answer, kind=QMessageBox)
        when_dialog_opens(reopened)
        press(form, Qt.Key.Key_S, CTRL)

    when_dialog_opens(type_meanwhile_then_save)
    page.meetings.edit_current()
    assert outcome["message"].startswith("Cette réunion a été modifiée par dominique à ")
    assert outcome["has history"]
    saved = meetings.get_meeting(demo_db, meeting_id)
    assert saved.place == "Salle polyvalente de Saint-Aubin"
    assert "Café offert." in saved.notes


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
    assert seen["rows"][0][1] == "dominique"
    assert seen["rows"][0][2].startswith("Modification : intitulé (« ")
    assert seen["rows"][0][2].endswith(" → « Un nouvel intitulé »)")


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


def test_the_history_names_the_record_whole_in_its_window(qtbot: QtBot,
                                                          demo_db: Database) -> None:
    from PySide6.QtWidgets import QLabel

    _, page = open_page(qtbot, demo_db)
    seen: dict[str, str] = {}

    def read_heading(dialog: Any) -> None:
        seen["window"] = dialog.windowTitle()
        seen["heading"] = dialog.findChild(QLabel, "history_of").text()

    def open_history(form: Any) -> None:
        when_dialog_opens(read_heading, kind=HistoryDialog)
        press_alt(form, Qt.Key.Key_Q)

    when_dialog_opens(open_history)
    page.action_list.edit_current()
    assert seen["window"] == "Historique"
    assert seen["heading"].startswith("Historique de l'action « ")
