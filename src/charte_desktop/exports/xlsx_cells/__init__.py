"""Safe spreadsheet helpers shared by every Excel writer (openpyxl, write-only mode too).

- `values`: rules on plain values (text cleaning, formula guard, number formats, widths);
- `cells`: `SheetCells`, the cell maker: text that never becomes a formula, real dates,
  euros, integers and percentages with French formats, looks built once per workbook;
- `sheets`: columns, widths, frozen header, print setup, Excel tables with unique names,
  conditional highlights;
- `saving`: new workbook, atomic save.

Import this package only inside a writer function (it loads openpyxl).
"""

from charte_desktop.exports.xlsx_cells.cells import (
    CENTRED,
    HEADER,
    LINK,
    PLAIN,
    SECTION,
    SUBTITLE,
    TITLE,
    TOP,
    TOTAL,
    WRAPPED,
    WRAPPED_LOW,
    Look,
    SheetCells,
    WorkbookLooks,
)
from charte_desktop.exports.xlsx_cells.saving import new_workbook, save_workbook
from charte_desktop.exports.xlsx_cells.sheets import (
    Column,
    Highlight,
    Kind,
    Quantity,
    add_table,
    excel_string,
    header_row,
    highlight_rows,
    highlight_values,
    prepare_sheet,
    set_row_height,
    set_row_style,
    table_name,
    write_header,
    write_rows,
)
from charte_desktop.exports.xlsx_cells.values import (
    DATE_FORMAT,
    INTEGER_FORMAT,
    MONEY_FORMAT,
    PERCENT_FORMAT,
    clean_text,
    decimals_of,
    fitted_width,
    needs_text_guard,
    quantity_format,
    row_height,
)

__all__ = [
    "CENTRED",
    "DATE_FORMAT",
    "HEADER",
    "INTEGER_FORMAT",
    "LINK",
    "MONEY_FORMAT",
    "PERCENT_FORMAT",
    "PLAIN",
    "SECTION",
    "SUBTITLE",
    "TITLE",
    "TOP",
    "TOTAL",
    "WRAPPED",
    "WRAPPED_LOW",
    "Column",
    "Highlight",
    "Kind",
    "Look",
    "Quantity",
    "SheetCells",
    "WorkbookLooks",
    "add_table",
    "clean_text",
    "decimals_of",
    "excel_string",
    "fitted_width",
    "header_row",
    "highlight_rows",
    "highlight_values",
    "needs_text_guard",
    "new_workbook",
    "prepare_sheet",
    "quantity_format",
    "row_height",
    "save_workbook",
    "set_row_height",
    "set_row_style",
    "table_name",
    "write_header",
    "write_rows",
]
