"""Colours that back up (never replace) the words: statuses are always written too."""

from PySide6.QtGui import QColor

from charte_desktop.db.enums import DisplayStatus

STATUS_COLOURS: dict[DisplayStatus, QColor] = {
    DisplayStatus.TO_START: QColor("#eef0f3"),
    DisplayStatus.IN_PROGRESS: QColor("#dbeafe"),
    DisplayStatus.DONE: QColor("#d1fae5"),
    DisplayStatus.LATE: QColor("#fbd5d5"),
    DisplayStatus.SUSPENDED: QColor("#fdf0c4"),
    DisplayStatus.ABANDONED: QColor("#e2e2e2"),
}
LATE = STATUS_COLOURS[DisplayStatus.LATE]
