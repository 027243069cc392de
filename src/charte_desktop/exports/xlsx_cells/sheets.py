"""Sheet-level helpers: columns, header, rows, Excel tables, highlights, printing.

Write-only worksheets stream their rows, so everything written before the rows (column
widths, frozen panes, page setup) must be set by `prepare_sheet` before the first
`append`; tables and conditional formats may be added after the rows.
"""

import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from charte_desktop.exports.xlsx_cells.cells import HEADER, PLAIN, Look, SheetCells
from charte_desktop.exports.xlsx_cells.values import MAX_LINES, clean_text, row_height

A4 = 9  # openpyxl's paper size code


class Kind(Enum):
    """What a column holds, hence how its cells are written."""

    TEXT = "text"
    DATE = "date"
    MONEY = "money"
    INTEGER = "integer"
    PERCENT = "percent"  # values are fractions: 0.45 for 45 %
    NUMBER = "number"
    QUANTITY = "quantity"  # values are Quantity (value, decimals, unit) or None
    YES_NO = "yes_no"
    EMAIL = "email"  # a mailto: link when it looks like an address


@dataclass(frozen=True, slots=True)
class Quantity:
    """A measured value as a Kind.QUANTITY column writes it: "18 400 t", "12,5 %"."""

    value: Decimal | int | float | None
    decimals: int = 0
    unit: str = ""


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    width: float = 14.0  # in characters
    look: Look | None = None  # e.g. WRAPPED for long texts
    sets_height: bool = True  # False: a wrapped text shows what fits, the row stays low

    def converter(self, cells: SheetCells) -> Callable[[Any], Any]:
        """value -> cell (or plain value) for this column."""
        look = self.look
        methods: dict[Kind, Callable[..., Any]] = {
            Kind.TEXT: cells.text, Kind.DATE: cells.date, Kind.MONEY: cells.money,
            Kind.INTEGER: cells.integer, Kind.PERCENT: cells.percent,
            Kind.NUMBER: cells.number, Kind.YES_NO: cells.yes_no, Kind.EMAIL: cells.email,
        }
        if self.kind is Kind.QUANTITY:
            quantity_look = self.look

            def quantity(value: Quantity | None) -> Any:
                if value is None:
                    return None
                return cells.quantity(value.value, value.decimals, value.unit, quantity_look)

            return quantity
        method = methods[self.kind]
        if look is None:
            return method
        if self.kind is Kind.TEXT and look.wrap and look.but(wrap=False) == PLAIN:
            # A text that fits on one line needs no wrapping, hence no style: written
            # plain, it costs a third of a styled cell (most titles of a big plan fit).
            capacity = int(self.width) - 1

            def text(value: Any) -> Any:
                if type(value) is str and len(value) <= capacity and "\n" not in value:
                    return cells.text(value)
                return method(value, look)

            return text
        return lambda value: method(value, look)


def prepare_sheet(
    ws: Any,
    widths: Sequence[float],
    *,
    freeze: str | None = None,
    landscape: bool = True,
    title_rows: str | None = None,
    footer: str = "",
) -> None:
    """Column widths, frozen panes and page setup: call before the first row.

    Printing: A4, landscape by default, fitted to the page width (as many pages high as
    needed), `title_rows` (e.g. "4:4") repeated on each page, "Page 1 sur 3" and
    `footer` at the bottom.
    """
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    if freeze:
        ws.freeze_panes = freeze
    ws.page_setup.paperSize = A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows:
        ws.print_title_rows = title_rows
    ws.HeaderFooter.oddFooter.left.text = clean_text(footer).replace("&", "&&")
    ws.HeaderFooter.oddFooter.left.size = 8
    ws.HeaderFooter.oddFooter.right.text = "Page &P sur &N"
    ws.HeaderFooter.oddFooter.right.size = 8


def header_row(cells: SheetCells, headers: Iterable[str], look: Look = HEADER) -> list[Any]:
    return [cells.text(header, look) for header in headers]


def set_row_height(ws: Any, row: int, texts: Iterable[tuple[str | None, float]], *,
                   bold: bool = False, max_lines: int = MAX_LINES) -> None:
    """Give row `row` (not yet written) the height its wrapped `texts` need (at most
    `max_lines` lines)."""
    height = row_height(texts, bold=bold, max_lines=max_lines)
    if height is None:
        return
    if hasattr(ws, "_values_to_row"):
        # Write-only: the writer only copies the row's attributes; a RowDimension object
        # (twenty descriptors to build, then to read back) costs more than the row.
        ws.row_dimensions[row] = {"ht": str(height), "customHeight": "1"}
    else:
        ws.row_dimensions[row].height = height


def set_row_style(ws: Any, row: int, style_id: int) -> None:
    """Give row `row` (not yet written) a style of its own, taken by its empty cells
    (a band of colour across a sheet without a cell per column)."""
    if hasattr(ws, "_values_to_row"):
        attributes = ws.row_dimensions.get(row) or {}
        ws.row_dimensions[row] = {**attributes, "s": str(style_id), "customFormat": "1"}
    else:
        ws.row_dimensions[row]._style = ws.parent._cell_styles[style_id]


