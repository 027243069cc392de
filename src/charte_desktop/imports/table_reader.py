"""Read one sheet of a checked workbook, or a CSV file, as numbered rows of values.

Every reader of files from elsewhere (plan, contacts, returned update workbooks) goes
through `read_table` after `untrusted.check_untrusted_file`: rows keep the number the
officer sees in Excel, empty rows are dropped, and formula or error cells (#REF!…) become
problems of their row instead of values: a formula's cached result may be stale or absent,
and an error is no value at all. openpyxl is imported only here, when a file is read.

The sheet read is the one the officer sees: the workbook's active sheet when visible, else
its first visible one; a hidden sheet is read only when named. Rows hidden in Excel (by
hand or by a filter) are read and listed, text is cleaned (`text.clean_text`), and no more
than MAX_ROWS non-empty rows are read: a bigger file is refused as soon as it shows more,
before the rest is read.
"""

import csv
import re
import threading
import warnings
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_number
from charte_desktop.imports.progress import REPORT_EVERY, SILENT, Monitor
from charte_desktop.imports.untrusted import (
    MAX_FILE_BYTES,
    UTF16_BOMS,
    SourceKind,
    check_untrusted_file,
    looks_utf16,
    require_defused_xml,
)
from charte_desktop.text import clean_text, fold

CellValue = str | int | float | datetime | date | time | timedelta | bool | None

# The one limit on what is read from a plan, a directory or an update workbook: non-empty
# rows of the sheet (lines of a CSV file). Real plans hold a few hundred actions.
MAX_ROWS = 5_000
MAX_COLUMNS = 200  # cells further right are ignored: no plan or directory is that wide
READING = "Lecture du fichier"
_CSV_DELIMITERS = (";", "\t", ",")  # in order of preference on a tie (French Excel: ";")
_TRUE = ("1", "true")


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
class SheetInfo:
    name: str
    hidden: bool  # hidden or "very hidden" in the workbook


@dataclass(frozen=True)
class Table:
    source: Path
    sheet: str  # "" for a CSV file
    rows: list[TableRow]
    sheets: tuple[SheetInfo, ...] = ()  # every sheet of the workbook; () for a CSV file
    sheet_hidden: bool = False  # the sheet read is hidden in the workbook (it was named)
    hidden_rows: tuple[int, ...] = ()  # non-empty rows hidden by hand in Excel
    filtered_rows: tuple[int, ...] = ()  # non-empty rows hidden by a filter in Excel

    @property
    def visible_sheets(self) -> list[str]:
        return [info.name for info in self.sheets if not info.hidden]


