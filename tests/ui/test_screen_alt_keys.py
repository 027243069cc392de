"""Alt+letters that must reach what they name: on Plan d'actions, Alt+P the
« Priorisation » view and Alt+R the details' « Ajouter » (no other R there); on Réunions,
Alt+É the « Période » filter, whose letters were all taken but its « é »."""

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.meetings_page import MeetingsPage
from charte_desktop.ui.pages.priority_view import PriorityView
from tests.ui.keyboard import focused, key, open_screen, press_alt, when_form_opens
from tests.ui.test_mnemonics import clashes, mnemonic


def test_alt_p_shows_priorisation_and_alt_r_adds_a_milestone(
    qtbot: QtBot, demo_db: Database,
) -> None:
    window, page = open_screen(qtbot, demo_db, "actions", "action_list")
    assert isinstance(page, ActionsPage)
    assert page.action_list.select_id(page.action_list.visible_rows()[0].id)
    letters = {mnemonic(page.views.tabText(i)) for i in range(page.views.count())}
    assert "P" in letters and "R" not in letters
    assert mnemonic(page.milestones.new_button.text()) == "R"
    assert clashes(window, "Plan d'actions") == []

    press_alt(window, Qt.Key.Key_P)  # « &Priorisation »
    assert isinstance(page.views.currentWidget(), PriorityView)
    press_alt(window, Qt.Key.Key_C)  # « Fiches a&ctions »
    assert page.views.currentIndex() == 0

    press_alt(window, Qt.Key.Key_J)  # « &Jalons »
    titles: list[str] = []
    when_form_opens(lambda dialog: titles.append(dialog.windowTitle()))
    press_alt(window, Qt.Key.Key_R)  # « Ajoute&r »: the milestone's form
    assert titles and "jalon" in titles[0].lower()
    assert page.views.currentIndex() == 0  # not the Priorisation view


def test_alt_e_acute_puts_the_keyboard_in_the_period_filter(
    qtbot: QtBot, demo_db: Database, fixed_today: date,
) -> None:
    window, page = open_screen(qtbot, demo_db, "meetings", "meetings")
    assert isinstance(page, MeetingsPage)
    period = page.meetings.filters["period"]
    assert period.combo.accessibleName() == "Période"
    every = len(page.meetings.visible_rows())

    press_alt(window, Qt.Key.Key_Eacute)  # « P&ériode », the é of a French keyboard
    assert focused() is period.combo
    key(Qt.Key.Key_Down)  # « À venir »
    qtbot.waitUntil(lambda: period.value() == "upcoming")
    upcoming = page.meetings.visible_rows()
    assert 0 < len(upcoming) < every
    assert all(row.date >= fixed_today for row in upcoming)
