"""Reading a written .docx back with python-docx, for the assertions."""

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType


def open_docx(path: Path) -> DocumentType:
    return Document(str(path))


def body_texts(document: DocumentType) -> list[str]:
    """Every paragraph's text, tables' cells included, in order."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts


def all_text(document: DocumentType) -> str:
    return "\n".join(body_texts(document))


def bullet_texts(document: DocumentType) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
