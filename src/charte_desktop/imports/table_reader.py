"""Read one sheet of a checked workbook, or a CSV file, as numbered rows of values.

Every reader of files from elsewhere (plan, contacts, returned update workbooks) goes
through `read_table` after `untrusted.check_untrusted_file`: rows keep the number the
officer sees in Excel, empty rows are dropped, and formula or error cells (#REF!…) become
problems of their row instead of values: a formula's cached result may be stale or absent,
and an error is no value at all. openpyxl is imported only here, when a file is read.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from charte_desktop.errors import CharteError
from charte_desktop.imports.progress import REPORT_EVERY, SILENT, Monitor
from charte_desktop.imports.untrusted import (
    MAX_FILE_BYTES,
    SourceKind,
    check_untrusted_file,
    require_defused_xml,
)

CellValue = str | int | float | datetime | date | time | timedelta | bool | None

MAX_COLUMNS = 200  # cells further right are ignored: no plan or directory is that wide
READING = "Lecture du fichier"
_CSV_DELIMITERS = (";", "\t", ",")  # in order of preference on a tie (French Excel: ";")


@dataclass(frozen=True, slots=True)
class TableRow:
    """One non-empty row. `number` is the row number shown by Excel (the line for CSV)."""

    number: int
    values: tuple[CellValue, ...]
    # 0-based column → French description of a formula or error cell (its value is None).
    problems: dict[int, str] = field(default_factory=dict)

    def value(self, column: int) -> CellValue:
        return self.values[column] if column < len(self.values) else None


@dataclass(frozen=True)
class Table:
    source: Path
    sheet: str  # "" for a CSV file
    rows: list[TableRow]


def column_letter(column: int) -> str:
    """0 → "A", 26 → "AA": how Excel names a column."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_names(path: Path) -> list[str]:
    """The worksheets of a workbook, in order; [] for a CSV file (nothing to choose)."""
    path = Path(path)
    if check_untrusted_file(path) is SourceKind.CSV:
        return []
    workbook = _open_workbook(path)
    try:
        return [sheet.title for sheet in workbook.worksheets]
    finally:
        workbook.close()


def read_table(
    path: Path,
    sheet: str | None = None,
    *,
    monitor: Monitor = SILENT,
    max_bytes: int = MAX_FILE_BYTES,
) -> Table:
    """The non-empty rows of `sheet` (default: the first worksheet) or of a CSV file.

    Raises CharteError for a refused or unreadable file, ImportCancelled when the monitor
    says so.
    """
    tables = read_sheets(path, sheet, monitor=monitor, max_bytes=max_bytes)
    try:
        return next(tables)[1]
    finally:
        tables.close()


