""""Ready to send": an unsent e-mail draft (.eml) of a meeting's convocation or minutes,
addressed to the people convened, with the Word document attached.

A standard MIME message (Python's `email` package) marked `X-Unsent: 1`, which Outlook opens
as a message to send; Thunderbird and others open it too. Text is UTF-8 (quoted-printable
body, RFC 2047 headers, RFC 2231 file name), lines end with CRLF. The people convened
without a usable e-mail address are returned, for the officer to reach another way.

The message is multipart/mixed: first a multipart/alternative (plain text, then HTML),
then the document. It is signed with the officer's details (Paramètres), comes From the
officer, and never addresses them as an invitee.

Who sees whom: when anyone convened is not of the collectivité's own services (a company,
an association, a resident: see `is_own_service`), the invitees go in Bcc and the officer
alone in To, so that no partner reads the others' addresses. Bcc is written in the file on
purpose: Python's generator writes every header it is given (only `smtplib.send_message`
drops Bcc, when sending), and a draft must keep it for the mail program that opens it —
Outlook's MIME reader maps a Bcc header to « Cci » recipients ([MS-OXCMAIL] 2.1.3.1.1);
the mail server, not this file, keeps it from the people who receive the message.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from email import policy
from email.errors import HeaderParseError, MessageDefect
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.db import Database
from charte_desktop.exports.email_body import Officer, blocks, html_text, plain_text
from charte_desktop.exports.meeting_document import body_short_name
from charte_desktop.exports.mime_headers import address_list, attachment_type
from charte_desktop.exports.naming import suggested_name
from charte_desktop.exports.safe_write import check_target, write_atomically
from charte_desktop.exports.word_blocks import person
from charte_desktop.formatting import format_long_date
from charte_desktop.text import fold

if TYPE_CHECKING:
    from charte_desktop.db.models import Contact, Meeting, Territory

DRAFT_KINDS = ("convocation", "minutes")
DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


@dataclass(frozen=True)
class Recipients:
    addresses: tuple[Address, ...]
    without_email: tuple[str, ...]  # "Élodie Rigoulot (Commune des Granges-Vernier)"
    # True: the invitees go in Bcc (someone convened is not of the collectivité).
    blind: bool = False


@dataclass(frozen=True)
class EmailDraft:
    path: Path
    recipient_count: int  # invitees addressed (in To, or in Bcc when `blind`)
    without_email: tuple[str, ...]
    blind: bool = False  # invitees in Bcc, the officer in To

    @property
    def note(self) -> str:
        """What the officer must know before sending, in French ("" when nothing)."""
        if self.recipient_count == 0 and not self.without_email:
            return ("Personne n'est convoqué·e à cette réunion : le brouillon n'a pas de "
                    "destinataire.")
        return missing_email_note(self.without_email)


def _address(name: str, email: str) -> Address | None:
    """An address for a header, or None if it cannot be one (empty, malformed, or with
    accents before the @, which mail servers mostly refuse)."""
    text = email.strip()
    if not text:
        return None
    try:
        address = Address(display_name=name, addr_spec=text)
    except (HeaderParseError, MessageDefect, ValueError, IndexError):
        return None
    if not address.username.isascii():
        return None
    return address


def recipients(contacts: Iterable["Contact"], *, sender: str = "",
               blind: bool = False) -> Recipients:
    """Addresses of `contacts` (one per e-mail, in order) and who has none that works;
    `sender`'s own address is left out (the officer does not convene themself)."""
    addresses: list[Address] = []
    seen: set[str] = {sender.strip().casefold()} if sender.strip() else set()
    without: list[str] = []
    for contact in contacts:
        address = _address(contact.full_name, contact.email)
        if address is None:
            name = person(contact)
            without.append(f"{name} (adresse « {contact.email.strip()} » invalide)"
                           if contact.email.strip() else name)
        elif address.addr_spec.casefold() not in seen:
            seen.add(address.addr_spec.casefold())
            addresses.append(address)
    return Recipients(tuple(addresses), tuple(without), blind)


# Mailboxes anyone may open: sharing one with the officer says nothing of an employer.
PUBLIC_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr",
    "neuf.fr", "laposte.net", "bbox.fr", "numericable.fr", "aliceadsl.fr", "club-internet.fr",
    "hotmail.com", "hotmail.fr", "outlook.com", "outlook.fr", "live.com", "live.fr",
    "msn.com", "yahoo.com", "yahoo.fr", "icloud.com", "me.com", "gmx.fr", "gmx.com",
    "protonmail.com", "proton.me", "aol.com", "mailo.com", "tutanota.com",
})


def _domain(email: str) -> str:
    return email.strip().rpartition("@")[2].casefold()


def is_own_service(contact: "Contact", territory: "Territory | None") -> bool:
    """Whether `contact` belongs to the collectivité itself: their structure is it (its
    name, or a service named after it: « <name> — Direction des mobilités »), or their
    e-mail is on the officer's own (non-public) domain. Anyone else — a structure of
    elsewhere, or none at all, such as a resident — is not."""
    if territory is None:
        return False
    own = fold(" ".join(territory.name.split()))
    organisation = contact.organisation
    if own and organisation is not None:
        name = fold(" ".join(organisation.name.split()))
        if name == own or (name.startswith(own) and not name[len(own)].isalnum()):
            return True
    domain = _domain(territory.officer_email)
    return bool(domain) and domain not in PUBLIC_MAIL_DOMAINS and (
        "@" in contact.email and _domain(contact.email) == domain)


