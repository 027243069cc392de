"""E-mail drafts (.eml), read back with Python's email parser."""

import io
from datetime import date
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from docx import Document

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind
from charte_desktop.errors import CharteError
from charte_desktop.exports.email_draft import email_draft_name, write_email_draft
from charte_desktop.exports.meeting_exports import export_meeting_document
from charte_desktop.exports.mime_headers import address_list, encoded_words, phrase
from charte_desktop.formatting import format_long_date
from charte_desktop.services.bodies import BodyFields, create_body
from charte_desktop.services.directory import ContactFields, create_contact
from charte_desktop.services.meetings import (
    MeetingFields,
    add_invitee,
    create_meeting,
    get_meeting,
    list_meetings,
)
from charte_desktop.services.plans import get_territory
from tests.exports.docx_reading import all_text, open_docx

DAY = date(2026, 9, 14)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _parse(path: Path) -> EmailMessage:
    with path.open("rb") as stream:
        return BytesParser(policy=policy.default).parse(stream)  # type: ignore[return-value]


def _attachment(message: EmailMessage) -> EmailMessage:
    (attachment,) = message.iter_attachments()
    return attachment  # type: ignore[return-value]


def _addresses(message: EmailMessage, header: str) -> set[tuple[str, str]]:
    value = message[header]
    return {(a.display_name, a.addr_spec) for a in value.addresses} if value else set()


def _invitees(message: EmailMessage) -> set[tuple[str, str]]:
    """Everyone the draft convenes, whether in To or in Bcc."""
    return _addresses(message, "To" if message["Bcc"] is None else "Bcc")


@pytest.mark.parametrize("kind", ["convocation", "minutes"])
def test_draft_is_addressed_to_those_convened_with_the_document_attached(
    demo_db: Database, held_meeting_id: int, tmp_path: Path, kind: str
) -> None:
    meeting = get_meeting(demo_db, held_meeting_id)
    draft = write_email_draft(demo_db, held_meeting_id, kind, tmp_path / "d.eml")
    message = _parse(draft.path)
    assert message["X-Unsent"] == "1"
    assert not message.defects

    territory = get_territory(demo_db)
    assert territory is not None and territory.officer_email
    officer = (territory.officer_name, territory.officer_email)
    expected = {(a.contact.full_name, a.contact.email) for a in meeting.attendances
                if a.contact.email and a.contact.email != territory.officer_email}
    # Partners of every kind are convened: they are in Bcc, the officer alone in To.
    assert draft.blind and _addresses(message, "To") == {officer}
    assert _addresses(message, "From") == {officer}
    got = _addresses(message, "Bcc")
    assert got == expected and draft.recipient_count == len(expected)
    assert officer not in got  # the sender does not convene themself
    assert draft.without_email == () and draft.note == ""

    label = "Convocation" if kind == "convocation" else "Compte rendu"
    assert message["Subject"] == (
        f"{label} – {meeting.body.name} du {format_long_date(meeting.date)}")
    body = message.get_body(("plain",)).get_content()
    assert body.startswith("Madame, Monsieur,\n") and meeting.body.name in body
    assert "Bien cordialement," in body and "Communauté de communes" in body

    attachment = _attachment(message)
    assert attachment.get_content_type() == DOCX
    assert attachment.get_filename().startswith(f"{label} - ") and (
        attachment.get_filename().endswith(".docx"))
    attached = Document(io.BytesIO(attachment.get_content()))
    fresh = open_docx(export_meeting_document(demo_db, kind, held_meeting_id,
                                              tmp_path / "fresh.docx"))
    assert all_text(attached) == all_text(fresh)
    assert label.lower() in all_text(attached).lower()  # « Objet : convocation… »


