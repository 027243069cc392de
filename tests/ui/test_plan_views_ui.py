"""Plan d'actions views (Priorisation, Politiques publiques, Budget) and the action's
Budget par année and Indicateurs tabs, driven as the officer would."""

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import Priority
from charte_desktop.services import budget, indicators, policy_matrix, prioritisation
from charte_desktop.services.actions import get_action
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.ui.conftest import DialogAnswers
from tests.ui.helpers import when_dialog_opens


def open_page(qtbot: QtBot, db: Database) -> tuple[MainWindow, ActionsPage]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    return window, page


def test_priorisation_lists_by_score_and_sets_levels_with_undo(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_page(qtbot, demo_db)
    page.views.setCurrentWidget(page.priority_view)
    view = page.priority_view
    shown = [view.model.row_at(i) for i in range(view.model.rowCount())]
    table = prioritisation.priority_table(demo_db, page.plan_id() or 0)
    assert [r.action_id for r in shown] == [r.action_id for r in table.rows]
    assert [r.score for r in shown] == sorted((r.score for r in shown), reverse=True)
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(view.model.columnCount())]
    assert headers[:3] == ["Rang", "Code", "Intitulé"]
    assert headers[-3:] == ["Score", "Proposée", "Priorité"]
    assert "Volonté ×1,5" in headers  # the whole name in the tooltip; the demo's 1,5
    volition = headers.index("Volonté ×1,5")
    assert view.model.headerData(volition, Qt.Orientation.Horizontal,
                                 Qt.ItemDataRole.ToolTipRole) == "Volonté politique (poids 1,5)"

    # The officer picks the last action and clicks "Haute".
    last = shown[-1]
    assert view.select_action(last.action_id)
    qtbot.mouseClick(view.level_buttons[Priority.HIGH], Qt.MouseButton.LeftButton)
    assert get_action(demo_db, last.action_id).priority is Priority.HIGH
    cell = view.proxy.index(view.table.currentIndex().row(), view.model.priority_column)
    assert cell.data() == "Haute"

    # Then chooses "Basse" in the drop-down of the Priorité column.
    view.table.setCurrentIndex(cell)
    view.table.edit(cell)
    combo = view.table.indexWidget(cell) or view.table.findChild(QComboBox)
    assert isinstance(combo, QComboBox)
    combo.setCurrentText("Basse")
    view.table.commitData(combo)
    view.table.closeEditor(combo, view.delegate.EndEditHint.NoHint)
    assert get_action(demo_db, last.action_id).priority is Priority.LOW

    window.undo_stack.undo()
    assert get_action(demo_db, last.action_id).priority is Priority.HIGH
    window.undo_stack.undo()
    assert get_action(demo_db, last.action_id).priority is last.priority


def test_suggested_levels_only_fill_undecided_actions(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_page(qtbot, demo_db)
    for row in prioritisation.priority_table(demo_db, page.plan_id() or 0).rows[::3]:
        prioritisation.set_priority(demo_db, row.action_id, None)  # still to decide
    page.views.setCurrentWidget(page.priority_view)
    before = {r.action_id: r.priority for r in page.priority_view.model.rows()}
    undecided = [i for i, p in before.items() if p is None]
    assert undecided and len(undecided) < len(before)

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.priority_view.suggest_button, Qt.MouseButton.LeftButton)
    assert "d'après leur score" in answer_dialogs.asked[-1]
    after = {i: get_action(demo_db, i).priority for i in before}
    assert all(after[i] == p for i, p in before.items() if p is not None)
    assert any(after[i] is not None for i in undecided)

    window.undo_stack.undo()  # one step undoes the whole proposal
    assert {i: get_action(demo_db, i).priority for i in before} == before


