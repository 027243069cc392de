"""The Synthèse's per-axis table (with a subtotal per plan when it shows several plans)
and its per-plan budget table, laid out so that no page cuts them.

Subtotals and totals are SUBTOTAL(109, …) formulas over our own cells (a grand total of
SUBTOTAL leaves the plans' subtotals out, so nothing is counted twice); the progress,
weighted by each action's weight (services/progress_rollup.py), is written as a value.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from charte_desktop.exports.monitoring.data import AxisSummary, MonitoringData
from charte_desktop.exports.monitoring.paging import CM, ROW_HEIGHT, Rows
from charte_desktop.exports.xlsx_cells import (
    HEADER,
    INTEGER_FORMAT,
    MONEY_FORMAT,
    SECTION,
    TOTAL,
    Look,
    SheetCells,
    row_height,
    set_row_height,
)

AXIS_TITLE = "Par axe (avancement et budget : actions abandonnées exclues)"
AXIS_HEADERS = ["Axe", "Actions", "Réalisées", "En retard", "Avancement pondéré",
                "Budget prévu", "Budget engagé", "Budget dépensé"]
PLAN_HEADERS = ["Plan", *AXIS_HEADERS[1:]]
COUNT_COLUMNS = (2, 3, 4)
MONEY_COLUMNS = (6, 7, 8)
LABEL = Look(border=True, vertical="center")
PLAN_HEADING = Look(bold=True, fill="DDEBF7", colour="1F4E78", border=True, wrap=True,
                    vertical="center")
SUBTOTAL = TOTAL.but(fill="F2F2F2", wrap=True, vertical="center")
CONTINUED = " (suite)"


@dataclass
class _Group:
    """The axes of one plan (or "Sans axe"), summed."""

    title: str | None  # None: the axes of a single plan, or the actions without axis
    axes: list[AxisSummary] = field(default_factory=list)

    def total(self, label: str) -> AxisSummary:
        total = AxisSummary(label)
        for axis in self.axes:
            total.actions += axis.actions
            total.done += axis.done
            total.late += axis.late
            total.carried += axis.carried
            total.progress_sum += axis.progress_sum
            total.rollup += axis.rollup
            total.planned += axis.planned
            total.committed += axis.committed
            total.spent += axis.spent
        return total


def _groups(data: MonitoringData) -> list[_Group]:
    if not data.several_plans:
        return [_Group(None, list(data.axes))]
    groups = {plan_id: _Group(title) for plan_id, title in data.plan_titles.items()}
    loose = _Group(None)
    for axis in data.axes:
        groups.get(axis.plan_id or 0, loose).axes.append(axis)
    return [group for group in groups.values() if group.axes] + (
        [loose] if loose.axes else [])


def _height(text: str, width: float, bold: bool = False) -> float:
    return row_height([(text, width)], bold=bold) or ROW_HEIGHT


def _figures(cells: SheetCells, axis: AxisSummary, look: Look) -> list[Any]:
    progress = axis.progress
    return [cells.integer(axis.actions, look), cells.integer(axis.done, look),
            cells.integer(axis.late, look),
            cells.percent(progress, look) if progress is not None else cells.text("", look),
            cells.money(axis.planned, look), cells.money(axis.committed, look),
            cells.money(axis.spent, look)]


def _subtotals(cells: SheetCells, first: int, last: int, progress: float | None,
               look: Look) -> list[Any]:
    """SUBTOTAL(109, …) of rows `first` to `last`, our own cells, column by column."""
    values: list[Any] = []
    for column in range(2, 9):
        if column == 5:
            values.append(cells.percent(progress, look) if progress is not None
                          else cells.text("", look))
        else:
            number_format = MONEY_FORMAT if column in MONEY_COLUMNS else INTEGER_FORMAT
            values.append(cells.subtotal(column, first, last, number_format=number_format,
                                         look=look))
    return values


def axis_block(rows: Rows, cells: SheetCells, data: MonitoringData,
               widths: Sequence[float]) -> tuple[int, int] | None:
    """The table; (header row, last axis row) for a chart of a single plan's axes (None
    without any axis, or when the table shows several plans)."""
    groups = _groups(data)
    header_height = row_height(zip(AXIS_HEADERS, widths, strict=True), bold=True) or ROW_HEIGHT
    axis_heights = {id(a): _height(a.label, widths[0]) for g in groups for a in g.axes}
    group_heights = [sum(axis_heights[id(a)] for a in g.axes)
                     + (2 * _height(g.title, widths[0], True) if g.title else 0)
                     for g in groups]
    rows.keep_together(ROW_HEIGHT + header_height + sum(group_heights) + ROW_HEIGHT)
    rows.add(cells.text(AXIS_TITLE, SECTION))

    def header() -> int:
        set_row_height(rows.ws, rows.last + 1, zip(AXIS_HEADERS, widths, strict=True),
                       bold=True)
        return rows.add(*[cells.text(text, HEADER) for text in AXIS_HEADERS],
                        height=header_height)

    header_at = header()
    first = rows.last + 1
    wrapped = LABEL.but(wrap=True)
    for group, height in zip(groups, group_heights, strict=True):
        if rows.keep_together(height):  # a plan's axes stay on one page, header again
            rows.add(cells.text(AXIS_TITLE + CONTINUED, SECTION))
            header()
        group_first = rows.last + 1
        if group.title:
            set_row_height(rows.ws, rows.last + 1, [(group.title, widths[0])], bold=True)
            rows.add(cells.text(group.title, PLAN_HEADING),
                     *[cells.text("", PLAN_HEADING) for _ in range(7)],
                     height=_height(group.title, widths[0], True))
        for axis in group.axes:
            set_row_height(rows.ws, rows.last + 1, [(axis.label, widths[0])])
            rows.add(cells.text(axis.label, wrapped), *_figures(cells, axis, LABEL),
                     height=axis_heights[id(axis)])
        if group.title:
            label = f"Sous-total {group.title}"
            set_row_height(rows.ws, rows.last + 1, [(label, widths[0])], bold=True)
            rows.add(cells.text(label, SUBTOTAL),
                     *_subtotals(cells, group_first, rows.last,
                                 group.total(label).progress, SUBTOTAL),
                     height=_height(label, widths[0], True))
    last = rows.last
    everything = _Group(None, list(data.axes)).total("Total")
    rows.add(cells.text("Total", TOTAL),
             *_subtotals(cells, first, last, everything.progress, TOTAL))
    if data.several_plans or not data.axes:
        return None
    return header_at, last


def plan_budget_block(rows: Rows, cells: SheetCells, data: MonitoringData,
                      widths: Sequence[float], *, chart_height: float) -> tuple[int, int]:
    """"Budget par plan", one line per plan, kept on one page with the chart drawn from
    it under; (header row, last plan row)."""
    groups = [g for g in _groups(data) if g.title]
    rows.keep_together(ROW_HEIGHT * (len(groups) + 4) + chart_height * CM)
    rows.add(cells.text("Budget par plan (actions abandonnées exclues)", SECTION))
    set_row_height(rows.ws, rows.last + 1, [(AXIS_HEADERS[4], widths[4])], bold=True)
    header = rows.add(*[cells.text(text, HEADER) for text in PLAN_HEADERS],
                      height=2 * ROW_HEIGHT)
    wrapped = LABEL.but(wrap=True)
    for group in groups:
        assert group.title is not None
        total = group.total(group.title)
        set_row_height(rows.ws, rows.last + 1, [(group.title, widths[0])])
        rows.add(cells.text(group.title, wrapped), *_figures(cells, total, LABEL),
                 height=_height(group.title, widths[0]))
    last = rows.last
    rows.skip()
    return header, last

