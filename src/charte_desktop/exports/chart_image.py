"""An indicator's trajectory drawn as a PNG for Word documents, with the look of the
window's chart (ui/trajectory_chart.py): measurements in blue, the dashed grey line from
baseline to target ending on a green dot, grey grid, the day the document speaks of
dotted red and labelled with its date (a printed page has no « aujourd'hui »).

Drawn with Pillow (the core never imports Qt), three times larger then reduced, which
smooths lines and text. Text uses the system's sans-serif font (Segoe UI or Arial on
Windows, as the window does, DejaVu or Liberation on Linux); without one, Pillow's own
font, which lacks accents: letters are then written without them rather than as boxes.
"""

import io
import itertools
import math
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from charte_desktop.formatting import format_date, format_number

if TYPE_CHECKING:
    from PIL.ImageDraw import ImageDraw
    from PIL.ImageFont import FreeTypeFont, ImageFont

MEASURE_COLOUR = "#1d4ed8"
TRAJECTORY_COLOUR = "#6b7280"
TARGET_COLOUR = "#047857"
TODAY_COLOUR = "#b91c1c"
GRID_COLOUR = "#e5e7eb"
TEXT_COLOUR = "#000000"
# In points of the drawing (the window's pixels): the image is SCALE times larger.
WIDTH, HEIGHT = 600, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 70, 20, 34, 30
FONT_SIZE = 11
SCALE = 2  # pixels of the PNG per point: 1 200 × 520, sharp at 16 cm wide
OVERSAMPLING = 3
FONT_FILES = (
    "segoeui.ttf", "arial.ttf",  # Windows (Pillow looks in its Fonts folder)
    "DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf", "/Library/Fonts/Arial.ttf",
)


@dataclass(frozen=True)
class Trajectory:
    """What the chart shows: the indicator's measurements, oldest first, and its line from
    baseline to target (each a date and a value, or None)."""

    unit: str
    measurements: tuple[tuple[date, Decimal], ...]
    baseline: tuple[date, Decimal] | None
    target: tuple[date, Decimal] | None

    @property
    def line(self) -> tuple[tuple[date, Decimal], tuple[date, Decimal]] | None:
        if self.baseline is None or self.target is None:
            return None
        return self.baseline, self.target

    def is_empty(self) -> bool:
        return not self.measurements and self.line is None


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 × 10^n) giving about `ticks` grid lines over `span`."""
    raw = span / ticks if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def bounds(chart: Trajectory) -> tuple[date, date, float, float]:
    """Dates and values the axes cover, as the window's chart reckons them."""
    points = list(chart.measurements)
    if chart.line is not None:
        points.extend(chart.line)
    dates = [d for d, _v in points]
    values = [float(v) for _d, v in points]
    first, last = min(dates), max(dates)
    if first == last:
        first, last = first - timedelta(days=30), last + timedelta(days=30)
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    step = nice_step(high - low)
    return first, last, math.floor(low / step) * step, math.ceil(high / step) * step


def month_label(day: date) -> str:
    return f"{day.month:02d}/{day.year}"


@cache
def _font(size: int) -> "tuple[FreeTypeFont | ImageFont, bool]":
    """The first system font found at `size` pixels, and whether it has accents."""
    from PIL import ImageFont

    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size), True
        except OSError:
            continue
    return ImageFont.load_default(size=size), False


def _drawable(text: str, full: bool) -> str:
    """Spaces that may lack a glyph made plain; without a full font, accents dropped."""
    text = text.replace("\u202f", " ").replace("\u00a0", " ")
    if full:
        return text
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if ord(c) < 128)