def test_ticking_a_policy_box_tags_the_action(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_page(qtbot, demo_db)
    page.views.setCurrentWidget(page.policy_view)
    view = page.policy_view
    model = view.model
    first = model.row_at(view.proxy.mapToSource(view.proxy.index(0, 0)).row())
    column = next(c for c in range(2, model.columnCount())
                  if model.policy_at(c) not in first.policy_ids)
    policy_id = model.policy_at(column)
    index = view.proxy.index(0, column)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    header_before = model.headerData(column, Qt.Orientation.Horizontal)

    view.table.setCurrentIndex(index)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    assert policy_id in {p.id for p in get_action(demo_db, first.action_id).policies}
    assert view.proxy.index(0, column).data(Qt.ItemDataRole.CheckStateRole) == \
        Qt.CheckState.Checked
    assert model.headerData(column, Qt.Orientation.Horizontal) != header_before  # its count

    window.undo_stack.undo()
    matrix = policy_matrix.policy_matrix(demo_db, page.plan_id() or 0)
    assert policy_id not in next(r for r in matrix.rows
                                 if r.action_id == first.action_id).policy_ids


def test_budget_per_year_tab_sets_the_totals_and_the_budget_view(
    qtbot: QtBot, demo_db: Database
) -> None:
    _, page = open_page(qtbot, demo_db)
    page.action_list.table.setFocus()
    page.action_list.select_id(page.action_list.visible_rows()[0].id)
    action_id = page.current_action_id() or 0
    assert budget.list_budget_years(demo_db, action_id) == []
    before = {line.label: line.planned
              for line in budget.totals_by_year(demo_db, page.plan_id() or 0)}
    page.details.setCurrentWidget(page.budget_years)

    def add_year(year: int, planned: str) -> None:
        def fill(dialog: Any) -> None:
            dialog.inputs["year"].set(year)
            dialog.inputs["planned"].widget.selectAll()  # the first line opens with the total
            qtbot.keyClicks(dialog.inputs["planned"].widget, planned)
            dialog.validate()
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

        when_dialog_opens(fill)
        qtbot.mouseClick(page.budget_years.new_button, Qt.MouseButton.LeftButton)

    add_year(2026, "10 000")
    add_year(2027, "2 500,50")
    assert [line.year for line in budget.list_budget_years(demo_db, action_id)] == [2026, 2027]
    assert get_action(demo_db, action_id).budget_planned == Decimal("12500.50")
    listing = page.action_list
    row = listing.visible_rows()[listing.model.find_row(lambda r: r.id == action_id)]
    assert row.budget_planned == Decimal("12500.50")  # the list shows the new total

    add_year(2026, "1")  # the same year again: refused, nothing saved
    assert len(budget.list_budget_years(demo_db, action_id)) == 2

    page.views.setCurrentWidget(page.budget_view)
    years = {y.label: y.planned for y in page.budget_view.by_year.rows()}
    assert years["2026"] - before.get("2026", 0) == Decimal("10000.00")
    assert years["2027"] - before.get("2027", 0) == Decimal("2500.50")
    assert years.pop("Total des années") == sum(years.values(), Decimal(0))
    axes = page.budget_view.by_axis.rows()
    assert axes[-1].label == "Total du plan"
    assert axes[-1].planned == sum((a.planned for a in axes[:-1]), Decimal(0))
    assert "Budget prévu du plan" in page.budget_view.summary.text()


def test_action_indicators_tab_opens_the_indicator(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_page(qtbot, demo_db)
    linked = next(r for r in page.action_list.visible_rows()
                  if indicators.list_indicators(demo_db, action_id=r.id))
    page.action_list.select_id(linked.id)
    page.details.setCurrentWidget(page.indicators)
    shown = page.indicators.visible_rows()
    assert [r.id for r in shown] == [
        r.id for r in indicators.list_indicators(demo_db, action_id=linked.id)]
    page.indicators.table.setCurrentIndex(page.indicators.proxy.index(0, 0))
    page.indicators.table.setFocus()
    qtbot.keyClick(page.indicators.table, Qt.Key.Key_Return)
    assert window.current_page() is window.page("indicators")


def test_the_read_only_indicators_tab_offers_no_edit_buttons(
    qtbot: QtBot, demo_db: Database
) -> None:
    _, page = open_page(qtbot, demo_db)
    page.details.setCurrentWidget(page.indicators)
    buttons = (page.indicators.new_button, page.indicators.edit_button,
               page.indicators.duplicate_button, page.indicators.delete_button)
    assert not any(button.isVisibleTo(page) for button in buttons)
    assert page.action_list.duplicate_button.isVisibleTo(page)  # the actions list keeps it


def test_scores_typed_in_the_grid_from_the_keyboard_rank_the_action_again(
    qtbot: QtBot, demo_db: Database
) -> None:
    from charte_desktop.services.action_details import get_scores
    from tests.ui.keyboard import CTRL, activate, key, press

    window, page = open_page(qtbot, demo_db)
    window.show()
    page.views.setCurrentWidget(page.priority_view)
    view = page.priority_view
    last = view.model.row_at(view.model.rowCount() - 1)
    first_criterion, criterion_id = min(view.model.criterion_columns.items())
    assert view.select_action(last.action_id, first_criterion)
    activate(window)
    view.table.setFocus()  # the officer clicks on the action's first note
    before = get_scores(demo_db, last.action_id)
    typed = []
    for digit, move in ((Qt.Key.Key_3, True), (Qt.Key.Key_3, True), (Qt.Key.Key_3, False)):
        key(digit)
        typed.append(3)
        if move:
            key(Qt.Key.Key_Right)  # to the next criterion, on the same action
    scores = get_scores(demo_db, last.action_id)
    columns = sorted(view.model.criterion_columns.items())[:3]
    assert [scores[c] for _col, c in columns] == typed
    # The rank and the score follow at once; the cell follows the action.
    row = view.selected_row()
    assert row is not None and row.action_id == last.action_id
    assert row.rank < last.rank and row.score > last.score
    assert view.proxy.mapToSource(view.table.currentIndex()).column() == columns[2][0]

    key(Qt.Key.Key_Delete)  # clears the note of the current cell
    assert columns[2][1] not in get_scores(demo_db, last.action_id)
    key(Qt.Key.Key_7)  # not a note: nothing changes
    assert columns[2][1] not in get_scores(demo_db, last.action_id)
    for _ in range(4):
        press(window, Qt.Key.Key_Z, CTRL)
    assert get_scores(demo_db, last.action_id) == before
    assert criterion_id == columns[0][1]
