"""Archived contacts and bodies: out of the pickers' lists, kept in the history."""

from pathlib import Path

import pytest

from charte_desktop.db import open_database
from charte_desktop.db.enums import Civility
from charte_desktop.errors import CharteError
from charte_desktop.services import archive, directory
from charte_desktop.services.bodies import list_bodies
from charte_desktop.services.directory import ContactFields, ContactFilter, list_contacts

HELD_ATTENDEE, NEVER_MET = 10, 47


def test_an_archived_contact_leaves_the_pickers_list_and_comes_back(demo: Path) -> None:
    with open_database(demo) as db:
        archive.set_contact_archived(db, NEVER_MET)
        hidden = [row.id for row in list_contacts(db, ContactFilter(show_archived=False))]
        everyone = {row.id: row for row in list_contacts(db)}
        assert NEVER_MET not in hidden and everyone[NEVER_MET].archived
        assert directory.get_contact(db, NEVER_MET).last_name == "Fabre"
        archive.set_contact_archived(db, NEVER_MET, False)
        assert NEVER_MET in [row.id for row in list_contacts(
            db, ContactFilter(show_archived=False))]


def test_an_archived_body_leaves_the_pickers_list(demo: Path) -> None:
    with open_database(demo) as db:
        body = list_bodies(db)[0]
        archive.set_body_archived(db, body.id)
        assert body.id not in [row.id for row in list_bodies(db, show_archived=False)]
        assert next(row for row in list_bodies(db) if row.id == body.id).archived
        assert body.meeting_count == next(
            row for row in list_bodies(db) if row.id == body.id).meeting_count


def test_unknown_ids_are_refused_in_french(demo: Path) -> None:
    with open_database(demo) as db:
        with pytest.raises(CharteError, match="Le contact n° 9999 est introuvable"):
            archive.set_contact_archived(db, 9999)
        with pytest.raises(CharteError, match="L'instance n° 9999 est introuvable"):
            archive.set_body_archived(db, 9999)


def test_the_question_says_why_before_asking(demo: Path) -> None:
    with open_database(demo) as db:
        held = archive.held_meetings_attended(db, HELD_ATTENDEE)
        assert held >= 2
        question = archive.archive_instead_question(db, HELD_ATTENDEE)
        assert question is not None
        assert question.startswith(f"Aurélie Bourgeois a assisté à {held} réunions tenues : "
                                   "elle ne peut pas être supprimée")
        assert "L'archiver ?" in question
        assert archive.archive_instead_question(db, NEVER_MET) is None
        fields = directory.contact_fields(db, NEVER_MET)
        fields.civility = Civility.MONSIEUR
        directory.update_contact(db, NEVER_MET, fields)
        assert archive.archive_instead_question(db, NEVER_MET) is None  # may be deleted
        other = directory.create_contact(db, ContactFields(last_name="Nouveau"))
        assert archive.held_meetings_attended(db, other.id) == 0
