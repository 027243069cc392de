"""What python-docx has no API for: fields, repeated header rows, letterhead, footer."""

import io
from typing import TYPE_CHECKING

from charte_desktop.exports.word_template import set_author

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section
    from docx.table import Table, _Row
    from docx.text.paragraph import Paragraph

    from charte_desktop.db.models import Territory

LOGO_HEIGHT_CM = 1.8
# Pictures, shapes and fields: content even without text.
_NON_TEXT_CONTENT = ".//w:drawing | .//w:pict | .//w:fldChar | .//w:fldSimple"


def add_field(paragraph: "Paragraph", instruction: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES…) with a cached result, updated by Word/LibreOffice."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> None:
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def has_content(paragraphs: "list[Paragraph]", tables: "list[Table]") -> bool:
    """Whether a header or footer already holds text, a picture or a field."""
    if tables:
        return True
    return any(p.text.strip() or p._p.xpath(_NON_TEXT_CONTENT) for p in paragraphs)


def page_footer(section: "Section", left_text: str = "") -> None:
    """"Page N sur M" on the right of the footer, `left_text` on the left; only when the
    template's footer is empty (the officer's own footer is kept as is)."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    footer = section.footer
    if has_content(footer.paragraphs, footer.tables):
        return
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    # A section always has them once python-docx has read it; 0 only for a broken one.
    width = ((section.page_width or 0) - (section.left_margin or 0)
             - (section.right_margin or 0))
    tab_stops = paragraph.paragraph_format.tab_stops
    # The Footer style's own stops (a centre one mid-page) would catch a short left text's
    # tab and put "Page N sur M" in the middle: clear them for this paragraph.
    style = paragraph.style
    while style is not None:
        for stop in style.paragraph_format.tab_stops:
            if stop.position != width:
                tab_stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
        style = style.base_style
    tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(f"{left_text}\tPage\u00a0")
    add_field(paragraph, "PAGE")
    paragraph.add_run("\u00a0sur\u00a0")
    add_field(paragraph, "NUMPAGES")


def template_has_letterhead(section: "Section") -> bool:
    header = section.header
    return has_content(header.paragraphs, header.tables)


def letterhead(document: "Document", territory: "Territory | None") -> None:
    """The collectivité's logo beside its name and address at the top of the first page,
    unless the template's header already carries the officer's own letterhead."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.shared import Cm, Pt

    if territory is None:
        return
    properties = document.core_properties
    if not properties.author:  # the collectivité signs the file as well as the page
        set_author(document, territory.name)
    if template_has_letterhead(document.sections[0]):
        return
    # A borderless two-cell table (no style: "Normal Table") centres the name on the logo.
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    logo_cell, name_cell = table.rows[0].cells
    logo_width = Cm(LOGO_HEIGHT_CM + 0.6) if territory.logo else Cm(0.1)
    for index, width in enumerate((logo_width, Cm(17) - logo_width)):
        table.columns[index].width = width  # the grid LibreOffice reads
        table.rows[0].cells[index].width = width  # the cell width Word reads
    for cell in (logo_cell, name_cell):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if territory.logo:
        try:
            logo_cell.paragraphs[0].add_run().add_picture(
                io.BytesIO(territory.logo), height=Cm(LOGO_HEIGHT_CM))
        except Exception:  # an unreadable logo must not stop the document
            logo_cell.paragraphs[0].clear()
    name = name_cell.paragraphs[0].add_run(territory.name)
    name.bold = True
    name.font.size = Pt(13)
    name_cell.paragraphs[0].paragraph_format.space_after = Pt(2)
    if territory.address.strip():
        address = name_cell.add_paragraph().add_run(
            territory.address.strip().replace("\n", " – "))
        address.font.size = Pt(9)
    document.add_paragraph().paragraph_format.space_after = Pt(6)


def repeat_as_header(row: "_Row") -> None:
    """Repeat this (first) row at the top of every page the table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def keep_row_on_one_page(row: "_Row") -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
