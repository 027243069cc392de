"""A whole sheet holding one Excel table under a title and a subtitle: what most export
sheets are (actions, measurements, contacts…)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.pagebreak import Break

from charte_desktop.exports.xlsx_cells.cells import (
    SUBTITLE,
    TITLE,
    TOTAL,
    SheetCells,
    WorkbookLooks,
)
from charte_desktop.exports.xlsx_cells.sheets import (
    Column,
    Highlight,
    Kind,
    add_table,
    highlight_rows,
    highlight_values,
    prepare_sheet,
    write_header,
    write_rows,
)
from charte_desktop.exports.xlsx_cells.values import INTEGER_FORMAT, MAX_LINES, MONEY_FORMAT

HEADER_ROW = 3  # title, subtitle, then the table's header
FIRST_ROW = HEADER_ROW + 1
YES = "Oui"  # what Kind.YES_NO writes for True


@dataclass
class TableSheet:
    """A written table sheet, to add conditional colours to its columns or rows."""

    ws: Any
    cells: SheetCells
    columns: Sequence[Column]
    count: int = 0

    def column_letter(self, header: str) -> str:
        index = next(i for i, c in enumerate(self.columns, start=1) if c.header == header)
        return get_column_letter(index)

    @property
    def last_row(self) -> int:
        return HEADER_ROW + max(self.count, 1)

    def column_ref(self, header: str) -> str:
        letter = self.column_letter(header)
        return f"{letter}{FIRST_ROW}:{letter}{self.last_row}"

    @property
    def body_ref(self) -> str:
        return f"A{FIRST_ROW}:{get_column_letter(len(self.columns))}{self.last_row}"

    def colour_values(self, header: str, colours: dict[str, Highlight]) -> None:
        highlight_values(self.ws, self.column_ref(header), colours)

    def colour_rows_where(self, header: str, value: str, highlight: Highlight) -> None:
        """Highlight the rows whose `header` column holds `value` ("Oui", say)."""
        letter = self.column_letter(header)
        text = '"' + value.replace('"', '""') + '"'
        highlight_rows(self.ws, self.body_ref, f"${letter}{FIRST_ROW}={text}", highlight)


def table_sheet(
    workbook: Workbook,
    looks: WorkbookLooks,
    *,
    title: str,
    subtitle: str,
    footer: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    frozen_columns: int = 0,
    page_columns: int | None = None,
    totals: Sequence[str] = (),
    max_lines: int = MAX_LINES,
) -> TableSheet:
    """A sheet named `title`, its title rows and one filterable Excel table of `rows`.

    The header is frozen (and the first `frozen_columns` columns), repeated on every
    printed page; the page is landscape, fitted to its width. A sheet too wide to read
    on one page width gives `page_columns`: they print first, the other columns on the
    following pages, the frozen columns (code, title) repeated on each. `totals` names
    the columns summed under the table by SUBTOTAL(109, …): a total that follows the
    table's filters. A row is as tall as its wrapped texts need, up to `max_lines` lines.
    """
    ws = workbook.create_sheet(title)
    cells = SheetCells(ws, looks)
    prepare_sheet(ws, [column.width for column in columns],
                  freeze=f"{get_column_letter(frozen_columns + 1)}{FIRST_ROW}",
                  title_rows=f"{HEADER_ROW}:{HEADER_ROW}", footer=footer)
    ws.append([cells.text(title, TITLE)])
    ws.append([cells.text(subtitle, SUBTITLE)])
    write_header(ws, cells, columns, row=HEADER_ROW)
    sheet = TableSheet(ws, cells, columns)
    sheet.count = write_rows(ws, cells, columns, rows, first_row=FIRST_ROW,
                             max_lines=max_lines)
    add_table(ws, title, [column.header for column in columns], first_row=HEADER_ROW,
              row_count=sheet.count)
    if totals:
        _total_row(sheet, totals)
    if page_columns is not None and page_columns < len(columns):
        # Two page widths, the break after `page_columns`; pages read down then over:
        # the main table first, then its details with the code and title repeated.
        ws.col_breaks.append(Break(id=page_columns))
        ws.page_setup.fitToWidth = 2
        if frozen_columns:
            ws.print_title_cols = f"A:{get_column_letter(frozen_columns)}"
    return sheet


TOTAL_LABEL = "Total des lignes affichées"
TOTAL_FILL = "F2F2F2"  # the light grey of the Synthèse's subtotals


def _total_row(sheet: TableSheet, totals: Sequence[str]) -> None:
    """A total row one line under the table (outside it: sorting the table leaves it)."""
    cells, ws = sheet.cells, sheet.ws
    by_header = {column.header: (index, column) for index, column in
                 enumerate(sheet.columns, start=1)}
    # One grey band across the table's width, not a label and sums adrift.
    band = TOTAL.but(fill=TOTAL_FILL)
    values: list[Any] = [cells.text("", band) for _ in sheet.columns]
    values[0] = cells.text(TOTAL_LABEL, band)
    for header in totals:
        index, column = by_header[header]
        number_format = {Kind.MONEY: MONEY_FORMAT}.get(column.kind, INTEGER_FORMAT)
        values[index - 1] = cells.subtotal(index, FIRST_ROW, sheet.last_row,
                                           number_format=number_format, look=band)
    ws.append([])
    ws.append(values)
