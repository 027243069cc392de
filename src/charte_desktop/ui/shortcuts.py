"""Keyboard shortcuts made one way.

PySide6's QShortcut(key, parent, callable, context=…) ignores `context` (the shortcut
then works in the whole window), and its stubs do not know the `activated=` keyword:
build, scope, then connect.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut


def add_shortcut(key: QKeySequence.StandardKey, parent: QObject, action: Callable[[], object],
                 context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QShortcut:
    shortcut = QShortcut(key, parent)
    shortcut.setContext(context)
    shortcut.activated.connect(action)
    return shortcut
