"""Colours that back up (never replace) the words: statuses are always written too."""

from PySide6.QtGui import QColor

from charte_desktop.colours import STATUS_FILLS
from charte_desktop.db.enums import DisplayStatus

STATUS_COLOURS: dict[DisplayStatus, QColor] = {
    status: QColor(fill) for status, fill in STATUS_FILLS.items()
}
LATE = STATUS_COLOURS[DisplayStatus.LATE]
# Their strong companions, for lines, marks and fills drawn on white (calendar bars).
STATUS_STRONG_COLOURS: dict[DisplayStatus, QColor] = {
    DisplayStatus.TO_START: QColor("#8a94a3"),
    DisplayStatus.IN_PROGRESS: QColor("#2f6fd6"),
    DisplayStatus.DONE: QColor("#1a9a6c"),
    DisplayStatus.LATE: QColor("#c62828"),
    DisplayStatus.SUSPENDED: QColor("#c98a06"),
    DisplayStatus.ABANDONED: QColor("#9a9a9a"),
}
LATE_STRONG = STATUS_STRONG_COLOURS[DisplayStatus.LATE]
