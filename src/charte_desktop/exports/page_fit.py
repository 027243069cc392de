"""How much room text takes on a page, estimated without a layout engine: enough to cut a
signature sheet into pages that end cleanly (no page of blank lines, no lone name).

The widths are those of a wide sans-serif (DejaVu Sans, which LibreOffice falls back on
without Arial): an estimate that errs on the wide side only makes a row look roomier,
since rows are given the estimated height as their minimum."""

import math
from collections.abc import Sequence

POINT_CM = 2.54 / 72
FONT_LINE = 1.2  # a line of Arial (1.15) or DejaVu Sans (1.164), in em, with room
TEMPLATE_SPACING = 1.1  # the shipped template's Normal line spacing (tables use single)
CELL_PADDING_CM = 0.38  # Word's default left and right cell margins (0.19 cm each)
_SPACE_EM = 0.32
_UPPER_EM = 0.72
_OTHER_EM = 0.58  # lower case, digits, punctuation: on the wide side


def text_width_cm(text: str, size_pt: float) -> float:
    em = size_pt * POINT_CM
    total = 0.0
    for char in text:
        if char.isspace():
            total += _SPACE_EM
        elif char.isupper():
            total += _UPPER_EM
        else:
            total += _OTHER_EM
    return total * em


def line_count(text: str, width_cm: float, size_pt: float) -> int:
    """Lines `text` takes in a column `width_cm` wide, wrapping on spaces (each line
    break of the text starts a line); at least 1."""
    space = _SPACE_EM * size_pt * POINT_CM
    count = 0
    for line in text.split("\n"):
        count += 1
        used = 0.0
        for word in line.split():
            width = text_width_cm(word, size_pt)
            if used and used + space + width > width_cm:
                count += 1
                used = 0.0
            elif used:
                used += space
            # A word wider than the column breaks across lines.
            while width > width_cm:
                count += 1
                width -= width_cm
            used += width
    return max(count, 1)


def line_height_cm(size_pt: float, spacing: float = TEMPLATE_SPACING) -> float:
    return size_pt * POINT_CM * FONT_LINE * spacing


def paragraph_height_cm(text: str, width_cm: float, size_pt: float, *,
                        before_pt: float = 0, after_pt: float = 4,
                        spacing: float = TEMPLATE_SPACING) -> float:
    return (line_count(text, width_cm, size_pt) * line_height_cm(size_pt, spacing)
            + (before_pt + after_pt) * POINT_CM)


def row_height_cm(cells: Sequence[str], widths_cm: Sequence[float], size_pt: float, *,
                  minimum_cm: float) -> float:
    """The height a table row needs: its tallest cell (the « Table Grid » style sets
    single spacing, no space after), at least `minimum_cm`, rounded up to the mm."""
    tallest = max(
        paragraph_height_cm(text, width - CELL_PADDING_CM, size_pt, after_pt=0,
                            spacing=1.0) + 0.1
        for text, width in zip(cells, widths_cm, strict=True))
    return max(minimum_cm, math.ceil(tallest * 10) / 10)


def paginate(heights: Sequence[float], first_cm: float, other_cm: float, blank_cm: float,
             *, min_blank: int = 3, min_last: int = 3) -> tuple[list[int], int]:
    """Cut rows of `heights` into pages (`first_cm` of room on the first, `other_cm` on
    the next) and say how many blank rows of `blank_cm` fill the last page.

    Returns (number of rows on each page, blank rows at the end). The last page holds
    at least `min_last` named rows when there are that many (no lone name on a page),
    and at least `min_blank` blank rows: when they would not fit, the last names move
    to a new page with them (no page of blank lines only)."""
    pages: list[list[float]] = [[]]
    room = first_cm
    for height in heights:
        if pages[-1] and sum(pages[-1]) + height > room:
            pages.append([])
            room = other_cm
        pages[-1].append(height)

    def room_of(index: int) -> float:
        return first_cm if index == 0 else other_cm

    def blanks_left() -> int:
        left = room_of(len(pages) - 1) - sum(pages[-1])
        return max(0, int((left + 1e-9) // blank_cm))

    if blanks_left() < min_blank and len(pages[-1]) > 1:
        # Start a page for the last names and the blank lines.
        moved = min(min_last, len(pages[-1]) - 1)
        pages.append(pages[-1][-moved:])
        del pages[-2][-moved:]
    while len(pages) > 1 and len(pages[-1]) < min_last and len(pages[-2]) > min_last:
        pages[-1].insert(0, pages[-2].pop())
    return [len(page) for page in pages], blanks_left()
