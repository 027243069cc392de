"""Open a file to import: its sheets, and the first one whose header row is recognised."""

from dataclasses import dataclass
from pathlib import Path

from charte_desktop.errors import CharteError
from charte_desktop.imports.columns import FieldSpec, HeaderGuess, guess_header, header_at
from charte_desktop.imports.progress import SILENT, Monitor
from charte_desktop.imports.table_reader import Table, read_sheets


@dataclass
class OpenedSource:
    sheets: list[str]  # [] for a CSV file
    table: Table
    header: HeaderGuess
    # Why no header row was recognised (the first row is then proposed); "" when it was.
    header_problem: str = ""


def open_source(path: Path, specs: tuple[FieldSpec, ...], sheet: str | None = None, *,
                monitor: Monitor = SILENT, strict: bool = True) -> OpenedSource:
    """`sheet`, or else the first sheet with a recognisable header row.

    `strict`: no recognisable header is an error (command line); otherwise the first row
    is proposed as header, with the reason, for the officer to choose (window).
    """
    sheets: list[str] = []
    first: tuple[Table, CharteError] | None = None
    tables = read_sheets(path, sheet, monitor=monitor)
    try:
        for sheets, table in tables:
            try:
                return OpenedSource(sheets, table, guess_header(table, specs))
            except CharteError as error:
                first = first or (table, error)
    finally:
        tables.close()
    assert first is not None
    table, error = first
    if strict or not table.rows:
        raise error
    return OpenedSource(sheets, table, header_at(table, 0, specs), header_problem=error.message)
