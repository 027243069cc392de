"""The forms of Annuaire, typed: a contact and a structure, opened with the keyboard,
filled key by key, saved with Ctrl+S, then read back from the file."""

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import Civility
from charte_desktop.services import directory
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.directory_page import DirectoryPage
from tests.ui.keyboard import (
    CTRL,
    click,
    field,
    key,
    officer_types,
    open_row,
    open_screen,
    press,
    press_alt,
    replace_text,
    type_keys,
    when_form_opens,
)

CONSULTANCY = 36  # « Mobilités et Territoires (bureau d'études) »
CONSULTANTS = 9  # the circle « Consultants »
ELECTED = 7  # the circle « Élus »
ODILE_PROST = 36  # a contact with no structure
BAKERY = 16  # « Boulangerie-pâtisserie Girardot »


def open_directory(qtbot: QtBot, db: Database) -> tuple[MainWindow, DirectoryPage]:
    window, page = open_screen(qtbot, db, "directory", "contacts")
    assert isinstance(page, DirectoryPage)
    return window, page


def contact_named(db: Database, last_name: str) -> directory.ContactRow | None:
    return next((r for r in directory.list_contacts(db) if r.last_name == last_name), None)


def organisation_named(db: Database, name: str) -> directory.OrganisationRow | None:
    return next((r for r in directory.list_organisations(db) if r.name == name), None)


# --- contact -------------------------------------------------------------------------------
def test_a_new_contact_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_directory(qtbot, demo_db)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Nom": "Prévot-Lamarche",
        "Prénom": "Élise",
        "Fonction": "Chargée de mission mobilité",
        "Structure": "territoires etudes",  # part of the name, without accents
        "Cercle (si différent de la structure)": "consultants",
        "Courriel": "elise.prevot@example.org",
        "Téléphone": "03 81 00 00 00",
        "Notes": "Rencontrée au salon des mobilités",
    }, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False, seen
    row = contact_named(demo_db, "Prévot-Lamarche")
    assert row is not None
    contact = directory.get_contact(demo_db, row.id)
    assert (contact.first_name, contact.function) == ("Élise", "Chargée de mission mobilité")
    assert (contact.organisation_id, contact.circle_id) == (CONSULTANCY, CONSULTANTS)
    assert (contact.email, contact.phone) == ("elise.prevot@example.org", "03 81 00 00 00")
    assert contact.notes == "Rencontrée au salon des mobilités"


def test_a_civility_and_an_elected_title_typed_land(qtbot: QtBot, demo_db: Database) -> None:
    """« Mad » then Entrée in « Civilité » chooses « Madame »; the title is typed as is."""
    window, _page = open_directory(qtbot, demo_db)
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        title = field(dialog, "Titre (élu·e)")
        assert title.placeholderText() == "Président, Vice-présidente…"
        replace_text(field(dialog, "Nom"), "Moreau-Lachat")
        replace_text(field(dialog, "Prénom"), "Claire")
        click(field(dialog, "Civilité"))
        key(Qt.Key.Key_A, CTRL)
        type_keys("Mad")
        key(Qt.Key.Key_Return)
        key(Qt.Key.Key_Tab)
        replace_text(title, "Vice-présidente")
        officer_types({}, seen=seen)(dialog)

    when_form_opens(fill)
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False, seen
    row = contact_named(demo_db, "Moreau-Lachat")
    assert row is not None
    contact = directory.get_contact(demo_db, row.id)
    assert (contact.civility, contact.title) == (Civility.MADAME, "Vice-présidente")


@pytest.mark.parametrize(("typed", "problem_field"), [
    ({"Nom": ""}, "last_name"),
    ({"Courriel": "elise@"}, "email"),
    ({"Téléphone": "03 81"}, "phone"),
    ({"Structure": "Bureau inconnu"}, "organisation_id"),
])
def test_a_hurried_contact_is_not_saved(qtbot: QtBot, demo_db: Database,
                                        typed: dict[str, str], problem_field: str) -> None:
    window, _page = open_directory(qtbot, demo_db)
    before = len(directory.list_contacts(demo_db))
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Nom": "Essai", **typed}, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is True
    assert list(seen["problems"]) == [problem_field]
    assert len(directory.list_contacts(demo_db)) == before


def test_editing_a_contact_types_over_and_empties_fields(qtbot: QtBot, demo_db: Database
                                                         ) -> None:
    _window, page = open_directory(qtbot, demo_db)
    assert page.contacts.select_id(ODILE_PROST)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Fonction": "Bénévole", "Structure": "girardot",
                                   "Téléphone": ""}, seen=seen))
    open_row(page.contacts.table)
    assert seen["open"] is False, seen
    contact = directory.get_contact(demo_db, ODILE_PROST)
    assert (contact.function, contact.organisation_id, contact.phone) == (
        "Bénévole", BAKERY, "")
    assert (contact.first_name, contact.last_name) == ("Odile", "Prost")


# --- organisation --------------------------------------------------------------------------
def test_a_new_organisation_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_directory(qtbot, demo_db)
    press_alt(window, Qt.Key.Key_T)  # « Structures »
    assert page.tabs.currentWidget() is page.organisations
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Nom de la structure": "Syndicat des eaux de l'Aubrance",
        "Cercle": "elus",  # « Élus »
        "Adresse": "2 rue de la Gare\n25000 Besançon",
        "Notes": "Partenaire depuis 2026",
    }, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False, seen
    row = organisation_named(demo_db, "Syndicat des eaux de l'Aubrance")
    assert row is not None
    organisation = directory.get_organisation(demo_db, row.id)
    assert organisation.circle_id == ELECTED
    assert organisation.address == "2 rue de la Gare\n25000 Besançon"
    assert organisation.notes == "Partenaire depuis 2026"


def test_a_hurried_organisation_is_not_saved(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_directory(qtbot, demo_db)
    press_alt(window, Qt.Key.Key_T)
    before = len(directory.list_organisations(demo_db))
    for typed, problem_field in (({"Nom de la structure": ""}, "name"),
                                 ({"Nom de la structure": "X", "Cercle": "zzz"}, "circle_id")):
        seen: dict[str, Any] = {}
        when_form_opens(officer_types(typed, seen=seen))
        press(window, Qt.Key.Key_N, CTRL)
        assert seen["open"] is True, typed
        assert list(seen["problems"]) == [problem_field]
    assert len(directory.list_organisations(demo_db)) == before


def test_editing_an_organisation_types_over_its_name_and_empties_its_circle(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_directory(qtbot, demo_db)
    press_alt(window, Qt.Key.Key_T)
    assert directory.get_organisation(demo_db, BAKERY).circle_id is not None
    assert page.organisations.select_id(BAKERY)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Nom de la structure": "Boulangerie Girardot",
                                   "Cercle": ""}, seen=seen))
    open_row(page.organisations.table)
    assert seen["open"] is False, seen
    organisation = directory.get_organisation(demo_db, BAKERY)
    assert (organisation.name, organisation.circle_id) == ("Boulangerie Girardot", None)
