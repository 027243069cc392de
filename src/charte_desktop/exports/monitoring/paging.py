"""Rows of a streamed sheet laid out on printed pages: each row's height is counted as it
is written, and a manual page break is put before a block that would not fit in what is
left of the page, so that a table or a chart is never cut across two pages (a table
longer than a page starts on a new one and says so on each following page).
"""

from collections.abc import Sequence
from typing import Any

from openpyxl.worksheet.pagebreak import Break

ROW_HEIGHT = 15.0  # points: a row of 11-point text
CM = 28.35  # points per centimetre
PRINTABLE_WIDTH = 784.0  # points: landscape A4 (842) less the 0.4-inch side margins
PRINTABLE_HEIGHT = 508.0  # points: 595 less the 0.6-inch top and bottom margins
SPARE = 0.95  # Excel and LibreOffice measure rows slightly differently


def page_height(widths: Sequence[float]) -> float:
    """How many points of rows a landscape page fitted to `widths` (in characters) holds:
    the printed scale is the page's width over the columns' (7 pixels a character and 5
    of padding, as Excel draws them)."""
    columns = sum(int(width * 7 + 5) for width in widths) * 0.75  # pixels to points
    scale = min(1.0, PRINTABLE_WIDTH / columns) if columns else 1.0
    return PRINTABLE_HEIGHT / scale * SPARE


class Rows:
    """Appends rows, knows the number of the last one written and how full its page is."""

    def __init__(self, ws: Any, widths: Sequence[float]) -> None:
        self.ws = ws
        self.last = 0
        self.page_height = page_height(widths)
        self.used = 0.0  # points used on the current page
        self.breaks: list[int] = []  # rows after which a page ends

    def add(self, *values: Any, height: float | None = None) -> int:
        self.ws.append(list(values))
        self.last += 1
        self.used += height or ROW_HEIGHT
        return self.last

    def skip(self, count: int = 1) -> None:
        for _ in range(count):
            self.add()

    def room(self) -> float:
        return self.page_height - self.used

    def new_page(self) -> None:
        """End the page after the last row written (nothing when the page is empty)."""
        if self.last == 0 or self.used == 0:
            return
        self.ws.row_breaks.append(Break(id=self.last))
        self.breaks.append(self.last)
        self.used = 0.0

    def keep_together(self, height: float) -> bool:
        """Start a new page unless `height` points fit in what is left of this one;
        whether a new page was started."""
        if height <= self.room():
            return False
        self.new_page()
        return True

    def reserve(self, height: float) -> None:
        """Empty rows under a chart anchored at the next row, as tall as the chart."""
        rows = int(height // ROW_HEIGHT) + 1
        self.skip(rows)
