"""Criteria of the priorisation in Paramètres (issue 18, review): a weight of 0 is refused
with its whole message in sight, the action's « Poids » says 0 is allowed, and the list
of criteria shows five lines on the laptop's screen."""

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services import action_details as details
from charte_desktop.services.actions import get_action
from charte_desktop.services.weights import NOT_A_CRITERION_WEIGHT, NOT_A_WEIGHT
from charte_desktop.ui.problem_label import ProblemLabel
from tests.ui.keyboard import (
    CTRL,
    officer_types,
    open_row,
    open_screen,
    press,
    press_alt,
    when_form_opens,
)

RAPIDITY = 2  # the demo's criterion « Rapidité », weight 1
CYCLE_ACTION = 5


def whole_message(dialog: Any, name: str) -> dict[str, Any]:
    label = dialog.errors[name]
    assert isinstance(label, ProblemLabel)
    return {"text": label.text(), "visible": label.isVisible(), "cut": label.is_cut()}


def test_a_criterion_weighed_0_is_refused_with_its_whole_message(
    qtbot: QtBot, demo_db: Database
) -> None:
    assert NOT_A_CRITERION_WEIGHT == "Le poids doit être supérieur à 0, par exemple 1,5."
    window, page = open_screen(qtbot, demo_db, "settings")
    press_alt(window, Qt.Key.Key_I)  # the box « Critères de priorisation »
    assert page.criteria.select_id(RAPIDITY)
    seen: dict[str, Any] = {}

    def weigh_0(dialog: Any) -> None:
        officer_types({"Pondération": "0"}, seen=seen)(dialog)
        QApplication.processEvents()
        seen["message"] = whole_message(dialog, "weight")

    when_form_opens(weigh_0)
    open_row(page.criteria.table)
    assert seen["open"] is True
    assert seen["message"] == {"text": NOT_A_CRITERION_WEIGHT, "visible": True, "cut": False}
    rapidity = next(c for c in details.list_criteria(demo_db) if c.id == RAPIDITY)
    assert rapidity.weight == Decimal(1)  # nothing changed

    when_form_opens(officer_types({"Nom du critère": "Coût", "Pondération": "0,00"},
                                  seen=seen))
    press(window, Qt.Key.Key_N, CTRL)  # a new criterion weighed 0: refused as well
    assert seen["open"] is True and seen["problems"] == {"weight": NOT_A_CRITERION_WEIGHT}
    assert "Coût" not in [c.name for c in details.list_criteria(demo_db)]


def test_the_action_weight_message_says_0_is_allowed_and_is_whole(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_screen(qtbot, demo_db, "actions", "action_list", CYCLE_ACTION)
    seen: dict[str, Any] = {}

    def type_weights(dialog: Any) -> None:
        officer_types({"Poids": "-1"}, seen=seen)(dialog)
        QApplication.processEvents()
        seen["message"] = whole_message(dialog, "weight")
        officer_types({"Poids": "0"}, seen=seen)(dialog)  # 0: left out of the progress

    when_form_opens(type_weights)
    open_row(page.action_list.table)
    assert seen["message"] == {"text": NOT_A_WEIGHT, "visible": True, "cut": False}
    assert NOT_A_WEIGHT == "Le poids doit être 0 ou plus, par exemple 1,5."
    assert seen["open"] is False, seen
    assert get_action(demo_db, CYCLE_ACTION).weight == 0


def test_the_criteria_list_shows_five_lines_on_the_laptop(qtbot: QtBot,
                                                          demo_db: Database) -> None:
    window, page = open_screen(qtbot, demo_db, "settings")
    qtbot.waitExposed(window)
    QApplication.processEvents()
    screen = window.screen().availableGeometry()
    assert window.frameGeometry().height() <= 768 and screen.height() <= 768
    table = page.criteria.table
    assert table.isVisible() and page.criteria.model.rowCount() >= 5
    rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert rows >= 5, table.viewport().height()
    last = table.model().index(4, 0)
    assert table.viewport().rect().contains(table.visualRect(last))  # the fifth, whole
    for other in (page.circles.table, page.policies.table):  # the other lists keep rows
        assert other.viewport().height() >= 3 * other.verticalHeader().defaultSectionSize()
