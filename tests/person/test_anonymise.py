"""Anonymising a person: nothing of them left in any text column nor in the file's bytes,
held meetings' minutes still exported with their counts."""

from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import AttendanceState, MeetingState
from charte_desktop.db.models import Attendance, Base, Contact, Meeting
from charte_desktop.errors import CharteError
from charte_desktop.exports.minutes import write_minutes
from charte_desktop.services.anonymise import anonymise_contact
from charte_desktop.services.person_data import ANONYMOUS_NAME, PERSON_LINKS
from charte_desktop.services.person_record import person_record
from charte_desktop.text import fold


def _mentioned_attendee(db_path: Path) -> tuple[int, int]:
    """A person present at a held meeting and named in some free text; that meeting."""
    with open_database(db_path) as db:
        with db.session() as session:
            rows = session.execute(
                select(Attendance.contact_id, Meeting.id)
                .join(Meeting, Meeting.id == Attendance.meeting_id)
                .where(Meeting.state == MeetingState.HELD,
                       Attendance.state == AttendanceState.PRESENT)
                .order_by(Attendance.contact_id, Meeting.id)).all()
        for contact_id, meeting_id in rows:
            if person_record(db, contact_id).mentions:
                return contact_id, meeting_id
    raise AssertionError("the demo names no attendee in its texts")


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _every_text_value(db_path: Path) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text column of every table."""
    from sqlalchemy import String, Text

    found = []
    with open_database(db_path) as db, db.session() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns
                       if isinstance(getattr(c.type, "impl", c.type), String | Text)]
            for row in session.execute(select(*columns)) if columns else []:
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, str) and value:
                        found.append((table.name, column.name, value))
    return found


def _attendance_counts(db_path: Path, meeting_id: int) -> dict[str, int]:
    with open_database(db_path) as db, db.session() as session:
        states = session.scalars(select(Attendance.state)
                                 .where(Attendance.meeting_id == meeting_id)).all()
    return {state.value: states.count(state) for state in set(states)}


def test_a_person_is_anonymised_with_nothing_of_them_left(
        demo: Path, tmp_path: Path, folder: Path) -> None:
    contact_id, meeting_id = _mentioned_attendee(demo)
    with open_database(demo) as db, db.session() as session:
        person = session.get(Contact, contact_id)
        assert person is not None
        first, last, email, phone = (person.first_name, person.last_name, person.email,
                                     person.phone)
    assert first and last and email and phone
    counts_before = _attendance_counts(demo, meeting_id)
    with open_database(demo) as db:
        before = _docx_text(write_minutes(db, meeting_id, tmp_path / "avant.docx"))
        links_before = person_record(db, contact_id)
        done = anonymise_contact(db, contact_id, backup_folder=folder)
    assert f"{first} {last}" in before
    assert done.backup.exists() and done.backup.parent == folder
    assert done.mentions and done.links_kept > 0 and done.left == 0
    assert any(line.startswith("Vérifié : ") for line in done.summary())

    # Every text column of every table: neither the name nor the e-mail nor the phone.
    for table, column, value in _every_text_value(demo):
        folded = fold(value)
        assert fold(f"{first} {last}") not in folded, (table, column, value)
        assert fold(f"{last} {first}") not in folded, (table, column, value)
        assert fold(email) not in folded, (table, column, value)
        assert phone not in value, (table, column, value)
    # Nor in the file's bytes (old values wiped from free pages).
    raw = demo.read_bytes()
    for secret in (f"{first} {last}", email, phone):
        assert secret.encode("utf-8") not in raw, secret
    assert last.encode("utf-8") not in raw or len(last) < 5  # no stray copy of the name

    # The contact row is the anonymous one, every link kept (counts unchanged).
    with open_database(demo) as db:
        with db.session() as session:
            person = session.get(Contact, contact_id)
            assert person is not None
            assert (person.first_name, person.last_name, person.email, person.phone,
                    person.notes, person.title, person.function) == (
                "", ANONYMOUS_NAME, "", "", "", "", "")
            assert person.organisation_id is None and person.circle_id is None
        after_record = person_record(db, contact_id)
        assert len(after_record.memberships) == len(links_before.memberships)
        assert len(after_record.meetings) == len(links_before.meetings)
        assert len(after_record.actions) == len(links_before.actions)
        assert after_record.mentions == []
        after = _docx_text(write_minutes(db, meeting_id, tmp_path / "apres.docx"))
    assert _attendance_counts(demo, meeting_id) == counts_before
    assert f"{first} {last}" not in after and ANONYMOUS_NAME in after
    assert before.count("\n") == after.count("\n")  # the same lines, one name changed


def test_the_map_covers_every_link_of_the_anonymised(demo: Path, folder: Path) -> None:
    """Every column of the map still points at the anonymised contact: nothing deleted."""
    contact_id, _meeting = _mentioned_attendee(demo)

    def links() -> dict[str, int]:
        with open_database(demo) as db, db.session() as session:
            out = {}
            for link in PERSON_LINKS:
                table = Base.metadata.tables[link.table]
                out[f"{link.table}.{link.column}"] = len(session.execute(
                    select(table).where(table.c[link.column] == contact_id)).all())
            return out

    before = links()
    with open_database(demo) as db:
        anonymise_contact(db, contact_id, backup_folder=folder)
    assert links() == before


def test_anonymising_twice_or_an_unknown_contact_is_refused(
        demo: Path, folder: Path) -> None:
    contact_id, _meeting = _mentioned_attendee(demo)
    with open_database(demo) as db:
        anonymise_contact(db, contact_id, backup_folder=folder)
        with pytest.raises(CharteError, match="déjà anonymisé"):
            anonymise_contact(db, contact_id, backup_folder=folder)
        with pytest.raises(CharteError, match="introuvable"):
            anonymise_contact(db, 9999, backup_folder=folder)
    assert len(list(folder.iterdir())) == 1  # no backup for a refusal


def test_a_history_naming_the_person_names_them_no_more(demo: Path, folder: Path) -> None:
    """The Historique says « pilote (X → Y) »: once X is anonymised, it says so instead."""
    from dataclasses import replace

    from charte_desktop.services import actions
    from charte_desktop.services.history import history_lines

    with open_database(demo) as db:
        action = next(a for a in actions.list_actions(db) if a.pilot_id)
        fields = actions.action_form_fields(db, action.id)
        assert fields.pilot_id is not None
        with db.session() as session:
            person = session.get(Contact, fields.pilot_id)
            assert person is not None
            name = person.full_name
            other = session.scalars(select(Contact.id).where(Contact.id != person.id)).first()
        actions.update_action(db, action.id, replace(fields, pilot_id=other))
        assert name in history_lines(db, "action", action.id)[0].what
        anonymise_contact(db, fields.pilot_id, backup_folder=folder)
        what = history_lines(db, "action", action.id)[0].what
    assert name not in what
    assert f"pilote ({ANONYMOUS_NAME} → " in what


def test_a_person_is_anonymised_on_a_base_of_either_kind(db: Database, folder: Path) -> None:
    """On a server base too (the PostgreSQL pass): one transaction, no SQLite pragma, and
    no copy of the person's data written on this computer."""
    from charte_desktop.services.directory import ContactFields, create_contact

    contact = create_contact(db, ContactFields(first_name="Aurélie", last_name="Bourgeois",
                                               email="a.bourgeois@example.fr"))
    done = anonymise_contact(db, contact.id, backup_folder=folder)
    with db.session() as session:
        person = session.get(Contact, contact.id)
        assert person is not None and person.last_name == ANONYMOUS_NAME
        assert person.email == ""
    if db.server is None:
        assert done.backup is not None and done.backup.parent == folder
    else:
        assert done.backup is None and not folder.exists()
        assert "aucune copie n'a été faite sur ce poste" in " ".join(done.summary())
