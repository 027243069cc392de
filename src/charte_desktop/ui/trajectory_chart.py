"""An indicator's measurements drawn against the straight trajectory from its baseline to
its target (QtCharts is not in PySide6-Essentials, and one line chart is little code)."""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from charte_desktop import clock
from charte_desktop.exports.chart_image import nice_step  # one rule for window and paper
from charte_desktop.formatting import format_date, format_number

MEASURE_COLOUR = QColor("#1d4ed8")
TRAJECTORY_COLOUR = QColor("#6b7280")
TARGET_COLOUR = QColor("#047857")
TODAY_COLOUR = QColor("#b91c1c")
GRID_COLOUR = QColor("#e5e7eb")
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 70, 20, 34, 44


@dataclass(frozen=True)
class ChartData:
    title: str
    unit: str
    measurements: list[tuple[date, Decimal]]  # oldest first
    baseline: tuple[date, Decimal] | None
    target: tuple[date, Decimal] | None

    @property
    def trajectory(self) -> tuple[tuple[date, Decimal], tuple[date, Decimal]] | None:
        if self.baseline is None or self.target is None:
            return None
        return self.baseline, self.target

    def is_empty(self) -> bool:
        return not self.measurements and self.trajectory is None


class TrajectoryChart(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.data: ChartData | None = None
        self._bounds: tuple[date, date, float, float] | None = None
        self.today = clock.today()
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Graphique des mesures et de la trajectoire")

    def sizeHint(self) -> QSize:
        return QSize(520, 260)

    def set_data(self, data: ChartData | None) -> None:
        self.data = data
        self._bounds = None if data is None or data.is_empty() else self._compute_bounds()
        self.setToolTip(self.describe())
        self.update()

    def describe(self) -> str:
        """What the chart shows, in words (tooltip and screen readers)."""
        data = self.data
        if data is None or data.is_empty():
            return "Aucune mesure ni trajectoire à afficher."
        parts = [f"{len(data.measurements)} mesure(s)"]
        if data.trajectory is not None:
            (start, low), (end, high) = data.trajectory
            parts.append(f"trajectoire de {format_number(low)} le {format_date(start)} "
                         f"à {format_number(high)} le {format_date(end)}")
        return ", ".join(parts) + "."

    # --- geometry (also used by the tests) -------------------------------------------------
    def bounds(self) -> tuple[date, date, float, float]:
        """Dates and values the axes cover (read once per data, not once per point)."""
        assert self._bounds is not None
        return self._bounds

    def _compute_bounds(self) -> tuple[date, date, float, float]:
        assert self.data is not None
        points = list(self.data.measurements)
        if self.data.trajectory is not None:
            points.extend(self.data.trajectory)
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

    def plot_area(self) -> QRectF:
        return QRectF(MARGIN_LEFT, MARGIN_TOP, max(10, self.width() - MARGIN_LEFT - MARGIN_RIGHT),
                      max(10, self.height() - MARGIN_TOP - MARGIN_BOTTOM))

    def to_point(self, on: date, value: Decimal | float) -> QPointF:
        first, last, low, high = self.bounds()
        area = self.plot_area()
        x = area.left() + area.width() * (on - first).days / max(1, (last - first).days)
        y = area.bottom() - area.height() * (float(value) - low) / (high - low)
        return QPointF(x, y)

    def measurement_points(self) -> list[QPointF]:
        assert self.data is not None
        return [self.to_point(d, v) for d, v in self.data.measurements]

    # --- painting -----------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        data = self.data
        if data is None or data.is_empty():
            painter.setPen(TRAJECTORY_COLOUR)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "Pas encore de mesure ni de trajectoire (référence et cible).")
            painter.end()
            return
        self._paint_grid(painter)
        self._paint_trajectory(painter)
        self._paint_measurements(painter)
        self._paint_legend(painter)
        painter.end()

    def _paint_grid(self, painter: QPainter) -> None:
        first, last, low, high = self.bounds()
        area = self.plot_area()
        metrics = painter.fontMetrics()
        step = nice_step(high - low)
        value = low
        while value <= high + step / 1000:
            y = self.to_point(first, value).y()
            painter.setPen(QPen(GRID_COLOUR, 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(Qt.GlobalColor.black)
            label = format_number(Decimal(str(round(value, 6))).normalize())
            painter.drawText(QRectF(0, y - 8, MARGIN_LEFT - 6, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            value += step
        # Dates: the first and last, and 1st January of the years in between.
        marks = [first, *(date(y, 1, 1) for y in range(first.year + 1, last.year + 1)), last]
        previous_right = -1e9
        for on in marks:
            x = self.to_point(on, low).x()
            label = format_date(on)
            width = metrics.horizontalAdvance(label)
            left = min(max(x - width / 2, area.left() - 30), self.width() - width - 2)
            if left <= previous_right + 6:
                continue
            painter.setPen(QPen(GRID_COLOUR, 1))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(QPointF(left, area.bottom() + 18), label)
            previous_right = left + width
        painter.setPen(QPen(Qt.GlobalColor.black, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        if first < self.today < last:
            x = self.to_point(self.today, low).x()
            painter.setPen(QPen(TODAY_COLOUR, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.drawText(QPointF(x + 3, area.top() + 12), "aujourd'hui")

    def _paint_trajectory(self, painter: QPainter) -> None:
        assert self.data is not None
        if self.data.trajectory is None:
            return
        (start, low), (end, high) = self.data.trajectory
        painter.setPen(QPen(TRAJECTORY_COLOUR, 2, Qt.PenStyle.DashLine))
        painter.drawLine(self.to_point(start, low), self.to_point(end, high))
        target = self.to_point(end, high)
        painter.setPen(QPen(TARGET_COLOUR, 2))
        painter.setBrush(TARGET_COLOUR)
        painter.drawEllipse(target, 5, 5)

    def _paint_measurements(self, painter: QPainter) -> None:
        points = self.measurement_points()
        if not points:
            return
        painter.setPen(QPen(MEASURE_COLOUR, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(QPolygonF(points))
        painter.setBrush(MEASURE_COLOUR)
        for point in points:
            painter.drawEllipse(point, 3.5, 3.5)

    def _paint_legend(self, painter: QPainter) -> None:
        assert self.data is not None
        x, y = float(MARGIN_LEFT), 14.0
        unit = f" ({self.data.unit})" if self.data.unit else ""
        items = [(MEASURE_COLOUR, Qt.PenStyle.SolidLine, f"Mesures{unit}")]
        if self.data.trajectory is not None:
            items.append((TRAJECTORY_COLOUR, Qt.PenStyle.DashLine, "Trajectoire vers la cible"))
        for colour, style, text in items:
            painter.setPen(QPen(colour, 2, style))
            painter.drawLine(QPointF(x, y), QPointF(x + 24, y))
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(QPointF(x + 30, y + 4), text)
            x += 44 + painter.fontMetrics().horizontalAdvance(text)
