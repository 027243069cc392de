"""Contacts out: the directory, or a body's members, read back with openpyxl."""

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from charte_desktop import clock
from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import BodyKind, Civility, MembershipRole
from charte_desktop.errors import CharteError
from charte_desktop.exports.contacts_workbook import (
    suggested_contacts_name,
    write_contacts_workbook,
)
from charte_desktop.services import bodies, directory
from tests.exports.libreoffice import SOFFICE, convert
from tests.exports.test_monitoring_workbook import table_rows
from tests.exports.xlsx_reading import open_xlsx


@pytest.fixture
def writable(demo: Path) -> Iterator[Database]:
    with open_database(demo) as database:
        yield database


def copil_id(db: Database) -> int:
    return next(row.id for row in bodies.list_bodies(db) if row.kind is BodyKind.COPIL)


def test_directory_lists_every_contact_with_links_and_bodies(
    demo_db: Database, tmp_path: Path
) -> None:
    workbook = open_xlsx(write_contacts_workbook(demo_db, tmp_path / "annuaire.xlsx"))
    assert workbook.sheetnames == ["Contacts", "Structures"]
    ws = workbook["Contacts"]
    assert ws.freeze_panes == "D4" and ws.print_title_rows == "$3:$3"
    expected = directory.list_contacts(demo_db)
    rows = table_rows(ws)
    assert [(r["Nom"].value, r["Prénom"].value) for r in rows] == [
        (c.last_name, c.first_name or None) for c in expected]
    for contact, row in zip(expected, rows, strict=True):
        assert row["Structure"].value == (contact.organisation or None)
        assert row["Téléphone"].value == (contact.phone or None)
        assert row["Téléphone"].data_type == "s" or row["Téléphone"].value is None
        if contact.email:
            assert row["Courriel"].value == contact.email
            assert row["Courriel"].hyperlink.target == f"mailto:{contact.email}"
    chair = next(m for m in bodies.list_memberships(demo_db, copil_id(demo_db))
                 if m.role is MembershipRole.CHAIR)
    chair_row = next(r for r in rows if r["Nom"].value == chair.contact.last_name
                     and r["Prénom"].value == chair.contact.first_name)
    assert "Comité de pilotage de la charte (président·e)" in chair_row[
        "Instances (membre actuel)"].value
    organisations = table_rows(workbook["Structures"])
    assert [r["Structure"].value for r in organisations] == [
        o.name for o in directory.list_organisations(demo_db)]
    assert sum(r["Contacts"].value for r in organisations) == sum(
        1 for c in expected if c.organisation)


def test_contact_text_that_looks_like_a_formula_stays_text(
    writable: Database, tmp_path: Path
) -> None:
    directory.create_contact(writable, directory.ContactFields(
        first_name="@Alice", last_name="=1+1", function="+33 chargée de mission",
        email="=HYPERLINK(\"http://exemple.invalid\")@x.fr", phone="+33 6 12 34 56 78"))
    ws = open_xlsx(write_contacts_workbook(writable, tmp_path / "a.xlsx"))["Contacts"]
    row = next(r for r in table_rows(ws) if r["Nom"].value == "=1+1")
    for header in ("Nom", "Prénom", "Fonction", "Courriel", "Téléphone"):
        assert row[header].data_type == "s" and row[header].quotePrefix, header
    assert row["Courriel"].hyperlink is None  # not an address: no link