def write_header(ws: Any, cells: SheetCells, columns: Sequence[Column], *, row: int) -> None:
    """The header row of `columns` (it is row `row` of the sheet), tall enough for them."""
    set_row_height(ws, row, ((c.header, c.width) for c in columns), bold=True)
    ws.append(header_row(cells, [column.header for column in columns]))


def write_rows(
    ws: Any,
    cells: SheetCells,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    *,
    first_row: int,
    max_lines: int = MAX_LINES,
) -> int:
    """Append `rows` (plain values, in the order of `columns`) from row `first_row` on,
    each as tall as its wrapped texts need (up to `max_lines` lines); the number of rows
    written."""
    converters = [column.converter(cells) for column in columns]
    wrapped = [(index, column.width) for index, column in enumerate(columns)
               if column.look is not None and column.look.wrap and column.sets_height]
    count = 0
    append = ws.append
    for row in rows:
        if wrapped:
            # Most texts fit on one line: only rows with a long one get a height.
            long = [(row[index], width) for index, width in wrapped
                    if row[index] and (len(row[index]) >= width or "\n" in row[index])]
            if long:
                set_row_height(ws, first_row + count, long, max_lines=max_lines)
        append([convert(value) for convert, value in zip(converters, row, strict=True)])
        count += 1
    return count


# --- Excel tables ------------------------------------------------------------------------

_NOT_IN_NAME = re.compile(r"[^0-9A-Za-z_.]")
_LOOKS_LIKE_REFERENCE = re.compile(r"^([A-Za-z]{1,3}[0-9]+|[RrCc]([0-9]+)?|[Rr][0-9]+[Cc][0-9]+)$")


def table_name(workbook: Workbook, wanted: str) -> str:
    """A valid table name, unique in the workbook, made from `wanted` ("Décisions" ->
    "Decisions", then "Decisions_2"…). Excel refuses spaces, names looking like a cell
    ("A1", "R1C1") and duplicates (ignoring case), and repairs the file if it finds one."""
    ascii_name = unicodedata.normalize("NFKD", wanted).encode("ascii", "ignore").decode()
    base = _NOT_IN_NAME.sub("_", ascii_name).strip("_.") or "Tableau"
    if not (base[0].isalpha() or base[0] == "_"):
        base = "T_" + base
    if _LOOKS_LIKE_REFERENCE.match(base):
        base = "T_" + base
    base = base[:200]
    name, number = base, 1
    while _name_taken(workbook, name):
        number += 1
        name = f"{base}_{number}"
    return name


def _name_taken(workbook: Workbook, name: str) -> bool:
    wanted = name.casefold()
    for sheet in workbook.worksheets:
        if any(existing.casefold() == wanted for existing in sheet.tables):
            return True
    return any(existing.casefold() == wanted for existing in workbook.defined_names)


def add_table(
    ws: Any,
    name: str,
    headers: Sequence[str],
    *,
    first_row: int,
    row_count: int,
    first_column: int = 1,
    style: str = "TableStyleMedium2",
) -> Table:
    """A real Excel table (filter buttons, banded rows) over a header row and its rows.

    Works in write-only mode (columns are named here, openpyxl cannot read them back).
    An empty table keeps one blank row: Excel refuses a table of a header alone.
    """
    last_column = first_column + len(headers) - 1
    last_row = first_row + max(row_count, 1)
    ref = (f"{get_column_letter(first_column)}{first_row}:"
           f"{get_column_letter(last_column)}{last_row}")
    table = Table(displayName=table_name(ws.parent, name), ref=ref)
    table.tableColumns = [
        TableColumn(id=index, name=clean_text(header).replace("\n", " "))
        for index, header in enumerate(headers, start=1)
    ]
    table.autoFilter = AutoFilter(ref=ref)  # the filter buttons
    table.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
    with warnings.catch_warnings():  # "in write-only mode you must add table columns": done
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(table)
    return table


# --- Conditional formats -----------------------------------------------------------------

@dataclass(frozen=True)
class Highlight:
    fill: str | None  # background "RRGGBB", None to keep the cell's
    colour: str | None = None  # text colour
    bold: bool = False

    def rule_style(self) -> dict[str, Any]:
        style: dict[str, Any] = {}
        if self.fill:
            # Conditional formats paint with bgColor; fgColor for older readers.
            style["fill"] = PatternFill(fill_type="solid", fgColor=self.fill,
                                        bgColor=self.fill)
        if self.colour or self.bold:
            style["font"] = Font(color=self.colour, bold=self.bold)
        return style


def excel_string(text: str) -> str:
    """`text` as a string literal inside an Excel formula."""
    return '"' + text.replace('"', '""') + '"'


def highlight_values(ws: Any, ref: str, highlights: Mapping[str, Highlight]) -> None:
    """Colour the cells of `ref` equal to each text (a status column, say)."""
    for text, highlight in highlights.items():
        ws.conditional_formatting.add(
            ref, CellIsRule(operator="equal", formula=[excel_string(text)],
                            **highlight.rule_style())
        )


def highlight_rows(ws: Any, ref: str, formula: str, highlight: Highlight) -> None:
    """Colour the rows of `ref` where `formula` (written for its first row, with $ on
    the column: '$Z5="Oui"') is true."""
    ws.conditional_formatting.add(ref, FormulaRule(formula=[formula],
                                                   **highlight.rule_style()))
