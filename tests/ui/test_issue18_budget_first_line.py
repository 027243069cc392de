"""The first yearly line of an action whose budget was typed (issue 18, review): its form
opens with the amounts typed, the officer types over what changes, the status line says
what was carried and what was replaced, and Ctrl+Z gives the typed amounts back exactly."""

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services import budget
from charte_desktop.services.actions import get_action
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.ui.keyboard import (
    CTRL,
    field,
    officer_types,
    open_screen,
    press,
    press_alt,
    press_button,
    when_form_opens,
)

CYCLE_ACTION = 5  # « 1.5 »: 45 000 € prévus, 8 000 € engagés, 3 600 € dépensés, no line
NNBSP, NBSP = "\u202f", "\u00a0"


def totals(db: Database) -> tuple[Decimal, Decimal, Decimal]:
    action = get_action(db, CYCLE_ACTION)
    return action.budget_planned, action.budget_committed, action.budget_spent


def open_budget_tab(qtbot: QtBot, db: Database) -> tuple[Any, ActionsPage]:
    window, page = open_screen(qtbot, db, "actions", "action_list", CYCLE_ACTION)
    assert isinstance(page, ActionsPage)
    press_alt(window, Qt.Key.Key_B)  # « Budget par année »
    assert page.details.currentWidget() is page.budget_years
    return window, page


def test_the_typed_amounts_are_carried_and_come_back_with_ctrl_z(
    qtbot: QtBot, demo_db: Database
) -> None:
    typed = totals(demo_db)
    assert typed == (Decimal("45000.00"), Decimal("8000.00"), Decimal("3600.00"))
    assert budget.list_budget_years(demo_db, CYCLE_ACTION) == []
    window, page = open_budget_tab(qtbot, demo_db)
    shown: dict[str, str] = {}
    seen: dict[str, Any] = {}

    def look_then_type(dialog: Any) -> None:
        year = field(dialog, "Année")
        assert isinstance(year, QSpinBox)
        shown["Année"] = year.text()
        for label in ("Prévu", "Engagé", "Dépensé"):
            amount = field(dialog, label)
            assert isinstance(amount, QLineEdit)
            shown[label] = amount.text()
        officer_types({"Prévu": "5 000"}, seen=seen)(dialog)  # the rest as carried

    when_form_opens(look_then_type)
    press_button(page.budget_years.new_button)
    assert seen["open"] is False, seen
    assert shown == {"Année": "2026", "Prévu": f"45{NNBSP}000,00",
                     "Engagé": f"8{NNBSP}000,00", "Dépensé": f"3{NNBSP}600,00"}
    lines = budget.list_budget_years(demo_db, CYCLE_ACTION)
    assert [(line.year, line.planned, line.committed, line.spent) for line in lines] == [
        (2026, Decimal("5000.00"), Decimal("8000.00"), Decimal("3600.00"))]
    assert totals(demo_db) == (Decimal("5000.00"), Decimal("8000.00"), Decimal("3600.00"))
    assert window.statusBar().currentMessage() == (
        f"Le budget prévu (45{NNBSP}000,00{NBSP}€) est désormais la somme des lignes "
        f"annuelles (5{NNBSP}000,00{NBSP}€) ; l'engagé et le dépensé sont reportés sur la "
        "ligne 2026.")

    press(window, Qt.Key.Key_Z, CTRL)  # the line goes, the typed amounts come back
    assert budget.list_budget_years(demo_db, CYCLE_ACTION) == []
    assert totals(demo_db) == typed
    press(window, Qt.Key.Key_Y, CTRL)  # and the line again, with its sums
    assert [line.id for line in budget.list_budget_years(demo_db, CYCLE_ACTION)] == [
        line.id for line in lines]
    assert totals(demo_db) == (Decimal("5000.00"), Decimal("8000.00"), Decimal("3600.00"))
    press(window, Qt.Key.Key_Z, CTRL)
    assert totals(demo_db) == typed
    assert budget.list_budget_years(demo_db, CYCLE_ACTION) == []


def test_emptied_amounts_are_said_and_undone(qtbot: QtBot, demo_db: Database) -> None:
    typed = totals(demo_db)
    window, page = open_budget_tab(qtbot, demo_db)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Année": "2027", "Prévu": "45 000", "Engagé": "",
                                   "Dépensé": ""}, seen=seen))
    press_button(page.budget_years.new_button)
    assert seen["open"] is False, seen
    assert totals(demo_db) == (Decimal("45000.00"), budget.ZERO, budget.ZERO)
    assert window.statusBar().currentMessage() == (
        f"Les budgets engagé (8{NNBSP}000,00{NBSP}€) et dépensé (3{NNBSP}600,00{NBSP}€) "
        f"sont désormais les sommes des lignes annuelles (0,00{NBSP}€ et 0,00{NBSP}€) ; "
        "le prévu est reporté sur la ligne 2027.")
    press(window, Qt.Key.Key_Z, CTRL)
    assert totals(demo_db) == typed
    assert budget.list_budget_years(demo_db, CYCLE_ACTION) == []


def test_saved_as_it_opens_the_line_holds_the_typed_amounts(
    qtbot: QtBot, demo_db: Database
) -> None:
    typed = totals(demo_db)
    window, page = open_budget_tab(qtbot, demo_db)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({}, seen=seen))  # Ctrl+S at once
    press_button(page.budget_years.new_button)
    assert seen["open"] is False, seen
    assert totals(demo_db) == typed
    [line] = budget.list_budget_years(demo_db, CYCLE_ACTION)
    assert (line.year, line.planned, line.committed, line.spent) == (2026, *typed)
    assert window.statusBar().currentMessage() == (
        f"Le budget déjà saisi (prévu 45{NNBSP}000,00{NBSP}€, engagé 8{NNBSP}000,00{NBSP}€ "
        f"et dépensé 3{NNBSP}600,00{NBSP}€) est reporté sur la ligne 2026.")
    press(window, Qt.Key.Key_Z, CTRL)
    assert totals(demo_db) == typed
    assert budget.list_budget_years(demo_db, CYCLE_ACTION) == []
