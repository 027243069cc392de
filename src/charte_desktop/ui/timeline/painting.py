"""Drawing the calendar: header of months, frozen column of actions, bars, milestones.

One painter serves the screen (a window onto the chart, scrolled) and the image and print
outputs (the whole chart, not scrolled), so what is printed is what is seen.
Coordinates: "chart" x is pixels from the scale's first day, "chart" y from the first row;
on the device, the chart starts right of the column of actions and below the header.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QPainter, QPen, QPolygonF

from charte_desktop.db.enums import DisplayStatus
from charte_desktop.formatting import format_date
from charte_desktop.services.timeline import Dating, Timeline, TimelineAction, TimelineMilestone
from charte_desktop.ui.colours import STATUS_COLOURS, STATUS_STRONG_COLOURS
from charte_desktop.ui.timeline.rows import Row, RowLayout
from charte_desktop.ui.timeline.scale import Band, TimeScale

LABEL_WIDTH = 340  # the frozen column of codes and titles, on screen
BAND_HEIGHT = 22
HEADER_HEIGHT = 2 * BAND_HEIGHT
BAR_HEIGHT = 12
MARK_LENGTH = 28  # the mark of an action that has only one of its dates
DIAMOND = 6  # half the diagonal of a milestone's diamond
CODE_WIDTH = 52

TEXT = QColor("#1f2937")
SECONDARY = QColor("#5b6472")
HEADING_BACKGROUND = QColor("#e8edf4")
HEADER_BACKGROUND = QColor("#f6f7f9")
OUTSIDE_PERIOD = QColor("#f3f3f3")
GRID = (QColor("#eceff3"), QColor("#d3d8df"), QColor("#99a2ad"))  # month, quarter, year
BORDER = QColor("#b8bfc8")
TODAY = QColor("#e8590c")
MILESTONE_DONE = QColor("#1a9a6c")
MILESTONE_OVERDUE = STATUS_STRONG_COLOURS[DisplayStatus.LATE]
MILESTONE_DUE = QColor("#374151")
SELECTED = QColor(47, 111, 214, 48)


def milestone_colours(milestone: TimelineMilestone) -> tuple[QColor, QColor]:
    """(fill, outline): filled green when done, red when overdue, hollow when to come."""
    if milestone.done:
        return MILESTONE_DONE, MILESTONE_DONE.darker(130)
    if milestone.overdue:
        return MILESTONE_OVERDUE, MILESTONE_OVERDUE.darker(130)
    return QColor("white"), MILESTONE_DUE


def after_bar_text(action: TimelineAction) -> str:
    """What is written after a bar: progress, and the status when it is not "en cours"."""
    parts = [] if action.dating is Dating.UNDATED else [f"{action.progress} %"]
    if action.status is not DisplayStatus.IN_PROGRESS:
        parts.append(action.status.label.lower())
    if action.dating is Dating.START_ONLY:
        parts.append("fin non renseignée")
    elif action.dating is Dating.END_ONLY:
        parts.insert(0, "début non renseigné")
    elif action.dating is Dating.UNDATED:
        parts.insert(0, "dates non renseignées")
    return " · ".join(parts)


@dataclass(frozen=True)
class BarGeometry:
    left: float  # chart x
    right: float
    open_start: bool  # the start date is missing
    open_end: bool


def bar_geometry(scale: TimeScale, action: TimelineAction) -> BarGeometry | None:
    """Where the action's bar or mark is, in chart x; None when it has no date."""
    start, end = action.start_date, action.end_date
    if start is not None and end is not None:
        left, right = scale.x(start), scale.x(end + timedelta(days=1))
        return BarGeometry(left, max(right, left + 3), False, False)
    if start is not None:
        left = scale.x(start)
        return BarGeometry(left, left + MARK_LENGTH, False, True)
    if end is not None:
        right = scale.x(end + timedelta(days=1))
        return BarGeometry(right - MARK_LENGTH, right, True, False)
    return None


def day_centre(scale: TimeScale, day: date) -> float:
    return scale.x(day) + scale.pixels_per_day / 2


