"""How wide a text is drawn in a cell, and how many lines it takes once wrapped.

A column's width is counted in digits (the width of "0" in the sheet's font); letters
are narrower or wider than a digit. The widths below are DejaVu Sans's (what LibreOffice
draws where Calibri is missing), in digits; Calibri's, in its own digits, are within a
few hundredths of them (« i » 0.45, « m » 1.58, a capital 1.05 to 1.1), so one table
serves Excel and LibreOffice. A row's height is estimated from it: neither of them grows
a row for wrapped text in a generated file, and a row too low cuts its text on paper.
No openpyxl import here.
"""

BOLD = 1.13  # DejaVu Sans Bold over DejaVu Sans, letter for letter
PADDING = 1.0  # digits lost to the cell's margins (0.5 measured), and a safety margin
_GROUPS = (
    (0.3, "\u202f"),
    (0.45, "'IJijlîïÎÏ"),
    (0.5, " ,.’\u00a0"),
    (0.55, "-/:;\\f|"),
    (0.6, "()[]t"),
    (0.65, "!r²³₂"),
    (0.7, '"'),
    (0.8, "*_`s–°"),
    (0.85, "?czç"),
    (0.9, "FLk"),
    (0.95, "PTYaeovxyàâäéèêëôöÿŸ«»"),
    (1.05, "K"),
    (1.1, "ABCRVXZÀÂÄÇ"),
    (1.15, "UÙÛÜ"),
    (1.2, "DGHN"),
    (1.25, "&OQÔÖ"),
    (1.3, "#+<=>^w~"),
    (1.35, "M"),
    (1.5, "%"),
    (1.55, "@WmæÆ—…"),
    (1.6, "œ"),
    (1.7, "Œ"),
)
CHAR_WIDTHS = {char: width for width, chars in _GROUPS for char in chars}
SPACE = CHAR_WIDTHS[" "]
_MAX_CACHED = 50_000
_word_widths: dict[str, float] = {}


def word_width(word: str) -> float:
    """Width of `word` in digits (any character not in the table counts as a digit).
    Words come back often (partners, places, the same titles): each is measured once."""
    width = _word_widths.get(word)
    if width is None:
        get = CHAR_WIDTHS.get
        width = sum([get(char, 1.0) for char in word])
        if len(_word_widths) < _MAX_CACHED:
            _word_widths[word] = width
    return width


def text_width(text: str) -> float:
    """Width of one line of `text` in digits."""
    words = text.split(" ")
    return sum(map(word_width, words)) + SPACE * (len(words) - 1)


def _wrapped_lines(line: str, capacity: float, scale: float) -> int:
    """Lines of one paragraph wrapped word by word in `capacity` digits."""
    lines, used = 1, 0.0
    for word in line.split(" "):
        size = word_width(word) * scale
        if used and used + SPACE * scale + size > capacity:
            lines, used = lines + 1, 0.0
        used += size + (SPACE * scale if used else 0.0)
        while used > capacity:  # a word longer than the line is cut
            lines, used = lines + 1, used - capacity
    return lines


def lines_needed(text: str, width: float, *, bold: bool = False) -> int:
    """Lines `text` takes once wrapped in a column `width` digits wide, word by word
    (a line breaks at spaces only: one break fewer never gives a line fewer)."""
    capacity = max(width - PADDING, 1.0)
    scale = BOLD if bold else 1.0
    return sum(_wrapped_lines(line, capacity, scale) for line in text.split("\n"))
