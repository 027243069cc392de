"""What the officer typed and has not saved is never lost when the window goes (Ctrl+Q,
another file, a backup restored); a new action with no plan yet starts with the plan;
the indicator form proposes the plan the officer works on."""

import shutil
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database, open_database
from charte_desktop.services import action_details as details
from charte_desktop.services import indicators
from charte_desktop.services.actions import list_actions
from charte_desktop.services.plans import PlanFields, create_plan, get_territory, list_plans
from charte_desktop.ui.app import Application
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.settings_page import SettingsPage
from tests.ui.conftest import DialogAnswers
from tests.ui.helpers import when_dialog_opens
from tests.ui.keyboard import (
    ALT,
    CTRL,
    field,
    key,
    officer_types,
    press,
    reach,
    type_keys,
    type_to_select,
)

QUESTION = "Enregistrer les modifications de la collectivité ?"
BUTTONS = QMessageBox.StandardButton


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def type_in_collectivite(window: MainWindow, text: str) -> SettingsPage:
    """Paramètres (Ctrl+7), Alt+N to « Nom », End, then typing."""
    press(window, Qt.Key.Key_7, CTRL)
    page = window.current_page()
    assert isinstance(page, SettingsPage)
    press(window, Qt.Key.Key_N, ALT)
    assert QApplication.focusWidget() is page.territory.name
    key(Qt.Key.Key_End)
    type_keys(text)
    assert page.territory.status.text() == "Modifications non enregistrées."
    return page


def territory_name(db: Database) -> str:
    territory = get_territory(db)
    assert territory is not None
    return territory.name


