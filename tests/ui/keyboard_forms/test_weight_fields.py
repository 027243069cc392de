"""Weights typed the French way: an action's « Poids » (its share in the progress of its
axis and plan, shown beside each axis of the tree) and a criterion's « Pondération »."""

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services import action_details as details
from charte_desktop.services.actions import get_action
from charte_desktop.services.progress_rollup import plan_rollup, progress_text
from charte_desktop.services.weights import NOT_A_CRITERION_WEIGHT, NOT_A_WEIGHT
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.ui.keyboard import (
    CTRL,
    field,
    officer_types,
    open_row,
    open_screen,
    press,
    press_alt,
    when_form_opens,
)

CYCLE_ACTION = 5  # « 1.5 Développer la cyclologistique pour le dernier kilomètre », weight 1
RAPIDITY = 2  # the criterion « Rapidité »


def open_actions(qtbot: QtBot, db: Database) -> tuple[MainWindow, ActionsPage]:
    window, page = open_screen(qtbot, db, "actions", "action_list")
    assert isinstance(page, ActionsPage)
    return window, page


def tree_items(page: ActionsPage) -> dict[int | None, QTreeWidgetItem]:
    """Every item of the axes tree by axis id (None: « Toutes les actions »)."""
    found: dict[int | None, QTreeWidgetItem] = {}
    pending = [page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())]
    while pending:
        item = pending.pop()
        found[item.data(0, Qt.ItemDataRole.UserRole)] = item
        pending.extend(item.child(i) for i in range(item.childCount()))
    return found


def assert_tree_shows_the_rollup(page: ActionsPage, db: Database) -> None:
    plan_id = page.plan_id()
    assert plan_id is not None
    rollup = plan_rollup(db, plan_id)
    items = tree_items(page)
    assert items[None].text(1) == progress_text(rollup.plan)
    for axis_id, item in items.items():
        if axis_id is not None:
            assert item.text(1) == progress_text(rollup.axis(axis_id)), item.text(0)
            assert item.text(1).endswith("\u00a0%") or item.text(1) == "—"


def test_the_weight_typed_with_a_comma_lands_and_the_tree_follows(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_actions(qtbot, demo_db)
    assert_tree_shows_the_rollup(page, demo_db)
    axis_id = get_action(demo_db, CYCLE_ACTION).axis_id
    assert axis_id is not None
    plan_id = page.plan_id() or 0
    before = plan_rollup(demo_db, plan_id).axis(axis_id)
    assert page.action_list.select_id(CYCLE_ACTION)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Poids": "1,5"}, seen=seen))
    open_row(page.action_list.table)
    assert seen["open"] is False, seen
    assert get_action(demo_db, CYCLE_ACTION).weight == Decimal("1.5")
    after = plan_rollup(demo_db, plan_id).axis(axis_id)
    assert after.weight == before.weight + Decimal("0.5")
    assert_tree_shows_the_rollup(page, demo_db)  # the tree read again after the save


def test_a_weight_that_is_not_a_number_is_refused_in_french(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_actions(qtbot, demo_db)
    assert page.action_list.select_id(CYCLE_ACTION)
    seen: dict[str, Any] = {}

    def type_then_look(dialog: Any) -> None:
        assert field(dialog, "Poids").accessibleName() == "Poids"
        officer_types({"Poids": "abc"}, seen=seen)(dialog)

    when_form_opens(type_then_look)
    open_row(page.action_list.table)
    assert seen["open"] is True
    assert seen["problems"] == {"weight": NOT_A_WEIGHT}
    assert NOT_A_WEIGHT == "Le poids doit être 0 ou plus, par exemple 1,5."
    assert get_action(demo_db, CYCLE_ACTION).weight == Decimal(1)  # nothing changed


def test_a_criterion_weight_typed_with_a_comma_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_screen(qtbot, demo_db, "settings")
    press_alt(window, Qt.Key.Key_I)  # the box « Critères de priorisation »
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Nom du critère": "Coût résiduel",
                                   "Pondération": "0,75"}, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False, seen
    criterion = next(c for c in details.list_criteria(demo_db) if c.name == "Coût résiduel")
    assert criterion.weight == Decimal("0.75")


def test_a_criterion_weight_not_a_number_changes_nothing(qtbot: QtBot, demo_db: Database
                                                         ) -> None:
    window, page = open_screen(qtbot, demo_db, "settings")
    press_alt(window, Qt.Key.Key_I)
    assert page.criteria.select_id(RAPIDITY)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Pondération": "abc"}, seen=seen))
    open_row(page.criteria.table)
    assert seen["open"] is True
    assert seen["problems"] == {"weight": NOT_A_CRITERION_WEIGHT}
    rapidity = next(c for c in details.list_criteria(demo_db) if c.id == RAPIDITY)
    assert rapidity.weight == Decimal(1)
