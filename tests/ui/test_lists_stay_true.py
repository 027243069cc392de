"""What a list and its details show stays true as the officer searches, filters, creates
and adds details, driven from the keyboard as she does it."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import DisplayStatus
from charte_desktop.services import action_details
from charte_desktop.services.actions import list_actions
from charte_desktop.ui import choices
from charte_desktop.ui.list_page import TYPING_PAUSE_MS, ListPage
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.bodies_page import BodiesPage
from charte_desktop.ui.pages.indicators_page import IndicatorsPage
from charte_desktop.ui.pages.meetings_page import MeetingsPage
from tests.ui.helpers import type_text, when_dialog_opens
from tests.whole_file import actions_titled

CTRL = Qt.KeyboardModifier.ControlModifier
STATUS_COLUMN = 2
LONG_AGO = "15/01/2001"  # overdue whatever day the tests run


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def press(window: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = CTRL) -> None:
    """A shortcut through the window system, as a real key."""
    handle = window.window().windowHandle()
    assert handle is not None
    QTest.keyClick(handle, key, modifier)


def actions_screen(qtbot: QtBot, db: Database) -> tuple[MainWindow, ActionsPage]:
    window = open_window(qtbot, db)
    press(window, Qt.Key.Key_2)  # Plan d'actions
    page = window.current_page()
    assert isinstance(page, ActionsPage)
    return window, page


def search_for(qtbot: QtBot, window: MainWindow, listing: ListPage[Any], text: str) -> None:
    """Ctrl+F, then the words typed over what the search held; the details follow once
    typing pauses."""
    press(window, Qt.Key.Key_F)
    if QApplication.focusWidget() is not listing.search:  # offscreen: no active window
        listing.search.setFocus()
    QTest.keyClick(listing.search, Qt.Key.Key_A, CTRL)
    QTest.keyClick(listing.search, Qt.Key.Key_Delete)
    type_text(qtbot, listing.search, text)
    qtbot.waitUntil(lambda: not listing._typing.isActive() and not listing._selection_pending)


def choose_in_filter(combo: QComboBox, text: str) -> None:
    """Tab to the filter (its choices are read then), then the arrow keys down to `text`."""
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"« {text} » absent de {combo.accessibleName()}")


def type_fields(qtbot: QtBot, values: dict[str, str]) -> Any:
    """For when_dialog_opens: type each field (by its name in the form), then Ctrl+S."""

    def action(dialog: Any) -> None:
        for name, text in values.items():
            widget = dialog.inputs[name].focus_widget
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            QTest.keyClick(widget, Qt.Key.Key_A, CTRL)
            type_text(qtbot, widget, text)
            QTest.keyClick(widget, Qt.Key.Key_Tab)
        press(dialog, Qt.Key.Key_S)

    return action


def status_shown(page: ActionsPage) -> str:
    listing = page.action_list
    return str(listing.table.currentIndex().siblingAtColumn(STATUS_COLUMN).data())


def in_progress_action(db: Database) -> Any:
    return next(r for r in list_actions(db) if r.status is DisplayStatus.IN_PROGRESS)


# --- (a) the details follow the list -----------------------------------------------------


def test_details_empty_and_greyed_when_the_search_hides_every_action(
        qtbot: QtBot, demo_db: Database) -> None:
    window, page = actions_screen(qtbot, demo_db)
    search_for(qtbot, window, page.action_list, "vélo")
    assert page.action_list.current_id() is not None and page.details.isEnabled()
    type_text(qtbot, page.action_list.search, "zz")  # "vélozz": nothing left
    qtbot.wait(TYPING_PAUSE_MS * 2)

    assert page.action_list.visible_rows() == [] and page.action_list.current_id() is None
    assert not page.details.isEnabled()
    assert page.milestones.visible_rows() == []
    for button in (page.milestones.new_button, page.fundings.new_button, page.sheet_button,
                   page.action_list.edit_button, page.action_list.delete_button,
                   page.action_list.duplicate_button):
        assert not button.isEnabled(), button.text()

    search_for(qtbot, window, page.action_list, "")
    assert page.action_list.current_id() == page.action_list.visible_rows()[0].id
    assert page.details.isEnabled() and page.milestones.new_button.isEnabled()


def test_details_follow_a_filter_that_hides_every_action(
        qtbot: QtBot, demo_db: Database) -> None:
    _, page = actions_screen(qtbot, demo_db)
    # A pilot (the filter offers only those), then a status none of their actions has.
    pilot_id, pilot = choices.pilots(demo_db, page.plan_id)()[0]
    theirs = {r.status for r in list_actions(demo_db) if r.pilot_id == pilot_id}
    absent = next(status for status in DisplayStatus if status not in theirs)
    choose_in_filter(page.action_list.filters["pilot_id"].combo, pilot)
    choose_in_filter(page.action_list.filters["status"].combo, absent.label)
    assert page.action_list.visible_rows() == [] and page.action_list.current_id() is None
    assert not page.details.isEnabled() and not page.milestones.new_button.isEnabled()


def test_every_screen_empties_its_details_when_its_list_is_emptied(
        qtbot: QtBot, demo_db: Database) -> None:
    window = open_window(qtbot, demo_db)
    press(window, Qt.Key.Key_3)
    bodies = window.current_page()
    assert isinstance(bodies, BodiesPage) and bodies.members.isEnabled()
    search_for(qtbot, window, bodies.bodies, "zzzz")
    assert not bodies.members.isEnabled() and bodies.members.visible_rows() == []
    assert bodies.summary.text().startswith("Sélectionnez une instance")
    assert not bodies.calendar_button.isEnabled()

    press(window, Qt.Key.Key_4)
    meetings = window.current_page()
    assert isinstance(meetings, MeetingsPage) and meetings.tabs.isEnabled()
    search_for(qtbot, window, meetings.meetings, "zzzz")
    assert not meetings.tabs.isEnabled() and meetings.agenda.visible_rows() == []
    assert meetings.heading.text().startswith("Sélectionnez une réunion")

    press(window, Qt.Key.Key_5)
    indicators = window.current_page()
    assert isinstance(indicators, IndicatorsPage) and indicators.measurement_box.isEnabled()
    search_for(qtbot, window, indicators.indicators, "zzzz")
    assert not indicators.measurement_box.isEnabled()
    assert indicators.measurements.visible_rows() == []


# --- (b) a detail shows at once in the action's row ------------------------------------------


def test_an_overdue_milestone_makes_the_action_late_at_once(
        qtbot: QtBot, demo_db: Database) -> None:
    window, page = actions_screen(qtbot, demo_db)
    action = in_progress_action(demo_db)
    search_for(qtbot, window, page.action_list, action.title)
    assert page.action_list.current_id() == action.id and status_shown(page) == "En cours"

    when_dialog_opens(type_fields(qtbot, {"title": "Étude préalable",
                                          "due_date": LONG_AGO}))
    QTest.mouseClick(page.milestones.new_button, Qt.MouseButton.LeftButton)

    assert [m.title for m in action_details.list_milestones(demo_db, action.id)
            if m.title == "Étude préalable"]
    assert page.action_list.current_id() == action.id  # the action stays selected
    assert status_shown(page) == "En retard"
    assert page.milestones.current_row().title == "Étude préalable"


def test_an_action_a_milestone_moves_out_of_the_filter_is_explained(
        qtbot: QtBot, demo_db: Database) -> None:
    window, page = actions_screen(qtbot, demo_db)
    action = in_progress_action(demo_db)
    choose_in_filter(page.action_list.filters["status"].combo, "En cours")
    page.action_list.select_id(action.id)  # the row she clicked

    when_dialog_opens(type_fields(qtbot, {"title": "Étude préalable",
                                          "due_date": LONG_AGO}))
    QTest.mouseClick(page.milestones.new_button, Qt.MouseButton.LeftButton)

    assert action.id not in [r.id for r in page.action_list.visible_rows()]
    assert page.action_list.current_id() != action.id
    assert window.statusBar().currentMessage() == (
        f"L'action « {action.code} {action.title} » a été modifiée ; elle est désormais "
        "masquée par le filtre « Statut ».")


def test_a_budget_year_changes_the_planned_budget_in_the_row(
        qtbot: QtBot, demo_db: Database) -> None:
    window, page = actions_screen(qtbot, demo_db)
    action = in_progress_action(demo_db)
    search_for(qtbot, window, page.action_list, action.title)
    tabs = page.details.tabBar()  # she clicks "Budget par année"
    QTest.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(2).center())
    assert page.details.currentWidget() is page.budget_years

    when_dialog_opens(type_fields(qtbot, {"year": "2001", "planned": "123 456"}))
    QTest.mouseClick(page.budget_years.new_button, Qt.MouseButton.LeftButton)

    row = page.action_list.current_row()
    assert row is not None and row.id == action.id
    planned = actions_titled(demo_db, action.title)[0].budget_planned
    assert row.budget_planned == planned and planned >= 123456


# --- (c) what she creates is shown -------------------------------------------------------------


def test_a_new_action_the_search_hides_is_shown_and_the_status_line_says_why(
        qtbot: QtBot, demo_db: Database) -> None:
    window, page = actions_screen(qtbot, demo_db)
    search_for(qtbot, window, page.action_list, "vélo")
    assert page.action_list.visible_rows()

    when_dialog_opens(type_fields(qtbot, {"code": "4.1",
                                          "title": "Créer une signalétique commune"}))
    press(window, Qt.Key.Key_N)

    created = actions_titled(demo_db, "signalétique commune")
    assert len(created) == 1
    assert page.action_list.current_id() == created[0].id
    assert page.action_list.search.text() == ""
    assert window.statusBar().currentMessage() == (
        "L'action « 4.1 Créer une signalétique commune » a été créée ; pour l'afficher, "
        "la recherche « vélo » a été retirée.")
    assert page.details.isEnabled() and page.milestones.visible_rows() == []


def test_a_new_action_filtered_out_and_off_the_axis_is_shown(
        qtbot: QtBot, demo_db: Database) -> None:
    window, page = actions_screen(qtbot, demo_db)
    axes = page.tree.topLevelItem(0)
    first_axis, other_axis = axes.child(0).text(0), axes.child(1).text(0)
    page.tree.setCurrentItem(axes.child(0))  # she clicks the first axis
    choose_in_filter(page.action_list.filters["status"].combo, "En retard")

    def fill(dialog: Any) -> None:
        axis_field = dialog.inputs["axis_id"].focus_widget
        axis_field.setFocus(Qt.FocusReason.TabFocusReason)
        QTest.keyClick(axis_field, Qt.Key.Key_A, CTRL)
        type_text(qtbot, axis_field, other_axis)
        QTest.keyClick(axis_field, Qt.Key.Key_Tab)
        type_fields(qtbot, {"code": "9.1", "title": "Nouvelle action hors axe"})(dialog)

    when_dialog_opens(fill)
    press(window, Qt.Key.Key_N)

    created = actions_titled(demo_db, "hors axe")
    assert len(created) == 1
    assert page.action_list.current_id() == created[0].id
    assert page.action_list.filters["status"].value() is None
    assert window.statusBar().currentMessage() == (
        "L'action « 9.1 Nouvelle action hors axe » a été créée ; pour l'afficher, le filtre "
        f"« Statut » et l'axe « {first_axis} » ont été retirés.")


# --- (d) counts read alike ---------------------------------------------------------------------


def test_counts_read_alike_with_a_search_or_a_filter(qtbot: QtBot, demo_db: Database) -> None:
    window, page = actions_screen(qtbot, demo_db)
    everything = list_actions(demo_db)
    late = [r for r in everything if r.status is DisplayStatus.LATE]
    assert page.action_list.count_label.text() == f"{len(everything)} éléments"
    choose_in_filter(page.action_list.filters["status"].combo, "En retard")
    assert page.action_list.count_label.text() == f"{len(late)} sur {len(everything)}"
    search_for(qtbot, window, page.action_list, late[0].title)
    assert page.action_list.count_label.text() == f"1 sur {len(everything)}"
