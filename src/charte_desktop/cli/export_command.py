"""`charte-desktop export {convocation,attendance,minutes} FILE --meeting ID [-o OUT]`."""

from collections.abc import Callable
from pathlib import Path

from charte_desktop.db import Database, open_database

# Document kind -> (French name used in the suggested file name, writer).
Writer = Callable[..., Path]


def _writer(kind: str) -> tuple[str, Writer]:
    if kind == "convocation":
        from charte_desktop.exports.convocation import KIND, write_convocation

        return KIND, write_convocation
    if kind == "attendance":
        from charte_desktop.exports.attendance_sheet import KIND, write_attendance_sheet

        return KIND, write_attendance_sheet
    from charte_desktop.exports.minutes import KIND, write_minutes

    return KIND, write_minutes


def _template() -> Path | None:
    from charte_desktop.settings import load_settings

    return load_settings().word_template


def export(db: Database, kind: str, meeting_id: int, output: Path | None) -> Path:
    from charte_desktop.exports.meeting_document import suggested_file_name

    name, write = _writer(kind)
    target = output or Path.cwd() / suggested_file_name(name, db, meeting_id)
    return write(db, meeting_id, target, template=_template())


def run_export(kind: str, path: Path, *, meeting_id: int, output: Path | None) -> int:
    with open_database(path, read_only=True) as db:
        written = export(db, kind, meeting_id, output)
    print(written)
    return 0