def column_letter(column: int) -> str:
    """0 → "A", 26 → "AA": how Excel names a column."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_names(path: Path) -> list[str]:
    """The worksheets of a workbook, hidden ones too, in order; [] for a CSV file."""
    return [info.name for info in workbook_sheets(path)]


def workbook_sheets(path: Path) -> list[SheetInfo]:
    """The worksheets of a workbook, in order, and whether each is hidden; [] for CSV."""
    path = Path(path)
    if check_untrusted_file(path) is SourceKind.CSV:
        return []
    workbook = _open_workbook(path)
    try:
        return _infos(workbook)
    finally:
        workbook.close()


def describe_sheets(sheets: list[SheetInfo] | tuple[SheetInfo, ...]) -> str:
    """ "« Plan », « Archives » (masquée)": the sheets as a message lists them."""
    return ", ".join(f"« {info.name} »" + (" (masquée)" if info.hidden else "")
                     for info in sheets)


def too_many_rows(name: str, sheet: str = "") -> CharteError:
    where = f" (feuille « {sheet} »)" if sheet else ""
    limit = format_number(MAX_ROWS)
    return CharteError(
        f"Le fichier « {name} » compte plus de {limit} lignes{where} : Charte en lit "
        f"{limit} au plus, bien plus qu'un plan d'actions ou un annuaire n'en compte ; "
        "vérifiez qu'il s'agit du bon fichier, ou découpez-le. Rien n'a été importé."
    )


def read_table(
    path: Path,
    sheet: str | None = None,
    *,
    monitor: Monitor = SILENT,
    max_bytes: int = MAX_FILE_BYTES,
    max_rows: int = MAX_ROWS,
) -> Table:
    """The non-empty rows of `sheet` (default: the sheet the officer sees, see
    `choose_sheet`) or of a CSV file.

    Raises CharteError for a refused or unreadable file, a sheet not found, more than
    `max_rows` non-empty rows; ImportCancelled when the monitor says so.
    """
    path = Path(path)
    if check_untrusted_file(path, max_bytes=max_bytes) is SourceKind.CSV:
        return Table(path, "", _csv_rows(path, monitor, max_rows))
    workbook = _open_workbook(path)
    try:
        sheets = tuple(_infos(workbook))
        worksheet = choose_sheet(workbook, path, sheet)
        hidden: list[int] = []
        filtered: list[int] = []
        try:
            with warnings.catch_warnings():  # openpyxl's warnings are not for officers
                warnings.simplefilter("ignore")
                rows = list(_sheet_rows(worksheet, monitor, max_rows, hidden, filtered,
                                        path.name))
        except CharteError:
            raise
        except Exception as error:  # any parser failure on untrusted XML is "damaged"
            raise _unreadable(path, error) from None
        return Table(path, sheet_title(worksheet), rows, sheets,
                     sheet_hidden=worksheet.sheet_state != "visible",
                     hidden_rows=tuple(hidden), filtered_rows=tuple(filtered))
    finally:
        workbook.close()


def first_rows(path: Path, sheets: list[str], count: int) -> dict[str, list[TableRow]]:
    """The first `count` non-empty rows of each of `sheets` (unknown names are skipped):
    enough to tell whether a sheet has a header row, without reading it all."""
    path = Path(path)
    if check_untrusted_file(path) is SourceKind.CSV:
        return {}
    workbook = _open_workbook(path)
    found: dict[str, list[TableRow]] = {}
    try:
        for worksheet in workbook.worksheets:
            if sheet_title(worksheet) not in sheets:
                continue
            rows: list[TableRow] = []
            reader = _sheet_rows(worksheet, SILENT, MAX_ROWS, [], [], path.name)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    for row in reader:
                        rows.append(row)
                        if len(rows) >= count:
                            break
                except Exception:  # only a hint: an unreadable sheet has none
                    rows = []
                finally:
                    reader.close()  # the sheet's part in the zip is closed at once
            found[sheet_title(worksheet)] = rows
    finally:
        workbook.close()
    return found


def _infos(workbook: Any) -> list[SheetInfo]:
    return [SheetInfo(sheet_title(sheet), sheet.sheet_state != "visible")
            for sheet in workbook.worksheets]


def sheet_title(worksheet: Any) -> str:
    """A sheet's name as shown and matched: cleaned like any text from the file."""
    return clean_text(worksheet.title)


def choose_sheet(workbook: Any, path: Path, sheet: str | None) -> Any:
    """`sheet` (exact name, else the only one equal but for case and accents); by default
    the active sheet if it is a visible worksheet, else the first visible worksheet."""
    worksheets = workbook.worksheets
    if not worksheets:
        raise CharteError(f"Le classeur « {path.name} » ne contient aucune feuille de calcul.")
    if sheet is not None:
        for worksheet in worksheets:
            if sheet in (worksheet.title, sheet_title(worksheet)):
                return worksheet
        alike = [ws for ws in worksheets
                 if fold(sheet_title(ws).strip()) == fold(sheet.strip())]
        if len(alike) == 1:
            return alike[0]
        raise CharteError(
            f"Le classeur « {path.name} » n'a pas de feuille « {sheet} » ; ses feuilles : "
            f"{describe_sheets(_infos(workbook))}."
        )
    visible = [ws for ws in worksheets if ws.sheet_state == "visible"]
    if not visible:
        raise CharteError(
            f"Toutes les feuilles du classeur « {path.name} » sont masquées : dans Excel, "
            "affichez celle à importer (clic droit sur un onglet › Afficher), enregistrez "
            "le classeur puis recommencez."
        )
    active = workbook.active
    if any(active is worksheet for worksheet in visible):
        return active
    return visible[0]


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
    _check_shared_strings(path)
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    try:
        with _LOADING, warnings.catch_warnings():  # "no default style", "extension…"
            warnings.simplefilter("ignore")
            original = ReadOnlyWorksheet._get_size
            ReadOnlyWorksheet._get_size = _declared_size
            try:
                # data_only=False: formula cells are seen as formulas, not cached results.
                return load_workbook(path, read_only=True, data_only=False, keep_links=False)
            finally:
                ReadOnlyWorksheet._get_size = original
    except CharteError:
        raise
    except Exception as error:  # see _unreadable
        raise _unreadable(path, error) from None


# Loading a workbook read-only, openpyxl sizes each sheet from its <dimension> element and,
# when a sheet has none, parses the whole sheet to look for it: 25 s for 900,000 rows, before
# a row is read. Charte needs the size for its progress bar only: the element is searched
# in the sheet's first bytes, where Excel writes it, and the size is unknown without it.
_LOADING = threading.Lock()  # one load at a time swaps openpyxl's sizing
_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"([A-Za-z]{1,3}[0-9]{1,7}(?::[A-Za-z]{1,3}[0-9]{1,7})?)\"")


