"""Sheets "Indicateurs" (one row per indicator, its state coloured) and "Mesures"."""

from collections.abc import Iterator
from typing import Any

from openpyxl.workbook import Workbook

from charte_desktop.exports.monitoring.data import MonitoringData
from charte_desktop.exports.monitoring.layout import (
    INDICATOR_COLOURS,
    highlights,
    joined,
    table_sheet,
)
from charte_desktop.exports.xlsx_cells import WRAPPED_LOW, Column, Kind, WorkbookLooks

STATE = "État"


def _plan_column(data: MonitoringData, columns: list[Column], at: int) -> None:
    if data.several_plans:
        columns.insert(at, Column("Plan", width=28, look=WRAPPED_LOW))


def _indicator_columns(data: MonitoringData) -> list[Column]:
    columns = [
        Column("Indicateur", width=40, look=WRAPPED_LOW),
        Column("Type", width=12),
        Column("Dimension", width=16),
        Column("Unité", width=10, look=WRAPPED_LOW),
        Column("Sens souhaité", width=11, look=WRAPPED_LOW),
        Column("Valeur de référence", Kind.NUMBER, 11),
        Column("Date de référence", Kind.DATE, 11),
        Column("Valeur cible", Kind.NUMBER, 11),
        Column("Date cible", Kind.DATE, 11),
        Column("Dernière valeur", Kind.NUMBER, 11),
        Column("Date de la dernière mesure", Kind.DATE, 11),
        Column("Mesures", Kind.INTEGER, 9),
        Column(STATE, width=17, look=WRAPPED_LOW),
        Column("Actions suivies", width=14, look=WRAPPED_LOW),
    ]
    _plan_column(data, columns, 1)
    return columns


def _indicator_rows(data: MonitoringData) -> Iterator[tuple[Any, ...]]:
    for row in data.indicators:
        values: list[Any] = [
            row.name, row.kind.label, row.dimension.label, row.unit or None,
            row.direction.label, row.baseline_value, row.baseline_date, row.target_value,
            row.target_date, row.latest_value, row.latest_date, row.measurement_count,
            row.state.label, joined(data.indicator_actions.get(row.id)) or None,
        ]
        if data.several_plans:
            values.insert(1, data.plan_titles.get(row.plan_id) if row.plan_id else None)
        yield tuple(values)


def write_indicators(workbook: Workbook, looks: WorkbookLooks, data: MonitoringData) -> None:
    count = len(data.indicators)
    sheet = table_sheet(
        workbook, looks, data, title="Indicateurs",
        what=f"{count} indicateur{'s' if count > 1 else ''}",
        columns=_indicator_columns(data), rows=_indicator_rows(data), frozen_columns=1,
    )
    sheet.colour_values(STATE, highlights(INDICATOR_COLOURS))


MEASUREMENT_COLUMNS = [
    Column("Indicateur", width=56, look=WRAPPED_LOW),
    Column("Unité", width=12),
    Column("Date", Kind.DATE, 11),
    Column("Valeur", Kind.NUMBER, 12),
    Column("Commentaire", width=60, look=WRAPPED_LOW),
]


def write_measurements(workbook: Workbook, looks: WorkbookLooks, data: MonitoringData) -> None:
    count = len(data.measurements)
    rows = ((row.indicator, row.unit or None, row.date, row.value, row.comment or None)
            for row in data.measurements)
    table_sheet(workbook, looks, data, title="Mesures",
                what=f"{count} mesure{'s' if count > 1 else ''}",
                columns=MEASUREMENT_COLUMNS, rows=rows, frozen_columns=1)
