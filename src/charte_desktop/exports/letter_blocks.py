"""Pieces of a French administrative letter and of the forms it carries: the block set
to the right (place and date, addressee, signature), lines to fill in with dots, boxes
to tick, and the officer to call or write to."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from charte_desktop.exports.people_text import lower_first
from charte_desktop.formatting import MONTH_NAMES

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

    from charte_desktop.db.models import Contact, Meeting, Territory

RIGHT_BLOCK_CM = 8.5  # where the right-hand blocks start, as on a French letter
TEXT_WIDTH_CM = 17.0  # A4 with 2 cm margins (the shipped template)
BOX = "\u25a1"  # « □ »: in Arial and every font Word and LibreOffice fall back on


@dataclass(frozen=True)
class Correspondent:
    """Whom partners call or write to about a meeting."""

    name: str
    function: str = ""
    phone: str = ""
    email: str = ""

    def line(self) -> str:
        """« Camille Roussel, chargée de mission, 03 53 01 27 30, camille.roussel@… »."""
        phone = "\u00a0".join(self.phone.split())  # « 03 53 01 27 30 » on one line
        parts = [self.name, lower_first(self.function), phone, self.email]
        return ", ".join(part for part in parts if part)


def correspondent(territory: "Territory | None", meeting: "Meeting") -> Correspondent | None:
    """The collectivité's officer (Paramètres), else the meeting's secretary; None when
    the file names neither."""
    if territory is not None and territory.officer_name.strip():
        return Correspondent(territory.officer_name.strip(), territory.officer_function,
                             territory.officer_phone, territory.officer_email)
    secretary: Contact | None = meeting.secretary
    if secretary is not None:
        return Correspondent(secretary.full_name, secretary.function, secretary.phone,
                             secretary.email)
    return None


def letter_day(day: date) -> str:
    """« 2 décembre 2026 », « 1er juin 2027 » (a letter's date has no weekday)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTH_NAMES[day.month - 1]} {day.year}"


def place_and_date(town: str, day: date) -> str:
    """« Saint-Aubin-sur-Aubrance, le 2 décembre 2026 », or « Le 2 décembre 2026 »."""
    town = town.strip()
    return f"{town}, le {letter_day(day)}" if town else f"Le {letter_day(day)}"


def right_block(document: "Document", lines: list[str], *, space_after: float = 12,
                bold_first: bool = False) -> "Paragraph":
    """Lines set from the middle of the page (date, addressee, signature)."""
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(RIGHT_BLOCK_CM)
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.keep_together = True
    for index, line in enumerate(lines):
        if index:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        run = paragraph.add_run(line)
        run.bold = bold_first and index == 0
    return paragraph


def fill_line(document: "Document", text: str, *, indent_cm: float = 0,
              stops_cm: tuple[float, ...] = (TEXT_WIDTH_CM,)) -> "Paragraph":
    """« Nom et prénom : ……… »: each tab of `text` runs dots to the next stop (the last
    one at the right margin); a text without tab gets one at its end."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Cm, Pt

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    if indent_cm:
        paragraph.paragraph_format.left_indent = Cm(indent_cm)
    for stop in stops_cm:
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Cm(stop), WD_TAB_ALIGNMENT.LEFT if stop < TEXT_WIDTH_CM
            else WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    paragraph.add_run(text if "\t" in text else f"{text}\t")
    return paragraph


def tick_box(document: "Document", text: str, *, fill: bool = False) -> "Paragraph":
    """« □ assistera à la réunion », with dots to fill after the text when `fill`."""
    from docx.shared import Cm

    if fill:
        paragraph = fill_line(document, f"{BOX}\u00a0\u00a0{text}", indent_cm=0.5)
    else:
        paragraph = document.add_paragraph(f"{BOX}\u00a0\u00a0{text}")
        paragraph.paragraph_format.left_indent = Cm(0.5)
    return paragraph


def cut_line(document: "Document") -> None:
    """A dashed rule across the page: the reply slip and the pouvoir are cut apart."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "dashed"), ("w:sz", "6"), ("w:space", "1"),
                        ("w:color", "808080")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    # Before any spacing: Word refuses a paragraph's properties out of the schema's order.
    paragraph._p.get_or_add_pPr().append(borders)
    paragraph.paragraph_format.space_after = Pt(10)
