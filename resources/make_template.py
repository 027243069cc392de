"""Regenerate the shipped Word template: `python resources/make_template.py`.

Writes src/charte_desktop/resources/modele-charte.docx from python-docx's own default
document (a .docx, not a .dotx: python-docx refuses templates), restyled soberly: Arial,
A4 with 2 cm margins, dark headings, French language, and the named styles the exports
use (see charte_desktop.exports.word_template.REQUIRED_STYLES).
"""

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TARGET = (Path(__file__).resolve().parent.parent
          / "src" / "charte_desktop" / "resources" / "modele-charte.docx")
FONT = "Arial"
INK = RGBColor(0x1F, 0x2A, 0x44)  # dark blue-grey for titles


def _set_font(style: object, size: float, *, bold: bool | None = None,
              color: RGBColor | None = None) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = FONT
    font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    font.italic = False
    font.color.rgb = color or RGBColor(0, 0, 0)
    # East-Asian and complex-script slots too, or Word falls back to the theme font.
    r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attribute), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        r_fonts.attrib.pop(qn(theme), None)


def _french_language(document: object) -> None:
    styles = document.styles.element  # type: ignore[attr-defined]
    r_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), "fr-FR")


def build() -> Path:
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        section.header_distance = section.footer_distance = Cm(1)
    styles = document.styles
    _french_language(document)

    normal = styles["Normal"]
    _set_font(normal, 10.5)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1

    title = styles["Title"]
    _set_font(title, 20, bold=True, color=INK)
    title.paragraph_format.space_before = Pt(12)
    title.paragraph_format.space_after = Pt(6)
    # The default Title has a blue bottom border: drop it.
    p_pr = title.element.get_or_add_pPr()
    for border in p_pr.findall(qn("w:pBdr")):
        p_pr.remove(border)

    for name, size, before in (("Heading 1", 14, 16), ("Heading 2", 12, 10)):
        heading = styles[name]
        _set_font(heading, size, bold=True, color=INK)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True

    bullet = styles["List Bullet"]
    bullet.paragraph_format.space_after = Pt(2)

    for name in ("Header", "Footer"):
        if name not in [s.name for s in styles]:
            styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = normal
        _set_font(styles[name], 8.5, color=RGBColor(0x55, 0x55, 0x55))

    grid = styles["Table Grid"]
    _set_font(grid, 9.5)

    core = document.core_properties
    core.title = "Modèle Charte"
    core.author = "Charte"
    core.language = "fr-FR"
    core.comments = ""
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(TARGET))
    return TARGET


if __name__ == "__main__":
    print(build())
