"""Notes typed down a column of the Priorisation grid (issue 18, review): each line stays
where it is while the officer types, rank and score follow on the line, the cursor stays
under her fingers; « Reclasser par score » or F5 sorts the lines again. A digit past the
scale says so in the status bar and saves nothing."""

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services.action_details import MAX_SCORE, get_scores
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.priority_view import PriorityView
from tests.ui.keyboard import (
    CTRL,
    NO_KEY_MODIFIER,
    focused,
    key,
    open_screen,
    press,
    press_alt,
    press_button,
)


def open_grid(qtbot: QtBot, db: Database) -> tuple[Any, PriorityView]:
    window, page = open_screen(qtbot, db, "actions")
    assert isinstance(page, ActionsPage)
    press_alt(window, Qt.Key.Key_P)  # « Priorisation »
    view = page.priority_view
    assert page.views.currentWidget() is view
    return window, view


def shown_ids(view: PriorityView) -> list[int]:
    """The actions in the order the officer sees them."""
    proxy = view.proxy
    return [view.model.row_at(proxy.mapToSource(proxy.index(row, 0)).row()).action_id
            for row in range(proxy.rowCount())]


def cell_text(view: PriorityView, row: int, column: int) -> str:
    return str(view.proxy.index(row, column).data())


def click_cell(view: PriorityView, row: int, column: int) -> None:
    """The officer clicks on a cell of the grid."""
    index = view.proxy.index(row, column)
    view.table.scrollTo(index)
    centre = view.table.visualRect(index).center()
    QTest.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, NO_KEY_MODIFIER,
                     QPoint(centre.x(), centre.y()))
    assert focused() is view.table
    assert view.table.currentIndex().row() == row


def cursor(view: PriorityView) -> tuple[int, int]:
    index = view.table.currentIndex()
    return index.row(), view.proxy.mapToSource(index).column()


def test_typing_down_a_column_keeps_the_lines_and_the_cursor_in_place(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, view = open_grid(qtbot, demo_db)
    order = shown_ids(view)
    column, criterion = min(view.model.criterion_columns.items())
    last = len(order) - 1
    start = last - 3  # the four last actions, the least scored: 3 lifts them
    click_cell(view, start, column)
    for row in range(start, last + 1):
        key(Qt.Key.Key_3)
        assert shown_ids(view) == order  # nothing moved under the cursor
        assert cursor(view) == (row, column)
        assert cell_text(view, row, column) == "3"
        if row < last:
            key(Qt.Key.Key_Down)
    for action_id in order[start:]:
        assert get_scores(demo_db, action_id)[criterion] == 3
    # Rank and score followed on their lines: the grid is no longer in rank order.
    ranks = [int(cell_text(view, row, 0)) for row in range(len(order))]
    assert ranks != sorted(ranks)

    press(window, Qt.Key.Key_Z, CTRL)  # the last note undone: still nothing moves
    assert shown_ids(view) == order and cursor(view) == (last, column)
    assert get_scores(demo_db, order[last]).get(criterion) != 3

    typed_on = order[last - 1]
    key(Qt.Key.Key_Up)
    selected = view.selected_row()
    assert selected is not None and selected.action_id == typed_on
    press_button(view.sort_button)  # « Reclasser par score »
    ranks = [int(cell_text(view, line, 0)) for line in range(len(order))]
    assert ranks == sorted(ranks) and shown_ids(view) != order
    selected = view.selected_row()
    assert selected is not None and selected.action_id == typed_on  # the cursor followed


def test_f5_sorts_the_lines_again(qtbot: QtBot, demo_db: Database) -> None:
    window, view = open_grid(qtbot, demo_db)
    order = shown_ids(view)
    column, _criterion = min(view.model.criterion_columns.items())
    click_cell(view, len(order) - 1, column)
    for _ in range(len(view.model.criterion_columns)):
        key(Qt.Key.Key_3)
        key(Qt.Key.Key_Right)
    assert shown_ids(view) == order
    press(window, Qt.Key.Key_F5)
    ranks = [int(cell_text(view, row, 0)) for row in range(len(order))]
    assert ranks == sorted(ranks) and shown_ids(view) != order


def test_a_digit_past_the_scale_is_said_and_saves_nothing(qtbot: QtBot,
                                                          demo_db: Database) -> None:
    window, view = open_grid(qtbot, demo_db)
    column, criterion = min(view.model.criterion_columns.items())
    click_cell(view, 0, column)
    action_id = shown_ids(view)[0]
    before = get_scores(demo_db, action_id)
    shown = cell_text(view, 0, column)
    key(Qt.Key.Key_7)
    assert get_scores(demo_db, action_id) == before
    assert cell_text(view, 0, column) == shown
    assert window.statusBar().currentMessage() == (
        f"Une note va de 0 à {MAX_SCORE} (saisi : 7) : rien n'est enregistré.")
    assert not window.undo_stack.canUndo()
    key(Qt.Key.Key_2)  # a note of the scale lands
    assert get_scores(demo_db, action_id)[criterion] == 2


def test_a_digit_past_the_scale_in_the_action_tab_is_said(qtbot: QtBot,
                                                          demo_db: Database) -> None:
    from PySide6.QtWidgets import QSpinBox

    from tests.ui.keyboard import field, reach

    window, page = open_screen(qtbot, demo_db, "actions", "action_list", 5)
    assert isinstance(page, ActionsPage)
    press_alt(window, Qt.Key.Key_O)  # « Notes de priorisation »
    panel = page.scores
    assert page.details.currentWidget() is panel
    criterion_id, spin = next(iter(panel.spins.items()))
    assert field(panel, spin.accessibleName()) is spin and isinstance(spin, QSpinBox)
    before = get_scores(demo_db, 5).get(criterion_id)
    reach(spin)
    key(Qt.Key.Key_7)
    assert panel.problem.text() == (
        f"Une note va de 0 à {MAX_SCORE} (saisi : 7) : la note reste inchangée.")
    assert panel.problem.isVisible()
    press(window, Qt.Key.Key_S, CTRL)
    assert get_scores(demo_db, 5).get(criterion_id) == before
    reach(spin)
    key(Qt.Key.Key_2)
    assert panel.problem.text() == ""
    press(window, Qt.Key.Key_S, CTRL)
    assert get_scores(demo_db, 5)[criterion_id] == 2


def test_coming_back_to_the_view_sorts_the_lines_again(qtbot: QtBot,
                                                       demo_db: Database) -> None:
    window, view = open_grid(qtbot, demo_db)
    order = shown_ids(view)
    column, _criterion = min(view.model.criterion_columns.items())
    click_cell(view, len(order) - 1, column)
    for _ in range(len(view.model.criterion_columns)):
        key(Qt.Key.Key_3)
        key(Qt.Key.Key_Right)
    assert shown_ids(view) == order
    press_alt(window, Qt.Key.Key_G)  # « Budget »
    press_alt(window, Qt.Key.Key_P)  # back to « Priorisation »
    ranks = [int(cell_text(view, row, 0)) for row in range(len(order))]
    assert ranks == sorted(ranks) and shown_ids(view) != order