def test_body_members_with_role_current_first(writable: Database, tmp_path: Path) -> None:
    body_id = copil_id(writable)
    today = clock.today()
    newcomer = directory.create_contact(writable, directory.ContactFields(
        first_name="Zoé", last_name="Sans-Courriel"))
    bodies.create_membership(writable, bodies.MembershipFields(
        body_id=body_id, contact_id=newcomer.id, role=MembershipRole.MEMBER,
        start_date=today - timedelta(days=1)))
    workbook = open_xlsx(write_contacts_workbook(writable, tmp_path / "m.xlsx",
                                                 body_id=body_id))
    assert workbook.sheetnames == ["Membres", "Courriels"]
    rows = table_rows(workbook["Membres"])
    memberships = bodies.list_memberships(writable, body_id)
    assert len(rows) == len(memberships)
    current = [r["Membre actuel"].value for r in rows]
    assert current == sorted(current, key=lambda v: v != "Oui") and "Non" in current
    chair = rows[0]
    assert chair["Rôle"].value == MembershipRole.CHAIR.label
    assert chair["Depuis"].value is None or chair["Depuis"].is_date
    rules = {str(cf.sqref): [f for rule in cf.rules for f in rule.formula]
             for cf in workbook["Membres"].conditional_formatting}
    assert rules == {f"A4:M{3 + len(rows)}": ['$M4="Non"']}
    addresses = workbook["Courriels"]
    current_emails = [m.contact.email for m in bodies.current_members(writable, body_id)
                      if m.contact.email]
    assert addresses["A5"].value == "; ".join(current_emails)
    assert addresses["A8"].value == "Zoé Sans-Courriel"


def test_civility_and_elected_title_have_their_columns(
    writable: Database, tmp_path: Path
) -> None:
    """« Madame », « Monsieur » as a mail merge writes them, and the title as typed."""
    body_id = copil_id(writable)
    elected = directory.create_contact(writable, directory.ContactFields(
        first_name="Claire", last_name="Moreau-Test", civility=Civility.MADAME,
        title="Vice-présidente"))
    directory.create_contact(writable, directory.ContactFields(
        first_name="Jean", last_name="Martin-Test", civility=Civility.MONSIEUR))
    directory.create_contact(writable, directory.ContactFields(last_name="Sans-Civilité"))
    bodies.create_membership(writable, bodies.MembershipFields(
        body_id=body_id, contact_id=elected.id, role=MembershipRole.MEMBER))
    rows = {r["Nom"].value: r for r in table_rows(open_xlsx(write_contacts_workbook(
        writable, tmp_path / "a.xlsx"))["Contacts"])}
    assert (rows["Moreau-Test"]["Civilité"].value,
            rows["Moreau-Test"]["Titre (élu·e)"].value) == ("Madame", "Vice-présidente")
    assert (rows["Martin-Test"]["Civilité"].value,
            rows["Martin-Test"]["Titre (élu·e)"].value) == ("Monsieur", None)
    assert rows["Sans-Civilité"]["Civilité"].value is None
    members = {r["Nom"].value: r for r in table_rows(open_xlsx(write_contacts_workbook(
        writable, tmp_path / "m.xlsx", body_id=body_id))["Membres"])}
    assert (members["Moreau-Test"]["Civilité"].value,
            members["Moreau-Test"]["Titre (élu·e)"].value) == ("Madame", "Vice-présidente")


def test_unknown_body_is_a_french_error_and_writes_nothing(
    demo_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "sortie"
    out.mkdir()
    with pytest.raises(CharteError, match=r"^L'instance n° 999 est introuvable\.$"):
        write_contacts_workbook(demo_db, out / "m.xlsx", body_id=999)
    assert list(out.iterdir()) == []


def test_suggested_names(demo_db: Database) -> None:
    day = date(2026, 3, 14)
    assert suggested_contacts_name(demo_db, today=day) == (
        "Annuaire - Communauté de communes du Val d'Aubrance - 2026-03-14.xlsx")
    assert suggested_contacts_name(demo_db, copil_id(demo_db), today=day) == (
        "Membres - Comité de pilotage de la charte - 2026-03-14.xlsx")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent (.ci/run l'installe)")
def test_both_workbooks_convert_to_pdf(demo_db: Database, tmp_path: Path) -> None:
    for name, body_id in (("annuaire", None), ("membres", copil_id(demo_db))):
        workbook = write_contacts_workbook(demo_db, tmp_path / f"{name}.xlsx", body_id=body_id)
        assert convert(workbook, "pdf", tmp_path / name).read_bytes().startswith(b"%PDF")
