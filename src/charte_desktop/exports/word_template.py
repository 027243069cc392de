"""The Word template a document starts from: the shipped one or the officer's own .docx."""

import zipfile
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.errors import CharteError

if TYPE_CHECKING:
    from docx.document import Document

TEMPLATE_RESOURCE = "modele-charte.docx"

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


def open_template(template: Path | None = None) -> "Document":
    """A new document from `template` (default: the shipped one), its body emptied.

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
    return document


def _empty_body(document: "Document") -> None:
    """Remove the template's paragraphs and tables, keeping the final section settings."""
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
