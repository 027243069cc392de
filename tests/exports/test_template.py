"""The shipped template is package data; the officer's own template is checked."""

from importlib.resources import files
from pathlib import Path

import pytest
from docx import Document

from charte_desktop.db import Database
from charte_desktop.errors import CharteError
from charte_desktop.exports.minutes import write_minutes
from charte_desktop.exports.word_template import (
    REQUIRED_STYLES,
    missing_styles,
    open_template,
    shipped_template,
)
from tests.exports.docx_reading import open_docx


def test_shipped_template_is_package_data() -> None:
    resource = files("charte_desktop") / "resources" / "modele-charte.docx"
    assert resource.is_file()
    assert Path(str(resource)) == shipped_template()
    document = Document(str(resource))
    assert missing_styles(document) == []
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 1) == 2.0 and round(section.top_margin.cm, 1) == 2.0
    assert document.styles["Normal"].font.name == "Arial"


def test_pyproject_ships_the_template() -> None:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert '"resources/*.docx"' in pyproject.read_text(encoding="utf-8")


def _template_without(tmp_path: Path, style: str) -> Path:
    document = Document(str(shipped_template()))
    element = document.styles[style].element
    element.getparent().remove(element)
    path = tmp_path / "mon-modele.docx"
    document.save(str(path))
    return path


def test_template_lacking_a_style_is_refused(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    template = _template_without(tmp_path, "List Bullet")
    with pytest.raises(CharteError) as caught:
        write_minutes(demo_db, held_meeting_id, tmp_path / "cr.docx", template=template)
    assert caught.value.message.startswith(
        "Le modèle « mon-modele.docx » ne définit pas les styles « List Bullet »"
    )
    assert not (tmp_path / "cr.docx").exists()


def test_officers_template_keeps_its_footer_and_header(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    document = Document(str(shipped_template()))
    section = document.sections[0]
    section.header.paragraphs[0].text = "Notre en-tête maison"
    section.footer.paragraphs[0].text = "Notre pied de page"
    document.add_paragraph("Texte du modèle à ne pas reprendre")
    template = tmp_path / "maison.docx"
    document.save(str(template))
    written = open_docx(
        write_minutes(demo_db, held_meeting_id, tmp_path / "cr.docx", template=template)
    )
    assert written.sections[0].footer.paragraphs[0].text == "Notre pied de page"
    assert written.sections[0].header.paragraphs[0].text == "Notre en-tête maison"
    assert written.paragraphs[0].text == "Compte rendu"  # no letterhead over theirs
    assert "Texte du modèle" not in "\n".join(p.text for p in written.paragraphs)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("absent.docx", None, "est introuvable"),
    ("modele.dotx", b"PK", "doit être un document Word .docx"),
    ("casse.docx", b"pas un zip", "n'est pas un document Word"),
])
def test_bad_templates_are_french_errors(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CharteError, match=message):
        open_template(path)


def test_required_styles() -> None:
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "Table Grid"} <= set(
        REQUIRED_STYLES)


def test_page_number_sits_at_the_right_margin_whatever_the_footer_style(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    """The Footer style's centre stop would catch the tab of a short footer text: the
    footer paragraph clears every stop of its style and keeps one, right-aligned."""
    written = open_docx(write_minutes(demo_db, held_meeting_id, tmp_path / "cr.docx"))
    section = written.sections[0]
    paragraph = section.footer.paragraphs[0]
    width = section.page_width - section.left_margin - section.right_margin
    own = {(stop.position, str(stop.alignment)) for stop in
           paragraph.paragraph_format.tab_stops}
    inherited = {stop.position for stop in paragraph.style.paragraph_format.tab_stops}
    assert inherited, "the shipped Footer style has stops of its own"
    kept = {position for position, alignment in own if "CLEAR" not in alignment}
    cleared = {position for position, alignment in own if "CLEAR" in alignment}
    assert kept == {width} and inherited - {width} <= cleared
