"""Guard against a Qt binding that corrupts reference counts (PySide6 6.12.0 did)."""

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_references_to_none(qtbot: QtBot) -> None:
    # With PySide6 6.12.0 each call below dropped one reference to None; after a few
    # thousand calls of an ordinary working session Python aborted ("none_dealloc").
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("Réunion du COPIL")
    assert sys.getrefcount(None) - before > -100
