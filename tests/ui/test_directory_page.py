"""Annuaire screen (contacts and structures), driven as the officer would."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services.directory import (
    ContactFilter,
    get_contact,
    get_organisation,
    list_circles,
    list_contacts,
    list_organisations,
)
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.directory_page import ORGANISATIONS_TAB, DirectoryPage
from tests.ui.conftest import DialogAnswers
from tests.ui.helpers import type_text, when_dialog_opens


def open_page(qtbot: QtBot, db: Database) -> tuple[MainWindow, DirectoryPage]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.show_screen("directory")
    assert isinstance(page, DirectoryPage)
    return window, page


def circle_id(db: Database, name: str) -> int:
    return next(c.id for c in list_circles(db) if c.name == name)


def test_lists_every_contact_and_structure(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    assert [r.id for r in page.contacts.visible_rows()] == [r.id for r in list_contacts(demo_db)]
    assert page.contacts.proxy.index(0, 0).data() == "BARBIER Hélène"
    page.tabs.setCurrentIndex(ORGANISATIONS_TAB)
    assert len(page.organisations.visible_rows()) == len(list_organisations(demo_db))


def test_circle_filter_and_accent_blind_search(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    elected = circle_id(demo_db, "Élus")
    page.contacts.filters["circle_id"].set_value(elected)
    rows = page.contacts.visible_rows()
    assert rows and len(rows) == len(list_contacts(demo_db, ContactFilter(circle_id=elected)))
    assert {r.circle for r in rows} == {"Élus"}
    page.contacts.filters["circle_id"].set_value(None)
    qtbot.keyClicks(page.contacts.search, "elus")
    assert {r.circle for r in page.contacts.visible_rows()} == {"Élus"}
    assert "sur" in page.contacts.count_label.text()


def test_structure_filter(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    mobil = next(o for o in list_organisations(demo_db) if o.name.startswith("Mobil'Aubrance"))
    page.contacts.filters["organisation_id"].set_value(mobil.id)
    rows = page.contacts.visible_rows()
    assert len(rows) == mobil.contact_count == 2
    assert {r.organisation_id for r in rows} == {mobil.id}


def test_create_edit_undo_and_delete_a_contact(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_page(qtbot, demo_db)
    before = len(list_contacts(demo_db))
    mobil = next(o for o in list_organisations(demo_db) if o.name.startswith("Mobil'Aubrance"))

    def type_new_contact(dialog: Any) -> None:
        type_text(qtbot, dialog.inputs["last_name"].widget, "Lefèvre")
        type_text(qtbot, dialog.inputs["first_name"].widget, "Élodie")
        type_text(qtbot, dialog.inputs["function"].widget, "Coordinatrice bénévole")
        dialog.inputs["organisation_id"].set(mobil.id)
        qtbot.keyClicks(dialog.inputs["email"].widget, "elodie.lefevre@mobil.example")
        qtbot.keyClicks(dialog.inputs["phone"].widget, "06 12 34 56 78")
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(type_new_contact)
    qtbot.mouseClick(page.contacts.new_button, Qt.MouseButton.LeftButton)
    [created] = list_contacts(demo_db, ContactFilter(text="Élodie Lefèvre"))
    assert created.first_name == "Élodie" and created.organisation_id == mobil.id
    assert created.circle == "Monde associatif"  # the structure's circle
    assert page.contacts.current_id() == created.id

    def change_function(dialog: Any) -> None:
        dialog.inputs["function"].widget.clear()
        qtbot.keyClicks(dialog.inputs["function"].widget, "Presidente")
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(change_function)
    qtbot.mouseClick(page.contacts.edit_button, Qt.MouseButton.LeftButton)
    assert get_contact(demo_db, created.id).function == "Presidente"
    window.undo_stack.undo()
    assert get_contact(demo_db, created.id).function == "Coordinatrice bénévole"

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page.contacts.select_id(created.id)
    qtbot.mouseClick(page.contacts.delete_button, Qt.MouseButton.LeftButton)
    assert answer_dialogs.asked[0].startswith(
        "Supprimer « Élodie Lefèvre » (Mobil'Aubrance")
    assert len(list_contacts(demo_db)) == before


def test_bad_email_is_refused_beside_the_field(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    contact = list_contacts(demo_db)[0]
    page.contacts.select_id(contact.id)
    seen: dict[str, Any] = {}

    def type_bad_email(dialog: Any) -> None:
        dialog.inputs["email"].widget.clear()
        qtbot.keyClicks(dialog.inputs["email"].widget, "helene.barbier@")
        dialog.validate()
        seen["enabled"] = dialog.save_button.isEnabled()
        seen["visible"] = not dialog.errors["email"].isHidden()
        seen["message"] = dialog.errors["email"].text()
        dialog.done(0)

    when_dialog_opens(type_bad_email)
    qtbot.mouseClick(page.contacts.edit_button, Qt.MouseButton.LeftButton)
    assert seen == {"enabled": False, "visible": True, "message": (
        "Le champ « Courriel » n'est pas une adresse électronique valide "
        "(« helene.barbier@ »).")}
    assert get_contact(demo_db, contact.id).email == contact.email


def test_create_rename_and_delete_a_structure(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_page(qtbot, demo_db)
    page.tabs.setCurrentIndex(ORGANISATIONS_TAB)
    companies = circle_id(demo_db, "Entreprises")

    def type_new_structure(dialog: Any) -> None:
        type_text(qtbot, dialog.inputs["name"].widget, "Épicerie du Pont")
        dialog.inputs["circle_id"].set(companies)
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(type_new_structure)
    qtbot.mouseClick(page.organisations.new_button, Qt.MouseButton.LeftButton)
    [created] = [o for o in list_organisations(demo_db) if o.name == "Épicerie du Pont"]
    assert created.circle == "Entreprises"
    # The new structure is offered at once in the contacts' structure filter.
    structure_filter = page.contacts.filters["organisation_id"]
    structure_filter.set_value(created.id)
    assert structure_filter.value() == created.id
    assert structure_filter.combo.currentText() == "Épicerie du Pont"

    def rename(dialog: Any) -> None:
        dialog.inputs["name"].widget.end(False)
        type_text(qtbot, dialog.inputs["name"].widget, " Vieux")
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(rename)
    qtbot.mouseClick(page.organisations.edit_button, Qt.MouseButton.LeftButton)
    assert get_organisation(demo_db, created.id).name == "Épicerie du Pont Vieux"
    window.undo_stack.undo()
    assert get_organisation(demo_db, created.id).name == "Épicerie du Pont"

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page.organisations.select_id(created.id)
    qtbot.mouseClick(page.organisations.delete_button, Qt.MouseButton.LeftButton)
    assert answer_dialogs.asked == ["Supprimer la structure « Épicerie du Pont » ?\n\n"
                                    "Ctrl+Z annule la suppression."]
    assert all(o.id != created.id for o in list_organisations(demo_db))


def test_a_funder_cannot_be_deleted(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    _, page = open_page(qtbot, demo_db)
    page.tabs.setCurrentIndex(ORGANISATIONS_TAB)
    region = next(o for o in list_organisations(demo_db)
                  if o.name == "Région Bourgogne-Franche-Comté")
    page.organisations.select_id(region.id)
    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.organisations.delete_button, Qt.MouseButton.LeftButton)
    assert answer_dialogs.asked == []  # refused before asking
    [warning] = answer_dialogs.warnings
    assert warning.startswith("La structure « Région Bourgogne-Franche-Comté » finance ")
    assert "retirez d'abord ces financements" in warning
    assert get_organisation(demo_db, region.id).name == region.name
