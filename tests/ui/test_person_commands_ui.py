"""Annuaire: a person's data exported, anonymised, archived — from the keyboard."""

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services import archive
from charte_desktop.services.directory import ContactFilter, get_contact, list_contacts
from charte_desktop.services.person_data import ANONYMOUS_NAME
from charte_desktop.ui import choices
from tests.ui.conftest import DialogAnswers
from tests.ui.keyboard import key, open_screen, press_alt

HELD_ATTENDEE = 10  # Aurélie Bourgeois: present at held meetings, named in minutes
NEVER_MET = 47  # Romain Fabre: pilots an action, in no meeting


def test_archiving_a_contact_takes_them_out_of_every_picker(
        qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_screen(qtbot, demo_db, "directory", "contacts", NEVER_MET)
    assert NEVER_MET in dict(choices.contacts(demo_db)())
    press_alt(window, Qt.Key.Key_H)  # « Archiver »
    assert archive.is_contact_archived(demo_db, NEVER_MET)
    assert NEVER_MET not in dict(choices.contacts(demo_db)())
    assert NEVER_MET not in [row.id for row in page.contacts.visible_rows()]
    # History keeps them: the action they pilot still names them.
    assert get_contact(demo_db, NEVER_MET).last_name == "Fabre"

    assert page.contacts.count_label.text().startswith("46 sur 47")
    page.contacts.filters["show_archived"].set_value(None)  # « Archivés : Affichés »
    assert page.contacts.select_id(NEVER_MET)
    row = page.contacts.current_row()
    assert row is not None and row.archived
    assert page.archive_button.text() == "Désarc&hiver"
    page.contacts.table.setFocus()
    press_alt(window, Qt.Key.Key_H)  # « Désarchiver »
    assert not archive.is_contact_archived(demo_db, NEVER_MET)
    assert NEVER_MET in dict(choices.contacts(demo_db)())


def test_deleting_someone_in_held_minutes_offers_to_archive_instead(
        qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers) -> None:
    window, _page = open_screen(qtbot, demo_db, "directory", "contacts", HELD_ATTENDEE)
    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    press_alt(window, Qt.Key.Key_S)  # « Supprimer »
    assert answer_dialogs.asked and "a assisté à" in answer_dialogs.asked[-1]
    assert "réunions tenues : elle ne peut pas être supprimée" in answer_dialogs.asked[-1]
    assert "L'archiver ?" in answer_dialogs.asked[-1]
    assert archive.is_contact_archived(demo_db, HELD_ATTENDEE)  # kept, archived
    assert HELD_ATTENDEE not in [r.id for r in list_contacts(
        demo_db, ContactFilter(show_archived=False))]


def _answer_yes_with_keys() -> None:
    """Tab to « Oui » in the question box, then the space bar, as the officer does."""
    def attempt(tries: int = 0) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries < 250:
                QTimer.singleShot(20, lambda: attempt(tries + 1))
            return
        QTest.qWaitForWindowActive(box, 1000)
        yes = box.button(QMessageBox.StandardButton.Yes)
        for _ in range(4):
            if QApplication.focusWidget() is yes:
                break
            key(Qt.Key.Key_Tab)
        if QApplication.focusWidget() is yes:
            key(Qt.Key.Key_Space)
        else:  # never hang: the test then fails on what was not done
            box.reject()

    QTimer.singleShot(0, attempt)


def test_anonymising_through_the_window(qtbot: QtBot, demo_db: Database,
                                        private_data_folder: Path) -> None:
    window, _page = open_screen(qtbot, demo_db, "directory", "contacts", HELD_ATTENDEE)
    _answer_yes_with_keys()
    press_alt(window, Qt.Key.Key_Y)  # « Anonymiser… »
    QTest.qWait(200)
    contact = get_contact(demo_db, HELD_ATTENDEE)
    assert (contact.first_name, contact.last_name, contact.email) == ("", ANONYMOUS_NAME, "")
    said = window.statusBar().currentMessage()
    assert "anonymisé" in said
    if demo_db.server is None:
        assert "sauvegarde faite avant" in said
        assert list(private_data_folder.rglob("*manuelle*.sqlite"))  # the backup, first
    else:  # no copy of the person's data on this computer
        assert "dans la base partagée" in said
        assert not list(private_data_folder.rglob("*.sqlite"))
    assert window.undo_stack.count() == 0  # no undo step brings their old values back


def test_a_body_is_archived_from_instances(qtbot: QtBot, demo_db: Database) -> None:
    from charte_desktop.services.bodies import list_bodies

    body = list_bodies(demo_db)[-1]
    window, page = open_screen(qtbot, demo_db, "bodies", "bodies", body.id)
    assert body.id in dict(choices.bodies(demo_db)())
    press_alt(window, Qt.Key.Key_H)  # « Archiver »
    assert archive.is_body_archived(demo_db, body.id)
    assert body.id not in dict(choices.bodies(demo_db)())
    assert body.id not in [row.id for row in page.bodies.visible_rows()]


def test_a_record_holding_an_archived_person_keeps_them_in_its_form(
        qtbot: QtBot, demo_db: Database) -> None:
    """Archived: not offered, yet a meeting's secretary or an action's co-pilot who was
    archived stays in the form that shows the record (saving it keeps them)."""
    from charte_desktop.ui.choice_inputs import ChoiceInput, MultiChoiceInput

    archive.set_contact_archived(demo_db, NEVER_MET)
    single = ChoiceInput(choices.contacts(demo_db), optional=True)
    qtbot.addWidget(single.widget)
    assert "Romain Fabre" not in " ".join(single._labels)
    single.set(NEVER_MET)
    assert single.get() == NEVER_MET
    assert single.combo.currentText() == "Romain Fabre (archivé·e)"
    several = MultiChoiceInput(choices.contacts(demo_db))
    qtbot.addWidget(several.widget)
    several.set([NEVER_MET, HELD_ATTENDEE])
    assert sorted(several.get()) == sorted([NEVER_MET, HELD_ATTENDEE])
