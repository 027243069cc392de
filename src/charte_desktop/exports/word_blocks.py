"""Building blocks every Word document shares: styled paragraphs, labelled lines, grid
tables, names of people, and the atomic save. python-docx is imported inside functions."""

import io
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.exports.safe_write import check_target, write_atomically
from charte_desktop.exports.word_fields import keep_row_on_one_page, repeat_as_header
from charte_desktop.exports.word_template import set_title_from_body

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from charte_desktop.db.models import Contact

NBSP = "\u00a0"
COLON = f"{NBSP}:"  # French typography: a no-break space before the colon
HEADER_FILL = "E7EAF0"  # the shading of table headers and labels

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


def labelled(document: "Document", label: str, text: str) -> None:
    """A paragraph "Label : text" with the label in bold."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}{COLON} ").bold = True
    paragraph.add_run(text)


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


def add_table(document: "Document", headers: Sequence[str], rows: Sequence[Sequence[str]],
              widths_cm: Sequence[float], *,
              min_height_cm: float | Sequence[float] | None = None,
              header_height_cm: float | None = None,
              right_aligned: Sequence[int] = (), font_pt: float | None = None) -> "Table":
    """A grid table whose header row repeats on every page; rows never split.

    `min_height_cm` is every row's minimum height, or one per row. Columns whose index
    is in `right_aligned` (amounts, values) are aligned right.
    """
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    table = document.add_table(rows=1, cols=len(headers), style="Table Grid")
    table.autofit = False
    header = table.rows[0]
    repeat_as_header(header)
    keep_row_on_one_page(header)
    if header_height_cm is not None:
        header.height = Cm(header_height_cm)
        header.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for cell, text in zip(header.cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        shade(cell, HEADER_FILL)
    heights = ([min_height_cm] * len(rows) if isinstance(min_height_cm, int | float)
               else min_height_cm)
    for index, values in enumerate(rows):
        row = table.add_row()
        keep_row_on_one_page(row)
        if heights is not None:
            row.height = Cm(heights[index])
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, text in zip(row.cells, values, strict=True):
            cell.paragraphs[0].text = text
            if font_pt is not None:
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(font_pt)
    for index in right_aligned:
        for row in table.rows:
            row.cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    set_widths(table, widths_cm)
    return table


def set_widths(table: "Table", widths_cm: Sequence[float]) -> None:
    """Column widths both LibreOffice (the grid) and Word (each cell) read."""
    from docx.shared import Cm

    widths = [Cm(w) for w in widths_cm]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


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
    set_title_from_body(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return write_atomically(target, lambda stream: stream.write(buffer.getbuffer()))
