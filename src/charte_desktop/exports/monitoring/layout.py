"""What every sheet of the tableau de suivi shares: colours, title rows, the data table."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.workbook import Workbook

from charte_desktop.db.enums import DisplayStatus
from charte_desktop.exports.monitoring.data import MonitoringData
from charte_desktop.exports.xlsx_cells import Column, Highlight, WorkbookLooks
from charte_desktop.exports.xlsx_cells.table_sheet import YES, TableSheet
from charte_desktop.exports.xlsx_cells.table_sheet import table_sheet as shared_table_sheet
from charte_desktop.exports.xlsx_cells.values import MAX_LINES
from charte_desktop.formatting import format_date
from charte_desktop.services.indicators import IndicatorState


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


def highlights(colours: dict[Any, Colours]) -> dict[str, Highlight]:
    """Conditional colours by label ("En retard" -> red on pale red)."""
    return {key.label: Highlight(c.fill, c.text) for key, c in colours.items()}


def footer(data: MonitoringData) -> str:
    return f"{data.territory} – Tableau de suivi au {format_date(data.today)}".lstrip(" –")


def subtitle(data: MonitoringData, what: str) -> str:
    parts = [data.territory, data.title, what, f"situation au {format_date(data.today)}"]
    return " · ".join(part for part in parts if part)


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
    page_columns: int | None = None,
    totals: Sequence[str] = (),
    max_lines: int = MAX_LINES,
) -> TableSheet:
    """A table sheet of the tableau de suivi (see xlsx_cells.table_sheet)."""
    return shared_table_sheet(
        workbook, looks, title=title, subtitle=subtitle(data, what), footer=footer(data),
        columns=columns, rows=rows, frozen_columns=frozen_columns,
        page_columns=page_columns, totals=totals, max_lines=max_lines)


def colour_late_rows(sheet: TableSheet, header: str) -> None:
    """Highlight the rows whose `header` column says "Oui" (late rows)."""
    sheet.colour_rows_where(header, YES, LATE_ROW)


def joined(values: Iterable[str] | None) -> str:
    return ", ".join(values or ())
