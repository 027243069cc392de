"""What the three meeting documents share: loading, wording, tables, saving."""

import io
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind
from charte_desktop.exports.naming import suggested_name
from charte_desktop.exports.safe_write import check_target, write_atomically
from charte_desktop.exports.word_fields import (
    keep_row_on_one_page,
    letterhead,
    page_footer,
    repeat_as_header,
)
from charte_desktop.exports.word_template import open_template
from charte_desktop.formatting import format_long_date, format_time

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from charte_desktop.db.models import Contact, Meeting, Territory

NBSP = "\u00a0"
COLON = f"{NBSP}:"  # French typography: a no-break space before the colon


# Style ids per document: python-docx looks a style name up by scanning every style of
# the template for each paragraph, which made a long compte rendu three times slower.
_STYLE_IDS: "weakref.WeakKeyDictionary[object, dict[str, str]]" = (
    weakref.WeakKeyDictionary())


def add_paragraph(document: "Document", text: str = "", style: str | None = None,
                  ) -> "Paragraph":
    """`document.add_paragraph(text, style)`, with the style id looked up once."""
    paragraph = document.add_paragraph(text)
    if style is not None:
        ids = _STYLE_IDS.setdefault(document.part, {})  # Document itself is unhashable
        if style not in ids:
            ids[style] = document.styles[style].style_id
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = ids[style]
    return paragraph


@dataclass
class MeetingContext:
    meeting: "Meeting"
    territory: "Territory | None"


def load(db: Database, meeting_id: int) -> MeetingContext:
    """The meeting with all it holds (French CharteError if unknown), and the collectivité."""
    from charte_desktop.services.meetings import get_meeting
    from charte_desktop.services.plans import get_territory

    return MeetingContext(get_meeting(db, meeting_id), get_territory(db))


def body_short_name(meeting: "Meeting") -> str:
    """"COTECH", "COPIL"… for those bodies, else the body's name (file names, footers)."""
    body = meeting.body
    if body.kind in (BodyKind.COPIL, BodyKind.COTECH):
        return body.kind.label
    return body.name


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


def person(contact: "Contact | None", *, organisation: bool = True,
           separator: str = "") -> str:
    """"Camille Roussel (Communauté de communes…)", or with `separator` "Camille Roussel –
    Communauté de communes…"; empty for no one."""
    if contact is None:
        return ""
    name = contact.full_name
    if organisation and contact.organisation is not None:
        if separator:
            return f"{name}{separator}{contact.organisation.name}"
        return f"{name} ({contact.organisation.name})"
    return name


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


def labelled(document: "Document", label: str, text: str) -> None:
    """A paragraph "Label : text" with the label in bold."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}{COLON} ").bold = True
    paragraph.add_run(text)


def add_table(document: "Document", headers: Sequence[str], rows: Sequence[Sequence[str]],
              widths_cm: Sequence[float], *, min_height_cm: float | None = None) -> "Table":
    """A grid table whose header row repeats on every page; rows never split."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(headers), style="Table Grid")
    table.autofit = False
    header = table.rows[0]
    repeat_as_header(header)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        shade(cell, "E7EAF0")
    for values in rows:
        row = table.add_row()
        keep_row_on_one_page(row)
        if min_height_cm is not None:
            row.height = Cm(min_height_cm)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, text in zip(row.cells, values, strict=True):
            cell.paragraphs[0].text = text
    widths = [Cm(w) for w in widths_cm]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    return table


def shade(cell: object, color: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]


def save(document: "Document", target: Path) -> Path:
    """Write the document atomically at `target` (French error if it is open in Word)."""
    target = check_target(target)
    buffer = io.BytesIO()
    document.save(buffer)
    return write_atomically(target, lambda stream: stream.write(buffer.getbuffer()))
