"""Sheets "Indicateurs" (one row per indicator, its state coloured) and "Mesures"."""

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from openpyxl.workbook import Workbook

from charte_desktop.exports.monitoring.data import MonitoringData
from charte_desktop.exports.monitoring.layout import (
    INDICATOR_COLOURS,
    highlights,
    joined,
    table_sheet,
)
from charte_desktop.exports.progress import stepped
from charte_desktop.exports.xlsx_cells import (
    WRAPPED_LOW,
    Column,
    Kind,
    Quantity,
    WorkbookLooks,
    decimals_of,
    fitted_width,
    quantity_length,
    quantity_width,
)

STATE = "État"


def _decimals(data: MonitoringData) -> dict[int, int]:
    """Decimals each indicator's values need (its measurements, reference, target): one
    indicator's figures line up, 18 400 t beside 18 250 t, not 18 250,5 t beside 18 400."""
    values: dict[int, list[Decimal | None]] = {}
    for row in data.indicators:
        values[row.id] = [row.baseline_value, row.target_value, row.latest_value]
    for measurement in data.measurements:
        values.setdefault(measurement.indicator_id, []).append(measurement.value)
    return {indicator_id: decimals_of(found) for indicator_id, found in values.items()}


def _widest(values: Iterable[tuple[int, Decimal | None, str]],
            decimals: dict[int, int]) -> int:
    """Characters of the widest of `values` (indicator id, value, unit) as its format
    shows it ("12 345 m²"): per indicator, its highest and its lowest value (the longest
    number, or a minus sign), each formatted once."""
    extremes: dict[int, tuple[Decimal, Decimal, str]] = {}
    for indicator_id, value, unit in values:
        if value is None:
            continue
        low, high, _ = extremes.get(indicator_id, (value, value, unit))
        extremes[indicator_id] = (min(low, value), max(high, value), unit)
    return max((quantity_length(extreme, decimals.get(key, 0), unit)
                for key, (low, high, unit) in extremes.items() for extreme in (low, high)),
               default=0)


def _unit_width(units: Iterator[str | None]) -> float:
    """The unit column, as wide as its longest unit up to 24 characters, wrapped beyond."""
    return fitted_width("Unité", units, minimum=8, maximum=24)


def _plan_column(data: MonitoringData, columns: list[Column], at: int) -> None:
    if data.several_plans:
        columns.insert(at, Column("Plan", width=28, look=WRAPPED_LOW))


def _value_width(data: MonitoringData, decimals: dict[int, int], field: str) -> float:
    """A column of indicator values (`field` of the rows), as wide as its widest one."""
    values = ((row.id, getattr(row, field), row.unit or "") for row in data.indicators)
    return quantity_width(14, [_widest(values, decimals)])


def _indicator_columns(data: MonitoringData, decimals: dict[int, int]) -> list[Column]:
    columns = [
        Column("Indicateur", width=40, look=WRAPPED_LOW),
        Column("Type", width=12),
        Column("Dimension", width=16),
        Column("Unité", width=_unit_width(row.unit for row in data.indicators),
               look=WRAPPED_LOW),
        Column("Sens souhaité", width=11, look=WRAPPED_LOW),
        Column("Valeur de référence", Kind.QUANTITY,
               _value_width(data, decimals, "baseline_value")),
        Column("Date de référence", Kind.DATE, 11),
        Column("Valeur cible", Kind.QUANTITY, _value_width(data, decimals, "target_value")),
        Column("Date cible", Kind.DATE, 11),
        Column("Dernière valeur", Kind.QUANTITY,
               _value_width(data, decimals, "latest_value")),
        Column("Date de la dernière mesure", Kind.DATE, 11),
        Column("Mesures", Kind.INTEGER, 9),
        Column(STATE, width=17, look=WRAPPED_LOW),
        Column("Actions suivies", width=14, look=WRAPPED_LOW),
    ]
    _plan_column(data, columns, 1)
    return columns


def _quantity(value: Decimal | None, decimals: int, unit: str) -> Quantity | None:
    return None if value is None else Quantity(value, decimals, unit)


def _indicator_rows(data: MonitoringData,
                    decimals: dict[int, int]) -> Iterator[tuple[Any, ...]]:
    for row in data.indicators:
        places, unit = decimals.get(row.id, 0), row.unit or ""
        values: list[Any] = [
            row.name, row.kind.label, row.dimension.label, row.unit or None,
            row.direction.label, _quantity(row.baseline_value, places, unit),
            row.baseline_date, _quantity(row.target_value, places, unit),
            row.target_date, _quantity(row.latest_value, places, unit), row.latest_date,
            row.measurement_count,
            row.state.label, joined(data.indicator_actions.get(row.id)) or None,
        ]
        if data.several_plans:
            values.insert(1, data.plan_titles.get(row.plan_id) if row.plan_id else None)
        yield tuple(values)


def write_indicators(workbook: Workbook, looks: WorkbookLooks, data: MonitoringData) -> None:
    count = len(data.indicators)
    decimals = _decimals(data)
    sheet = table_sheet(
        workbook, looks, data, title="Indicateurs",
        what=f"{count} indicateur{'s' if count > 1 else ''}",
        columns=_indicator_columns(data, decimals),
        rows=stepped(_indicator_rows(data, decimals), count),
        frozen_columns=1,
    )
    sheet.colour_values(STATE, highlights(INDICATOR_COLOURS))


def _measurement_columns(data: MonitoringData, decimals: dict[int, int]) -> list[Column]:
    values = ((row.indicator_id, row.value, row.unit or "") for row in data.measurements)
    return [
        Column("Indicateur", width=56, look=WRAPPED_LOW),
        Column("Unité", width=_unit_width(row.unit for row in data.indicators),
               look=WRAPPED_LOW),
        Column("Date", Kind.DATE, 11),
        Column("Valeur", Kind.QUANTITY, quantity_width(16, [_widest(values, decimals)])),
        Column("Commentaire", width=60, look=WRAPPED_LOW),
    ]


def write_measurements(workbook: Workbook, looks: WorkbookLooks, data: MonitoringData) -> None:
    count = len(data.measurements)
    decimals = _decimals(data)
    rows = ((row.indicator, row.unit or None, row.date,
             Quantity(row.value, decimals.get(row.indicator_id, 0), row.unit or ""),
             row.comment or None)
            for row in data.measurements)
    table_sheet(workbook, looks, data, title="Mesures",
                what=f"{count} mesure{'s' if count > 1 else ''}",
                columns=_measurement_columns(data, decimals), rows=stepped(rows, count),
                frozen_columns=1)
