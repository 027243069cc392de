"""The convocation as a letter: place and date, object, greeting, agenda with times,
closing, signatory, the officer to contact, and the reply slip and pouvoir page."""

import subprocess
from datetime import time
from pathlib import Path

import pytest
from sqlalchemy import select, update

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import BodyKind, MeetingState, MembershipRole
from charte_desktop.db.models import AgendaItem, Contact, Meeting, Membership, Territory
from charte_desktop.exports.convocation import write_convocation
from charte_desktop.exports.meeting_document import item_starts
from charte_desktop.exports.people_text import greeting, signing_capacity
from charte_desktop.formatting import format_hour
from charte_desktop.services.meetings import get_meeting
from charte_desktop.services.plans import get_territory
from tests.exports.docx_reading import all_text, open_docx
from tests.exports.libreoffice import SOFFICE, convert
from tests.exports.meeting_setup import demo_meeting
from tests.fixed_day import TEST_DAY

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NBSP = "\u00a0"


@pytest.fixture
def writable(demo: Path) -> Database:
    return open_database(demo)


def _chair(db: Database, body_id: int) -> Contact:
    with db.session() as session:
        membership = session.scalars(select(Membership).where(
            Membership.body_id == body_id, Membership.role == MembershipRole.CHAIR)).one()
        return session.get_one(Contact, membership.contact_id)


def test_format_hour_is_french() -> None:
    assert format_hour(time(9, 30)) == f"9{NBSP}h{NBSP}30"
    assert format_hour(time(14, 0)) == f"14{NBSP}h"
    assert format_hour(time(8, 5)) == f"8{NBSP}h{NBSP}05"
    assert format_hour(None) == ""


def test_copil_convocation_reads_as_a_signed_letter(demo_db: Database, tmp_path: Path) -> None:
    meeting_id = demo_meeting(demo_db, BodyKind.COPIL, MeetingState.PLANNED)
    meeting = get_meeting(demo_db, meeting_id)
    territory = get_territory(demo_db)
    assert territory is not None and territory.town and territory.officer_name
    chair = _chair(demo_db, meeting.body_id)
    document = open_docx(write_convocation(demo_db, meeting_id, tmp_path / "c.docx"))
    texts = [p.text for p in document.paragraphs]
    text = all_text(document)

    assert f"{territory.town}, le {TEST_DAY.day} novembre {TEST_DAY.year}" in texts
    assert any(t.startswith(f"Objet{NBSP}:") and meeting.body.name in t for t in texts)
    contact = next(t for t in texts if t.startswith(f"Contact{NBSP}:"))
    phone = NBSP.join(territory.officer_phone.split())  # kept on one line
    for part in (territory.officer_name, phone, territory.officer_email):
        assert part in contact
    assert "Madame, Monsieur," in texts
    assert f"à {format_hour(meeting.start_time)}" in text or (
        f"de {format_hour(meeting.start_time)}" in text)
    assert meeting.place in text
    closing = ("Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations "
               "distinguées.")
    assert closing in texts
    signature = next(t for t in texts if chair.full_name in t and "\n" in t)
    assert signature.startswith(f"{signing_capacity(chair)},")
    assert "secrétariat" not in text.split("Bulletin de réponse")[0]

    agenda = next(t for t in document.tables if t.rows[0].cells[0].text == "Heure")
    assert [c.text for c in agenda.rows[0].cells] == [
        "Heure", "N°", "Point", "Présenté par", "Durée"]
    first_start = agenda.rows[1].cells[0].text
    assert first_start == format_hour(meeting.start_time)
    for item, row in zip(meeting.agenda_items, agenda.rows[1:], strict=True):
        assert item.title in row.cells[2].text

    # The voting members' page: after a page break, the reply slip then the pouvoir.
    breaks = [p for p in document.paragraphs
              if p._p.findall(f".//{W}br[@{W}type='page']")]
    assert len(breaks) == 1
    after = texts[[p._p for p in document.paragraphs].index(breaks[0]._p) + 1:]
    assert after[0] == "Bulletin de réponse"
    for words in ("assistera à la réunion", "n'assistera pas à la réunion",
                  "se fera représenter par", territory.officer_email, "Pouvoir",
                  "Je soussigné·e", f"membre du {meeting.body.name},", "donne pouvoir à",
                  "pour me représenter et voter en mon nom lors de la séance du",
                  "Bon pour pouvoir"):
        assert any(words in t for t in after), words
    assert "Hh" not in text and not any(f"{h:02d}h" in text for h in range(24))