def _declared_size(worksheet: Any) -> None:
    from openpyxl.utils.cell import range_boundaries

    with worksheet._get_source() as source:
        head = source.read(64 * 1024)
    if b"<!ENTITY" in head:  # what openpyxl's full parse would have refused, as early
        from defusedxml import EntitiesForbidden

        raise EntitiesForbidden("", None, None, None, None, None)
    match = _DIMENSION.search(head)
    if match is None:
        return
    try:
        bounds = range_boundaries(match.group(1).decode("ascii"))
    except ValueError:
        return
    if None not in bounds:
        (worksheet._min_column, worksheet._min_row,
         worksheet._max_column, worksheet._max_row) = bounds


# openpyxl reads a workbook's whole table of shared texts when opening it: a sheet of
# 900,000 rows makes it 9 s and 100 MB before any row is read. Its declared size (or the
# part's) tells beforehand; no plan or directory within MAX_ROWS comes near it.
MAX_SHARED_STRINGS = 50 * MAX_ROWS
_BYTES_PER_STRING = 100  # when the count is not declared: a generous mean size
_UNIQUE_COUNT = re.compile(rb"\buniqueCount=\"([0-9]{1,12})\"")


def _check_shared_strings(path: Path) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            part = next((info for info in archive.infolist()
                         if info.filename.lower().endswith("sharedstrings.xml")), None)
            if part is None:
                return
            with archive.open(part) as stream:
                head = stream.read(1024)
    except (OSError, zipfile.BadZipFile, ValueError, RuntimeError, EOFError):
        return  # the untrusted checks and the parser say what is wrong
    declared = _UNIQUE_COUNT.search(head)
    too_many = (int(declared.group(1)) > MAX_SHARED_STRINGS if declared
                else part.file_size > MAX_SHARED_STRINGS * _BYTES_PER_STRING)
    if too_many:
        raise CharteError(
            f"Le classeur « {path.name} » contient plus de {format_number(MAX_SHARED_STRINGS)} "
            f"textes différents : bien plus qu'un plan d'actions ou un annuaire (Charte en "
            f"lit {format_number(MAX_ROWS)} lignes au plus) ; vérifiez qu'il s'agit du bon "
            "fichier, ou découpez-le. Rien n'a été importé."
        )


def _problem(data_type: str, value: Any) -> str:
    if data_type == "f":
        formula = value if isinstance(value, str) else getattr(value, "text", "") or ""
        return (f"formule « {clean_text(str(formula))} » : Charte n'importe pas les "
                "formules, remplacez-la par sa valeur (copier, puis collage spécial "
                "« valeurs »)")
    return f"cellule en erreur « {clean_text(str(value))} »"


def _clean(value: str) -> str | None:
    """A text cell or field as stored: cleaned (see text.clean_text), trimmed, or None."""
    return clean_text(value).strip() or None


# How Excel writes a character XML cannot hold (ESC is "_x001B_"; a literal "_x001B_" is
# "_x005F_x001B_", which one left-to-right pass turns back into it).
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


def _unescape(value: str) -> str:
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), value)


