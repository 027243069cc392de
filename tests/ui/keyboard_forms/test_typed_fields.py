"""Dates, hours and pickers as typed, one field at a time, in a form of the application."""

from datetime import date, time
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.ui.form_dialog import FieldSpec, FormDialog
from charte_desktop.ui.typed_inputs import DateInput
from tests.ui.keyboard import CTRL, click, field, key, replace_text, type_keys


@pytest.fixture(autouse=True)
def never_blocked(answer_dialogs: Any) -> Any:
    """Closing a form with changes asks first: answered, so no test waits on a question."""
    return answer_dialogs


def form(qtbot: QtBot, db: Database, specs: list[FieldSpec], **initial: Any) -> FormDialog[Any]:
    import dataclasses

    fields_class = dataclasses.make_dataclass(
        "Fields", [(spec.name, Any, dataclasses.field(default=None)) for spec in specs])
    dialog: FormDialog[Any] = FormDialog(None, db, "Essai", specs, fields_class(**initial),
                                         lambda fields: fields)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize(("typed", "expected"), [
    ("14/03/2026", date(2026, 3, 14)), ("14032026", date(2026, 3, 14)),
    ("14/3/26", date(2026, 3, 14)), ("1/3/2027", date(2027, 3, 1)),
])
def test_a_date_typed_in_an_empty_field(qtbot: QtBot, db: Database, typed: str,
                                        expected: date) -> None:
    dialog = form(qtbot, db, [FieldSpec("due", "Échéance", "date"),
                              FieldSpec("note", "Note", "text")])
    replace_text(field(dialog, "Échéance"), typed)
    assert dialog.inputs["due"].get() == expected
    assert field(dialog, "Échéance").text() == expected.strftime("%d/%m/%Y")  # type: ignore[attr-defined]


def test_a_filled_date_typed_over_then_emptied(qtbot: QtBot, db: Database) -> None:
    dialog = form(qtbot, db, [FieldSpec("due", "Échéance", "date")], due=date(2026, 3, 14))
    replace_text(field(dialog, "Échéance"), "1/4/26")
    assert dialog.inputs["due"].get() == date(2026, 4, 1)
    replace_text(field(dialog, "Échéance"), "")  # Ctrl+A, Suppr
    assert dialog.inputs["due"].get() is None
    assert dialog.validate()


def test_an_impossible_date_is_said_beside_the_field_and_blocks_saving(
    qtbot: QtBot, db: Database
) -> None:
    dialog = form(qtbot, db, [FieldSpec("due", "Échéance", "date"),
                              FieldSpec("note", "Note", "text")])
    replace_text(field(dialog, "Échéance"), "31/02/2026")
    dialog.validate()
    assert not dialog.errors["due"].isHidden()
    assert dialog.errors["due"].text() == "La date « 31/02/2026 » n'existe pas."
    assert not dialog.save_button.isEnabled()
    assert dialog.is_dirty()  # Échap asks before dropping what was typed
    # The other field did not move when the message appeared.
    note = field(dialog, "Note")
    before = note.mapTo(dialog, note.rect().topLeft())
    replace_text(field(dialog, "Échéance"), "28/02/2026")
    dialog.validate()
    assert dialog.errors["due"].isHidden() and dialog.save_button.isEnabled()
    assert note.mapTo(dialog, note.rect().topLeft()) == before


@pytest.mark.parametrize(("typed", "expected"), [
    ("14:30", time(14, 30)), ("14h30", time(14, 30)), ("14h", time(14)),
    ("1430", time(14, 30)), ("9h05", time(9, 5)),
])
def test_an_hour_as_people_type_it(qtbot: QtBot, db: Database, typed: str,
                                   expected: time) -> None:
    dialog = form(qtbot, db, [FieldSpec("start", "Début", "time")])
    replace_text(field(dialog, "Début"), typed)
    assert dialog.inputs["start"].get() == expected


def test_the_calendar_opens_on_the_fields_date_or_today(qtbot: QtBot, db: Database) -> None:
    dialog = form(qtbot, db, [FieldSpec("due", "Échéance", "date")])
    date_input = dialog.inputs["due"]
    assert isinstance(date_input, DateInput)
    click(field(dialog, "Échéance"))
    key(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert date_input.calendar is not None and date_input.calendar.isVisible()
    today = clock.today()
    assert date_input.calendar.selectedDate() == QDate(today.year, today.month, today.day)
    QApplication.processEvents()
    key(Qt.Key.Key_Escape)
    replace_text(field(dialog, "Échéance"), "14/03/2026")
    click(field(dialog, "Échéance"))
    key(Qt.Key.Key_F4)
    assert date_input.calendar.selectedDate() == QDate(2026, 3, 14)
    QTestKeyToCalendar = date_input.calendar
    key(Qt.Key.Key_Right)  # the 15th
    key(Qt.Key.Key_Return)
    assert not QTestKeyToCalendar.isVisible()
    assert date_input.get() == date(2026, 3, 15)


CHOICES = [(1, "Camille Roussel (CC du Val d'Aubrance — Direction générale)"),
           (2, "Hélène Barbier (ADEME — direction régionale)"),
           (3, "Conseil départemental de la Côte-d'Or"),
           (4, "Département du Jura")]


@pytest.mark.parametrize(("typed", "expected"), [
    ("Camille Roussel", 1), ("roussel camille", 1), ("helene", 2), ("cote-d'or", 3),
    ("jura", 4),
])
def test_a_picker_takes_what_designates_one_choice(qtbot: QtBot, db: Database, typed: str,
                                                   expected: int) -> None:
    dialog = form(qtbot, db, [FieldSpec("who", "Pilote", "choice", choices=lambda: CHOICES)])
    replace_text(field(dialog, "Pilote"), typed)
    assert dialog.inputs["who"].get() == expected
    combo = field(dialog, "Pilote")
    assert combo.currentText() == dict(CHOICES)[expected]  # type: ignore[attr-defined]
    assert combo.lineEdit().cursorPosition() == 0  # type: ignore[attr-defined]  # its start shows


@pytest.mark.parametrize(("typed", "message"), [
    ("Dupont", "« Dupont » ne correspond à aucun élément de la liste."),
    ("departement", "« departement » correspond à 2 éléments de la liste : précisez."),
])
def test_a_picker_says_when_the_text_designates_none_or_several(
    qtbot: QtBot, db: Database, typed: str, message: str
) -> None:
    dialog = form(qtbot, db, [FieldSpec("who", "Pilote", "choice", choices=lambda: CHOICES)])
    replace_text(field(dialog, "Pilote"), typed)
    key(Qt.Key.Key_S, CTRL)
    assert dialog.isVisible()
    assert dialog.errors["who"].text() == message
    assert not dialog.save_button.isEnabled()


def test_the_picker_list_filters_without_accents(qtbot: QtBot, db: Database) -> None:
    dialog = form(qtbot, db, [FieldSpec("who", "Pilote", "choice", choices=lambda: CHOICES)])
    click(field(dialog, "Pilote"))
    type_keys("departement")
    completer = field(dialog, "Pilote").completer()  # type: ignore[attr-defined]
    shown = [completer.completionModel().index(row, 0).data()
             for row in range(completer.completionModel().rowCount())]
    assert shown == [CHOICES[2][1], CHOICES[3][1]]
