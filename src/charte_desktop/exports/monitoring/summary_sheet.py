"""Sheet "Synthèse": counts by status and by axis, budget and co-financing totals, the
budget per year, and two native charts (actions by status, budget by axis).

Blocks are narrow (columns A to C) at the top so that the charts sit beside them (E to
H); the wide per-axis block comes below both. Rows are streamed (write-only mode), so the
layout is counted as it is written.
"""

from decimal import Decimal
from typing import Any

from openpyxl.workbook import Workbook

from charte_desktop.db.enums import DisplayStatus
from charte_desktop.exports.monitoring.charts import budget_chart, status_chart
from charte_desktop.exports.monitoring.data import MonitoringData
from charte_desktop.exports.monitoring.layout import (
    STATUS_COLOURS,
    STATUS_ORDER,
    footer,
    subtitle,
)
from charte_desktop.exports.xlsx_cells import (
    SECTION,
    SUBTITLE,
    TITLE,
    TOTAL,
    Look,
    SheetCells,
    WorkbookLooks,
    header_row,
    prepare_sheet,
    set_row_height,
)

SHEET = "Synthèse"
WIDTHS = (40, 16, 16, 16, 16, 16, 16, 16)  # 16: "123 456 789,00 €" fits
CHARTS_COLUMN = "E"
AXES_BESIDE = 8  # more axes: the budget chart goes below the tables, as tall as needed
LABEL = Look(border=True, vertical="center")


