"""The meeting documents by kind, for the command line, the window and the e-mail draft."""

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.db import Database

if TYPE_CHECKING:
    from docx.document import Document

    from charte_desktop.exports.meeting_document import MeetingContext

Writer = Callable[..., Path]
Builder = Callable[["MeetingContext", Path | None], "Document"]


@dataclass(frozen=True)
class MeetingDocument:
    kind: str  # its key, on the command line (`export minutes`) and in the code
    what: str  # « le compte rendu »: in the window's tooltips and dialogs
    description: str  # the command line's help


# The meeting documents, in the order the command line and the window list them.
MEETING_DOCUMENTS = (
    MeetingDocument("convocation", "la convocation", "convocation d'une réunion (Word)"),
    MeetingDocument("attendance", "la feuille d'émargement",
                    "feuille d'émargement d'une réunion (Word)"),
    MeetingDocument("minutes", "le compte rendu", "compte rendu d'une réunion (Word)"),
)
KINDS = tuple(document.kind for document in MEETING_DOCUMENTS)


def document_writer(kind: str) -> tuple[str, Writer]:
    """(French name used in file names, writer) of a document kind."""
    if kind == "convocation":
        from charte_desktop.exports.convocation import KIND, write_convocation

        return KIND, write_convocation
    if kind == "attendance":
        from charte_desktop.exports.attendance_sheet import KIND, write_attendance_sheet

        return KIND, write_attendance_sheet
    if kind == "minutes":
        from charte_desktop.exports.minutes import KIND, write_minutes

        return KIND, write_minutes
    raise ValueError(f"unknown document kind {kind!r}")


def _builder(kind: str) -> Builder:
    if kind == "convocation":
        from charte_desktop.exports.convocation import build_convocation

        return build_convocation
    if kind == "attendance":
        from charte_desktop.exports.attendance_sheet import build_attendance_sheet

        return build_attendance_sheet
    if kind == "minutes":
        from charte_desktop.exports.minutes import build_minutes

        return build_minutes
    raise ValueError(f"unknown document kind {kind!r}")


def suggested_name(db: Database, kind: str, meeting_id: int) -> str:
    from charte_desktop.exports.meeting_document import suggested_file_name

    return suggested_file_name(document_writer(kind)[0], db, meeting_id)


def export_meeting_document(db: Database, kind: str, meeting_id: int, target: Path) -> Path:
    """Write the document with the officer's own template if one is set in Paramètres."""
    from charte_desktop.settings import load_settings

    _name, write = document_writer(kind)
    return write(db, meeting_id, target, template=load_settings().word_template)


def meeting_document_bytes(db: Database, kind: str, meeting_id: int) -> bytes:
    """The document as export_meeting_document writes it, in memory (an e-mail's
    attachment: nothing is written to disk that the officer did not ask for)."""
    from charte_desktop.exports.meeting_document import load
    from charte_desktop.settings import load_settings

    document = _builder(kind)(load(db, meeting_id), load_settings().word_template)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