def test_ctrl_q_asks_and_annuler_keeps_the_window_then_enregistrer_saves(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    before = territory_name(demo_db)
    window = open_window(qtbot, demo_db)
    page = type_in_collectivite(window, " TEST")

    answer_dialogs.answers.append(BUTTONS.Cancel)
    press(window, Qt.Key.Key_Q, CTRL)
    assert answer_dialogs.asked == [QUESTION]
    assert answer_dialogs.offered == [BUTTONS.Save | BUTTONS.Discard | BUTTONS.Cancel]
    assert window.isVisible()
    assert page.territory.name.text() == f"{before} TEST"  # still there
    assert territory_name(demo_db) == before

    answer_dialogs.answers.append(BUTTONS.Save)
    press(window, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()
    assert territory_name(demo_db) == f"{before} TEST"


def test_ne_pas_enregistrer_quits_without_the_change(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    before = territory_name(demo_db)
    window = open_window(qtbot, demo_db)
    type_in_collectivite(window, " TEST")
    answer_dialogs.answers.append(BUTTONS.Discard)
    press(window, Qt.Key.Key_Q, CTRL)
    assert answer_dialogs.asked == [QUESTION]
    assert not window.isVisible()
    assert territory_name(demo_db) == before


def test_a_refused_save_keeps_the_window_on_the_form(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window = open_window(qtbot, demo_db)
    page = type_in_collectivite(window, "x")
    key(Qt.Key.Key_A, CTRL)
    key(Qt.Key.Key_Delete)  # an empty name cannot be saved
    answer_dialogs.answers.append(BUTTONS.Save)
    press(window, Qt.Key.Key_Q, CTRL)
    assert window.isVisible()
    assert window.current_page() is page
    assert not page.territory.errors["name"].isHidden()


def test_nothing_typed_quits_without_a_question(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window = open_window(qtbot, demo_db)
    press(window, Qt.Key.Key_7, CTRL)
    press(window, Qt.Key.Key_Q, CTRL)
    assert answer_dialogs.asked == []
    assert not window.isVisible()


def test_scores_typed_are_saved_at_quit(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window = open_window(qtbot, demo_db)
    press(window, Qt.Key.Key_2, CTRL)
    page = window.current_page()
    assert isinstance(page, ActionsPage)
    action_id = page.action_list.visible_rows()[0].id
    assert page.action_list.select_id(action_id)
    page.details.setCurrentWidget(page.scores)
    qtbot.waitUntil(lambda: bool(page.scores.spins)
                    and next(iter(page.scores.spins.values())).isVisible(), timeout=2000)
    criterion_id, spin = next(iter(page.scores.spins.items()))
    wanted = 1 if spin.value() != 1 else 2
    reach(spin)
    key(Qt.Key.Key_A, CTRL)
    type_keys(str(wanted))
    assert page.scores.save_button.isEnabled()
    press(window, Qt.Key.Key_Q, CTRL)
    assert answer_dialogs.asked == []
    assert not window.isVisible()
    assert details.get_scores(demo_db, action_id).get(criterion_id) == wanted


def test_opening_another_file_asks_first_and_annuler_stays(
    qtbot: QtBot, qapp: QApplication, demo_template: Path, tmp_path: Path,
    answer_dialogs: DialogAnswers,
) -> None:
    first, other = tmp_path / "premier.sqlite", tmp_path / "autre.sqlite"
    shutil.copyfile(demo_template, first)
    shutil.copyfile(demo_template, other)
    application = Application(qapp)
    assert application.start(first, demo=False)
    window = application.window
    assert window is not None
    qtbot.addWidget(window)
    db = application.db
    assert db is not None
    before = territory_name(db)
    type_in_collectivite(window, " TEST")

    answer_dialogs.answers.append(BUTTONS.Cancel)
    assert application.open_file(other) is False
    assert application.window is window and application.db is db and window.isVisible()

    answer_dialogs.answers.append(BUTTONS.Save)
    assert application.open_file(other) is True
    assert application.window is not window and application.window is not None
    qtbot.addWidget(application.window)
    assert answer_dialogs.asked == [QUESTION, QUESTION]  # not asked again at closing
    application.close_current()
    with open_database(first) as saved:
        assert territory_name(saved) == f"{before} TEST"


def test_new_action_without_a_plan_makes_the_plan_first(
    qtbot: QtBot, db: Database, answer_dialogs: DialogAnswers
) -> None:
    assert list_plans(db) == []
    window = open_window(qtbot, db)
    press(window, Qt.Key.Key_2, CTRL)
    page = window.current_page()
    assert isinstance(page, ActionsPage)
    titles: list[str] = []

    def plan_form(dialog: Any) -> None:
        titles.append(dialog.windowTitle())
        officer_types({"Intitulé": "Charte de l'environnement"})(dialog)

    def action_form(dialog: Any) -> None:
        titles.append(dialog.windowTitle())
        officer_types({"Code": "1.1", "Intitulé": "Première action"})(dialog)

    when_dialog_opens(plan_form)
    when_dialog_opens(action_form)
    press(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: len(titles) == 2 and not any(
        w.isVisible() for w in QApplication.topLevelWidgets() if w is not window
        and w.isWindow() and w.windowType() == Qt.WindowType.Dialog), timeout=5000)
    assert len(answer_dialogs.warnings) == 1
    assert "\n" not in answer_dialogs.warnings[0]
    assert "plan" in answer_dialogs.warnings[0]
    assert titles[0] == "Nouveau plan"
    [plan] = list_plans(db)
    assert plan.title == "Charte de l'environnement"
    [action] = list_actions(db)
    assert (action.code, action.title) == ("1.1", "Première action")
    assert page.plan_id() == plan.id


def test_new_action_without_a_plan_given_up_opens_no_action_form(
    qtbot: QtBot, db: Database, answer_dialogs: DialogAnswers
) -> None:
    window = open_window(qtbot, db)
    press(window, Qt.Key.Key_2, CTRL)
    page = window.current_page()
    assert isinstance(page, ActionsPage)
    titles: list[str] = []

    def give_up(dialog: Any) -> None:
        titles.append(dialog.windowTitle())
        press(dialog, Qt.Key.Key_Escape)

    when_dialog_opens(give_up)
    reach(page.action_list.new_button)  # « Nouveau » under the list, with the space bar
    key(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: titles == ["Nouveau plan"], timeout=5000)
    assert list_plans(db) == [] and list_actions(db) == []
    assert not any("introuvable" in text for text in answer_dialogs.warnings)


def test_the_indicator_form_proposes_the_plan_worked_on(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    [charter] = list_plans(demo_db)
    create_plan(demo_db, PlanFields(title="Plan vélo intercommunal",
                                    period_start=date(2030, 1, 1)))
    assert list_plans(demo_db)[0].title == "Plan vélo intercommunal"  # shown first
    window = open_window(qtbot, demo_db)
    press(window, Qt.Key.Key_2, CTRL)
    page = window.current_page()
    assert isinstance(page, ActionsPage)
    type_to_select(page.plan_combo, charter.title[:6])
    assert page.plan_id() == charter.id

    press(window, Qt.Key.Key_5, CTRL)
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        seen["plan"] = dialog.inputs["plan_id"].get()
        seen["first action"] = dialog.inputs["action_ids"].model.index(0, 0).data()
        assert field(dialog, "Plan").isVisible()
        officer_types({"Nom de l'indicateur": "Kilomètres de pistes"}, seen=seen)(dialog)

    when_dialog_opens(fill)
    press(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: "open" in seen, timeout=5000)
    assert seen["plan"] == charter.id
    assert seen["first action"].endswith(f" — {charter.title}")
    created = next(r for r in indicators.list_indicators(demo_db)
                   if r.name == "Kilomètres de pistes")
    assert indicators.get_indicator(demo_db, created.id).plan_id == charter.id


def test_restoring_a_backup_asks_first_and_annuler_stays(
    qtbot: QtBot, qapp: QApplication, demo_template: Path, tmp_path: Path,
    answer_dialogs: DialogAnswers, monkeypatch: Any,
) -> None:
    path = tmp_path / "territoire.sqlite"
    shutil.copyfile(demo_template, path)
    application = Application(qapp)
    assert application.start(path, demo=False)
    window = application.window
    assert window is not None
    qtbot.addWidget(window)
    type_in_collectivite(window, " TEST")
    from charte_desktop.ui import restore_dialog

    opened: list[bool] = []
    monkeypatch.setattr(restore_dialog, "RestoreDialog",
                        lambda *_args: opened.append(True))  # never reached
    answer_dialogs.answers.append(BUTTONS.Cancel)
    application.restore()
    assert answer_dialogs.asked == [QUESTION]
    assert opened == [] and application.window is window and window.isVisible()
    application.close_current()
