"""Phone numbers: French and international forms are kept as typed, anything else is
refused by the contact use case and, line by line, by the contacts import."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from charte_desktop.db import Database, open_database
from charte_desktop.db.models import Contact
from charte_desktop.errors import CharteError
from charte_desktop.imports.columns import guess_header
from charte_desktop.imports.contacts import CONTACT_FIELDS, preview_contacts
from charte_desktop.imports.table_reader import read_table
from charte_desktop.services import directory, rules
from charte_desktop.services.directory import ContactFields

NBSP, NNBSP = "\u00a0", "\u202f"

VALID = [
    "01 23 45 67 89",
    "0123456789",
    "01.23.45.67.89",
    "01-23-45-67-89",
    f"06{NBSP}12{NBSP}34{NBSP}56{NBSP}78",
    f"03{NNBSP}53{NNBSP}01{NNBSP}20{NNBSP}11",
    "0 800 123 456",
    "+33 1 23 45 67 89",
    "+33 (0)1 23 45 67 89",
    "+33(0)123456789",
    "+33123456789",
    "+32 2 123 45 67",
    "+41 22 730 51 11",
    "+44 (0)20 7946 0958",
    "+1 202 555 0143",
    "+352 123456",
]
INVALID = [
    "abc",
    "01 23 45 67",  # nine digits
    "01 23 45 67 89 10",
    "1 23 45 67 89",  # the leading 0 lost
    "00 23 45 67 89",
    "01 23 45 67 8a",
    "01  23 45 67 89",  # two separators in a row
    "01/23/45/67/89",
    "(0)1 23 45 67 89",
    "+33 01 23 45 67 89",  # the national 0 kept after +33
    "+33 1 23 45 67",
    "+12345",  # five digits
    "+1234567890123456",  # sixteen digits
    "+1 (202) 555 0143",
    "++33 1 23 45 67 89",
    "01 23 45 67 89 poste 12",
]


@pytest.mark.parametrize("typed", VALID)
def test_french_and_international_numbers_are_accepted_as_typed(typed: str) -> None:
    assert rules.phone(typed) == typed
    assert rules.phone(f"  {typed} ") == typed


@pytest.mark.parametrize("typed", INVALID)
def test_anything_else_is_refused_with_an_example(typed: str) -> None:
    with pytest.raises(CharteError) as info:
        rules.phone(typed)
    assert info.value.field == "phone"
    assert info.value.message == (
        f"Le numéro de téléphone « {typed} » n'est pas valide "
        "(exemple : 01 23 45 67 89 ou +33 1 23 45 67 89).")


def test_empty_is_fine() -> None:
    assert rules.phone("") == rules.phone("   ") == rules.phone(None) == ""


def test_the_contact_use_case_refuses_a_bad_number_and_keeps_a_good_one(db: Database) -> None:
    with pytest.raises(CharteError) as info:
        directory.create_contact(db, ContactFields("Roussel", phone="abc"))
    assert (info.value.field, info.value.message) == (
        "phone", "Le numéro de téléphone « abc » n'est pas valide (exemple : 01 23 45 67 89 "
                 "ou +33 1 23 45 67 89).")
    with db.session() as session:
        assert session.scalar(select(func.count(Contact.id))) == 0
    contact = directory.create_contact(db, ContactFields("Roussel", phone="01.23.45.67.89"))
    assert contact.phone == "01.23.45.67.89"
    with pytest.raises(CharteError, match="« 12 » n'est pas valide"):
        directory.update_contact(db, contact.id, ContactFields("Roussel", phone="12"))
    assert directory.get_contact(db, contact.id).phone == "01.23.45.67.89"


@pytest.fixture
def demo_db(demo: Path) -> Iterator[Database]:
    database = open_database(demo)
    yield database
    database.close()


def test_the_contacts_import_reports_a_bad_number_on_its_line(
    demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "partenaires.csv"
    path.write_text("Nom;Prénom;Téléphone\n"
                    "Durand;Élise;06 12 34 56 78\n"
                    "Petit;Marc;abc\n"
                    "Roux;Anne;+33 (0)3 53 01 20 11\n"
                    "Blanc;Paul;612345678\n", encoding="utf-8")
    table = read_table(path)
    preview = preview_contacts(demo_db, table, guess_header(table, CONTACT_FIELDS))
    example = "(exemple : 01 23 45 67 89 ou +33 1 23 45 67 89)."
    assert [str(problem) for problem in preview.problems] == [
        f"ligne 3 : le numéro de téléphone « abc » n'est pas valide {example}",
        f"ligne 5 : le numéro de téléphone « 612345678 » n'est pas valide {example}",
    ]


def test_the_small_demos_phone_numbers_are_valid(demo_db: Database) -> None:
    """(The large demo's are checked in tests/test_demo.py, where it is built.)"""
    with demo_db.session() as session:
        phones = session.scalars(select(Contact.phone)).all()
    assert phones and all(rules.phone(phone) == phone for phone in phones)
