"""The background a reader sees in a cell: its own fill, else the first conditional
format (ours: expression rules in one small grammar) that holds for it, else its row's.

A stand-in for Excel's evaluation, for the few forms of formula Charte writes
(`AND`, `COUNT($D5:$E5)`, `DATE`, `COLUMN()`, comparisons, column-absolute references).
"""

import datetime as dt
import re
from datetime import date, datetime
from typing import Any

from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.cell_range import CellRange

_REFERENCE = re.compile(r"\$([A-Z]{1,3})(\d+)")
_COUNT = re.compile(r"COUNT\(\$([A-Z]{1,3})\d+:\$([A-Z]{1,3})\d+\)")


def _colour(fill: Any) -> str | None:
    if fill is None or fill.fill_type != "solid":
        return None
    for colour in (fill.fgColor, fill.bgColor):
        if isinstance(colour.rgb, str) and colour.rgb[-6:] != "000000":
            return colour.rgb[-6:]
    return None


def _value(ws: Any, row: int, column: str) -> Any:
    value = ws.cell(row, column_index_from_string(column)).value
    return value.date() if isinstance(value, datetime) else value


def _excel_date(year: int, month: int, day: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, day)


def holds(ws: Any, formula: str, row: int, column: int) -> bool:
    """Whether our rule `formula` holds for the cell at (`row`, `column`)."""
    def count(match: re.Match[str]) -> str:
        first, last = (column_index_from_string(c) for c in match.groups())
        return str(sum(isinstance(ws.cell(row, c).value, (date, int, float))
                       for c in range(first, last + 1)))

    text = _COUNT.sub(count, formula)
    text = _REFERENCE.sub(lambda m: repr(_value(ws, row, m.group(1))), text)
    text = text.replace("COLUMN()", str(column)).replace("DATE(", "_date(")
    text = text.replace("AND(", "_all(").replace("TRUE", "True")
    text = re.sub(r"(?<![<>!=])=(?!=)", "==", text)
    try:
        return bool(eval(text, {"_date": _excel_date, "_all": lambda *a: all(a),
                                "datetime": dt}))
    except TypeError:  # a comparison with an empty cell
        return False


def shown_fill(ws: Any, cell: Any) -> str | None:
    """The background colour ("RRGGBB") a reader sees in `cell`, or None."""
    own = _colour(cell.fill) if cell.has_style else None
    if own:
        return own
    rules = []
    for formatting in ws.conditional_formatting:
        if any(cell.coordinate in CellRange(str(r)) for r in formatting.sqref.ranges):
            rules.extend((rule.priority, rule) for rule in formatting.rules)
    for _priority, rule in sorted(rules, key=lambda pair: pair[0]):
        if rule.type == "expression" and holds(ws, rule.formula[0], cell.row, cell.column):
            colour = _colour(rule.dxf.fill) if rule.dxf is not None else None
            if colour:
                return colour
    dimension = ws.row_dimensions.get(cell.row)
    return _colour(dimension.fill) if dimension is not None and dimension.has_style else None
