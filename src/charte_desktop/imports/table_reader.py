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

import re
import threading
import warnings
from collections.abc import Generator
from pathlib import Path
from typing import Any

from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_number
from charte_desktop.imports.csv_table import csv_rows
from charte_desktop.imports.progress import REPORT_EVERY, SILENT, Monitor
from charte_desktop.imports.table_rows import (
    MAX_COLUMNS,
    MAX_ROWS,
    READING,
    CellValue,
    SheetInfo,
    Table,
    TableRow,
    clean_cell,
    too_many_rows,
)
from charte_desktop.imports.untrusted import (
    MAX_FILE_BYTES,
    SourceKind,
    check_untrusted_file,
    require_defused_xml,
)
from charte_desktop.text import clean_text, fold

_TRUE = ("1", "true")

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
        return Table(path, "", csv_rows(path, monitor, max_rows))
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
    workbook = worksheet.parent
    total = worksheet.max_row or 0  # the sheet's own claim, for the progress bar only
    monitor.update(READING, 0, total)
    count = 0
    hidden_here: list[int] = []
    formats = _number_formats(workbook)
    with worksheet._get_source() as source:
        parser = _parser_class()(source, worksheet._shared_strings, data_only=False,
                                 epoch=workbook.epoch, date_formats=workbook._date_formats,
                                 timedelta_formats=workbook._timedelta_formats)
        dimensions = parser.row_dimensions
        for number, cells in parser.parse():
            if number % REPORT_EVERY == 0:
                monitor.update(READING, number, max(total, number))
            attributes = dimensions.pop(str(number), None) if dimensions else None
            row = _row(number, cells, formats)
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


def _parser_class() -> Any:
    """openpyxl's row parser, keeping beside a formula the result Excel saved with it
    (openpyxl gives either the formula or, with data_only, the result: not both)."""
    from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser, _cast_number

    class FormulaResults(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["data_type"] == "f":
                saved = element.findtext(VALUE_TAG, None)
                kind = element.get("t", "n")
                cached: Any = None
                if saved is not None and kind == "str":
                    cached = saved
                elif saved is not None and kind == "n":
                    try:
                        cached = _cast_number(saved)
                    except ValueError:
                        cached = None
                elif saved is not None and kind == "b":
                    cached = saved == "1"
                cell["cached"] = cached
            return cell

    return FormulaResults


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


def _number_formats(workbook: Any) -> dict[int, str]:
    """The workbook's cell styles (by id) whose number format is not « General »."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    found: dict[int, str] = {}
    custom = getattr(workbook, "_number_formats", ())
    for style_id, style in enumerate(getattr(workbook, "_cell_styles", ())):
        number_format: object = None
        try:
            format_id = int(style.numFmtId or 0)
            number_format = (BUILTIN_FORMATS.get(format_id) if format_id < BUILTIN_FORMATS_MAX_SIZE
                             else custom[format_id - BUILTIN_FORMATS_MAX_SIZE])
        except (AttributeError, IndexError, TypeError, ValueError):
            continue  # a style pointing nowhere: no format, as Excel shows it
        if isinstance(number_format, str) and number_format != "General":
            found[style_id] = number_format
    return found


def _row(number: int, cells: list[dict[str, Any]],
         formats: dict[int, str] | None = None) -> TableRow | None:
    """One parsed row as a TableRow; None when it holds nothing. `formats`: see
    `_number_formats`, kept for number and formula cells only."""
    values: list[CellValue] = []
    problems: dict[int, str] = {}
    formulas: dict[int, CellValue] = {}
    number_formats: dict[int, str] = {}
    for cell in cells:
        value = cell["value"]
        if value is None:
            continue
        column = cell["column"] - 1
        if column >= MAX_COLUMNS or column < 0:
            continue
        data_type = cell["data_type"]
        if formats and (data_type == "n" or data_type == "f"):
            number_format = formats.get(cell["style_id"])
            if number_format is not None:
                number_formats[column] = number_format
        if data_type == "f" or data_type == "e":
            problems[column] = _problem(data_type, value)
            if data_type == "f":
                cached = cell.get("cached")
                formulas[column] = (clean_cell(cached) if isinstance(cached, str)
                                    else cached)
            value = None
        elif value.__class__ is str:
            if "_x" in value:
                value = _unescape(value)
            value = clean_cell(value)
            if value is None:
                continue
        if column >= len(values):
            values.extend([None] * (column + 1 - len(values)))
        values[column] = value
    if not problems and not any(value is not None for value in values):
        return None
    return TableRow(number, tuple(values), problems, formulas, number_formats)
