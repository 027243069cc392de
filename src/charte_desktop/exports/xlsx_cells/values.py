"""Plain-value rules of a spreadsheet cell: what user text may hold, number formats.

No openpyxl import here: the rules are cheap to test and to reuse.
"""

import re
from collections.abc import Iterable
from decimal import Decimal

from charte_desktop.exports.xlsx_cells.text_width import lines_needed

# Number formats, written with Excel's invariant separators: a French Excel or
# LibreOffice shows them as 14/03/2026, 1 234,50 €, 1 234 and 45 %.
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MONEY_FORMAT = '#,##0.00\\ "€";\\-#,##0.00\\ "€"'
INTEGER_FORMAT = "#,##0"
PERCENT_FORMAT = "0\\ %"
GENERAL_FORMAT = "General"
MAX_DECIMALS = 3  # a measured value shows at most this many decimals
MAX_UNIT_IN_FORMAT = 40  # a longer unit stays in its column only
_NOT_IN_UNIT = re.compile(r'[\x00-\x1f"\\]')


def decimals_of(values: Iterable[object]) -> int:
    """Decimals a column of measured values needs: those of the most precise value, once
    trailing zeros are dropped (a stored 18400.00 needs none), at most MAX_DECIMALS."""
    needed = 0
    for value in values:
        if value is None or isinstance(value, bool):
            continue
        text = format(value, "f") if not isinstance(value, str) else value
        _, _, fraction = text.partition(".")
        needed = max(needed, len(fraction.rstrip("0")))
    return min(needed, MAX_DECIMALS)


def quantity_format(decimals: int = 0, unit: str = "") -> str:
    """A French number format with `decimals` and the unit after a no-break space:
    "#,##0.0\\ \"t\"" shows 18 400,5 t. The unit is user text: quotes, backslashes and
    control characters are dropped so it can never end the quoted literal."""
    number = "#,##0" + ("." + "0" * min(max(decimals, 0), MAX_DECIMALS) if decimals else "")
    unit = unit_in_format(unit)
    if not unit:
        return number
    return f'{number}\\ "{unit}"'


def unit_in_format(unit: str | None) -> str:
    """The unit as `quantity_format` writes it after the number ("" when left out)."""
    unit = _NOT_IN_UNIT.sub("", unit or "").strip()
    return "" if len(unit) > MAX_UNIT_IN_FORMAT else unit


def quantity_length(value: Decimal | int | float | None, decimals: int = 0,
                    unit: str = "") -> int:
    """Characters `quantity_format(decimals, unit)` shows for `value`: "18 400,5 t CO₂e"
    is 15. Python's grouping gives the French length (a separator for a separator)."""
    if value is None:
        return 0
    places = min(max(decimals, 0), MAX_DECIMALS)
    number = len(f"{float(value):,.{places}f}")
    shown = unit_in_format(unit)
    return number + (len(shown) + 1 if shown else 0)


def quantity_width(header_width: float, lengths: Iterable[int]) -> float:
    """A column of quantities as wide as its widest shown value (`lengths`, from
    `quantity_length`) and two characters of margin, never narrower than `header_width`:
    a number too wide for its column shows « ### » in Excel and LibreOffice."""
    return float(max(header_width, max(lengths, default=0) + 2))


MAX_CELL_TEXT = 32_767  # Excel's limit; longer text is cut (and says so)
_CUT_MARK = " […]"

# Characters XML 1.0 forbids (openpyxl refuses them): control characters but tab, LF, CR.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A text starting so would be read as a formula by Excel, LibreOffice or a CSV import
# (OWASP "CSV injection"): such text is stored as text with Excel's quote prefix.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Texts openpyxl would store as error values.
ERROR_CODES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})


def clean_text(value: object) -> str:
    """`value` as text a cell can hold: forbidden control characters removed, and cut
    to Excel's 32,767 characters (ending with " […]" so the cut shows)."""
    text = value if isinstance(value, str) else str(value)
    if not text.isprintable():  # cheap test first: most texts have no control character
        text = ILLEGAL_CHARACTERS.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - len(_CUT_MARK)] + _CUT_MARK
    return text


def needs_text_guard(text: str) -> bool:
    """Whether `text` must be forced to text (it looks like a formula or an error value)."""
    return text.startswith(FORMULA_STARTS) or text in ERROR_CODES


def display_width(text: str) -> int:
    """Width of `text` in characters as a column needs it: its longest line."""
    if "\n" not in text:
        return len(text)
    return max(len(line) for line in text.split("\n"))


def fitted_width(
    header: str, values: Iterable[object], *, minimum: float = 8, maximum: float = 60,
    sample: int = 400,
) -> float:
    """A column width (in characters) fitting the header and the first `sample` values.

    `values` is any iterable; None is skipped. The header may wrap on two lines.
    """
    longest = 0
    for count, value in enumerate(values):
        if count >= sample:
            break
        if value is not None:
            longest = max(longest, display_width(str(value)))
    words = header.split()
    header_need = max((len(word) for word in words), default=0)
    header_need = max(header_need, (len(header) + 1) // 2)  # on two lines at most
    return float(min(maximum, max(minimum, longest + 2, header_need + 2)))


LINE_HEIGHT = 15.0  # points per line of 11-point text
MAX_LINES = 6  # a row never grows beyond this: the full text stays in the cell


def row_height(texts: object, *, bold: bool = False, max_lines: int = MAX_LINES) -> float | None:
    """The height (points) of a row whose wrapped cells hold `texts`, (text, width) pairs;
    None when one line is enough (the row keeps its default height).

    Neither LibreOffice nor Excel reliably grows a row for wrapped text in a generated
    file: without it, the second line of a long title is cut off. A text with fewer
    characters than its column is wide is taken to fit on one line (most characters are
    narrower than a digit): only the others are measured (text_width.lines_needed).
    """
    lines = 1
    for text, width in texts:  # type: ignore[attr-defined]
        if text and (len(text) >= width or "\n" in text):
            lines = max(lines, lines_needed(text, width, bold=bold))
    return None if lines == 1 else min(lines, max_lines) * LINE_HEIGHT
