"""The order of the plans wherever they are listed: the newest period first, plans without
a period last, then by title as a French reader sorts (capitals and accents aside).

Sorted in Python, not by the database: a file and a server sort text differently (SQLite
byte by byte, PostgreSQL by the server's language), and the preview shown before the
window loads (`first_screen`) must pick the same first plan as the window.
"""

from datetime import date
from typing import Any

from charte_desktop.text import fold


def plan_order(period_start: date | str | None, title: str, plan_id: int) -> tuple[Any, ...]:
    """The sort key of a plan; `period_start` as a driver gives it (a date, or ISO text)."""
    day = date.fromisoformat(period_start) if isinstance(period_start, str) else period_start
    return (day is None, -day.toordinal() if day is not None else 0, fold(title), title,
            plan_id)


def name_order(name: str, row_id: int) -> tuple[str, str, int]:
    """The sort key of a name (a body, a call): capitals and accents aside, then as
    written, then by number so that two equal names keep one order."""
    return fold(name), name, row_id
