"""Sheet "Actions": one row per action with every column, late rows highlighted; under
the table, the total of the rows shown, the part of it that abandoned actions make (the
Synthèse leaves them out: the two totals reconcile) and, for several plans, a subtotal
per plan. Each row is as tall as its wrapped texts (partners, description…) need.

Totals and subtotals are formulas over our own cells only: SUBTOTAL(109, …) leaves out
the rows a filter hides; a plan's subtotal picks its rows by the « Plan » column,
compared with the plan's title written in its own row, so sorting the table keeps it
true; the abandoned actions' line picks them by the « Statut » column, compared with our
own label. No text typed by a user is ever part of a formula."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl.workbook import Workbook

from charte_desktop.db.enums import DisplayStatus
from charte_desktop.exports.monitoring.data import MonitoringData
from charte_desktop.exports.monitoring.layout import (
    STATUS_COLOURS,
    colour_late_rows,
    highlights,
    joined,
    table_sheet,
)
from charte_desktop.exports.monitoring.paging import page_height
from charte_desktop.exports.monitoring.summary_axes import SUBTOTAL
from charte_desktop.exports.progress import stepped
from charte_desktop.exports.xlsx_cells import (
    MONEY_FORMAT,
    WRAPPED_LOW,
    Column,
    Kind,
    Look,
    Quantity,
    WorkbookLooks,
    excel_string,
    fitted_width,
    quantity_length,
    quantity_width,
    set_row_height,
)
from charte_desktop.exports.xlsx_cells.table_sheet import FIRST_ROW, TableSheet
from charte_desktop.exports.xlsx_cells.values import LINE_HEIGHT, MAX_LINES
from charte_desktop.services.monitoring import ActionExtras

TITLE = "Actions"
PLAN, LABEL_COLUMN = "Plan", "Intitulé"
STATUS, LATE, WHY_LATE = "Statut", "En retard", "Motif du retard"
REQUESTED, GRANTED = "Cofinancements sollicités", "Cofinancements acquis ou versés"
MONEY_TOTALS = ("Budget prévu", "Budget engagé", "Budget dépensé", REQUESTED, GRANTED)
ABANDONED_LABEL = "dont actions abandonnées (exclues de la Synthèse)"
ABANDONED_LOOK = Look(italic=True)
HEADER_LINES = 3  # the header repeated on each printed page: three bold lines at most


def _money_width(amounts: list[Decimal]) -> float:
    """A money column as wide as its total needs (« 123 456 789,00 € » and more)."""
    return quantity_width(16, [quantity_length(sum(amounts, Decimal(0)), 2, "€")])


def _columns(data: MonitoringData) -> tuple[list[Column], int]:
    """The columns, and how many fill the first page width: what a COPIL reads first;
    details (scores, co-pilots, partners, fundings, description) print on the next pages,
    the code and title repeated."""
    pilots = fitted_width("Pilote", (row.pilot_name for row in data.actions), maximum=22)
    printed = [
        Column("Code", width=8),
        Column("Intitulé", width=42, look=WRAPPED_LOW),
        Column("Axe", width=26, look=WRAPPED_LOW),
        Column(STATUS, width=12),
        Column(LATE, Kind.YES_NO, 9),
        Column("Priorité", width=10),
        Column("Pilote", width=pilots, look=WRAPPED_LOW),
        Column("Début", Kind.DATE, 11),
        Column("Fin", Kind.DATE, 11),
        Column("Avancement", Kind.PERCENT, 13),
        Column("Prochain jalon", Kind.DATE, 11),
        Column("Budget prévu", Kind.MONEY,
               _money_width([row.budget_planned for row in data.actions])),
        Column("Budget engagé", Kind.MONEY,
               _money_width([row.budget_committed for row in data.actions])),
        Column("Budget dépensé", Kind.MONEY,
               _money_width([row.budget_spent for row in data.actions])),
    ]
    if data.several_plans:
        printed.insert(2, Column(PLAN, width=24, look=WRAPPED_LOW))
    details = [
        # Beside the code and title repeated on the next pages: why the row is red.
        Column(WHY_LATE, width=40, look=WRAPPED_LOW),
        Column("Score", Kind.QUANTITY, 8),  # weights with decimals give « 10,5 »
        Column("Rang", Kind.INTEGER, 7),
        # Every text is read on paper: the row is as tall as the longest needs (the
        # partners' list, the widest, is what most often makes a row tall).
        Column("Copilotes", width=20, look=WRAPPED_LOW),
        Column("Partenaires", width=36, look=WRAPPED_LOW),
        Column("Groupe projet", width=18, look=WRAPPED_LOW),
        Column("Politiques publiques", width=12, look=WRAPPED_LOW),
        Column("Jalons", Kind.INTEGER, 8),
        Column("Jalons réalisés", Kind.INTEGER, 9),
        Column(REQUESTED, Kind.MONEY, _money_width(
            [data.extras[row.id].funding_requested for row in data.actions
             if row.id in data.extras])),
        Column(GRANTED, Kind.MONEY, _money_width(
            [data.extras[row.id].funding_granted for row in data.actions
             if row.id in data.extras])),
        Column("Description", width=60, look=WRAPPED_LOW),
    ]
    return printed + details, len(printed)


def _milestones(data: MonitoringData) -> dict[int, tuple[int, int, date | None]]:
    """(milestones, done, next undone due date) by action id."""
    result: dict[int, tuple[int, int, date | None]] = {}
    for row in data.milestones:  # by due date within an action
        total, done, upcoming = result.get(row.action_id, (0, 0, None))
        if not row.done and upcoming is None:
            upcoming = row.due_date
        result[row.action_id] = (total + 1, done + row.done, upcoming)
    return result


def _rows(data: MonitoringData) -> Iterator[tuple[Any, ...]]:
    milestones = _milestones(data)
    empty = ActionExtras([], [], [])
    for row in data.actions:
        extras = data.extras.get(row.id, empty)
        rank = data.ranking.get(row.id)
        total, done, upcoming = milestones.get(row.id, (0, 0, None))
        axis = f"{row.axis_code or ''} {row.axis_title}".strip() if row.axis_title else None
        values: list[Any] = [
            row.code, row.title, axis, row.status.label, row.status is DisplayStatus.LATE,
            row.priority.label if row.priority else None, row.pilot_name,
            row.start_date, row.end_date, row.progress / 100, upcoming,
            row.budget_planned, row.budget_committed, row.budget_spent,
            " ; ".join(data.late_reasons.get(row.id, ())) or None,
            score_cell(rank.score) if rank else None, rank.rank if rank else None,
            joined(extras.copilots) or None, joined(extras.partners) or None,
            extras.project_group, joined(extras.policies) or None, total, done,
            extras.funding_requested, extras.funding_granted, extras.description or None,
        ]
        if data.several_plans:
            values.insert(2, data.plan_titles.get(row.plan_id))
        yield tuple(values)


def score_cell(score: Decimal | int) -> Quantity:
    """A priorisation score with the decimals it has (10, 10,5, 10,25), no more."""
    exponent = Decimal(score).normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Quantity(score, min(decimals, 2))


def max_lines(columns: list[Column], printed: int) -> int:
    """Lines a row may take: what a printed page holds under its repeated header (the
    widest of the two page widths, the code and title repeated on the second)."""
    widths = [column.width for column in columns]
    pages = (widths[:printed], widths[:2] + widths[printed:])
    room = page_height(max(pages, key=sum)) - HEADER_LINES * LINE_HEIGHT
    return max(MAX_LINES, int(room // LINE_HEIGHT))


def write_actions(workbook: Workbook, looks: WorkbookLooks, data: MonitoringData) -> None:
    count = len(data.actions)
    columns, printed = _columns(data)
    sheet = table_sheet(
        workbook, looks, data, title=TITLE,
        what=f"{count} action{'s' if count > 1 else ''}",
        columns=columns, rows=stepped(_rows(data), count), frozen_columns=2, page_columns=printed,
        totals=MONEY_TOTALS, max_lines=max_lines(columns, printed),
    )
    sheet.colour_values(STATUS, highlights(STATUS_COLOURS))
    colour_late_rows(sheet, LATE)
    if any(row.status is DisplayStatus.ABANDONED for row in data.actions):
        _abandoned_line(sheet)
    if data.several_plans and count:
        _plan_subtotals(sheet, data)


def _shown_sum(sheet: TableSheet, header: str, by: str, equal_to: str) -> str:
    """The sum of column `header` over the rows shown whose column `by` equals
    `equal_to` (a cell or a literal of ours); built from column letters and row numbers
    only."""
    letter, key = sheet.column_letter(header), sheet.column_letter(by)
    first, last = FIRST_ROW, sheet.last_row
    values = f"{letter}{first}:{letter}{last}"
    shown = f"SUBTOTAL(109,OFFSET({letter}{first},ROW({values})-ROW({letter}{first}),0))"
    return f"=SUMPRODUCT({shown},--(${key}${first}:${key}${last}={equal_to}))"


def _abandoned_line(sheet: TableSheet) -> None:
    """Right under the total line: the part of each money total that abandoned actions
    make (of the rows shown), which the Synthèse leaves out."""
    ws, cells = sheet.ws, sheet.cells
    headers = [column.header for column in sheet.columns]
    values: list[Any] = [None] * len(headers)
    values[0] = cells.text(ABANDONED_LABEL, ABANDONED_LOOK)  # runs on over the title
    money = ABANDONED_LOOK.but(number_format=MONEY_FORMAT)
    abandoned = excel_string(DisplayStatus.ABANDONED.label)
    for header in MONEY_TOTALS:
        values[headers.index(header)] = cells.styled(
            _shown_sum(sheet, header, STATUS, abandoned), money, "f")
    ws.append(values)


def _plan_subtotal(sheet: TableSheet, header: str, plan_cell: str) -> str:
    """The sum of column `header` over the rows shown whose plan is the one named in
    `plan_cell`."""
    return _shown_sum(sheet, header, PLAN, plan_cell)


def _plan_subtotals(sheet: TableSheet, data: MonitoringData) -> None:
    """One line per plan under the total line (itself one line under the table): its
    title in the « Plan » column, the subtotals of the money columns."""
    ws, cells = sheet.ws, sheet.cells
    row = sheet.last_row + 2  # the total line
    if any(action.status is DisplayStatus.ABANDONED for action in data.actions):
        row += 1  # the abandoned actions' line
    carried = {action.plan_id for action in data.actions}
    plans = [plan_id for plan_id in data.plan_titles if plan_id in carried]
    ws.append([])
    row += 1
    headers = [column.header for column in sheet.columns]
    label_width = sheet.columns[headers.index(LABEL_COLUMN)].width
    plan_width = sheet.columns[headers.index(PLAN)].width
    money = SUBTOTAL.but(number_format=MONEY_FORMAT)
    for plan_id in plans:
        row += 1
        title = data.plan_titles[plan_id]
        label = f"Sous-total {title}"
        set_row_height(ws, row, [(label, label_width), (title, plan_width)], bold=True)
        values: list[Any] = [None] * len(headers)  # as the total line: only what it says
        values[headers.index(LABEL_COLUMN)] = cells.text(label, SUBTOTAL)
        values[headers.index(PLAN)] = cells.text(title, SUBTOTAL)
        plan_cell = f"${sheet.column_letter(PLAN)}{row}"
        for header in MONEY_TOTALS:
            values[headers.index(header)] = cells.styled(
                _plan_subtotal(sheet, header, plan_cell), money, "f")
        ws.append(values)
