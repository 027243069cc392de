"""Issue 18: Alt+A shows the Calendrier (the menu « Aller à » is Alt+À), « Suites
antérieures » has its letter, the axes' titles are whole, and Qt's own file dialog speaks
French."""

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services import plans
from charte_desktop.ui.i18n import install_french
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.ui.keyboard import press_alt
from tests.ui.test_mnemonics import clashes


def open_window(qtbot: QtBot, db: Database, screen: str) -> tuple[MainWindow, Any]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window, window.show_screen(screen)


def test_alt_a_shows_the_calendar_and_the_menu_is_alt_a_grave(
        qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_window(qtbot, demo_db, "actions")
    assert isinstance(page, ActionsPage)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Fichier", "É&dition", "Aller &à", "Aid&e"]
    page.action_list.focus_table()
    press_alt(window, Qt.Key.Key_A)
    assert page.action_list.views.currentWidget() is page.calendar
    assert clashes(window, "Plan d'actions › Calendrier") == []
    press_alt(window, Qt.Key.Key_T)  # « Lis&te »
    assert page.action_list.views.currentIndex() == 0


def test_the_earlier_follow_ups_tab_has_a_letter_of_its_own(
        qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_window(qtbot, demo_db, "meetings")
    tabs = page.tabs
    index = tabs.indexOf(page.carried)
    assert tabs.tabText(index) == "Suites &antérieures"
    assert "réunions précédentes" in tabs.tabToolTip(index)
    press_alt(window, Qt.Key.Key_A)
    assert tabs.currentWidget() is page.carried
    assert clashes(window, "Réunions › Suites antérieures") == []


def test_the_axes_titles_are_whole_on_the_laptop(qtbot: QtBot, demo_db: Database) -> None:
    _window, page = open_window(qtbot, demo_db, "actions")
    assert isinstance(page, ActionsPage)
    QApplication.processEvents()
    tree = page.tree
    axes = plans.list_axes(demo_db, page.plan_id())
    longest = max(axes, key=lambda axis: len(axis.title))
    [item] = tree.findItems(f"{longest.code} {longest.title}".strip(),
                            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    assert item.toolTip(0) == f"{longest.code} {longest.title}".strip()
    rect = tree.visualItemRect(item)
    needed = tree.fontMetrics().horizontalAdvance(item.text(0))
    column = tree.header().sectionSize(0)
    # Wider than its column: the row is as high as the lines it wraps onto.
    lines = -(-needed // max(column - 40, 1))
    assert rect.height() >= min(lines, 2) * tree.fontMetrics().lineSpacing()
    assert tree.headerItem().text(1) == "%"


def test_qt_file_dialog_speaks_french(qtbot: QtBot, qapp: Any) -> None:
    translators = install_french(qapp)
    try:
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Voir dans\u00a0:"
        dialog = QFileDialog(None, "Enregistrer le tableau de suivi")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = {label.text() for label in dialog.findChildren(QLabel)}
        assert {"&Voir dans\u00a0:", "Fichiers de &type\u00a0:"} <= texts
        assert not any("Look in" in text or "Files of" in text for text in texts)
        assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder",
                                          "All other platforms") == "Dossier"
        # Not ours: the next catalogue's.
        assert QCoreApplication.translate("QFileDialog", "&Open") == "&Ouvrir"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
