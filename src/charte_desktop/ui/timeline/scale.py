"""Days to pixels for the three zooms, and the French labels and grid lines of each.

Plain Python (no Qt), so the arithmetic is tested on its own.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from charte_desktop.formatting import MONTH_ABBREVIATIONS, MONTH_NAMES


class Zoom(Enum):
    """What one step of the calendar's header is; the value is the pixels per day."""

    MONTH = 4.0  # a month is ~120 px: its full name fits
    QUARTER = 1.5  # a month is ~45 px: "janv."
    YEAR = 0.5  # a month is ~15 px: its initial

    @property
    def label(self) -> str:
        return {Zoom.MONTH: "Mois", Zoom.QUARTER: "Trimestre", Zoom.YEAR: "Année"}[self]


@dataclass(frozen=True)
class Band:
    """One labelled cell of the header, from `start` to `end` (exclusive)."""

    start: date
    end: date
    label: str


def month_start(day: date, months: int = 0) -> date:
    """The first day of the month of `day`, moved by `months`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _unit_months(zoom: Zoom) -> int:
    return {Zoom.MONTH: 1, Zoom.QUARTER: 3, Zoom.YEAR: 12}[zoom]


def _unit_start(day: date, zoom: Zoom) -> date:
    size = _unit_months(zoom)
    return date(day.year, (day.month - 1) // size * size + 1, 1)


def quarter_label(day: date) -> str:
    return f"T{(day.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class TimeScale:
    """The calendar's days from `start` to `end` (exclusive) at one zoom."""

    zoom: Zoom
    start: date
    end: date

    @classmethod
    def covering(cls, zoom: Zoom, first: date, last: date) -> "TimeScale":
        """Whole steps of the zoom around `first`…`last`, and a margin at the end (a month,
        else a quarter) for the labels written after the last bars."""
        size = _unit_months(zoom)
        start = _unit_start(first, zoom)
        end = month_start(_unit_start(last, zoom), size + min(size, 3))
        return cls(zoom, start, end)

    @property
    def pixels_per_day(self) -> float:
        return self.zoom.value

    @property
    def width(self) -> int:
        return round((self.end - self.start).days * self.pixels_per_day)

    def x(self, day: date) -> float:
        """The left edge of `day`."""
        return (day - self.start).days * self.pixels_per_day

    def day_at(self, x: float) -> date:
        return self.start + timedelta(days=int(x // self.pixels_per_day))

    def _months(self) -> list[date]:
        months = []
        month = self.start
        while month < self.end:
            months.append(month)
            month = month_start(month, 1)
        return months

    def top_bands(self) -> list[Band]:
        """Years (quarters and their year at the quarter zoom)."""
        months = self._months()
        if self.zoom is Zoom.QUARTER:
            return [Band(m, month_start(m, 3), f"{quarter_label(m)} {m.year}")
                    for m in months if m.month % 3 == 1]
        return [Band(m, date(m.year + 1, 1, 1), str(m.year))
                for m in months if m.month == 1 or m == self.start]

    def bottom_bands(self) -> list[Band]:
        """Months by name, abbreviation or initial (quarters at the year zoom)."""
        months = self._months()
        if self.zoom is Zoom.MONTH:
            return [Band(m, month_start(m, 1), MONTH_NAMES[m.month - 1]) for m in months]
        if self.zoom is Zoom.QUARTER:
            return [Band(m, month_start(m, 1), MONTH_ABBREVIATIONS[m.month - 1])
                    for m in months]
        return [Band(m, month_start(m, 1), MONTH_NAMES[m.month - 1][0].upper())
                for m in months]

    def grid(self) -> list[tuple[date, int]]:
        """Vertical lines: (day, weight) with 2 for a year, 1 for a quarter, 0 for a month."""
        lines = []
        for month in self._months():
            weight = 2 if month.month == 1 else 1 if month.month % 3 == 1 else 0
            lines.append((month, weight))
        return lines
