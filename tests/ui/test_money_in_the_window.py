"""Money as a financial officer reads it in the window (issue 18): the first yearly line
says which typed total it replaced; the Budget view shows co-financing per funder, with
« sollicité » apart; years read « 2026 », never « 2 026 »."""

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services import budget, monitoring
from charte_desktop.services.actions import get_action
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.ui.keyboard import (
    field,
    key,
    officer_types,
    open_screen,
    press_alt,
    press_button,
    when_form_opens,
)

CYCLE_ACTION = 5  # « 1.5 Développer la cyclologistique… »: no budget line yet
NNBSP, NBSP = "\u202f", "\u00a0"


def open_actions(qtbot: QtBot, db: Database, item_id: int | None = None
                 ) -> tuple[MainWindow, ActionsPage]:
    window, page = open_screen(qtbot, db, "actions", "action_list", item_id)
    assert isinstance(page, ActionsPage)
    return window, page


def test_the_first_yearly_line_says_the_typed_budget_it_replaces(
    qtbot: QtBot, demo_db: Database
) -> None:
    action = get_action(demo_db, CYCLE_ACTION)
    typed = action.budget_planned
    # Committed and spent typed as they stand: only the planned budget is replaced.
    kept = {"Engagé": str(action.budget_committed).replace(".", ","),
            "Dépensé": str(action.budget_spent).replace(".", ",")}
    assert typed > 0 and budget.list_budget_years(demo_db, CYCLE_ACTION) == []
    window, page = open_actions(qtbot, demo_db, CYCLE_ACTION)
    press_alt(window, Qt.Key.Key_B)  # « Budget par année »
    assert page.details.currentWidget() is page.budget_years
    seen: dict[str, Any] = {}

    def type_line(dialog: Any) -> None:
        year = field(dialog, "Année")
        assert isinstance(year, QSpinBox)
        assert year.text() == "2026"  # the clock's year, without a thousands separator
        officer_types({"Année": "2027", "Prévu": "5 000", **kept}, seen=seen)(dialog)

    when_form_opens(type_line)
    press_button(page.budget_years.new_button)
    assert seen["open"] is False, seen
    assert get_action(demo_db, CYCLE_ACTION).budget_planned == Decimal("5000.00")
    typed_text = f"{typed:,.2f}".replace(",", NNBSP).replace(".", ",")
    assert window.statusBar().currentMessage() == (
        f"Le budget prévu ({typed_text}{NBSP}€) est désormais la somme des lignes "
        f"annuelles (5{NNBSP}000,00{NBSP}€) ; l'engagé et le dépensé sont reportés sur la "
        "ligne 2027.")
    model = page.budget_years.model
    assert model.data(model.index(0, 0)) == "2027"

    # A second line replaces nothing typed: the status line says nothing new about it.
    window.statusBar().clearMessage()
    when_form_opens(officer_types({"Année": "2028", "Prévu": "1 000"}, seen=seen))
    press_button(page.budget_years.new_button)
    assert seen["open"] is False, seen
    assert window.statusBar().currentMessage() == ""
    assert get_action(demo_db, CYCLE_ACTION).budget_planned == Decimal("6000.00")


def test_the_budget_view_shows_co_financing_per_funder(qtbot: QtBot, demo_db: Database
                                                       ) -> None:
    window, page = open_actions(qtbot, demo_db)
    press_alt(window, Qt.Key.Key_G)  # « Budget »
    view = page.budget_view
    assert page.views.currentWidget() is view
    assert view.funder_table.accessibleName() == "Cofinancements par financeur"
    expected = monitoring.funder_totals(demo_db, page.plan_id())
    assert expected, "la démo a des cofinancements"
    rows = view.by_funder.rows()
    assert rows[:-1] == expected  # the Synthèse's reader
    total = rows[-1]
    assert total.funder == "Total"
    assert total.requested == sum((f.requested for f in expected), Decimal(0))
    assert total.secured == total.granted + total.paid  # sollicité never added in
    model = view.by_funder
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Financeur", "Sollicité", "Acquis", "Versé", "Acquis ou versé"]
    last = model.rowCount() - 1
    shown = model.data(model.index(last, 1))
    assert shown.endswith(f"{NBSP}€") and "," in shown  # « 1 234,50 € »
    years = [view.by_year.data(view.by_year.index(r, 0))
             for r in range(view.by_year.rowCount() - 1)]
    assert years and all(len(y) == 4 and y.isdigit() for y in years), years


SPACE_ACTION = 3  # « 1.3 Expérimenter un espace logistique… »: budget lines 2027, 2028


def test_an_action_detailed_by_year_shows_its_totals_as_the_sums(
    qtbot: QtBot, demo_db: Database
) -> None:
    lines = budget.list_budget_years(demo_db, SPACE_ACTION)
    assert lines
    _window, _page = open_actions(qtbot, demo_db, SPACE_ACTION)
    seen: dict[str, Any] = {}

    def look_then_type(dialog: Any) -> None:
        planned = field(dialog, "Budget prévu (somme des lignes annuelles)")
        assert isinstance(planned, QLineEdit) and planned.isReadOnly()
        seen["shown"] = planned.text()
        planned.setFocus()
        QTest.keyClicks(planned, "99")  # typed in vain: the field takes no typing
        seen["after"] = planned.text()
        officer_types({"Intitulé": "Espace logistique mutualisé"}, seen=seen)(dialog)

    when_form_opens(look_then_type)
    key(Qt.Key.Key_Return)  # the selected action's form
    assert seen["open"] is False, seen
    total = sum((line.planned for line in lines), Decimal(0))
    assert seen["after"] == seen["shown"]
    assert Decimal(seen["shown"].replace(NNBSP, "").replace(",", ".")) == total
    action = get_action(demo_db, SPACE_ACTION)
    assert (action.title, action.budget_planned) == ("Espace logistique mutualisé", total)



def test_an_action_without_lines_keeps_its_totals_typed(qtbot: QtBot, demo_db: Database
                                                        ) -> None:
    _window, _page = open_actions(qtbot, demo_db, CYCLE_ACTION)
    seen: dict[str, Any] = {}

    def type_total(dialog: Any) -> None:
        planned = field(dialog, "Budget prévu")
        assert isinstance(planned, QLineEdit) and not planned.isReadOnly()
        officer_types({"Budget prévu": "7 000"}, seen=seen)(dialog)

    when_form_opens(type_total)
    key(Qt.Key.Key_Return)
    assert seen["open"] is False, seen
    assert get_action(demo_db, CYCLE_ACTION).budget_planned == Decimal("7000.00")
