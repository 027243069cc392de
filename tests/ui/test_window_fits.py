"""The window on the officer's 1366 × 768 laptop: it opens within the screen (task bar
deducted), remembered sizes are brought back inside it, and every screen fits it."""

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.ui.main_window import (
    ASSUMED_FRAME,
    DEFAULT_SIZE,
    SCREENS,
    MainWindow,
    fitted_frame,
)

LAPTOP = QRect(0, 0, 1366, 768 - 40)  # 1366 × 768, Windows' task bar (40 px) deducted


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()  # the check made once the frame is known
    return window


def available() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def test_a_frame_is_shrunk_then_moved_into_the_screen() -> None:
    window = QRect(0, 0, DEFAULT_SIZE.width(), DEFAULT_SIZE.height()).marginsAdded(
        ASSUMED_FRAME)
    fitted = fitted_frame(window, LAPTOP)
    assert LAPTOP.contains(fitted)
    assert (fitted.width(), fitted.height()) == (window.width(), LAPTOP.height())
    # Left off the screen's right and bottom edges last time: brought back whole.
    fitted = fitted_frame(QRect(1200, 600, 900, 500), LAPTOP)
    assert fitted == QRect(1366 - 900, 728 - 500, 900, 500)
    # On a second screen to the left (negative coordinates), unchanged when it fits.
    left_screen = QRect(-1920, 0, 1920, 1040)
    assert fitted_frame(QRect(-1800, 40, 1296, 839), left_screen) == QRect(-1800, 40, 1296, 839)


def test_the_first_window_fits_the_screen(qtbot: QtBot, demo_db: Database) -> None:
    assert QSettings().value("window/geometry") is None  # never opened before
    window = open_window(qtbot, demo_db)
    screen = available()
    assert screen.contains(window.frameGeometry()), (window.frameGeometry(), screen)
    wanted = QRect(screen.topLeft(), DEFAULT_SIZE).marginsAdded(ASSUMED_FRAME)
    if wanted.height() > screen.height() or wanted.width() > screen.width():
        # The laptop: the whole screen, and a size that fits should she restore it.
        assert window.isMaximized()
        assert screen.contains(window.normalGeometry().marginsAdded(ASSUMED_FRAME))
    else:
        assert window.size() == DEFAULT_SIZE


def test_a_remembered_window_larger_than_the_screen_is_brought_inside(
        qtbot: QtBot, demo_db: Database) -> None:
    screen = available()
    first = open_window(qtbot, demo_db)
    first.showNormal()
    # As saved on the office's large screen, further right and lower than this one.
    first.setGeometry(QRect(screen.left() + 300, screen.top() + 200,
                            screen.width() + 500, screen.height() + 300))
    first.close()

    second = open_window(qtbot, demo_db)
    assert not second.isMaximized()
    assert screen.contains(second.frameGeometry()), (second.frameGeometry(), screen)


def test_every_screen_fits_the_laptop_with_its_buttons_in_sight(
        qtbot: QtBot, demo_db: Database) -> None:
    window = open_window(qtbot, demo_db)
    window.showNormal()
    window.setGeometry(LAPTOP.marginsRemoved(ASSUMED_FRAME))
    size = window.size()
    handle = window.windowHandle()
    assert handle is not None
    for number, (key, *_rest) in enumerate(SCREENS, start=1):
        QTest.keyClick(handle, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()
        page = window.current_page()
        assert page is not None and page is window.pages[key], key
        hint = window.minimumSizeHint().grownBy(ASSUMED_FRAME)
        assert hint.width() <= LAPTOP.width() and hint.height() <= LAPTOP.height(), (key, hint)
        assert window.size() == size, f"{key} : la fenêtre s'est agrandie"
        inside = window.rect()
        for button in page.findChildren(QPushButton):
            if button.isVisibleTo(window):
                shown = scrolling_area(button) or button  # one scrolls to what it holds
                place = QRect(shown.mapTo(window, shown.rect().topLeft()), shown.size())
                assert inside.contains(place), (key, button.text(), place, inside)


def scrolling_area(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent
