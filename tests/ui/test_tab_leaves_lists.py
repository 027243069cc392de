"""Tab leaves a list for the next field, Maj+Tab for the previous one; the arrows move
within it. (A table's default, Tab from cell to cell, kept the keyboard in the list.)"""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.ui.main_window import SCREENS, MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.ui.keyboard import activate
from tests.ui.screen_states import every_state

SHIFT = Qt.KeyboardModifier.ShiftModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def lists_shown(window: QWidget) -> list[QAbstractItemView]:
    """The lists, tables and trees of the window that Tab can reach."""
    return [view for view in window.findChildren(QAbstractItemView)
            if view.window() is window and view.isVisible() and view.isEnabled()
            and view.focusPolicy() & Qt.FocusPolicy.TabFocus]


def focus_on(view: QAbstractItemView) -> None:
    activate(view)
    view.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert QApplication.focusWidget() is view, f"« {view.accessibleName()} » sans le clavier"


def after_key(view: QAbstractItemView, modifier: Qt.KeyboardModifier) -> QWidget | None:
    """Where the keyboard is after Tab (or Maj+Tab) pressed in `view`."""
    focus_on(view)
    QTest.keyClick(view, Qt.Key.Key_Tab, modifier)
    QApplication.processEvents()
    return QApplication.focusWidget()


def left(view: QAbstractItemView, focus: QWidget | None) -> bool:
    return focus is not None and focus is not view and not view.isAncestorOf(focus)


def test_tab_leaves_every_list_of_every_screen(qtbot: QtBot, demo_db: Database) -> None:
    window = open_window(qtbot, demo_db)
    stuck: list[str] = []
    checked: set[int] = set()
    for key, title, _module, _cls in SCREENS:
        window.show_screen(key)
        for state in every_state(window, title):
            for view in lists_shown(window):
                if id(view) in checked:
                    continue
                checked.add(id(view))
                name = f"{state} : « {view.accessibleName() or type(view).__name__} »"
                if view.tabKeyNavigation():
                    stuck.append(f"{name} (Tab d'une cellule à l'autre)")
                    continue
                for modifier, key_name in ((NO_MODIFIER, "Tab"), (SHIFT, "Maj+Tab")):
                    if not left(view, after_key(view, modifier)):
                        stuck.append(f"{name} : {key_name} reste dans la liste")
    assert len(checked) > 20  # lists, details, views, the dashboard's cards, the side bar
    assert not stuck, "\n".join(stuck)


def test_tab_goes_from_the_actions_list_to_the_next_field(qtbot: QtBot,
                                                           demo_db: Database) -> None:
    window = open_window(qtbot, demo_db)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    table = page.action_list.table
    assert page.action_list.proxy.rowCount() > 2
    focus_on(table)
    QTest.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)  # 1st row
    assert table.currentIndex().row() == 0
    # The arrows move within the list, and the keyboard stays there.
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    QTest.keyClick(table, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is table
    # Tab: on to the next field of the screen, not the next cell.
    QTest.keyClick(table, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not None and focus is not table
    assert table.currentIndex().row() == 1  # the row chosen stays chosen
    # Maj+Tab from there comes back to the list.
    QTest.keyClick(focus, Qt.Key.Key_Tab, SHIFT)
    assert QApplication.focusWidget() is table
