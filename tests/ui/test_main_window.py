"""The window framework: navigation, menus, French Qt, remembered state, starting up."""

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from charte_desktop.cli.window_launcher import parse_window_arguments
from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import ActionStatus, TerritoryKind
from charte_desktop.services.actions import get_action, list_actions
from charte_desktop.services.plans import TerritoryFields, get_territory
from charte_desktop.ui.app import Application
from charte_desktop.ui.form_dialog import FormDialog
from charte_desktop.ui.i18n import install_french
from charte_desktop.ui.main_window import SCREENS, MainWindow, recent_files
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.welcome import WelcomeDialog
from tests.ui.conftest import DialogAnswers
from tests.ui.helpers import type_text, when_dialog_opens


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def edit_menu_action(window: MainWindow, shortcut: str) -> QAction:
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "É&dition")
    wanted = QKeySequence(shortcut)
    return next(a for a in edit.actions() if wanted in a.shortcuts())


# --- navigation and menus -------------------------------------------------------------------


def test_side_bar_shows_each_screen(qtbot: QtBot, demo_db: Database) -> None:
    window = open_window(qtbot, demo_db)
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == [
        text for _key, text, _module, _cls in SCREENS
    ]
    for row, (_key, text, _module, cls) in enumerate(SCREENS):
        item = window.sidebar.item(row)
        qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton,
                         pos=window.sidebar.visualItemRect(item).center())
        page = window.current_page()
        assert page is not None and type(page).__name__ == cls
        assert page.title == text


def test_ctrl_f_puts_the_cursor_in_the_search(qtbot: QtBot, demo_db: Database) -> None:
    window = open_window(qtbot, demo_db)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=1000)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.action_list.search


def test_undo_and_redo_an_edit_from_the_edit_menu(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window = open_window(qtbot, demo_db)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    action = next(r for r in list_actions(demo_db) if r.stored_status is ActionStatus.TO_START)
    page.show_item(action.id)

    def start_it(dialog: FormDialog[Any]) -> None:
        dialog.inputs["status"].set(ActionStatus.IN_PROGRESS)
        dialog.validate()
        dialog.save_button.click()

    when_dialog_opens(start_it)
    qtbot.mouseClick(page.action_list.edit_button, Qt.MouseButton.LeftButton)
    assert get_action(demo_db, action.id).status is ActionStatus.IN_PROGRESS

    undo, redo = edit_menu_action(window, "Ctrl+Z"), edit_menu_action(window, "Ctrl+Y")
    assert undo.text().startswith("&Annuler") and redo.text().startswith("&Rétablir")
    undo.trigger()
    assert get_action(demo_db, action.id).status is ActionStatus.TO_START
    redo.trigger()
    assert get_action(demo_db, action.id).status is ActionStatus.IN_PROGRESS


def test_double_click_on_a_list_row_opens_its_form_once(
    qtbot: QtBot, demo_db: Database
) -> None:
    window = open_window(qtbot, demo_db)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    opened: list[str] = []

    def note_and_close(dialog: FormDialog[Any]) -> None:
        opened.append(dialog.windowTitle())
        dialog.done(QDialog.DialogCode.Rejected)

    when_dialog_opens(note_and_close)
    when_dialog_opens(note_and_close)  # would catch a second form
    table = page.action_list.table
    centre = table.visualRect(page.action_list.proxy.index(0, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.wait(100)
    assert len(opened) == 1


# --- French -----------------------------------------------------------------------------------


def test_qt_speaks_french_once_installed(qtbot: QtBot, qapp: QApplication) -> None:
    default_locale = QLocale()
    translators = install_french(qapp)
    try:
        assert translators, "Qt's French catalogue should ship with PySide6"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(buttons)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
        line = QLineEdit("texte")
        qtbot.addWidget(line)
        menu = line.createStandardContextMenu()
        assert any(a.text().replace("&", "").startswith("Copier") for a in menu.actions())
        menu.deleteLater()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(default_locale)


# --- remembered state and files -------------------------------------------------------------


def test_window_geometry_is_remembered(qtbot: QtBot, demo_db: Database) -> None:
    first = open_window(qtbot, demo_db)
    first.resize(710, 530)  # within the offscreen screen's 800 × 600
    first.close()
    second = open_window(qtbot, demo_db)
    assert (second.width(), second.height()) == (710, 530)


def test_save_a_copy_writes_a_file_charte_opens(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, demo_db)
    target = tmp_path / "copies" / "copie du plan.sqlite"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    window._save_copy()
    copy = open_database(target)
    try:
        territory, original = get_territory(copy), get_territory(demo_db)
        assert territory is not None and original is not None
        assert territory.name == original.name
        assert len(list_actions(copy)) == len(list_actions(demo_db))
    finally:
        copy.close()
    assert "Copie enregistrée" in window.statusBar().currentMessage()


@pytest.mark.file_only
def test_opened_file_goes_to_the_recent_files(qtbot: QtBot, demo_db: Database) -> None:
    window = open_window(qtbot, demo_db)
    assert recent_files()[0] == str(demo_db.path)
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == [f"&1 {demo_db.path}"]
    opened: list[Path] = []
    window.open_requested.connect(opened.append)
    window.recent_menu.actions()[0].trigger()
    assert opened == [demo_db.path]


# --- starting up ------------------------------------------------------------------------------


@pytest.mark.parametrize(("argv", "message"), [
    (["--db", "a.sqlite", "--demo"], "l'argument --demo ne peut pas être utilisé avec --db"),
    (["--db"], "l'argument --db attend une valeur"),
    (["--couleur"], "arguments non reconnus : --couleur"),
])
def test_window_arguments_errors_are_french(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse_window_arguments(argv)
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("utilisation : charte-desktop")
    assert f"charte-desktop : erreur : {message}" in error


def test_window_arguments() -> None:
    assert parse_window_arguments(["--db", "plan.sqlite"]).db == Path("plan.sqlite")
    assert parse_window_arguments(["--demo"]).demo is True


def test_welcome_requires_the_name_then_gives_the_fields(qtbot: QtBot) -> None:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isHidden()
    assert dialog.error.text() == "Le champ « Nom de la collectivité » est obligatoire."
    assert dialog.fields is None and dialog.result() != QDialog.DialogCode.Accepted

    type_text(qtbot, dialog.name, "Communauté de communes du Pays d'Élan")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.fields == TerritoryFields(
        name="Communauté de communes du Pays d'Élan",
        kind=TerritoryKind.COMMUNITY_OF_COMMUNES, logo=None, logo_filename=None,
    )


def test_starting_on_a_missing_file_warns_in_french_and_creates_nothing(
    qapp: QApplication, tmp_path: Path, answer_dialogs: DialogAnswers
) -> None:
    missing = tmp_path / "absent" / "plan.sqlite"
    application = Application(qapp)
    assert application.start(missing, demo=False) is False
    assert answer_dialogs.warnings == [f"Le fichier « {missing} » est introuvable."]
    assert not missing.exists() and not missing.parent.exists()
    assert application.window is None


def test_reopens_on_the_last_screen_used(qtbot: QtBot, demo_db: Database) -> None:
    first = MainWindow(demo_db)
    qtbot.addWidget(first)
    first.show_screen("meetings")
    first.close()
    second = MainWindow(demo_db)
    qtbot.addWidget(second)
    assert type(second.current_page()).__name__ == "MeetingsPage"
    assert "dashboard" not in second.pages  # only the screen shown is built