def _sheet_rows(worksheet: Any, monitor: Monitor, max_rows: int, hidden: list[int],
                filtered: list[int], name: str) -> Generator[TableRow, None, None]:
    """The sheet's non-empty rows, parsed row by row from its XML.

    openpyxl's own row parser is used directly (as its read-only worksheets do) to see
    each row's attributes: `hidden` rows are noted, then sorted into hidden by hand or by
    the sheet's filter once its `autoFilter` (written after the rows) has been read.
    Declared dimensions are ignored: they may be wrong or absurd.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    workbook = worksheet.parent
    total = worksheet.max_row or 0  # the sheet's own claim, for the progress bar only
    monitor.update(READING, 0, total)
    count = 0
    hidden_here: list[int] = []
    with worksheet._get_source() as source:
        parser = WorkSheetParser(source, worksheet._shared_strings, data_only=False,
                                 epoch=workbook.epoch, date_formats=workbook._date_formats,
                                 timedelta_formats=workbook._timedelta_formats)
        dimensions = parser.row_dimensions
        for number, cells in parser.parse():
            if number % REPORT_EVERY == 0:
                monitor.update(READING, number, max(total, number))
            attributes = dimensions.pop(str(number), None) if dimensions else None
            row = _row(number, cells)
            if row is None:
                continue
            count += 1
            if count > max_rows:
                raise too_many_rows(name, sheet_title(worksheet))
            if attributes is not None and attributes.get("hidden") in _TRUE:
                hidden_here.append(number)
            yield row
        first, last = _filter_rows(getattr(parser, "auto_filter", None))
    for number in hidden_here:
        (filtered if first < number <= last else hidden).append(number)
    monitor.update(READING, total, total)


def _filter_rows(auto_filter: Any) -> tuple[int, int]:
    """The rows a filter may hide (below its header row); (0, 0) without a filter set (an
    autofilter's arrows alone hide nothing: rows hidden then were hidden by hand)."""
    ref = getattr(auto_filter, "ref", None)
    if not ref or not getattr(auto_filter, "filterColumn", None):
        return 0, 0
    from openpyxl.utils.cell import range_boundaries

    try:
        _, first, _, last = range_boundaries(ref)
    except ValueError:
        return 0, 0
    return first or 0, last or 1_048_576


def _row(number: int, cells: list[dict[str, Any]]) -> TableRow | None:
    """One parsed row as a TableRow; None when it holds nothing."""
    values: list[CellValue] = []
    problems: dict[int, str] = {}
    for cell in cells:
        value = cell["value"]
        if value is None:
            continue
        column = cell["column"] - 1
        if column >= MAX_COLUMNS or column < 0:
            continue
        data_type = cell["data_type"]
        if data_type == "f" or data_type == "e":
            problems[column] = _problem(data_type, value)
            value = None
        elif value.__class__ is str:
            if "_x" in value:
                value = _unescape(value)
            value = _clean(value)
            if value is None:
                continue
        if column >= len(values):
            values.extend([None] * (column + 1 - len(values)))
        values[column] = value
    if not problems and not any(value is not None for value in values):
        return None
    return TableRow(number, tuple(values), problems)


# --- CSV -------------------------------------------------------------------------------
# Read as a stream: a file of 20 MB (the most accepted) is never held whole, decoded, in
# memory, and reading stops at the first row beyond the limit.


def _encodings(path: Path) -> tuple[str, ...]:
    """The encodings to try in turn: UTF-16 by its byte order mark (Excel's « Texte
    Unicode »), or without one when every other byte is NUL; else UTF-8 (with or without
    BOM) as recent Excel writes it, then Windows-1252 (which never fails)."""
    with path.open("rb") as stream:
        head = stream.read(64)
    if looks_utf16(head):
        if head.startswith(UTF16_BOMS):
            return ("utf-16",)
        return ("utf-16-le",) if not head[1::2].strip(b"\x00") else ("utf-16-be",)
    return ("utf-8-sig", "cp1252")


def _count_lines(path: Path) -> int:
    """For the progress bar: the file's lines, counted in chunks."""
    count = 1
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            count += chunk.count(b"\n")
    return count


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


def _csv_rows(path: Path, monitor: Monitor, max_rows: int = MAX_ROWS) -> list[TableRow]:
    total = _count_lines(path)
    encodings = _encodings(path)
    for encoding in encodings:
        try:
            return list(_csv_rows_in(path, encoding, monitor, max_rows, total))
        except UnicodeDecodeError:  # not UTF-8 after all: the next encoding, from the start
            if encoding == encodings[-1]:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _csv_rows_in(path: Path, encoding: str, monitor: Monitor, max_rows: int, total: int
                 ) -> Iterator[TableRow]:
    errors = "strict" if encoding == "utf-8-sig" else "replace"
    with path.open(encoding=encoding, errors=errors, newline="") as stream:
        delimiter = _sniff_delimiter(stream.read(64 * 1024))
        stream.seek(0)
        reader = csv.reader(stream, delimiter=delimiter)
        monitor.update(READING, 0, total)
        start = 1
        kept = 0
        try:
            for count, fields in enumerate(reader, start=1):
                if count % REPORT_EVERY == 0:
                    monitor.update(READING, reader.line_num, total)
                values = tuple(_clean(value) if value else None
                               for value in fields[:MAX_COLUMNS])
                if any(value is not None for value in values):
                    kept += 1
                    if kept > max_rows:
                        raise too_many_rows(path.name)
                    yield TableRow(start, values)
                start = reader.line_num + 1  # a quoted field may span several lines
        except csv.Error as error:
            raise CharteError(
                f"Le fichier « {path.name} » est mal formé vers la ligne {reader.line_num} "
                f"({_csv_reason(error)})."
            ) from None
    monitor.update(READING, total, total)


def _csv_reason(error: csv.Error) -> str:
    """The csv module's English reason, in French."""
    message = str(error)
    if "NUL" in message or "null" in message.lower():
        return "caractère nul"
    if "field larger than field limit" in message:
        return "champ démesurément long"
    if "new-line character seen in unquoted field" in message:
        return "saut de ligne inattendu"
    if "expected after" in message or "quote" in message:
        return "guillemets mal fermés"
    return "format non reconnu"
