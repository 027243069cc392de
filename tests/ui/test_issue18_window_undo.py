"""Ctrl+Z shows what it undoes (issue 18): pressed on another screen, it goes back to the
step's screen and row, undoes it, and says it in the status line; an action whose deletion
is undone comes back selected."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services import action_details, actions, plans
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.ui.conftest import DialogAnswers
from tests.ui.keyboard import key, officer_types, open_row, press, reach, when_form_opens

CTRL = Qt.KeyboardModifier.ControlModifier


def open_window(qtbot: QtBot, db: Database) -> tuple[MainWindow, ActionsPage]:
    window = MainWindow(db, screen="actions")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    return window, page


def shown_screen(window: MainWindow) -> str:
    return window.current_page().title  # type: ignore[union-attr]


def first_actions(db: Database) -> list[Any]:
    plan_id = plans.list_plans(db)[0].id
    return actions.list_actions(db, actions.ActionFilter(plan_id=plan_id))


def test_ctrl_z_on_another_screen_goes_back_to_the_action_then_says_it(
        qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_window(qtbot, demo_db)
    first, second = first_actions(demo_db)[:2]
    assert page.action_list.select_id(first.id)
    when_form_opens(officer_types({"Intitulé": "Titre changé par erreur"}))
    open_row(page.action_list.table)
    assert actions.get_action(demo_db, first.id).title == "Titre changé par erreur"

    press(window, Qt.Key.Key_4, CTRL)  # Réunions
    assert shown_screen(window) == "Réunions"
    press(window, Qt.Key.Key_Z, CTRL)

    assert actions.get_action(demo_db, first.id).title == first.title
    assert shown_screen(window) == "Plan d'actions"
    assert page.action_list.current_id() == first.id
    assert window.statusBar().currentMessage() == (
        f"Annulé : modification de l'action « {first.code} Titre changé par erreur » "
        "(Plan d'actions)")

    # Ctrl+Y from elsewhere too, with another action selected meanwhile.
    assert page.action_list.select_id(second.id)
    press(window, Qt.Key.Key_2, CTRL)  # Plan d'actions stays; then the dashboard
    press(window, Qt.Key.Key_1, CTRL)
    press(window, Qt.Key.Key_Y, CTRL)
    assert actions.get_action(demo_db, first.id).title == "Titre changé par erreur"
    assert shown_screen(window) == "Plan d'actions"
    assert page.action_list.current_id() == first.id
    assert window.statusBar().currentMessage().startswith("Rétabli : modification de l'action")


def test_undoing_an_action_deletion_selects_the_action_back(
        qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers) -> None:
    window, page = open_window(qtbot, demo_db)
    rows = first_actions(demo_db)
    victim = rows[2]
    assert page.action_list.select_id(victim.id)
    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    reach(page.action_list.table)
    key(Qt.Key.Key_Delete)
    assert all(row.id != victim.id for row in first_actions(demo_db))
    assert page.action_list.current_id() != victim.id

    press(window, Qt.Key.Key_Z, CTRL)

    assert any(row.id == victim.id for row in first_actions(demo_db))
    assert page.action_list.current_id() == victim.id
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Annulé : suppression de l'action « {victim.code} ")
    assert message.endswith(" » (Plan d'actions)")


def test_ctrl_z_on_another_action_shows_the_milestone_of_the_first(
        qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_window(qtbot, demo_db)
    owner = next(row for row in first_actions(demo_db)
                 if action_details.list_milestones(demo_db, row.id))
    other = next(row for row in first_actions(demo_db) if row.id != owner.id)
    milestone = action_details.list_milestones(demo_db, owner.id)[0]
    assert page.action_list.select_id(owner.id)
    page.details.setCurrentWidget(page.milestones)
    assert page.milestones.select_id(milestone.id)
    when_form_opens(officer_types({"Intitulé": "Jalon renommé"}))
    open_row(page.milestones.table)
    assert action_details.list_milestones(demo_db, owner.id)[0].title == "Jalon renommé"

    assert page.action_list.select_id(other.id)
    page.details.setCurrentWidget(page.fundings)
    press(window, Qt.Key.Key_3, CTRL)  # Instances
    press(window, Qt.Key.Key_Z, CTRL)

    assert [m.title for m in action_details.list_milestones(demo_db, owner.id)
            if m.id == milestone.id] == [milestone.title]
    assert shown_screen(window) == "Plan d'actions"
    assert page.action_list.current_id() == owner.id
    assert page.details.currentWidget() is page.milestones
    assert page.milestones.current_id() == milestone.id
    assert window.statusBar().currentMessage() == (
        "Annulé : modification du jalon « Jalon renommé » (Plan d'actions)")
