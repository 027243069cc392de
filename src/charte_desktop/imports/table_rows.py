"""What reading a file from elsewhere gives: numbered rows of cleaned values, the sheet they
come from, and the one limit on how many are read. Shared by the workbook and CSV readers
(`table_reader`, `csv_table`) and every importer."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_number
from charte_desktop.text import clean_text

CellValue = str | int | float | datetime | date | time | timedelta | bool | None

# The one limit on what is read from a plan, a directory or an update workbook: non-empty
# rows of the sheet (lines of a CSV file). Real plans hold a few hundred actions.
MAX_ROWS = 5_000
MAX_COLUMNS = 200  # cells further right are ignored: no plan or directory is that wide
READING = "Lecture du fichier"


@dataclass(frozen=True, slots=True)
class TableRow:
    """One non-empty row. `number` is the row number shown by Excel (the line for CSV)."""

    number: int
    values: tuple[CellValue, ...]
    # 0-based column → French description of a formula or error cell (its value is None).
    problems: dict[int, str] = field(default_factory=dict)
    # 0-based column of a formula cell → the result Excel saved with it (None when the file
    # holds none, as when written by a program). Importers that accept formulas use it.
    formulas: dict[int, CellValue] = field(default_factory=dict)
    # 0-based column of a number or formula cell → its number format when not « General »
    # (« 0% », « # ##0,00 € »): a cell formatted as a percentage holds 0,4 for « 40 % ».
    # Empty for a CSV file, which has none.
    number_formats: dict[int, str] = field(default_factory=dict)

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


def too_many_rows(name: str, sheet: str = "") -> CharteError:
    where = f" (feuille « {sheet} »)" if sheet else ""
    limit = format_number(MAX_ROWS)
    return CharteError(
        f"Le fichier « {name} » compte plus de {limit} lignes{where} : Charte en lit "
        f"{limit} au plus, bien plus qu'un plan d'actions ou un annuaire n'en compte ; "
        "vérifiez qu'il s'agit du bon fichier, ou découpez-le. Rien n'a été importé."
    )


def clean_cell(value: str) -> str | None:
    """A text cell or field as stored: cleaned (see text.clean_text), trimmed, or None."""
    return clean_text(value).strip() or None