def needs_blind_copy(contacts: Iterable["Contact"], territory: "Territory | None") -> bool:
    """True when someone convened is not of the collectivité: then no invitee may see
    the others' addresses (a company, a resident…)."""
    return any(not is_own_service(contact, territory) for contact in contacts)


def convened(meeting: "Meeting") -> "list[Contact]":
    """Everyone convened to the meeting (whatever their attendance since), by name."""
    return [attendance.contact for attendance in meeting.attendances]


def missing_email_note(names: Iterable[str]) -> str:
    """The French note listing who the draft does not reach, or "" when everyone is."""
    names = list(names)
    if not names:
        return ""
    if len(names) == 1:
        return f"Sans adresse électronique, non inclus·e dans le brouillon : {names[0]}."
    return (f"Sans adresse électronique, {len(names)} personnes ne sont pas dans le "
            f"brouillon : {' ; '.join(names)}.")


def subject(kind: str, meeting: "Meeting") -> str:
    label = "Convocation" if kind == "convocation" else "Compte rendu"
    return f"{label} – {meeting.body.name} du {format_long_date(meeting.date)}"


def body_text(kind: str, meeting: "Meeting", officer: Officer) -> str:
    """The French message in plain text: what is attached, for a convocation the agenda,
    for minutes the decisions, and the officer's signature."""
    return plain_text(blocks(kind, meeting, officer), officer)


# Headers set raw (see mime_headers) are written as made; Python folds the others.
OUTPUT_POLICY = policy.SMTP.clone(refold_source="none")  # CRLF line ends, as in a mailbox


def build_message(kind: str, meeting: "Meeting", to: Recipients, officer: Officer,
                  attachment: bytes, attachment_name: str) -> EmailMessage:
    message = EmailMessage(policy=policy.default)
    message["X-Unsent"] = "1"  # Outlook opens it as a draft to send
    sender = _address(officer.name, officer.email)
    if sender is not None:
        message.set_raw("From", address_list([(sender.display_name, sender.addr_spec)]))
    invitees = address_list((a.display_name, a.addr_spec) for a in to.addresses)
    if to.blind:
        # The officer alone is seen; each invitee receives a blind copy.
        if sender is not None:
            message.set_raw("To", address_list([(sender.display_name, sender.addr_spec)]))
        if to.addresses:
            message.set_raw("Bcc", invitees)
    elif to.addresses:
        message.set_raw("To", invitees)
    message["Subject"] = subject(kind, meeting)
    parts = blocks(kind, meeting, officer)
    message.set_content(plain_text(parts, officer), cte="quoted-printable")
    message.add_alternative(html_text(parts, officer), subtype="html", cte="quoted-printable")
    message.add_attachment(attachment, maintype=DOCX_TYPE[0], subtype=DOCX_TYPE[1],
                           filename=attachment_name)
    part = next(message.iter_attachments())
    del part["Content-Type"]
    part.set_raw("Content-Type", attachment_type("/".join(DOCX_TYPE), attachment_name))
    return message


def _document_bytes(db: Database, kind: str, meeting_id: int) -> tuple[bytes, str]:
    """The Word document as the window would write it (the officer's template included)."""
    from charte_desktop.exports.meeting_exports import meeting_document_bytes
    from charte_desktop.exports.meeting_exports import suggested_name as document_name

    return meeting_document_bytes(db, kind, meeting_id), document_name(db, kind, meeting_id)


def write_email_draft(db: Database, meeting_id: int, kind: str, target: Path) -> EmailDraft:
    """Write the draft of the convocation or minutes (`kind`) of a meeting at `target`."""
    from charte_desktop.services.meetings import get_meeting
    from charte_desktop.services.plans import get_territory

    if kind not in DRAFT_KINDS:
        raise ValueError(f"unknown draft kind {kind!r}")
    meeting = get_meeting(db, meeting_id)
    check_target(target)
    territory = get_territory(db)
    officer = Officer.of(territory)
    invited = convened(meeting)
    # Only those the message reaches count: a resident without e-mail sees no address.
    reached = [c for c in invited if _address(c.full_name, c.email) is not None]
    to = recipients(invited, sender=officer.email,
                    blind=needs_blind_copy(reached, territory))
    attachment, name = _document_bytes(db, kind, meeting_id)
    message = build_message(kind, meeting, to, officer, attachment, name)
    data = message.as_bytes(policy=OUTPUT_POLICY)
    path = write_atomically(target, lambda stream: stream.write(data))
    return EmailDraft(path, len(to.addresses), to.without_email, to.blind)


def email_draft_name(db: Database, meeting_id: int, kind: str) -> str:
    """"Convocation - COPIL - 2026-05-05.eml"."""
    from charte_desktop.services.meetings import get_meeting

    meeting = get_meeting(db, meeting_id)
    label = "Convocation" if kind == "convocation" else "Compte rendu"
    return suggested_name(label, body_short_name(meeting), meeting.date, suffix=".eml")
