"""What the three meeting documents share: loading, wording, the document's start."""

from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind
from charte_desktop.exports.meeting_letter_data import LetterData, read_letter_data
from charte_desktop.exports.naming import suggested_name
from charte_desktop.exports.word_blocks import add_paragraph, labelled
from charte_desktop.exports.word_fields import letterhead, page_footer
from charte_desktop.exports.word_template import open_template
from charte_desktop.formatting import format_date, format_hour, format_long_date

if TYPE_CHECKING:
    from docx.document import Document

    from charte_desktop.db.models import Body, Meeting, Territory


@dataclass
class MeetingContext:
    meeting: "Meeting"
    territory: "Territory | None"
    letter: LetterData = field(default_factory=LetterData)


def load(db: Database, meeting_id: int) -> MeetingContext:
    """The meeting with all it holds (French CharteError if unknown), the collectivité,
    and what its letters read around it (members, chair, next meeting, quorum)."""
    from charte_desktop.services.meetings import get_meeting
    from charte_desktop.services.plans import get_territory

    meeting = get_meeting(db, meeting_id)
    return MeetingContext(meeting, get_territory(db), read_letter_data(db, meeting))


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
    """"jeudi 14 mars 2026, de 14 h à 16 h 30" (or "à 14 h", or the date alone)."""
    text = format_long_date(meeting.date)
    start, end = meeting.start_time, meeting.end_time
    if start and end:
        return f"{text}, de {format_hour(start)} à {format_hour(end)}"
    if start:
        return f"{text}, à {format_hour(start)}"
    return text


def item_starts(meeting: "Meeting") -> "list[time | None]":
    """Each agenda point's planned start: the meeting's start plus the durations before
    it (a postponed point takes no time); unknown after a point of unknown duration."""
    from datetime import datetime, timedelta

    starts: list[time | None] = []
    moment = (None if meeting.start_time is None
              else datetime.combine(meeting.date, meeting.start_time))
    for item in meeting.agenda_items:
        if item.postponed:
            starts.append(None)
            continue
        starts.append(None if moment is None or moment.date() != meeting.date
                      else moment.time())
        moment = (None if moment is None or item.duration_minutes is None
                  else moment + timedelta(minutes=item.duration_minutes))
    return starts


def document_title(kind: str, meeting: "Meeting") -> str:
    """The file's title property: « Convocation — Comité de pilotage du 14/01/2027 »."""
    return f"{kind} — {meeting.body.name} du {format_date(meeting.date)}"


def open_meeting_document(context: MeetingContext, kind: str, template: Path | None
                          ) -> "Document":
    """The template with the document's own properties, footer and letterhead."""
    meeting = context.meeting
    author = context.territory.name if context.territory is not None else ""
    document = open_template(template, title=document_title(kind, meeting), author=author)
    page_footer(document.sections[0],
                f"{kind} – {meeting.body.name} du {format_long_date(meeting.date)}")
    letterhead(document, context.territory)
    return document


def start_document(context: MeetingContext, title: str, template: Path | None) -> "Document":
    """A document from the template with letterhead, footer, title and the meeting's
    body, date, time and place."""
    from docx.shared import Pt

    meeting = context.meeting
    document = open_meeting_document(context, title, template)
    add_paragraph(document, title, "Title")
    body = document.add_paragraph()
    run = body.add_run(meeting.body.name)
    run.bold = True
    run.font.size = Pt(13)
    labelled(document, "Date", when_text(meeting))
    if meeting.place:
        labelled(document, "Lieu", meeting.place)
    return document
