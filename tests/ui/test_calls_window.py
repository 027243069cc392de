"""Appels à projets in the window: reached with Ctrl+8, a call typed key by key and saved
with Ctrl+S, the Funding form's picker, the dashboard's deadlines, the .ics command."""

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import icalendar
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import CallState
from charte_desktop.services import action_details, calls
from charte_desktop.services.actions import list_actions
from charte_desktop.ui.main_window import SCREENS, MainWindow
from charte_desktop.ui.pages.calls_entities import call_specs
from charte_desktop.ui.pages.calls_page import CallsPage
from charte_desktop.ui.pages.dashboard import DashboardPage
from tests.fixed_day import TEST_DAY
from tests.ui.keyboard import (
    CTRL,
    field,
    filter_then_tick,
    focused,
    officer_types,
    press,
    when_form_opens,
)


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_ctrl_8_shows_the_calls_with_the_keyboard_in_their_list(
        qtbot: QtBot, demo_db: Database) -> None:
    window = open_window(qtbot, demo_db)
    assert [key for key, *_ in SCREENS].index("calls") == 7
    press(window, Qt.Key.Key_8, CTRL)
    page = window.current_page()
    assert isinstance(page, CallsPage)
    assert focused() is page.calls.table
    titles = [row.title for row in page.calls.visible_rows()]
    assert len(titles) == 4 and titles[0].startswith("Fonds vert")  # pre-deposit in 9 days


def test_a_call_typed_lands_in_the_file(qtbot: QtBot, demo_db: Database) -> None:
    window = open_window(qtbot, demo_db)
    press(window, Qt.Key.Key_8, CTRL)
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        officer_types({
            "Intitulé": "Appel à projets AVELO 3",
            "Financeur": "ademe",  # part of the name, as the Funding form's picker takes it
            "État": "prépa",
            "Lien": "https://agirpourlatransition.ademe.fr/avelo",
            "Ouverture": "02/03/2026",
            "Date limite de pré-dépôt": "14/03/2026",
            "Date limite de dépôt": "15/04/2026",
            "Date de décision": "30/06/2026",
            "Taux": "60",
            "Montant": "25 000",
        }, save=False)(dialog)
        filter_then_tick(field(dialog, "Actions concernées"), "cyclologistique")
        press(dialog, Qt.Key.Key_S, CTRL)
        seen["open"] = dialog.isVisible()

    when_form_opens(fill)
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False
    row = next(r for r in calls.list_calls(demo_db) if r.title == "Appel à projets AVELO 3")
    assert row.funder.startswith("ADEME") and row.state is CallState.PREPARING
    assert (row.opening_date, row.pre_deposit_deadline, row.submission_deadline,
            row.decision_date) == (date(2026, 3, 2), date(2026, 3, 14), date(2026, 4, 15),
                                   date(2026, 6, 30))
    assert (str(row.rate), str(row.amount)) == ("60", "25000.00")
    action = next(a for a in list_actions(demo_db) if a.code == "1.5")
    assert row.action_ids == (action.id,)


def test_a_pre_deposit_after_the_submission_keeps_the_form_open(
        qtbot: QtBot, demo_db: Database) -> None:
    window = open_window(qtbot, demo_db)
    press(window, Qt.Key.Key_8, CTRL)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Intitulé": "DETR 2028",
        "Date limite de pré-dépôt": "20/04/2026",
        "Date limite de dépôt": "15/04/2026",
    }, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is True
    assert "pré-dépôt" in seen["problems"]["pre_deposit_deadline"]
    assert not any(r.title == "DETR 2028" for r in calls.list_calls(demo_db))


def test_the_form_fields_are_named_by_their_labels(demo_db: Database) -> None:
    labels = [spec.label for spec in call_specs(demo_db)]
    assert {"Intitulé", "Financeur", "Date limite de dépôt", "Actions concernées"} <= set(labels)


def test_the_funding_form_picks_a_call(qtbot: QtBot, demo_db: Database) -> None:
    """The Funding form's optional « Appel à projets » (FieldSpec) saves the call chosen."""
    from charte_desktop.ui.pages.action_entities import funding_entity

    action = next(a for a in list_actions(demo_db) if a.code == "1.5")
    entity = funding_entity(demo_db, lambda: action.id)
    spec = next(s for s in entity.specs() if s.name == "call_id")
    assert spec.label == "Appel à projets" and spec.choices is not None
    ademe = next(i for i, label in spec.choices() if label.startswith("ADEME"))
    fields = entity.blank()
    fields.funder_id, fields.amount, fields.call_id = 33, "5000", ademe
    created = entity.create(fields)
    assert entity.load(created.id).call_id == ademe
    assert action_details.funding_rows(demo_db, action.id)[-1].call_id == ademe


def test_the_dashboard_lists_the_deadlines_within_30_days(
        qtbot: QtBot, demo_db: Database) -> None:
    window = open_window(qtbot, demo_db)
    page = window.current_page()
    assert isinstance(page, DashboardPage)
    card = page.call_deadlines
    texts = [[card.model.data(card.model.index(r, c)) for c in range(4)]
             for r in range(card.model.rowCount())]
    assert card.heading.text() == "Échéances des appels à projets (30 jours) (3)"
    assert texts[0][0] == (TEST_DAY + timedelta(days=9)).strftime("%d/%m/%Y")
    assert texts[0][1] == "dans 9 jours" and texts[0][2] == "pré-dépôt"
    assert texts[0][3].startswith("Fonds vert")
    assert [t[2] for t in texts] == ["pré-dépôt", "dépôt", "décision"]
    # Entrée on a line opens the call.
    card.table.setFocus()
    card.select_row(1)
    press(card.table, Qt.Key.Key_Return)
    shown = window.current_page()
    assert isinstance(shown, CallsPage)
    current = shown.calls.current_row()
    assert current is not None and current.title.startswith("DETR")


def test_the_calendar_command_writes_the_deadlines(
        qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, demo_db)
    page = window.show_screen("calls")
    assert isinstance(page, CallsPage)
    written = page.export_calendar(tmp_path / "agenda.ics")
    assert written is not None
    events = icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")
    assert len(events) == 6
