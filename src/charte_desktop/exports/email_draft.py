""""Ready to send": an unsent e-mail draft (.eml) of a meeting's convocation or minutes,
addressed to the people convened, with the Word document attached.

A standard MIME message (Python's `email` package) marked `X-Unsent: 1`, which Outlook opens
as a message to send; Thunderbird and others open it too. Text is UTF-8 (quoted-printable
body, RFC 2047 headers, RFC 2231 file name), lines end with CRLF. The people convened
without a usable e-mail address are returned, for the officer to reach another way.
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
from charte_desktop.exports.meeting_document import body_short_name, when_text
from charte_desktop.exports.mime_headers import address_list, attachment_type
from charte_desktop.exports.naming import suggested_name
from charte_desktop.exports.safe_write import check_target, write_atomically
from charte_desktop.exports.word_blocks import person
from charte_desktop.formatting import format_long_date

if TYPE_CHECKING:
    from charte_desktop.db.models import Contact, Meeting

DRAFT_KINDS = ("convocation", "minutes")
DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


@dataclass(frozen=True)
class Recipients:
    addresses: tuple[Address, ...]
    without_email: tuple[str, ...]  # "Élodie Rigoulot (Commune des Granges-Vernier)"


@dataclass(frozen=True)
class EmailDraft:
    path: Path
    recipient_count: int
    without_email: tuple[str, ...]

    @property
    def note(self) -> str:
        """What the officer must know before sending, in French ("" when nothing)."""
        if self.recipient_count == 0 and not self.without_email:
            return ("Personne n'est convoqué·e à cette réunion : le brouillon n'a pas de "
                    "destinataire.")
        return missing_email_note(self.without_email)


def _address(contact: "Contact") -> Address | None:
    """The contact's address for a header, or None if it cannot be one (empty, malformed,
    or with accents before the @, which mail servers mostly refuse)."""
    text = contact.email.strip()
    if not text:
        return None
    try:
        address = Address(display_name=contact.full_name, addr_spec=text)
    except (HeaderParseError, MessageDefect, ValueError, IndexError):
        return None
    if not address.username.isascii():
        return None
    return address


def recipients(contacts: Iterable["Contact"]) -> Recipients:
    """Addresses of `contacts` (one per e-mail, in order) and who has none that works."""
    addresses: list[Address] = []
    seen: set[str] = set()
    without: list[str] = []
    for contact in contacts:
        address = _address(contact)
        if address is None:
            name = person(contact)
            without.append(f"{name} (adresse « {contact.email.strip()} » invalide)"
                           if contact.email.strip() else name)
        elif address.addr_spec.casefold() not in seen:
            seen.add(address.addr_spec.casefold())
            addresses.append(address)
    return Recipients(tuple(addresses), tuple(without))


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


def body_text(kind: str, meeting: "Meeting", signature: str) -> str:
    """The French message: what is attached and, for a convocation, the agenda."""
    lines = ["Madame, Monsieur,", ""]
    if kind == "convocation":
        where = f", {meeting.place}" if meeting.place else ""
        lines.append(f"Vous êtes invité·e à la réunion du {meeting.body.name}, le "
                     f"{when_text(meeting)}{where}.")
        if meeting.agenda_items:
            lines += ["", "Ordre du jour :"]
            lines += [f"{n}. {item.title}"
                      for n, item in enumerate(meeting.agenda_items, start=1)]
        lines += ["", "Vous trouverez la convocation en pièce jointe. En cas d'empêchement, "
                  "merci de prévenir le secrétariat et, le cas échéant, de vous faire "
                  "représenter."]
    else:
        lines.append(f"Vous trouverez en pièce jointe le compte rendu de la réunion du "
                     f"{meeting.body.name} du {format_long_date(meeting.date)}.")
        if meeting.decisions:
            lines += ["", "Décisions prises :"]
            lines += [f"- {decision.text}" for decision in meeting.decisions]
        lines += ["", "Vos remarques éventuelles sont les bienvenues en réponse à ce message."]
    lines += ["", "Bien cordialement,"]
    if signature:
        lines += ["", signature]
    return "\n".join(lines) + "\n"


# Headers set raw (see mime_headers) are written as made; Python folds the others.
OUTPUT_POLICY = policy.SMTP.clone(refold_source="none")  # CRLF line ends, as in a mailbox


def build_message(kind: str, meeting: "Meeting", to: Recipients, signature: str,
                  attachment: bytes, attachment_name: str) -> EmailMessage:
    message = EmailMessage(policy=policy.default)
    message["X-Unsent"] = "1"  # Outlook opens it as a draft to send
    if to.addresses:
        message.set_raw("To", address_list((a.display_name, a.addr_spec)
                                           for a in to.addresses))
    message["Subject"] = subject(kind, meeting)
    message.set_content(body_text(kind, meeting, signature), cte="quoted-printable")
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
    to = recipients(convened(meeting))
    attachment, name = _document_bytes(db, kind, meeting_id)
    message = build_message(kind, meeting, to, territory.name if territory else "",
                            attachment, name)
    data = message.as_bytes(policy=OUTPUT_POLICY)
    path = write_atomically(target, lambda stream: stream.write(data))
    return EmailDraft(path, len(to.addresses), to.without_email)


def email_draft_name(db: Database, meeting_id: int, kind: str) -> str:
    """"Convocation - COPIL - 2026-05-05.eml"."""
    from charte_desktop.services.meetings import get_meeting

    meeting = get_meeting(db, meeting_id)
    label = "Convocation" if kind == "convocation" else "Compte rendu"
    return suggested_name(label, body_short_name(meeting), meeting.date, suffix=".eml")