def read_sheets(
    path: Path,
    sheet: str | None = None,
    *,
    monitor: Monitor = SILENT,
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[tuple[list[str], Table]]:
    """(every sheet's name, table) for `sheet`, or for each worksheet in turn, each read
    only when asked for: the workbook is checked and opened once. For a CSV file, one
    table and no sheet names."""
    path = Path(path)
    if check_untrusted_file(path, max_bytes=max_bytes) is SourceKind.CSV:
        yield [], Table(path, "", list(_csv_rows(path, monitor)))
        return
    workbook = _open_workbook(path)
    try:
        worksheets = workbook.worksheets
        names = [worksheet.title for worksheet in worksheets]
        if not worksheets:
            raise CharteError(f"Le classeur « {path.name} » ne contient aucune feuille de calcul.")
        if sheet is not None:
            worksheets = [ws for ws in worksheets if ws.title == sheet]
            if not worksheets:
                raise CharteError(
                    f"Le classeur « {path.name} » n'a pas de feuille « {sheet} »."
                )
        for worksheet in worksheets:
            try:
                rows = list(_sheet_rows(worksheet, monitor))
            except CharteError:
                raise
            except Exception as error:  # any parser failure on untrusted XML is "damaged"
                raise _unreadable(path, error) from None
            yield names, Table(path, worksheet.title, rows)
    finally:
        workbook.close()


def _unreadable(path: Path, error: Exception) -> CharteError:
    from defusedxml import DefusedXmlException

    cause: BaseException | None = error  # openpyxl re-raises parser errors as ValueError
    while cause is not None and not isinstance(cause, DefusedXmlException):
        cause = cause.__cause__ or cause.__context__
    if cause is not None:
        return CharteError(
            f"Le classeur « {path.name} » est refusé : il contient des définitions d'entités "
            "XML, qu'aucun classeur enregistré par Excel ou LibreOffice ne contient (fichier "
            "piégé de type « bombe XML » ?)."
        )
    return CharteError(
        f"Le classeur « {path.name} » est illisible ou endommagé ({type(error).__name__}) : "
        "ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau en .xlsx."
    )


def _open_workbook(path: Path) -> Any:
    require_defused_xml()
    from openpyxl import load_workbook

    try:
        # data_only=False: formula cells must be seen as formulas, not as cached results.
        return load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except CharteError:
        raise
    except Exception as error:  # see _unreadable
        raise _unreadable(path, error) from None


def _problem(data_type: str, value: Any) -> str | None:
    if data_type == "f":
        formula = value if isinstance(value, str) else getattr(value, "text", "") or ""
        return (f"formule « {formula} » : Charte n'importe pas les formules, remplacez-la "
                "par sa valeur (copier, puis collage spécial « valeurs »)")
    if data_type == "e":
        return f"cellule en erreur « {value} »"
    return None


def _clean(value: Any) -> CellValue:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value  # type: ignore[no-any-return]


def _sheet_rows(worksheet: Any, monitor: Monitor) -> Iterator[TableRow]:
    total = worksheet.max_row or 0  # the sheet's own claim, for the progress bar only
    # Declared dimensions may be wrong (cells beyond them would be silently dropped) or
    # absurd (every row padded to 16,384 columns): read each row as far as its own cells.
    worksheet.reset_dimensions()
    monitor.update(READING, 0, total)
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        if number % REPORT_EVERY == 0:
            monitor.update(READING, number, max(total, number))
        if len(cells) > MAX_COLUMNS:
            cells = cells[:MAX_COLUMNS]
        # Comprehensions rather than one loop: this runs for every cell of the sheet.
        values: list[CellValue] = [
            (value.strip() or None) if value.__class__ is str else value
            for value in [cell.value for cell in cells]
        ]
        types = [cell.data_type for cell in cells]
        problems: dict[int, str] = {}
        if "f" in types or "e" in types:
            for column, data_type in enumerate(types):
                if data_type in ("f", "e"):
                    problems[column] = _problem(data_type, cells[column].value)  # type: ignore[assignment]
                    values[column] = None
        if problems or any(value is not None for value in values):
            yield TableRow(number, tuple(values), problems)
    monitor.update(READING, total, total)


# --- CSV -------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) as written by recent Excel, else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _sniff_delimiter(text: str) -> str:
    """The delimiter giving the most lines with the same number (> 1) of fields."""
    sample = [line for line in text[:64 * 1024].splitlines()[:30] if line.strip()]
    best, best_score = _CSV_DELIMITERS[0], -1
    for delimiter in _CSV_DELIMITERS:
        widths = [len(fields) for fields in csv.reader(sample, delimiter=delimiter)]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = widths.count(common) if common > 1 else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(path: Path, monitor: Monitor) -> Iterator[TableRow]:
    text = _decode(path.read_bytes())
    total = text.count("\n") + 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    monitor.update(READING, 0, total)
    start = 1
    try:
        for count, fields in enumerate(reader, start=1):
            if count % REPORT_EVERY == 0:
                monitor.update(READING, reader.line_num, total)
            values = tuple(_clean(value) for value in fields[:MAX_COLUMNS])
            if any(value is not None for value in values):
                yield TableRow(start, values)
            start = reader.line_num + 1  # a quoted field may span several lines
    except csv.Error as error:
        raise CharteError(
            f"Le fichier « {path.name} » est mal formé vers la ligne {reader.line_num} "
            f"({error})."
        ) from None
    monitor.update(READING, total, total)