def test_no_town_no_voting_members_and_an_explicit_signatory(
    writable: Database, tmp_path: Path
) -> None:
    meeting_id = demo_meeting(writable, BodyKind.COPIL, MeetingState.PLANNED)
    meeting = get_meeting(writable, meeting_id)
    with writable.session() as session:
        session.execute(update(Territory).values(town=""))
        session.execute(update(Membership).where(Membership.body_id == meeting.body_id)
                        .values(voting=False))
        president = session.scalars(select(Contact).where(Contact.title == "Président")).first()
        assert president is not None
        session.get_one(Meeting, meeting_id).signatory_id = president.id
        name = president.full_name
    document = open_docx(write_convocation(writable, meeting_id, tmp_path / "c.docx"))
    texts = [p.text for p in document.paragraphs]
    assert f"Le {TEST_DAY.day} novembre {TEST_DAY.year}" in texts
    assert not any("Bulletin de réponse" in t or t == "Pouvoir" for t in texts)
    assert any(t.startswith("Le Président,") and t.endswith(name) for t in texts)


def test_greetings_follow_civility_and_title(writable: Database) -> None:
    with writable.session() as session:
        people = list(session.scalars(select(Contact).order_by(Contact.id)))
        madame = [p for p in people if p.civility.value == "madame"]
        monsieur = [p for p in people if p.civility.value == "monsieur"]
        titled = next(p for p in monsieur if p.title == "Président")
        assert greeting(madame[:3]) == "Madame"
        assert greeting(monsieur[:3]) == "Monsieur"
        assert greeting(madame[:1] + monsieur[:1]) == "Madame, Monsieur"
        assert greeting([titled]) == "Monsieur le Président"
        assert signing_capacity(titled) == "Le Président"


def test_item_starts_add_durations_skip_postponed_and_stop_at_unknown(
    demo_db: Database,
) -> None:
    meeting = get_meeting(demo_db, demo_meeting(demo_db, BodyKind.COPIL,
                                                MeetingState.PLANNED))
    meeting.start_time = time(9, 30)
    meeting.agenda_items = [
        AgendaItem(title="a", duration_minutes=20), AgendaItem(title="b", postponed=True,
                                                               duration_minutes=60),
        AgendaItem(title="c", duration_minutes=None), AgendaItem(title="d"),
    ]
    assert item_starts(meeting) == [time(9, 30), None, time(9, 50), None]
    meeting.start_time = None
    assert item_starts(meeting) == [None, None, None, None]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent (.ci/run l'installe)")
def test_the_letter_holds_on_one_page_and_the_forms_on_the_next(
    demo_db: Database, tmp_path: Path
) -> None:
    meeting_id = demo_meeting(demo_db, BodyKind.COPIL, MeetingState.PLANNED)
    pdf = convert(write_convocation(demo_db, meeting_id, tmp_path / "convocation.docx"),
                  "pdf", tmp_path)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.rstrip("\f").split("\f")
    assert len(pages) == 2
    assert "Je vous prie d'agréer" in pages[0] and "Bulletin de réponse" not in pages[0]
    assert pages[1].lstrip().startswith("Bulletin de réponse")
    assert "Pouvoir" in pages[1] and "Bon pour pouvoir" in pages[1]
