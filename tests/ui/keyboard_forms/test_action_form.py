"""The action form, filled from the keyboard as an officer does, then read from the file."""

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services.actions import get_action, list_actions
from charte_desktop.services.directory import list_contacts
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.ui.helpers import when_dialog_opens
from tests.ui.keyboard import CTRL, officer_types, open_screen, press
from tests.whole_file import actions_titled


def open_actions(qtbot: QtBot, db: Database) -> tuple[MainWindow, ActionsPage]:
    window, page = open_screen(qtbot, db, "actions", "action_list")
    assert isinstance(page, ActionsPage)
    return window, page


def test_a_new_action_typed_whole_lands_in_the_file(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_actions(qtbot, demo_db)
    pilot = list_contacts(demo_db)[0]
    seen: dict[str, Any] = {}
    when_dialog_opens(officer_types({
        "Code": "4.1",
        "Intitulé": "Créer une signalétique commune",
        "Pilote": pilot.name,
        "Date de début": "14032026",
        "Date de fin": "1/3/27",
        "Budget prévu": "12 500,50",
        "Budget engagé": "12.000,50",  # dots grouping thousands, as some type them
        "Budget dépensé": "1,500",  # a decimal comma: 1,50 €, never 1 500 €
    }, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False, seen
    created = actions_titled(demo_db, "signalétique commune")
    assert len(created) == 1
    action = get_action(demo_db, created[0].id)
    assert action.pilot_id == pilot.id
    assert (action.start_date, action.end_date) == (date(2026, 3, 14), date(2027, 3, 1))
    assert action.budget_planned == Decimal("12500.50")
    assert (action.budget_committed, action.budget_spent) == (Decimal("12000.50"),
                                                             Decimal("1.50"))


def test_an_impossible_date_is_said_and_nothing_is_saved(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, _page = open_actions(qtbot, demo_db)
    before = len(list_actions(demo_db))
    seen: dict[str, Any] = {}
    when_dialog_opens(officer_types({"Code": "4.2", "Intitulé": "Essai",
                                     "Date de fin": "31/02/2026"}, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is True
    assert seen["problems"] == {"end_date": "La date « 31/02/2026 » n'existe pas."}
    assert len(list_actions(demo_db)) == before


def test_a_picker_takes_part_of_a_name_without_accents(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, _page = open_actions(qtbot, demo_db)
    pilot = next(c for c in list_contacts(demo_db) if not c.name.isascii())
    from charte_desktop.text import fold

    words = fold(pilot.name).split()
    seen: dict[str, Any] = {}
    when_dialog_opens(officer_types({"Code": "4.3", "Intitulé": "Pilote sans accents",
                                     "Pilote": " ".join(reversed(words))}, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False, seen
    created = actions_titled(demo_db, "Pilote sans accents")
    assert get_action(demo_db, created[0].id).pilot_id == pilot.id
