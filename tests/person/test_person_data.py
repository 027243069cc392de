"""The map of where a person lives, and the export of everything held about them."""

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from charte_desktop.db import open_database
from charte_desktop.db.enums import AttendanceState, MeetingState
from charte_desktop.db.models import Attendance, Base, Contact, Meeting
from charte_desktop.db.types import CleanText
from charte_desktop.errors import CharteError
from charte_desktop.exports.person_workbook import write_person_workbook
from charte_desktop.services.person_data import (
    IDENTITY,
    KEPT_CONTACT_COLUMNS,
    PERSON_LINKS,
    TEXT_COLUMNS,
    text_columns_by_table,
)
from charte_desktop.services.person_mentions import needles, replace_mentions, spans


def test_every_reference_to_a_contact_is_in_the_map() -> None:
    """A new column pointing at contact.id fails here until person_data lists it."""
    referencing = {
        (table.name, column.name)
        for table in Base.metadata.tables.values()
        for column in table.columns
        for key in column.foreign_keys
        if key.column.table.name == "contact"
    }
    assert referencing == {(link.table, link.column) for link in PERSON_LINKS}


def test_every_column_of_the_contact_is_cleared_or_said_harmless() -> None:
    columns = set(Base.metadata.tables["contact"].columns.keys())
    assert columns == set(IDENTITY) | KEPT_CONTACT_COLUMNS


def test_every_free_text_column_has_a_french_label() -> None:
    found = {(table, column) for table, columns in text_columns_by_table().items()
             for column in columns}
    assert found == set(TEXT_COLUMNS)
    assert all(isinstance(Base.metadata.tables[t].c[c].type, CleanText) for t, c in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Aurélie Bourgeois rappelle le calendrier.", "X rappelle le calendrier."),
    ("Selon AURELIE  BOURGEOIS, oui.", "Selon X, oui."),
    ("Bourgeois Aurélie (CC) présente.", "X (CC) présente."),
    ("Écrire à aurelie.bourgeois@cc.example.", "Écrire à X."),
    ("Anne-Aurélie Bourgeoise reste.", "Anne-Aurélie Bourgeoise reste."),
])
def test_mentions_are_found_whatever_case_accents_and_spaces(text: str, expected: str) -> None:
    found = needles("Aurélie", "Bourgeois", "aurelie.bourgeois@cc.example")
    assert replace_mentions(text, found, "X") == expected


def test_no_needle_no_mention() -> None:
    assert spans("quelque chose", []) == []


def _held_attendee(db_path: Path) -> int:
    with open_database(db_path) as db, db.session() as session:
        found = session.scalars(
            select(Attendance.contact_id).join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Meeting.state == MeetingState.HELD,
                   Attendance.state == AttendanceState.PRESENT)
            .order_by(Attendance.contact_id)).first()
    assert found is not None
    return found


def test_the_workbook_holds_one_sheet_per_kind_with_french_headers(
        demo: Path, tmp_path: Path) -> None:
    with open_database(demo) as db:
        contact_id = _held_attendee(demo)
        with db.session() as session:
            person = session.get(Contact, contact_id)
            assert person is not None
            name, email = person.full_name, person.email
        target = write_person_workbook(db, contact_id, tmp_path / "personne.xlsx")
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Identité", "Instances", "Présences", "Suites à donner",
                                   "Actions", "Mentions"]
    identity = {row[0]: row[1] for row in workbook["Identité"].iter_rows(min_row=4,
                                                                          values_only=True)}
    assert identity["Courriel"] == email
    assert name.split()[-1] in identity["Nom"]
    presences = list(workbook["Présences"].iter_rows(min_row=3, values_only=True))
    assert presences[0][:4] == ("Date", "Instance", "Réunion", "Présence ou rôle")
    assert any(row[3] == "Présent·e" and row[2] == "Tenue" for row in presences[1:])
    date_cell = workbook["Présences"].cell(row=4, column=1)
    assert date_cell.number_format.startswith("dd/mm/yyyy") or "dd/mm" in date_cell.number_format


def test_an_unknown_contact_is_said_in_french_and_nothing_written(
        demo: Path, tmp_path: Path) -> None:
    with open_database(demo) as db, pytest.raises(CharteError, match="introuvable"):
        write_person_workbook(db, 9999, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_never_written_over_a_charte_file(demo: Path) -> None:
    with open_database(demo) as db, pytest.raises(CharteError, match="fichier Charte"):
        write_person_workbook(db, _held_attendee(demo), demo)
