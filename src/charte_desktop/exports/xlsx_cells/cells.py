"""Cells that are safe and fast, in openpyxl's normal and write-only modes alike.

`SheetCells(ws)` makes the cells of one sheet: user text always stays text (never a
formula), dates are real Excel dates, euros and percentages real numbers, each with its
French format. A value needing no style is returned as a plain Python value (openpyxl's
fast path in write-only mode); otherwise a `Cell` whose style was built once per
workbook (building a style per cell is what makes styled workbooks slow).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from charte_desktop.exports.xlsx_cells.values import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    ERROR_CODES,
    FORMULA_STARTS,
    GENERAL_FORMAT,
    INTEGER_FORMAT,
    MAX_CELL_TEXT,
    MONEY_FORMAT,
    PERCENT_FORMAT,
    clean_text,
    quantity_format,
)

EMAIL = re.compile(r"^[^@\s\"<>=+\-@][^@\s\"<>]*@[^@\s\"<>]+\.[^@\s\"<>]+$")
FONT, FONT_SIZE = "Calibri", 11  # openpyxl's default font, that of every plain cell
HEADER_FILL = "1F4E78"  # dark blue, white bold text: readable printed in grey too
BORDER_COLOUR = "A6A6A6"


@dataclass(frozen=True)
class Look:
    """How a cell looks; hashable, so each distinct look is built once per workbook."""

    number_format: str = GENERAL_FORMAT
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None
    colour: str | None = None  # font colour, "RRGGBB"
    fill: str | None = None  # background colour, "RRGGBB"
    wrap: bool = False
    horizontal: str | None = None  # "left", "center", "right"
    vertical: str | None = None  # "top", "center", "bottom"
    indent: int = 0
    border: bool = False
    quote_prefix: bool = False  # Excel keeps the cell text even when edited
    locked: bool = True  # False: editable in a protected sheet (workbooks sent to fill in)

    def but(self, **changes: Any) -> "Look":
        """This look with some attributes changed."""
        return replace(self, **changes)


PLAIN = Look()
WRAPPED = Look(wrap=True, vertical="top")
WRAPPED_LOW = Look(wrap=True)  # bottom-aligned like the plain cells beside it
TOP = Look(vertical="top")
CENTRED = Look(horizontal="center")
HEADER = Look(bold=True, colour="FFFFFF", fill=HEADER_FILL, wrap=True, vertical="center",
              border=True)
TITLE = Look(bold=True, size=14, colour=HEADER_FILL)
SUBTITLE = Look(italic=True, colour="595959")
SECTION = Look(bold=True, size=12, colour=HEADER_FILL)
TOTAL = Look(bold=True, border=True)
LINK = Look(colour="0563C1", underline=True)  # Excel's own hyperlink look


def _style_array(ws: Any, look: Look) -> StyleArray:
    """Register `look` in the workbook's style lists through a probe cell."""
    probe = Cell(ws)
    probe.number_format = look.number_format
    if look.bold or look.italic or look.underline or look.size or look.colour:
        # Named: a font without a name is drawn in a serif font by LibreOffice.
        probe.font = Font(name=FONT, bold=look.bold, italic=look.italic,
                          underline="single" if look.underline else None,
                          size=look.size or FONT_SIZE, color=look.colour)
    if look.fill:
        probe.fill = PatternFill(fill_type="solid", start_color=look.fill,
                                 end_color=look.fill)
    if look.wrap or look.horizontal or look.vertical or look.indent:
        probe.alignment = Alignment(wrap_text=look.wrap or None, horizontal=look.horizontal,
                                    vertical=look.vertical, indent=look.indent)
    if look.border:
        side = Side(style="thin", color=BORDER_COLOUR)
        probe.border = Border(left=side, right=side, top=side, bottom=side)
    if not look.locked:
        probe.protection = Protection(locked=False)
    if look.quote_prefix:
        probe.quotePrefix = True
    return StyleArray(probe._style)