class TimelinePainter:
    """Paints a timeline at a scale; also answers "what is at this point"."""

    def __init__(self, timeline: Timeline, layout: RowLayout, scale: TimeScale, font: QFont,
                 selected_id: int | None = None) -> None:
        self.timeline = timeline
        self.layout = layout
        self.scale = scale
        # Sizes in pixels, as on screen: a printer's 1,200 dpi must not enlarge the text
        # of a calendar that is itself scaled to the page.
        pixels = QFontInfo(font).pixelSize()
        self.font = QFont(font)
        self.font.setPixelSize(pixels)
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self.small = QFont(self.font)
        self.small.setPixelSize(max(pixels - 1, 9))
        self.selected_id = selected_id
        self.label_width = LABEL_WIDTH

    def widen_labels(self, most: int = 2 * LABEL_WIDTH) -> None:
        """Make the column of actions as wide as its longest title (up to `most`): an image
        or a printout has no pointer to show a cut title in a tooltip."""
        bold, plain = QFontMetrics(self.bold), QFontMetrics(self.font)
        needed = LABEL_WIDTH
        for row in self.layout.rows:
            indent = 8 + 14 * row.group.depth
            if row.action is None:
                width = indent + bold.horizontalAdvance(row.group.label)
            else:
                width = indent + CODE_WIDTH + plain.horizontalAdvance(row.action.title)
            needed = max(needed, width + 12)
        self.label_width = min(needed, most)

    # --- sizes and hit tests ------------------------------------------------------------
    def full_width(self) -> int:
        return self.label_width + self.scale.width

    def full_height(self) -> int:
        return HEADER_HEIGHT + self.layout.height + 1

    def bar_hit(self, row: Row, chart_x: float) -> bool:
        """Whether chart x `chart_x` on `row` is on its bar, mark or a milestone."""
        if row.action is None:
            return False
        geometry = bar_geometry(self.scale, row.action)
        if geometry is not None and geometry.left - 3 <= chart_x <= geometry.right + 3:
            return True
        return self.milestone_at(row, chart_x) is not None

    def milestone_at(self, row: Row, chart_x: float) -> TimelineMilestone | None:
        if row.action is None:
            return None
        for milestone in row.action.milestones:
            if milestone.due_date is not None and abs(
                day_centre(self.scale, milestone.due_date) - chart_x
            ) <= DIAMOND + 1:
                return milestone
        return None

    # --- painting ------------------------------------------------------------------------
    def paint(self, painter: QPainter, width: int, height: int, scroll_x: int = 0,
              scroll_y: int = 0) -> None:
        """Paint a `width` × `height` window whose chart is scrolled by (scroll_x, scroll_y);
        the header and the column of actions stay in place."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(QRectF(0, 0, width, height), QColor("white"))
        rows = self.layout.visible(scroll_y, scroll_y + height - HEADER_HEIGHT)
        column = self.label_width
        chart = QRectF(column, HEADER_HEIGHT, width - column, height - HEADER_HEIGHT)
        painter.save()
        painter.setClipRect(chart)
        painter.translate(self.label_width - scroll_x, HEADER_HEIGHT - scroll_y)
        self._chart(painter, rows, scroll_x, scroll_x + chart.width())
        painter.restore()

        painter.save()
        painter.setClipRect(QRectF(self.label_width, 0, width - self.label_width, HEADER_HEIGHT))
        painter.translate(self.label_width - scroll_x, 0)
        self._header(painter, scroll_x, scroll_x + chart.width())
        painter.restore()

        painter.save()
        painter.setClipRect(QRectF(0, HEADER_HEIGHT, self.label_width, height - HEADER_HEIGHT))
        painter.translate(0, HEADER_HEIGHT - scroll_y)
        self._labels(painter, rows)
        painter.restore()

        self._corner(painter)
        painter.setPen(QPen(BORDER, 1))
        painter.drawLine(QPointF(column - 0.5, 0), QPointF(column - 0.5, height))
        painter.drawLine(QPointF(0, HEADER_HEIGHT - 0.5), QPointF(width, HEADER_HEIGHT - 0.5))
        painter.restore()

    def _chart(self, painter: QPainter, rows: range, left: float, right: float) -> None:
        scale, layout = self.scale, self.layout
        bottom = layout.height
        period_start, period_end = self.timeline.period_start, self.timeline.period_end
        if period_start is not None:
            painter.fillRect(QRectF(0, 0, scale.x(period_start), bottom), OUTSIDE_PERIOD)
        if period_end is not None:
            x = scale.x(period_end + timedelta(days=1))
            painter.fillRect(QRectF(x, 0, scale.width - x, bottom), OUTSIDE_PERIOD)
        for index in rows:
            row = layout.rows[index]
            if row.action is None:
                painter.fillRect(QRectF(left, row.top, right - left, row.height),
                                 HEADING_BACKGROUND)
            elif row.action.id == self.selected_id:
                painter.fillRect(QRectF(left, row.top, right - left, row.height), SELECTED)
        painter.setPen(QPen(GRID[0], 1))
        for index in rows:
            row_bottom = layout.rows[index].bottom - 0.5
            painter.drawLine(QPointF(left, row_bottom), QPointF(right, row_bottom))
        for day, weight in scale.grid():
            x = scale.x(day)
            if left - 2 <= x <= right + 2:
                painter.setPen(QPen(GRID[weight], 1))
                painter.drawLine(QPointF(x + 0.5, 0), QPointF(x + 0.5, bottom))
        actions = [row for row in (layout.rows[i] for i in rows) if row.action is not None]
        for row in actions:
            self._marks(painter, row, left - MARK_LENGTH, right + MARK_LENGTH)
        if scale.start <= self.timeline.today < scale.end:  # over the bars, under the texts
            # On the pixel grid: a 2-pixel line at a fractional x would blur into a pale
            # 3-pixel one on some days.
            x = float(math.floor(day_centre(scale, self.timeline.today) + 0.5))
            painter.setPen(QPen(TODAY, 2))
            painter.drawLine(QPointF(x, 0), QPointF(x, bottom))
        painter.setFont(self.small)
        for row in actions:
            self._after_bar(painter, row, left)

    def _marks(self, painter: QPainter, row: Row, left: float, right: float) -> None:
        """The action's bar (or mark) and its milestones, as far as `left`…`right` shows."""
        action = row.action
        assert action is not None
        middle = row.top + row.height / 2
        geometry = bar_geometry(self.scale, action)
        if geometry is not None and geometry.right >= left and geometry.left <= right:
            self._bar(painter, geometry, middle, action, STATUS_STRONG_COLOURS[action.status],
                      left, right)
        for milestone in action.milestones:
            if milestone.due_date is not None:
                x = day_centre(self.scale, milestone.due_date)
                if left <= x <= right:
                    self._diamond(painter, x, middle, milestone)

    def _after_bar(self, painter: QPainter, row: Row, left: float) -> None:
        """Progress and status, right of the bar and of the last milestone."""
        action = row.action
        assert action is not None
        strong = STATUS_STRONG_COLOURS[action.status]
        geometry = bar_geometry(self.scale, action)
        text_x = left + 8 if geometry is None else geometry.right + 6
        last_mark = max((day_centre(self.scale, m.due_date) for m in action.milestones
                         if m.due_date is not None), default=None)
        if last_mark is not None:
            text_x = max(text_x, last_mark + DIAMOND + 4)
        text_x = max(text_x, left + 8)  # a bar ended out of sight still says where it is
        painter.setPen(strong.darker(115) if action.late else SECONDARY)
        painter.drawText(QRectF(text_x, row.top, 2000, row.height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         after_bar_text(action))

    def _bar(self, painter: QPainter, geometry: BarGeometry, middle: float,
             action: TimelineAction, strong: QColor, left: float, right: float) -> None:
        top = middle - BAR_HEIGHT / 2
        if geometry.open_start or geometry.open_end:
            # Only one date: a bracket on that day and a dashed line towards the unknown one.
            painter.setPen(QPen(strong, 2))
            edge = geometry.left if geometry.open_end else geometry.right
            inward = 4 if geometry.open_end else -4
            painter.drawPolyline(QPolygonF([
                QPointF(edge + inward, top), QPointF(edge, top),
                QPointF(edge, top + BAR_HEIGHT), QPointF(edge + inward, top + BAR_HEIGHT),
            ]))
            painter.setPen(QPen(strong, 2, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(geometry.left + (6 if geometry.open_end else 0), middle),
                             QPointF(geometry.right - (0 if geometry.open_end else 6), middle))
            return
        # Only the part in sight is drawn (antialiasing a bar 8,000 points long is slow);
        # `left` and `right` lie a mark's length outside the view, so cut ends stay unseen.
        start, end = max(geometry.left, left), min(geometry.right, right)
        rect = QRectF(start, top, end - start, BAR_HEIGHT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(STATUS_COLOURS[action.status])
        painter.drawRoundedRect(rect, 3, 3)
        progress_end = geometry.left + (geometry.right - geometry.left) * action.progress / 100
        if action.progress > 0 and progress_end > start:
            done = QRectF(start, top, min(progress_end, end) - start, BAR_HEIGHT)
            painter.setBrush(strong)
            painter.drawRoundedRect(done, 3, 3)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(strong, 1))
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)

    def _diamond(self, painter: QPainter, x: float, y: float,
                 milestone: TimelineMilestone) -> None:
        fill, outline = milestone_colours(milestone)
        painter.setPen(QPen(outline, 1.5))
        painter.setBrush(fill)
        painter.drawPolygon(QPolygonF([QPointF(x, y - DIAMOND), QPointF(x + DIAMOND, y),
                                       QPointF(x, y + DIAMOND), QPointF(x - DIAMOND, y)]))
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _header(self, painter: QPainter, left: float, right: float) -> None:
        scale = self.scale
        painter.fillRect(QRectF(left, 0, right - left, HEADER_HEIGHT), HEADER_BACKGROUND)
        painter.setFont(self.bold)
        self._bands(painter, scale.top_bands(), 0, left, right, sticky=True)
        painter.setFont(self.font)
        self._bands(painter, scale.bottom_bands(), BAND_HEIGHT, left, right, sticky=False)
        painter.setPen(QPen(GRID[1], 1))
        painter.drawLine(QPointF(left, BAND_HEIGHT - 0.5), QPointF(right, BAND_HEIGHT - 0.5))
        if scale.start <= self.timeline.today < scale.end:
            x = day_centre(scale, self.timeline.today)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TODAY)
            painter.drawPolygon(QPolygonF([
                QPointF(x - 6, HEADER_HEIGHT - 8), QPointF(x + 6, HEADER_HEIGHT - 8),
                QPointF(x, HEADER_HEIGHT),
            ]))
            painter.setBrush(Qt.BrushStyle.NoBrush)

    def _bands(self, painter: QPainter, bands: list[Band], top: float, left: float,
               right: float, *, sticky: bool) -> None:
        metrics = QFontMetrics(painter.font())
        for band in bands:
            x0, x1 = self.scale.x(band.start), self.scale.x(band.end)
            if x1 < left or x0 > right:
                continue
            painter.setPen(QPen(GRID[2] if sticky else GRID[1], 1))
            painter.drawLine(QPointF(x0 + 0.5, top), QPointF(x0 + 0.5, top + BAND_HEIGHT))
            width = metrics.horizontalAdvance(band.label)
            if width + 4 > x1 - x0:
                continue  # never a cut label
            if sticky:  # a year's name stays in sight while its months scroll by
                x = min(max(x0, left) + 6, x1 - width - 6)
                x = max(x, x0 + 6)
            else:
                x = (x0 + x1 - width) / 2
            painter.setPen(TEXT)
            painter.drawText(QRectF(x, top, width + 2, BAND_HEIGHT),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             band.label)

    def _labels(self, painter: QPainter, rows: range) -> None:
        for index in rows:
            row = self.layout.rows[index]
            rect = QRectF(0, row.top, self.label_width, row.height)
            action = row.action
            if action is None:
                painter.fillRect(rect, HEADING_BACKGROUND)
                painter.setFont(self.bold)
                painter.setPen(TEXT)
                indent = 8 + 14 * row.group.depth
                text = QFontMetrics(self.bold).elidedText(
                    row.group.label, Qt.TextElideMode.ElideRight, self.label_width - indent - 6)
                painter.drawText(rect.adjusted(indent, 0, 0, 0),
                                 Qt.AlignmentFlag.AlignVCenter, text)
                continue
            if action.id == self.selected_id:
                painter.fillRect(rect, SELECTED)
            indent = 8 + 14 * row.group.depth
            painter.setFont(self.bold)
            painter.setPen(STATUS_STRONG_COLOURS[DisplayStatus.LATE] if action.late else TEXT)
            code = QFontMetrics(self.bold).elidedText(action.code, Qt.TextElideMode.ElideRight,
                                                      CODE_WIDTH - 4)
            painter.drawText(rect.adjusted(indent, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, code)
            painter.setFont(self.font)
            painter.setPen(TEXT)
            title_left = indent + CODE_WIDTH
            title = QFontMetrics(self.font).elidedText(
                action.title, Qt.TextElideMode.ElideRight, self.label_width - title_left - 6)
            painter.drawText(rect.adjusted(title_left, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                             title)
            painter.setPen(QPen(GRID[0], 1))
            line = row.bottom - 0.5
            painter.drawLine(QPointF(0, line), QPointF(self.label_width, line))

    def _corner(self, painter: QPainter) -> None:
        painter.fillRect(QRectF(0, 0, self.label_width, HEADER_HEIGHT), HEADER_BACKGROUND)
        painter.setFont(self.bold)
        painter.setPen(TEXT)
        painter.drawText(QRectF(8, 0, self.label_width - 16, BAND_HEIGHT),
                         Qt.AlignmentFlag.AlignVCenter, "Axes et actions")
        painter.setFont(self.font)
        painter.setPen(TODAY.darker(120))
        painter.drawText(QRectF(8, BAND_HEIGHT, self.label_width - 16, BAND_HEIGHT),
                         Qt.AlignmentFlag.AlignVCenter,
                         f"Aujourd'hui : {format_date(self.timeline.today)}")
