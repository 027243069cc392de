"""Where the keyboard goes, driven by keys only: Ctrl+N creates in the list that has the
keyboard, Ctrl+1…Ctrl+7 put it in the screen's list, Tab leaves a detail tab bar, Entrée
opens an axis, and the agenda's Monter / Descendre are greyed with no point selected."""

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services import meetings, plans
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.main_window import SCREENS, MainWindow
from tests.ui.helpers import when_dialog_opens
from tests.ui.keyboard import (
    CTRL,
    activate,
    focused,
    forget_pending_forms,
    key,
    open_screen,
    press,
    reach,
)

SHIFT = Qt.KeyboardModifier.ShiftModifier


def title_of_next_form() -> dict[str, Any]:
    """The title of the next form that opens (closed at once, nothing saved). A form
    awaited before and that never opened is forgotten: it would take this one."""
    forget_pending_forms()
    seen: dict[str, Any] = {}
    when_dialog_opens(lambda dialog: seen.update(title=dialog.windowTitle()))
    return seen


def ctrl_n_opens(window: QWidget) -> str | None:
    seen = title_of_next_form()
    press(window, Qt.Key.Key_N, CTRL)
    QApplication.processEvents()
    return seen.get("title")


# (screen, main list, tab widget above the detail list or None, its tab, detail list)
DETAILS = [
    ("actions", "action_list", "details", 0, "milestones"),
    ("actions", "action_list", "details", 1, "fundings"),
    ("actions", "action_list", "details", 3, "notes"),
    ("meetings", "meetings", "tabs", 0, "agenda"),
    ("meetings", "meetings", "tabs", 2, "decisions"),
    ("meetings", "meetings", "tabs", 3, "follow_ups"),
    ("bodies", "bodies", None, 0, "members"),
    ("indicators", "indicators", None, 0, "measurements"),
]


@pytest.mark.parametrize(("screen", "main", "tabs", "tab", "detail"), DETAILS)
def test_ctrl_n_creates_in_the_list_that_has_the_keyboard(
    qtbot: QtBot, demo_db: Database, screen: str, main: str, tabs: str | None, tab: int,
    detail: str,
) -> None:
    window, page = open_screen(qtbot, demo_db, screen, main)
    qtbot.waitExposed(window)
    activate(window)
    main_list: ListPage[Any] = getattr(page, main)
    listing: ListPage[Any] = getattr(page, detail)
    assert listing.editor is not None and main_list.editor is not None
    wanted = listing.editor.entity.new_title

    # In the main list, Ctrl+N creates there.
    assert focused() is main_list.table
    assert ctrl_n_opens(window) == main_list.editor.entity.new_title

    if tabs is not None:
        # On the tab bar: the list of the tab shown; then Tab goes down into that list.
        bar = getattr(page, tabs).tabBar()
        reach(bar)
        for _ in range(tab):
            key(Qt.Key.Key_Right)
        assert getattr(page, tabs).currentWidget() is listing
        assert ctrl_n_opens(window) == wanted
        reach(bar)
        key(Qt.Key.Key_Tab)
        assert focused() is listing.table, f"Tab depuis les onglets mène à {focused()!r}"
    else:
        reach(listing.table)
    assert ctrl_n_opens(window) == wanted

    # On one of the list's buttons (Tab on from the table): still that list.
    reach(listing.table)
    key(Qt.Key.Key_Tab)
    assert listing.isAncestorOf(focused()), f"Tab depuis la liste mène à {focused()!r}"
    assert ctrl_n_opens(window) == wanted


