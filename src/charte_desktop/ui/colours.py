"""Colours that back up (never replace) the words: statuses are always written too."""

from PySide6.QtGui import QColor

from charte_desktop.colours import STATUS_FILLS, STATUS_STRONG
from charte_desktop.db.enums import DisplayStatus

STATUS_COLOURS: dict[DisplayStatus, QColor] = {
    status: QColor(fill) for status, fill in STATUS_FILLS.items()
}
LATE = STATUS_COLOURS[DisplayStatus.LATE]
STATUS_STRONG_COLOURS: dict[DisplayStatus, QColor] = {
    status: QColor(colour) for status, colour in STATUS_STRONG.items()
}