def test_convocation_body_lists_the_agenda_and_minutes_the_decisions(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    meeting = get_meeting(demo_db, held_meeting_id)
    convocation = _parse(write_email_draft(demo_db, held_meeting_id, "convocation",
                                           tmp_path / "c.eml").path)
    text = convocation.get_body(("plain",)).get_content()
    for number, item in enumerate(meeting.agenda_items, start=1):
        assert f"{number}. {item.title}" in text
    assert "Vous êtes invité·e" in text
    minutes = _parse(write_email_draft(demo_db, held_meeting_id, "minutes",
                                       tmp_path / "m.eml").path)
    text = minutes.get_body(("plain",)).get_content()
    for decision in meeting.decisions:
        assert f"- {decision.text}" in text


def test_file_is_ascii_mime_with_crlf_lines(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    data = write_email_draft(demo_db, held_meeting_id, "minutes", tmp_path / "d.eml"
                             ).path.read_bytes()
    assert data.isascii()  # quoted-printable text, encoded headers, base64 document
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 998
    assert data.startswith(b"X-Unsent: 1\r\n")


def test_accented_names_and_attachment_name_survive(db: Database, tmp_path: Path) -> None:
    """A groupe projet's document name has accents and guillemets; names have accents
    where Python's own folding would cut them ("Auré lie")."""
    body = create_body(db, BodyFields(BodyKind.PROJECT_GROUP,
                                      "Groupe projet « Mobilité solidaire et insertion »"))
    meeting = create_meeting(db, MeetingFields(body.id, DAY))
    names = [("Aurélie", "Bourgeois-Étienne"), ("François", "Vernier"), ("Zoé", "Lefèvre"),
             ("Jean", 'Dupont, dit "JD"'), ("Hélène", "Çelik")]
    for first, last in names:
        contact = create_contact(db, ContactFields(
            last_name=last, first_name=first,
            email=f"{first[:3].lower().replace('é', 'e')}.x@exemple.fr"))
        add_invitee(db, meeting.id, contact.id)
    path = write_email_draft(db, meeting.id, "convocation", tmp_path / "d.eml").path
    message = _parse(path)
    assert sorted(name for name, _email in _invitees(message)) == sorted(
        f"{first} {last}" for first, last in names)
    attachment = _attachment(message)
    expected = "Convocation - Groupe projet « Mobilité solidaire et insertion » - "
    assert attachment.get_filename().startswith(expected)
    # The Content-Type name Outlook reads: encoded words decoding to the same name.
    raw = path.read_bytes().decode("ascii")
    start = raw.index('name="=?utf-8?b?') + len('name="')
    raw_name = raw[start:raw.index('"', start)].replace("\r\n ", " ")
    assert str(make_header(decode_header(raw_name))) == attachment.get_filename()
    assert attachment.get_param("name") == attachment.get_filename()


def test_contacts_without_email_are_returned_and_noted(
    db: Database, tmp_path: Path
) -> None:
    body = create_body(db, BodyFields(BodyKind.COTECH, "Comité technique"))
    meeting = create_meeting(db, MeetingFields(body.id, DAY))
    with_email = create_contact(db, ContactFields(last_name="Roussel", first_name="Camille",
                                                  email="camille@exemple.fr"))
    same_box = create_contact(db, ContactFields(last_name="Accueil", first_name="",
                                                email="CAMILLE@exemple.fr"))
    without = create_contact(db, ContactFields(last_name="Rigoulot", first_name="Élodie"))
    for contact in (with_email, same_box, without):
        add_invitee(db, meeting.id, contact.id)
    draft = write_email_draft(db, meeting.id, "convocation", tmp_path / "d.eml")
    assert draft.without_email == ("Élodie Rigoulot",)
    assert draft.recipient_count == 1  # one mailbox, written once
    assert draft.note == ("Sans adresse électronique, non inclus·e dans le brouillon : "
                          "Élodie Rigoulot.")
    ((_name, address),) = _invitees(_parse(draft.path))
    assert address.lower() == "camille@exemple.fr"


def test_meeting_without_invitees_gives_a_draft_without_recipient(
    db: Database, tmp_path: Path
) -> None:
    body = create_body(db, BodyFields(BodyKind.COTECH, "Comité technique"))
    meeting = create_meeting(db, MeetingFields(body.id, DAY))
    draft = write_email_draft(db, meeting.id, "minutes", tmp_path / "d.eml")
    assert "To" not in _parse(draft.path) and "Bcc" not in _parse(draft.path)
    assert draft.note.startswith("Personne n'est convoqué·e")


def test_unknown_meeting_writes_nothing(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(CharteError, match="introuvable"):
        write_email_draft(demo_db, 9999, "minutes", tmp_path / "d.eml")
    assert not (tmp_path / "d.eml").exists()


def test_suggested_name(demo_db: Database) -> None:
    meeting_id = list_meetings(demo_db)[0].id
    assert email_draft_name(demo_db, meeting_id, "minutes").startswith("Compte rendu - ")
    assert email_draft_name(demo_db, meeting_id, "convocation").endswith(".eml")


@pytest.mark.parametrize(("name", "expected"), [
    ("Camille Roussel", "Camille Roussel"),
    ('Dupont, dit "JD"', '"Dupont, dit \\"JD\\""'),
])
def test_phrase(name: str, expected: str) -> None:
    assert phrase(name) == expected


def test_long_accented_name_is_cut_between_characters_only() -> None:
    words = encoded_words("é" * 60)
    assert len(words) == 3 and all(len(w) <= 75 for w in words)
    header = address_list([("é" * 60, "a@b.fr"), ("Ana", "c@d.fr")])
    assert header.count("\r\n ") == 1  # one line per address


# --- who sees whom, the two parts, the officer's signature ---------------------------------
def _territory_with_officer(db: Database) -> None:
    from charte_desktop.db.enums import TerritoryKind
    from charte_desktop.services.plans import TerritoryFields, save_territory

    save_territory(db, TerritoryFields(
        "Communauté de communes du Val d'Aubrance", TerritoryKind.COMMUNITY_OF_COMMUNES,
        officer_name="Camille Roussel", officer_function="Chargée de mission mobilité",
        officer_phone="03 81 00 00 00", officer_email="camille.roussel@cc-aubrance.fr"))


def _meeting_with(db: Database, people: list[tuple[str, str, str | None]]) -> int:
    """A meeting convening (last name, e-mail, organisation) people."""
    from charte_desktop.services.directory import OrganisationFields, create_organisation

    body = create_body(db, BodyFields(BodyKind.COTECH, "Comité technique"))
    meeting = create_meeting(db, MeetingFields(body.id, DAY))
    organisations: dict[str, int] = {}
    for last, email, organisation in people:
        if organisation is not None and organisation not in organisations:
            organisations[organisation] = create_organisation(
                db, OrganisationFields(organisation)).id
        contact = create_contact(db, ContactFields(
            last_name=last, first_name="", email=email,
            organisation_id=organisations.get(organisation or "")))
        add_invitee(db, meeting.id, contact.id)
    return meeting.id


def test_partners_are_in_bcc_and_the_officer_alone_in_to(db: Database, tmp_path: Path
                                                          ) -> None:
    _territory_with_officer(db)
    meeting_id = _meeting_with(db, [
        ("Roussel", "camille.roussel@cc-aubrance.fr", None),  # the officer, as secretary
        ("Service", "mobilite@cc-aubrance.fr",
         "Communauté de communes du Val d'Aubrance — Direction des mobilités"),
        ("Mercier", "contact@transports-mercier.fr", "Transports Mercier"),
        ("Habitante", "habitante@gmail.com", None),
    ])
    draft = write_email_draft(db, meeting_id, "convocation", tmp_path / "d.eml")
    data = draft.path.read_bytes()
    # The generator keeps Bcc: the mail program that opens the draft reads it.
    assert b"\r\nBcc: " in data
    message = _parse(draft.path)
    officer = ("Camille Roussel", "camille.roussel@cc-aubrance.fr")
    assert _addresses(message, "To") == {officer} == _addresses(message, "From")
    assert {email for _name, email in _addresses(message, "Bcc")} == {
        "mobilite@cc-aubrance.fr", "contact@transports-mercier.fr", "habitante@gmail.com"}
    assert draft.blind and draft.recipient_count == 3


def test_own_services_only_are_in_to_without_the_officer(db: Database, tmp_path: Path
                                                          ) -> None:
    _territory_with_officer(db)
    meeting_id = _meeting_with(db, [
        ("Roussel", "CAMILLE.ROUSSEL@cc-aubrance.fr", None),  # the sender, in capitals
        ("Service", "mobilite@cc-aubrance.fr", None),  # the officer's own domain
        ("Directrice", "dgs@autre-domaine.fr", "Communauté de communes du Val d'Aubrance"),
    ])
    draft = write_email_draft(db, meeting_id, "minutes", tmp_path / "d.eml")
    message = _parse(draft.path)
    assert message["Bcc"] is None and not draft.blind
    assert {email for _name, email in _addresses(message, "To")} == {
        "mobilite@cc-aubrance.fr", "dgs@autre-domaine.fr"}
    assert draft.recipient_count == 2


def test_a_shared_public_mailbox_domain_is_not_the_collectivity(db: Database, tmp_path: Path
                                                                 ) -> None:
    from charte_desktop.db.enums import TerritoryKind
    from charte_desktop.services.plans import TerritoryFields, save_territory

    save_territory(db, TerritoryFields("Commune de Villers", TerritoryKind.COMMUNE,
                                       officer_email="mairie.villers@orange.fr"))
    meeting_id = _meeting_with(db, [("Voisin", "voisin@orange.fr", None)])
    draft = write_email_draft(db, meeting_id, "convocation", tmp_path / "d.eml")
    assert draft.blind and _parse(draft.path)["Bcc"] is not None


def test_text_and_html_parts_then_the_document_with_the_officers_signature(
    db: Database, tmp_path: Path
) -> None:
    _territory_with_officer(db)
    meeting_id = _meeting_with(db, [("Mercier", "contact@transports-mercier.fr", "TM")])
    message = _parse(write_email_draft(db, meeting_id, "convocation", tmp_path / "d.eml").path)
    assert message.get_content_type() == "multipart/mixed"
    first, document = message.iter_parts()
    assert first.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in first.iter_parts()] == [
        "text/plain", "text/html"]
    assert document.get_content_type() == DOCX
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    signature = ("Camille Roussel\nChargée de mission mobilité\n"
                 "Communauté de communes du Val d'Aubrance\nTél.\u00a0: 03 81 00 00 00\n"
                 "camille.roussel@cc-aubrance.fr\n")
    assert text.endswith("Bien cordialement,\n\n" + signature)
    assert "merci de nous prévenir en réponse à ce message ou au 03 81 00 00 00" in text
    page = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<strong>Camille Roussel</strong><br>Chargée de mission mobilité" in page
    assert ('<a href="mailto:camille.roussel@cc-aubrance.fr">'
            "camille.roussel@cc-aubrance.fr</a>") in page
    assert "Communauté de communes du Val d&#x27;Aubrance" in page or (
        "Communauté de communes du Val d'Aubrance" in page)


def test_html_part_escapes_what_the_officer_typed(db: Database, tmp_path: Path) -> None:
    body = create_body(db, BodyFields(BodyKind.COTECH, "Comité <technique> & co"))
    meeting = create_meeting(db, MeetingFields(body.id, DAY))
    message = _parse(write_email_draft(db, meeting.id, "minutes", tmp_path / "d.eml").path)
    page = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "Comité &lt;technique&gt; &amp; co" in page and "<technique>" not in page
