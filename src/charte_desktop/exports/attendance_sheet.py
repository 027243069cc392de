"""Feuille d'émargement: invitees with organisation and an empty signature column."""

from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.db import Database
from charte_desktop.exports.meeting_document import MeetingContext, load, start_document
from charte_desktop.exports.safe_write import check_target
from charte_desktop.exports.word_blocks import add_table, save

if TYPE_CHECKING:
    from docx.document import Document

KIND = "Feuille d'émargement"
SIGNATURE_ROW_HEIGHT_CM = 1.3


def write_attendance_sheet(
    db: Database, meeting_id: int, target: Path, *, template: Path | None = None
) -> Path:
    """Write the feuille d'émargement of a meeting at `target`; returns the written path.

    One row per invitee (by name), a blank signature cell tall enough to sign, the header
    row repeated on every page, and a few blank rows for unexpected participants.
    """
    context = load(db, meeting_id)
    check_target(target)
    return save(build_attendance_sheet(context, template), target)


def build_attendance_sheet(context: MeetingContext, template: Path | None = None
                           ) -> "Document":
    """The feuille d'émargement as a python-docx document (not saved)."""
    document = start_document(context, KIND, template)
    rows = []
    for attendance in context.meeting.attendances:
        contact = attendance.contact
        organisation = contact.organisation.name if contact.organisation else ""
        if contact.function:
            organisation = f"{organisation}\n{contact.function}" if organisation else (
                contact.function)
        rows.append((f"{contact.last_name.upper()} {contact.first_name}".strip(),
                     organisation, ""))
    rows.extend([("", "", "")] * 3)
    document.add_paragraph(
        f"{len(context.meeting.attendances)} personnes invitées. Merci de signer en face "
        "de votre nom ; les personnes non inscrites complètent une ligne vide."
    )
    add_table(document, ("Nom", "Structure et fonction", "Signature"), rows,
              (5.0, 7.0, 5.0), min_height_cm=SIGNATURE_ROW_HEIGHT_CM)
    return document
