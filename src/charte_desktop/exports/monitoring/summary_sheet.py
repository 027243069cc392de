"""Sheet "Synthèse": counts by status and by axis, budget and co-financing totals (by
state and by funder: « sollicité » always apart from « acquis » and « versé »), the budget
per year, and two native charts (actions by status, budget by axis or by plan).

Blocks are narrow (columns A to C) at the top so that the charts sit beside them (E to
H); the wide per-axis block comes below both. Rows are streamed (write-only mode), so the
layout and the printed pages are counted as they are written (`paging.Rows`): no table
and no chart is cut across two pages.
"""

from decimal import Decimal

from openpyxl.workbook import Workbook

from charte_desktop.db.enums import DisplayStatus, FundingState
from charte_desktop.exports.monitoring.charts import budget_chart, status_chart
from charte_desktop.exports.monitoring.data import MonitoringData
from charte_desktop.exports.monitoring.layout import (
    STATUS_COLOURS,
    STATUS_ORDER,
    footer,
    subtitle,
)
from charte_desktop.exports.monitoring.paging import CM, ROW_HEIGHT, Rows
from charte_desktop.exports.monitoring.summary_axes import axis_block, plan_budget_block
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
    row_height,
    set_row_height,
)
from charte_desktop.formatting import NBSP, format_money
from charte_desktop.services.budget import funders_total

SHEET = "Synthèse"
# 56: a plan's title on one line; 16: "123 456 789,00 €" fits
WIDTHS = (56, 16, 16, 16, 16, 16, 16, 16)
CHARTS_COLUMN = "E"
AXES_BESIDE = 8  # more axes: the budget chart goes below the tables, as tall as needed
CHART_HEIGHT = 15.0  # cm: a chart is at most this tall, to fit on a page with its title
LABEL = Look(border=True, vertical="center")
NOTE = SUBTITLE.but(wrap=True, vertical="top")


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
    note = abandoned_note(data)
    if note:
        set_row_height(rows.ws, rows.last + 1, [(note, WIDTHS[0])])
        rows.add(cells.text(note, NOTE),
                 height=row_height([(note, WIDTHS[0])]) or ROW_HEIGHT)


def abandoned_note(data: MonitoringData) -> str | None:
    """Why the budget here is not the total of the sheet « Actions » (None when no action
    is abandoned): « Hors actions abandonnées (1 : 30 000,00 € prévus), que… »."""
    abandoned = [row for row in data.actions if row.status is DisplayStatus.ABANDONED]
    if not abandoned:
        return None
    planned = sum((row.budget_planned for row in abandoned), Decimal(0))
    return (f"Hors actions abandonnées ({len(abandoned)}{NBSP}: {format_money(planned)} "
            f"prévus), que la feuille «{NBSP}Actions{NBSP}» compte dans son total.")


def _funding_block(rows: Rows, cells: SheetCells, data: MonitoringData) -> None:
    """By state; "acquis ou versé" is their sum, « sollicité » is never added to it."""
    rows.keep_together(ROW_HEIGHT * (len(data.fundings) + 3))
    rows.add(cells.text("Cofinancements par état (actions abandonnées exclues)", SECTION))
    rows.add(*header_row(cells, ["État", "Financements", "Montant"]))
    secured_count, secured = 0, Decimal(0)
    for total in data.fundings:
        rows.add(cells.text(total.state.label, LABEL), cells.integer(total.count, LABEL),
                 cells.money(total.amount, LABEL))
        if total.state is not FundingState.REQUESTED:
            secured_count += total.count
            secured += total.amount
    rows.add(cells.text("Acquis ou versé", TOTAL), cells.integer(secured_count, TOTAL),
             cells.money(secured, TOTAL))


FUNDER_HEADERS = ["Financeur", "Sollicité", "Acquis", "Versé", "Acquis ou versé"]


def _funder_block(rows: Rows, cells: SheetCells, data: MonitoringData) -> None:
    """One line per funder: what is asked, granted, paid, and granted or paid."""
    wrapped = LABEL.but(wrap=True)
    heights = [ROW_HEIGHT * (1 + len(f.funder) // 58) for f in data.funders]
    rows.keep_together(ROW_HEIGHT * 4 + sum(heights))
    rows.add(cells.text("Cofinancements par financeur (actions abandonnées exclues)",
                        SECTION))
    if not data.funders:
        rows.add(cells.text("Aucun cofinancement n'est enregistré.", SUBTITLE))
        return
    rows.add(*header_row(cells, FUNDER_HEADERS))
    for funder, height in zip(data.funders, heights, strict=True):
        set_row_height(rows.ws, rows.last + 1, [(funder.funder, WIDTHS[0])])
        rows.add(cells.text(funder.funder, wrapped), cells.money(funder.requested, LABEL),
                 cells.money(funder.granted, LABEL), cells.money(funder.paid, LABEL),
                 cells.money(funder.secured, LABEL.but(bold=True)), height=height)
    total = funders_total(data.funders)  # the window's total line too
    rows.add(cells.text(total.funder, TOTAL), cells.money(total.requested, TOTAL),
             cells.money(total.granted, TOTAL), cells.money(total.paid, TOTAL),
             cells.money(total.secured, TOTAL))


def _year_block(rows: Rows, cells: SheetCells, data: MonitoringData) -> None:
    rows.keep_together(ROW_HEIGHT * (len(data.budget_by_year) + 4))
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
    rows = Rows(ws, WIDTHS)
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
    _funder_block(rows, cells, data)
    rows.skip(2)
    axis_rows = axis_block(rows, cells, data, WIDTHS)
    rows.skip()
    ws.add_chart(status_chart(ws, first_status, last_status),
                 f"{CHARTS_COLUMN}{status_top}")
    chart = None
    if data.several_plans:
        # Budget per plan: the axes of several plans would be a forest of bars.
        header, last = plan_budget_block(rows, cells, data, WIDTHS,
                                         chart_height=CHART_HEIGHT)
        chart = budget_chart(ws, header, last, by_plan=True)
    elif axis_rows is not None:
        header, last = axis_rows
        chart = budget_chart(ws, header, last)
        if last - header <= AXES_BESIDE and budget_top + 14 < header:
            ws.add_chart(chart, f"{CHARTS_COLUMN}{budget_top + 1}")
            chart = None
    if chart is not None:
        categories = len(data.plan_titles) if data.several_plans else len(data.axes)
        chart.width, chart.height = 24.0, min(3.0 + 0.9 * categories, CHART_HEIGHT)
        rows.keep_together(chart.height * CM)
        ws.add_chart(chart, f"A{rows.last + 1}")
        rows.reserve(chart.height * CM)
    rows.skip()
    _year_block(rows, cells, data)
