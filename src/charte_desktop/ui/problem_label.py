"""The line under a form field where its problem is written.

It keeps its place when empty and is one line high, so a message appearing or going
away never moves the fields below it; a message longer than the field is cut with "…"
and given whole in its tooltip (and `text()`, for screen readers and tests).
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

PROBLEM_COLOUR = "#b00020"


class ElidedLabel(QLabel):
    """One line of text, cut with "…" where the space ends; whole in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def is_cut(self) -> bool:
        """Whether the text is longer than the label shows."""
        return self.fontMetrics().horizontalAdvance(self.text()) > max(self.width(), 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                              self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft
                                          | Qt.AlignmentFlag.AlignVCenter), shown)


class ProblemLabel(ElidedLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(PROBLEM_COLOUR))
        self.setPalette(palette)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    def show_problem(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))
