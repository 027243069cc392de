"""`charte-desktop export {convocation,attendance,minutes} FILE --meeting ID [-o OUT]`."""

from pathlib import Path

from charte_desktop.db import open_database
from charte_desktop.exports.meeting_exports import export_meeting_document, suggested_name


def run_export(kind: str, path: Path, *, meeting_id: int, output: Path | None) -> int:
    with open_database(path, read_only=True) as db:
        target = output or Path.cwd() / suggested_name(db, kind, meeting_id)
        written = export_meeting_document(db, kind, meeting_id, target)
    print(written)
    return 0
