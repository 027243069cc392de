"""The calendar on screen: scrolled under a fixed header and column, with a selection the
keyboard moves, bars that open their fiche and tooltips."""

from collections.abc import Collection, Mapping, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from charte_desktop.formatting import format_long_date
from charte_desktop.services.timeline import Timeline
from charte_desktop.ui.timeline.painting import (
    HEADER_HEIGHT,
    LABEL_WIDTH,
    TimelinePainter,
    bar_geometry,
    day_centre,
)
from charte_desktop.ui.timeline.rows import Row, RowLayout, kept_groups
from charte_desktop.ui.timeline.scale import TimeScale, Zoom
from charte_desktop.ui.timeline.tooltips import action_tooltip, milestone_tooltip

SCROLL_STEP = 26


class TimelineView(QAbstractScrollArea):
    """Shows a Timeline; `selected` tells the chosen action, `activated` asks to open it."""

    selected = Signal(object)  # the action id, or None
    activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: Timeline | None = None
        self.zoom = Zoom.QUARTER
        self.layout_: RowLayout = RowLayout([])
        self.painter_: TimelinePainter | None = None
        self.selected_id: int | None = None
        # Why each late action is late (services.late_reasons), for its bar's tooltip.
        self.late_reasons: Mapping[int, Sequence[str]] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Calendrier des actions")
        self.viewport().setMouseTracking(True)
        self.horizontalScrollBar().setSingleStep(SCROLL_STEP)
        self.verticalScrollBar().setSingleStep(SCROLL_STEP)

    # --- content ---------------------------------------------------------------------------
    def set_timeline(self, timeline: Timeline, ids: Collection[int] | None = None) -> None:
        """Show `timeline`, restricted to the actions in `ids` when given."""
        first_time = self.timeline is None
        self.timeline = timeline
        self.layout_ = RowLayout(kept_groups(timeline.groups, ids))
        self._rebuild()
        if first_time:
            self.scroll_to_date(timeline.today)
        if self.selected_id is not None and self.layout_.index_of(self.selected_id) < 0:
            self.selected_id = None
            self.selected.emit(None)
        self._sync_selection()

    def set_zoom(self, zoom: Zoom) -> None:
        """Change the scale, keeping the day in the middle of the view in the middle."""
        if zoom is self.zoom:
            return
        middle = self.date_at_middle()
        self.zoom = zoom
        self._rebuild()
        if middle is not None:
            self.scroll_to_date(middle)

    def scale(self) -> TimeScale | None:
        return self.painter_.scale if self.painter_ is not None else None

    def action_ids(self) -> list[int]:
        """The actions shown, top to bottom."""
        return [row.action.id for row in self.layout_.rows if row.action is not None]

    def rows(self) -> list[Row]:
        return self.layout_.rows

    def _rebuild(self) -> None:
        if self.timeline is None:
            return
        scale = TimeScale.covering(self.zoom, self.timeline.first, self.timeline.last)
        self.painter_ = TimelinePainter(self.timeline, self.layout_, scale, self.font(),
                                        self.selected_id)
        self._update_scroll_bars()
        self.viewport().update()

    def _update_scroll_bars(self) -> None:
        if self.painter_ is None:
            return
        size = self.viewport().size()
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        horizontal.setRange(0, max(self.painter_.full_width() - size.width(), 0))
        horizontal.setPageStep(max(size.width() - LABEL_WIDTH, 1))
        vertical.setRange(0, max(self.painter_.full_height() - size.height(), 0))
        vertical.setPageStep(max(size.height() - HEADER_HEIGHT, 1))

    # --- scrolling --------------------------------------------------------------------------
    def date_at_middle(self) -> date | None:
        scale = self.scale()
        if scale is None:
            return None
        width = self.viewport().width() - LABEL_WIDTH
        return scale.day_at(self.horizontalScrollBar().value() + max(width, 0) / 2)

    def scroll_to_date(self, day: date) -> None:
        """Put `day` in the middle of the chart (as far as the scroll bar goes)."""
        scale = self.scale()
        if scale is None:
            return
        width = self.viewport().width() - LABEL_WIDTH
        self.horizontalScrollBar().setValue(round(day_centre(scale, day) - max(width, 0) / 2))

    def ensure_row_visible(self, index: int) -> None:
        row = self.layout_.rows[index]
        bar = self.verticalScrollBar()
        height = self.viewport().height() - HEADER_HEIGHT
        if row.top < bar.value():
            bar.setValue(row.top)
        elif row.bottom > bar.value() + height:
            bar.setValue(row.bottom - height)

    def ensure_bar_visible(self, index: int) -> None:
        """Scroll sideways to the start of the row's bar when it is out of sight."""
        row = self.layout_.rows[index]
        scale = self.scale()
        if row.action is None or scale is None:
            return
        geometry = bar_geometry(scale, row.action)
        if geometry is None:
            return
        bar = self.horizontalScrollBar()
        width = self.viewport().width() - LABEL_WIDTH
        if geometry.right < bar.value() or geometry.left > bar.value() + width:
            bar.setValue(round(geometry.left - 40))

    # --- selection ------------------------------------------------------------------------
    def select(self, action_id: int | None, *, notify: bool = False,
               reveal_bar: bool = True) -> bool:
        """Select the action (None: nothing) and bring its row (and bar) into view."""
        index = self.layout_.index_of(action_id) if action_id is not None else -1
        if action_id is not None and index < 0:
            return False
        changed = action_id != self.selected_id
        self.selected_id = action_id
        self._sync_selection()
        if index >= 0:
            self.ensure_row_visible(index)
            if reveal_bar:
                self.ensure_bar_visible(index)
        if changed and notify:
            self.selected.emit(action_id)
        return True

    def _sync_selection(self) -> None:
        if self.painter_ is not None:
            self.painter_.selected_id = self.selected_id
        self.viewport().update()

    def _move_selection(self, steps: int) -> None:
        indexes = self.layout_.action_indexes()
        if not indexes:
            return
        current = self.layout_.index_of(self.selected_id) if self.selected_id else -1
        if current in indexes:
            position = min(max(indexes.index(current) + steps, 0), len(indexes) - 1)
        else:
            position = 0 if steps > 0 else len(indexes) - 1
        action = self.layout_.rows[indexes[position]].action
        if action is not None:
            self.select(action.id, notify=True)

    # --- events -------------------------------------------------------------------------------
    def _row_at(self, point: QPoint) -> tuple[Row | None, float]:
        """The row under a viewport point, and the chart x there."""
        if point.y() < HEADER_HEIGHT:
            return None, 0.0
        index = self.layout_.index_at(point.y() - HEADER_HEIGHT + self.verticalScrollBar().value())
        chart_x = point.x() - LABEL_WIDTH + self.horizontalScrollBar().value()
        return (self.layout_.rows[index] if index >= 0 else None), chart_x

    def bar_point(self, action_id: int) -> QPoint | None:
        """A viewport point on the action's bar (or first milestone), if any is drawn."""
        index = self.layout_.index_of(action_id)
        scale = self.scale()
        if index < 0 or scale is None:
            return None
        row = self.layout_.rows[index]
        assert row.action is not None
        geometry = bar_geometry(scale, row.action)
        if geometry is not None:
            chart_x = (geometry.left + geometry.right) / 2
        else:
            dated = [m.due_date for m in row.action.milestones if m.due_date is not None]
            if not dated:
                return None
            chart_x = day_centre(scale, dated[0])
        x = chart_x + LABEL_WIDTH - self.horizontalScrollBar().value()
        y = row.top + row.height / 2 + HEADER_HEIGHT - self.verticalScrollBar().value()
        return QPoint(round(x), round(y))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        row, chart_x = self._row_at(event.position().toPoint())
        if row is None or row.action is None:
            return
        self.select(row.action.id, notify=True)
        on_chart = event.position().x() >= LABEL_WIDTH
        if on_chart and self.painter_ is not None and self.painter_.bar_hit(row, chart_x):
            self.activated.emit(row.action.id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        row, chart_x = self._row_at(event.position().toPoint())
        if row is None or row.action is None:
            return
        on_bar = (event.position().x() >= LABEL_WIDTH and self.painter_ is not None
                  and self.painter_.bar_hit(row, chart_x))
        if not on_bar:  # a click on a bar has already opened it
            self.activated.emit(row.action.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        page = max((self.viewport().height() - HEADER_HEIGHT) // 26 - 1, 1)
        moves = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: page,
                 Qt.Key.Key_PageUp: -page, Qt.Key.Key_Home: -10**9, Qt.Key.Key_End: 10**9}
        if key in moves:
            self._move_selection(moves[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.selected_id is not None:
                self.activated.emit(self.selected_id)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            bar = self.horizontalScrollBar()
            step = bar.pageStep() // 4 if event.modifiers() else SCROLL_STEP * 2
            bar.setValue(bar.value() + (step if key == Qt.Key.Key_Right else -step))
        else:
            super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, point: QPoint) -> str:
        row, chart_x = self._row_at(point)
        if row is None or row.action is None or self.painter_ is None:
            if row is not None:
                return row.group.label
            return self._date_tooltip(point)
        if point.x() >= LABEL_WIDTH:
            milestone = self.painter_.milestone_at(row, chart_x)
            if milestone is not None:
                return milestone_tooltip(row.action, milestone)
        return action_tooltip(row.action, self.late_reasons.get(row.action.id, ()))

    def _date_tooltip(self, point: QPoint) -> str:
        scale = self.scale()
        if scale is None or point.x() < LABEL_WIDTH:
            return ""
        day = scale.day_at(point.x() - LABEL_WIDTH + self.horizontalScrollBar().value())
        if not scale.start <= day < scale.end:
            return ""
        week = day - timedelta(days=day.weekday())
        return f"{format_long_date(day).capitalize()} (semaine du {week.strftime('%d/%m')})"

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scroll_bars()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        if self.painter_ is None:
            painter.end()
            return
        size = self.viewport().size()
        self.painter_.paint(painter, size.width(), size.height(),
                            self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        if not self.layout_.rows:
            painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(self.viewport().rect().adjusted(0, HEADER_HEIGHT, 0, 0),
                             Qt.AlignmentFlag.AlignCenter,
                             "Aucune action ne correspond aux filtres.")
        painter.end()
