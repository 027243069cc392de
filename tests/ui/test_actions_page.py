"""Plan d'actions screen, driven as the officer would."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, DisplayStatus
from charte_desktop.services.actions import get_action, list_actions
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.ui.conftest import DialogAnswers
from tests.ui.helpers import type_text, when_dialog_opens
from tests.whole_file import actions_titled


def open_page(qtbot: QtBot, db: Database) -> tuple[MainWindow, ActionsPage]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    return window, page


def test_lists_the_plan_with_status_in_words(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    rows = page.action_list.visible_rows()
    assert len(rows) == len(list_actions(demo_db))
    assert [r.code for r in rows[:3]] == ["1.1", "1.2", "1.3"]
    status_column = 2
    late_row = next(i for i, r in enumerate(rows) if r.status is DisplayStatus.LATE)
    index = page.action_list.proxy.index(late_row, status_column)
    assert index.data() == "En retard"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_type_ahead_ignores_case_and_accents(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    qtbot.keyClicks(page.action_list.search, "VELOS")
    titles = [r.title for r in page.action_list.visible_rows()]
    assert titles and all("vélos" in t.lower() for t in titles)
    assert "sur" in page.action_list.count_label.text()


def test_status_filter_shows_only_late_actions(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    page.action_list.filters["status"].set_value(DisplayStatus.LATE)
    rows = page.action_list.visible_rows()
    assert rows and {r.status for r in rows} == {DisplayStatus.LATE}


def test_create_edit_undo_and_delete_an_action(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_page(qtbot, demo_db)
    before = len(list_actions(demo_db))

    def type_new_action(dialog: Any) -> None:
        qtbot.keyClicks(dialog.inputs["code"].widget, "4.1")
        type_text(qtbot, dialog.inputs["title"].widget, "Créer une signalétique commune")
        qtbot.keyClicks(dialog.inputs["budget_planned"].widget, "12 500,50")
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(type_new_action)
    qtbot.mouseClick(page.action_list.new_button, Qt.MouseButton.LeftButton)
    created = actions_titled(demo_db, "signalétique commune")
    assert len(created) == 1 and str(created[0].budget_planned) == "12500.50"
    assert page.action_list.current_id() == created[0].id

    def change_status(dialog: Any) -> None:
        dialog.inputs["status"].set(ActionStatus.IN_PROGRESS)
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(change_status)
    qtbot.mouseClick(page.action_list.edit_button, Qt.MouseButton.LeftButton)
    assert get_action(demo_db, created[0].id).status is ActionStatus.IN_PROGRESS

    window.undo_stack.undo()
    assert get_action(demo_db, created[0].id).status is ActionStatus.TO_START
    window.undo_stack.redo()
    assert get_action(demo_db, created[0].id).status is ActionStatus.IN_PROGRESS

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page.action_list.select_id(created[0].id)
    qtbot.mouseClick(page.action_list.delete_button, Qt.MouseButton.LeftButton)
    assert "Supprimer l'action « 4.1 Créer une signalétique commune »" in answer_dialogs.asked[0]
    assert len(list_actions(demo_db)) == before


def test_invalid_input_shows_the_message_and_saves_nothing(
    qtbot: QtBot, demo_db: Database
) -> None:
    _, page = open_page(qtbot, demo_db)
    before = len(list_actions(demo_db))
    seen: dict[str, Any] = {}

    def type_duplicate_code(dialog: Any) -> None:
        qtbot.keyClicks(dialog.inputs["code"].widget, "1.1")
        qtbot.keyClicks(dialog.inputs["title"].widget, "Doublon")
        dialog.validate()
        seen["enabled"] = dialog.save_button.isEnabled()
        seen["message"] = dialog.errors["code"].text()
        seen["visible"] = not dialog.errors["code"].isHidden()
        dialog.done(0)

    when_dialog_opens(type_duplicate_code)
    qtbot.mouseClick(page.action_list.new_button, Qt.MouseButton.LeftButton)
    assert seen == {"enabled": False, "visible": True,
                    "message": seen["message"]}
    assert "« Code »" in seen["message"] and "1.1" in seen["message"]
    assert len(list_actions(demo_db)) == before


def test_scoring_an_action_on_the_criteria(qtbot: QtBot, demo_db: Database) -> None:
    from charte_desktop.services.action_details import get_scores, list_criteria

    window, page = open_page(qtbot, demo_db)
    action_id = page.current_action_id()
    assert action_id is not None
    panel = page.scores
    page.details.setCurrentWidget(panel)  # the officer opens the Priorisation tab
    before = get_scores(demo_db, action_id)
    criteria = list_criteria(demo_db)
    first, second = criteria[0].id, criteria[1].id
    assert not panel.save_button.isEnabled()
    panel.spins[first].setValue(3)
    panel.spins[second].setValue(-1)  # "non noté"
    assert panel.spins[second].text() == "non noté"
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    after = get_scores(demo_db, action_id)
    assert after[first] == 3 and second not in after
    assert "Score pondéré" in panel.summary.text() and "rang" in panel.summary.text()
    window.undo_stack.undo()
    assert get_scores(demo_db, action_id) == before


def test_editing_an_item_deleted_meanwhile_says_so_in_french(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    from charte_desktop.services.action_details import delete_milestone, list_milestones

    _, page = open_page(qtbot, demo_db)
    action_id = page.current_action_id()
    assert action_id is not None
    milestone = list_milestones(demo_db, action_id)[0]
    page.milestones.select_id(milestone.id)
    delete_milestone(demo_db, milestone.id)  # e.g. by an undo, or another part of the screen
    page.milestones.edit_current()
    assert answer_dialogs.warnings == [f"Le jalon n° {milestone.id} est introuvable."]


def test_leaving_an_untouched_form_asks_nothing_but_a_changed_one_asks_first(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    _, page = open_page(qtbot, demo_db)
    # An action with co-pilots, partners, policies and amounts: the widgets give these back
    # in their own order and format, which is no change of the officer's.
    action = next(a for a in (get_action(demo_db, r.id) for r in list_actions(demo_db))
                  if len(a.partners) > 1 and a.budget_committed)
    page.action_list.select_id(action.id)
    outcome: dict[str, Any] = {}

    def press_escape(dialog: Any) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        outcome["closed"] = not dialog.isVisible()

    when_dialog_opens(press_escape)
    page.action_list.edit_current()
    assert outcome == {"closed": True}
    assert answer_dialogs.asked == []

    def change_then_escape(dialog: Any) -> None:
        type_text(qtbot, dialog.inputs["title"].widget, " (bis)")
        answer_dialogs.answers = [QMessageBox.StandardButton.Cancel]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        outcome["kept open"] = dialog.isVisible()
        answer_dialogs.answers = [QMessageBox.StandardButton.Discard]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        outcome["closed"] = not dialog.isVisible()

    when_dialog_opens(change_then_escape)
    page.action_list.edit_current()
    assert outcome == {"kept open": True, "closed": True}
    assert answer_dialogs.asked == ["Abandonner les modifications non enregistrées ?"] * 2
    assert get_action(demo_db, action.id).title == action.title
