"""Importing a contacts list: organisations once each, known people left alone."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import Civility
from charte_desktop.db.models import Circle, Contact, Organisation
from charte_desktop.imports.columns import guess_header
from charte_desktop.imports.contacts import (
    CONTACT_FIELDS,
    ContactsPreview,
    apply_contacts,
    preview_contacts,
)
from charte_desktop.imports.table_reader import read_table
from charte_desktop.services.bulk_import import ImportRefused
from tests.imports.replace_cells import replace_cells
from tests.imports.sample_files import contacts_list


@pytest.fixture
def demo_db(demo: Path) -> Iterator[Database]:
    database = open_database(demo)
    yield database
    database.close()


def _preview(db: Database, path: Path) -> ContactsPreview:
    table = read_table(path)
    return preview_contacts(db, table, guess_header(table, CONTACT_FIELDS))


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_contacts_preview(demo_db: Database, tmp_path: Path) -> None:
    before = demo_db.path.read_bytes()
    preview = _preview(demo_db, contacts_list(tmp_path))
    assert preview.header_line == 3
    assert preview.new_organisations == ["Vélo Aubrance", "Transports Rapides SA"]
    assert preview.new_circles == ["Transporteurs"]  # « Monde associatif » exists
    assert [str(note) for note in preview.notes] == [
        "ligne 7 : Hélène Barbier est déjà dans l'annuaire : ligne ignorée",
        "ligne 8 : Élise Durand figure déjà à la ligne 4 : ligne ignorée",
    ]
    assert [str(problem) for problem in preview.problems] == [
        "ligne 6 : le champ « Courriel » n'est pas une adresse électronique valide "
        "(« anne.roux@example »)."]
    with pytest.raises(ImportRefused):
        apply_contacts(demo_db, preview)
    assert demo_db.path.read_bytes() == before


def test_a_formula_in_a_contact_cell_is_a_problem_of_its_row(
    demo_db: Database, tmp_path: Path
) -> None:
    path = contacts_list(tmp_path)
    replace_cells(path, {"E4": '=CONCATENATE("Pré";"sidente")'})
    preview = _preview(demo_db, path)
    assert str(preview.problems[0]).startswith(
        "ligne 4 : colonne « Fonction » : formule « =CONCATENATE(")


def test_contacts_import_creates_each_organisation_once(demo_db: Database, tmp_path: Path
                                                        ) -> None:
    path = contacts_list(tmp_path)
    replace_cells(path, {"F6": "anne.roux@transports-rapides.example"})
    people, organisations, circles = (_count(demo_db, model)
                                      for model in (Contact, Organisation, Circle))
    result = apply_contacts(demo_db, _preview(demo_db, path))
    assert (result.contacts, result.organisations, result.circles) == (3, 2, 1)
    assert _count(demo_db, Contact) == people + 3
    assert _count(demo_db, Organisation) == organisations + 2
    assert _count(demo_db, Circle) == circles + 1
    with demo_db.session() as session:
        marc = session.scalars(select(Contact).where(Contact.last_name == "Petit")).one()
        assert marc.organisation is not None and marc.organisation.name == "Vélo Aubrance"
        assert marc.organisation.circle is not None
        assert marc.organisation.circle.name == "Monde associatif"
        assert (marc.first_name, marc.function) == ("Marc", "Trésorier")
    # The same list again creates nobody: everyone is already in the directory.
    again = _preview(demo_db, path)
    assert again.people == [] and again.new_organisations == []
    assert len(again.notes) == 5


def test_full_name_column_and_people_without_organisation(demo_db: Database, tmp_path: Path
                                                          ) -> None:
    path = tmp_path / "habitants.csv"
    path.write_text("Nom complet,Cercle,Mail\nMme Chloé ROUSSEL,Habitants et usagers,"
                    "chloe@example.org\n,Habitants et usagers,\n", encoding="utf-8")
    preview = _preview(demo_db, path)
    assert preview.problems == []
    fields = preview.people[0].fields
    assert (fields.first_name, fields.last_name, fields.email) == ("Chloé", "Roussel",
                                                                   "chloe@example.org")
    assert fields.circle_id is not None  # no organisation: the circle is the person's own
    assert fields.civility is Civility.MADAME  # « Mme » before the name


@pytest.mark.parametrize(("typed", "expected"), [
    ("Mme", Civility.MADAME), ("Madame", Civility.MADAME), ("M.", Civility.MONSIEUR),
    ("Monsieur", Civility.MONSIEUR), ("", Civility.NONE),
])
def test_civility_and_title_columns(demo_db: Database, tmp_path: Path, typed: str,
                                    expected: Civility) -> None:
    path = tmp_path / "elus.csv"
    path.write_text(f"Civilité;Nom;Prénom;Titre de l'élu\n{typed};Moreau-Test;Claire;"
                    "Vice-présidente\n", encoding="utf-8")
    preview = _preview(demo_db, path)
    assert preview.problems == []
    fields = preview.people[0].fields
    assert (fields.civility, fields.title) == (expected, "Vice-présidente")
    apply_contacts(demo_db, preview)
    with demo_db.session() as session:
        contact = session.scalars(select(Contact).where(
            Contact.last_name == "Moreau-Test")).one()
        assert (contact.civility, contact.title) == (expected, "Vice-présidente")


def test_an_unknown_civility_is_a_problem_of_its_row(demo_db: Database, tmp_path: Path
                                                     ) -> None:
    path = tmp_path / "elus.csv"
    path.write_text("Civilité;Nom\nDocteur;Moreau-Test\n", encoding="utf-8")
    assert [str(problem) for problem in _preview(demo_db, path).problems] == [
        "ligne 2 : colonne « Civilité » : « Docteur » n'est pas une civilité reconnue "
        "(Madame, Monsieur, Mme, M. ou vide)"]


def test_a_name_is_required(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_text("Structure;Fonction;Courriel\nMairie;Maire;maire@example.org\n",
                    encoding="utf-8")
    table = read_table(path)
    with pytest.raises(Exception, match=r"introuvable : « Nom » \(ou « Nom complet »\)"):
        preview_contacts(demo_db, table, guess_header(table, CONTACT_FIELDS))
