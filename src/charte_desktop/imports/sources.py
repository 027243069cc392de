"""Open a file to import: the sheet the officer sees (or the one named), its header row.

The sheet read is never chosen for its content: the active sheet if visible, else the
first visible one (see `table_reader.choose_sheet`), or the sheet named. When it has no
recognisable header row, the message says which other visible sheets have one, for the
officer to choose.
"""

from dataclasses import dataclass, field
from pathlib import Path

from charte_desktop.errors import CharteError
from charte_desktop.imports.columns import (
    HEADER_SCAN_ROWS,
    FieldSpec,
    HeaderGuess,
    guess_header,
    has_header,
    header_at,
)
from charte_desktop.imports.progress import SILENT, Monitor
from charte_desktop.imports.table_reader import first_rows, read_table
from charte_desktop.imports.table_rows import Table

MAX_SHEETS_LOOKED_AT = 30  # for the hint only: the sheets beyond are not opened


@dataclass
class OpenedSource:
    sheets: list[str]  # the sheets to choose from: the visible ones and the one read
    table: Table
    header: HeaderGuess
    # Why no header row was recognised (the first row is then proposed); "" when it was.
    header_problem: str = ""
    # Other visible sheets with a recognisable header row, when this one has none.
    sheets_with_header: list[str] = field(default_factory=list)


class NoHeader(CharteError):
    """The sheet read has no recognisable header row; `sheets_with_header` may."""

    def __init__(self, message: str, sheet: str, sheets: list[str],
                 sheets_with_header: list[str]) -> None:
        super().__init__(message)
        self.sheet = sheet  # the sheet read ("" for a CSV file)
        self.sheets = sheets  # as OpenedSource.sheets
        self.sheets_with_header = sheets_with_header


def open_source(path: Path, specs: tuple[FieldSpec, ...], sheet: str | None = None, *,
                monitor: Monitor = SILENT, strict: bool = True) -> OpenedSource:
    """`sheet`, or else the sheet the officer sees, with its header row.

    `strict`: no recognisable header is an error (NoHeader, command line); otherwise the
    first row is proposed as header, with the reason, for the officer to choose (window).
    A sheet without any row is always an error.
    """
    table = read_table(path, sheet, monitor=monitor)
    sheets = [info.name for info in table.sheets
              if not info.hidden or info.name == table.sheet]
    try:
        return OpenedSource(sheets, table, guess_header(table, specs))
    except CharteError as error:
        others = _sheets_with_header(Path(path), table, specs)
        message = error.message
        if not table.rows:
            where = f"La feuille « {table.sheet} »" if table.sheet else f"« {table.source.name} »"
            message = f"{where} est vide : rien à importer."
        if others:
            names = ", ".join(f"« {name} »" for name in others)
            message += (f" La feuille {names} a une ligne d'en-tête reconnue."
                        if len(others) == 1
                        else f" Les feuilles {names} ont une ligne d'en-tête reconnue.")
        if strict or not table.rows:
            raise NoHeader(message, table.sheet, sheets, others) from None
        return OpenedSource(sheets, table, header_at(table, 0, specs), header_problem=message,
                            sheets_with_header=others)


def _sheets_with_header(path: Path, table: Table, specs: tuple[FieldSpec, ...]) -> list[str]:
    candidates = [name for name in table.visible_sheets if name != table.sheet]
    if not candidates:
        return []
    rows = first_rows(path, candidates[:MAX_SHEETS_LOOKED_AT], HEADER_SCAN_ROWS)
    return [name for name in candidates if rows.get(name) and has_header(rows[name], specs)]


def file_stamp(path: Path) -> tuple[int, int] | None:
    """What tells that a file changed since it was read: its time and size."""
    try:
        status = Path(path).stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def reread(path: Path, specs: tuple[FieldSpec, ...], before: OpenedSource,
           header: HeaderGuess, *, monitor: Monitor = SILENT) -> tuple[OpenedSource, HeaderGuess]:
    """The file read again after the officer corrected it: the same sheet, and the columns
    she chose kept when its header row says the same (else the header found anew)."""
    fresh = open_source(path, specs, before.table.sheet or None, monitor=monitor,
                        strict=False)
    same = (header.row_index < len(fresh.table.rows)
            and header_at(fresh.table, header.row_index, specs).headers == header.headers)
    return fresh, (header if same else fresh.header)
