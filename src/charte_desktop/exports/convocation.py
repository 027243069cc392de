"""Convocation: the meeting's date, time and place, and its ordre du jour."""

from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.db import Database
from charte_desktop.exports.meeting_document import (
    MeetingContext,
    load,
    start_document,
    when_text,
)
from charte_desktop.exports.safe_write import check_target
from charte_desktop.exports.word_blocks import add_paragraph, add_table, person, save

if TYPE_CHECKING:
    from docx.document import Document

KIND = "Convocation"


def write_convocation(
    db: Database, meeting_id: int, target: Path, *, template: Path | None = None
) -> Path:
    """Write the convocation of a meeting at `target`; returns the written path."""
    context = load(db, meeting_id)
    check_target(target)
    return save(build_convocation(context, template), target)


def build_convocation(context: MeetingContext, template: Path | None = None) -> "Document":
    """The convocation as a python-docx document (not saved)."""
    meeting = context.meeting
    document = start_document(context, KIND, template)

    document.add_paragraph("Madame, Monsieur,")
    document.add_paragraph(
        f"Vous êtes invité·e à participer à la réunion du {meeting.body.name}, "
        f"le {when_text(meeting)}."
    )
    items = meeting.agenda_items
    add_paragraph(document, "Ordre du jour", "Heading 1")
    if items:
        rows = [
            (str(number), item.title, person(item.presenter, organisation=False),
             f"{item.duration_minutes}\u00a0min" if item.duration_minutes else "")
            for number, item in enumerate(items, start=1)
        ]
        add_table(document, ("N°", "Point", "Présenté par", "Durée"), rows,
                  (1.2, 9.8, 4.0, 2.0))
    else:
        document.add_paragraph("L'ordre du jour sera communiqué ultérieurement.")
    document.add_paragraph()
    document.add_paragraph(
        "En cas d'empêchement, merci de prévenir le secrétariat et, le cas échéant, de "
        "vous faire représenter."
    )
    if meeting.secretary is not None:
        document.add_paragraph(f"Secrétariat\u00a0: {person(meeting.secretary)}")
    return document
