"""Colours that back up (never replace) the words: statuses are always written too."""

from PySide6.QtGui import QColor

from charte_desktop.colours import STATUS_FILLS
from charte_desktop.db.enums import DisplayStatus

STATUS_COLOURS: dict[DisplayStatus, QColor] = {
    status: QColor(fill) for status, fill in STATUS_FILLS.items()
}
LATE = STATUS_COLOURS[DisplayStatus.LATE]