class WorkbookLooks:
    """The style arrays of one workbook, by look."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._arrays: dict[Look, StyleArray] = {}

    def array(self, ws: Any, look: Look) -> StyleArray:
        array = self._arrays.get(look)
        if array is None:
            array = self._arrays[look] = _style_array(ws, look)
        return array


_new_cell = object.__new__


class PreparedCell(Cell):
    """A cell made by `SheetCells`: its style array is shared by every cell of the same
    look and its style id known, instead of copied then looked up (hashed) again when
    the row is written. Not to be restyled afterwards (make another cell instead)."""

    __slots__ = ("_style_id",)

    @property
    def style_id(self) -> int:
        return self._style_id


def stream_prepared_cells(ws: Any) -> None:
    """Let a write-only sheet take our prepared cells directly.

    openpyxl's write-only `append` first tries each value as a plain value; a `Cell`
    fails that with an exception (whose message formats the cell) and is then copied:
    three times the work of a plain value, on most cells of a styled sheet. This
    replacement of its row converter (same contract: cells with row and column set,
    empty values skipped, one reused cell for plain values, links placed) takes a Cell
    as it is, and a plain one-line text without openpyxl's per-string checks (a text
    starting with "=" still goes through them: a plain "=SUM(…)" stays a formula).
    """
    if not hasattr(ws, "_values_to_row"):  # a normal worksheet: nothing streams
        return

    def values_to_row(values: Any, row_idx: int) -> Iterator[Cell]:
        plain = Cell(ws)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            elif (type(value) is str and value.isprintable() and len(value) <= MAX_CELL_TEXT
                  and not value.startswith("=") and value not in ERROR_CODES):
                # What openpyxl would conclude, without its per-string regex and checks.
                cell = plain
                cell._value = value
                cell.data_type = "s"
            else:
                cell = plain
                cell.value = value
            cell.column = col_idx
            cell.row = row_idx
            if cell._hyperlink is not None:
                cell._hyperlink.ref = cell.coordinate
            yield cell

    ws._values_to_row = values_to_row


class SheetCells:
    """Cell maker of one worksheet (normal or write-only).

    Every method takes a value (None gives None: an empty cell) and an optional look;
    the number format of dates, money, integers and percentages is added to that look.
    """

    def __init__(self, ws: Any, looks: WorkbookLooks | None = None) -> None:
        self.ws = ws
        self.looks = looks or WorkbookLooks(ws.parent)
        self._styles: dict[tuple[Look | None, str | None, bool], tuple[StyleArray, int]] = {}
        stream_prepared_cells(ws)

    def array(self, look: Look | None, number_format: str | None = None,
              quote_prefix: bool = False) -> tuple[StyleArray, int]:
        """The style array and id of `look` with a number format or the quote prefix."""
        key = (look, number_format, quote_prefix)
        style = self._styles.get(key)
        if style is None:
            final = look or PLAIN
            if number_format is not None:
                final = final.but(number_format=number_format)
            if quote_prefix:
                final = final.but(quote_prefix=True)
            array = self.looks.array(self.ws, final)
            style = self._styles[key] = (array, self.ws.parent._cell_styles.add(array))
        return style

    def styled(self, value: Any, look: Look, data_type: str) -> Cell:
        """A cell holding `value` as is (already checked) with `data_type` and `look`."""
        return self._cell(value, self.array(look), data_type)

    def _cell(self, value: Any, style: tuple[StyleArray, int], data_type: str) -> Cell:
        # Every slot set here, without Cell.__init__ and its parent's (which would copy a
        # style array we share): 140,000 cells for the large territory's tableau de suivi.
        cell = _new_cell(PreparedCell)
        cell.parent = self.ws
        # A position, even a wrong one: openpyxl's own write-only path reprs the cell.
        cell.row = cell.column = 1
        cell._hyperlink = cell._comment = None
        cell._style, cell._style_id = style
        cell._value = value
        cell.data_type = data_type
        return cell

    def text(self, value: object, look: Look | None = None) -> Cell | str | None:
        """User text, kept as text whatever it starts with ("=1+1" stays "=1+1")."""
        if value is None:
            return None
        text = value if type(value) is str else str(value)
        if len(text) > MAX_CELL_TEXT or not text.isprintable():  # rare: clean it
            text = clean_text(text)
        if text.startswith(FORMULA_STARTS) or text in ERROR_CODES:  # needs_text_guard
            return self._cell(text, self.array(look, quote_prefix=True), "s")
        if look is None or look is PLAIN:
            return text
        return self._cell(text, self.array(look), "s")

    def date(self, value: date | None, look: Look | None = None) -> Cell | None:
        """A real Excel date (a datetime keeps its time; an aware one is made local)."""
        if value is None:
            return None
        number_format = DATE_FORMAT
        if isinstance(value, datetime):
            number_format = DATETIME_FORMAT
            if value.tzinfo is not None:
                value = value.astimezone().replace(tzinfo=None)
        return self._cell(value, self.array(look, number_format), "d")

    def money(self, value: Decimal | int | float | None, look: Look | None = None) -> Cell | None:
        """Euros as a number with the French euro format."""
        return self._number(value, look, MONEY_FORMAT)

    def integer(self, value: int | None, look: Look | None = None) -> Cell | int | None:
        """A whole number with a thousands separator (plain below 1,000, where the
        format shows nothing more: a count of milestones costs a plain cell)."""
        if look is None and type(value) is int and -1000 < value < 1000:
            return value
        return self._number(value, look, INTEGER_FORMAT)

    def percent(self, fraction: Decimal | float | None, look: Look | None = None) -> Cell | None:
        """A percentage given as a fraction (0.45 shows "45 %")."""
        return self._number(fraction, look, PERCENT_FORMAT)

    def number(self, value: Decimal | int | float | None, look: Look | None = None) -> Any:
        """Any number (a measured value…); plain when no look is asked for."""
        if look is None or look is PLAIN:
            _check_number(value)
            return value
        return self._number(value, look, None)

    def quantity(self, value: Decimal | int | float | None, decimals: int = 0, unit: str = "",
                 look: Look | None = None) -> Cell | None:
        """A measured value with its decimals and unit in its number format ("18 400 t"):
        a real number still, that sums and charts."""
        return self._number(value, look, quantity_format(decimals, unit))

    def subtotal(self, column: int, first_row: int, last_row: int, *, number_format: str,
                 look: Look | None = None) -> Cell:
        """=SUBTOTAL(109, …) over rows `first_row` to `last_row` of `column`: a sum that
        leaves out the rows a filter hides. Built here from numbers only, never from
        text, so no user input can reach a formula."""
        letter = get_column_letter(int(column))
        formula = f"=SUBTOTAL(109,{letter}{int(first_row)}:{letter}{int(last_row)})"
        return self._cell(formula, self.array(look, number_format), "f")

    def _number(self, value: Any, look: Look | None, number_format: str | None) -> Cell | None:
        if value is None:
            return None
        _check_number(value)
        return self._cell(value, self.array(look, number_format), "n")

    def yes_no(self, value: bool | None, look: Look | None = None) -> Cell | str | None:
        """"Oui" / "Non": readable and filterable, where TRUE/FALSE would not be French."""
        if value is None:
            return None
        return self.text("Oui" if value else "Non", look)

    def email(self, address: str | None, look: Look = LINK) -> Cell | str | None:
        """An e-mail address, as a "mailto:" link when it looks like one (in write-only
        sheets, which place links as rows stream; elsewhere, as text)."""
        if not address:
            return None
        text = clean_text(address).strip()
        if not EMAIL.match(text) or not hasattr(self.ws, "_values_to_row"):
            return self.text(text)
        cell = self._cell(text, self.array(look), "s")
        cell.hyperlink = "mailto:" + text
        return cell

    def header(self, text: str) -> Cell | str | None:
        return self.text(text, HEADER)


def _check_number(value: Any) -> None:
    if value is not None and (isinstance(value, bool)
                              or not isinstance(value, int | float | Decimal)):
        raise TypeError(f"not a number: {value!r}")
