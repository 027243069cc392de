"""What every sheet of the tableau de suivi shares: colours, title rows, the data table."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from charte_desktop.db.enums import DisplayStatus
from charte_desktop.exports.monitoring.data import MonitoringData
from charte_desktop.exports.xlsx_cells import (
    SUBTITLE,
    TITLE,
    Column,
    Highlight,
    SheetCells,
    WorkbookLooks,
    add_table,
    highlight_rows,
    highlight_values,
    prepare_sheet,
    write_header,
    write_rows,
)
from charte_desktop.formatting import format_date
from charte_desktop.services.indicators import IndicatorState

HEADER_ROW = 3  # title, subtitle, then the table's header
FIRST_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class Colours:
    fill: str  # pale background of a cell
    text: str  # dark text on that background
    bar: str  # a chart's bar


STATUS_COLOURS = {
    DisplayStatus.TO_START: Colours("EDEDED", "404040", "A6A6A6"),
    DisplayStatus.IN_PROGRESS: Colours("DDEBF7", "1F4E78", "5B9BD5"),
    DisplayStatus.DONE: Colours("C6EFCE", "006100", "70AD47"),
    DisplayStatus.LATE: Colours("FFC7CE", "9C0006", "C00000"),
    DisplayStatus.SUSPENDED: Colours("FFEB9C", "7F6000", "FFC000"),
    DisplayStatus.ABANDONED: Colours("D9D9D9", "595959", "7F7F7F"),
}
# The order of the Synthèse: what needs attention first.
STATUS_ORDER = (DisplayStatus.IN_PROGRESS, DisplayStatus.LATE, DisplayStatus.TO_START,
                DisplayStatus.DONE, DisplayStatus.SUSPENDED, DisplayStatus.ABANDONED)
INDICATOR_COLOURS = {
    IndicatorState.ACHIEVED: STATUS_COLOURS[DisplayStatus.DONE],
    IndicatorState.ON_TRACK: STATUS_COLOURS[DisplayStatus.IN_PROGRESS],
    IndicatorState.BEHIND: STATUS_COLOURS[DisplayStatus.LATE],
    IndicatorState.NO_MEASURE: STATUS_COLOURS[DisplayStatus.TO_START],
}
LATE_ROW = Highlight("FCE4E4")
YES = "Oui"  # what Kind.YES_NO writes for True


def highlights(colours: dict[Any, Colours]) -> dict[str, Highlight]:
    """Conditional colours by label ("En retard" -> red on pale red)."""
    return {key.label: Highlight(c.fill, c.text) for key, c in colours.items()}


def footer(data: MonitoringData) -> str:
    return f"{data.territory} – Tableau de suivi au {format_date(data.today)}".lstrip(" –")


def subtitle(data: MonitoringData, what: str) -> str:
    parts = [data.territory, data.title, what, f"situation au {format_date(data.today)}"]
    return " · ".join(part for part in parts if part)


@dataclass
class TableSheet:
    """A sheet holding one Excel table under a title and a subtitle."""

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

    def colour_rows_where_yes(self, header: str, highlight: Highlight = LATE_ROW) -> None:
        """Highlight the rows whose `header` column says "Oui" (late rows, say)."""
        letter = self.column_letter(header)
        highlight_rows(self.ws, self.body_ref, f'${letter}{FIRST_ROW}="{YES}"', highlight)


def table_sheet(
    workbook: Workbook,
    looks: WorkbookLooks,
    data: MonitoringData,
    *,
    title: str,
    what: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    frozen_columns: int = 0,
    printed_columns: int | None = None,
) -> TableSheet:
    """A sheet "title" with its title rows and one filterable Excel table of `rows`.

    The header is frozen (and the first `frozen_columns` columns), repeated on every
    printed page; the page is landscape, fitted to its width. `printed_columns` limits
    the print to the first columns (a sheet too wide to read once fitted to a page).
    """
    ws = workbook.create_sheet(title)
    cells = SheetCells(ws, looks)
    prepare_sheet(ws, [column.width for column in columns],
                  freeze=f"{get_column_letter(frozen_columns + 1)}{FIRST_ROW}",
                  title_rows=f"{HEADER_ROW}:{HEADER_ROW}", footer=footer(data))
    ws.append([cells.text(title, TITLE)])
    ws.append([cells.text(subtitle(data, what), SUBTITLE)])
    write_header(ws, cells, columns, row=HEADER_ROW)
    sheet = TableSheet(ws, cells, columns)
    sheet.count = write_rows(ws, cells, columns, rows, first_row=FIRST_ROW)
    add_table(ws, title, [column.header for column in columns], first_row=HEADER_ROW,
              row_count=sheet.count)
    if printed_columns is not None:
        ws.print_area = f"A1:{get_column_letter(printed_columns)}{sheet.last_row}"
    return sheet


def joined(values: Iterable[str] | None) -> str:
    return ", ".join(values or ())