class Rows:
    """Appends rows and knows the number of the last one written."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.last = 0

    def add(self, *values: Any) -> int:
        self.ws.append(list(values))
        self.last += 1
        return self.last

    def skip(self, count: int = 1) -> None:
        for _ in range(count):
            self.add()


def _share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    return Decimal(part) / Decimal(whole) if whole else None


def _status_block(rows: Rows, cells: SheetCells, data: MonitoringData) -> tuple[int, int]:
    """Statuses with counts and shares; (first, last) rows of the statuses."""
    rows.add(cells.text("Actions par statut", SECTION))
    rows.add(*header_row(cells, ["Statut", "Actions", "Part"]))
    total = sum(data.status_counts.values())
    first = rows.last + 1
    for status in STATUS_ORDER:
        colours = STATUS_COLOURS[status]
        look = LABEL.but(fill=colours.fill, colour=colours.text, bold=True)
        count = data.status_counts.get(status, 0)
        rows.add(cells.text(status.label, look), cells.integer(count, LABEL),
                 cells.percent(_share(count, total), LABEL))
    last = rows.last
    rows.add(cells.text("Total", TOTAL), cells.integer(total, TOTAL),
             cells.percent(Decimal(1) if total else None, TOTAL))
    return first, last


def _budget_block(rows: Rows, cells: SheetCells, data: MonitoringData) -> None:
    totals = data.budget
    rows.add(cells.text("Budget (actions abandonnées exclues)", SECTION))
    rows.add(*header_row(cells, ["", "Montant", "Part du prévu"]))
    remaining = max(totals.planned - totals.spent, Decimal(0))
    for label, amount in (("Prévu", totals.planned), ("Engagé", totals.committed),
                          ("Dépensé", totals.spent), ("Reste à dépenser", remaining)):
        share = _share(amount, totals.planned) if label != "Prévu" else None
        rows.add(cells.text(label, LABEL), cells.money(amount, LABEL),
                 cells.percent(share, LABEL) if share is not None else cells.text("", LABEL))


def _funding_block(rows: Rows, cells: SheetCells, data: MonitoringData) -> None:
    rows.add(cells.text("Cofinancements (actions abandonnées exclues)", SECTION))
    rows.add(*header_row(cells, ["État", "Financements", "Montant"]))
    for total in data.fundings:
        rows.add(cells.text(total.state.label, LABEL), cells.integer(total.count, LABEL),
                 cells.money(total.amount, LABEL))
    rows.add(cells.text("Total", TOTAL),
             cells.integer(sum(t.count for t in data.fundings), TOTAL),
             cells.money(sum((t.amount for t in data.fundings), Decimal(0)), TOTAL))


AXIS_HEADERS = ["Axe", "Actions", "Réalisées", "En retard", "Avancement moyen",
                "Budget prévu", "Budget engagé", "Budget dépensé"]


def _axis_block(rows: Rows, cells: SheetCells, data: MonitoringData) -> tuple[int, int]:
    """One line per top-level axis; (header row, last axis row)."""
    rows.add(cells.text("Par axe (avancement et budget : actions abandonnées exclues)",
                        SECTION))
    set_row_height(rows.ws, rows.last + 1, zip(AXIS_HEADERS, WIDTHS, strict=True), bold=True)
    header = rows.add(*header_row(cells, AXIS_HEADERS))
    wrapped = LABEL.but(wrap=True)
    for axis in data.axes:
        set_row_height(rows.ws, rows.last + 1, [(axis.label, WIDTHS[0])])
        rows.add(cells.text(axis.label, wrapped), cells.integer(axis.actions, LABEL),
                 cells.integer(axis.done, LABEL), cells.integer(axis.late, LABEL),
                 cells.percent(axis.progress, LABEL) if axis.progress is not None
                 else cells.text("", LABEL),
                 cells.money(axis.planned, LABEL), cells.money(axis.committed, LABEL),
                 cells.money(axis.spent, LABEL))
    last = rows.last
    carried = sum(axis.carried for axis in data.axes)
    progress = (sum(axis.progress_sum for axis in data.axes) / carried / 100
                if carried else None)
    rows.add(cells.text("Total", TOTAL), cells.integer(len(data.actions), TOTAL),
             cells.integer(data.status_counts.get(DisplayStatus.DONE, 0), TOTAL),
             cells.integer(data.status_counts.get(DisplayStatus.LATE, 0), TOTAL),
             cells.percent(progress, TOTAL) if progress is not None else cells.text("", TOTAL),
             cells.money(data.budget.planned, TOTAL), cells.money(data.budget.committed, TOTAL),
             cells.money(data.budget.spent, TOTAL))
    return header, last


def _year_block(rows: Rows, cells: SheetCells, data: MonitoringData) -> None:
    rows.add(cells.text("Budget par année (actions détaillées par année)", SECTION))
    if not data.budget_by_year:
        rows.add(cells.text("Aucune action n'a de budget détaillé par année.", SUBTITLE))
        return
    rows.add(*header_row(cells, ["Année", "Actions", "Budget prévu", "Budget engagé",
                                 "Budget dépensé"]))
    for line in data.budget_by_year:
        rows.add(cells.text(line.label, LABEL), cells.integer(line.action_count, LABEL),
                 cells.money(line.planned, LABEL), cells.money(line.committed, LABEL),
                 cells.money(line.spent, LABEL))
    total = data.budget_years_total
    rows.add(cells.text(total.label, TOTAL), cells.integer(total.action_count, TOTAL),
             cells.money(total.planned, TOTAL), cells.money(total.committed, TOTAL),
             cells.money(total.spent, TOTAL))


def write_summary(workbook: Workbook, looks: WorkbookLooks, data: MonitoringData) -> None:
    ws = workbook.create_sheet(SHEET)
    cells = SheetCells(ws, looks)
    prepare_sheet(ws, WIDTHS, footer=footer(data))
    rows = Rows(ws)
    rows.add(cells.text(f"Tableau de suivi – {data.title}", TITLE))
    rows.add(cells.text(subtitle(data, ""), SUBTITLE))
    rows.skip()
    status_top = rows.last + 1
    first_status, last_status = _status_block(rows, cells, data)
    rows.skip()
    budget_top = rows.last + 1
    _budget_block(rows, cells, data)
    rows.skip()
    _funding_block(rows, cells, data)
    rows.skip(2)
    axis_header, last_axis = _axis_block(rows, cells, data)
    rows.skip()
    _year_block(rows, cells, data)
    ws.add_chart(status_chart(ws, first_status, last_status),
                 f"{CHARTS_COLUMN}{status_top}")
    axes = last_axis - axis_header
    if axes == 0:
        return
    chart = budget_chart(ws, axis_header, last_axis)
    if axes <= AXES_BESIDE:
        ws.add_chart(chart, f"{CHARTS_COLUMN}{budget_top + 1}")
    else:
        chart.width, chart.height = 24.0, 3.0 + 0.9 * axes
        ws.add_chart(chart, f"A{rows.last + 2}")
