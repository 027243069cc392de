"""Filling and altering update workbooks the way a pilot (or an accident) would."""

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from charte_desktop.exports import update_layout as layout


def action_row(ws: Any, code: str) -> int:
    for row in range(layout.ACTIONS_HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(row, 1).value == code:
            return row
    raise AssertionError(f"no action {code}")


def indicator_row(ws: Any, name_start: str) -> int:
    for row in range(layout.INDICATORS_HEADER_ROW + 1, ws.max_row + 1):
        if str(ws.cell(row, 1).value or "").startswith(name_start):
            return row
    raise AssertionError(f"no indicator {name_start}")


def fill(
    path: Path,
    target: Path | None = None,
    *,
    actions: dict[str, dict[str, Any]] | None = None,
    indicators: dict[str, dict[str, Any]] | None = None,
) -> Path:
    """Type answers in the yellow cells: actions by code ({"new_status": "En cours"…}),
    indicators by the start of their name ({"value": 12, "measure_date": date…})."""
    workbook = load_workbook(path)
    ws = workbook[layout.ACTIONS_SHEET]
    for code, values in (actions or {}).items():
        row = action_row(ws, code)
        for key, value in values.items():
            ws.cell(row, layout.column_number(layout.ACTION_COLUMNS, key)).value = value
    ws = workbook[layout.INDICATORS_SHEET]
    for name, values in (indicators or {}).items():
        row = indicator_row(ws, name)
        for key, value in values.items():
            ws.cell(row, layout.column_number(layout.INDICATOR_COLUMNS, key)).value = value
    target = target or path
    workbook.save(target)
    return target
