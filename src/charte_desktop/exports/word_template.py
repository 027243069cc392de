"""The Word template a document starts from: the shipped one or the officer's own .docx."""

import re
import zipfile
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop import clock
from charte_desktop.errors import CharteError

if TYPE_CHECKING:
    from docx.document import Document

TEMPLATE_RESOURCE = "modele-charte.docx"
_APP_PROPERTIES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"><Application>Charte</Application><DocSecurity>0</DocSecurity>'
    b"</Properties>"
)
_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_PROPERTY_LENGTH = 255  # python-docx refuses longer core properties
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")

# Named styles the writers use; a template lacking one is refused.
REQUIRED_STYLES: tuple[str, ...] = (
    "Normal", "Title", "Heading 1", "Heading 2", "List Bullet", "Table Grid",
)


def shipped_template() -> Path:
    """The template shipped in the package (a real file in a normal installation)."""
    resource = files("charte_desktop") / "resources" / TEMPLATE_RESOURCE
    with as_file(resource) as path:
        return Path(path)


def missing_styles(document: "Document") -> list[str]:
    styles = document.styles
    missing = []
    for name in REQUIRED_STYLES:
        try:
            styles[name]
        except KeyError:
            missing.append(name)
    return missing


def open_template(template: Path | None = None, *, title: str = "", author: str = "",
                  ) -> "Document":
    """A new document from `template` (default: the shipped one), its body emptied, its
    properties its own (`title`, `author`, created now: see `set_properties`).

    The template's styles, page setup, headers and footers are kept. A missing, unreadable
    or .dotx file, or one lacking a named style the documents use, gives a French error.
    """
    from docx import Document as open_document
    from docx.opc.exceptions import PackageNotFoundError

    path = Path(template) if template is not None else shipped_template()
    if not path.is_file():
        raise CharteError(f"Le modèle Word « {path} » est introuvable.")
    if path.suffix.lower() in (".dotx", ".dotm", ".doc"):
        raise CharteError(
            f"Le modèle « {path.name} » doit être un document Word .docx : ouvrez-le dans "
            "Word et enregistrez-le au format « Document Word (.docx) »."
        )
    try:
        document = open_document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CharteError(
            f"Le modèle « {path.name} » n'est pas un document Word (.docx) lisible."
        ) from error
    missing = missing_styles(document)
    if missing:
        names = ", ".join(f"« {name} »" for name in missing)
        raise CharteError(
            f"Le modèle « {path.name} » ne définit pas les styles {names} : ajoutez-les "
            "dans Word (ou partez du modèle fourni) puis recommencez."
        )
    _empty_body(document)
    set_properties(document, title=title, author=author)
    return document


def _property_text(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())[:_PROPERTY_LENGTH]


def set_author(document: "Document", author: str) -> None:
    properties = document.core_properties
    properties.author = properties.last_modified_by = _property_text(author)


def set_title_from_body(document: "Document") -> None:
    """A document whose writer gave no title takes its first « Title » paragraph's."""
    properties = document.core_properties
    if properties.title:
        return
    style_id = document.styles["Title"].style_id
    for paragraph in document.paragraphs[:12]:  # the title opens the document
        style = paragraph._p.pPr.pStyle if paragraph._p.pPr is not None else None
        if style is not None and style.val == style_id and paragraph.text.strip():
            properties.title = _property_text(paragraph.text)
            return


def set_properties(document: "Document", *, title: str = "", author: str = "") -> None:
    """The file's properties (Fichier > Informations) describe this document, not the
    template it came from: its title, the collectivité as author and last editor, created
    and modified now; the template's subject, keywords, comments, thumbnail and the
    application that once saved it (« Microsoft Macintosh Word ») are dropped."""
    properties = document.core_properties
    now = clock.now().replace(microsecond=0)
    properties.title = _property_text(title)
    properties.author = _property_text(author)
    properties.last_modified_by = _property_text(author)
    for name in ("subject", "keywords", "comments", "category", "content_status",
                 "identifier", "version"):
        setattr(properties, name, "")
    properties.revision = 1
    properties.created = properties.modified = now
    for printed in properties._element.xpath("cp:lastPrinted"):
        properties._element.remove(printed)
    package = document.part.package
    for r_id, relationship in list(package.rels.items()):
        if relationship.reltype == _THUMBNAIL:  # a picture of the template's first page
            del package.rels[r_id]
        elif relationship.reltype == _EXTENDED and not relationship.is_external:
            relationship.target_part._blob = _APP_PROPERTIES


def _empty_body(document: "Document") -> None:
    """Remove the template's paragraphs and tables, keeping the final section settings."""
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
