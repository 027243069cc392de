"""Feuille d'émargement: invitees with organisation, the proxy column and an empty
signature column, cut into pages that end cleanly.

Rows are given their estimated height as a minimum and never split; each page is its own
table (header row on top, repeated should a row still run over), and the blank lines for
unexpected participants fill the last page: no page holds only blank lines or one name
(see `page_fit.paginate`)."""

from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.civility import formal_name
from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState
from charte_desktop.exports.meeting_document import MeetingContext, load, start_document
from charte_desktop.exports.page_fit import (
    POINT_CM,
    line_count,
    line_height_cm,
    paginate,
    paragraph_height_cm,
    row_height_cm,
)
from charte_desktop.exports.people_text import role
from charte_desktop.exports.safe_write import check_target
from charte_desktop.exports.word_blocks import add_table, save
from charte_desktop.exports.word_fields import LOGO_HEIGHT_CM

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table

    from charte_desktop.db.models import Attendance

KIND = "Feuille d'émargement"
HEADERS = ("Nom", "Structure et fonction", "Représenté·e par / pouvoir", "Signature")
WIDTHS_CM = (3.9, 6.1, 3.3, 3.7)
SIGNATURE_ROW_HEIGHT_CM = 1.3
HEADER_ROW_HEIGHT_CM = 1.1
TEXT_PT = 10.5  # the template's Normal size
CELL_PT = 10
# Room kept free at the foot of each page: estimates of the text above the table, and the
# paragraph Word always keeps after a table.
FIRST_PAGE_SAFETY_CM = 1.6
OTHER_PAGE_SAFETY_CM = 1.2


def write_attendance_sheet(
    db: Database, meeting_id: int, target: Path, *, template: Path | None = None
) -> Path:
    """Write the feuille d'émargement of a meeting at `target`; returns the written path."""
    context = load(db, meeting_id)
    check_target(target)
    return save(build_attendance_sheet(context, template), target)


def _row(attendance: "Attendance") -> tuple[str, str, str, str]:
    contact = attendance.contact
    name = f"{contact.last_name.upper()} {contact.first_name}".strip()
    lines = [contact.organisation.name] if contact.organisation else []
    if role(contact):
        lines.append(role(contact))
    proxy = ""
    if attendance.state is AttendanceState.REPRESENTED and attendance.represented_by:
        holder = attendance.represented_by
        proxy = f"par {formal_name(holder.civility, holder.first_name, holder.last_name)}"
    return name, "\n".join(lines), proxy, ""


def _intro(count: int) -> str:
    people = "1 personne invitée" if count == 1 else f"{count} personnes invitées"
    return (f"{people}. Merci de signer en face de votre nom ; si vous représentez un "
            "membre, inscrivez votre nom dans sa ligne (colonne « Représenté·e par »). "
            "Les personnes non inscrites complètent une ligne vide.")


def _page_heights(document: "Document", context: MeetingContext, intro: str,
                  ) -> tuple[float, float]:
    """Room for rows on the first page (below the title block) and on the others."""
    section = document.sections[0]
    height = ((section.page_height or 0) - (section.top_margin or 0)
              - (section.bottom_margin or 0)) / 360000  # EMU per cm
    width = ((section.page_width or 0) - (section.left_margin or 0)
             - (section.right_margin or 0)) / 360000
    meeting = context.meeting
    above = 0.0
    if context.territory is not None:
        above += max(LOGO_HEIGHT_CM, 1.2) + 0.3 + line_height_cm(TEXT_PT) + 10 * POINT_CM
    above += (line_count(KIND, width, 20) * line_height_cm(20) + 18 * POINT_CM)  # title
    above += paragraph_height_cm(meeting.body.name, width, 13)
    above += paragraph_height_cm("Date : jeudi 28 septembre 2026, de 14 h 30 à 16 h 30",
                                 width, TEXT_PT)
    if meeting.place:
        above += paragraph_height_cm(f"Lieu : {meeting.place}", width, TEXT_PT)
    above += paragraph_height_cm(intro, width, TEXT_PT)
    first = height - above - HEADER_ROW_HEIGHT_CM - FIRST_PAGE_SAFETY_CM
    other = height - HEADER_ROW_HEIGHT_CM - OTHER_PAGE_SAFETY_CM
    return first, other


def _page_break(document: "Document") -> None:
    """A paragraph of one point that starts the next page (two tables need a paragraph
    between them, or Word joins them)."""
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.page_break_before = True
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(1)


def _single_spaced(table: "Table") -> None:
    """Cells single-spaced with no space after, set on each paragraph: Word and
    LibreOffice disagree on whether the table style or the Normal style wins, and the
    row heights are computed for these values (`page_fit.row_height_cm`)."""
    from docx.shared import Pt

    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.line_spacing = 1.0
                paragraph.paragraph_format.space_after = Pt(0)
                paragraph.paragraph_format.space_before = Pt(0)


def build_attendance_sheet(context: MeetingContext, template: Path | None = None
                           ) -> "Document":
    """The feuille d'émargement as a python-docx document (not saved)."""
    from docx.shared import Pt

    document = start_document(context, KIND, template)
    rows = [_row(attendance) for attendance in context.meeting.attendances]
    intro = _intro(len(rows))
    document.add_paragraph(intro)
    heights = [row_height_cm(row, WIDTHS_CM, CELL_PT, minimum_cm=SIGNATURE_ROW_HEIGHT_CM)
               for row in rows]
    first, other = _page_heights(document, context, intro)
    pages, blanks = paginate(heights, first, other, SIGNATURE_ROW_HEIGHT_CM)
    start = 0
    for number, count in enumerate(pages):
        if number:
            _page_break(document)
        page_rows = list(rows[start:start + count])
        page_heights = list(heights[start:start + count])
        start += count
        if number == len(pages) - 1:
            page_rows += [("", "", "", "")] * blanks
            page_heights += [SIGNATURE_ROW_HEIGHT_CM] * blanks
        table = add_table(document, HEADERS, page_rows, WIDTHS_CM,
                          min_height_cm=page_heights, header_height_cm=HEADER_ROW_HEIGHT_CM,
                          font_pt=CELL_PT)
        _single_spaced(table)
    closing = document.add_paragraph()  # Word keeps one after a table: keep it small
    closing.paragraph_format.space_before = closing.paragraph_format.space_after = Pt(0)
    closing.paragraph_format.line_spacing = Pt(1)
    return document
