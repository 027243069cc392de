"""What the three meeting documents share: loading, wording, the document's start."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind
from charte_desktop.exports.naming import suggested_name
from charte_desktop.exports.word_blocks import add_paragraph, labelled
from charte_desktop.exports.word_fields import letterhead, page_footer
from charte_desktop.exports.word_template import open_template
from charte_desktop.formatting import format_long_date, format_time

if TYPE_CHECKING:
    from docx.document import Document

    from charte_desktop.db.models import Body, Meeting, Territory


@dataclass
class MeetingContext:
    meeting: "Meeting"
    territory: "Territory | None"


def load(db: Database, meeting_id: int) -> MeetingContext:
    """The meeting with all it holds (French CharteError if unknown), and the collectivité."""
    from charte_desktop.services.meetings import get_meeting
    from charte_desktop.services.plans import get_territory

    return MeetingContext(get_meeting(db, meeting_id), get_territory(db))


def body_label(body: "Body") -> str:
    """"COTECH", "COPIL"… for those bodies, else the body's name (file names, footers)."""
    if body.kind in (BodyKind.COPIL, BodyKind.COTECH):
        return body.kind.label
    return body.name


def body_short_name(meeting: "Meeting") -> str:
    return body_label(meeting.body)


def document_name(kind: str, meeting: "Meeting") -> str:
    return suggested_name(kind, body_short_name(meeting), meeting.date)


def suggested_file_name(kind: str, db: Database, meeting_id: int) -> str:
    """The suggested file name of document `kind` ("Compte rendu"…) for a meeting."""
    from charte_desktop.services.meetings import get_meeting

    return document_name(kind, get_meeting(db, meeting_id))


def when_text(meeting: "Meeting") -> str:
    """"jeudi 14 mars 2026, de 14h00 à 16h00" (or "à 14h00", or the date alone)."""
    text = format_long_date(meeting.date)
    start, end = meeting.start_time, meeting.end_time
    if start and end:
        return f"{text}, de {format_time(start)} à {format_time(end)}"
    if start:
        return f"{text}, à {format_time(start)}"
    return text


def start_document(context: MeetingContext, title: str, template: Path | None) -> "Document":
    """A document from the template with letterhead, footer, title and the meeting's
    body, date, time and place."""
    from docx.shared import Pt

    meeting = context.meeting
    document = open_template(template)
    page_footer(document.sections[0],
                f"{title} – {meeting.body.name} du {format_long_date(meeting.date)}")
    letterhead(document, context.territory)
    add_paragraph(document, title, "Title")
    body = document.add_paragraph()
    run = body.add_run(meeting.body.name)
    run.bold = True
    run.font.size = Pt(13)
    labelled(document, "Date", when_text(meeting))
    if meeting.place:
        labelled(document, "Lieu", meeting.place)
    return document