def test_ctrl_n_in_the_axes_tree_creates_an_axis(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_screen(qtbot, demo_db, "actions", "action_list")
    reach(page.tree)
    assert ctrl_n_opens(window) == "Nouvel axe"


def test_ctrl_n_in_a_read_only_detail_list_creates_in_the_main_list(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_screen(qtbot, demo_db, "actions", "action_list")
    reach(page.details.tabBar())
    while page.details.currentWidget() is not page.indicators:
        key(Qt.Key.Key_Right)
    key(Qt.Key.Key_Tab)
    assert page.indicators.isAncestorOf(focused())
    assert ctrl_n_opens(window) == "Nouvelle action"


MAIN_LISTS = {"actions": "action_list", "bodies": "bodies", "meetings": "meetings",
              "indicators": "indicators", "directory": "contacts"}


def test_ctrl_digit_puts_the_keyboard_in_the_screen_list(qtbot: QtBot,
                                                         demo_db: Database) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    keys = [screen for screen, *_ in SCREENS]
    for screen, attribute in MAIN_LISTS.items():
        row = keys.index(screen)
        press(window, Qt.Key(Qt.Key.Key_1 + row), CTRL)
        page = window.pages[screen]
        listing: ListPage[Any] = getattr(page, attribute)
        assert focused() is listing.table, f"{screen} : le clavier est sur {focused()!r}"
        assert listing.table.currentIndex().isValid()
        # Bas moves in the list, not to the next screen.
        first = listing.table.currentIndex().row()
        key(Qt.Key.Key_Down)
        assert window.sidebar.currentRow() == row
        assert listing.table.currentIndex().row() == first + 1
        assert focused() is listing.table


def test_entree_opens_the_row_after_ctrl_digit(qtbot: QtBot, demo_db: Database) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    press(window, Qt.Key.Key_2, CTRL)
    page = window.pages["actions"]
    row = page.action_list.current_row()  # type: ignore[attr-defined]
    seen = title_of_next_form()
    key(Qt.Key.Key_Return)
    QApplication.processEvents()
    assert row is not None
    assert seen.get("title", "").startswith(f"Modifier l'action « {row.code} ")
    # The side bar stays within reach of Maj+Tab.
    activate(window)  # the form closed (offscreen, no window is active then)
    assert focused() is page.action_list.table  # type: ignore[attr-defined]
    for _ in range(40):
        if focused() is window.sidebar:
            break
        key(Qt.Key.Key_Tab, SHIFT)
    assert focused() is window.sidebar


def test_entree_in_the_side_bar_goes_into_the_screen(qtbot: QtBot,
                                                    demo_db: Database) -> None:
    window = MainWindow(demo_db, screen="dashboard")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    reach(window.sidebar)
    key(Qt.Key.Key_Down)  # Plan d'actions
    key(Qt.Key.Key_Down)  # Instances
    assert focused() is window.sidebar  # the arrows only show the screens
    key(Qt.Key.Key_Return)
    assert focused() is window.pages["bodies"].bodies.table  # type: ignore[attr-defined]


def test_entree_on_an_axis_opens_its_form(qtbot: QtBot, demo_db: Database) -> None:
    _window, page = open_screen(qtbot, demo_db, "actions", "action_list")
    reach(page.tree)
    key(Qt.Key.Key_Home)  # « Toutes les actions »: nothing opens
    seen = title_of_next_form()
    key(Qt.Key.Key_Return)
    QApplication.processEvents()
    assert "title" not in seen
    key(Qt.Key.Key_Down)  # the first axis
    axis_id = page.axis_id()
    assert axis_id is not None
    axis = next(a for a in plans.list_axes(demo_db, page.plan_id()) if a.id == axis_id)
    seen = title_of_next_form()
    key(Qt.Key.Key_Return)
    QApplication.processEvents()
    assert seen.get("title", "").startswith("Modifier l'axe")
    assert axis.title in seen["title"]


def test_monter_descendre_greyed_without_an_agenda_point(qtbot: QtBot,
                                                        demo_db: Database) -> None:
    empty = next(r.id for r in meetings.list_meetings(demo_db)
                 if len(meetings.get_meeting(demo_db, r.id).agenda_items) == 1)
    for item in meetings.get_meeting(demo_db, empty).agenda_items:
        meetings.delete_agenda_item(demo_db, item.id)
    full = next(r.id for r in meetings.list_meetings(demo_db)
                if meetings.get_meeting(demo_db, r.id).agenda_items)
    _window, page = open_screen(qtbot, demo_db, "meetings", "meetings", full)
    assert page.agenda.current_id() is not None
    assert page.up_button.isEnabled() and page.down_button.isEnabled()
    assert page.meetings.select_id(empty)
    assert page.agenda.current_id() is None
    assert not page.up_button.isEnabled() and not page.down_button.isEnabled()
    assert page.meetings.select_id(full)
    assert page.up_button.isEnabled() and page.down_button.isEnabled()