class _Canvas:
    """Drawing in the window's points, on an image `factor` times larger."""

    def __init__(self, draw: "ImageDraw", factor: int) -> None:
        self.draw, self.k = draw, factor
        self.font, self.full = _font(FONT_SIZE * factor)

    def line(self, points: list[tuple[float, float]], colour: str, width: float = 1,
             dash: float = 0) -> None:
        scaled = [(x * self.k, y * self.k) for x, y in points]
        if not dash:
            self.draw.line(scaled, fill=colour, width=max(1, round(width * self.k)),
                           joint="curve")
            return
        for start, end in itertools.pairwise(scaled):
            self._dashed(start, end, colour, width, dash)

    def _dashed(self, start: tuple[float, float], end: tuple[float, float], colour: str,
                width: float, dash: float) -> None:
        (x0, y0), (x1, y1) = start, end
        length = math.hypot(x1 - x0, y1 - y0)
        piece = dash * self.k
        count = max(1, int(length // piece))
        for index in range(0, count, 2):
            a, b = index / count, min(1.0, (index + 1) / count)
            self.draw.line([(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                            (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)],
                           fill=colour, width=max(1, round(width * self.k)))

    def dot(self, x: float, y: float, radius: float, colour: str) -> None:
        k = self.k
        self.draw.ellipse([(x - radius) * k, (y - radius) * k, (x + radius) * k,
                           (y + radius) * k], fill=colour)

    def width_of(self, text: str) -> float:
        return self.font.getlength(_drawable(text, self.full)) / self.k

    def text(self, x: float, y: float, text: str, colour: str = TEXT_COLOUR,
             anchor: str = "ls") -> None:
        self.draw.text((x * self.k, y * self.k), _drawable(text, self.full), fill=colour,
                       font=self.font, anchor=anchor)


def trajectory_png(chart: Trajectory, *, marked_day: date | None = None) -> bytes:
    """The chart as PNG bytes (SCALE × WIDTH by SCALE × HEIGHT pixels). `marked_day`
    (the document's day), when within the dates shown, is a dotted red line with its date,
    as the window marks today."""
    from PIL import Image, ImageDraw

    factor = SCALE * OVERSAMPLING
    image = Image.new("RGB", (WIDTH * factor, HEIGHT * factor), "white")
    canvas = _Canvas(ImageDraw.Draw(image), factor)
    if chart.is_empty():
        canvas.text(WIDTH / 2, HEIGHT / 2, "Pas encore de mesure ni de trajectoire "
                    "(référence et cible).", TRAJECTORY_COLOUR, anchor="mm")
    else:
        _paint(canvas, chart, marked_day)
    image = image.reduce(OVERSAMPLING)  # each pixel the mean of 3 × 3: smooth edges
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _paint(canvas: _Canvas, chart: Trajectory, marked_day: date | None) -> None:
    first, last, low, high = bounds(chart)
    left, top = MARGIN_LEFT, MARGIN_TOP
    right, bottom = WIDTH - MARGIN_RIGHT, HEIGHT - MARGIN_BOTTOM

    def at(on: date, value: Decimal | float) -> tuple[float, float]:
        x = left + (right - left) * (on - first).days / max(1, (last - first).days)
        return x, bottom - (bottom - top) * (float(value) - low) / (high - low)

    step = nice_step(high - low)
    value = low
    while value <= high + step / 1000:
        y = at(first, value)[1]
        canvas.line([(left, y), (right, y)], GRID_COLOUR)
        label = format_number(Decimal(str(round(value, 6))).normalize())
        canvas.text(left - 6, y, label, anchor="rm")
        value += step
    # Dates: the first and last month, and January of the years in between.
    marks = [first, *(date(y, 1, 1) for y in range(first.year + 1, last.year + 1)), last]
    previous_right = -1e9
    for on in marks:
        x = at(on, low)[0]
        label = month_label(on)
        width = canvas.width_of(label)
        start = min(max(x - width / 2, left - 30), WIDTH - width - 2)
        if start <= previous_right + 6:
            continue
        canvas.line([(x, top), (x, bottom)], GRID_COLOUR)
        canvas.text(start, bottom + 18, label)
        previous_right = start + width
    canvas.line([(left, bottom), (right, bottom)], TEXT_COLOUR)
    canvas.line([(left, bottom), (left, top)], TEXT_COLOUR)
    if marked_day is not None and first < marked_day < last:
        x = at(marked_day, low)[0]
        canvas.line([(x, top), (x, bottom)], TODAY_COLOUR, dash=2)
        canvas.text(x + 3, top + 12, format_date(marked_day), TODAY_COLOUR)
    if chart.line is not None:
        (start_day, start_value), (end_day, end_value) = chart.line
        canvas.line([at(start_day, start_value), at(end_day, end_value)], TRAJECTORY_COLOUR,
                    width=2, dash=6)
        canvas.dot(*at(end_day, end_value), 5, TARGET_COLOUR)
    points = [at(d, v) for d, v in chart.measurements]
    if len(points) > 1:
        canvas.line(points, MEASURE_COLOUR, width=2)
    for x, y in points:
        canvas.dot(x, y, 3.5, MEASURE_COLOUR)
    _legend(canvas, chart)


def _legend(canvas: _Canvas, chart: Trajectory) -> None:
    x, y = float(MARGIN_LEFT), 14.0
    unit = f" ({chart.unit})" if chart.unit else ""
    items = [(MEASURE_COLOUR, 0.0, f"Mesures{unit}")] if chart.measurements else []
    if chart.line is not None:
        items.append((TRAJECTORY_COLOUR, 6.0, "Trajectoire vers la cible"))
        items.append((TARGET_COLOUR, -1.0, "Cible"))
    for colour, dash, text in items:
        if dash < 0:
            canvas.dot(x + 12, y, 5, colour)
        else:
            canvas.line([(x, y), (x + 24, y)], colour, width=2, dash=dash)
        canvas.text(x + 30, y, text, anchor="lm")
        x += 44 + canvas.width_of(text)
