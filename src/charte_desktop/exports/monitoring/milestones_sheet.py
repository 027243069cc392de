"""Sheet "Jalons": every milestone of the plan's actions, late ones highlighted."""

from collections.abc import Iterator
from typing import Any

from openpyxl.workbook import Workbook

from charte_desktop.exports.monitoring.data import MonitoringData
from charte_desktop.exports.monitoring.layout import colour_late_rows, table_sheet
from charte_desktop.exports.progress import stepped
from charte_desktop.exports.xlsx_cells import WRAPPED_LOW, Column, Kind, WorkbookLooks

LATE = "En retard"


def _columns(data: MonitoringData) -> list[Column]:
    columns = [
        Column("Action", width=8),
        Column("Intitulé de l'action", width=40, look=WRAPPED_LOW),
        Column("Jalon", width=46, look=WRAPPED_LOW),
        Column("Échéance", Kind.DATE, 11),
        Column("Réalisé", Kind.YES_NO, 9),
        Column("Date de réalisation", Kind.DATE, 12),
        Column(LATE, Kind.YES_NO, 9),
    ]
    if data.several_plans:
        columns.insert(0, Column("Plan", width=28, look=WRAPPED_LOW))
    return columns


def _rows(data: MonitoringData) -> Iterator[tuple[Any, ...]]:
    for row in data.milestones:
        values: list[Any] = [row.action_code, row.action_title, row.title, row.due_date,
                             row.done, row.done_date, row.late]
        if data.several_plans:
            values.insert(0, data.plan_titles.get(row.plan_id))
        yield tuple(values)


def write_milestones(workbook: Workbook, looks: WorkbookLooks, data: MonitoringData) -> None:
    count = len(data.milestones)
    sheet = table_sheet(workbook, looks, data, title="Jalons",
                        what=f"{count} jalon{'s' if count > 1 else ''}",
                        columns=_columns(data), rows=stepped(_rows(data), count),
                        frozen_columns=2 + data.several_plans)
    colour_late_rows(sheet, LATE)
